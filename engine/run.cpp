// The pipeline: weather → it → electrical → cooling → grid → supply → metrics.
//
// A run sizes the plant once (engine/design/design.cpp), then steps through its time in blocks:
// the hourly year is one block; finer steps run a day (at most 131,072 steps) at a time, each
// block's weather resampled from the hourly year on its own, so memory is bounded by the block
// and by the channels the caller keeps, not by the number of steps.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <fstream>
#include <optional>
#include <stdexcept>
#include <type_traits>

#include "dcload/error.hpp"
#include "dcload/output.hpp"
#include "dcload/run.hpp"
#include "it/buildout.hpp"
#include "metrics/metrics.hpp"
#include "stages.hpp"
#include "supply/supply.hpp"
#include "weather/validate.hpp"

namespace dcload {

std::vector<std::string> RunOptions::validate() const {
  std::vector<std::string> problems;
  const double dt = in_si(timestep);
  if (!(dt >= 1e-3) || dt > 3600.0) {
    problems.push_back("timestep must be between 1 ms and 1 h");
  } else {
    const double per_hour = 3600.0 / dt;
    if (std::abs(per_hour - std::round(per_hour)) > 1e-9 * per_hour)
      problems.push_back("timestep must divide one hour (e.g. 15 min, 1 min, 1 s)");
  }
  // Window runs: start and duration within the 365-day typical year, whole steps.
  const double start_s = in_si(start), dur_s = in_si(duration);
  const double year_s = 365.0 * 86400.0;
  auto whole_steps = [dt](double x) {
    const double n = x / dt;
    return std::abs(n - std::round(n)) <= 1e-9 * std::max(1.0, n);
  };
  if (!(start_s >= 0) || !(dur_s >= 0) || start_s + dur_s > year_s + 1e-6)
    problems.push_back("start and duration must lie within the 365-day year");
  else if (dt >= 1e-3 && (!whole_steps(start_s) || !whole_steps(dur_s)))
    problems.push_back("start and duration must be whole multiples of the timestep");
  if (start_s > 0 && dur_s == 0)
    problems.push_back("a start needs a duration (e.g. --duration \"10 min\")");
  return problems;
}

std::string_view RunStatus::name() const {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kOverCapacity: return "over_capacity";
    case Code::kNotConverged: return "not_converged";
    case Code::kCoolingShortfall: return "cooling_shortfall";
    case Code::kUnserved: return "unserved";
    case Code::kN1Exceeded: return "n1_exceeded";
  }
  return "unknown";
}

std::span<const double> RunResult::channel(std::string_view name) const {
  for (const auto& c : channels)
    if (c.name == name) return c.values;
  throw std::out_of_range("no channel named " + std::string(name));
}

namespace detail {
namespace {

// ---- weather of a block ----------------------------------------------------------------

Weather slice(const Weather& w, size_t a, size_t b) {
  Weather o;
  o.source = w.source;
  o.location = w.location;
  o.latitude_deg = w.latitude_deg;
  o.longitude_deg = w.longitude_deg;
  o.timezone_h = w.timezone_h;
  o.elevation_m = w.elevation_m;
  o.timestep_s = w.timestep_s;
  o.start_s = w.start_s + static_cast<double>(a) * w.timestep_s;
  o.design = w.design;  // design conditions describe the whole climate year
  auto cut = [a, b](const auto& v) {
    return std::decay_t<decltype(v)>(v.begin() + static_cast<std::ptrdiff_t>(a),
                                     v.begin() + static_cast<std::ptrdiff_t>(b));
  };
  o.month = cut(w.month);
  o.dry_bulb_c = cut(w.dry_bulb_c);
  o.dew_point_c = cut(w.dew_point_c);
  o.relative_humidity = cut(w.relative_humidity);
  o.pressure_pa = cut(w.pressure_pa);
  o.wet_bulb_c = cut(w.wet_bulb_c);
  o.ghi_w_m2 = cut(w.ghi_w_m2);
  o.dni_w_m2 = cut(w.dni_w_m2);
  o.dhi_w_m2 = cut(w.dhi_w_m2);
  o.wind_m_s = cut(w.wind_m_s);
  return o;
}

// The steps of [start, start + duration) at step dt from hourly (or already-resampled)
// weather, resampling only the hours the block needs (plus one on each side, so the
// interpolation between hour midpoints at the block's edges uses true neighbours).
Weather block_weather(const Weather& in, double start_s, double dur_s, double dt) {
  if (std::abs(in.timestep_s - dt) <= 1e-9) {
    const auto a = std::min(in.size(), static_cast<size_t>(std::llround(start_s / dt)));
    const auto b = std::min(in.size(), a + static_cast<size_t>(std::llround(dur_s / dt)));
    return slice(in, a, b);
  }
  const size_t hours = in.size();
  const size_t h_first = std::min(hours, static_cast<size_t>(std::floor(start_s / 3600.0)));
  const size_t h0 = h_first > 0 ? h_first - 1 : 0;
  const size_t h1 =
      std::min(hours, static_cast<size_t>(std::ceil((start_s + dur_s) / 3600.0)) + 1);
  Weather fine = resample(slice(in, h0, h1), seconds(dt));
  fine.start_s = static_cast<double>(h0) * 3600.0;
  const auto a = static_cast<size_t>(
      std::llround((start_s - static_cast<double>(h0) * 3600.0) / dt));
  const auto b = std::min(fine.size(), a + static_cast<size_t>(std::llround(dur_s / dt)));
  return slice(fine, std::min(a, b), b);
}

// ---- one block through it → electrical → cooling ----------------------------------------

// Fixed-point iterations of the UPS–cooling loop at most, and the convergence test on the
// change of UPS loss relative to the UPS output. The loop contracts strongly: a watt more of
// UPS-fed cooling adds a1 + 2·a2·f ≤ 8 % UPS loss, and a watt more of indoor heat ~0.3 W of
// cooling, so the error shrinks ≳ 40× per iteration; 3–4 iterations reach 1e-10.
constexpr int kMaxUpsIterations = 12;
constexpr double kUpsTolerance = 1e-10;

}  // namespace

// What one block produces through it → electrical → cooling, and the scratch it needs; held by
// RunStorage so that a block reuses the storage of the last (see stages.hpp, "Storage").
struct BlockOutputs {
  Clock clock;
  ItSeries it;
  ElectricalSeries el;
  CoolingSeries cool;
  Series tr_loss_w;
  Series facility_w;
  int iterations = 0;
  double residual = 0;
  // scratch
  std::vector<Series> indoor_w;  // heat released in each hall
  Series shared_w, ups_out_w, previous_w;
};

// A Workspace's contents: the year's (or a block's) series, the design day's, the supply
// dispatch and the grid headroom.
struct RunStorage {
  BlockOutputs block;
  BlockOutputs design_day;
  SupplySeries supply;
  Series headroom_w;
};

struct WorkspaceAccess {
  static RunStorage& storage(Workspace& ws) {
    if (!ws.storage_) ws.storage_ = std::make_unique<RunStorage>();  // a moved-from Workspace
    return *ws.storage_;
  }
};

namespace {

void run_block(const Site& site, const PlantDesign& d, const Weather& w, BlockOutputs& o) {
  make_clock(w, o.clock);
  o.iterations = 0;
  o.residual = 0;
  const size_t n = w.size();
  const size_t n_halls = site.halls.size();
  std::vector<double> inlet_c(n_halls);
  for (size_t h = 0; h < n_halls; ++h) inlet_c[h] = in_celsius(site.halls[h].supply_air());
  compute_it(site, o.clock, inlet_c, o.it);
  compute_electrical(site, d, o.it, w, o.el);
  const ElectricalSpec& es = site.electrical;
  // Heat released in each hall: its IT, and its share (by design IT power) of the PDU and UPS
  // losses and lighting (assumption: the electrical rooms' heat goes to the halls' air loops).
  std::vector<Series>& indoor = o.indoor_w;
  indoor.resize(n_halls);
  for (Series& s : indoor) s.resize(n);  // written whole by update_indoor
  o.shared_w.resize(n);
  auto update_indoor = [&] {
    as_array(o.shared_w) = as_array(o.el.distribution_loss_w) + as_array(o.el.ups_loss_w) +
                           as_array(o.el.lighting_w);
    for (size_t h = 0; h < n_halls; ++h) {
      const double share = d.it_w > 0 && h < d.halls.size() ? d.halls[h].it_w / d.it_w
                                                              : 1.0 / static_cast<double>(n_halls);
      as_array(indoor[h]) = as_array(o.it.hall_it_w[h]) + share * as_array(o.shared_w);
    }
  };
  update_indoor();
  compute_cooling(site, d, w, indoor, o.it.hall_liquid_w, o.cool);
  // Cooling loads fed through the UPS add UPS load and loss, whose heat the plant must remove:
  // iterate to the fixed point (a tested, bounded number of passes; never silently
  // unconverged). Without UPS-fed cooling the coupling closes in the single pass above.
  if (es.ups_serves_crah_fans || es.ups_serves_pumps) {
    Series& ups_out = o.ups_out_w;
    Series& previous = o.previous_w;
    ups_out.resize(n);
    for (o.iterations = 1; o.iterations <= kMaxUpsIterations; ++o.iterations) {
      auto out = as_array(ups_out);
      out = as_array(o.it.it_w) + as_array(o.el.distribution_loss_w);
      if (es.ups_serves_crah_fans) out += as_array(o.cool.crah_fan_w);
      if (es.ups_serves_pumps) out += as_array(o.cool.chw_pump_w);
      previous = o.el.ups_loss_w;
      if (o.it.energized.empty()) {
        compute_ups(es, ups_out, d.ups_modules, o.el);
      } else {
        // Energized share of the modules (build-out year): the same loss form per step.
        for (size_t k = 0; k < n; ++k) {
          const double m = d.ups_modules * o.it.energized[k];
          const double f = m > 0 ? ups_out[k] / (m * es.ups_module_rating.va() * es.ups_power_factor) : 0.0;
          o.el.ups_load_fraction[k] = f;
          o.el.ups_loss_w[k] = m * es.ups_module_rating.va() *
                               (es.ups_no_load_loss + es.ups_proportional_loss * f + es.ups_square_loss * f * f);
        }
      }
      o.residual = (as_array(o.el.ups_loss_w) - as_array(previous)).abs().maxCoeff() /
                   std::max(1.0, out.maxCoeff());
      update_indoor();
      compute_cooling(site, d, w, indoor, o.it.hall_liquid_w, o.cool);
      if (o.residual < kUpsTolerance) break;
    }
  }
  // Facility: first the load through the transformers, then + their loss.
  o.facility_w.resize(n);
  auto fac = as_array(o.facility_w);
  fac = as_array(o.it.it_w) + as_array(o.el.distribution_loss_w) + as_array(o.el.ups_loss_w) +
        as_array(o.el.aux_w) + as_array(o.cool.total_w);
  transformer_loss(es, d.transformers, o.it.energized, o.facility_w, o.tr_loss_w);
  fac += as_array(o.tr_loss_w);
}

// ---- channels ----------------------------------------------------------------------------

struct ChannelDef {
  const char* name;
  const char* unit;
  const char* display;
  double scale;
  int when;  // 0 every run, 1 sites with on-site supply, 2 sites that offer flexibility,
             // 3 sites with a cold source
};
// Every channel a run can produce, in output order (README: timeseries.csv columns).
constexpr ChannelDef kChannels[] = {
    {"dry_bulb", "°C", "c", 1.0, 0},
    {"wet_bulb", "°C", "c", 1.0, 0},
    {"it_power", "W", "mw", 1e-6, 0},
    {"it_fan_power", "W", "mw", 1e-6, 0},
    {"distribution_loss", "W", "mw", 1e-6, 0},
    {"ups_loss", "W", "mw", 1e-6, 0},
    {"aux_power", "W", "mw", 1e-6, 0},
    {"crah_fan_power", "W", "mw", 1e-6, 0},
    {"chw_pump_power", "W", "mw", 1e-6, 0},
    {"cw_pump_power", "W", "mw", 1e-6, 0},
    {"chiller_power", "W", "mw", 1e-6, 0},
    {"tower_fan_power", "W", "mw", 1e-6, 0},  // or dry-cooler fans
    {"cdu_pump_power", "W", "mw", 1e-6, 0},
    {"fw_pump_power", "W", "mw", 1e-6, 0},
    {"cooling_power", "W", "mw", 1e-6, 0},
    {"transformer_loss", "W", "mw", 1e-6, 0},
    {"facility_power", "W", "mw", 1e-6, 0},
    {"grid_headroom", "W", "mw", 1e-6, 0},
    {"heat_rejected", "W", "mw", 1e-6, 0},
    {"chiller_load", "W", "mw", 1e-6, 0},
    {"reusable_heat", "W", "mw", 1e-6, 0},
    {"water_use", "kg/s", "m3_per_h", 3600.0 / 997.0, 0},
    {"evaporation", "kg/s", "m3_per_h", 3600.0 / 997.0, 0},
    {"cooling_mode", "", "", 1.0, 0},  // 0 free, 1 partial, 2 mechanical
    {"ups_load_fraction", "", "", 1.0, 0},  // per module
    {"lighting_power", "W", "mw", 1e-6, 0},
    {"generator_heater_power", "W", "mw", 1e-6, 0},
    {"grid_import", "W", "mw", 1e-6, 0},
    {"onsite_generation", "W", "mw", 1e-6, 1},  // renewables used + LNG
    {"battery_discharge", "W", "mw", 1e-6, 1},
    {"battery_charge", "W", "mw", 1e-6, 1},
    {"battery_soc", "", "", 1.0, 1},
    {"unserved_power", "W", "mw", 1e-6, 0},
    {"curtailable_it_power", "W", "mw", 1e-6, 2},  // IT power the [flex] offer could shed
    {"seawater_pump_power", "W", "mw", 1e-6, 3},
    {"cold_source_heat", "W", "mw", 1e-6, 3},       // heat taken by the seawater
    {"seawater_flow", "kg/s", "t_per_h", 3.6, 3},          // through the campus's exchangers
    {"sea_temperature", "°C", "c", 1.0, 3},
    {"discharge_temperature", "°C", "c", 1.0, 3},   // seawater returned
    {"dx_power", "W", "mw", 1e-6, 4},  // DX units' compressors + condenser fans (dx halls)
};
constexpr size_t kChannelCount = std::size(kChannels);
bool channel_applies(const ChannelDef& c, bool onsite, bool flex, bool cold, bool dx) {
  return c.when == 0 || (c.when == 1 && onsite) || (c.when == 2 && flex) || (c.when == 3 && cold) ||
         (c.when == 4 && dx);
}
bool has_dx_hall(const Site& site) {
  return std::any_of(site.halls.begin(), site.halls.end(), [](const HallSpec& h) {
    return h.technology == CoolingTechnology::kDx;
  });
}

const Series* channel_series(size_t i, const Weather& w, const BlockOutputs& o,
                             const Series& headroom, const SupplySeries& s) {
  switch (i) {
    case 0: return &w.dry_bulb_c;
    case 1: return &w.wet_bulb_c;
    case 2: return &o.it.it_w;
    case 3: return &o.it.fan_w;
    case 4: return &o.el.distribution_loss_w;
    case 5: return &o.el.ups_loss_w;
    case 6: return &o.el.aux_w;
    case 7: return &o.cool.crah_fan_w;
    case 8: return &o.cool.chw_pump_w;
    case 9: return &o.cool.cw_pump_w;
    case 10: return &o.cool.chiller_w;
    case 11: return &o.cool.tower_fan_w;
    case 12: return &o.cool.cdu_pump_w;
    case 13: return &o.cool.fw_pump_w;
    case 14: return &o.cool.total_w;
    case 15: return &o.tr_loss_w;
    case 16: return &o.facility_w;
    case 17: return &headroom;
    case 18: return &o.cool.heat_rejected_w;
    case 19: return &o.cool.chiller_load_w;
    case 20: return &o.cool.reusable_heat_w;
    case 21: return &o.cool.water_kg_s;
    case 22: return &o.cool.evaporation_kg_s;
    case 23: return &o.cool.mode;
    case 24: return &o.el.ups_load_fraction;
    case 25: return &o.el.lighting_w;
    case 26: return &o.el.generator_heater_w;
    case 27: return &s.grid_w;
    case 28: return &s.onsite_w;
    case 29: return &s.discharge_w;
    case 30: return &s.charge_w;
    case 31: return &s.soc;
    case 32: return &s.unserved_w;
    case 33: return &o.it.curtailable_w;
    case 34: return &o.cool.seawater_pump_w;
    case 35: return &o.cool.cold_heat_w;
    case 36: return &o.cool.cold_flow_kg_s;
    case 37: return &o.cool.sea_c;
    case 38: return &o.cool.discharge_c;
    case 39: return &o.cool.dx_w;
  }
  // Past the fixed table: one channel per LNG, solar or wind source (source_channels()).
  if (i >= kChannelCount && i - kChannelCount < s.source_w.size()) return &s.source_w[i - kChannelCount];
  return nullptr;
}

// Per-source channels: "source_<name>" for every [[supply]] source that is not the grid (its
// import is grid_import) or a battery (battery_discharge/charge/soc): what it delivered to the
// campus each step (renewables: to the load or into the battery), W. Index = kChannelCount +
// the source's position in Site::supply.
std::vector<std::pair<size_t, std::string>> source_channels(const Site& site) {
  std::vector<std::pair<size_t, std::string>> out;
  for (size_t i = 0; i < site.supply.size(); ++i) {
    const SupplyType t = site.supply[i].type;
    if (t == SupplyType::kGrid || t == SupplyType::kBattery) continue;
    out.emplace_back(kChannelCount + i, dcload::source_channel_name(site.supply[i].name));
  }
  return out;
}

// Bytes of physical memory available now (Linux /proc/meminfo MemAvailable), 0 when unknown.
std::size_t available_memory_bytes() {
  std::ifstream in("/proc/meminfo");
  std::string key;
  std::size_t kb = 0;
  std::string unit;
  while (in >> key >> kb >> unit)
    if (key == "MemAvailable:") return kb * 1024;
  return 0;
}

std::string human_bytes(double b) {
  char buf[32];
  if (b >= 1e9) std::snprintf(buf, sizeof buf, "%.1f GB", b / 1e9);
  else std::snprintf(buf, sizeof buf, "%.0f MB", b / 1e6);
  return buf;
}

bool needs_hourly_demand(const Site& site) {
  for (const SupplySpec& s : site.supply)
    if (s.type == SupplyType::kBattery && s.target_cfe > 0) return true;
  return false;
}

}  // namespace

// A run with its plant already sized (a build-out year's in-service run reuses the design of
// the campus built by the end of that year).
RunResult run_designed(const Site& site, const PlantDesign& design, const Weather& weather_in,
                       const RunOptions& options) {
  // The storage the stages write into: the caller's Workspace, or one for this run alone.
  std::optional<Workspace> own;
  RunStorage& ws = WorkspaceAccess::storage(options.workspace ? *options.workspace : own.emplace());
  const double dt = in_si(options.timestep);
  const double start_s = in_si(options.start);
  const bool window = in_si(options.duration) > 0;
  // Steps of the run: the window, or the weather's whole year at dt.
  const double year_s = static_cast<double>(weather_in.size()) * weather_in.timestep_s;
  const double span_s = window ? in_si(options.duration) : year_s;
  const size_t total = static_cast<size_t>(std::llround(span_s / dt));

  // Channels kept: all, none, or the listed ones (an unknown name is an error).
  const bool onsite = std::any_of(site.supply.begin(), site.supply.end(), [](const SupplySpec& s) {
    return s.type != SupplyType::kGrid;
  });
  std::vector<size_t> kept;
  {
    const std::vector<std::string> known = dcload::channel_names(site);
    const bool none = options.channels.size() == 1 && options.channels[0] == "none";
    for (const std::string& name : options.channels) {
      if (none) break;
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        std::string list;
        for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
        throw ConfigError("", 0, 0, "channels",
                          "channels: no channel named \"" + name + "\" (known: " + list +
                              "; \"none\" keeps none)");
      }
    }
    const auto wanted = [&](const std::string& name) {
      return options.channels.empty() ||
             std::find(options.channels.begin(), options.channels.end(), name) !=
                 options.channels.end();
    };
    if (!none) {
      for (size_t i = 0; i < kChannelCount; ++i) {
        if (!channel_applies(kChannels[i], onsite, site.offers_flex(),
                             site.cooling.cold_source.enabled(), has_dx_hall(site)))
          continue;
        if (wanted(kChannels[i].name)) kept.push_back(i);
      }
      for (const auto& [index, name] : source_channels(site))
        if (wanted(name)) kept.push_back(index);
    }
  }
  // Memory for the kept channels, checked before the run starts.
  if (options.keep_in_memory && !kept.empty()) {
    const double need = static_cast<double>(kept.size()) * static_cast<double>(total) * 8.0;
    const std::size_t avail =
        options.memory_limit_bytes > 0 ? options.memory_limit_bytes : available_memory_bytes();
    if (avail > 0 && need > 0.8 * static_cast<double>(avail)) {
      throw ConfigError(
          "", 0, 0, "channels",
          "this run would keep " + std::to_string(kept.size()) + " channels × " +
              std::to_string(total) + " steps = " + human_bytes(need) + " in memory, more than the " +
              human_bytes(0.8 * static_cast<double>(avail)) +
              " it may use; keep fewer channels (RunOptions::channels, or {\"none\"} for the "
              "summary only) or stream them to a file (dcload run --out DIR)");
    }
  }

  // Grid capacity, normal and N-1.
  const double capacity_w = site.islanded ? 0.0 : grid_capacity_w(site, site.grid.connection, false);
  const double capacity_n1_w = site.islanded ? 0.0 : grid_capacity_w(site, site.grid.connection, true);

  // Supply plan (a battery sized for target_cfe on the hourly year's demand).
  SupplyPlan plan;
  if (needs_hourly_demand(site)) {
    run_block(site, design, weather_in, ws.block);
    plan = plan_supply(site, capacity_w, weather_in, &ws.block.facility_w, &weather_in);
  } else {
    plan = plan_supply(site, capacity_w, weather_in, nullptr, nullptr);
  }
  SupplyState supply_state = start_supply(site, plan, design.facility_w);
  RampState ramp;
  MetricsAccumulator acc(site, design, dt, window ? start_s : 0.0, total, capacity_w,
                         capacity_n1_w);

  RunResult r;
  std::vector<Channel> layout;
  const auto sources = source_channels(site);
  for (size_t i : kept) {
    if (i >= kChannelCount) {
      const auto it = std::find_if(sources.begin(), sources.end(),
                                   [i](const auto& sc) { return sc.first == i; });
      layout.push_back(Channel{it->second, "W", "mw", 1e-6, 0.0, {}});
      continue;
    }
    const ChannelDef& c = kChannels[i];
    layout.push_back(Channel{c.name, c.unit, c.display, c.scale, 0.0, {}});
  }
  if (options.keep_in_memory) {
    r.channels = layout;
    for (Channel& c : r.channels) c.values.reserve(total);
  }
  const int calendar_year = site.calendar_year > 0 ? site.calendar_year : kReferenceYear;
  if (options.sink) {
    options.sink->calendar(calendar_year, weather_in.timezone_h);
    options.sink->begin(layout, total, dt, window ? start_s : 0.0);
  }

  // Blocks: the hourly year whole; finer steps a day (at most 131,072 steps) at a time.
  const size_t per_day = static_cast<size_t>(std::llround(86400.0 / dt));
  const size_t block = std::abs(dt - 3600.0) < 1e-9 ? std::max<size_t>(total, 1)
                                                     : std::min<size_t>(per_day, 131072);
  const bool whole = !window && std::abs(weather_in.timestep_s - dt) <= 1e-9 &&
                     block >= total && weather_in.start_s == 0.0;
  int iterations = 0;
  double residual = 0;
  size_t done = 0;
  std::vector<std::span<const double>> spans(kept.size());
  while (done < total) {
    const size_t count = std::min(block, total - done);
    const double b_start = (window ? start_s : 0.0) + static_cast<double>(done) * dt;
    Weather wb_store;
    const Weather* wb = &weather_in;
    if (!whole) {
      wb_store = block_weather(weather_in, b_start, static_cast<double>(count) * dt, dt);
      wb_store.start_s = b_start;
      wb = &wb_store;
    }
    BlockOutputs& o = ws.block;
    run_block(site, design, *wb, o);
    iterations = std::max(iterations, o.iterations);
    residual = std::max(residual, o.residual);
    const Clock& clock = o.clock;
    SupplySeries& sup = ws.supply;
    supply_block(site, plan, supply_state, clock, *wb, o.facility_w, sup);
    const Series& draw = sup.onsite ? sup.residual_w : o.facility_w;
    Series& headroom = ws.headroom_w;
    compute_grid(site, capacity_w, draw, dt, headroom, ramp);
    const BlockSeries bs{&clock, wb, &o.it, &o.el, &o.cool, &o.tr_loss_w, &o.facility_w,
                         &draw, &headroom, &sup};
    acc.add(bs);
    for (size_t j = 0; j < kept.size(); ++j) {
      const Series* s = channel_series(kept[j], *wb, o, headroom, sup);
      spans[j] = std::span<const double>(s->data(), s->size());
      if (options.keep_in_memory)
        r.channels[j].values.insert(r.channels[j].values.end(), s->begin(), s->end());
    }
    if (options.sink) options.sink->block(done, spans);
    done += count;
    if (options.progress) options.progress(static_cast<double>(done) / static_cast<double>(total));
  }
  if (options.sink) options.sink->end();

  r.summary = acc.finish(finish_supply(site, plan, supply_state), ramp);
  r.summary.weather_source = weather_in.source;
  r.summary.utc_offset_h = weather_in.timezone_h;
  r.summary.calendar_year = calendar_year;
  r.summary.ups_iterations = iterations;
  if (iterations > kMaxUpsIterations) {
    r.summary.status.code = RunStatus::Code::kNotConverged;
    r.summary.status.messages.push_back(
        "the UPS–cooling loop did not converge in " + std::to_string(kMaxUpsIterations) +
        " iterations (relative change " + std::to_string(residual) + ")");
  }
  // The ASHRAE 0.4 % design day (24 h, hourly) of the weather year, through the same plant.
  if (std::isfinite(weather_in.design.db_004_c) && std::isfinite(weather_in.design.mcwb_004_c) &&
      !(weather_in.design.db_004_c == 0.0 && weather_in.design.wb_004_c == 0.0)) {
    const Weather dd = design_day_weather(weather_in);
    run_block(site, design, dd, ws.design_day);
    r.summary.design_day_facility = watts(as_array(ws.design_day.facility_w).maxCoeff());
    // Its hourly profile, for the report: the same channels (names, units) as the year's.
    const auto dd_channel = [](const char* name, const char* unit, const char* display,
                               double scale, const Series& v) {
      return Channel{name, unit, display, scale, 0.0, std::vector<double>(v.begin(), v.end())};
    };
    r.design_day = {dd_channel("dry_bulb", "°C", "c", 1.0, dd.dry_bulb_c),
                    dd_channel("wet_bulb", "°C", "c", 1.0, dd.wet_bulb_c),
                    dd_channel("it_power", "W", "mw", 1e-6, ws.design_day.it.it_w),
                    dd_channel("cooling_power", "W", "mw", 1e-6, ws.design_day.cool.total_w),
                    dd_channel("facility_power", "W", "mw", 1e-6, ws.design_day.facility_w)};
    r.summary.design_day_dry_bulb = celsius(weather_in.design.db_004_c);
  }
  // Repairs made while reading the weather (gaps interpolated, sub-hourly records averaged)
  // travel with the result: the numbers rest on them. Findings, not failures: the code stays.
  for (const std::string& w : weather_in.warnings)
    r.summary.status.messages.push_back("weather: " + w);
  r.status = r.summary.status;
  return r;
}

}  // namespace detail

Workspace::Workspace() : storage_(std::make_unique<detail::RunStorage>()) {}
Workspace::~Workspace() = default;
Workspace::Workspace(Workspace&&) noexcept = default;
Workspace& Workspace::operator=(Workspace&&) noexcept = default;

bool cost_is_complete(const Summary& m) {
  return !(in_megawatt_hours(m.unserved) > 1e-6) || m.unserved_cost_usd > 0;
}

std::string source_channel_name(std::string_view source_name) {
  std::string name = "source_" + safe_file_name(source_name);
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  return name;
}

namespace detail {
bool left_out_by_run(const SupplySpec& s) {
  const bool empty = s.type != SupplyType::kGrid && !(in_si(s.capacity) > 0) &&
                     !(s.type == SupplyType::kBattery && s.target_cfe > 0);
  return s.extendable && empty;
}
}  // namespace detail

std::vector<std::string> channel_names(const Site& site_in) {
  // The channels of the run that run() makes: without the extendable sources it leaves out.
  Site pruned;
  const bool prune = std::any_of(site_in.supply.begin(), site_in.supply.end(), detail::left_out_by_run);
  if (prune) {
    pruned = site_in;
    pruned.supply.clear();
    for (const SupplySpec& s : site_in.supply)
      if (!detail::left_out_by_run(s)) pruned.supply.push_back(s);
  }
  const Site& site = prune ? pruned : site_in;
  const bool onsite = std::any_of(site.supply.begin(), site.supply.end(), [](const SupplySpec& s) {
    return s.type != SupplyType::kGrid;
  });
  std::vector<std::string> names;
  for (size_t i = 0; i < detail::kChannelCount; ++i)
    if (detail::channel_applies(detail::kChannels[i], onsite, site.offers_flex(),
                                site.cooling.cold_source.enabled(), detail::has_dx_hall(site)))
      names.emplace_back(detail::kChannels[i].name);
  for (auto& sc : detail::source_channels(site)) names.push_back(std::move(sc.second));
  return names;
}

namespace {
// A site whose problems stop a run: the first one, named as the loader would. Checked before
// the weather is loaded, so a site built in code hears what it lacks (Site::validate()), not
// why an empty weather source is no station. `weather_given`: the run's weather comes from
// RunOptions::weather_override or a Weather passed in, so Site::weather may be empty.
void check_site_for_run(const Site& site, bool weather_given) {
  std::vector<std::string> problems;
  if (weather_given && site.weather.empty()) {
    Site with_weather = site;
    with_weather.weather = "(given to run)";
    problems = with_weather.validate();
  } else {
    problems = site.validate();
  }
  if (problems.empty()) return;
  const std::string where = site.file.empty() ? std::string("(site built in code)") : site.file.string();
  throw ConfigError(where, 0, 0, "", problems.front() +
                                         (problems.size() > 1
                                              ? " (and " + std::to_string(problems.size() - 1) +
                                                    " more; Site::validate() lists them)"
                                              : std::string()));
}
}  // namespace

RunResult run(const Site& site, const RunOptions& options) {
  const auto problems = options.validate();
  if (!problems.empty()) throw ConfigError("", 0, 0, "timestep", problems.front());
  check_site_for_run(site, !options.weather_override.empty());
  const std::string source = options.weather_override.empty() ? site.weather : options.weather_override;
  const std::filesystem::path base = site.file.empty() ? std::filesystem::path() : site.file.parent_path();
  Weather w = load_weather(source, base, site.seed);
  return run(site, w, options);
}


RunResult run(const Site& site, const Weather& weather_in, const RunOptions& options) {
  using namespace detail;
  // One Workspace for every pass of this call (build-out years, the pruned site below) when the
  // caller gives none.
  if (options.workspace == nullptr) {
    Workspace ws;
    RunOptions with = options;
    with.workspace = &ws;
    return run(site, weather_in, with);
  }
  // An extendable source given no capacity is the optimizer's to size (`dcload optimize`): a
  // plain run leaves it out and says so.
  const auto left_out_by_run = detail::left_out_by_run;
  if (std::any_of(site.supply.begin(), site.supply.end(), left_out_by_run)) {
    std::vector<std::string> left_out;
    Site pruned = site;
    pruned.supply.clear();
    for (const SupplySpec& s : site.supply) {
      if (left_out_by_run(s)) left_out.push_back(s.name);
      else pruned.supply.push_back(s);
    }
    RunResult r = run(pruned, weather_in, options);
    for (const std::string& name : left_out)
      r.summary.status.messages.push_back(
          "supply " + name + ": extendable with no capacity given, so this run leaves it out; "
          "`dcload optimize` sizes it");
    r.status = r.summary.status;
    return r;
  }
  const auto problems = options.validate();
  if (!problems.empty()) throw ConfigError("", 0, 0, "timestep", problems.front());
  check_site_for_run(site, true);
  check_weather(weather_in, weather_in.source.empty() ? "weather (built in code)" : weather_in.source);
  // A phased build-out: every year from the first phase to the last runs the whole pipeline
  // with the campus as built by the end of that year (its plant sized for it); the result is the
  // last year's, with one `buildout` row per year.
  if (!site.phases.empty()) {
    std::vector<BuildoutYear> rows;
    RunResult last;
    const double final_it_w = in_si(site.built_by(site.phases.back().year).design_it_power());
    for (int y = site.phases.front().year; y <= site.phases.back().year; ++y) {
      Site built = site.built_by(y);
      // Grid upgrades count from the year after they enter service unless they do so on
      // 1 January: the campus is taken as built by 31 December, the grid as it stood on
      // 1 January (the conservative pairing for a binding-year question).
      for (const GridUpgrade& u : site.grid.upgrades)
        if (u.year < y || (u.year == y && u.month == 1 && u.day == 1)) {
          built.grid.connection = u.connection;
          if (u.circuit_rating.va() > 0) built.grid.circuit_rating = u.circuit_rating;
        }
      // Main transformers are energized with the phases that need them: the share of the final
      // campus's design IT built by this year (at least two when the site has two or more, so
      // N-1 keeps its meaning).
      const double built_it_w = in_si(built.design_it_power());
      const int count = site.electrical.transformer_count;
      const int need = static_cast<int>(std::ceil(count * built_it_w / std::max(final_it_w, 1.0) - 1e-9));
      built.electrical.transformer_count = std::clamp(need, std::min(count, 2), count);
      const PlantDesign design = design_plant(built, weather_in);
      // Only the last year's channels are kept or streamed (the result describes that year);
      // progress counts the years.
      const int first_year = site.phases.front().year, last_year = site.phases.back().year;
      RunOptions year_options = options;
      if (y != last_year) {
        year_options.channels = {"none"};
        year_options.sink = nullptr;
      }
      if (options.progress) {
        const double n = last_year - first_year + 1, done = y - first_year;
        year_options.progress = [&options, n, done](double share) {
          options.progress((done + share) / n);
        };
      }
      last = run_designed(built, design, weather_in, year_options);
      BuildoutYear row;
      row.year = y;
      for (const ClusterSpec& c : built.clusters) row.gpu_count += c.count;
      // Year totals (energies, PUE, supply) of a run into the row.
      const auto take_totals = [&row](const Summary& m) {
        row.it_energy = m.it_energy;
        row.facility_energy = m.facility_energy;
        row.pue = m.pue_annual;
        row.co2 = m.co2;
        row.supply_cost_usd = m.supply_cost_usd;
        row.cfe_share = m.cfe_share;
        row.unserved = m.unserved;
      };
      row.peak_it = last.summary.peak_it;
      row.peak_facility = last.summary.peak_facility;
      take_totals(last.summary);
      // Energies count a phase entering part-way through the year only from its in-service
      // date, with its equipment energized from then (engine/it/buildout.cpp); peaks above stay
      // those of the campus as built by 31 December. A second run, with the same plant, only
      // when some phase enters after 1 January.
      bool any_late = false;
      Site in_service = in_service_during(site, y, any_late);
      if (any_late) {
        in_service.grid = built.grid;
        in_service.electrical = built.electrical;
        RunOptions summary_only = options;
        summary_only.channels = {"none"};
        summary_only.sink = nullptr;
        summary_only.progress = nullptr;
        take_totals(run_designed(in_service, design, weather_in, summary_only).summary);
      }
      row.grid_capacity = last.summary.grid_capacity;
      row.min_grid_headroom = last.summary.min_grid_headroom;
      row.grid_capacity_n1 = last.summary.grid_capacity_n1;
      row.min_grid_headroom_n1 = last.summary.min_grid_headroom_n1;
      row.n1_exceeded = std::any_of(last.summary.status.messages.begin(), last.summary.status.messages.end(),
                                    [](const std::string& m) { return m.rfind("N-1:", 0) == 0; });
      rows.push_back(row);
    }
    for (const BuildoutYear& row : rows)
      if (in_si(row.min_grid_headroom) < 0.0) {
        last.summary.binding_year = row.year;
        last.summary.status.code = RunStatus::Code::kOverCapacity;
        last.summary.status.messages.push_back(
            "build-out: in " + std::to_string(row.year) + " the peak demand of " +
            std::to_string(static_cast<int>(std::lround(in_megawatts(row.peak_facility)))) +
            " MW exceeds the " +
            std::to_string(static_cast<int>(std::lround(in_megawatts(row.grid_capacity)))) +
            " MW connection then in force");
        last.status = last.summary.status;
        break;
      }
    // N-1 of the years before the last (the last year's own run reports its N-1): a year whose
    // demand exceeds the connection with one circuit or transformer out is not silent.
    for (std::size_t i = 0; i + 1 < rows.size(); ++i) {
      const BuildoutYear& row = rows[i];
      if (!row.n1_exceeded || in_si(row.min_grid_headroom) < 0.0) continue;
      if (last.summary.status.code == RunStatus::Code::kOk)
        last.summary.status.code = RunStatus::Code::kN1Exceeded;
      last.summary.status.messages.push_back(
          "build-out: in " + std::to_string(row.year) + " the demand exceeds the " +
          std::to_string(static_cast<int>(std::lround(in_megawatts(row.grid_capacity_n1)))) +
          " MW left with the largest circuit or transformer out (N-1) by " +
          std::to_string(static_cast<int>(std::lround(-in_megawatts(row.min_grid_headroom_n1)))) + " MW");
      last.status = last.summary.status;
      break;
    }
    last.summary.buildout = std::move(rows);
    return last;
  }
  const PlantDesign design = design_plant(site, weather_in);
  return run_designed(site, design, weather_in, options);
}

Duration parse_year_time(std::string_view text) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const std::string t(text);
  int mo = 0, d = 0, h = 0, mi = 0, sec = 0, used = 0;
  const bool ok =
      (std::sscanf(t.c_str(), "%d-%d %d:%d:%d%n", &mo, &d, &h, &mi, &sec, &used) == 5 ||
       (sec = 0, std::sscanf(t.c_str(), "%d-%d %d:%d%n", &mo, &d, &h, &mi, &used) == 4)) &&
      used == static_cast<int>(t.size());
  if (!ok || mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1] || h < 0 || h > 23 || mi < 0 ||
      mi > 59 || sec < 0 || sec > 59)
    throw ConfigError("", 0, 0, "start",
                      "\"" + t + "\": expected a local time \"MM-DD HH:MM\", e.g. \"07-15 14:00\"");
  int day = d - 1;
  for (int m = 0; m < mo - 1; ++m) day += kDays[m];
  return seconds(day * 86400.0 + h * 3600.0 + mi * 60.0 + sec);
}

}  // namespace dcload
