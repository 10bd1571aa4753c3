# The test schemetric_add_overhead_check() registers: counts the instructions per call of
# FUNCTION in the metrics-on and the compiled-out build with callgrind, and fails when the
# difference exceeds MAX_INSTRUCTIONS.
# cmake -DVALGRIND=... -DMETRICS_ON=... -DMETRICS_OFF=... -DFUNCTION=... -DCALLS=...
#       -DMAX_INSTRUCTIONS=... -P schemetric_overhead_check_run.cmake
if(NOT VALGRIND)
  message("schemetric overhead check skipped: valgrind was not found when the project was "
          "configured (install it, e.g. apt-get install valgrind, and configure again)")
  return()
endif()

# Instructions per call of FUNCTION in `program`: callgrind counts only the loop around the
# calls (its totals line), which is divided by their number.
function(instructions_per_call program out_var)
  get_filename_component(profile "${program}.callgrind.out" ABSOLUTE)
  execute_process(
    COMMAND "${VALGRIND}" --tool=callgrind --toggle-collect=schemetric_overhead_loop
            "--callgrind-out-file=${profile}" "${program}" "${CALLS}"
    RESULT_VARIABLE status OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "valgrind --tool=callgrind ${program} ${CALLS} failed (${status}):\n"
                        "${output}")
  endif()
  file(STRINGS "${profile}" totals REGEX "^(totals|summary): [0-9]+")
  file(REMOVE "${profile}")
  list(GET totals 0 total)
  string(REGEX REPLACE "^[a-z]+: ([0-9]+).*$" "\\1" total "${total}")
  if(total STREQUAL "" OR total EQUAL 0)
    message(FATAL_ERROR "callgrind counted nothing in schemetric_overhead_loop of ${program}: "
                        "was it linked from the main schemetric_add_overhead_check generates?")
  endif()
  # Hundredths of an instruction, in integer arithmetic.
  math(EXPR hundredths "(${total} * 100 + ${CALLS} / 2) / ${CALLS}")
  set(${out_var} ${hundredths} PARENT_SCOPE)
endfunction()

function(format_hundredths value out_var)
  math(EXPR whole "${value} / 100")
  math(EXPR fraction "${value} % 100")
  if(value LESS 0)
    math(EXPR whole "-((-${value}) / 100)")
    math(EXPR fraction "(-${value}) % 100")
  endif()
  if(fraction LESS 10)
    set(fraction "0${fraction}")
  endif()
  set(${out_var} "${whole}.${fraction}" PARENT_SCOPE)
endfunction()

instructions_per_call("${METRICS_ON}" on)
instructions_per_call("${METRICS_OFF}" off)
math(EXPR added "${on} - ${off}")
format_hundredths(${on} on_text)
format_hundredths(${off} off_text)
format_hundredths(${added} added_text)
string(CONCAT report "${FUNCTION}: ${on_text} instructions per call with metrics, ${off_text} "
       "compiled out: metrics add ${added_text} (budget ${MAX_INSTRUCTIONS}; callgrind, "
       "${CALLS} calls)")
math(EXPR budget "${MAX_INSTRUCTIONS} * 100")
if(added GREATER budget)
  message("${report}: over the budget")  # on one line, as CMake wraps errors
  message(FATAL_ERROR "metrics add more instructions per call than MAX_INSTRUCTIONS allows")
endif()
message("${report}: within the budget")
