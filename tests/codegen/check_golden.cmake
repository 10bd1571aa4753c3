# Regenerates every output of the repository's schemas into the build tree (the header, the rules
# and their tests, the reference, the dashboard) and compares them with the committed golden files in
# tests/codegen/golden/. Run by the codegen_golden test:
#   cmake -DGENERATOR=<schemetric-gen> -DREPO_DIR=<repo> -DOUT_DIR=<dir> -DBUILD_DIR=<build>
#         -DSCHEMAS=example,minimal -P check_golden.cmake
# The generator runs from REPO_DIR with the relative path schema/<name>.yaml, so the banners of
# the generated files do not depend on where the repository is checked out.
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
  file(REMOVE_RECURSE "${OUT_DIR}/${schema}")
  execute_process(
    COMMAND "${GENERATOR}" "schema/${schema}.yaml" --emit cpp,rules,docs,dashboard
            --out-dir "${OUT_DIR}/${schema}"
    WORKING_DIRECTORY "${REPO_DIR}"
    RESULT_VARIABLE status
    ERROR_VARIABLE errors)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "schemetric-gen failed on schema/${schema}.yaml (exit ${status}):\n${errors}")
  endif()
  file(GLOB outputs RELATIVE "${OUT_DIR}/${schema}" "${OUT_DIR}/${schema}/*")
  foreach(output IN LISTS outputs)
    set(golden "${REPO_DIR}/tests/codegen/golden/${output}")
    set(fresh "${OUT_DIR}/${schema}/${output}")
    execute_process(COMMAND "${CMAKE_COMMAND}" -E compare_files "${golden}" "${fresh}"
                    RESULT_VARIABLE different)
    if(different)
      list(APPEND stale "${output}")
      find_program(diff_program diff)
      if(diff_program)
        execute_process(COMMAND "${diff_program}" -u "${golden}" "${fresh}"
                        OUTPUT_VARIABLE diff_text)
        message("--- ${output}: differences (golden, then regenerated):\n${diff_text}")
      endif()
    endif()
  endforeach()
endforeach()

if(stale)
  list(JOIN stale ", " stale_names)
  message(FATAL_ERROR
    "The golden files ${stale_names} in tests/codegen/golden/ differ from what "
    "schemetric-gen generates now. If the change is intended, refresh them with\n"
    "  cmake --build ${BUILD_DIR} --target schemetric_update_golden\n"
    "then review the diff and commit the updated files.")
endif()
message(STATUS "golden files up to date: ${SCHEMAS}")
