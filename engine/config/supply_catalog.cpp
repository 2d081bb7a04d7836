#include "config/supply_catalog.hpp"

#include <toml++/toml.h>

#include <stdexcept>

#include "config/embedded.hpp"
#include "config/quantity.hpp"

namespace dcload::detail {
namespace {

// A broken catalog is a programmer error caught by tests/test_wind.cpp and
// tests/test_supply.cpp (every type and turbine is loaded), so failures throw std::logic_error.
const toml::table& catalog() {
  static const toml::table t = [] {
    const std::string_view text = embedded_text("catalog/supply.toml");
    if (text.empty()) throw std::logic_error("catalog not embedded: catalog/supply.toml");
    return toml::parse(text, std::string("configs/catalog/supply.toml"));
  }();
  return t;
}

std::string as_text(const toml::node* n) {
  if (n == nullptr) return {};
  if (auto s = n->value_exact<std::string>()) return *s;
  if (auto i = n->value_exact<int64_t>()) return std::to_string(*i);
  if (auto b = n->value_exact<bool>()) return *b ? "true" : "false";
  if (auto v = n->value<double>()) {
    std::string s = std::to_string(*v);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  return {};
}

std::vector<double> numbers(const toml::table& t, const char* key, const std::string& where) {
  const toml::array* a = t[key].as_array();
  if (a == nullptr) throw std::logic_error(where + " lacks array " + key);
  std::vector<double> v;
  for (const auto& x : *a) {
    auto d = x.value<double>();
    if (!d) throw std::logic_error(where + "." + key + ": expected numbers");
    v.push_back(*d);
  }
  return v;
}

}  // namespace

std::string supply_table_name(const std::string& type, const std::string& location) {
  if (type == "wind") return location == "offshore" ? "wind_offshore" : "wind_onshore";
  return type;
}

std::string supply_default(const std::string& table, const std::string& key) {
  return as_text(catalog()["type"][table][key].node());
}

std::string economics_default(const std::string& key) {
  return as_text(catalog()["economics"][key].node());
}

std::optional<TurbineCurve> find_turbine(const std::string& name) {
  const toml::table* t = catalog()["turbine"][name].as_table();
  if (t == nullptr) return std::nullopt;
  const std::string where = "configs/catalog/supply.toml [turbine." + name + "]";
  TurbineCurve c;
  c.name = name;
  c.speed_m_s = numbers(*t, "speeds", where);
  c.fraction = numbers(*t, "power_fraction", where);
  auto speed = [&](const char* key) {
    const std::string s = as_text(t->get(key));
    if (s.empty()) throw std::logic_error(where + " lacks " + key);
    return parse_quantity(s, Dimension::kSpeed).value_si;
  };
  c.cut_in_m_s = speed("cut_in");
  c.cut_out_m_s = speed("cut_out");
  c.source = as_text(t->get("source"));
  if (c.speed_m_s.size() != c.fraction.size() || c.speed_m_s.size() < 2)
    throw std::logic_error(where + ": speeds and power_fraction differ in length");
  return c;
}

std::vector<std::string> turbine_names() {
  std::vector<std::string> names;
  if (const toml::table* t = catalog()["turbine"].as_table())
    for (auto&& [k, v] : *t) names.emplace_back(k.str());
  return names;
}

std::optional<TariffSchedule> find_tariff(const std::string& name, double krw_per_usd) {
  const toml::table* t = catalog()["tariff"][name].as_table();
  if (t == nullptr) return std::nullopt;
  const std::string where = "configs/catalog/supply.toml [tariff." + name + "]";
  auto money = [&](const std::string& text, Dimension d) {
    const Quantity q = parse_quantity(text, d);
    return q.dim.e[static_cast<int>(DimIndex::kKrw)] != 0 ? q.value_si / krw_per_usd : q.value_si;
  };
  const toml::array* seasons = (*t)["season_of_month"].as_array();
  const toml::table* hours = (*t)["hours"].as_table();
  const toml::table* rates = (*t)["rates"].as_table();
  if (seasons == nullptr || seasons->size() != 12 || hours == nullptr || rates == nullptr)
    throw std::logic_error(where + ": needs season_of_month (12), [hours] and [rates]");
  TariffSchedule out;
  out.energy_usd_per_j.resize(3 * 288);
  for (int m = 0; m < 12; ++m) {
    const std::string season = as_text((*seasons)[static_cast<size_t>(m)].as_string());
    const toml::array* hh = (*hours)[season].as_array();
    const toml::table* rr = (*rates)[season].as_table();
    if (hh == nullptr || hh->size() != 24 || rr == nullptr)
      throw std::logic_error(where + ": season " + season + " lacks 24 hours or its rates");
    // KEPCO rule: Saturday peak hours are billed at the mid rate, Sundays (and public
    // holidays, not modelled) are off-peak all day (see the [tariff] notes in the catalog).
    auto rate_of = [&](const std::string& period) {
      const std::string rate = as_text((*rr)[period].node());
      if (rate.empty()) throw std::logic_error(where + ": no rate for " + season + "." + period);
      return money(rate, Dimension::kEnergyPrice);
    };
    for (int h = 0; h < 24; ++h) {
      const std::string period = as_text((*hh)[static_cast<size_t>(h)].as_string());
      const auto i = static_cast<size_t>(m * 24 + h);
      out.energy_usd_per_j[i] = rate_of(period);
      out.energy_usd_per_j[288 + i] = rate_of(period == "peak" ? "mid" : period);
      out.energy_usd_per_j[576 + i] = rate_of("off_peak");
    }
  }
  // Per-kWh adders (e.g. climate-environment and fuel-cost adjustment charges).
  if (const toml::table* add = (*t)["adders"].as_table())
    for (auto&& [k, v] : *add) {
      const double a = money(as_text(&v), Dimension::kEnergyPrice);
      for (double& x : out.energy_usd_per_j) x += a;
    }
  if (const std::string d = as_text(t->get("demand_charge")); !d.empty())
    out.demand_usd_per_w_s = money(d, Dimension::kFixedOm);
  return out;
}

std::vector<std::string> tariff_names() {
  std::vector<std::string> names;
  if (const toml::table* t = catalog()["tariff"].as_table())
    for (auto&& [k, v] : *t) names.emplace_back(k.str());
  return names;
}

}  // namespace dcload::detail
