// The pipeline: weather → it → electrical → cooling → grid → supply → metrics.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <type_traits>

#include "dcload/error.hpp"
#include "dcload/run.hpp"
#include "it/buildout.hpp"
#include "metrics/metrics.hpp"
#include "stages.hpp"
#include "supply/wind.hpp"

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
  // Window runs (IT issue): start and duration within the 365-day typical year, whole steps.
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
  }
  return "unknown";
}

std::span<const double> RunResult::channel(std::string_view name) const {
  for (const auto& c : channels)
    if (c.name == name) return c.values;
  throw std::out_of_range("no channel named " + std::string(name));
}

RunResult run(const Site& site, const RunOptions& options) {
  const auto problems = options.validate();
  if (!problems.empty()) throw ConfigError("", 0, 0, "timestep", problems.front());
  const std::string source = options.weather_override.empty() ? site.weather : options.weather_override;
  const std::filesystem::path base = site.file.empty() ? std::filesystem::path() : site.file.parent_path();
  Weather w = load_weather(source, base, site.seed);
  return run(site, w, options);
}

namespace detail {
namespace {

// The steps of [start, start + duration) at step dt from hourly (or already-resampled)
// weather, resampling only the hours the window needs (plus one on each side, so the
// interpolation between hour midpoints at the window's edges uses true neighbours).
Weather window_weather(const Weather& in, double start_s, double dur_s, double dt) {
  const auto slice = [](const Weather& w, size_t a, size_t b) {
    Weather o;
    o.source = w.source;
    o.location = w.location;
    o.latitude_deg = w.latitude_deg;
    o.longitude_deg = w.longitude_deg;
    o.timezone_h = w.timezone_h;
    o.elevation_m = w.elevation_m;
    o.timestep_s = w.timestep_s;
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
  };
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
  const Weather fine = resample(slice(in, h0, h1), seconds(dt));
  const auto a = static_cast<size_t>(
      std::llround((start_s - static_cast<double>(h0) * 3600.0) / dt));
  const auto b = std::min(fine.size(), a + static_cast<size_t>(std::llround(dur_s / dt)));
  return slice(fine, std::min(a, b), b);
}

// Fixed-point iterations of the UPS–cooling loop at most, and the convergence test on the
// change of UPS loss relative to the UPS output. The loop contracts strongly: a watt more of
// UPS-fed cooling adds a1 + 2·a2·f ≤ 8 % UPS loss, and a watt more of indoor heat ~0.3 W of
// cooling, so the error shrinks ≳ 40× per iteration; 3–4 iterations reach 1e-10.
constexpr int kMaxUpsIterations = 12;
constexpr double kUpsTolerance = 1e-10;

// The pipeline at the weather's own step.
RunResult run_pipeline(const Site& site, const Weather& w, double start_s = 0.0) {
  const Clock clock = make_clock(w, start_s);
  const size_t n = static_cast<size_t>(clock.steps);
  // IT inlet air temperature (cooling stage) drives the server-fan response (IT stage).
  const Series inlet_c = supply_air_temperature_c(site, w);
  ItSeries it = compute_it(site, clock, &inlet_c);
  ElectricalSeries el = compute_electrical(site, it);
  const ElectricalSpec& es = site.electrical;
  // Heat released indoors: IT, PDU and UPS losses, lighting.
  Series indoor_w(n);
  auto update_indoor = [&] {
    as_array(indoor_w) = as_array(it.it_w) + as_array(el.distribution_loss_w) +
                         as_array(el.ups_loss_w) + as_array(el.lighting_w);
  };
  update_indoor();
  // Heat into the liquid loop: cold-plate share of IT (liquid) or all IT heat (immersion).
  const Series& liquid_heat_w =
      site.cooling.technology == CoolingTechnology::kImmersion ||
              site.cooling.technology == CoolingTechnology::kImmersionTwoPhase
          ? it.it_w
          : it.liquid_w;
  CoolingSeries cool = compute_cooling(site, w, indoor_w, liquid_heat_w);
  // Cooling loads fed through the UPS add UPS load and loss, whose heat the plant must remove:
  // iterate to the fixed point (a tested, bounded number of passes; never silently
  // unconverged). Without UPS-fed cooling the coupling closes in the single pass above.
  int iterations = 0;
  double residual = 0.0;
  if (es.ups_serves_crah_fans || es.ups_serves_pumps) {
    const double design_out_w = it.design_w / (1.0 - es.distribution_loss);
    Series ups_out(n), previous;
    for (iterations = 1; iterations <= kMaxUpsIterations; ++iterations) {
      auto out = as_array(ups_out);
      out = as_array(it.it_w) + as_array(el.distribution_loss_w);
      if (es.ups_serves_crah_fans) out += as_array(cool.crah_fan_w);
      if (es.ups_serves_pumps) out += as_array(cool.chw_pump_w);
      previous = el.ups_loss_w;
      compute_ups(es, ups_out, design_out_w, el);
      residual = (as_array(el.ups_loss_w) - as_array(previous)).abs().maxCoeff() /
                 std::max(1.0, out.maxCoeff());
      update_indoor();
      cool = compute_cooling(site, w, indoor_w, liquid_heat_w);
      if (residual < kUpsTolerance) break;
    }
  }
  Series facility_w(n);  // first the load through the transformers, then + their loss
  as_array(facility_w) = as_array(indoor_w) + as_array(cool.total_w);
  // Standby generators are sized to the peak demand; their jacket-water heaters (outdoors, on
  // the house service) follow the outdoor temperature.
  add_generator_heaters(site, w, as_array(facility_w).maxCoeff(), el);
  as_array(facility_w) += as_array(el.generator_heater_w);
  Series tr_loss_w;
  transformer_loss(es, facility_w, tr_loss_w);
  as_array(facility_w) += as_array(tr_loss_w);
  // Supply before grid: with on-site sources the grid is asked only for the residual demand
  // (import + what nothing could serve); without them, for the whole facility demand.
  SupplySeries supply = compute_supply(site, clock, w, facility_w,
                                       grid_capacity_w(site, site.grid.connection, false));
  GridSeries grid =
      compute_grid(site, supply.onsite ? supply.residual_w : facility_w, clock.dt_s);

  RunResult r;
  const RunSeries series{&clock, &w, &it, &el, &cool, &tr_loss_w, &facility_w, &grid, &supply};
  r.summary = compute_metrics(site, series);
  r.summary.ups_iterations = iterations;
  if (iterations > kMaxUpsIterations) {
    r.summary.status.code = RunStatus::Code::kNotConverged;
    r.summary.status.messages.push_back(
        "the UPS–cooling loop did not converge in " + std::to_string(kMaxUpsIterations) +
        " iterations (relative change " + std::to_string(residual) + ")");
  }
  r.status = r.summary.status;

  // Channels take the stage series over by move: no copy of the per-step data.
  r.channels.reserve(34);
  auto add = [&](const char* name, const char* unit, const char* display, double scale,
                 Series&& values) {
    r.channels.push_back(Channel{name, unit, display, scale, 0.0, std::move(values)});
  };
  add("dry_bulb", "°C", "c", 1.0, Series(w.dry_bulb_c));
  add("wet_bulb", "°C", "c", 1.0, Series(w.wet_bulb_c));
  add("it_power", "W", "mw", 1e-6, std::move(it.it_w));
  add("distribution_loss", "W", "mw", 1e-6, std::move(el.distribution_loss_w));
  add("ups_loss", "W", "mw", 1e-6, std::move(el.ups_loss_w));
  add("aux_power", "W", "mw", 1e-6, std::move(el.aux_w));
  add("crah_fan_power", "W", "mw", 1e-6, std::move(cool.crah_fan_w));
  add("chw_pump_power", "W", "mw", 1e-6, std::move(cool.chw_pump_w));
  add("cw_pump_power", "W", "mw", 1e-6, std::move(cool.cw_pump_w));
  add("chiller_power", "W", "mw", 1e-6, std::move(cool.chiller_w));
  add("tower_fan_power", "W", "mw", 1e-6, std::move(cool.tower_fan_w));  // or dry-cooler fans
  add("cdu_pump_power", "W", "mw", 1e-6, std::move(cool.cdu_pump_w));
  add("fw_pump_power", "W", "mw", 1e-6, std::move(cool.fw_pump_w));
  add("cooling_power", "W", "mw", 1e-6, std::move(cool.total_w));
  add("transformer_loss", "W", "mw", 1e-6, std::move(tr_loss_w));
  add("facility_power", "W", "mw", 1e-6, std::move(facility_w));
  add("grid_headroom", "W", "mw", 1e-6, std::move(grid.headroom_w));
  add("heat_rejected", "W", "mw", 1e-6, std::move(cool.heat_rejected_w));
  add("chiller_load", "W", "mw", 1e-6, std::move(cool.chiller_load_w));
  add("reusable_heat", "W", "mw", 1e-6, std::move(cool.reusable_heat_w));
  add("water_use", "kg/s", "m3_per_h", 3600.0 / 997.0, std::move(cool.water_kg_s));
  add("cooling_mode", "", "", 1.0, std::move(cool.mode));  // 0 free, 1 partial, 2 mechanical
  add("ups_load_fraction", "", "", 1.0, std::move(el.ups_load_fraction));  // per module
  add("lighting_power", "W", "mw", 1e-6, std::move(el.lighting_w));
  add("generator_heater_power", "W", "mw", 1e-6, std::move(el.generator_heater_w));
  add("grid_import", "W", "mw", 1e-6, std::move(supply.grid_w));
  if (supply.onsite) {  // channels of on-site sources only when the site has any
    add("onsite_generation", "W", "mw", 1e-6, std::move(supply.onsite_w));  // renewables used + LNG
    add("battery_discharge", "W", "mw", 1e-6, std::move(supply.discharge_w));
    add("battery_charge", "W", "mw", 1e-6, std::move(supply.charge_w));
    add("battery_soc", "", "", 1.0, std::move(supply.soc));
  }
  add("unserved_power", "W", "mw", 1e-6, std::move(supply.unserved_w));
  return r;
}

}  // namespace
}  // namespace detail

RunResult run(const Site& site, const Weather& weather_in, const RunOptions& options) {
  using namespace detail;
  // A phased build-out (IT issue): every year from the first phase to the last runs the whole
  // pipeline with the campus as built by the end of that year; the result is the last year's,
  // with one `buildout` row per year.
  if (!site.phases.empty()) {
    std::vector<BuildoutYear> rows;
    RunResult last;
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
      last = run(built, weather_in, options);
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
      // date (engine/it/buildout.cpp); peaks above stay those of the campus as built by
      // 31 December. A second run of the year, only when some phase enters after 1 January.
      bool any_late = false;
      Site in_service = in_service_during(site, y, any_late);
      if (any_late) {
        in_service.grid = built.grid;
        take_totals(run(in_service, weather_in, options).summary);
      }
      row.grid_capacity = last.summary.grid_capacity;
      row.min_grid_headroom = last.summary.min_grid_headroom;
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
    last.summary.buildout = std::move(rows);
    return last;
  }
  const auto problems = options.validate();
  if (!problems.empty()) throw ConfigError("", 0, 0, "timestep", problems.front());
  const double dt = in_si(options.timestep);
  const double start_s = in_si(options.start);
  const bool window = in_si(options.duration) > 0;
  Weather resampled;
  const Weather* wp = &weather_in;
  if (window) {  // a window of the year: only its hours are resampled
    resampled = window_weather(weather_in, start_s, in_si(options.duration), dt);
    wp = &resampled;
  } else if (std::abs(weather_in.timestep_s - dt) > 1e-9) {
    resampled = resample(weather_in, options.timestep);
    wp = &resampled;
  }
  // A wind supply rescaled to a site's annual hub-height mean (`mean_wind_speed`) keeps the
  // year's rescaling factor in a window run: the window's own mean is not the year's.
  const Site* sp = &site;
  Site windowed;
  if (window) {
    const double year_mean = mean_measured_wind_m_s(weather_in);
    const double window_mean = mean_measured_wind_m_s(*wp);
    for (size_t i = 0; i < site.supply.size(); ++i) {
      const SupplySpec& x = site.supply[i];
      if (x.type != SupplyType::kWind || !(x.mean_wind_speed_m_s > 0) || !(year_mean > 0)) continue;
      if (sp == &site) {
        windowed = site;
        sp = &windowed;
      }
      // Same factor target / (year mean × shear) applied to the window's mean × shear.
      windowed.supply[i].mean_wind_speed_m_s = x.mean_wind_speed_m_s * window_mean / year_mean;
      if (!(window_mean > 0)) windowed.supply[i].mean_wind_speed_m_s = 0;  // calm window
    }
  }
  RunResult r = run_pipeline(*sp, *wp, window ? start_s : 0.0);
  // The ASHRAE 0.4 % design day (24 h, hourly) of the weather year, through the same pipeline.
  if (std::isfinite(weather_in.design.db_004_c) && std::isfinite(weather_in.design.mcwb_004_c)) {
    const RunResult day = run_pipeline(site, design_day_weather(weather_in));
    r.summary.design_day_facility = day.summary.peak_facility;
    r.summary.design_day_dry_bulb = celsius(weather_in.design.db_004_c);
  }
  // Repairs made while reading the weather (gaps interpolated, sub-hourly records averaged)
  // travel with the result: the numbers rest on them. Findings, not failures: the code stays.
  for (const std::string& w : weather_in.warnings) {
    r.summary.status.messages.push_back("weather: " + w);
    r.status.messages.push_back("weather: " + w);
  }
  // Channel selection (IT issue): drop the series the caller does not want, so a summary-only
  // run of a 1-minute year does not keep ~20 × 525,600 doubles alive.
  if (!options.channels.empty()) {
    std::erase_if(r.channels, [&](const Channel& c) {
      return std::find(options.channels.begin(), options.channels.end(), c.name) ==
             options.channels.end();
    });
  }
  return r;
}

}  // namespace dcload
