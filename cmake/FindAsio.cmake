# Finds standalone Asio (header-only, ships no CMake package) and defines Asio::Asio.
#
# Result variables: Asio_FOUND, Asio_INCLUDE_DIR, Asio_VERSION.
# Imported target: Asio::Asio (INTERFACE): the include directory, ASIO_STANDALONE and
# Threads::Threads (Asio's scheduler uses threads and their synchronization primitives).
# Hint: set Asio_ROOT or Asio_INCLUDE_DIR to a directory holding asio.hpp.

find_path(Asio_INCLUDE_DIR NAMES asio.hpp DOC "Directory containing standalone Asio's asio.hpp")
mark_as_advanced(Asio_INCLUDE_DIR)

if(Asio_INCLUDE_DIR AND EXISTS "${Asio_INCLUDE_DIR}/asio/version.hpp")
  # "#define ASIO_VERSION 102200 // 1.22.0": major * 100000 + minor * 100 + patch
  file(STRINGS "${Asio_INCLUDE_DIR}/asio/version.hpp" _asio_version_line
       REGEX "^#define ASIO_VERSION [0-9]+")
  string(REGEX MATCH "[0-9]+" _asio_version_number "${_asio_version_line}")
  if(_asio_version_number)
    math(EXPR _asio_major "${_asio_version_number} / 100000")
    math(EXPR _asio_minor "${_asio_version_number} / 100 % 1000")
    math(EXPR _asio_patch "${_asio_version_number} % 100")
    set(Asio_VERSION "${_asio_major}.${_asio_minor}.${_asio_patch}")
  endif()
  unset(_asio_version_line)
  unset(_asio_version_number)
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Asio
  REQUIRED_VARS Asio_INCLUDE_DIR
  VERSION_VAR Asio_VERSION)

if(Asio_FOUND AND NOT TARGET Asio::Asio)
  find_package(Threads REQUIRED)
  add_library(Asio::Asio INTERFACE IMPORTED)
  set_target_properties(Asio::Asio PROPERTIES
    INTERFACE_INCLUDE_DIRECTORIES "${Asio_INCLUDE_DIR}"
    INTERFACE_COMPILE_DEFINITIONS "ASIO_STANDALONE"
    INTERFACE_LINK_LIBRARIES Threads::Threads)
endif()
