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
  const ItSeries it = compute_it(site, clock);
  const ElectricalSeries el = compute_electrical(site, it);
  // Heat released indoors: IT, PDU and UPS losses, lighting. Cooling equipment is not fed from
  // the UPS here, so the cooling–electrical coupling closes in this one pass (no iteration):
  // transformers see everything, and their loss is released outdoors at the substation.
  const ArrayXd indoor_w = it.it_w + el.distribution_loss_w + el.ups_loss_w + el.aux_w;
  const CoolingSeries cool = compute_cooling(site, w, indoor_w);
  const ArrayXd through_transformers_w = indoor_w + cool.total_w;
  const ArrayXd tr_loss_w = transformer_loss(site.electrical, through_transformers_w);
  const ArrayXd facility_w = through_transformers_w + tr_loss_w;
  const GridSeries grid = compute_grid(site, facility_w, clock.dt_s);
  const SupplySeries supply = compute_supply(site, facility_w);

  RunResult r;
  const RunSeries series{&clock, &w, &it, &el, &cool, &tr_loss_w, &facility_w, &grid, &supply};
  r.summary = compute_metrics(site, series);
  r.status = r.summary.status;

  auto add = [&](const char* name, const char* unit, const char* display, double scale,
                 const ArrayXd& a, double offset = 0.0) {
    r.channels.push_back(Channel{name, unit, display, scale, offset,
                                 std::vector<double>(a.data(), a.data() + a.size())});
  };
  auto from_vec = [](const std::vector<double>& v) {
    return Eigen::Map<const ArrayXd>(v.data(), static_cast<Eigen::Index>(v.size()));
  };
  add("dry_bulb", "°C", "c", 1.0, from_vec(w.dry_bulb_c));
  add("wet_bulb", "°C", "c", 1.0, from_vec(w.wet_bulb_c));
  add("it_power", "W", "mw", 1e-6, it.it_w);
  add("distribution_loss", "W", "mw", 1e-6, el.distribution_loss_w);
  add("ups_loss", "W", "mw", 1e-6, el.ups_loss_w);
  add("aux_power", "W", "mw", 1e-6, el.aux_w);
  add("crah_fan_power", "W", "mw", 1e-6, cool.crah_fan_w);
  add("chw_pump_power", "W", "mw", 1e-6, cool.chw_pump_w);
  add("cw_pump_power", "W", "mw", 1e-6, cool.cw_pump_w);
  add("chiller_power", "W", "mw", 1e-6, cool.chiller_w);
  add("tower_fan_power", "W", "mw", 1e-6, cool.tower_fan_w);
  add("cooling_power", "W", "mw", 1e-6, cool.total_w);
  add("transformer_loss", "W", "mw", 1e-6, tr_loss_w);
  add("facility_power", "W", "mw", 1e-6, facility_w);
  add("grid_headroom", "W", "mw", 1e-6, grid.headroom_w);
  add("heat_rejected", "W", "mw", 1e-6, cool.heat_rejected_w);
  add("chiller_load", "W", "mw", 1e-6, cool.chiller_load_w);
  add("water_use", "kg/s", "m3_per_h", 3600.0 / 997.0, cool.water_kg_s);
  add("cooling_mode", "", "", 1.0, cool.mode);  // 0 free, 1 partial, 2 mechanical
  return r;
}

}  // namespace dcload
