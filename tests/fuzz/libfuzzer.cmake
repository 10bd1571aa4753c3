# Finds a clang++ with libFuzzer and the sanitizer runtimes, whatever compiler builds the
# project: SCHEMETRIC_FUZZ_CLANGXX (the program) and SCHEMETRIC_FUZZ_CLANGXX_WORKS (the probe's
# verdict, cached). Included by each fuzz target's CMake file.
include_guard(GLOBAL)

find_program(SCHEMETRIC_FUZZ_CLANGXX NAMES clang++ clang++-18 clang++-17 clang++-16 clang++-15
                                           clang++-14
             DOC "clang++ with libFuzzer, for the bounded fuzzing tests")
if(SCHEMETRIC_FUZZ_CLANGXX AND NOT DEFINED SCHEMETRIC_FUZZ_CLANGXX_WORKS)
  set(_probe_dir "${CMAKE_BINARY_DIR}/libfuzzer-probe")
  file(WRITE "${_probe_dir}/probe.cpp"
       "#include <cstddef>\n#include <cstdint>\nextern \"C\" int LLVMFuzzerTestOneInput("
       "const std::uint8_t*, std::size_t) { return 0; }\n")
  execute_process(
    COMMAND "${SCHEMETRIC_FUZZ_CLANGXX}" -fsanitize=fuzzer,address,undefined
            "${_probe_dir}/probe.cpp" -o "${_probe_dir}/probe"
    RESULT_VARIABLE _probe_result OUTPUT_QUIET ERROR_QUIET)
  if(_probe_result EQUAL 0)
    set(SCHEMETRIC_FUZZ_CLANGXX_WORKS ON CACHE INTERNAL "")
  else()
    set(SCHEMETRIC_FUZZ_CLANGXX_WORKS OFF CACHE INTERNAL "")
  endif()
endif()
