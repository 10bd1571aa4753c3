# Runs `promtool check metrics` on an exposition file; fails on any finding.
# cmake -DPROMTOOL=... -DFILE=... -P check_promtool.cmake
execute_process(COMMAND "${PROMTOOL}" check metrics INPUT_FILE "${FILE}"
                OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0 OR NOT "${out}${err}" STREQUAL "")
  message(FATAL_ERROR "promtool check metrics ${FILE} (exit ${rc}):\n${out}${err}")
endif()
message(STATUS "promtool check metrics ${FILE}: no findings")
