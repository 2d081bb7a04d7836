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
}

}  // namespace dcload::detail
