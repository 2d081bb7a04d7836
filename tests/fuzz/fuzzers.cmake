# libFuzzer executables (README.md here), included by the root CMakeLists.txt when DCLOAD_FUZZ
# is ON with clang. The library is built with -fsanitize=fuzzer-no-link,address,undefined there;
# each harness here with -fsanitize=fuzzer,address,undefined. Outputs go to <build>/fuzz/:
#   fuzz_<harness>        the fuzzers (site, overrides, weather, trace, run)
#   fuzz_seeds            writes seeds/<harness>/ and seeds/<harness>.dict (target fuzz_corpora;
#                         run_fuzzers.sh runs it itself)
# Target `fuzzers` builds them all; tests/fuzz/run_fuzzers.sh runs them for a bounded time.
set(_fuzz_dir ${CMAKE_CURRENT_LIST_DIR})
set(_fuzz_out ${CMAKE_BINARY_DIR}/fuzz)
set(_fuzz_targets)
foreach(h IN ITEMS site overrides weather trace run)
  add_executable(fuzz_${h} ${_fuzz_dir}/fuzz_${h}.cpp ${_fuzz_dir}/fuzz_options.cpp)
  target_include_directories(fuzz_${h} PRIVATE ${PROJECT_SOURCE_DIR}/engine)
  target_link_libraries(fuzz_${h} PRIVATE dcload::dcload)
  target_compile_options(fuzz_${h} PRIVATE -fsanitize=fuzzer ${DCLOAD_FUZZ_SANITIZE})
  target_link_options(fuzz_${h} PRIVATE -fsanitize=fuzzer ${DCLOAD_FUZZ_SANITIZE})
  set_target_properties(fuzz_${h} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${_fuzz_out})
  dcload_warnings(fuzz_${h})
  list(APPEND _fuzz_targets fuzz_${h})
endforeach()

add_executable(fuzz_seeds ${_fuzz_dir}/fuzz_seeds.cpp)
target_include_directories(fuzz_seeds PRIVATE ${PROJECT_SOURCE_DIR}/engine)
target_link_libraries(fuzz_seeds PRIVATE dcload::dcload)
set_target_properties(fuzz_seeds PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${_fuzz_out})
dcload_warnings(fuzz_seeds)

add_custom_target(fuzz_corpora
  COMMAND fuzz_seeds ${PROJECT_SOURCE_DIR} ${_fuzz_out}/seeds
  COMMENT "Writing the fuzz seed corpora to ${_fuzz_out}/seeds")
add_custom_target(fuzzers DEPENDS ${_fuzz_targets} fuzz_seeds)
