# Fuzzing of the exporter's request parsing and handling (tests/fuzz/http_request_fuzz.cpp).
#
# - fuzz_http_request_corpus / fuzz_http_request_regressions: replay the seed corpus and the
#   kept crashing inputs with a standalone driver, with whatever compiler builds the project;
# - http_request_fuzz: the libFuzzer binary, as a normal target when the compiler is Clang;
# - fuzz_http_request_bounded: when a clang++ with libFuzzer is on the machine, a separately
#   compiled fuzzer (ASan+UBSan, independent of this build's compiler and flags) runs for 20 s.
#   New crashing inputs land in <build>/fuzz-artifacts/; copy them to tests/fuzz/regressions/
#   so that fuzz_http_request_regressions replays them from then on.
# Included from tests/exporter/CMakeLists.txt (needs the schemetric_exporter target).

set(_fuzz_dir "${CMAKE_CURRENT_LIST_DIR}")
set(_fuzz_sources "${_fuzz_dir}/http_request_fuzz.cpp")

add_executable(http_request_fuzz_replay "${_fuzz_dir}/replay_main.cpp" ${_fuzz_sources})
target_link_libraries(http_request_fuzz_replay PRIVATE schemetric_exporter schemetric_warnings)
add_test(NAME fuzz_http_request_corpus
  COMMAND http_request_fuzz_replay "${_fuzz_dir}/corpus/http_request")
add_test(NAME fuzz_http_request_regressions
  COMMAND http_request_fuzz_replay "${_fuzz_dir}/regressions")
set_tests_properties(fuzz_http_request_corpus fuzz_http_request_regressions
  PROPERTIES TIMEOUT 120 LABELS "exporter;fuzz")

if(CMAKE_CXX_COMPILER_ID MATCHES Clang)
  add_executable(http_request_fuzz ${_fuzz_sources})
  target_link_libraries(http_request_fuzz PRIVATE schemetric_exporter schemetric_warnings)
  target_compile_options(http_request_fuzz PRIVATE -fsanitize=fuzzer)
  target_link_options(http_request_fuzz PRIVATE -fsanitize=fuzzer)
endif()

include("${_fuzz_dir}/libfuzzer.cmake")

if(SCHEMETRIC_FUZZ_CLANGXX AND SCHEMETRIC_FUZZ_CLANGXX_WORKS)
  set(_fuzzer "${CMAKE_CURRENT_BINARY_DIR}/libfuzzer/http_request_fuzz")
  file(GLOB_RECURSE _fuzz_headers CONFIGURE_DEPENDS "${_fuzz_dir}/../../include/schemetric/*.hpp")
  # The output's directory must exist before the compiler writes there: Ninja creates it,
  # the Makefile generators do not.
  add_custom_command(
    OUTPUT "${_fuzzer}"
    COMMAND "${CMAKE_COMMAND}" -E make_directory "${CMAKE_CURRENT_BINARY_DIR}/libfuzzer"
    COMMAND "${SCHEMETRIC_FUZZ_CLANGXX}" -std=c++20 -g -O1 -fsanitize=fuzzer,address,undefined
            -fno-sanitize-recover=all -Wall -Wextra -Wpedantic -Werror
            -I "${_fuzz_dir}/../../include" ${_fuzz_sources} -lz -o "${_fuzzer}"
    DEPENDS ${_fuzz_sources} ${_fuzz_headers}
    COMMENT "Building the libFuzzer target for the HTTP request parser with clang++"
    VERBATIM)
  add_custom_target(http_request_libfuzzer ALL DEPENDS "${_fuzzer}")
  add_test(NAME fuzz_http_request_bounded
    COMMAND ${CMAKE_COMMAND} "-DFUZZER=${_fuzzer}"
            "-DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/fuzz-work"
            "-DCORPUS_DIR=${_fuzz_dir}/corpus/http_request"
            "-DREGRESSIONS_DIR=${_fuzz_dir}/regressions"
            -DSECONDS=20
            -P "${_fuzz_dir}/run_fuzzer.cmake")
  set_tests_properties(fuzz_http_request_bounded PROPERTIES TIMEOUT 120 LABELS "exporter;fuzz")
else()
  message(STATUS "schemetric: no clang++ with libFuzzer; fuzz_http_request_bounded not added")
endif()
