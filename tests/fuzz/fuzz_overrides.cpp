// Harness "overrides": each line of the input is one `--set KEY=VALUE` override (at most 16)
// applied to a fixed, valid site that has every kind of array entry (two clusters, a phase, a
// grid upgrade, one [[supply]] of each type), so indexed keys such as `supply[3].energy` meet an
// existing entry. A ConfigError is the expected answer to bad input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dcload/site.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr const char* kSite = R"(name = "fuzz overrides base"
weather = "builtin:ulsan"
seed = 7

[[cluster]]
name = "h100"
accelerator = "H100 SXM"
count = 8000
workload = "training"

[[cluster]]
name = "infer"
accelerator = "GB200 NVL72"
count = 0
workload = "inference"

[[phase]]
date = "2027-06-01"
cluster = "infer"
count = 7200

[electrical]
ups_redundancy = "N+1"
transformer_rating = "75 MVA"
transformer_count = 3

[cooling]
technology = "liquid"
heat_rejection = "dry_cooler"

[grid]
connection = "150 MVA"
circuit_rating = "452 MVA"

[[grid.upgrade]]
date = "2028-01-01"
connection = "300 MVA"

[[supply]]
type = "grid"
tariff = "182.7 KRW/kWh"
emission_factor = "0.4173 t/MWh"

[[supply]]
type = "solar"
capacity = "20 MW"

[[supply]]
type = "wind"
capacity = "30 MW"

[[supply]]
type = "battery"
capacity = "10 MW"
energy = "40 MWh"

[[supply]]
type = "lng_ccgt"
capacity = "50 MW"
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string name =
      (dcload::fuzz::scratch_dir() / "site" / "overrides.toml").string();
  const std::vector<std::string> overrides = dcload::fuzz::lines_of(data, size, 16);
  dcload::fuzz::guarded([&] {
    const dcload::Site site = dcload::load_site_from_string(kSite, name, overrides);
    (void)site.design_it_power();
  });
  return 0;
}
