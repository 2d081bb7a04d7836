// Metrics stage: one typed Summary from the blocks of a run (engine/metrics/metrics.hpp).
#include "metrics/metrics.hpp"

#include "cooling/cold_source.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
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
  return max_change_within([&p](Eigen::Index k) { return p[k]; }, p.size(), dt_s, window_s);
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

namespace {
// Sub-second runs keep their facility series for the 0.1–3 Hz swing share when they have at
// most this many steps (≈ 29 h at 0.1 s, 8 MB); longer runs report it as null with a note.
constexpr std::size_t kMaxSpectrumSteps = std::size_t{1} << 20;

const char* technology_name(CoolingTechnology t) {
  switch (t) {
    case CoolingTechnology::kAir: return "air";
    case CoolingTechnology::kLiquid: return "liquid";
    case CoolingTechnology::kImmersion: return "immersion";
    case CoolingTechnology::kImmersionTwoPhase: return "immersion_two_phase";
    case CoolingTechnology::kDx: return "dx";
  }
  return "air";
}
}  // namespace

MetricsAccumulator::MetricsAccumulator(const Site& site, const PlantDesign& design, double dt_s,
                                       double start_s, std::size_t total_steps, double capacity_w,
                                       double capacity_n1_w)
    : site_(site),
      design_(design),
      dt_s_(dt_s),
      start_s_(start_s),
      total_steps_(total_steps),
      capacity_w_(capacity_w),
      capacity_n1_w_(capacity_n1_w) {
  hall_it_j_.assign(site.halls.size(), 0.0);
  cooling_hours_.hall_air_free_hours.assign(site.halls.size(), 0.0);
  cooling_hours_.hall_liquid_free_hours.assign(site.halls.size(), 0.0);
  cooling_hours_.component_max_w.assign(design.components.size(), 0.0);
  cooling_hours_.component_hours_over.assign(design.components.size(), 0.0);
  if (dt_s <= 0.1 + 1e-12 && total_steps <= kMaxSpectrumSteps) spectrum_.reserve(total_steps);
}

void MetricsAccumulator::add(const BlockSeries& b) {
  const double dt = dt_s_;
  const auto it = as_array(b.it->it_w);
  const auto fac = as_array(*b.facility_w);
  const Eigen::Index n = fac.size();
  if (n == 0) return;
  it_j_ += it.sum() * dt;
  fan_j_ += as_array(b.it->fan_w).sum() * dt;
  cooling_j_ += as_array(b.cooling->total_w).sum() * dt;
  ups_j_ += as_array(b.electrical->ups_loss_w).sum() * dt;
  dist_j_ += as_array(b.electrical->distribution_loss_w).sum() * dt;
  tr_j_ += as_array(*b.transformer_loss_w).sum() * dt;
  aux_j_ += as_array(b.electrical->aux_w).sum() * dt;
  lighting_j_ += as_array(b.electrical->lighting_w).sum() * dt;
  gen_heater_j_ += as_array(b.electrical->generator_heater_w).sum() * dt;
  facility_j_ += fac.sum() * dt;
  heat_rejected_j_ += as_array(b.cooling->heat_rejected_w).sum() * dt;
  reusable_j_ += as_array(b.cooling->reusable_heat_w).sum() * dt;
  water_kg_ += as_array(b.cooling->water_kg_s).sum() * dt;
  evap_kg_ += as_array(b.cooling->evaporation_kg_s).sum() * dt;
  latent_j_ += as_array(b.cooling->latent_w).sum() * dt;
  if (site_.cooling.heat_rejection == HeatRejection::kTower)
    tower_heat_j_ += (as_array(b.cooling->heat_rejected_w)).sum() * dt;
  if (const CoolingSeries& cs = *b.cooling; !cs.cold_heat_w.empty()) {
    // The cold source: the towers' latent share is of the heat through them only.
    const double cold_j = as_array(cs.cold_heat_w).sum() * dt;
    if (site_.cooling.heat_rejection == HeatRejection::kTower) tower_heat_j_ -= cold_j;
    cold_j_ += cold_j;
    sea_pump_j_ += as_array(cs.seawater_pump_w).sum() * dt;
    sea_kg_ += as_array(cs.cold_flow_kg_s).sum() * dt;
    avail_kg_ += as_array(cs.cold_offered_kg_s).sum() * dt;
    unserved_cold_j_ += as_array(cs.cold_unserved_w).sum() * dt;
    chiller_j_ += as_array(cs.chiller_w).sum() * dt;
    rej_fan_j_ += as_array(cs.tower_fan_w).sum() * dt;
    ref_chiller_j_ += as_array(cs.ref_chiller_w).sum() * dt;
    ref_fan_j_ += as_array(cs.ref_tower_fan_w).sum() * dt;
    ref_water_kg_ += as_array(cs.ref_water_kg_s).sum() * dt;
    ref_cooling_j_ += (as_array(cs.total_w) - as_array(cs.chiller_w) - as_array(cs.tower_fan_w) -
                       as_array(cs.cw_pump_w) - as_array(cs.seawater_pump_w) +
                       as_array(cs.ref_chiller_w) + as_array(cs.ref_tower_fan_w) +
                       as_array(cs.ref_cw_pump_w))
                          .sum() * dt;
    max_sea_flow_ = std::max(max_sea_flow_, as_array(cs.cold_flow_kg_s).maxCoeff());
    min_sea_c_ = std::min(min_sea_c_, as_array(cs.sea_c).minCoeff());
    max_sea_c_ = std::max(max_sea_c_, as_array(cs.sea_c).maxCoeff());
    max_discharge_c_ = std::max(max_discharge_c_, as_array(cs.discharge_c).maxCoeff());
    for (size_t k = 0; k < cs.cold_flow_kg_s.size(); ++k)
      if (cs.cold_flow_kg_s[k] > 0)
        min_margin_k_ = std::min(min_margin_k_, cs.discharge_limit_c[k] - cs.discharge_c[k]);
    cold_full_h_ += cs.cold_full_hours;
    cold_unconverged_h_ += cs.cold_unconverged_hours;
    cold_short_h_ += cs.cold_short_hours;
  }
  for (size_t h = 0; h < hall_it_j_.size() && h < b.it->hall_it_w.size(); ++h)
    hall_it_j_[h] += as_array(b.it->hall_it_w[h]).sum() * dt;
  ups_fraction_sum_ += as_array(b.electrical->ups_load_fraction).sum();
  for (Eigen::Index k = 0; k < n; ++k) {
    const int mo = b.weather->month[static_cast<size_t>(k)] - 1;
    fac_month_[static_cast<size_t>(mo)] += fac[k] * dt;
    it_month_[static_cast<size_t>(mo)] += it[k] * dt;
    const int m = static_cast<int>(b.cooling->mode[static_cast<size_t>(k)]);
    mode_h_[std::clamp(m, 0, 2)] += dt / 3600.0;
  }
  Eigen::Index kpk = 0;
  const double pk = fac.maxCoeff(&kpk);
  if (pk > peak_fac_.value) {
    peak_fac_ = {pk, steps_ + static_cast<size_t>(kpk), b.weather->dry_bulb_c[static_cast<size_t>(kpk)],
                 b.weather->wet_bulb_c[static_cast<size_t>(kpk)]};
  }
  peak_it_.value = std::max(peak_it_.value, it.maxCoeff());
  min_it_ = std::min(min_it_, it.minCoeff());
  min_fac_ = std::min(min_fac_, fac.minCoeff());
  peak_cooling_ = std::max(peak_cooling_, as_array(b.cooling->total_w).maxCoeff());
  peak_chiller_ = std::max(peak_chiller_, as_array(b.cooling->chiller_load_w).maxCoeff());
  // Grid: headroom, hours over (normal and N-1), largest draw.
  Eigen::Index kmin = 0;
  const auto head = as_array(*b.headroom_w);
  const double mh = head.minCoeff(&kmin);
  if (mh < min_headroom_) {
    min_headroom_ = mh;
    min_headroom_step_ = steps_ + static_cast<size_t>(kmin);
  }
  const double step_h = dt / 3600.0;
  hours_over_ += static_cast<double>((head < 0.0).count()) * step_h;
  const auto draw = as_array(*b.grid_draw_w);
  max_draw_ = std::max(max_draw_, draw.maxCoeff());
  hours_over_n1_ += static_cast<double>((draw > capacity_n1_w_).count()) * step_h;
  // Cooling counters and component maxima.
  const CoolingSeries& c = *b.cooling;
  CoolingSeries& a = cooling_hours_;
  a.redundancy_lost_hours += c.redundancy_lost_hours;
  a.chiller_curve_out_of_range_hours += c.chiller_curve_out_of_range_hours;
  a.chiller_cycling_hours += c.chiller_cycling_hours;
  a.tower_curve_out_of_range_hours += c.tower_curve_out_of_range_hours;
  a.tower_setpoint_unmet_hours += c.tower_setpoint_unmet_hours;
  a.dx_curve_out_of_range_hours += c.dx_curve_out_of_range_hours;
  a.air_loop_free_hours += c.air_loop_free_hours;
  a.liquid_loop_free_hours += c.liquid_loop_free_hours;
  for (size_t h = 0; h < a.hall_air_free_hours.size() && h < c.hall_air_free_hours.size(); ++h) {
    a.hall_air_free_hours[h] += c.hall_air_free_hours[h];
    a.hall_liquid_free_hours[h] += c.hall_liquid_free_hours[h];
  }
  for (size_t i = 0; i < a.component_max_w.size() && i < c.component_max_w.size(); ++i) {
    a.component_max_w[i] = std::max(a.component_max_w[i], c.component_max_w[i]);
    a.component_hours_over[i] += c.component_hours_over[i];
  }
  // Electrical equipment: generators carry the facility when the grid is out; the UPS carries
  // IT + PDU loss; the transformers the facility demand.
  auto elec = [&](int comp, double load_max, const auto& load) {
    if (comp < 0) return;
    const size_t i = static_cast<size_t>(comp);
    const ComponentSize& cs = design_.components[i];
    a.component_max_w[i] = std::max(a.component_max_w[i], load_max);
    a.component_hours_over[i] +=
        static_cast<double>((load > cs.installed * cs.unit_w * (1 + 1e-9)).count()) * step_h;
  };
  elec(design_.generator_component, pk, fac);
  elec(design_.transformer_component, pk, fac);
  elec(design_.ups_component, (it + as_array(b.electrical->distribution_loss_w)).maxCoeff(),
       it + as_array(b.electrical->distribution_loss_w));
  // Ramps within 1 s and 1 min, across the block boundary: over the previous block's last
  // values followed by this block's (joined in place by an index, not copied).
  {
    const size_t lag = static_cast<size_t>(std::max(1.0, std::round(60.0 / dt)));
    const Eigen::Index t = static_cast<Eigen::Index>(tail_.size()), m = t + n;
    const auto joined = [&](Eigen::Index k) { return k < t ? tail_[static_cast<size_t>(k)] : fac[k - t]; };
    ramp_1s_ = std::max(ramp_1s_, max_change_within(joined, m, dt, 1.0));
    ramp_1min_ = std::max(ramp_1min_, max_change_within(joined, m, dt, 60.0));
    const Eigen::Index keep = std::min<Eigen::Index>(static_cast<Eigen::Index>(lag), m);
    std::vector<double> last(static_cast<size_t>(keep));
    for (Eigen::Index i = 0; i < keep; ++i) last[static_cast<size_t>(i)] = joined(m - keep + i);
    tail_.swap(last);
  }
  if (spectrum_.capacity() >= total_steps_ && total_steps_ > 0)
    spectrum_.insert(spectrum_.end(), fac.data(), fac.data() + n);
  steps_ += static_cast<size_t>(n);
}

Summary MetricsAccumulator::finish(const SupplyTotals& sup, const RampState& ramp) const {
  const double capacity_w = capacity_w_;
  const Site& site = site_;
  const PlantDesign& d = design_;
  const double dt = dt_s_;
  Summary m;
  m.site = site.name;
  m.steps = steps_;
  m.timestep = seconds(dt);
  m.start = seconds(start_s_);
  m.it_energy = joules(it_j_);
  m.it_fan_energy = joules(fan_j_);
  m.cooling_energy = joules(cooling_j_);
  m.ups_loss = joules(ups_j_);
  m.distribution_loss = joules(dist_j_);
  m.transformer_loss = joules(tr_j_);
  m.electrical_loss = m.ups_loss + m.distribution_loss + m.transformer_loss;
  m.aux_energy = joules(aux_j_);
  m.lighting_energy = joules(lighting_j_);
  m.facility_energy = joules(facility_j_);
  // PUE = facility energy / IT energy (The Green Grid 2007; ISO/IEC 30134-2:2016), metered at
  // the point of interconnection.
  m.pue_annual = it_j_ > 0 ? facility_j_ / it_j_ : std::nan("");
  // ITUE and TUE with server fans as the IT-side overhead (Patterson et al., ISC 2013).
  m.itue = it_j_ > fan_j_ && it_j_ > 0 ? it_j_ / (it_j_ - fan_j_) : std::nan("");
  m.tue = m.itue * m.pue_annual;
  for (int i = 0; i < 12; ++i) {
    m.facility_energy_monthly[i] = joules(fac_month_[i]);
    m.it_energy_monthly[i] = joules(it_month_[i]);
    m.pue_monthly[i] = it_month_[i] > 0 ? fac_month_[i] / it_month_[i] : std::nan("");
  }
  m.design_it_power = watts(in_si(site.design_it_power()));
  m.peak_it = watts(peak_it_.value);
  for (const ClusterSpec& c : site.clusters) {
    m.gpu_count += c.count;
    ClusterResult r;
    r.name = c.name;
    r.hall = c.hall < site.halls.size() ? site.halls[c.hall].name : "";
    r.accelerator = c.accelerator.name;
    r.count = c.count;
    r.nodes = c.nodes();
    r.racks = c.racks();
    r.design_it = c.design_power();
    r.rack_power = watts(r.racks > 0 ? in_si(r.design_it) / static_cast<double>(r.racks) : 0.0);
    r.liquid_fraction = c.liquid_fraction;
    m.clusters.push_back(r);
  }
  for (size_t h = 0; h < site.halls.size(); ++h) {
    const HallSpec& hs = site.halls[h];
    HallResult r;
    r.name = hs.name;
    r.technology = technology_name(hs.technology);
    r.design_it = watts(h < d.halls.size() ? d.halls[h].it_w : 0.0);
    r.it_energy = joules(hall_it_j_[h]);
    r.supply_air = hs.supply_air();
    r.air_loop_free_hours = cooling_hours_.hall_air_free_hours[h];
    r.liquid_loop_free_hours = cooling_hours_.hall_liquid_free_hours[h];
    m.halls.push_back(r);
  }
  const double mean_it = steps_ ? it_j_ / (dt * static_cast<double>(steps_)) : 0.0;
  m.it_load_factor = peak_it_.value > 0 ? mean_it / peak_it_.value : 0.0;
  m.min_it = watts(steps_ ? min_it_ : 0.0);
  m.facility_dynamic_range = watts(steps_ ? peak_fac_.value - min_fac_ : 0.0);
  m.max_ramp_per_s = watts(ramp_1s_);
  m.max_ramp_per_min = watts(ramp_1min_);
  // The band grid operators watch for forced oscillations from synchronous training (Choukse
  // et al., "Power Stabilization for AI Training Datacenters", arXiv:2508.14318): resolvable
  // only when 3 Hz lies below the Nyquist frequency 1/(2·dt), i.e. for steps ≤ 0.1 s.
  m.swing_band_share = std::nan("");
  if (dt <= 0.1 + 1e-12 && spectrum_.size() == steps_ && steps_ > 0)
    m.swing_band_share = band_energy_share(
        Eigen::Map<const ArrayXd>(spectrum_.data(), static_cast<Eigen::Index>(spectrum_.size())),
        dt, 0.1, 3.0);
  m.peak_facility = watts(steps_ ? peak_fac_.value : 0.0);
  m.peak_facility_time = step_time_label(static_cast<Eigen::Index>(peak_fac_.step), dt, start_s_);
  m.peak_facility_dry_bulb = celsius(peak_fac_.db_c);
  m.peak_facility_wet_bulb = celsius(peak_fac_.wb_c);
  m.peak_cooling = watts(peak_cooling_);

  m.grid_connection = site.grid.connection;
  m.grid_capacity = watts(capacity_w);
  m.min_grid_headroom = watts(steps_ ? min_headroom_ : capacity_w);
  m.min_grid_headroom_time =
      step_time_label(static_cast<Eigen::Index>(min_headroom_step_), dt, start_s_);
  m.hours_over_capacity = hours_over_;
  const double pf = site.grid.power_factor > 0 ? site.grid.power_factor : 1.0;
  m.peak_facility_apparent = volt_amperes(in_si(m.peak_facility) / pf);
  m.grid_capacity_n1 = watts(capacity_n1_w_);
  m.min_grid_headroom_n1 = watts(capacity_n1_w_ - max_draw_);
  m.hours_over_capacity_n1 = hours_over_n1_;
  m.max_facility_ramp = watts(ramp.max_ramp_w_per_s);
  m.ramp_limit_w_per_s = site.grid.ramp_limit_w_per_s;
  m.ramp_storage_power = watts(ramp.p_max);
  m.ramp_storage_energy = joules(ramp.e_max - ramp.e_min);
  m.ups_modules = d.ups_modules;
  m.ups_mean_load_fraction = steps_ ? ups_fraction_sum_ / static_cast<double>(steps_) : 0.0;
  m.generators = d.generators;
  m.transformers = d.transformers;
  m.generator_heater_energy = joules(gen_heater_j_);

  m.free_cooling_hours = mode_h_[kFree];
  m.partial_cooling_hours = mode_h_[kPartial];
  m.mechanical_cooling_hours = mode_h_[kMechanical];
  m.chiller_capacity = watts(d.chillers_installed * in_si(site.cooling.chiller.unit));
  m.chiller_design_load = watts(d.chiller_design_load_w);
  m.peak_chiller_load = watts(peak_chiller_);
  m.water = cubic_meters(water_kg_ / 997.0);
  m.evaporation = cubic_meters(evap_kg_ / 997.0);
  m.tower_latent_share = tower_heat_j_ > 0 ? latent_j_ / tower_heat_j_ : 0.0;
  // WUE = site water (L) / IT energy (kWh) (The Green Grid WP35, 2011; ISO/IEC 30134-9).
  m.wue_l_per_kwh = it_j_ > 0 ? (water_kg_ / 0.997) / (it_j_ / 3.6e6) : 0.0;
  // pPUE of a subsystem = (IT + subsystem energy) / IT (The Green Grid WP49, partial PUE).
  m.heat_rejected = joules(heat_rejected_j_);
  m.ppue_cooling = it_j_ > 0 ? (it_j_ + cooling_j_) / it_j_ : std::nan("");
  m.reusable_heat = joules(reusable_j_);
  m.reusable_heat_temperature = celsius(d.halls.empty() ? 0.0 : [&] {
    double t = -1e300;
    for (const HallSpec& h : site.halls) {
      const double ret = h.has_liquid_loop()
                             ? in_celsius(h.facility_water_supply) + in_si(h.facility_water_delta_t)
                             : in_celsius(h.chilled_water_supply) + in_si(h.chilled_water_delta_t);
      t = std::max(t, ret);
    }
    return t;
  }());
  // ERE = (facility − reused energy) / IT (The Green Grid WP29, 2010); ERF = reused / facility
  // (ISO/IEC 30134-6:2021). Reused = heat_reuse_fraction × reusable heat.
  const double reused_j = site.cooling.heat_reuse_fraction * reusable_j_;
  m.ere = it_j_ > 0 ? (facility_j_ - reused_j) / it_j_ : std::nan("");
  m.erf = facility_j_ > 0 ? reused_j / facility_j_ : 0.0;
  m.cooling_redundancy_lost_hours = cooling_hours_.redundancy_lost_hours;
  m.free_cooling_hours_air_loop = cooling_hours_.air_loop_free_hours;
  m.free_cooling_hours_liquid_loop = cooling_hours_.liquid_loop_free_hours;
  m.chiller_curve_out_of_range_hours = cooling_hours_.chiller_curve_out_of_range_hours;
  m.chiller_low_load_hours = cooling_hours_.chiller_cycling_hours;
  m.tower_curve_out_of_range_hours = cooling_hours_.tower_curve_out_of_range_hours;
  m.tower_setpoint_unmet_hours = cooling_hours_.tower_setpoint_unmet_hours;
  m.dx_curve_out_of_range_hours = cooling_hours_.dx_curve_out_of_range_hours;
  if (const ColdSourceSpec& cs = site.cooling.cold_source; cs.enabled()) {
    Summary::ColdSource& x = m.cold_source;
    const double hours = static_cast<double>(steps_) * dt / 3600.0;
    x.enabled = true;
    x.kind = cs.kind == ColdSourceKind::kLngTerminal ? "lng_terminal" : "seawater";
    x.backup = site.cooling.heat_rejection == HeatRejection::kSeawater
                   ? "none"
                   : d.components[static_cast<size_t>(d.rejection_component)].name;
    x.heat = joules(cold_j_);
    x.heat_share = heat_rejected_j_ > 0 ? cold_j_ / heat_rejected_j_ : 0.0;
    x.full_hours = cold_full_h_;
    x.short_hours = cold_short_h_;
    x.unserved_heat = joules(unserved_cold_j_);
    x.pump_energy = joules(sea_pump_j_);
    const SeawaterPipe pipe = seawater_pipe(cs);
    x.pipe_diameter_m = pipe.diameter_m;
    x.pipe_gradient_pa_per_m = pipe.gradient_pa_per_m;
    x.design_pump_power = watts(seawater_pump_power_w(cs, cold_design_flow_kg_s(cs)));
    x.seawater = cubic_meters(sea_kg_ / kSeawaterRho);
    x.max_flow_t_h = max_sea_flow_ * 3.6;
    x.mean_available_t_h = hours > 0 ? avail_kg_ / (hours * 3600.0) * 3.6 : 0.0;
    x.min_sea = celsius(min_sea_c_);
    x.max_sea = celsius(max_sea_c_);
    // (A margin within 1e-9 K of zero is the limit held exactly, rounding aside.)
    x.min_discharge_margin_k = min_margin_k_ < 1e299 ? min_margin_k_ : in_si(cs.max_discharge_rise);
    if (x.min_discharge_margin_k < 0 && x.min_discharge_margin_k > -1e-9) x.min_discharge_margin_k = 0;
    x.max_discharge = celsius(max_discharge_c_);
    x.chiller_avoided = joules(ref_chiller_j_ - chiller_j_);
    x.fan_avoided = joules(ref_fan_j_ - rej_fan_j_);
    x.cooling_avoided = joules(ref_cooling_j_ - cooling_j_);
    x.water_avoided = cubic_meters((ref_water_kg_ - water_kg_) / 997.0);
    x.pue_without = it_j_ > 0 ? (facility_j_ - cooling_j_ + ref_cooling_j_) / it_j_ : std::nan("");
    x.wue_without = it_j_ > 0 ? (ref_water_kg_ / 0.997) / (it_j_ / 3.6e6) : 0.0;
    x.seawater_source = cs.seawater_name;
    x.vaporizer_delta_t_k = in_si(cs.vaporizer_delta_t);
    x.arrangement = x.backup == "none" ? "none" : cs.after_backup ? "after" : "before";
    x.flow_profile = cs.flow_profile_name;
  }

  // Plant: sized on the design basis, loaded by the run.
  static constexpr const char* kBasis[] = {"ashrae_0.4", "ashrae_n_year_20", "peak_of_year"};
  m.design_basis = kBasis[static_cast<int>(d.basis)];
  m.design_wet_bulb = celsius(d.wb_state_wb_c);
  m.design_dry_bulb = celsius(d.db_state_db_c);
  double shortfall_h = 0;
  std::vector<std::string> short_msgs;
  for (size_t i = 0; i < d.components.size(); ++i) {
    const ComponentSize& cs = d.components[i];
    ComponentResult r;
    r.name = cs.name;
    r.hall = cs.hall;
    r.duty = cs.duty;
    r.installed = cs.installed;
    r.unit = watts(cs.unit_w);
    r.installed_capacity = watts(cs.installed * cs.unit_w);
    r.design_load = watts(cs.design_load_w);
    r.max_load = watts(cooling_hours_.component_max_w[i]);
    r.hours_over = cooling_hours_.component_hours_over[i];
    m.plant.push_back(r);
    const bool cooling_part = cs.name != "generators" && cs.name != "ups_modules" &&
                              cs.name != "transformers" && cs.name.find("pumps") == std::string::npos;
    if (r.hours_over > 0) {
      char buf[320];
      std::snprintf(buf, sizeof buf,
                    "%s%s%s: the load exceeded the %d installed (%.1f MW, sized for %.1f MW on "
                    "the %s basis) for %.2f h, largest load %.1f MW",
                    cs.name.c_str(), cs.hall.empty() ? "" : " of hall ", cs.hall.c_str(),
                    cs.installed, cs.installed * cs.unit_w / 1e6, cs.design_load_w / 1e6,
                    m.design_basis.c_str(), r.hours_over, cooling_hours_.component_max_w[i] / 1e6);
      short_msgs.push_back(buf);
      if (cooling_part) shortfall_h = std::max(shortfall_h, r.hours_over);
    }
  }
  m.cooling_shortfall_hours = shortfall_h;

  // Supply.
  static constexpr const char* kTypeNames[] = {"grid", "lng_ccgt", "solar", "wind", "battery"};
  for (const SupplySourceTotals& t : sup.sources) {
    SupplyResult x;
    x.name = t.name;
    x.type = kTypeNames[static_cast<int>(t.type)];
    x.capacity = watts(t.capacity_w);
    x.energy = joules(t.energy_j);
    x.charged = joules(t.charged_j);
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
  m.co2 = kilograms(sup.co2_kg);
  m.supply_cost_usd = sup.cost_usd;
  m.unserved = joules(sup.unserved_j);
  m.unserved_hours = sup.unserved_hours;
  m.cfe_share = sup.cfe_share;
  // CUE = total CO2 / IT energy (The Green Grid WP32, "Carbon Usage Effectiveness", 2010).
  m.cue_kg_per_kwh = it_j_ > 0 ? sup.co2_kg / (it_j_ / 3.6e6) : 0.0;
  const double served_j = sup.demand_j - sup.unserved_j;
  m.lcoe_usd_per_mwh = served_j > 0 ? sup.cost_usd / (served_j / 3.6e9) : 0.0;
  m.unserved_cost_usd = sup.unserved_j * site.economics.value_of_lost_load_usd_per_j;
  m.cost_per_it_mwh_usd = it_j_ > 0 ? (sup.cost_usd + m.unserved_cost_usd) / (it_j_ / 3.6e9) : 0.0;
  m.peak_grid_import = watts(sup.peak_import_w);
  m.supply_water = cubic_meters(sup.water_m3);

  // ---- status: what a planner must read, worst first ----
  auto set = [&](RunStatus::Code c) {
    if (m.status.code == RunStatus::Code::kOk) m.status.code = c;
  };
  // A result that is not a number is never a quiet null: it fails the run's status. (Inputs
  // are checked finite and physical before a run; this guards the models themselves.)
  {
    std::string bad;
    const std::pair<const char*, double> core[] = {
        {"pue_annual", m.pue_annual},
        {"it_energy", in_si(m.it_energy)},
        {"facility_energy", in_si(m.facility_energy)},
        {"cooling_energy", in_si(m.cooling_energy)},
        {"electrical_loss", in_si(m.electrical_loss)},
        {"peak_facility", in_si(m.peak_facility)},
        {"min_grid_headroom", in_si(m.min_grid_headroom)},
        {"water", in_si(m.water)},
        {"co2", in_si(m.co2)},
        {"supply_cost", m.supply_cost_usd}};
    for (const auto& [name, v] : core)
      if (!std::isfinite(v)) bad += (bad.empty() ? "" : ", ") + std::string(name);
    if (!bad.empty()) {
      set(RunStatus::Code::kNotConverged);
      m.status.messages.push_back("non-finite result (" + bad +
                                  "): a model left its valid range; the numbers are not usable");
    }
  }
  if (m.hours_over_capacity > 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "%s exceeded the grid capacity of %.1f MW for %.2f h (worst at %s, "
                  "%.1f MW over)",
                  sup.onsite ? "demand left for the grid after the on-site sources"
                             : "facility demand",
                  capacity_w / 1e6, m.hours_over_capacity, m.min_grid_headroom_time.c_str(),
                  -in_si(m.min_grid_headroom) / 1e6);
    set(RunStatus::Code::kOverCapacity);
    m.status.messages.push_back(buf);
  }
  if (m.unserved_hours > 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "the supply left %.1f MWh of demand unserved over %.2f h (%s)",
                  in_si(m.unserved) / 3.6e9, m.unserved_hours,
                  m.hours_over_capacity > 0 ? "the grid connection is too small"
                                            : "on-site sources and the grid import limit "
                                              "together fell short");
    set(RunStatus::Code::kUnserved);
    m.status.messages.push_back(buf);
  }
  // N-1: with the largest incoming circuit or main transformer out (only meaningful with two
  // or more of each).
  const bool n1_meaningful = site.grid.circuits >= 2 || site.electrical.transformer_count >= 2;
  if (!site.islanded && n1_meaningful && m.hours_over_capacity_n1 > 0) {
    char buf[320];
    std::snprintf(buf, sizeof buf,
                  "N-1: demand exceeded the %.1f MW left with the largest circuit or transformer "
                  "out for %.2f h (peak %.1f MW, %.1f MW over): the connection is not firm",
                  capacity_n1_w_ / 1e6, m.hours_over_capacity_n1, max_draw_ / 1e6,
                  (max_draw_ - capacity_n1_w_) / 1e6);
    set(RunStatus::Code::kN1Exceeded);
    m.status.messages.push_back(buf);
  }
  for (const std::string& msg : sup.messages) m.status.messages.push_back(msg);
  if (const Summary::ColdSource& x = m.cold_source; x.enabled) {
    const ColdSourceSpec& cs = site.cooling.cold_source;
    char buf[420];
    if (x.short_hours > 0) {
      // A seawater-only plant: heat the seawater could not take is heat nobody took.
      std::snprintf(buf, sizeof buf,
                    "cold source: the seawater (mean %.0f t/h offered) could not take all the "
                    "heat for %.2f h, %.1f MWh left with no heat rejection behind it (heat_rejection "
                    "= \"seawater\"): more flow, a larger max_discharge_rise or a backup is needed",
                    x.mean_available_t_h, x.short_hours, in_si(x.unserved_heat) / 3.6e9);
      shortfall_h = std::max(shortfall_h, x.short_hours);
      m.cooling_shortfall_hours = shortfall_h;
      short_msgs.push_back(buf);
    }
    if (cold_unconverged_h_ > 0) {
      std::snprintf(buf, sizeof buf,
                    "cold source: the split between the seawater and the backup did not settle "
                    "within 30 passes for %.1f h (the heat balance holds; the mix of those hours "
                    "is the last pass's)",
                    cold_unconverged_h_);
      m.status.messages.push_back(buf);
    }
    if (!cs.seawater_given) {
      std::snprintf(buf, sizeof buf,
                    "cold source: sea temperatures are builtin:ulsan (%.1f–%.1f °C), an estimate "
                    "for the Ulsan coast from the NIFS bulletins of Busan and Pohang (confidence "
                    "L) that the site file did not name; measured sea temperatures (KHOA tide "
                    "station DT_0020 for Ulsan) belong in cooling.cold_source.seawater_temperature",
                    in_celsius(x.min_sea), in_celsius(x.max_sea));
      m.status.messages.push_back(buf);
    }
    if (cs.kind == ColdSourceKind::kLngTerminal && x.flow_profile.rfind("builtin:", 0) == 0) {
      std::snprintf(buf, sizeof buf,
                    "cold source: the terminal's flow follows %s (the monthly shape of KOGAS's "
                    "LNG sales for power, an assumption for this terminal): %.0f t/h offered on "
                    "average of the %.0f t/h at full send-out",
                    x.flow_profile.c_str(), x.mean_available_t_h, cs.flow_kg_s * 3.6);
      m.status.messages.push_back(buf);
    }
    if (cs.max_flow_kg_s <= 0)
      m.status.messages.push_back(
          "cold source: the campus takes all the seawater the source offers (no "
          "cooling.cold_source.max_flow, the contract, given)");
    if (!cs.rise_given) {
      std::snprintf(buf, sizeof buf,
                    "cold source: the seawater may return %.1f K above the sea, the IFC "
                    "guideline's mixing-zone figure applied at the outfall, not a permit "
                    "(cooling.cold_source.max_discharge_rise not given)",
                    in_si(cs.max_discharge_rise));
      m.status.messages.push_back(buf);
    }
  }
  if (shortfall_h > 0) set(RunStatus::Code::kCoolingShortfall);
  for (const std::string& msg : short_msgs) m.status.messages.push_back(msg);
  // Curve validity: inputs outside a curve's range were clamped (chillers) or extrapolated
  // (towers) as EnergyPlus does; a finding to read, not a failure of the plant.
  if (m.chiller_curve_out_of_range_hours > 0 || m.tower_curve_out_of_range_hours > 0 ||
      m.dx_curve_out_of_range_hours > 0) {
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
    if (m.dx_curve_out_of_range_hours > 0) {
      std::snprintf(buf, sizeof buf, "%s DX coil curves %.1f h (inputs clamped)",
                    m.chiller_curve_out_of_range_hours > 0 || m.tower_curve_out_of_range_hours > 0
                        ? ";" : "",
                    m.dx_curve_out_of_range_hours);
      msg += buf;
    }
    m.status.messages.push_back(msg);
  }
  // Keys the site set that this plant does not use.
  if (!site.cooling.unused_keys.empty()) {
    std::string msg = "keys with no effect on this plant (ignored):";
    for (size_t i = 0; i < site.cooling.unused_keys.size(); ++i)
      msg += (i ? ", " : " ") + site.cooling.unused_keys[i];
    m.status.messages.push_back(msg);
  }
  // Set-point tower control: what it held, and the hours it could not.
  if (const CoolingSpec& cc = site.cooling; cc.tower_fan_control != TowerFanControl::kFollowLoad) {
    const char* fans = cc.tower_fan_control == TowerFanControl::kVariable   ? "variable-speed"
                       : cc.tower_fan_control == TowerFanControl::kTwoSpeed ? "two-speed"
                                                                            : "single-speed";
    char buf[320];
    if (cc.condenser_setpoint_control == CondenserSetpoint::kFixed)
      std::snprintf(buf, sizeof buf, "tower fans: %s, holding the condenser water at %.2f °C",
                    fans, in_celsius(cc.condenser_setpoint));
    else
      std::snprintf(buf, sizeof buf,
                    "tower fans: %s, holding the condenser water at wet-bulb + %.2f K within "
                    "%.2f–%.2f °C",
                    fans, in_si(cc.condenser_setpoint_approach),
                    in_celsius(cc.condenser_setpoint_min), in_celsius(cc.condenser_setpoint));
    std::string msg = buf;
    msg += " (colder while a water-side economizer can use it)";
    if (m.tower_setpoint_unmet_hours > 0) {
      std::snprintf(buf, sizeof buf, "; at full speed above the set point %.1f h",
                    m.tower_setpoint_unmet_hours);
      msg += buf;
      // Out of the towers' reach most of the time: the fans simply run at full speed.
      if (m.tower_setpoint_unmet_hours > 0.5 * static_cast<double>(m.steps) * in_si(m.timestep) / 3600.0)
        msg += " (the set point is out of the towers' reach most hours: raise "
               "cooling.condenser_setpoint_approach above their approach)";
    }
    m.status.messages.push_back(msg);
  }
  if (m.chiller_low_load_hours > 0) {
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "chillers ran below their minimum unloading ratio (20 %%) for %.1f h: false "
                  "loading (hot-gas bypass) and below 10 %% on/off cycling were applied",
                  m.chiller_low_load_hours);
    m.status.messages.push_back(buf);
  }
  for (size_t h = 0; h < site.halls.size(); ++h)
    if (site.halls[h].technology == CoolingTechnology::kLiquid && hall_it_j_[h] > 0 &&
        d.halls.size() > h && d.halls[h].liquid_heat_w <= 0)
      m.status.messages.push_back("hall " + site.halls[h].name +
                                  ": a liquid hall without liquid heat (its clusters are "
                                  "air-cooled): the facility-water loop carries nothing");
  if (!std::isnan(m.swing_band_share) || dt > 0.1 + 1e-12) {
  } else if (steps_ > kMaxSpectrumSteps) {
    m.status.messages.push_back(
        "swing_band_share_0p1_3hz: the run has more than 1,048,576 steps; run a window of "
        "the hours of interest for the spectrum");
  }
  for (const std::string& note : d.notes) m.status.messages.push_back("design: " + note);
  for (const std::string& note : site.notes) m.status.messages.push_back(note);
  return m;
}

}  // namespace dcload::detail
