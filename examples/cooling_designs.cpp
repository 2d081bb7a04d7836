// The cooling-design tables of engine/cooling/README.md, through the C++ API: the default Ulsan
// campus (configs/ulsan.toml, built in) with only its cooling design changed, on each weather
// given, and the attribution of the default's PUE change to each new default.
//   example_cooling_designs [WEATHER...]      (default: builtin:ulsan builtin:seoul)
// WEATHER: builtin:NAME or an EPW path. Prints Markdown tables.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "dcload/dcload.hpp"

namespace {

struct Design {
  const char* label;
  std::vector<std::string> set;  // --set overrides on configs/ulsan.toml
};

// Both halls made one technology (the air hall's H200 and the liquid hall's B200 are both
// offered air- or liquid-cooled in the catalog).
const std::vector<Design>& designs() {
  static const std::vector<Design> d = {
      {"hybrid (default): air hall + cold-plate hall 32 °C, towers", {}},
      {"hybrid, dry coolers", {"cooling.heat_rejection=dry_cooler"}},
      {"hybrid, adiabatic dry coolers", {"cooling.heat_rejection=adiabatic"}},
      {"all air, towers", {"hall[1].technology=air", "cluster[1].liquid_fraction=0"}},
      {"all air + air-side economizer, towers",
       {"hall[1].technology=air", "cluster[1].liquid_fraction=0", "hall[0].air_economizer=true",
        "hall[1].air_economizer=true"}},
      {"all air, air-cooled chillers + dry-cooler economizer",
       {"hall[1].technology=air", "cluster[1].liquid_fraction=0",
        "cooling.heat_rejection=dry_cooler", "cooling.chiller_type=air_cooled",
        "cooling.chiller_model=carrier_30rb390"}},
      {"all cold plate 32 °C, towers", {"hall[0].technology=liquid", "hall[0].facility_water_supply=32 °C"}},
      {"all cold plate 40 °C, dry coolers",
       {"hall[0].technology=liquid", "hall[0].facility_water_supply=40 °C",
        "hall[1].facility_water_supply=40 °C", "cooling.heat_rejection=dry_cooler"}},
      {"immersion 40 °C, dry coolers",
       {"hall[0].technology=immersion", "hall[1].technology=immersion",
        "hall[0].facility_water_supply=40 °C", "hall[1].facility_water_supply=40 °C",
        "cooling.heat_rejection=dry_cooler"}},
      {"two-phase immersion 50 °C, dry coolers",
       {"hall[0].technology=immersion_two_phase", "hall[1].technology=immersion_two_phase",
        "hall[0].facility_water_supply=50 °C", "hall[1].facility_water_supply=50 °C",
        "cooling.heat_rejection=dry_cooler"}},
  };
  return d;
}

// The defaults before issue 12, written out, then each new default switched on in turn (the
// last step is the new default site). The earlier default campus: 60,000 H100 SXM in one air
// hall; legacy UPS fit; 15 °C chilled water, 7.5 K ΔT, 3 K coil approach (18 °C supply air);
// Lei & Masanet chillers; loss-factor tower water (0.2 %/K); chillers sized at the 0.4 %
// condition.
const char* kOldSite = R"(name = "Ulsan, the defaults before issue 12"
weather = "builtin:ulsan"
[[cluster]]
name = "training"
accelerator = "H100 SXM"
count = 60000
workload = "training"
[electrical]
ups_redundancy = "2N"
ups_module_rating = "1500 kVA"
transformer_rating = "75 MVA"
transformer_count = 3
[cooling]
technology = "air"
heat_rejection = "tower"
[grid]
connection = "150 MVA"
power_factor = 0.95
[[supply]]
type = "grid"
tariff = "182.7 KRW/kWh"
emission_factor = "0.4173 t/MWh"
)";

struct Step {
  const char* label;
  std::vector<std::string> set;
};

const std::vector<Step>& attribution() {
  static const std::vector<Step> s = {
      {"before issue 12 (legacy UPS, 15 °C CHW, Lei–Masanet chillers, 0.2 %/K tower water, 0.4 % sizing)",
       {"electrical.ups_model=legacy_ge_sg_500", "cooling.chilled_water_supply=15 °C",
        "cooling.chilled_water_delta_t=7.5 K", "cooling.coil_approach=3 K",
        "cooling.chiller_model=lei_masanet", "cooling.tower_water_model=loss_factor",
        "cooling.design_basis=ashrae_0.4"}},
      {"+ modern double-conversion UPS",
       {"cooling.chilled_water_supply=15 °C", "cooling.chilled_water_delta_t=7.5 K",
        "cooling.coil_approach=3 K", "cooling.chiller_model=lei_masanet",
        "cooling.tower_water_model=loss_factor", "cooling.design_basis=ashrae_0.4"}},
      {"+ 20 °C chilled water, 8 K ΔT, 4.5 K coil (24.5 °C supply air)",
       {"cooling.chiller_model=lei_masanet", "cooling.tower_water_model=loss_factor",
        "cooling.design_basis=ashrae_0.4"}},
      {"+ one chiller model (Carnot fraction)",
       {"cooling.tower_water_model=loss_factor", "cooling.design_basis=ashrae_0.4"}},
      {"+ psychrometric tower water", {"cooling.design_basis=ashrae_0.4"}},
      {"+ plant sized on the 20-year extremes (all new defaults, one air hall)", {}},
  };
  return s;
}

void row(const std::string& weather, const char* label, const dcload::Summary& m) {
  double shortfall = 0;
  for (const auto& c : m.plant) shortfall = std::max(shortfall, c.hours_over);
  std::printf("| %s | %s | %.3f | %.3f | %.3f | %.2f | %.0f / %.0f / %.0f | %.0f | %.1f |\n",
              weather.c_str(), label, m.pue_annual, m.tue, m.ppue_cooling, m.wue_l_per_kwh,
              m.free_cooling_hours, m.partial_cooling_hours, m.mechanical_cooling_hours,
              dcload::in_megawatts(m.chiller_capacity), shortfall);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> weathers;
  for (int i = 1; i < argc; ++i) weathers.emplace_back(argv[i]);
  if (weathers.empty()) weathers = {"builtin:ulsan", "builtin:seoul"};
  try {
    std::printf("| weather | design | PUE | TUE | pPUE cooling | WUE L/kWh | free / partial / mech h "
                "| chillers MW | shortfall h |\n|---|---|---|---|---|---|---|---|---|\n");
    for (const std::string& w : weathers)
      for (const Design& d : designs()) {
        std::vector<std::string> set = d.set;
        set.push_back("weather=" + w);
        const dcload::Site site = dcload::default_site(set);
        const dcload::RunResult r = dcload::run(site, {.channels = {"none"}});
        row(w.substr(w.find_last_of('/') + 1), d.label, r.summary);
      }
    std::printf("\n| weather | defaults | PUE | TUE | pPUE cooling | WUE L/kWh | free / partial / mech h "
                "| chillers MW | shortfall h |\n|---|---|---|---|---|---|---|---|---|\n");
    for (const std::string& w : weathers) {
      for (const Step& s : attribution()) {
        std::vector<std::string> set = s.set;
        set.push_back("weather=" + w);
        const dcload::Site site = dcload::load_site_from_string(kOldSite, "old_defaults.toml", set);
        const dcload::RunResult r = dcload::run(site, {.channels = {"none"}});
        row(w.substr(w.find_last_of('/') + 1), s.label, r.summary);
      }
      const dcload::Site site = dcload::default_site({"weather=" + w});
      row(w.substr(w.find_last_of('/') + 1), "+ hybrid halls (the new configs/ulsan.toml)",
          dcload::run(site, {.channels = {"none"}}).summary);
    }
    return 0;
  } catch (const dcload::ConfigError& e) {
    std::fprintf(stderr, "%s\n", e.what());
    return 2;
  }
}
