// Human-readable outputs: RunResult::brief/full and the site-file reference for README.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "config/catalog.hpp"
#include "config/supply_catalog.hpp"
#include "config/keys.hpp"
#include "dcload/run.hpp"
#include "dcload/site.hpp"

namespace dcload {
namespace {
std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}
}  // namespace

std::string RunResult::brief() const {
  const Summary& s = summary;
  std::ostringstream o;
  o << s.site << ": PUE " << fmt("%.3f", s.pue_annual) << ", facility "
    << fmt("%.1f", in_megawatt_hours(s.facility_energy) / 1e3) << " GWh, peak "
    << fmt("%.1f", in_megawatts(s.peak_facility)) << " MW at " << s.peak_facility_time
    << ", min headroom " << fmt("%.1f", in_megawatts(s.min_grid_headroom)) << " MW, status "
    << status.name();
  return o.str();
}

std::string RunResult::full() const {
  const Summary& s = summary;
  std::ostringstream o;
  auto row = [&](const std::string& label, const std::string& value) {
    o << "  " << label;
    for (size_t i = label.size(); i < 34; ++i) o << ' ';
    o << value << '\n';
  };
  const double it_mwh = in_megawatt_hours(s.it_energy);
  auto share = [&](Energy e) { return fmt("%6.1f %% of IT", 100.0 * in_megawatt_hours(e) / it_mwh); };
  o << "dcload — " << s.site << '\n';
  o << "  weather " << s.weather_source << ", " << s.steps << " steps of "
    << fmt("%g", in_si(s.timestep)) << " s\n\n";
  o << "Energy\n";
  row("IT", fmt("%12.0f MWh", it_mwh));
  row("cooling", fmt("%12.0f MWh", in_megawatt_hours(s.cooling_energy)) + "   " + share(s.cooling_energy));
  row("electrical losses", fmt("%12.0f MWh", in_megawatt_hours(s.electrical_loss)) + "   " + share(s.electrical_loss));
  row("  UPS", fmt("%12.0f MWh", in_megawatt_hours(s.ups_loss)));
  row("  distribution", fmt("%12.0f MWh", in_megawatt_hours(s.distribution_loss)));
  row("  transformers", fmt("%12.0f MWh", in_megawatt_hours(s.transformer_loss)));
  row("lighting and offices", fmt("%12.0f MWh", in_megawatt_hours(s.aux_energy)));
  row("facility (at the connection)", fmt("%12.0f MWh", in_megawatt_hours(s.facility_energy)));
  o << "\nEfficiency\n";
  row("PUE, annual", fmt("%.3f", s.pue_annual));
  std::string monthly;
  for (int i = 0; i < 12; ++i) monthly += fmt(i ? " %.3f" : "%.3f", s.pue_monthly[i]);
  row("PUE, Jan..Dec", monthly);
  row("cooling modes (free/partial/mech)", fmt("%.0f", s.free_cooling_hours) + " / " +
                                               fmt("%.0f", s.partial_cooling_hours) + " / " +
                                               fmt("%.0f", s.mechanical_cooling_hours) + " h");
  row("water", fmt("%.0f m³", in_si(s.water)) + fmt("   WUE %.2f L/kWh", s.wue_l_per_kwh));
  row("pPUE cooling", fmt("%.3f", s.ppue_cooling) + fmt("   ERE %.3f", s.ere) +
                         fmt("   ERF %.3f", s.erf));
  row("heat rejected / reusable", fmt("%.0f MWh", in_megawatt_hours(s.heat_rejected)) + " / " +
                                      fmt("%.0f MWh", in_megawatt_hours(s.reusable_heat)) +
                                      fmt(" at %.1f °C", in_celsius(s.reusable_heat_temperature)));
  o << "\nPeaks and plant\n";
  row("design IT power", fmt("%.1f MW", in_megawatts(s.design_it_power)));
  row("peak IT", fmt("%.1f MW", in_megawatts(s.peak_it)));
  row("peak facility", fmt("%.1f MW", in_megawatts(s.peak_facility)) + " at " +
                           s.peak_facility_time + fmt(" (%.1f °C", in_celsius(s.peak_facility_dry_bulb)) +
                           fmt(" dry-bulb, %.1f °C wet-bulb)", in_celsius(s.peak_facility_wet_bulb)));
  row("peak cooling power", fmt("%.1f MW", in_megawatts(s.peak_cooling)));
  row("chillers installed", fmt("%.1f MW", in_megawatts(s.chiller_capacity)) +
                                fmt(" (design load %.1f MW)", in_megawatts(s.chiller_design_load)));
  row("chiller shortfall / standby hours", fmt("%.1f h", s.cooling_shortfall_hours) + " / " +
                                              fmt("%.1f h", s.cooling_redundancy_lost_hours));
  o << "\nGrid\n";
  row("connection", fmt("%.0f MVA", in_megavolt_amperes(s.grid_connection)) +
                        fmt(" → %.1f MW", in_megawatts(s.grid_capacity)));
  row("minimum headroom", fmt("%.1f MW", in_megawatts(s.min_grid_headroom)) + " at " + s.min_grid_headroom_time);
  row("hours over capacity", fmt("%.1f h", s.hours_over_capacity));
  o << "\nSupply\n";
  for (const SupplyResult& x : s.supply)
    row(x.name + " (" + x.type + ")", fmt("%.0f MWh", in_megawatt_hours(x.energy)) +
                                          fmt(", CF %.1f %%", 100 * x.capacity_factor) +
                                          fmt(", %.1f MUSD", x.cost_usd / 1e6));
  row("CO2", fmt("%.0f t", in_si(s.co2) / 1e3));
  row("supply cost", fmt("%.1f MUSD", s.supply_cost_usd / 1e6) +
                         fmt(" (LCOE %.1f USD/MWh)", s.lcoe_usd_per_mwh));
  row("carbon-free share", fmt("%.1f %% (hourly)", 100 * s.cfe_share));
  if (in_si(s.unserved) > 0)
    row("unserved", fmt("%.1f MWh", in_si(s.unserved) / 3.6e9) +
                        fmt(" over %.1f h", s.unserved_hours));
  o << "\nStatus: " << status.name() << '\n';
  for (const auto& m : status.messages) o << "  " << m << '\n';
  return o.str();
}

std::string config_reference_markdown() {
  using namespace detail;
  std::ostringstream o;
  o << "| key | type | default | range | description | source of default |\n";
  o << "|---|---|---|---|---|---|\n";
  for (const KeySpec& k : key_table()) {
    std::string type;
    switch (k.kind) {
      case Kind::kQuantity: type = std::string(describe(k.dim)); break;
      case Kind::kInteger: type = "integer"; break;
      case Kind::kReal: type = "number"; break;
      case Kind::kString: type = "string"; break;
      case Kind::kEnum: {
        type = "one of";
        for (size_t i = 0; i < k.choices.size(); ++i) type += std::string(i ? ", " : " ") + "`" + std::string(k.choices[i]) + "`";
        break;
      }
      case Kind::kBool: type = "true/false"; break;
    }
    std::string def(k.default_text);
    std::string source(k.source);
    if (k.required) def = "required";
    else if (def == "@cooling") {
      const std::string leaf(k.path.substr(k.path.rfind('.') + 1));
      def = "`" + cooling_default("air", leaf) + "` (air)";
      source = "configs/catalog/cooling.toml";
    } else if (def == "@hall") {
      def = "the [cooling] value";
    } else if (def == "@plant") {
      const std::string leaf(k.path.substr(k.path.rfind('.') + 1));
      def = "`" + plant_default(leaf) + "`";
      source = "configs/catalog/cooling.toml [plant]";
    } else if (def == "@ups") {
      def = "per ups_model";
      source = "configs/catalog/ups.toml";
    } else if (def == "@supply") {
      // Every catalog type that has this key: "`v` (type), ...".
      const std::string leaf(k.path.substr(k.path.rfind('.') + 1));
      def.clear();
      for (const char* t : {"grid", "lng_ccgt", "solar", "wind_onshore", "wind_offshore", "battery"})
        if (const std::string v = supply_default(t, leaf); !v.empty())
          def += (def.empty() ? "" : ", ") + ("`" + v + "` (" + t + ")");
      source = "configs/catalog/supply.toml";
    } else if (def == "@economics") {
      const std::string leaf(k.path.substr(k.path.rfind('.') + 1));
      def = "`" + economics_default(leaf) + "`";
      source = "configs/catalog/supply.toml";
    } else if (def == "@accelerator") {
      def = "per accelerator";
    } else if (def.empty()) {
      def = "—";
    } else {
      def = "`" + def + "`";
    }
    std::string range;
    auto show = [&](double si) {
      char buf[32];
      const double d = k.kind == Kind::kQuantity ? to_display(si, k.dim) : si;
      std::snprintf(buf, sizeof buf, "%g", d);
      std::string s = buf;
      const std::string_view u = k.kind == Kind::kQuantity ? display_unit(k.dim) : "";
      if (!u.empty()) s.append(" ").append(u);
      return s;
    };
    if (k.kind == Kind::kQuantity || k.kind == Kind::kInteger || k.kind == Kind::kReal) {
      if (!std::isinf(k.min) && !std::isinf(k.max)) range = show(k.min) + " … " + show(k.max);
      else if (!std::isinf(k.min)) range = "≥ " + show(k.min);
      else if (!std::isinf(k.max)) range = "≤ " + show(k.max);
    }
    o << "| `" << k.path << "` | " << type << " | " << def << " | " << range << " | "
      << k.description << " | " << source << " |\n";
  }
  return o.str();
}

}  // namespace dcload
