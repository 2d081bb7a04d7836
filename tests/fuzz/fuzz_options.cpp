// Sanitizer defaults of the libFuzzer executables ($UBSAN_OPTIONS / $ASAN_OPTIONS override them
// flag by flag). The fuzz build keeps UBSan checks recoverable so that run_fuzzers.sh can
// suppress known, open findings (regressions/OPEN); any other undefined behaviour must still
// stop the run so that libFuzzer saves the input.
extern "C" const char* __ubsan_default_options();
extern "C" const char* __ubsan_default_options() { return "halt_on_error=1:print_stacktrace=1"; }
