# Regenerates the headers of the repository's schemas into the build tree and compares them with
# the committed golden files in tests/codegen/golden/. Run by the codegen_golden test:
#   cmake -DGENERATOR=<schemetric-gen> -DREPO_DIR=<repo> -DOUT_DIR=<dir> -DBUILD_DIR=<build>
#         -DSCHEMAS=example,minimal -P check_golden.cmake
# The generator runs from REPO_DIR with the relative path schema/<name>.yaml, so the banner of
# the generated header does not depend on where the repository is checked out.
cmake_minimum_required(VERSION 3.21)

foreach(variable GENERATOR REPO_DIR OUT_DIR BUILD_DIR SCHEMAS)
  if(NOT DEFINED ${variable})
    message(FATAL_ERROR "check_golden.cmake: -D${variable}=... is required")
  endif()
endforeach()

string(REPLACE "," ";" schemas "${SCHEMAS}")
file(MAKE_DIRECTORY "${OUT_DIR}")
set(stale "")
foreach(schema IN LISTS schemas)
  set(golden "${REPO_DIR}/tests/codegen/golden/${schema}_metrics.hpp")
  set(fresh "${OUT_DIR}/${schema}_metrics.hpp")
  file(REMOVE "${fresh}")
  execute_process(
    COMMAND "${GENERATOR}" "schema/${schema}.yaml" --header "${fresh}"
    WORKING_DIRECTORY "${REPO_DIR}"
    RESULT_VARIABLE status
    ERROR_VARIABLE errors)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "schemetric-gen failed on schema/${schema}.yaml (exit ${status}):\n${errors}")
  endif()
  execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${golden}" "${fresh}"
                  RESULT_VARIABLE different)
  if(different)
    list(APPEND stale "${schema}")
    find_program(diff_program diff)
    if(diff_program)
      execute_process(COMMAND "${diff_program}" -u "${golden}" "${fresh}" OUTPUT_VARIABLE diff_text)
      message("--- ${schema}: differences (golden, then regenerated):\n${diff_text}")
    endif()
  endif()
endforeach()

if(stale)
  list(JOIN stale ", " stale_names)
  message(FATAL_ERROR
    "The golden headers of ${stale_names} in tests/codegen/golden/ differ from what "
    "schemetric-gen generates now. If the change is intended, refresh them with\n"
    "  cmake --build ${BUILD_DIR} --target schemetric_update_golden\n"
    "then review the diff and commit the updated files.")
endif()
message(STATUS "golden headers up to date: ${SCHEMAS}")
