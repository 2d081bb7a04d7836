// Human-readable outputs: RunResult::brief/full and the site-file reference for README.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "output/text_table.hpp"
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
    // Pad by display columns, not bytes (labels may hold "°", "²").
    for (int i = detail::text_width(label); i < 34; ++i) o << ' ';
    o << value << '\n';
  };
  const auto mw = [](Power p) { return in_megawatts(p); };
  const auto mwh = [](Energy e) { return in_megawatt_hours(e); };
  const double it_mwh = mwh(s.it_energy);
  auto share = [&](Energy e) { return fmt("%6.1f %% of IT", 100.0 * mwh(e) / it_mwh); };
  o << "dcload — " << s.site << '\n';
  o << "  weather " << s.weather_source << ", " << s.steps << " steps of "
    << fmt("%g", in_si(s.timestep)) << " s";
  if (in_si(s.start) > 0 || s.steps * in_si(s.timestep) < 365.0 * 86400.0 - 1.0)
    o << " (a window of the year)";
  o << '\n';
  o << "  plant sized on " << s.design_basis << fmt(": %.1f °C wet-bulb", in_celsius(s.design_wet_bulb))
    << fmt(", %.1f °C dry-bulb", in_celsius(s.design_dry_bulb)) << "\n\n";

  o << "Campus\n";
  o << "  cluster              hall       accelerator          count   racks  kW/rack  design MW  liquid\n";
  for (const ClusterResult& c : s.clusters) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-20.20s %-10.10s %-18.18s %8lld %7lld %8.1f %10.1f %6.0f %%\n",
                  c.name.c_str(), c.hall.c_str(), c.accelerator.c_str(),
                  static_cast<long long>(c.count), static_cast<long long>(c.racks),
                  in_si(c.rack_power) / 1e3, mw(c.design_it), 100.0 * c.liquid_fraction);
    o << line;
  }
  o << "  hall       technology           design MW  IT MWh        supply air  free h (air / liquid loop)\n";
  for (const HallResult& h : s.halls) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-10.10s %-20.20s %9.1f %12.0f %8.1f °C  %.0f / %.0f\n",
                  h.name.c_str(), h.technology.c_str(), mw(h.design_it), mwh(h.it_energy),
                  in_celsius(h.supply_air), h.air_loop_free_hours, h.liquid_loop_free_hours);
    o << line;
  }

  o << "\nEnergy\n";
  row("IT", fmt("%12.0f MWh", it_mwh));
  row("  of which server fans", fmt("%12.0f MWh", mwh(s.it_fan_energy)) + "   " + share(s.it_fan_energy));
  row("cooling", fmt("%12.0f MWh", mwh(s.cooling_energy)) + "   " + share(s.cooling_energy));
  row("electrical losses", fmt("%12.0f MWh", mwh(s.electrical_loss)) + "   " + share(s.electrical_loss));
  row("  UPS", fmt("%12.0f MWh", mwh(s.ups_loss)));
  row("  distribution", fmt("%12.0f MWh", mwh(s.distribution_loss)));
  row("  transformers", fmt("%12.0f MWh", mwh(s.transformer_loss)));
  row("lighting and offices", fmt("%12.0f MWh", mwh(s.lighting_energy)));
  row("standby-generator heaters", fmt("%12.0f MWh", mwh(s.generator_heater_energy)));
  row("facility (at the connection)", fmt("%12.0f MWh", mwh(s.facility_energy)));

  o << "\nEfficiency\n";
  row("PUE, annual", fmt("%.3f", s.pue_annual) + fmt("   ITUE %.3f", s.itue) +
                         fmt("   TUE %.3f (server fans as overhead)", s.tue));
  std::string monthly;
  for (int i = 0; i < 12; ++i) monthly += std::isfinite(s.pue_monthly[i])
                                              ? fmt(i ? " %.3f" : "%.3f", s.pue_monthly[i])
                                              : std::string(i ? "     —" : "    —");
  o << "  PUE, Jan..Dec  " << monthly << '\n';  // not padded to the value column: fits 100
  row("cooling modes (free/partial/mech)", fmt("%.0f", s.free_cooling_hours) + " / " +
                                               fmt("%.0f", s.partial_cooling_hours) + " / " +
                                               fmt("%.0f", s.mechanical_cooling_hours) + " h");
  row("water", fmt("%.0f m³", in_si(s.water)) + fmt("   WUE %.2f L/kWh", s.wue_l_per_kwh) +
                   fmt("   evaporated %.0f m³", in_si(s.evaporation)));
  if (s.tower_latent_share > 0)
    row("tower heat as latent heat", fmt("%.1f %%", 100.0 * s.tower_latent_share));
  row("pPUE cooling", fmt("%.3f", s.ppue_cooling) + fmt("   ERE %.3f", s.ere) +
                         fmt("   ERF %.3f", s.erf));
  row("heat rejected / reusable", fmt("%.0f MWh", mwh(s.heat_rejected)) + " / " +
                                      fmt("%.0f MWh", mwh(s.reusable_heat)) +
                                      fmt(" at %.1f °C", in_celsius(s.reusable_heat_temperature)));
  if (const Summary::ColdSource& x = s.cold_source; x.enabled) {
    o << "\nCold source (" << (x.kind == "lng_terminal" ? "LNG terminal seawater" : "seawater")
      << ", backup: " << x.backup
      << (x.arrangement == "after"    ? ", the seawater after it"
          : x.arrangement == "before" ? ", the seawater before it"
                                      : "")
      << ")\n";
    row("heat to the seawater", fmt("%.0f MWh", mwh(x.heat)) +
                                    fmt("   %.1f %% of the heat rejected", 100.0 * x.heat_share));
    row("hours it took all the heat", fmt("%.0f h", x.full_hours) +
                                          (x.short_hours > 0 ? fmt("   short %.0f h", x.short_hours) +
                                                                   fmt(", %.0f MWh unserved", mwh(x.unserved_heat))
                                                             : std::string()));
    row("seawater used", fmt("%.0f m³", in_si(x.seawater)) +
                             fmt("   largest %.0f t/h", x.max_flow_t_h));
    row("seawater offered", fmt("%.0f t/h on average", x.mean_available_t_h));
    row("the sea", fmt("%.1f", in_celsius(x.min_sea)) + fmt("–%.1f °C", in_celsius(x.max_sea)) +
                       (x.vaporizer_delta_t_k > 0
                            ? fmt("   to the campus %.1f", in_celsius(x.min_sea) - x.vaporizer_delta_t_k) +
                                  fmt("–%.1f °C", in_celsius(x.max_sea) - x.vaporizer_delta_t_k)
                            : std::string()));
    row("discharge", fmt("warmest %.1f °C", in_celsius(x.max_discharge)) +
                         fmt("   margin to the limit ≥ %.2f K", x.min_discharge_margin_k));
    row("seawater pumps", fmt("%.0f MWh", mwh(x.pump_energy)) +
                              fmt("   %.2f MW at design flow", mw(x.design_pump_power)) +
                              fmt(", pipes %.2f m", x.pipe_diameter_m) +
                              fmt(" at %.0f Pa/m", x.pipe_gradient_pa_per_m));
    row("saved vs no cold source",
        fmt("chillers %.0f", mwh(x.chiller_avoided)) +
            fmt(", rejection fans %.0f", mwh(x.fan_avoided)) +
            fmt(", all cooling %.0f MWh", mwh(x.cooling_avoided)));
    row("", fmt("water %.0f m³", in_si(x.water_avoided)) +
                fmt("   PUE %.3f", x.pue_without) + fmt(" → %.3f", s.pue_annual) +
                fmt("   WUE %.2f", x.wue_without) + fmt(" → %.2f L/kWh", s.wue_l_per_kwh));
  }

  o << "\nPeaks and ramps\n";
  row("design IT power", fmt("%.1f MW", mw(s.design_it_power)) + " (full utilization)");
  row("peak IT", fmt("%.1f MW", mw(s.peak_it)) + fmt("   minimum %.1f MW", mw(s.min_it)));
  row("peak facility", fmt("%.1f MW", mw(s.peak_facility)) + " at " + s.peak_facility_time +
                           fmt(" (%.1f °C", in_celsius(s.peak_facility_dry_bulb)) +
                           fmt(" dry-bulb, %.1f °C wet-bulb)", in_celsius(s.peak_facility_wet_bulb)));
  row("peak cooling power", fmt("%.1f MW", mw(s.peak_cooling)));
  row("largest ramp", fmt("%.2f MW/s", mw(s.max_ramp_per_s)) +
                          fmt("   %.2f MW/min", mw(s.max_ramp_per_min)) +
                          (in_si(s.timestep) > 1.0 ? "   (step-limited lower bounds)" : ""));
  row("facility dynamic range", fmt("%.1f MW", mw(s.facility_dynamic_range)));
  if (s.ramp_limit_w_per_s > 0)
    row("ramp limit and storage", fmt("%.1f MW/min", s.ramp_limit_w_per_s * 60.0 / 1e6) +
                                      fmt(" → %.1f MW", mw(s.ramp_storage_power)) +
                                      fmt(" / %.1f MWh", mwh(s.ramp_storage_energy)));
  if (std::isfinite(s.swing_band_share) && in_si(s.timestep) <= 0.1)
    row("power variance in 0.1–3 Hz", fmt("%.1f %%", 100.0 * s.swing_band_share));

  o << "\nPlant (sized on " << s.design_basis << ")\n";
  // Columns fit 100 characters with the "← short" flag (installed = duty + spares; MW of
  // one unit, of all installed, of the design load and of the run's largest load).
  {
    char line[256];
    std::snprintf(line, sizeof line, "  %-21s %-7s %5s %6s %9s %9s %9s %9s %7s\n", "component", "hall",
                  "duty", "inst.", "unit MW", "inst. MW", "design MW", "max MW", "h over");
    o << line;
  }
  for (const ComponentResult& c : s.plant) {
    char line[256];
    std::snprintf(line, sizeof line, "  %-21.21s %-7.7s %5d %6d %9.3f %9.1f %9.1f %9.1f %7.1f%s\n",
                  c.name.c_str(), c.hall.c_str(), c.duty, c.installed, mw(c.unit),
                  mw(c.installed_capacity), mw(c.design_load), mw(c.max_load), c.hours_over,
                  c.hours_over > 0 ? " ← short" : "");
    o << line;
  }
  row("UPS modules, mean load", std::to_string(s.ups_modules) + fmt(", %.1f %% each", 100.0 * s.ups_mean_load_fraction));

  o << "\nGrid\n";
  row("connection", fmt("%.0f MVA", in_megavolt_amperes(s.grid_connection)) +
                        fmt(" → %.1f MW", mw(s.grid_capacity)) +
                        fmt(" (peak demand %.1f MVA)", in_megavolt_amperes(s.peak_facility_apparent)));
  row("minimum headroom", fmt("%.1f MW", mw(s.min_grid_headroom)) + " at " + s.min_grid_headroom_time);
  row("hours over capacity", fmt("%.1f h", s.hours_over_capacity));
  row("N-1 capacity", fmt("%.1f MW", mw(s.grid_capacity_n1)) +
                          " (largest circuit or transformer out)");
  row("N-1 headroom", fmt("%.1f MW", mw(s.min_grid_headroom_n1)) +
                          fmt("   hours over N-1 %.1f h", s.hours_over_capacity_n1) +
                          (s.hours_over_capacity_n1 > 0 ? "  ← N-1 exceeded" : ""));
  row("design day", fmt("%.1f MW peak facility", mw(s.design_day_facility)) +
                        fmt(" at %.1f °C dry-bulb", in_celsius(s.design_day_dry_bulb)) +
                        fmt(", headroom %.1f MW", mw(s.grid_capacity) - mw(s.design_day_facility)));

  if (!s.buildout.empty()) {
    o << "\nBuild-out (campus as built by 31 December; energies from in-service dates)\n";
    o << "  year  accelerators  peak IT MW  peak fac. MW    PUE  grid MW  headroom MW  CO2 kt  cost MUSD  CFE %  unserved MWh\n";
    for (const BuildoutYear& y : s.buildout) {
      char line[256];
      std::snprintf(line, sizeof line,
                    "  %4d %13lld %11.1f %13.1f %6.3f %8.0f %12.1f %7.0f %10.1f %6.1f %13.0f%s\n",
                    y.year, static_cast<long long>(y.gpu_count), mw(y.peak_it),
                    mw(y.peak_facility), y.pue, mw(y.grid_capacity), mw(y.min_grid_headroom),
                    in_si(y.co2) / 1e6, y.supply_cost_usd / 1e6, 100.0 * y.cfe_share,
                    mwh(y.unserved), in_si(y.min_grid_headroom) < 0 ? "  ← over" : "");
      o << line;
    }
  }

  o << "\nSupply\n";
  for (const SupplyResult& x : s.supply)
    row(x.name + " (" + x.type + ")", fmt("%.0f MWh", mwh(x.energy)) +
                                          fmt(", CF %.1f %%", 100 * x.capacity_factor) +
                                          fmt(", %.1f MUSD", x.cost_usd / 1e6));
  row("CO2", fmt("%.0f t", in_si(s.co2) / 1e3) + fmt("   CUE %.3f kg/kWh", s.cue_kg_per_kwh));
  row("supply cost", fmt("%.1f MUSD", s.supply_cost_usd / 1e6) +
                         fmt(" (LCOE %.1f USD/MWh", s.lcoe_usd_per_mwh) +
                         fmt(", %.1f USD per IT MWh)", s.cost_per_it_mwh_usd));
  row("carbon-free share", fmt("%.1f %% (hourly)", 100 * s.cfe_share));
  if (in_si(s.unserved) > 0)
    row("unserved", fmt("%.1f MWh", mwh(s.unserved)) + fmt(" over %.1f h", s.unserved_hours) +
                        (s.unserved_cost_usd > 0 ? fmt(", priced at %.1f MUSD", s.unserved_cost_usd / 1e6)
                                                 : std::string(", not priced (costs omit it)")));
  o << "\nStatus: " << status.name() << '\n';
  for (const auto& m : status.messages) o << detail::wrap_text("  " + m, 100, 4);
  return o.str();
}

std::string summary_keys_markdown() {
  std::string o = "| key | unit | meaning |\n|---|---|---|\n";
  for (const SummaryKey& k : summary_keys())
    o.append("| `").append(k.key).append("` | ").append(k.unit).append(" | ").append(k.meaning).append(" |\n");
  return o;
}

const std::vector<SiteKey>& site_keys() {
  using namespace detail;
  static const std::vector<SiteKey> keys = [] {
  std::vector<SiteKey> out;
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
    } else if (def == "@flex") {
      def = "flex.curtailable_share";
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
    // The default as TOML text, without the Markdown backticks.
    std::string def_text = def;
    def_text.erase(std::remove(def_text.begin(), def_text.end(), '`'), def_text.end());
    out.push_back({std::string(k.path), std::move(type), std::move(def), std::move(def_text),
                   std::move(range), std::string(k.description), std::move(source), k.required});
  }
  return out;
  }();
  return keys;
}

std::string config_reference_markdown() {
  std::ostringstream o;
  o << "| key | type | default | range | description | source of default |\n";
  o << "|---|---|---|---|---|---|\n";
  for (const SiteKey& k : site_keys())
    o << "| `" << k.key << "` | " << k.type << " | " << k.default_markdown << " | " << k.range
      << " | " << k.description << " | " << k.source << " |\n";
  return o.str();
}

}  // namespace dcload
