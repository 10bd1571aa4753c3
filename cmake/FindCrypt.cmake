# Finds libxcrypt (Debian: libcrypt-dev), whose crypt_rn checks bcrypt password hashes, and
# defines Crypt::Crypt.
#
# Result variables: Crypt_FOUND, Crypt_INCLUDE_DIR, Crypt_LIBRARY.
# Imported target: Crypt::Crypt (the library and its include directory).
# Only a libcrypt that declares crypt_rn (libxcrypt) is accepted: glibc's old libcrypt has
# no bcrypt.

find_path(Crypt_INCLUDE_DIR NAMES crypt.h DOC "Directory containing libxcrypt's crypt.h")
find_library(Crypt_LIBRARY NAMES crypt DOC "libxcrypt")
mark_as_advanced(Crypt_INCLUDE_DIR Crypt_LIBRARY)

if(Crypt_INCLUDE_DIR AND Crypt_LIBRARY AND NOT DEFINED Crypt_HAS_CRYPT_RN)
  include(CheckCXXSymbolExists)
  include(CMakePushCheckState)
  cmake_push_check_state(RESET)
  set(CMAKE_REQUIRED_INCLUDES "${Crypt_INCLUDE_DIR}")
  set(CMAKE_REQUIRED_LIBRARIES "${Crypt_LIBRARY}")
  set(CMAKE_REQUIRED_QUIET ON)
  check_cxx_symbol_exists(crypt_rn "crypt.h" Crypt_HAS_CRYPT_RN)
  cmake_pop_check_state()
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(Crypt
  REQUIRED_VARS Crypt_LIBRARY Crypt_INCLUDE_DIR Crypt_HAS_CRYPT_RN)

if(Crypt_FOUND AND NOT TARGET Crypt::Crypt)
  add_library(Crypt::Crypt UNKNOWN IMPORTED)
  set_target_properties(Crypt::Crypt PROPERTIES
    IMPORTED_LOCATION "${Crypt_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${Crypt_INCLUDE_DIR}")
endif()
