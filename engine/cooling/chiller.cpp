// Chiller performance models. Sources beside each coefficient; checks in tests/test_cooling.cpp.
#include "cooling/chiller.hpp"

#include <algorithm>
#include <cmath>

namespace dcload::detail {

double chiller_cop_lm(double t_cond_in_c, double plr) {
  // COP = 16.798751 + 0.008840 t² − 8.528931 L² + 9.885294 L − 0.760621 t + 0.084615 L t
  // (Lei & Masanet 2020; tool nuoaleon/Data-center-PUE-prediction-tool@11663ab7,
  // PUE_internalfunctions.ipynb function 13). Checks: 5.8 at L = 1, t = 30 °C; 8.2 at L = 1,
  // t = 20 °C (by hand from the coefficients).
  const double t = t_cond_in_c, l = plr;
  return 16.798751 + 0.008840 * t * t - 8.528931 * l * l + 9.885294 * l - 0.760621 * t +
         0.084615 * l * t;
}

double chiller_eirfplr(double plr) {
  // DOE-2.1E reference centrifugal chiller EIRFPLR = 0.222903 + 0.313387·plr + 0.46371·plr²
  // (EnergyPlus Input-Output Reference example Chiller:Electric:EIR curve set; the DOE-2
  // Centrifugal/5.50COP set below carries the same curve); sum of coefficients = 1.000000.
  return 0.222903 + 0.313387 * plr + 0.46371 * plr * plr;
}

double chiller_power_lm(double load_w, double t_cond_in_c, double plr, bool& out_of_range,
                        bool& low_load) {
  if (!(load_w > 0)) return 0.0;
  constexpr double kTMin = 15.56, kTMax = 35.0, kPlrMin = 0.2;
  const double t = std::clamp(t_cond_in_c, kTMin, kTMax);
  if (t != t_cond_in_c) out_of_range = true;
  if (plr < kPlrMin) {
    low_load = true;
    // Cycling below the sampled range: the unit runs at PLR 0.2 for PLR/0.2 of the time.
    return load_w / chiller_cop_lm(t, kPlrMin);
  }
  return load_w / chiller_cop_lm(t, std::min(plr, 1.0));
}

double carnot_fraction(double lift_k) { return 0.715 * (1.0 - std::exp(-lift_k / 16.0)); }

double chiller_cop_carnot_full(double evap_leaving_c, double cond_leaving_c) {
  const double lift = std::max(cond_leaving_c - evap_leaving_c, kMinLiftK);
  return carnot_fraction(lift) * (evap_leaving_c + 273.15) / lift;
}

double chiller_power_carnot(double load_w, double evap_leaving_c, double cond_leaving_c,
                            double plr, bool& low_load) {
  if (!(load_w > 0) || !(plr > 0)) return 0.0;
  const double p = std::min(plr, 1.0);
  if (p < kMinUnloadingRatio) low_load = true;
  const double cycling = std::min(p / kMinPartLoadRatio, 1.0);
  return load_w / p * chiller_eirfplr(std::max(p, kMinUnloadingRatio)) * cycling /
         chiller_cop_carnot_full(evap_leaving_c, cond_leaving_c);
}

}  // namespace dcload::detail

namespace dcload::detail {

double Biquadratic::operator()(double x, double y, bool& clamped) const {
  const double xc = std::clamp(x, x_min, x_max), yc = std::clamp(y, y_min, y_max);
  if (xc != x || yc != y) clamped = true;
  return c[0] + xc * (c[1] + c[2] * xc + c[5] * yc) + yc * (c[3] + c[4] * yc);
}

const ChillerCurveSet& doe2_centrifugal_set() {
  // EnergyPlus DataSets/Chillers.idf, Chiller:Electric:EIR "DOE-2 Centrifugal/5.50COP": COP 5.5
  // at 6.67 °C leaving chilled water / 29.4 °C entering condenser water; minimum PLR 0.1,
  // minimum unloading ratio 0.2. Coefficients and validity box (x 5–10 °C, y 24–35 °C) as
  // carried by the Modelica Buildings record Buildings.Fluid.Chillers.Data.ElectricEIR.
  // DOE_2_Centrifugal_5_50COP (read in longlevan/ThermoCodeLib@d4e047b5, which quotes the
  // EnergyPlus object).
  // EIRFPLR x range: assumption 0–1 (the record does not carry it; PLR is held in
  // [min_unload, 1] anyway). Derived check: CAPFT(6.67, 29.4) = 1.0033, EIRFT = 0.9991.
  static const ChillerCurveSet s{
      "DOE-2 Centrifugal/5.50COP", 5.5, 6.67, 29.4, false,
      {{0.257896, 0.0389016, -0.00021708, 0.0468684, -0.00094284, -0.00034344}, 5.0, 10.0, 24.0,
       35.0},
      {{0.933884, -0.058212, 0.00450036, 0.00243, 0.000486, -0.001215}, 5.0, 10.0, 24.0, 35.0},
      {0.222903, 0.313387, 0.46371}, 0.0, 0.1, 0.2};
  return s;
}

const ChillerCurveSet& carrier_30rb390_set() {
  // EnergyPlus DataSets/AirCooledChiller.idf (NREL/EnergyPlus@1a2d9019), "ElectricEIRChiller
  // Carrier 30RB390 1325.8kW/2.8COP" (scroll; the file header lists Carrier's 30RB product
  // data 30rb-13pd among the catalogs its curves were fitted to): reference 1,325.8 kW, COP 2.8
  // at 6.67 °C leaving chilled water and 35 °C entering condenser air; minimum PLR 0.10,
  // minimum unloading ratio 0.10. CAPFT and EIRFT valid x 4.44–15.56 °C, y 29.44–48.89 °C: the
  // large Carrier 30RB scroll sets reach the catalog air plant's 15 °C chilled water, the 30XA
  // screw sets of the same file stop at 10 °C. EIRFPLR = PLR (0, 1, 0), x 0.15–1.0. Condenser
  // fan power ratio left blank in the dataset: assumption that the catalog COP, like AHRI
  // 550/590 air-cooled ratings, includes the condenser fans, so no separate fan power is added
  // (adding EnergyPlus's generic ratio would count the fans twice).
  static const ChillerCurveSet s{
      "Carrier 30RB390 1325.8kW/2.8COP", 2.8, 6.67, 35.0, true,
      {{0.9061565538, 0.0623330771, -0.0006503808, -0.0014416333, -0.0001025746,
        -0.0004835891},
       4.44, 15.56, 29.44, 48.89},
      {{0.956167823, -0.0190268512, 0.0012528074, -0.0169835155, 0.0007174712, -0.0007448796},
       4.44, 15.56, 29.44, 48.89},
      {0.0, 1.0, 0.0}, 0.15, 0.10, 0.10};
  return s;
}

double chiller_power_eir(const ChillerCurveSet& s, double chw_leaving_c, double cond_entering_c,
                         double load_w, double unit_w, double units, bool& clamped) {
  if (load_w <= 0.0 || units <= 0.0) return 0.0;
  const double capft = s.capft(chw_leaving_c, cond_entering_c, clamped);
  const double eirft = s.eirft(chw_leaving_c, cond_entering_c, clamped);
  const double q_avail = units * unit_w * capft;
  // Load beyond the available capacity (shortfall, counted by the caller) runs the units at
  // full load: power is that of PLR = 1.
  const double plr = std::min(load_w / q_avail, 1.0);
  const double x = std::min(std::max({plr, s.min_unload, s.plr_curve_min}), 1.0);
  const double eirfplr = s.eirfplr[0] + x * (s.eirfplr[1] + x * s.eirfplr[2]);
  const double cycling = std::min(plr / s.plr_min, 1.0);
  return q_avail * eirft * eirfplr * cycling / s.cop_ref;
}

namespace {
// YorkCalc coefficients, EnergyPlus Engineering Reference (NREL/EnergyPlus@19413864,
// doc/engineering-reference/src/simulation-models-encyclopedic-reference-002/
// cooling-towers-and-evaporative-fluid-coolers.tex, table "Approach Temperature Correlation
// Coefficients", YorkCalc column), Coeff(1)…Coeff(27) in the order of the correlation:
// for LG^0, LG^1, LG^2: for Tr^0, Tr^1, Tr^2: Twb^0, Twb^1, Twb^2.
constexpr double kYork[27] = {
    -0.359741205,     -0.055053608,      0.0023850432,     0.173926877,    -0.0248473764,
    0.00048430224,    -0.005589849456,   0.0005770079712,  -1.342427256E-05, 2.84765801111111,
    -0.121765149,     0.0014599242,      1.680428651,      -0.0166920786,  -0.0007190532,
    -0.025485194448,  4.87491696E-05,    2.719234152E-05,  -0.06537662555556, -0.002278167,
    0.0002500254,     -0.0910565458,     0.00318176316,    3.8621772E-05,  -0.0034285382352,
    8.56589904E-06,   -1.516821552E-06};
// Validity limits, same file, table "Minimum and Maximum Limits for Approach Temperature
// Correlation Variables", YorkCalc column.
constexpr double kYorkTwbMin = -34.4, kYorkTwbMax = 26.7, kYorkRangeMin = 1.1,
                 kYorkRangeMax = 22.2, kYorkLgMax = 8.0;

double york_raw(double t, double r, double lg) {
  const double rp[3] = {1.0, r, r * r}, lp[3] = {1.0, lg, lg * lg};
  double sum = 0.0;
  for (int l = 0; l < 3; ++l)
    for (int j = 0; j < 3; ++j) {
      const double* k = kYork + 9 * l + 3 * j;
      sum += lp[l] * rp[j] * (k[0] + k[1] * t + k[2] * t * t);
    }
  return sum;
}
}  // namespace

double yorkcalc_approach(double t_wb_c, double range_k, double lg, bool& out_of_range) {
  const double t = std::clamp(t_wb_c, kYorkTwbMin, kYorkTwbMax);
  if (t != t_wb_c || range_k < kYorkRangeMin || range_k > kYorkRangeMax || lg > kYorkLgMax)
    out_of_range = true;
  return york_raw(t, range_k, lg);
}

double yorkcalc_design_lg(double t_wb_c, double range_k, double approach_k) {
  const double t = std::clamp(t_wb_c, kYorkTwbMin, kYorkTwbMax);
  double lo = 0.1, hi = kYorkLgMax;
  if (york_raw(t, range_k, lo) >= approach_k) return lo;
  if (york_raw(t, range_k, hi) <= approach_k) return hi;
  for (int i = 0; i < 60; ++i) {
    const double mid = 0.5 * (lo + hi);
    (york_raw(t, range_k, mid) < approach_k ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

namespace {
// DXSysACCool curves (EnergyPlus 2ZoneDataCenterHVAC_wEconomizer.idf) and their input limits.
constexpr double kDxCap[6] = {0.766956, 0.0107756, -0.0000414703, 0.00134961, -0.000261144, 0.000457488};
constexpr double kDxEir[6] = {0.297145, 0.0430933, -0.000748766, 0.00597727, 0.000482112, -0.000956448};
constexpr double kDxXMin = 12.77778, kDxXMax = 23.88889, kDxYMin = 18.0, kDxYMax = 46.11111;
double dx_biquadratic(const double (&c)[6], double x, double y, bool& clamped) {
  // Below the box's 18 °C outdoor the curves are held at 18 °C, as EnergyPlus clamps them and as
  // a unit's head-pressure control holds its condensing pressure in cold weather: routine, not
  // flagged. An entering wet-bulb outside the box or a hotter outdoor is.
  const double xc = std::clamp(x, kDxXMin, kDxXMax), yc = std::clamp(y, kDxYMin, kDxYMax);
  if (xc != x || y > kDxYMax) clamped = true;
  return c[0] + c[1] * xc + c[2] * xc * xc + c[3] * yc + c[4] * yc * yc + c[5] * xc * yc;
}
}  // namespace

double dx_capft(double entering_wb_c, double outdoor_db_c, bool& clamped) {
  return dx_biquadratic(kDxCap, entering_wb_c, outdoor_db_c, clamped);
}
double dx_eirft(double entering_wb_c, double outdoor_db_c, bool& clamped) {
  return dx_biquadratic(kDxEir, entering_wb_c, outdoor_db_c, clamped);
}

DxStep dx_step(double load_w, double entering_wb_c, double outdoor_db_c, double unit_w,
               double cop) {
  DxStep r;
  if (!(load_w > 0) || !(unit_w > 0)) return r;
  const double capft = dx_capft(entering_wb_c, outdoor_db_c, r.clamped);
  const double eirft = dx_eirft(entering_wb_c, outdoor_db_c, r.clamped);
  r.rated_equiv_w = load_w / capft;
  r.units = std::max(1, static_cast<int>(std::ceil(r.rated_equiv_w / unit_w - 1e-9)));
  const double q_avail = r.units * unit_w * capft;
  const double plr = std::min(1.0, load_w / q_avail);
  const double plf = 0.85 + 0.15 * plr;
  const double rtf = std::min(1.0, plr / plf);
  // The running units always cover the load (their count is its ceiling); hours past the
  // installed units are counted by the plant's capacity check.
  r.power_w = q_avail * eirft / cop * rtf;
  return r;
}

TowerFans tower_fans_for_setpoint(TowerFanControl control, double t_wb_c, double range_k,
                                  double lg_design, double water_ratio, double target_c,
                                  double min_speed, double low_flow, double low_power) {
  TowerFans r;
  bool probe = false;
  auto leaving_at = [&](double air) {
    return t_wb_c + yorkcalc_approach(t_wb_c, range_k, lg_design * water_ratio / air, probe);
  };
  double running_air = 1.0;  // the speed the fans run at while on
  // Cycling between off (water leaving as it entered, T_set + range) and a speed leaving t_on.
  auto on_fraction = [&](double t_on) {
    return std::clamp(range_k / (range_k + target_c - t_on), 0.0, 1.0);
  };
  // YorkCalc is valid to L/G = 8 (EnergyPlus CoolingTowerPerformance:YorkCalc maximum): slower
  // fans than that ratio allows are not evaluated; the slowest speed is held there.
  const double air_floor = lg_design * water_ratio / kYorkLgMax;
  const double t_full = leaving_at(1.0);
  r.leaving_c = target_c;
  if (t_full >= target_c) {  // full speed cannot reach (or just reaches) the set point
    r.leaving_c = t_full;
    r.air_ratio = r.power_ratio = 1.0;
    r.unmet = t_full > target_c + 1e-9;
  } else if (control == TowerFanControl::kSingleSpeed) {
    r.air_ratio = r.power_ratio = on_fraction(t_full);
  } else if (control == TowerFanControl::kTwoSpeed) {
    // Low speed at its air-flow ratio (not below the correlation's limit; its power scaled by
    // the fan law when held there).
    const double low = std::max(low_flow, air_floor);
    const double p_low = low_power * std::pow(low / low_flow, 3);
    const double t_low = leaving_at(low);
    running_air = low;
    if (t_low <= target_c) {
      const double frac = on_fraction(t_low);
      r.air_ratio = frac * low;
      r.power_ratio = frac * p_low;
    } else {  // between low and high: the share of high speed that mixes to the set point
      const double h = (t_low - target_c) / (t_low - t_full);
      r.air_ratio = h + (1.0 - h) * low;
      r.power_ratio = h + (1.0 - h) * p_low;
    }
    // A two-speed fan can always run as a single-speed one (high and off): the cheaper mix.
    const double phi = on_fraction(t_full);
    if (phi < r.power_ratio) {
      r.air_ratio = r.power_ratio = phi;
      running_air = 1.0;
    }
  } else {  // variable speed: the air-flow ratio giving the set point, P ∝ ratio³
    const double s_min = std::max({min_speed, air_floor, 1e-3});
    const double t_min = leaving_at(s_min);
    if (t_min <= target_c) {
      running_air = s_min;
      const double frac = on_fraction(t_min);
      r.air_ratio = frac * s_min;
      r.power_ratio = frac * s_min * s_min * s_min;
    } else {
      double lo = s_min, hi = 1.0;  // leaving falls as the air rises
      for (int i = 0; i < 50 && hi - lo > 1e-9; ++i) {
        const double mid = 0.5 * (lo + hi);
        (leaving_at(mid) > target_c ? lo : hi) = mid;
      }
      const double s = 0.5 * (lo + hi);
      running_air = s;
      r.air_ratio = s;
      r.power_ratio = s * s * s;
    }
  }
  // Validity at the states the towers run in (not at the search's probes): a two-speed mix runs
  // at both speeds.
  yorkcalc_approach(t_wb_c, range_k, lg_design * water_ratio / running_air, r.out_of_range);
  if (control == TowerFanControl::kTwoSpeed && r.power_ratio > 0)
    yorkcalc_approach(t_wb_c, range_k, lg_design * water_ratio, r.out_of_range);
  return r;
}

}  // namespace dcload::detail
