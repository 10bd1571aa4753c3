# Compares the disassembly of `handle_request` in two object files; fails if they differ.
# cmake -DOBJDUMP=... -DFIRST=a.o -DSECOND=b.o -P compare_code.cmake
function(disassemble object out_var)
  execute_process(COMMAND "${OBJDUMP}" -d --no-addresses --no-show-raw-insn
                          --disassemble=handle_request "${object}"
                  OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "objdump failed on ${object}")
  endif()
  # Keep the function body only (the header names the file).
  string(REGEX REPLACE "^.*<handle_request>:\n" "" body "${text}")
  if(body STREQUAL text OR body STREQUAL "")
    message(FATAL_ERROR "no handle_request in ${object}")
  endif()
  set(${out_var} "${body}" PARENT_SCOPE)
endfunction()

disassemble("${FIRST}" first)
disassemble("${SECOND}" second)
if(NOT first STREQUAL second)
  message(FATAL_ERROR "the machine code differs:\n--- ${FIRST}\n${first}\n--- ${SECOND}\n${second}")
endif()
message(STATUS "identical machine code:\n${first}")
