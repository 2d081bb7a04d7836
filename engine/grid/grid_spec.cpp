// The grid part of a site: [grid] (connection, circuits, contract, ramp limit) and its
// scheduled upgrades, read into GridSpec, and their checks.
#include <algorithm>
#include <tuple>

#include "config/reader.hpp"

namespace dcload::detail {

void read_grid(const Reader& r, Site& site) {
  GridSpec& g = site.grid;
  g.connection = volt_amperes(r.quantity("grid.connection"));
  g.power_factor = r.real("grid.power_factor");
  g.circuits = static_cast<int>(r.integer("grid.circuits"));
  g.circuit_rating = volt_amperes(r.quantity("grid.circuit_rating"));
  g.contracted_demand = watts(r.quantity("grid.contracted_demand"));
  g.ramp_limit_w_per_s = r.quantity("grid.ramp_limit");
  for (size_t i = 0; i < r.array_size("grid.upgrade"); ++i) {
    const std::string p = "grid.upgrade[" + std::to_string(i) + "].";
    GridUpgrade u;
    const std::string date = r.text(p + "date");
    if (!parse_date(date, u.year, u.month, u.day)) {
      r.problem(p + "date", p + "date = \"" + date + "\": expected a date \"YYYY-MM-DD\"");
      continue;
    }
    u.connection = volt_amperes(r.quantity(p + "connection"));
    u.circuit_rating = volt_amperes(r.quantity(p + "circuit_rating"));
    g.upgrades.push_back(u);
  }
  if (const std::string csv = r.text("grid.capacity_profile"); !csv.empty()) {
    const std::filesystem::path base =
        r.file().empty() ? std::filesystem::path() : std::filesystem::path(r.file()).parent_path();
    g.capacity_profile_file = (base / csv).string();
    g.capacity_profile = read_hourly_profile(base / csv, r.loc("grid.capacity_profile"),
                                             "grid.capacity_profile", "grid capacity profile",
                                             {"hour,available_share"}, 0, 1, "", 1.0);
  }
  g.constrained_hours = static_cast<int>(r.integer("grid.constrained_hours"));
  g.constrained_share = r.quantity("grid.constrained_share");
  if (const std::string csv = r.text("grid.regional_load"); !csv.empty()) {
    const std::filesystem::path base =
        r.file().empty() ? std::filesystem::path() : std::filesystem::path(r.file()).parent_path();
    g.regional_load_file = (base / csv).string();
    g.regional_load = read_hourly_profile(base / csv, r.loc("grid.regional_load"),
                                          "grid.regional_load", "regional load", {"hour,load"}, 0,
                                          1e15, "", 1.0);
    if (g.regional_load.size() != 8760)
      r.problem("grid.regional_load",
                "grid.regional_load = \"" + csv + "\": needs 8,760 hourly rows (its highest hours "
                "of the year are the constrained hours), got " +
                    std::to_string(g.regional_load.size()));
  }
  g.region = r.text("grid.region");
  // [flex]: what the campus can shed on request.
  FlexSpec& f = site.flex;
  f.curtailable_share = r.quantity("flex.curtailable_share");
  f.max_duration = seconds(r.quantity("flex.max_duration"));
  f.max_events = static_cast<int>(r.integer("flex.max_events"));
  f.max_energy_share = r.quantity("flex.max_energy_share");
  f.recovery = r.text("flex.recovery") == "deferred" ? FlexRecovery::kDeferred : FlexRecovery::kLost;
  f.recovery_window = seconds(r.quantity("flex.recovery_window"));
  f.value_of_compute_usd_per_j = r.money("flex.value_of_compute", site.krw_per_usd);
  std::sort(g.upgrades.begin(), g.upgrades.end(),
            [](const GridUpgrade& a, const GridUpgrade& b) {
              return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
            });
}

void check_grid(const Site& site, Problems& p) {
  const GridSpec& g = site.grid;
  if (site.islanded) return;  // no connection to check
  p.range("grid.connection", g.connection.va());
  p.range("grid.power_factor", g.power_factor);
  p.range("grid.circuits", g.circuits);
  p.range("grid.circuit_rating", g.circuit_rating.va());
  p.range("grid.contracted_demand", in_si(g.contracted_demand));
  p.range("grid.ramp_limit", g.ramp_limit_w_per_s);
  for (size_t i = 0; i < g.upgrades.size(); ++i)
    p.range("grid.upgrade[" + std::to_string(i) + "].connection", g.upgrades[i].connection.va());
  p.range("grid.constrained_hours", g.constrained_hours);
  p.range("grid.constrained_share", g.constrained_share);
  if (g.constrained_hours > 0 && !g.capacity_profile.empty())
    p.add("grid.constrained_hours",
          "grid.constrained_hours and grid.capacity_profile both say when the network is short: "
          "give one (a capacity profile already holds its constrained hours)");
  if (g.constrained_hours > 0 && !(g.constrained_share > 0))
    p.add("grid.constrained_share",
          "grid.constrained_hours = " + std::to_string(g.constrained_hours) +
              " needs grid.constrained_share > 0 (the share of the connection withdrawn in them)");
  if (!g.regional_load.empty() && g.constrained_hours == 0)
    p.add("grid.regional_load",
          "grid.regional_load is given but grid.constrained_hours = 0: it would pick no hours");
  const FlexSpec& f = site.flex;
  p.range("flex.curtailable_share", f.curtailable_share);
  p.range("flex.max_duration", in_si(f.max_duration));
  p.range("flex.max_events", f.max_events);
  p.range("flex.max_energy_share", f.max_energy_share);
  p.range("flex.recovery_window", in_si(f.recovery_window));
  p.range("flex.value_of_compute", f.value_of_compute_usd_per_j);
}

}  // namespace dcload::detail
