# The schemetric::exporter target: the HTTP exporter header plus standalone Asio, zlib, threads.
#
# Included by the top-level CMakeLists.txt after the `schemetric` target exists. Consumers link
# `schemetric::exporter` only in the translation unit(s) that start the exporter; the rest of
# the library never needs Asio. With SCHEMETRIC_ENABLED=OFF the exporter header is an empty
# type that includes neither Asio nor zlib, so neither dependency is looked for.

list(APPEND CMAKE_MODULE_PATH "${CMAKE_CURRENT_LIST_DIR}")
list(REMOVE_DUPLICATES CMAKE_MODULE_PATH)

if(NOT TARGET schemetric)
  message(FATAL_ERROR "schemetric_exporter.cmake: include it after add_library(schemetric ...)")
endif()

# Whether the exporter is compiled in (the tests read this too).
if(DEFINED SCHEMETRIC_ENABLED AND NOT SCHEMETRIC_ENABLED)
  set(SCHEMETRIC_EXPORTER_COMPILED_IN OFF)
else()
  set(SCHEMETRIC_EXPORTER_COMPILED_IN ON)
endif()

add_library(schemetric_exporter INTERFACE)
add_library(schemetric::exporter ALIAS schemetric_exporter)
# Installed/exported as schemetric::exporter (an install(EXPORT) with NAMESPACE schemetric::).
set_target_properties(schemetric_exporter PROPERTIES EXPORT_NAME exporter)

if(SCHEMETRIC_EXPORTER_COMPILED_IN)
  find_package(Threads REQUIRED)
  find_package(Asio 1.18 REQUIRED)
  find_package(ZLIB REQUIRED)
  target_link_libraries(schemetric_exporter INTERFACE
    schemetric Asio::Asio ZLIB::ZLIB Threads::Threads)
  # Asio's handler invocation uses std::atomic_thread_fence (asio/detail/std_fenced_block.hpp),
  # which GCC >= 12 flags under -fsanitize=thread (-Wtsan: TSan does not model fences); with
  # -Werror that breaks every TSan build that includes the exporter. Asio's scheduler also
  # synchronizes through mutexes, so TSan's reports stay meaningful. Only affects GCC + TSan.
  target_compile_options(schemetric_exporter INTERFACE
    "$<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_GREATER_EQUAL:$<CXX_COMPILER_VERSION>,12>>:-Wno-tsan>")
else()
  target_link_libraries(schemetric_exporter INTERFACE schemetric)
endif()

# schemetric::exporter_tls: the exporter with TLS and basic auth (schemetric/tls_exporter.hpp),
# for programs that serve a web config file. It alone pulls in OpenSSL and libxcrypt; the plain
# exporter and the core never do. Defined only when both are found (Debian: libssl-dev,
# libcrypt-dev); SCHEMETRIC_EXPORTER_TLS_FOUND says whether it exists.
set(SCHEMETRIC_EXPORTER_TLS_FOUND OFF)
if(SCHEMETRIC_EXPORTER_COMPILED_IN)
  find_package(OpenSSL 1.1.1)
  find_package(Crypt)
  if(OpenSSL_FOUND AND Crypt_FOUND)
    set(SCHEMETRIC_EXPORTER_TLS_FOUND ON)
    add_library(schemetric_exporter_tls INTERFACE)
    target_link_libraries(schemetric_exporter_tls INTERFACE
      schemetric_exporter OpenSSL::SSL OpenSSL::Crypto Crypt::Crypt)
  else()
    message(STATUS "schemetric: OpenSSL or libxcrypt not found; schemetric::exporter_tls not defined")
  endif()
else()
  set(SCHEMETRIC_EXPORTER_TLS_FOUND ON)  # compiled out: an empty type that needs neither
  add_library(schemetric_exporter_tls INTERFACE)
  target_link_libraries(schemetric_exporter_tls INTERFACE schemetric_exporter)
endif()
if(TARGET schemetric_exporter_tls)
  add_library(schemetric::exporter_tls ALIAS schemetric_exporter_tls)
  set_target_properties(schemetric_exporter_tls PROPERTIES EXPORT_NAME exporter_tls)
endif()
