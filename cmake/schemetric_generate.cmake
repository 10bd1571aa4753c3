# schemetric_generate(TARGET <target> SCHEMA <file.yaml> [OUT_DIR <dir>])
#
# Runs schemetric-gen on SCHEMA at build time and makes its header <name>_metrics.hpp
# available to TARGET (added to its sources and its include path). Regenerates when the
# schema or the generator changes. The generator is the target schemetric::gen, or the
# program named by the cache variable SCHEMETRIC_GEN_EXECUTABLE (for cross-builds).
include_guard(GLOBAL)

set(SCHEMETRIC_GEN_EXECUTABLE "" CACHE FILEPATH
    "schemetric-gen to run instead of the schemetric::gen target (e.g. a host build when cross-compiling)")

function(schemetric_generate)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;SCHEMA;OUT_DIR" "")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "schemetric_generate: unknown arguments: ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_TARGET OR NOT arg_SCHEMA)
    message(FATAL_ERROR "schemetric_generate: TARGET and SCHEMA are required, e.g. "
                        "schemetric_generate(TARGET my_service SCHEMA metrics.yaml)")
  endif()
  if(NOT TARGET ${arg_TARGET})
    message(FATAL_ERROR "schemetric_generate: '${arg_TARGET}' is not a target")
  endif()
  get_filename_component(schema "${arg_SCHEMA}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${schema}")
    message(FATAL_ERROR "schemetric_generate: schema '${schema}' does not exist")
  endif()

  # The header is named after the schema's `name:`; read it here so the build knows the
  # output, and re-read it whenever the schema changes.
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${schema}")
  file(STRINGS "${schema}" name_lines REGEX "^name:[ \t]*[\"']?[a-z][a-z0-9_]*")
  list(LENGTH name_lines name_count)
  if(NOT name_count EQUAL 1)
    message(FATAL_ERROR "schemetric_generate: ${schema} needs exactly one top-level "
                        "'name: <identifier>' line (found ${name_count})")
  endif()
  string(REGEX REPLACE "^name:[ \t]*[\"']?([a-z][a-z0-9_]*).*$" "\\1" schema_name "${name_lines}")

  if(arg_OUT_DIR)
    set(out_dir "${arg_OUT_DIR}")
  else()
    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/schemetric_generated/${arg_TARGET}")
  endif()
  set(header "${out_dir}/${schema_name}_metrics.hpp")

  if(SCHEMETRIC_GEN_EXECUTABLE)
    set(generator "${SCHEMETRIC_GEN_EXECUTABLE}")
  elseif(TARGET schemetric::gen)
    set(generator "$<TARGET_FILE:schemetric::gen>")
  else()
    message(FATAL_ERROR "schemetric_generate: no generator: build schemetric with "
                        "SCHEMETRIC_BUILD_GENERATOR=ON or set SCHEMETRIC_GEN_EXECUTABLE")
  endif()

  add_custom_command(
    OUTPUT "${header}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
    COMMAND "${generator}" "${schema}" --header "${header}"
    DEPENDS "${schema}" "${generator}"
    COMMENT "schemetric-gen: ${schema_name}_metrics.hpp from ${arg_SCHEMA}"
    VERBATIM)
  target_sources(${arg_TARGET} PRIVATE "${header}")
  target_include_directories(${arg_TARGET} PRIVATE "${out_dir}")
endfunction()
