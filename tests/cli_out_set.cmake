# Output sets end to end (issue: outputs appear together or not at all, --out checked before the
# run, stale temporaries removed, nothing written outside --out). -DDC=dcload -DSRC=source
# -DWORK=scratch folder.
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")
function(run_dc expect_rc)
  execute_process(COMMAND ${DC} ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL expect_rc)
    message(FATAL_ERROR "dcload ${ARGN}: exit ${rc}, expected ${expect_rc}\n${out}\n${err}")
  endif()
  set(last_err "${err}" PARENT_SCOPE)
endfunction()
function(expect_only dir)  # the folder holds exactly these names
  file(GLOB names RELATIVE "${dir}" "${dir}/*" "${dir}/.*")
  list(SORT names)
  set(want ${ARGN})
  list(SORT want)
  if(NOT "${names}" STREQUAL "${want}")
    message(FATAL_ERROR "${dir} holds '${names}', expected '${want}'")
  endif()
endfunction()

# 1. A run writes the set with its marker; nothing else beside it.
run_dc(0 run "${SRC}/configs/ulsan.toml" --out "${WORK}/out")
expect_only("${WORK}/out" .dcload-output summary.json timeseries.csv)
expect_only("${WORK}" out)
file(READ "${WORK}/out/summary.json" first)

# 2. A second run replaces the set whole (the marker says dcload wrote it).
run_dc(0 run "${SRC}/configs/ulsan.toml" --set cluster[0].count=20000 --out "${WORK}/out")
file(READ "${WORK}/out/summary.json" second)
if(first STREQUAL second)
  message(FATAL_ERROR "the second run did not replace summary.json")
endif()
expect_only("${WORK}" out)

# 3. A folder dcload did not write is refused before the run, and left as it was.
file(WRITE "${WORK}/mine/notes.txt" "keep me")
run_dc(2 run "${SRC}/configs/ulsan.toml" --out "${WORK}/mine")
if(NOT last_err MATCHES "^--out .*mine: exists, is not empty and was not written by dcload")
  message(FATAL_ERROR "unexpected message: ${last_err}")
endif()
expect_only("${WORK}/mine" notes.txt)

# 4. Bad input with --out: exit 2 and no folder at all.
run_dc(2 run "${SRC}/configs/ulsan.toml" --set cluster[0].count=-1 --out "${WORK}/bad")
if(EXISTS "${WORK}/bad")
  message(FATAL_ERROR "a failed run left ${WORK}/bad")
endif()

# 5. The temporary of a killed run (its process gone) is removed by the next run; one of a
#    live process, or without the marker, is not touched.
file(WRITE "${WORK}/out.partial-999999999/.dcload-output" "")
file(WRITE "${WORK}/out.partial-999999999/timeseries.csv" "half")
file(WRITE "${WORK}/out.partial-1/.dcload-output" "")         # pid 1 is alive
file(WRITE "${WORK}/out.partial-999999998/unrelated.txt" "")  # no marker
run_dc(0 run "${SRC}/configs/ulsan.toml" --out "${WORK}/out")
expect_only("${WORK}" mine out out.partial-1 out.partial-999999998)

# 6. compare --out: a site name with path separators stays inside DIR.
file(WRITE "${WORK}/sites/evil.toml" "extends = \"${SRC}/configs/ulsan.toml\"\nname = \"x/../../../ESCAPED\"\n")
run_dc(0 compare "${WORK}/sites/evil.toml" "${SRC}/configs/ulsan.toml" --out "${WORK}/cmp")
expect_only("${WORK}/cmp" .dcload-output 1-x_.._.._.._ESCAPED 2-SK-AWS_Ulsan_AI_campus)
file(GLOB_RECURSE escaped "${WORK}/../*ESCAPED*")
foreach(f IN LISTS escaped)
  if(NOT f MATCHES "/cmp/")
    message(FATAL_ERROR "written outside --out: ${f}")
  endif()
endforeach()
expect_only("${WORK}/cmp/1-x_.._.._.._ESCAPED" summary.json timeseries.csv)
file(REMOVE_RECURSE "${WORK}")
