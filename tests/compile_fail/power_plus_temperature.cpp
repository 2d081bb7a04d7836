// Compile-fail check (tests/CMakeLists.txt): adding a power to a temperature must not compile.
// Built twice: without DCLOAD_SHOULD_FAIL it must compile (so a failure means the units, not a
// typo), with it it must not.
#include "dcload/units.hpp"

int main() {
  const dcload::Power p = dcload::megawatts(1.0);
  const dcload::Temperature t = dcload::celsius(20.0);
#ifdef DCLOAD_SHOULD_FAIL
  auto bad = p + t;
  (void)bad;
#else
  const dcload::Power ok = p + p;
  (void)ok;
  (void)t;
#endif
  return 0;
}
