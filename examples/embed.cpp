// Embedding dcload: build a scenario from the built-in Ulsan site in code, run it at two
// cluster sizes and compare PUE, peak demand and grid headroom.
//   example_embed [SITE.toml]
#include <cstdio>

#include "dcload/dcload.hpp"

int main(int argc, char** argv) {
  try {
    for (const char* count : {"30000", "60000"}) {
      const std::vector<std::string> overrides = {std::string("cluster[0].count=") + count};
      const dcload::Site site =
          argc > 1 ? dcload::load_site(argv[1], overrides) : dcload::default_site(overrides);
      const dcload::RunResult r = dcload::run(site);
      const dcload::Summary& s = r.summary;
      std::printf("%6s GPUs: PUE %.3f, peak %.1f MW at %s, min headroom %.1f MW, %s\n", count,
                  s.pue_annual, dcload::in_megawatts(s.peak_facility), s.peak_facility_time.c_str(),
                  dcload::in_megawatts(s.min_grid_headroom), std::string(r.status.name()).c_str());
    }
    return 0;
  } catch (const dcload::ConfigError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
}
