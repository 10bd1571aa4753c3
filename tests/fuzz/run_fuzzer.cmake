# Runs a libFuzzer binary for SECONDS on a scratch copy of the corpus; fails on any crash.
# Inputs: FUZZER, WORK_DIR, CORPUS_DIR, REGRESSIONS_DIR, SECONDS; optional SEED and RUNS, which
# make a run repeatable (the same inputs in the same order, up to RUNS of them or SECONDS).
set(repeatable "")
if(DEFINED SEED)
  list(APPEND repeatable "-seed=${SEED}")
endif()
if(DEFINED RUNS)
  list(APPEND repeatable "-runs=${RUNS}")
endif()
file(REMOVE_RECURSE "${WORK_DIR}/corpus")
file(MAKE_DIRECTORY "${WORK_DIR}/corpus" "${WORK_DIR}/artifacts")
# New inputs go to the first directory (the scratch one); the source tree stays untouched.
execute_process(
  COMMAND "${FUZZER}" -max_total_time=${SECONDS} ${repeatable} -timeout=10 -rss_limit_mb=2048
          -print_final_stats=1 "-artifact_prefix=${WORK_DIR}/artifacts/"
          "${WORK_DIR}/corpus" "${CORPUS_DIR}" "${REGRESSIONS_DIR}"
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(GLOB artifacts "${WORK_DIR}/artifacts/*")
  message(FATAL_ERROR "the fuzzer failed (${result}); crashing inputs: ${artifacts}\n"
                      "Copy them to ${REGRESSIONS_DIR}/ so they are replayed as tests.")
endif()
