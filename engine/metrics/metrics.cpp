// Metrics stage: one typed Summary from the series of a run.
#include "metrics/metrics.hpp"

#include <cmath>
#include <cstdio>

namespace dcload::detail {

StepTime step_time(Eigen::Index k, double dt_s) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  // Whole seconds first (steps ≥ 1 ms never need finer labels), so 86399.9999 s cannot round
  // into a wrong day.
  const long long t = std::llround(static_cast<double>(k) * dt_s);
  long long day = t / 86400;
  const long long sod = t - day * 86400;
  int month = 0;
  while (month < 11 && day >= kDays[month]) day -= kDays[month++];
  return {month + 1, static_cast<int>(day) + 1, static_cast<int>(sod / 3600),
          static_cast<int>(sod % 3600 / 60), static_cast<int>(sod % 60)};
}

std::string step_time_label(Eigen::Index k, double dt_s) {
  const StepTime t = step_time(k, dt_s);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%02d-%02d %02d:%02d", t.month, t.day, t.hour, t.minute);
  return buf;
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
  Eigen::Index kpk = 0;
  m.peak_facility = watts(fac.maxCoeff(&kpk));
  m.peak_facility_time = step_time_label(kpk, dt);
  m.peak_facility_dry_bulb = celsius(s.weather->dry_bulb_c[static_cast<size_t>(kpk)]);
  m.peak_facility_wet_bulb = celsius(s.weather->wet_bulb_c[static_cast<size_t>(kpk)]);
  m.peak_cooling = watts(as_array(s.cooling->total_w).maxCoeff());

  m.grid_connection = site.grid.connection;
  m.grid_capacity = watts(s.grid->capacity_w);
  Eigen::Index kmin = 0;
  m.min_grid_headroom = watts(as_array(s.grid->headroom_w).minCoeff(&kmin));
  m.min_grid_headroom_time = step_time_label(kmin, dt);
  m.hours_over_capacity = s.grid->hours_over;

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

  m.co2 = kilograms(s.supply->co2_kg);
  m.energy_cost_usd = s.supply->cost_usd;

  if (m.hours_over_capacity > 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "facility demand exceeded the grid capacity of %.1f MW for %.2f h (worst at %s, "
                  "%.1f MW over)",
                  s.grid->capacity_w / 1e6, m.hours_over_capacity, m.min_grid_headroom_time.c_str(),
                  -in_si(m.min_grid_headroom) / 1e6);
    m.status.code = RunStatus::Code::kOverCapacity;
    m.status.messages.push_back(buf);
  }
  return m;
}

}  // namespace dcload::detail
