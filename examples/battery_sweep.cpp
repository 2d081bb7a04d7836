// A planner's sweep through the C++ API: the Haenam region file (solar, offshore wind, battery,
// weak grid) with the battery's energy varied in code — hourly carbon-free share, unserved
// energy, CO2 and supply cost for each size.
//   example_battery_sweep PATH/TO/configs/regions/haenam.toml
#include <cstdio>
#include <vector>

#include "dcload/dcload.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: example_battery_sweep configs/regions/haenam.toml\n");
    return 2;
  }
  try {
    const dcload::Site base = dcload::load_site(argv[1]);
    std::printf("%10s %10s %8s %14s %10s %12s\n", "battery", "power", "CFE", "unserved", "CO2",
                "cost");
    for (double gwh : {0.0, 2.0, 4.0, 8.0, 16.0}) {
      dcload::Site site = base;
      // No battery: leave the entry out (a battery of 0 MWh is refused by Site::validate()).
      if (gwh == 0.0)
        std::erase_if(site.supply, [](const dcload::SupplySpec& s) {
          return s.type == dcload::SupplyType::kBattery;
        });
      for (dcload::SupplySpec& s : site.supply)
        if (s.type == dcload::SupplyType::kBattery) {
          s.energy = dcload::megawatt_hours(gwh * 1e3);
          s.capacity = dcload::megawatts(gwh * 1e3 / 4.0);  // 4-hour system
        }
      // Only the summary is needed: keep no per-step channels.
      const dcload::RunResult r = dcload::run(site, {.channels = {"none"}});
      const dcload::Summary& m = r.summary;
      std::printf("%6.0f GWh %7.0f MW %7.1f %% %10.0f MWh %7.0f kt %8.0f MUSD\n", gwh,
                  gwh * 1e3 / 4.0, 100 * m.cfe_share, dcload::in_megawatt_hours(m.unserved),
                  dcload::in_si(m.co2) / 1e6, m.supply_cost_usd / 1e6);
    }
    return 0;
  } catch (const dcload::ConfigError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
}
