# A sweep on 2 threads and on 2 MPI ranks writes byte-identical results.csv and sweep.json.
# -DDCLOAD=... -DMPIRUN=... -DSPEC=... -DOUT=folder
file(REMOVE_RECURSE ${OUT}/threads ${OUT}/mpi)
execute_process(COMMAND ${DCLOAD} sweep ${SPEC} --threads 2 --out ${OUT}/threads RESULT_VARIABLE rc1
                OUTPUT_VARIABLE o1 ERROR_VARIABLE e1)
execute_process(COMMAND ${MPIRUN} --oversubscribe --allow-run-as-root -np 2 ${DCLOAD} sweep ${SPEC}
                        --out ${OUT}/mpi
                RESULT_VARIABLE rc2 OUTPUT_VARIABLE o2 ERROR_VARIABLE e2)
if(NOT rc1 MATCHES "^[01]$" OR NOT rc2 MATCHES "^[01]$" OR NOT rc1 STREQUAL rc2)
  message(FATAL_ERROR "exit codes ${rc1} (threads) and ${rc2} (MPI)\n${o1}\n${e1}\n${o2}\n${e2}")
endif()
if(NOT o2 MATCHES "2 MPI ranks")
  message(FATAL_ERROR "the MPI run did not run on 2 ranks:\n${o2}\n${e2}")
endif()
foreach(f results.csv sweep.json)
  file(READ ${OUT}/threads/${f} a HEX)
  file(READ ${OUT}/mpi/${f} b HEX)
  if(NOT a STREQUAL b OR a STREQUAL "")
    message(FATAL_ERROR "${f} differs between 2 threads and 2 MPI ranks (or is empty)")
  endif()
endforeach()
