// The pipeline: weather → it → electrical → cooling → grid → supply → metrics.
#include <cmath>
#include <stdexcept>

#include "dcload/error.hpp"
#include "dcload/run.hpp"
#include "metrics/metrics.hpp"
#include "stages.hpp"

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
  return problems;
}

std::string_view RunStatus::name() const {
  switch (code) {
    case Code::kOk: return "ok";
    case Code::kOverCapacity: return "over_capacity";
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
  Weather w = load_weather(source, base);
  return run(site, w, options);
}

RunResult run(const Site& site, const Weather& weather_in, const RunOptions& options) {
  using namespace detail;
  const auto problems = options.validate();
  if (!problems.empty()) throw ConfigError("", 0, 0, "timestep", problems.front());
  const double dt = in_si(options.timestep);
  Weather resampled;
  const Weather* wp = &weather_in;
  if (std::abs(weather_in.timestep_s - dt) > 1e-9) {
    resampled = resample(weather_in, options.timestep);
    wp = &resampled;
  }
  const Weather& w = *wp;

  const Clock clock = make_clock(w);
  const size_t n = static_cast<size_t>(clock.steps);
  ItSeries it = compute_it(site, clock);
  ElectricalSeries el = compute_electrical(site, it);
  // Heat released indoors: IT, PDU and UPS losses, lighting. Cooling equipment is not fed from
  // the UPS here, so the cooling–electrical coupling closes in this one pass (no iteration):
  // transformers see everything, and their loss is released outdoors at the substation.
  Series indoor_w(n);
  as_array(indoor_w) = as_array(it.it_w) + as_array(el.distribution_loss_w) +
                       as_array(el.ups_loss_w) + as_array(el.aux_w);
  CoolingSeries cool = compute_cooling(site, w, indoor_w, it.liquid_w);
  Series facility_w(n);  // first the load through the transformers, then + their loss
  as_array(facility_w) = as_array(indoor_w) + as_array(cool.total_w);
  Series tr_loss_w;
  transformer_loss(site.electrical, facility_w, tr_loss_w);
  as_array(facility_w) += as_array(tr_loss_w);
  GridSeries grid = compute_grid(site, facility_w, clock.dt_s);
  const SupplyTotals supply = compute_supply(site, facility_w, clock.dt_s);

  RunResult r;
  const RunSeries series{&clock, &w, &it, &el, &cool, &tr_loss_w, &facility_w, &grid, &supply};
  r.summary = compute_metrics(site, series);
  r.status = r.summary.status;

  // Channels take the stage series over by move: no copy of the per-step data.
  r.channels.reserve(20);
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
  add("tower_fan_power", "W", "mw", 1e-6, std::move(cool.tower_fan_w));
  add("cooling_power", "W", "mw", 1e-6, std::move(cool.total_w));
  add("transformer_loss", "W", "mw", 1e-6, std::move(tr_loss_w));
  add("facility_power", "W", "mw", 1e-6, std::move(facility_w));
  add("grid_headroom", "W", "mw", 1e-6, std::move(grid.headroom_w));
  add("heat_rejected", "W", "mw", 1e-6, std::move(cool.heat_rejected_w));
  add("chiller_load", "W", "mw", 1e-6, std::move(cool.chiller_load_w));
  add("water_use", "kg/s", "m3_per_h", 3600.0 / 997.0, std::move(cool.water_kg_s));
  add("cooling_mode", "", "", 1.0, std::move(cool.mode));  // 0 free, 1 partial, 2 mechanical
  add("ups_load_fraction", "", "", 1.0, std::move(el.ups_load_fraction));  // per module
  return r;
}

}  // namespace dcload
