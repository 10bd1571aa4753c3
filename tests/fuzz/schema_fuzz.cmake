# Fuzzing of schemetric-gen (tests/fuzz/schema_fuzz.cpp): arbitrary bytes as a schema file.
#
# - codegen_fuzz_corpus / codegen_fuzz_regressions: replay the seed corpus and the kept failing
#   inputs with a standalone driver, with whatever compiler builds the project;
# - codegen_fuzz_bounded: when a clang++ with libFuzzer is on the machine, the generator's
#   sources compiled again with it (coverage for libFuzzer, ASan+UBSan; one build rule per
#   source, so the build runs them in parallel) and fuzzed from the seed corpus with a fixed
#   seed for 5,000 inputs (about 10 s; at most 60 s on a slow machine), so that a run is
#   repeatable: a CI run finds what the same commit found on the developer's machine. For
#   longer runs with other seeds, run the binary (<build>/tests/codegen/schema-libfuzzer/
#   schema_fuzz) by hand with libFuzzer's options (-seed=N -max_total_time=S). New
#   failing inputs land in <build>/tests/codegen/fuzz-work/artifacts/; copy them to
#   tests/fuzz/schema_regressions/ so that codegen_fuzz_regressions replays them from then on.
# Included from tests/codegen/CMakeLists.txt (needs the schemetric_gen_lib target).

set(_schema_fuzz_dir "${CMAKE_CURRENT_LIST_DIR}")

add_executable(schema_fuzz_replay "${_schema_fuzz_dir}/replay_main.cpp"
                                  "${_schema_fuzz_dir}/schema_fuzz.cpp")
target_link_libraries(schema_fuzz_replay PRIVATE schemetric_gen_lib schemetric_warnings)
add_test(NAME codegen_fuzz_corpus
  COMMAND schema_fuzz_replay "${_schema_fuzz_dir}/corpus/schema")
add_test(NAME codegen_fuzz_regressions
  COMMAND schema_fuzz_replay "${_schema_fuzz_dir}/schema_regressions")
set_tests_properties(codegen_fuzz_corpus codegen_fuzz_regressions
  PROPERTIES TIMEOUT 120 LABELS "codegen;fuzz")

# The bounded fuzzing compiles the generator a second time (about 70 clang++ compiles with
# sanitizers), so one build of a machine runs it: the dev preset, which `make test` uses.
option(SCHEMETRIC_FUZZ_GENERATOR
       "Fuzz schemetric-gen with libFuzzer (5,000 inputs, fixed seed) in CTest (codegen_fuzz_bounded)" OFF)
if(NOT SCHEMETRIC_FUZZ_GENERATOR)
  return()
endif()
include("${_schema_fuzz_dir}/libfuzzer.cmake")
if(NOT (SCHEMETRIC_FUZZ_CLANGXX AND SCHEMETRIC_FUZZ_CLANGXX_WORKS))
  message(STATUS "schemetric: no clang++ with libFuzzer; codegen_fuzz_bounded not added")
  return()
endif()

get_target_property(_gen_dir schemetric_gen_lib SOURCE_DIR)
get_target_property(_gen_sources schemetric_gen_lib SOURCES)
file(GLOB_RECURSE _gen_headers CONFIGURE_DEPENDS "${_gen_dir}/src/*.hpp")
set(_object_dir "${CMAKE_CURRENT_BINARY_DIR}/schema-libfuzzer")
set(_flags -std=c++20 -g -O1 -fsanitize=fuzzer-no-link,address,undefined
           -fno-sanitize-recover=all -Wall -Wextra -Wpedantic -Werror -I "${_gen_dir}/src"
           "-DSCHEMETRIC_GEN_VERSION=\"${PROJECT_VERSION}\"")
set(_objects "")
foreach(_source IN LISTS _gen_sources ITEMS "${_schema_fuzz_dir}/schema_fuzz.cpp")
  cmake_path(ABSOLUTE_PATH _source BASE_DIRECTORY "${_gen_dir}")
  cmake_path(RELATIVE_PATH _source BASE_DIRECTORY "${CMAKE_SOURCE_DIR}" OUTPUT_VARIABLE _relative)
  string(MAKE_C_IDENTIFIER "${_relative}" _object_name)
  set(_object "${_object_dir}/${_object_name}.o")
  # The Makefile generators do not create an output's directory: make it first.
  add_custom_command(
    OUTPUT "${_object}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${_object_dir}"
    COMMAND "${SCHEMETRIC_FUZZ_CLANGXX}" ${_flags} -c "${_source}" -o "${_object}"
    DEPENDS "${_source}" ${_gen_headers}
    COMMENT "Compiling ${_relative} with clang++ for the generator's fuzzer"
    VERBATIM)
  list(APPEND _objects "${_object}")
endforeach()

set(_schema_fuzzer "${_object_dir}/schema_fuzz")
add_custom_command(
  OUTPUT "${_schema_fuzzer}"
  COMMAND "${SCHEMETRIC_FUZZ_CLANGXX}" -fsanitize=fuzzer,address,undefined ${_objects}
          -lyaml-cpp -lfmt -o "${_schema_fuzzer}"
  DEPENDS ${_objects}
  COMMENT "Linking the libFuzzer target for schemetric-gen"
  VERBATIM)
add_custom_target(schema_libfuzzer ALL DEPENDS "${_schema_fuzzer}")
add_test(NAME codegen_fuzz_bounded
  COMMAND ${CMAKE_COMMAND} "-DFUZZER=${_schema_fuzzer}"
          "-DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/fuzz-work"
          "-DCORPUS_DIR=${_schema_fuzz_dir}/corpus/schema"
          "-DREGRESSIONS_DIR=${_schema_fuzz_dir}/schema_regressions"
          -DSECONDS=60 -DSEED=1 -DRUNS=5000
          -P "${_schema_fuzz_dir}/run_fuzzer.cmake")
set_tests_properties(codegen_fuzz_bounded PROPERTIES TIMEOUT 120 LABELS "codegen;fuzz")
