# schemetric_generate(TARGET <target> SCHEMA <file.yaml>
#                     [EMIT <output>...] [OUT_DIR <dir>] [OUT_VAR <variable>])
#
# Runs schemetric-gen on SCHEMA at build time and writes the outputs EMIT names (default: cpp,
# the header <name>_metrics.hpp) into OUT_DIR (default: a directory of TARGET in the build
# tree; a relative OUT_DIR is taken from the current binary directory). Every file of those
# outputs is declared as an output of the build rule, so any rule may depend on any of them,
# and added to TARGET's sources, so they are made with it; with cpp, OUT_DIR is on TARGET's
# include path. OUT_VAR receives the full paths of the files. Regenerates when the schema or
# the generator changes. The generator is the target schemetric::gen, or the program named by
# the cache variable SCHEMETRIC_GEN_EXECUTABLE (for cross-builds).
include_guard(GLOBAL)

set(SCHEMETRIC_GEN_EXECUTABLE "" CACHE FILEPATH
    "schemetric-gen to run instead of the schemetric::gen target (e.g. a host build when cross-compiling)")

# The outputs schemetric-gen can emit and the files each writes, `{name}` standing for the
# schema's name: sets <prefix>_EMITTERS and <prefix>_FILES_<output> in the caller's scope. This
# mirrors the emitter table of codegen/src/emit/emitters.cpp; the test codegen_cmake_outputs
# compares the two (`schemetric-gen --list-emitters`).
macro(_schemetric_emitter_table prefix)
  set(${prefix}_EMITTERS cpp rules docs dashboard)
  set(${prefix}_FILES_cpp "{name}_metrics.hpp")
  set(${prefix}_FILES_rules "{name}.rules.yml" "{name}.rules.test.yml")
  set(${prefix}_FILES_docs "{name}.md")
  set(${prefix}_FILES_dashboard "{name}.dashboard.json")
endmacro()

# The schema's `name:`, read at configure time (the outputs are named after it); the schema is
# read again whenever it changes.
function(_schemetric_schema_name schema result)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS "${schema}")
  file(STRINGS "${schema}" name_lines REGEX "^name:[ \t]*[\"']?[a-z][a-z0-9_]*")
  list(LENGTH name_lines name_count)
  if(NOT name_count EQUAL 1)
    message(FATAL_ERROR "schemetric_generate: ${schema} needs exactly one top-level "
                        "'name: <identifier>' line (found ${name_count})")
  endif()
  string(REGEX REPLACE "^name:[ \t]*[\"']?([a-z][a-z0-9_]*).*$" "\\1" name "${name_lines}")
  set(${result} "${name}" PARENT_SCOPE)
endfunction()

# The full paths of the files the outputs `emit` write into `out_dir` for the schema `name`.
function(_schemetric_output_files emit name out_dir result)
  _schemetric_emitter_table(table)
  set(files "")
  set(seen "")
  foreach(output IN LISTS emit)
    if(NOT output IN_LIST table_EMITTERS)
      list(JOIN table_EMITTERS ", " known)
      message(FATAL_ERROR "schemetric_generate: unknown output '${output}' in EMIT; the "
                          "outputs are: ${known}")
    endif()
    if(output IN_LIST seen)
      message(FATAL_ERROR "schemetric_generate: output '${output}' is listed twice in EMIT")
    endif()
    list(APPEND seen "${output}")
    foreach(pattern IN LISTS table_FILES_${output})
      string(REPLACE "{name}" "${name}" file "${pattern}")
      list(APPEND files "${out_dir}/${file}")
    endforeach()
  endforeach()
  set(${result} "${files}" PARENT_SCOPE)
endfunction()

function(schemetric_generate)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "TARGET;SCHEMA;OUT_DIR;OUT_VAR" "EMIT")
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
  if(NOT arg_EMIT)
    set(arg_EMIT cpp)
  endif()
  if(arg_OUT_DIR)
    get_filename_component(out_dir "${arg_OUT_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_BINARY_DIR}")
  else()
    set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/schemetric_generated/${arg_TARGET}")
  endif()

  _schemetric_schema_name("${schema}" schema_name)
  _schemetric_output_files("${arg_EMIT}" "${schema_name}" "${out_dir}" outputs)

  if(SCHEMETRIC_GEN_EXECUTABLE)
    set(generator "${SCHEMETRIC_GEN_EXECUTABLE}")
  elseif(TARGET schemetric::gen)
    set(generator "$<TARGET_FILE:schemetric::gen>")
  else()
    message(FATAL_ERROR "schemetric_generate: no generator: build schemetric with "
                        "SCHEMETRIC_BUILD_GENERATOR=ON or set SCHEMETRIC_GEN_EXECUTABLE")
  endif()

  list(JOIN arg_EMIT "," emit_list)
  list(JOIN arg_EMIT ", " emit_names)
  add_custom_command(
    OUTPUT ${outputs}
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${out_dir}"
    COMMAND "${generator}" "${schema}" --emit "${emit_list}" --out-dir "${out_dir}"
    DEPENDS "${schema}" "${generator}"
    COMMENT "schemetric-gen: ${emit_names} of ${schema_name} from ${arg_SCHEMA}"
    VERBATIM)
  target_sources(${arg_TARGET} PRIVATE ${outputs})
  if("cpp" IN_LIST arg_EMIT)
    target_include_directories(${arg_TARGET} PRIVATE "${out_dir}")
  endif()
  if(arg_OUT_VAR)
    set(${arg_OUT_VAR} "${outputs}" PARENT_SCOPE)
  endif()
endfunction()
