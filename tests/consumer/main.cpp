#include <cstdio>

#include "dcload/dcload.hpp"

int main() {
  const dcload::RunResult r = dcload::run(dcload::default_site());
  std::printf("pue %.3f\n", r.summary.pue_annual);
  return r.summary.pue_annual > 1.0 ? 0 : 1;
}
