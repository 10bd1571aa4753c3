# Compares `schemetric-gen --list-emitters` with the emitter table of
# cmake/schemetric_generate.cmake (written to EXPECTED at configure time). Run by the
# codegen_cmake_outputs test:
#   cmake -DGENERATOR=<schemetric-gen> -DEXPECTED=<file> -P check_emitter_table.cmake
cmake_minimum_required(VERSION 3.21)

foreach(variable GENERATOR EXPECTED)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "check_emitter_table.cmake: -D${variable}=... is required")
  endif()
endforeach()
execute_process(COMMAND "${GENERATOR}" --list-emitters
                RESULT_VARIABLE status OUTPUT_VARIABLE generator_table ERROR_VARIABLE errors)
if(NOT status EQUAL 0)
  message(FATAL_ERROR "schemetric-gen --list-emitters failed (exit ${status}):\n${errors}")
endif()
file(READ "${EXPECTED}" cmake_table)
if(NOT generator_table STREQUAL cmake_table)
  message(FATAL_ERROR
    "schemetric_generate() and schemetric-gen disagree on the outputs and their files.\n"
    "schemetric-gen --list-emitters:\n${generator_table}"
    "_schemetric_emitter_table in cmake/schemetric_generate.cmake:\n${cmake_table}"
    "Update the macro to match codegen/src/emit/emitters.cpp.")
endif()
message(STATUS "schemetric_generate() knows every output:\n${generator_table}")
