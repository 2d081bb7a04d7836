// Metrics stage: one typed Summary from the series of a run.
#include "metrics/metrics.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <cstdio>
#include <string>

namespace dcload::detail {

StepTime step_time(Eigen::Index k, double dt_s, double start_s) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  // Whole seconds first (steps ≥ 1 ms never need finer labels), so 86399.9999 s cannot round
  // into a wrong day.
  const long long t = std::llround(start_s + static_cast<double>(k) * dt_s);
  long long day = t / 86400;
  const long long sod = t - day * 86400;
  int month = 0;
  while (month < 11 && day >= kDays[month]) day -= kDays[month++];
  return {month + 1, static_cast<int>(day) + 1, static_cast<int>(sod / 3600),
          static_cast<int>(sod % 3600 / 60), static_cast<int>(sod % 60)};
}

std::string step_time_label(Eigen::Index k, double dt_s, double start_s) {
  const StepTime t = step_time(k, dt_s, start_s);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d-%02d %02d:%02d", t.month, t.day, t.hour, t.minute);
  return buf;
}

double max_change_within(const Eigen::Ref<const ArrayXd>& p, double dt_s, double window_s) {
  const Eigen::Index n = p.size();
  if (n < 2) return 0.0;
  if (dt_s <= window_s) {
    // Exact at the step's resolution: the largest |P(t + window) − P(t)| over whole steps.
    const Eigen::Index lag = std::min<Eigen::Index>(
        n - 1, std::max<Eigen::Index>(1, std::llround(window_s / dt_s)));
    return (p.tail(n - lag) - p.head(n - lag)).abs().maxCoeff();
  }
  // Steps longer than the window: the step-to-step change scaled to the window.
  return (p.tail(n - 1) - p.head(n - 1)).abs().maxCoeff() * window_s / dt_s;
}

double band_energy_share(const Eigen::Ref<const ArrayXd>& p, double dt_s, double f_lo_hz,
                         double f_hi_hz) {
  const Eigen::Index n = p.size();
  if (n < 4) return std::nan("");
  const double mean = p.mean();
  const double total = static_cast<double>(n) * (p - mean).square().sum();
  if (!(total > 0)) return std::nan("");
  const double df = 1.0 / (static_cast<double>(n) * dt_s);
  const auto m_lo =
      std::max<Eigen::Index>(1, static_cast<Eigen::Index>(std::ceil(f_lo_hz / df - 1e-9)));
  // Bins strictly below Nyquist are doubled (their mirror m' = n − m); the Nyquist bin is single.
  const Eigen::Index m_hi = std::min<Eigen::Index>(
      n / 2, static_cast<Eigen::Index>(std::floor(f_hi_hz / df + 1e-9)));
  double band = 0;
  for (Eigen::Index m = m_lo; m <= m_hi; ++m) {
    const double w = 2.0 * std::numbers::pi * static_cast<double>(m) / static_cast<double>(n);
    const double c = 2.0 * std::cos(w);
    double s1 = 0, s2 = 0;
    for (Eigen::Index k = 0; k < n; ++k) {
      const double s0 = (p[k] - mean) + c * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    const double power = s1 * s1 + s2 * s2 - c * s1 * s2;  // |X_m|²
    band += (2 * m == n ? 1.0 : 2.0) * power;
  }
  return band / total;
}

Summary compute_metrics(const Site& site, const RunSeries& s) {
  const double dt = s.clock->dt_s;
  const Eigen::Index n = s.clock->steps;
  const auto it = as_array(s.it->it_w);
  const auto fac = as_array(*s.facility_w);
  Summary m;
  m.site = site.name;
  m.weather_source = s.weather->source;
  m.steps = static_cast<std::size_t>(n);
  m.timestep = seconds(dt);

  m.it_energy = joules(it.sum() * dt);
  m.cooling_energy = joules(as_array(s.cooling->total_w).sum() * dt);
  m.ups_loss = joules(as_array(s.electrical->ups_loss_w).sum() * dt);
  m.distribution_loss = joules(as_array(s.electrical->distribution_loss_w).sum() * dt);
  m.transformer_loss = joules(as_array(*s.transformer_loss_w).sum() * dt);
  m.electrical_loss = m.ups_loss + m.distribution_loss + m.transformer_loss;
  m.aux_energy = joules(as_array(s.electrical->aux_w).sum() * dt);
  m.facility_energy = joules(fac.sum() * dt);
  // PUE = facility energy / IT energy (The Green Grid 2007; ISO/IEC 30134-2:2016), metered at
  // the point of interconnection (category 0/1 differences noted in README).
  m.pue_annual = in_si(m.facility_energy) / in_si(m.it_energy);

  std::array<double, 12> fac_m{}, it_m{};
  for (Eigen::Index k = 0; k < n; ++k) {
    const int mo = s.weather->month[static_cast<size_t>(k)] - 1;
    fac_m[mo] += fac[k] * dt;
    it_m[mo] += it[k] * dt;
  }
  for (int i = 0; i < 12; ++i) {
    m.facility_energy_monthly[i] = joules(fac_m[i]);
    m.it_energy_monthly[i] = joules(it_m[i]);
    m.pue_monthly[i] = it_m[i] > 0 ? fac_m[i] / it_m[i] : std::nan("");
  }

  m.design_it_power = watts(s.it->design_w);
  m.peak_it = watts(it.maxCoeff());
  // IT load shape (IT issue): GPUs, load factor, trough, and the facility ramps a grid
  // operator specifies (Choukse et al. arXiv:2508.14318: ramp MW/s and dynamic range).
  m.start = seconds(s.clock->start_s);
  for (const ClusterSpec& c : site.clusters) m.gpu_count += c.count;
  m.it_load_factor = n > 0 && it.maxCoeff() > 0 ? it.mean() / it.maxCoeff() : 0.0;
  m.min_it = watts(n > 0 ? it.minCoeff() : 0.0);
  m.facility_dynamic_range = watts(n > 0 ? fac.maxCoeff() - fac.minCoeff() : 0.0);
  m.max_ramp_per_s = watts(max_change_within(fac, dt, 1.0));
  m.max_ramp_per_min = watts(max_change_within(fac, dt, 60.0));
  // The band grid operators watch for forced oscillations from synchronous training (Choukse
  // et al. arXiv:2508.14318; ../shared/reference/datacenter-models.md b.10): resolvable only
  // when 3 Hz lies below the Nyquist frequency 1/(2·dt), i.e. for steps ≤ 0.1 s.
  m.swing_band_share = dt <= 0.1 + 1e-12 ? band_energy_share(fac, dt, 0.1, 3.0) : std::nan("");
  Eigen::Index kpk = 0;
  m.peak_facility = watts(fac.maxCoeff(&kpk));
  m.peak_facility_time = step_time_label(kpk, dt, s.clock->start_s);
  m.peak_facility_dry_bulb = celsius(s.weather->dry_bulb_c[static_cast<size_t>(kpk)]);
  m.peak_facility_wet_bulb = celsius(s.weather->wet_bulb_c[static_cast<size_t>(kpk)]);
  m.peak_cooling = watts(as_array(s.cooling->total_w).maxCoeff());

  m.grid_connection = site.grid.connection;
  m.grid_capacity = watts(s.grid->capacity_w);
  Eigen::Index kmin = 0;
  m.min_grid_headroom = watts(as_array(s.grid->headroom_w).minCoeff(&kmin));
  m.min_grid_headroom_time = step_time_label(kmin, dt, s.clock->start_s);
  m.hours_over_capacity = s.grid->hours_over;
  m.peak_facility_apparent = volt_amperes(in_si(m.peak_facility) / site.grid.power_factor);
  m.grid_capacity_n1 = watts(s.grid->capacity_n1_w);
  m.min_grid_headroom_n1 = watts(s.grid->min_headroom_n1_w);
  m.hours_over_capacity_n1 = s.grid->hours_over_n1;
  m.max_facility_ramp = watts(s.grid->max_ramp_w_per_s);
  m.ramp_limit_w_per_s = site.grid.ramp_limit_w_per_s;
  m.ramp_storage_power = watts(s.grid->storage_power_w);
  m.ramp_storage_energy = joules(s.grid->storage_energy_j);
  m.ups_modules = s.electrical->ups_modules_installed;
  m.ups_mean_load_fraction =
      n > 0 ? as_array(s.electrical->ups_load_fraction).mean() : 0.0;
  m.generators = s.electrical->generators_installed;
  m.generator_heater_energy = joules(as_array(s.electrical->generator_heater_w).sum() * dt);

  const auto mode = as_array(s.cooling->mode);
  m.free_cooling_hours = static_cast<double>((mode == kFree).count()) * dt / 3600.0;
  m.partial_cooling_hours = static_cast<double>((mode == kPartial).count()) * dt / 3600.0;
  m.mechanical_cooling_hours = static_cast<double>((mode == kMechanical).count()) * dt / 3600.0;
  m.chiller_capacity = watts(s.cooling->chillers_installed * in_si(site.cooling.chiller_unit_capacity));
  m.chiller_design_load = watts(s.cooling->chiller_design_load_w);
  const double water_kg = as_array(s.cooling->water_kg_s).sum() * dt;
  m.water = cubic_meters(water_kg / 997.0);
  // WUE = site water (L) / IT energy (kWh) (The Green Grid WP35, 2011; ISO/IEC 30134-9).
  m.wue_l_per_kwh = (water_kg / 0.997) / (in_si(m.it_energy) / 3.6e6);
  // Cooling metrics (cooling issue). pPUE of a subsystem = (IT + subsystem energy) / IT
  // (The Green Grid WP49, "PUE: a comprehensive examination of the metric", partial PUE).
  m.heat_rejected = joules(as_array(s.cooling->heat_rejected_w).sum() * dt);
  m.ppue_cooling = (in_si(m.it_energy) + in_si(m.cooling_energy)) / in_si(m.it_energy);
  m.reusable_heat = joules(as_array(s.cooling->reusable_heat_w).sum() * dt);
  m.reusable_heat_temperature = celsius(s.cooling->reusable_heat_c);
  // ERE = (facility − reused energy) / IT (The Green Grid WP29, 2010); ERF = reused / facility
  // (ISO/IEC 30134-6; part number not confirmed, datacenter-models.md MET). Reused =
  // heat_reuse_fraction × reusable heat.
  const double reused_j = site.cooling.heat_reuse_fraction * in_si(m.reusable_heat);
  m.ere = (in_si(m.facility_energy) - reused_j) / in_si(m.it_energy);
  m.erf = reused_j / in_si(m.facility_energy);
  m.cooling_shortfall_hours = s.cooling->shortfall_hours;
  m.cooling_redundancy_lost_hours = s.cooling->redundancy_lost_hours;
  m.free_cooling_hours_air_loop = s.cooling->air_loop_free_hours;
  m.free_cooling_hours_liquid_loop = s.cooling->liquid_loop_free_hours;
  m.chiller_curve_out_of_range_hours = s.cooling->chiller_curve_out_of_range_hours;
  m.tower_curve_out_of_range_hours = s.cooling->tower_curve_out_of_range_hours;

  // Supply (supply issue): per source, then totals.
  static constexpr const char* kTypeNames[] = {"grid", "lng_ccgt", "solar", "wind", "battery"};
  for (const SupplySourceTotals& t : s.supply->sources) {
    SupplyResult x;
    x.name = t.name;
    x.type = kTypeNames[static_cast<int>(t.type)];
    x.capacity = watts(t.capacity_w);
    x.energy = joules(t.energy_j);
    x.available = joules(t.available_j);
    x.curtailed = joules(t.curtailed_j);
    x.capacity_factor = t.capacity_factor;
    x.battery_energy = joules(t.battery_energy_j);
    x.fuel = joules(t.fuel_j);
    x.co2 = kilograms(t.co2_kg);
    x.water = cubic_meters(t.water_m3);
    x.capital_usd = t.capital_usd;
    x.fixed_om_usd = t.fixed_om_usd;
    x.variable_om_usd = t.variable_om_usd;
    x.fuel_usd = t.fuel_usd;
    x.carbon_usd = t.carbon_usd;
    x.energy_usd = t.energy_usd;
    x.cost_usd = t.cost_usd();
    m.supply.push_back(std::move(x));
  }
  m.co2 = kilograms(s.supply->co2_kg);
  m.supply_cost_usd = s.supply->cost_usd;
  m.unserved = joules(s.supply->unserved_j);
  m.unserved_hours = s.supply->unserved_hours;
  m.cfe_share = s.supply->cfe_share;
  // CUE = total CO2 / IT energy (The Green Grid WP32, "Carbon Usage Effectiveness", 2010).
  m.cue_kg_per_kwh = s.supply->co2_kg / (in_si(m.it_energy) / 3.6e6);
  const double served_j = s.supply->demand_j - s.supply->unserved_j;
  m.lcoe_usd_per_mwh = served_j > 0 ? s.supply->cost_usd / (served_j / 3.6e9) : 0.0;
  m.unserved_cost_usd = s.supply->unserved_j * site.economics.value_of_lost_load_usd_per_j;
  m.cost_per_it_mwh_usd =
      (s.supply->cost_usd + m.unserved_cost_usd) / (in_si(m.it_energy) / 3.6e9);
  m.peak_grid_import = watts(s.supply->grid_w.empty() ? 0.0 : as_array(s.supply->grid_w).maxCoeff());
  m.supply_water = cubic_meters(s.supply->water_m3);

  if (m.hours_over_capacity > 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "%s exceeded the grid capacity of %.1f MW for %.2f h (worst at %s, "
                  "%.1f MW over)",
                  s.supply->onsite ? "demand left for the grid after the on-site sources"
                                   : "facility demand",
                  s.grid->capacity_w / 1e6, m.hours_over_capacity, m.min_grid_headroom_time.c_str(),
                  -in_si(m.min_grid_headroom) / 1e6);
    m.status.code = RunStatus::Code::kOverCapacity;
    m.status.messages.push_back(buf);
  }
  if (m.unserved_hours > 0 && m.hours_over_capacity == 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "the supply left %.1f MWh of demand unserved over %.2f h (on-site sources and "
                  "the grid import limit together fell short)",
                  in_si(m.unserved) / 3.6e9, m.unserved_hours);
    if (m.status.code == RunStatus::Code::kOk) m.status.code = RunStatus::Code::kUnserved;
    m.status.messages.push_back(buf);
  }
  for (const std::string& msg : s.supply->messages) m.status.messages.push_back(msg);
  if (m.cooling_shortfall_hours > 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "the chiller load exceeded the installed chiller plant of %.1f MW (sized at the "
                  "ASHRAE 0.4 %% condition) for %.2f h",
                  in_si(m.chiller_capacity) / 1e6, m.cooling_shortfall_hours);
    if (m.status.code == RunStatus::Code::kOk) m.status.code = RunStatus::Code::kCoolingShortfall;
    m.status.messages.push_back(buf);
  }
  // Curve validity (cooling issue): inputs outside a curve's range were clamped (chillers) or
  // extrapolated (towers) as EnergyPlus does; a finding to read, not a failure of the plant.
  if (m.chiller_curve_out_of_range_hours > 0 || m.tower_curve_out_of_range_hours > 0) {
    char buf[256];
    std::string msg = "performance curves outside their validity range:";
    if (m.chiller_curve_out_of_range_hours > 0) {
      std::snprintf(buf, sizeof buf, " chiller curves %.1f h (inputs clamped to the limits)",
                    m.chiller_curve_out_of_range_hours);
      msg += buf;
    }
    if (m.tower_curve_out_of_range_hours > 0) {
      std::snprintf(buf, sizeof buf, "%s cooling-tower curve %.1f h",
                    m.chiller_curve_out_of_range_hours > 0 ? ";" : "",
                    m.tower_curve_out_of_range_hours);
      msg += buf;
    }
    m.status.messages.push_back(msg);
  }
  return m;
}

}  // namespace dcload::detail
