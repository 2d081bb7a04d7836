// Writers: Summary JSON (stable keys), time-series CSV, both written atomically.
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <optional>
#include <sstream>
#include <system_error>

#include "dcload/error.hpp"
#include "dcload/run.hpp"
#include "metrics/metrics.hpp"
#include "output/json_text.hpp"

namespace dcload {

namespace detail {

std::string json_string(std::string_view s) {
  std::string o = "\"";
  for (char ch : s) {
    switch (ch) {
      case '"': o += "\\\""; break;
      case '\\': o += "\\\\"; break;
      case '\n': o += "\\n"; break;
      case '\t': o += "\\t"; break;
      default:
        if (static_cast<unsigned char>(ch) < 0x20) {
          char b[8];
          std::snprintf(b, sizeof b, "\\u%04x", ch);
          o += b;
        } else {
          o += ch;
        }
    }
  }
  return o + "\"";
}

std::string json_number(double v, int digits, bool fixed) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  if (fixed) {
    std::snprintf(buf, sizeof buf, "%.*f", digits, v);
    return buf;
  }
  // The shortest text that reads back as the same double (std::to_chars without a precision:
  // round-trip exact), so a value read from the JSON is the value computed.
  const std::to_chars_result r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

}  // namespace detail

namespace {

std::string num(double v, int precision = 6) { return detail::json_number(v, precision); }
std::string str(const std::string& s) { return detail::json_string(s); }

using Getter = std::function<std::string(const Summary&)>;
using Number = double (*)(const Summary&);
// A scalar number printed with `digits` significant digits.
struct Num {
  Number value;
  int digits;
};
// A whole number.
struct Int {
  Number value;
};
// One Summary key: its text in the JSON and, for scalar numbers, the value itself (full
// precision, for sweeps: summary_value()).
struct Field {
  Field(SummaryKey k, Getter g) : key(k), get(std::move(g)) {}
  Field(SummaryKey k, Num n)
      : key(k), get([n](const Summary& s) { return num(n.value(s), n.digits); }), number(n.value) {}
  Field(SummaryKey k, Int n)
      : key(k),
        get([n](const Summary& s) { return std::to_string(static_cast<long long>(n.value(s))); }),
        number(n.value) {}
  SummaryKey key;
  Getter get;
  Number number = nullptr;
};

double mwh(Energy e) { return in_megawatt_hours(e); }
double mw(Power p) { return in_megawatts(p); }

const std::vector<Field>& fields() {
  static const std::vector<Field> f = {
      {{"site", "", "site name"}, [](const Summary& s) { return str(s.site); }},
      {{"weather_source", "", "weather used (builtin:NAME or file path)"},
       [](const Summary& s) { return str(s.weather_source); }},
      {{"utc_offset_h", "h", "hours from UTC of the weather's local standard time, the clock of every time given"},
       Num{[](const Summary& s) { return s.utc_offset_h; }, 6}},
      {{"calendar_year", "", "calendar year the typical weather year is stamped with (build-out year, else 2029)"},
       Int{[](const Summary& s) { return double(s.calendar_year); }}},
      {{"steps", "", "number of time steps simulated"},
       Int{[](const Summary& s) { return double(s.steps); }}},
      {{"timestep_s", "s", "length of one step"},
       Num{[](const Summary& s) { return double(in_si(s.timestep)); }, 6}},
      {{"it_energy_mwh", "MWh", "IT energy (accelerator nodes, network, storage)"},
       Num{[](const Summary& s) { return double(mwh(s.it_energy)); }, 9}},
      {{"cooling_energy_mwh", "MWh", "cooling plant energy (CRAH fans, pumps, chillers, tower fans)"},
       Num{[](const Summary& s) { return double(mwh(s.cooling_energy)); }, 9}},
      {{"electrical_loss_mwh", "MWh", "UPS + distribution + transformer losses"},
       Num{[](const Summary& s) { return double(mwh(s.electrical_loss)); }, 9}},
      {{"ups_loss_mwh", "MWh", "UPS losses"}, Num{[](const Summary& s) { return double(mwh(s.ups_loss)); }, 9}},
      {{"distribution_loss_mwh", "MWh", "PDU, busway and cabling losses"},
       Num{[](const Summary& s) { return double(mwh(s.distribution_loss)); }, 9}},
      {{"transformer_loss_mwh", "MWh", "HV/MV transformer losses"},
       Num{[](const Summary& s) { return double(mwh(s.transformer_loss)); }, 9}},
      {{"aux_energy_mwh", "MWh", "lighting and offices + standby-generator heaters"},
       Num{[](const Summary& s) { return double(mwh(s.aux_energy)); }, 9}},
      {{"lighting_energy_mwh", "MWh", "lighting and offices (a share of nameplate IT power)"},
       Num{[](const Summary& s) { return double(mwh(s.lighting_energy)); }, 9}},
      {{"facility_energy_mwh", "MWh",
        "energy at the point of interconnection = IT + cooling + electrical losses + aux"},
       Num{[](const Summary& s) { return double(mwh(s.facility_energy)); }, 9}},
      {{"pue_annual", "", "facility energy / IT energy over the run"},
       Num{[](const Summary& s) { return double(s.pue_annual); }, 6}},
      {{"it_fan_energy_mwh", "MWh",
        "server-fan energy within IT energy (the fan share at ≤ 23 °C inlet plus the speed-up above)"},
       Num{[](const Summary& s) { return double(mwh(s.it_fan_energy)); }, 9}},
      {{"itue", "", "IT-power usage effectiveness: IT energy / (IT energy − server fans) (Patterson et al. 2013; fans only: a lower bound)"},
       Num{[](const Summary& s) { return double(s.itue); }, 9}},
      {{"tue", "", "total-power usage effectiveness: ITUE × PUE (server fans counted as overhead)"},
       Num{[](const Summary& s) { return double(s.tue); }, 9}},
      {{"pue_monthly", "", "PUE of each calendar month, January first (12 numbers)"},
       [](const Summary& s) {
         std::string o = "[";
         for (int i = 0; i < 12; ++i) o += (i ? ", " : "") + num(s.pue_monthly[i], 6);
         return o + "]";
       }},
      {{"facility_energy_monthly_mwh", "MWh", "facility energy of each month (12 numbers)"},
       [](const Summary& s) {
         std::string o = "[";
         for (int i = 0; i < 12; ++i) o += (i ? ", " : "") + num(mwh(s.facility_energy_monthly[i]), 9);
         return o + "]";
       }},
      {{"clusters", "",
        "per cluster: name, hall, accelerator, count, nodes, racks, rack_kw (design IT per rack), "
        "design_it_mw, liquid_fraction"},
       [](const Summary& s) {
         std::string o = "[";
         for (size_t i = 0; i < s.clusters.size(); ++i) {
           const ClusterResult& c = s.clusters[i];
           o += std::string(i ? ", " : "") + "{\"name\": " + str(c.name) + ", \"hall\": " + str(c.hall) +
                ", \"accelerator\": " + str(c.accelerator) + ", \"count\": " + std::to_string(c.count) +
                ", \"nodes\": " + std::to_string(c.nodes) + ", \"racks\": " + std::to_string(c.racks) +
                ", \"rack_kw\": " + num(in_si(c.rack_power) / 1e3, 9) +
                ", \"design_it_mw\": " + num(mw(c.design_it), 9) +
                ", \"liquid_fraction\": " + num(c.liquid_fraction, 9) + "}";
         }
         return o + "]";
       }},
      {{"halls", "",
        "per hall: name, technology, design_it_mw, it_energy_mwh, supply_air_c, "
        "air_loop_free_hours, liquid_loop_free_hours"},
       [](const Summary& s) {
         std::string o = "[";
         for (size_t i = 0; i < s.halls.size(); ++i) {
           const HallResult& h = s.halls[i];
           o += std::string(i ? ", " : "") + "{\"name\": " + str(h.name) +
                ", \"technology\": " + str(h.technology) +
                ", \"design_it_mw\": " + num(mw(h.design_it), 9) +
                ", \"it_energy_mwh\": " + num(mwh(h.it_energy), 9) +
                ", \"supply_air_c\": " + num(in_celsius(h.supply_air), 6) +
                ", \"air_loop_free_hours\": " + num(h.air_loop_free_hours, 9) +
                ", \"liquid_loop_free_hours\": " + num(h.liquid_loop_free_hours, 9) + "}";
         }
         return o + "]";
       }},
      {{"design_basis", "", "outdoor condition the plant is sized for: ashrae_0.4, ashrae_n_year_20 or peak_of_year"},
       [](const Summary& s) { return str(s.design_basis); }},
      {{"design_wet_bulb_c", "°C", "wet-bulb the towers are sized at"},
       Num{[](const Summary& s) { return double(in_celsius(s.design_wet_bulb)); }, 6}},
      {{"design_dry_bulb_c", "°C", "dry-bulb the dry coolers and generators are sized at"},
       Num{[](const Summary& s) { return double(in_celsius(s.design_dry_bulb)); }, 6}},
      {{"plant", "",
        "per component sized on the design basis: name, hall (\"\" shared), duty, installed, "
        "unit_mw, installed_mw, design_load_mw, max_load_mw (largest of the run), hours_over "
        "(hours the load exceeded what is installed)"},
       [](const Summary& s) {
         std::string o = "[";
         for (size_t i = 0; i < s.plant.size(); ++i) {
           const ComponentResult& c = s.plant[i];
           o += std::string(i ? ", " : "") + "{\"name\": " + str(c.name) + ", \"hall\": " + str(c.hall) +
                ", \"duty\": " + std::to_string(c.duty) +
                ", \"installed\": " + std::to_string(c.installed) +
                ", \"unit_mw\": " + num(mw(c.unit), 9) +
                ", \"installed_mw\": " + num(mw(c.installed_capacity), 9) +
                ", \"design_load_mw\": " + num(mw(c.design_load), 9) +
                ", \"max_load_mw\": " + num(mw(c.max_load), 9) +
                ", \"hours_over\": " + num(c.hours_over, 9) + "}";
         }
         return o + "]";
       }},
      {{"design_it_mw", "MW", "IT power with every cluster at full utilization"},
       Num{[](const Summary& s) { return double(mw(s.design_it_power)); }, 9}},
      {{"peak_it_mw", "MW", "largest IT power of any step"},
       Num{[](const Summary& s) { return double(mw(s.peak_it)); }, 9}},
      {{"gpu_count", "", "accelerators in all clusters"},
       Int{[](const Summary& s) { return double(s.gpu_count); }}},
      {{"it_load_factor", "", "mean IT power / peak IT power over the run"},
       Num{[](const Summary& s) { return double(s.it_load_factor); }, 6}},
      {{"min_it_mw", "MW", "smallest IT power of any step"},
       Num{[](const Summary& s) { return double(mw(s.min_it)); }, 9}},
      {{"max_ramp_mw_per_s", "MW/s",
        "largest change of facility demand within 1 s (steps > 1 s: step change scaled to 1 s)"},
       Num{[](const Summary& s) { return double(mw(s.max_ramp_per_s)); }, 9}},
      {{"max_ramp_mw_per_min", "MW/min",
        "largest change of facility demand within 1 min (steps > 1 min: scaled to 1 min)"},
       Num{[](const Summary& s) { return double(mw(s.max_ramp_per_min)); }, 9}},
      {{"facility_dynamic_range_mw", "MW", "largest minus smallest facility demand of the run"},
       Num{[](const Summary& s) { return double(mw(s.facility_dynamic_range)); }, 9}},
      {{"swing_band_share_0p1_3hz", "",
        "share of facility-power variance in 0.1–3 Hz (steps ≤ 0.1 s; null otherwise)"},
       Num{[](const Summary& s) { return double(s.swing_band_share); }, 6}},
      {{"buildout", "",
        "phased sites: per year {year, gpu_count, peak_it_mw, peak_facility_mw, it_energy_mwh, "
        "facility_energy_mwh, pue, grid_capacity_mw, min_grid_headroom_mw, grid_capacity_n1_mw, "
        "min_grid_headroom_n1_mw, co2_t, "
        "supply_cost_musd, cfe_share, unserved_mwh} (empty without "
        "[[phase]]); other keys describe the last year"},
       [](const Summary& s) {
         std::string o = "[";
         for (size_t i = 0; i < s.buildout.size(); ++i) {
           const BuildoutYear& b = s.buildout[i];
           o += (i ? ", " : "") + std::string("{\"year\": ") + std::to_string(b.year) +
                ", \"gpu_count\": " + std::to_string(b.gpu_count) +
                ", \"peak_it_mw\": " + num(mw(b.peak_it), 9) +
                ", \"peak_facility_mw\": " + num(mw(b.peak_facility), 9) +
                ", \"it_energy_mwh\": " + num(mwh(b.it_energy), 9) +
                ", \"facility_energy_mwh\": " + num(mwh(b.facility_energy), 9) +
                ", \"pue\": " + num(b.pue, 6) +
                ", \"grid_capacity_mw\": " + num(mw(b.grid_capacity), 9) +
                ", \"min_grid_headroom_mw\": " + num(mw(b.min_grid_headroom), 9) +
                ", \"grid_capacity_n1_mw\": " + num(mw(b.grid_capacity_n1), 9) +
                ", \"min_grid_headroom_n1_mw\": " + num(mw(b.min_grid_headroom_n1), 9) +
                ", \"co2_t\": " + num(in_si(b.co2) / 1e3, 9) +
                ", \"supply_cost_musd\": " + num(b.supply_cost_usd / 1e6, 9) +
                ", \"cfe_share\": " + num(b.cfe_share, 6) +
                ", \"unserved_mwh\": " + num(mwh(b.unserved), 9) + "}";
         }
         return o + "]";
       }},
      {{"binding_year", "", "first build-out year over the connection then in force (null: never)"},
       [](const Summary& s) {
         return s.binding_year > 0 ? std::to_string(s.binding_year) : std::string("null");
       }},
      {{"peak_facility_mw", "MW", "largest facility demand of any step"},
       Num{[](const Summary& s) { return double(mw(s.peak_facility)); }, 9}},
      {{"peak_facility_time", "", "start of that step, \"MM-DD HH:MM\" local standard time"},
       [](const Summary& s) { return str(s.peak_facility_time); }},
      {{"peak_facility_dry_bulb_c", "°C", "outdoor dry-bulb in that step"},
       Num{[](const Summary& s) { return double(in_celsius(s.peak_facility_dry_bulb)); }, 4}},
      {{"peak_facility_wet_bulb_c", "°C", "outdoor wet-bulb in that step"},
       Num{[](const Summary& s) { return double(in_celsius(s.peak_facility_wet_bulb)); }, 4}},
      {{"peak_cooling_mw", "MW", "largest cooling plant power of any step"},
       Num{[](const Summary& s) { return double(mw(s.peak_cooling)); }, 9}},
      {{"grid_connection_mva", "MVA", "grid connection apparent power"},
       Num{[](const Summary& s) { return double(in_megavolt_amperes(s.grid_connection)); }, 9}},
      {{"grid_capacity_mw", "MW", "grid connection × power factor"},
       Num{[](const Summary& s) { return double(mw(s.grid_capacity)); }, 9}},
      {{"min_grid_headroom_mw", "MW", "smallest (capacity − facility demand); negative when over"},
       Num{[](const Summary& s) { return double(mw(s.min_grid_headroom)); }, 9}},
      {{"min_grid_headroom_time", "", "start of that step, \"MM-DD HH:MM\""},
       [](const Summary& s) { return str(s.min_grid_headroom_time); }},
      {{"hours_over_capacity", "h", "hours with facility demand above the grid capacity"},
       Num{[](const Summary& s) { return double(s.hours_over_capacity); }, 9}},
      {{"peak_facility_mva", "MVA", "peak facility demand / power factor"},
       Num{[](const Summary& s) { return double(in_megavolt_amperes(s.peak_facility_apparent)); }, 9}},
      {{"grid_capacity_n1_mw", "MW", "capacity with the largest incoming circuit or main transformer out"},
       Num{[](const Summary& s) { return double(mw(s.grid_capacity_n1)); }, 9}},
      {{"min_grid_headroom_n1_mw", "MW", "grid_capacity_n1_mw − peak facility demand"},
       Num{[](const Summary& s) { return double(mw(s.min_grid_headroom_n1)); }, 9}},
      {{"hours_over_capacity_n1", "h", "hours above the N-1 capacity"},
       Num{[](const Summary& s) { return double(s.hours_over_capacity_n1); }, 9}},
      {{"design_day_facility_mw", "MW", "peak facility demand on the ASHRAE 0.4 % design day"},
       Num{[](const Summary& s) { return double(mw(s.design_day_facility)); }, 9}},
      {{"design_day_dry_bulb_c", "°C", "peak dry-bulb of that design day (0.4 % dry-bulb)"},
       Num{[](const Summary& s) { return double(in_celsius(s.design_day_dry_bulb)); }, 4}},
      {{"max_facility_ramp_mw_per_min", "MW/min", "largest change of facility demand between steps, per minute"},
       Num{[](const Summary& s) { return double(in_si(s.max_facility_ramp) * 60.0 / 1e6); }, 9}},
      {{"ramp_limit_mw_per_min", "MW/min", "[grid] ramp_limit (0 = none)"},
       Num{[](const Summary& s) { return double(s.ramp_limit_w_per_s * 60.0 / 1e6); }, 9}},
      {{"ramp_storage_mw", "MW", "storage power that holds the grid draw to the ramp limit"},
       Num{[](const Summary& s) { return double(mw(s.ramp_storage_power)); }, 9}},
      {{"ramp_storage_mwh", "MWh", "storage energy that holds the grid draw to the ramp limit"},
       Num{[](const Summary& s) { return double(mwh(s.ramp_storage_energy)); }, 9}},
      {{"ups_modules", "", "UPS modules installed"},
       Int{[](const Summary& s) { return double(s.ups_modules); }}},
      {{"ups_mean_load_pct", "%", "mean load of one UPS module"},
       Num{[](const Summary& s) { return double(100.0 * s.ups_mean_load_fraction); }, 6}},
      {{"generators", "", "standby generator sets installed (N + spares)"},
       Int{[](const Summary& s) { return double(s.generators); }}},
      {{"transformers", "", "main transformers energized"},
       Int{[](const Summary& s) { return double(s.transformers); }}},
      {{"generator_heater_mwh", "MWh", "jacket-water heater energy of the standby generators"},
       Num{[](const Summary& s) { return double(mwh(s.generator_heater_energy)); }, 9}},
      {{"free_cooling_hours", "h", "hours the economizer alone carried the load"},
       Num{[](const Summary& s) { return double(s.free_cooling_hours); }, 9}},
      {{"partial_cooling_hours", "h", "hours economizer and chillers shared the load"},
       Num{[](const Summary& s) { return double(s.partial_cooling_hours); }, 9}},
      {{"mechanical_cooling_hours", "h", "hours chillers carried the whole load"},
       Num{[](const Summary& s) { return double(s.mechanical_cooling_hours); }, 9}},
      {{"chiller_design_load_mw", "MW", "chiller load on the design basis (what the chillers are sized for)"},
       Num{[](const Summary& s) { return double(mw(s.chiller_design_load)); }, 9}},
      {{"peak_chiller_load_mw", "MW", "largest chiller load of the run"},
       Num{[](const Summary& s) { return double(mw(s.peak_chiller_load)); }, 9}},
      {{"chiller_capacity_mw", "MW", "installed chiller capacity (N + spares units)"},
       Num{[](const Summary& s) { return double(mw(s.chiller_capacity)); }, 9}},
      {{"water_m3", "m³", "cooling make-up water (tower evaporation + drift + blowdown; pads)"},
       Num{[](const Summary& s) { return double(in_si(s.water)); }, 9}},
      {{"evaporation_m3", "m³", "water evaporated (towers, adiabatic pads)"},
       Num{[](const Summary& s) { return double(in_si(s.evaporation)); }, 9}},
      {{"tower_latent_share", "", "share of the heat rejected by towers that leaves as latent heat (evaporation × h_fg)"},
       Num{[](const Summary& s) { return double(s.tower_latent_share); }, 6}},
      {{"wue_l_per_kwh", "L/kWh", "site water per kWh of IT energy"},
       Num{[](const Summary& s) { return double(s.wue_l_per_kwh); }, 6}},
      {{"heat_rejected_mwh", "MWh", "heat rejected outdoors by towers or dry coolers"},
       Num{[](const Summary& s) { return double(mwh(s.heat_rejected)); }, 9}},
      {{"ppue_cooling", "", "partial PUE of cooling: (IT + cooling energy) / IT energy"},
       Num{[](const Summary& s) { return double(s.ppue_cooling); }, 9}},
      {{"reusable_heat_mwh", "MWh", "heat in the warmest facility loop (liquid: facility water)"},
       Num{[](const Summary& s) { return double(mwh(s.reusable_heat)); }, 9}},
      {{"reusable_heat_temperature_c", "°C", "return temperature of that loop"},
       Num{[](const Summary& s) { return double(in_celsius(s.reusable_heat_temperature)); }, 4}},
      {{"ere", "", "energy reuse effectiveness (facility − reused) / IT"},
       Num{[](const Summary& s) { return double(s.ere); }, 9}},
      {{"erf", "", "energy reuse factor: reused / facility energy"},
       Num{[](const Summary& s) { return double(s.erf); }, 9}},
      {{"cooling_shortfall_hours", "h", "largest hours any cooling component (chillers, towers or dry coolers, CRAHs, CDUs) exceeded what is installed"},
       Num{[](const Summary& s) { return double(s.cooling_shortfall_hours); }, 9}},
      {{"cooling_redundancy_lost_hours", "h", "hours the standby chillers had to run"},
       Num{[](const Summary& s) { return double(s.cooling_redundancy_lost_hours); }, 9}},
      {{"free_cooling_hours_air_loop", "h",
        "hours the air (chilled-water) loop needed no compressor"},
       Num{[](const Summary& s) { return double(s.free_cooling_hours_air_loop); }, 9}},
      {{"free_cooling_hours_liquid_loop", "h",
        "hours the liquid (facility-water) loop needed no compressor (0 without one)"},
       Num{[](const Summary& s) { return double(s.free_cooling_hours_liquid_loop); }, 9}},
      {{"chiller_low_load_hours", "h", "hours chillers ran below their minimum unloading ratio (false loading or cycling)"},
       Num{[](const Summary& s) { return double(s.chiller_low_load_hours); }, 9}},
      {{"chiller_curve_out_of_range_hours", "h",
        "hours a chiller curve input was outside its validity range (clamped)"},
       Num{[](const Summary& s) { return double(s.chiller_curve_out_of_range_hours); }, 9}},
      {{"tower_curve_out_of_range_hours", "h",
        "hours a YorkCalc tower input was outside its validity range"},
       Num{[](const Summary& s) { return double(s.tower_curve_out_of_range_hours); }, 9}},
      {{"tower_setpoint_unmet_hours", "h",
        "hours the towers at full fan speed left the condenser water warmer than its set point "
        "(set-point tower control; 0 with follow_load)"},
       Num{[](const Summary& s) { return double(s.tower_setpoint_unmet_hours); }, 9}},
      {{"dx_curve_out_of_range_hours", "h",
        "hours a DX coil curve input was outside its validity range (clamped; 0 without DX halls)"},
       Num{[](const Summary& s) { return double(s.dx_curve_out_of_range_hours); }, 9}},
      {{"cold_source_heat_mwh", "MWh", "heat taken by the cold source's seawater (0 without one)"},
       Num{[](const Summary& s) { return double(mwh(s.cold_source.heat)); }, 9}},
      {{"cold_source_share", "", "cold source's share of all the heat rejected, 0..1"},
       Num{[](const Summary& s) { return double(s.cold_source.heat_share); }, 6}},
      {{"cold_source_full_hours", "h", "hours the seawater took all the condenser heat"},
       Num{[](const Summary& s) { return double(s.cold_source.full_hours); }, 9}},
      {{"cold_source_short_hours", "h", "seawater-only plant: hours with heat no sink took"},
       Num{[](const Summary& s) { return double(s.cold_source.short_hours); }, 9}},
      {{"cold_source_unserved_mwh", "MWh", "seawater-only plant: heat no sink took"},
       Num{[](const Summary& s) { return double(mwh(s.cold_source.unserved_heat)); }, 9}},
      {{"seawater_pump_mwh", "MWh", "seawater pump energy (part of cooling energy)"},
       Num{[](const Summary& s) { return double(mwh(s.cold_source.pump_energy)); }, 9}},
      {{"seawater_m3", "m³", "seawater through the campus's exchangers"},
       Num{[](const Summary& s) { return double(in_si(s.cold_source.seawater)); }, 9}},
      {{"seawater_max_flow_t_h", "t/h", "largest seawater flow of a step"},
       Num{[](const Summary& s) { return double(s.cold_source.max_flow_t_h); }, 9}},
      {{"seawater_offered_mean_t_h", "t/h", "mean seawater flow the source offered (profile, contract)"},
       Num{[](const Summary& s) { return double(s.cold_source.mean_available_t_h); }, 9}},
      {{"discharge_margin_min_k", "K", "smallest margin of the seawater returned below its limit (sea + max_discharge_rise)"},
       Num{[](const Summary& s) { return double(s.cold_source.min_discharge_margin_k); }, 6}},
      {{"discharge_max_c", "°C", "warmest seawater returned (0 without a cold source)"},
       Num{[](const Summary& s) { return s.cold_source.enabled ? double(in_celsius(s.cold_source.max_discharge)) : 0.0; }, 4}},
      {{"cold_source_chiller_avoided_mwh", "MWh", "chiller energy the cold source saved against the plant without it"},
       Num{[](const Summary& s) { return double(mwh(s.cold_source.chiller_avoided)); }, 9}},
      {{"cold_source_fan_avoided_mwh", "MWh", "tower / dry-cooler fan energy it saved"},
       Num{[](const Summary& s) { return double(mwh(s.cold_source.fan_avoided)); }, 9}},
      {{"cold_source_cooling_avoided_mwh", "MWh", "cooling energy it saved, net of the seawater pumps"},
       Num{[](const Summary& s) { return double(mwh(s.cold_source.cooling_avoided)); }, 9}},
      {{"cold_source_water_avoided_m3", "m³", "make-up water it saved"},
       Num{[](const Summary& s) { return double(in_si(s.cold_source.water_avoided)); }, 9}},
      {{"pue_without_cold_source", "", "annual PUE of the same loads on the plant without the cold source (0 without one)"},
       Num{[](const Summary& s) { return s.cold_source.enabled ? double(s.cold_source.pue_without) : 0.0; }, 9}},
      {{"wue_without_cold_source", "L/kWh", "WUE of the same loads on the plant without the cold source"},
       Num{[](const Summary& s) { return double(s.cold_source.wue_without); }, 6}},
      {{"supply", "",
        "per [[supply]] source: name, type, capacity_mw, energy_mwh (delivered), charged_mwh (of it, into the battery), available_mwh, "
        "curtailed_mwh, capacity_factor, battery_energy_mwh, fuel_gj, co2_t, water_m3, "
        "capital_musd, fixed_om_musd, variable_om_musd, fuel_musd, carbon_musd, energy_musd, "
        "cost_musd"},
       [](const Summary& s) {
         std::string o = "[";
         for (size_t i = 0; i < s.supply.size(); ++i) {
           const SupplyResult& x = s.supply[i];
           o += std::string(i ? ", " : "") + "{\"name\": " + str(x.name) +
                ", \"type\": " + str(x.type) + ", \"capacity_mw\": " + num(mw(x.capacity), 9) +
                ", \"energy_mwh\": " + num(mwh(x.energy), 9) +
                ", \"charged_mwh\": " + num(mwh(x.charged), 9) +
                ", \"available_mwh\": " + num(mwh(x.available), 9) +
                ", \"curtailed_mwh\": " + num(mwh(x.curtailed), 9) +
                ", \"capacity_factor\": " + num(x.capacity_factor, 6) +
                ", \"battery_energy_mwh\": " + num(mwh(x.battery_energy), 9) +
                ", \"fuel_gj\": " + num(in_si(x.fuel) / 1e9, 9) +
                ", \"co2_t\": " + num(in_si(x.co2) / 1e3, 9) +
                ", \"water_m3\": " + num(in_si(x.water), 9) +
                ", \"capital_musd\": " + num(x.capital_usd / 1e6, 9) +
                ", \"fixed_om_musd\": " + num(x.fixed_om_usd / 1e6, 9) +
                ", \"variable_om_musd\": " + num(x.variable_om_usd / 1e6, 9) +
                ", \"fuel_musd\": " + num(x.fuel_usd / 1e6, 9) +
                ", \"carbon_musd\": " + num(x.carbon_usd / 1e6, 9) +
                ", \"energy_musd\": " + num(x.energy_usd / 1e6, 9) +
                ", \"cost_musd\": " + num(x.cost_usd / 1e6, 9) + "}";
         }
         return o + "]";
       }},
      {{"co2_t", "t", "CO2 of all sources: grid import × emission factor + LNG fuel × 56.1 kg/GJ"},
       Num{[](const Summary& s) { return double(in_si(s.co2) / 1e3); }, 9}},
      {{"supply_cost_musd", "MUSD",
        "cost of the supply over the run: annualized capital, O&M, fuel, carbon, grid energy"},
       Num{[](const Summary& s) { return double(s.supply_cost_usd / 1e6); }, 9}},
      {{"unserved_mwh", "MWh", "demand no source could serve"},
       Num{[](const Summary& s) { return double(mwh(s.unserved)); }, 9}},
      {{"unserved_hours", "h", "hours with unserved demand"},
       Num{[](const Summary& s) { return double(s.unserved_hours); }, 9}},
      {{"cfe_share", "", "hourly carbon-free share (24/7 CFE, load-weighted), 0..1"},
       Num{[](const Summary& s) { return double(s.cfe_share); }, 6}},
      {{"cue_kg_per_kwh", "kg/kWh", "carbon usage effectiveness: CO2 / IT energy"},
       Num{[](const Summary& s) { return double(s.cue_kg_per_kwh); }, 6}},
      {{"lcoe_usd_per_mwh", "USD/MWh", "supply cost / energy served"},
       Num{[](const Summary& s) { return double(s.lcoe_usd_per_mwh); }, 6}},
      {{"unserved_cost_musd", "MUSD", "unserved energy × [economics] value_of_lost_load"},
       Num{[](const Summary& s) { return double(s.unserved_cost_usd / 1e6); }, 9}},
      {{"cost_per_it_mwh_usd", "USD/MWh", "(supply cost + unserved cost) / IT energy"},
       Num{[](const Summary& s) { return double(s.cost_per_it_mwh_usd); }, 6}},
      {{"peak_grid_import_mw", "MW", "largest grid import of a step"},
       Num{[](const Summary& s) { return double(mw(s.peak_grid_import)); }, 9}},
      {{"supply_water_m3", "m³", "water consumed by on-site generation (LNG)"},
       Num{[](const Summary& s) { return double(in_si(s.supply_water)); }, 9}},
      {{"status", "",
        "\"ok\", \"over_capacity\", \"unserved\", \"n1_exceeded\", \"cooling_shortfall\" or \"not_converged\""},
       [](const Summary& s) { return str(std::string(s.status.name())); }},
      {{"status_messages", "", "one sentence per finding"},
       [](const Summary& s) {
         std::string o = "[";
         for (size_t i = 0; i < s.status.messages.size(); ++i)
           o += (i ? ", " : "") + str(s.status.messages[i]);
         return o + "]";
       }},
  };
  return f;
}

}  // namespace

const std::vector<SummaryKey>& summary_keys() {
  static const std::vector<SummaryKey> keys = [] {
    std::vector<SummaryKey> k;
    for (const auto& f : fields()) k.push_back(f.key);
    return k;
  }();
  return keys;
}

std::optional<double> summary_value(const Summary& s, std::string_view key) {
  for (const auto& f : fields())
    if (f.key.key == key) {
      if (f.number == nullptr) return std::nullopt;
      return f.number(s);
    }
  return std::nullopt;
}

bool is_summary_number(std::string_view key) {
  for (const auto& f : fields())
    if (f.key.key == key) return f.number != nullptr;
  return false;
}

std::string to_json(const Summary& s) {
  std::string o = "{\n";
  const auto& f = fields();
  for (size_t i = 0; i < f.size(); ++i) {
    o += "  " + str(std::string(f[i].key.key)) + ": " + f[i].get(s);
    o += i + 1 < f.size() ? ",\n" : "\n";
  }
  return o + "}\n";
}

}  // namespace dcload
