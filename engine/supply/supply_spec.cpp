// The supply part of a site: [[supply]] sources and [economics], read into SupplySpec /
// EconomicsSpec (catalog defaults per type, KRW converted to USD), and their checks.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>

#include "config/reader.hpp"
#include "config/supply_catalog.hpp"

namespace dcload::detail {

// An hourly profile of the grid, CSV `hour,VALUE` with one of `headers` as its header line:
// 8,760 rows (hour of the year from 0) or 24 (hour of the day), in order, each value in
// [lo, hi] (`unit` for messages), returned × `scale`.
std::vector<double> read_hourly_profile(const std::filesystem::path& csv, const Loc& from,
                                        const std::string& key, const std::string& what,
                                        const std::vector<std::string>& headers, double lo,
                                        double hi, const std::string& unit, double scale) {
  const std::string text = read_referenced_file(csv, from, key, what.c_str());
  std::istringstream in(text);
  std::string line;
  std::vector<double> v;
  int line_no = 0;
  bool monthly = false;  // header "month,...": 12 rows, months 1..12
  auto bad = [&](const std::string& why) {
    throw ConfigError(csv.string(), line_no, 1, key, csv.string() + ": " + why);
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line_no == 1) {
      if (std::find(headers.begin(), headers.end(), line) == headers.end())
        bad("expected the header \"" + join(headers, "\" or \"") + "\", got \"" + line + "\"");
      monthly = line.rfind("month,", 0) == 0;
      continue;
    }
    double hour = 0, f = 0;
    char tail = 0;
    if (std::sscanf(line.c_str(), "%lf,%lf%c", &hour, &f, &tail) != 2)
      bad(monthly ? "expected \"MONTH,VALUE\", got \"" + line + "\""
                  : "expected \"HOUR,VALUE\", got \"" + line + "\"");
    const double want = static_cast<double>(v.size()) + (monthly ? 1 : 0);
    if (hour != want)
      bad(std::string(monthly ? "month " : "hour ") + std::to_string(static_cast<long>(hour)) +
          " out of order (expected " + std::to_string(static_cast<long>(want)) + ")");
    if (!(f >= lo && f <= hi)) {
      char buf[96];
      std::snprintf(buf, sizeof buf, "value out of range, expected %g … %g%s", lo, hi, unit.c_str());
      bad(buf);
    }
    v.push_back(f * scale);
  }
  if (monthly && v.size() != 12)
    throw ConfigError(csv.string(), line_no, 1, key,
                      csv.string() + ": " + std::to_string(v.size()) +
                          " rows; expected 12 (months 1 to 12) — truncated?");
  if (!monthly && v.size() != 8760 && v.size() != 24)
    throw ConfigError(csv.string(), line_no, 1, key,
         csv.string() + ": " + std::to_string(v.size()) +
             " rows; expected 8,760 (hour of the year) or 24 (hour of the day) — truncated?");
  return v;
}

void read_supply(const Reader& r, Site& site) {
  // Supply ([[supply]]): a site without entries imports everything from the grid.
  const double fx = site.krw_per_usd;
  site.economics.discount_rate = r.quantity("economics.discount_rate");
  site.economics.carbon_price_usd_per_kg = r.money("economics.carbon_price", fx);
  site.economics.value_of_lost_load_usd_per_j = r.money("economics.value_of_lost_load", fx);
  site.optimize.cfe_target = r.quantity("optimize.cfe");
  site.optimize.co2_cap_kg = r.quantity("optimize.co2_cap");
  site.optimize.n1_import = r.text("optimize.import_limit") == "n1";
  site.optimize.algorithm = r.text("optimize.algorithm");
  const size_t n_supply = r.array_size("supply");
  int n_grid = 0, n_ccgt = 0, n_battery = 0;
  // No [[supply]]: the grid imports everything (an islanded site must list its sources).
  const size_t entries = n_supply > 0 ? n_supply : (site.islanded ? 0 : 1);
  for (size_t i = 0; i < entries; ++i) {
    const std::string p = n_supply == 0 ? "supply[]." : "supply[" + std::to_string(i) + "].";
    const std::string type = r.text(p + "type");
    SupplySpec x;
    x.name = r.text(p + "name");
    if (x.name.empty()) x.name = type;
    // Keys that belong to another type are an error, not silently ignored.
    static const std::map<std::string, std::vector<std::string>> kOwn = {
        {"grid",
         {"tariff", "emission_factor", "cfe_share", "import_limit", "tariff_schedule",
          "demand_charge", "emission_profile", "cfe_profile"}},
        {"lng_ccgt",
         {"capacity", "units", "min_stable_load", "ramp_rate", "forced_outage_rate", "efficiency",
          "no_load_fuel_fraction", "fuel_price", "fuel_emission_factor", "water_use", "capex",
          "outage_mttr", "islanding", "islanded_mttf",
          "fixed_om", "variable_om", "lifetime"}},
        {"solar",
         {"capacity", "dc_ac_ratio", "losses", "degradation", "age", "tilt", "azimuth", "capex",
          "fixed_om", "variable_om", "lifetime", "islanding"}},
        {"wind",
         {"capacity", "location", "turbine", "hub_height", "shear_exponent", "mean_wind_speed",
          "availability", "wake_loss", "electrical_loss", "capex", "fixed_om", "variable_om",
          "lifetime", "islanding"}},
        {"battery",
         {"capacity", "energy", "round_trip_efficiency", "soc_min", "soc_max",
          "degradation_cost", "target_cfe", "duration", "capex_power", "capex_energy", "fixed_om",
          "lifetime"}},
    };
    // Optimization keys apply to every type (battery: also its energy bounds).
    std::vector<std::string> own = kOwn.at(type);
    for (const char* k : {"extendable", "min_capacity", "max_capacity"}) own.push_back(k);
    if (type == "battery")
      for (const char* k : {"min_energy", "max_energy"}) own.push_back(k);
    if (n_supply > 0) {
      if (const toml::table* t = r.table_at("supply", i))
        for (auto&& [k, node] : *t) {
          const std::string leaf(k.str());
          if (leaf == "type" || leaf == "name") continue;
          if (std::find(own.begin(), own.end(), leaf) == own.end())
            r.problem(p + leaf,
                      p + leaf + ": does not apply to a supply of type \"" + type +
                          "\" (its keys: " + join(own) + ")");
        }
    }
    auto cost = [&] {
      x.cost.capex_usd_per_w = r.money(p + "capex", fx);
      x.cost.fixed_om_usd_per_w_s = r.money(p + "fixed_om", fx);
      x.cost.lifetime = seconds(r.quantity(p + "lifetime"));
    };
    x.extendable = r.boolean(p + "extendable");
    x.min_capacity = watts(r.quantity(p + "min_capacity"));
    x.max_capacity = watts(r.quantity(p + "max_capacity"));
    if (type == "battery") {
      x.min_energy = joules(r.quantity(p + "min_energy"));
      x.max_energy = joules(r.quantity(p + "max_energy"));
    }
    // Bounds without extendable would be silently unused.
    if (!x.extendable)
      for (const char* k : {"min_capacity", "max_capacity", "min_energy", "max_energy"})
        if (r.has(p + k))
          r.problem(p + k, p + k + ": applies only with extendable = true (the optimizer's "
                                   "bounds); set extendable = true or remove it");
    auto need_capacity = [&] {
      x.capacity = watts(r.quantity(p + "capacity"));
      // An extendable source may leave its capacity to the optimizer (a plain run then
      // simulates it at its min_capacity, and says so).
      if (x.extendable && !(in_si(x.capacity) > 0)) return;
      if (!(in_si(x.capacity) > 0) && !(type == "battery" && r.quantity(p + "target_cfe") > 0))
        r.problem(p + "capacity",
                  p + "capacity: a supply of type \"" + type + "\" needs a capacity > 0");
    };
    if (type == "grid") {
      x.type = SupplyType::kGrid;
      ++n_grid;
      x.tariff_usd_per_j = r.money(p + "tariff", fx);
      x.emission_kg_per_j = r.quantity(p + "emission_factor");
      x.demand_charge_usd_per_w_s = r.money(p + "demand_charge", fx);
      if (const std::string tou = r.text(p + "tariff_schedule"); !tou.empty()) {
        if (r.has(p + "tariff"))
          r.problem(p + "tariff_schedule",
                    p + "tariff_schedule: give either a flat tariff or a tariff_schedule, not both");
        auto sched = find_tariff(tou, fx);
        if (!sched) {
          const std::string sgt = closest(tou, tariff_names());
          r.lookup_problem(p + "tariff_schedule",
                    p + "tariff_schedule = \"" + tou + "\": not in configs/catalog/supply.toml" +
                        (sgt.empty() ? "" : "; did you mean \"" + sgt + "\"?") + " (known: " +
                        join(tariff_names()) + ")");
        } else {
          x.tariff_schedule = tou;
          x.tou_usd_per_j = sched->energy_usd_per_j;
          if (!r.has(p + "demand_charge")) x.demand_charge_usd_per_w_s = sched->demand_usd_per_w_s;
        }
      }
      if (const std::string csv = r.text(p + "emission_profile"); !csv.empty()) {
        const std::filesystem::path base =
            r.file().empty() ? std::filesystem::path() : std::filesystem::path(r.file()).parent_path();
        // t/MWh (= kg/kWh) → kg/J.
        x.emission_profile_kg_per_j = read_hourly_profile(
            base / csv, r.loc(p + "emission_profile"), p + "emission_profile", "emission profile",
            {"hour,t_per_mwh", "hour,kg_per_kwh"}, 0, 1.5, " t/MWh", 1e3 / 3.6e9);
      }
      if (const std::string csv = r.text(p + "cfe_profile"); !csv.empty()) {
        const std::filesystem::path base =
            r.file().empty() ? std::filesystem::path() : std::filesystem::path(r.file()).parent_path();
        x.cfe_profile = read_hourly_profile(base / csv, r.loc(p + "cfe_profile"),
                                            p + "cfe_profile", "carbon-free share profile",
                                            {"hour,cfe_share"}, 0, 1, "", 1.0);
      }
      x.grid_cfe_share = r.quantity(p + "cfe_share");
      x.import_limit = watts(r.quantity(p + "import_limit"));
    } else if (type == "lng_ccgt") {
      x.type = SupplyType::kLngCcgt;
      ++n_ccgt;
      x.islanding = r.boolean(p + "islanding");
      x.islanded_mttf = seconds(r.quantity(p + "islanded_mttf"));
      need_capacity();
      cost();
      x.cost.variable_om_usd_per_j = r.money(p + "variable_om", fx);
      x.units = static_cast<int>(r.integer(p + "units"));
      x.min_stable_load = r.quantity(p + "min_stable_load");
      x.ramp_per_s = r.quantity(p + "ramp_rate");
      x.forced_outage_rate = r.quantity(p + "forced_outage_rate");
      x.outage_mttr = seconds(r.quantity(p + "outage_mttr"));
      x.efficiency = r.quantity(p + "efficiency");
      x.no_load_fuel_fraction = r.quantity(p + "no_load_fuel_fraction");
      x.fuel_usd_per_j = r.money(p + "fuel_price", fx);
      x.fuel_co2_kg_per_j = r.quantity(p + "fuel_emission_factor");
      x.water_m3_per_j = r.quantity(p + "water_use");
    } else if (type == "solar") {
      x.type = SupplyType::kSolar;
      x.islanding = r.boolean(p + "islanding");
      need_capacity();
      cost();
      x.cost.variable_om_usd_per_j = r.money(p + "variable_om", fx);
      x.dc_ac_ratio = r.real(p + "dc_ac_ratio");
      x.losses = r.quantity(p + "losses");
      x.degradation_per_year = r.quantity(p + "degradation");
      x.age_years = r.quantity(p + "age") / 3.1536e7;
      x.tilt_deg = r.real(p + "tilt");
      x.azimuth_deg = r.real(p + "azimuth");
    } else if (type == "wind") {
      x.type = SupplyType::kWind;
      x.islanding = r.boolean(p + "islanding");
      need_capacity();
      cost();
      x.cost.variable_om_usd_per_j = r.money(p + "variable_om", fx);
      x.offshore = r.text(p + "location") == "offshore";
      const std::string turbine = r.text(p + "turbine");
      auto curve = find_turbine(turbine);
      if (!curve) {
        const std::string sgt = closest(turbine, turbine_names());
        r.lookup_problem(p + "turbine",
                  p + "turbine = \"" + turbine + "\": not in configs/catalog/supply.toml" +
                      (sgt.empty() ? "" : "; did you mean \"" + sgt + "\"?") + " (known: " +
                      join(turbine_names()) + ")");
      } else {
        x.turbine = *curve;
      }
      x.hub_height_m = r.quantity(p + "hub_height");
      x.shear_exponent = r.real(p + "shear_exponent");
      x.mean_wind_speed_m_s = r.quantity(p + "mean_wind_speed");
      x.availability = r.quantity(p + "availability");
      x.wake_loss = r.quantity(p + "wake_loss");
      x.electrical_loss = r.quantity(p + "electrical_loss");
    } else {  // battery
      x.type = SupplyType::kBattery;
      ++n_battery;
      need_capacity();
      x.cost.capex_usd_per_w = r.money(p + "capex_power", fx);
      x.cost.fixed_om_usd_per_w_s = r.money(p + "fixed_om", fx);
      x.cost.lifetime = seconds(r.quantity(p + "lifetime"));
      x.cost.capex_usd_per_j = r.money(p + "capex_energy", fx);
      x.energy = joules(r.quantity(p + "energy"));
      x.round_trip_efficiency = r.quantity(p + "round_trip_efficiency");
      x.soc_min = r.quantity(p + "soc_min");
      x.soc_max = r.quantity(p + "soc_max");
      x.degradation_usd_per_j = r.money(p + "degradation_cost", fx);
      x.target_cfe = r.quantity(p + "target_cfe");
      x.duration = seconds(r.quantity(p + "duration"));

    }
    site.supply.push_back(std::move(x));
  }
}

void check_supply(const Site& site, Problems& p) {
  const EconomicsSpec& ec = site.economics;
  p.range("economics.discount_rate", ec.discount_rate);
  int n_grid = 0, n_ccgt = 0, n_battery = 0;
  for (size_t i = 0; i < site.supply.size(); ++i) {
    const SupplySpec& x = site.supply[i];
    const std::string k = "supply[" + std::to_string(i) + "].";
    switch (x.type) {
      case SupplyType::kGrid: ++n_grid; break;
      case SupplyType::kLngCcgt:
        ++n_ccgt;
        p.range(k + "units", x.units);
        p.range(k + "efficiency", x.efficiency);
        p.range(k + "min_stable_load", x.min_stable_load);
        p.range(k + "forced_outage_rate", x.forced_outage_rate);
        p.range(k + "no_load_fuel_fraction", x.no_load_fuel_fraction);
        break;
      case SupplyType::kSolar:
        p.range(k + "dc_ac_ratio", x.dc_ac_ratio);
        p.range(k + "losses", x.losses);
        p.range(k + "tilt", x.tilt_deg);
        p.range(k + "azimuth", x.azimuth_deg);
        break;
      case SupplyType::kWind:
        p.range(k + "hub_height", x.hub_height_m);
        p.range(k + "shear_exponent", x.shear_exponent);
        p.range(k + "availability", x.availability);
        p.range(k + "wake_loss", x.wake_loss);
        p.range(k + "electrical_loss", x.electrical_loss);
        if (x.turbine.speed_m_s.size() < 2)
          p.add(k + "turbine", k + "turbine: no power curve");
        break;
      case SupplyType::kBattery:
        ++n_battery;
        p.range(k + "round_trip_efficiency", x.round_trip_efficiency);
        p.range(k + "soc_min", x.soc_min);
        p.range(k + "soc_max", x.soc_max);
        if (!(x.soc_max > x.soc_min))
          p.add(k + "soc_max", k + "soc_max must be above soc_min (" +
                                   std::to_string(x.soc_min) + ")");
        if (x.target_cfe == 0 && !x.extendable && !(in_si(x.energy) > 0))
          p.add(k + "energy", k + "energy: a battery needs an energy > 0 (or target_cfe to size it)");
        if (x.target_cfe > 0) p.range(k + "duration", in_si(x.duration));
        break;
    }
    if (x.extendable) {
      if (in_si(x.max_capacity) > 0 && in_si(x.min_capacity) > in_si(x.max_capacity))
        p.add(k + "min_capacity", k + "min_capacity is above max_capacity");
      if (in_si(x.max_energy) > 0 && in_si(x.min_energy) > in_si(x.max_energy))
        p.add(k + "min_energy", k + "min_energy is above max_energy");
    }
    if (x.type != SupplyType::kGrid && !(in_si(x.capacity) > 0) && !x.extendable &&
        !(x.type == SupplyType::kBattery && x.target_cfe > 0))
      p.add(k + "capacity", k + "capacity: a supply of this type needs a capacity > 0");
  }
  auto at_most_one = [&](int n, const char* type) {
    if (n > 1)
      p.add("supply", std::string("supply: at most one [[supply]] of type \"") + type +
                          "\" is supported (the dispatch has one of each); merge them");
  };
  at_most_one(n_grid, "grid");
  at_most_one(n_ccgt, "lng_ccgt");
  at_most_one(n_battery, "battery");
  // A list of on-site sources without a grid entry would silently drop the grid import.
  if (site.islanded && n_grid > 0)
    p.add("islanded", "islanded = true: but [[supply]] has a grid entry; remove one or the other");
  if (!site.islanded && n_grid == 0)
    p.add(site.supply.empty() ? std::string("supply") : std::string("supply[0].type"),
          "supply: the [[supply]] list has no grid entry, so the campus would import nothing; add "
          "[[supply]] type = \"grid\" or declare an off-grid campus with islanded = true");
  if (site.islanded && site.supply.empty())
    p.add("islanded", "islanded = true: an off-grid campus needs [[supply]] sources");
}

}  // namespace dcload::detail
