# Writes promtool's test file from the in-process evaluator's answers (PROGRAM RULES TESTS),
# then has promtool check the generated rules against it.
execute_process(COMMAND "${PROGRAM}" "${RULES}" "${TESTS}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} failed (${status})")
endif()
execute_process(COMMAND "${PROMTOOL}" test rules "${TESTS}" RESULT_VARIABLE status)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "promtool disagrees with the in-process evaluator (above); the test file "
                      "is ${TESTS}")
endif()
