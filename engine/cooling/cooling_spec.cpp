// The cooling part of a site: [cooling] (the shared plant, and the campus defaults of every
// hall-level key) and [[hall]] entries, read into CoolingSpec and HallSpec, and their checks.
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "config/reader.hpp"
#include "cooling/cold_source.hpp"

namespace dcload {

Temperature HallSpec::supply_air() const {
  if (technology == CoolingTechnology::kDx) return dx_supply_air;
  return celsius(in_celsius(chilled_water_supply) + in_si(coil_approach));
}

namespace detail {
namespace {

CoolingTechnology technology_of(const std::string& t) {
  return t == "liquid"                ? CoolingTechnology::kLiquid
         : t == "immersion"           ? CoolingTechnology::kImmersion
         : t == "immersion_two_phase" ? CoolingTechnology::kImmersionTwoPhase
         : t == "dx"                  ? CoolingTechnology::kDx
                                      : CoolingTechnology::kAir;
}

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

// Key path of a hall-level field for problems: hall[i].LEAF.
std::string hk(std::size_t i, const char* leaf) {
  return "hall[" + std::to_string(i) + "]." + leaf;
}

// [cooling.cold_source]: the kind, the flow and its profile, the sea temperatures, the
// exchanger, the discharge limit and the pumps.
void read_cold_source(const Reader& r, CoolingSpec& c) {
  ColdSourceSpec& s = c.cold_source;
  const std::string kind = r.text("cooling.cold_source.kind");
  s.kind = kind == "lng_terminal" ? ColdSourceKind::kLngTerminal
           : kind == "seawater"   ? ColdSourceKind::kSeawater
                                  : ColdSourceKind::kNone;
  if (!s.enabled()) {
    if (c.heat_rejection == HeatRejection::kSeawater)
      r.problem("cooling.heat_rejection",
                "cooling.heat_rejection = \"seawater\": needs [cooling.cold_source] with kind = "
                "\"lng_terminal\" or \"seawater\"");
    return;
  }
  s.flow_kg_s = r.quantity("cooling.cold_source.flow");
  s.max_flow_kg_s = r.quantity("cooling.cold_source.max_flow");
  if (!(s.flow_kg_s > 0))
    r.problem("cooling.cold_source.flow",
              "cooling.cold_source.flow: a cold source needs its seawater flow (t/h), e.g. flow = "
              "\"10000 t/h\"");
  const bool lng = s.kind == ColdSourceKind::kLngTerminal;
  if (lng) {
    s.vaporizer_delta_t = kelvin_delta(r.quantity("cooling.cold_source.vaporizer_delta_t"));
  } else {
    s.vaporizer_delta_t = kelvin_delta(0.0);
    if (r.has("cooling.cold_source.vaporizer_delta_t") &&
        r.quantity("cooling.cold_source.vaporizer_delta_t") != 0)
      r.problem("cooling.cold_source.vaporizer_delta_t",
                "cooling.cold_source.vaporizer_delta_t: plain seawater passes no vaporizer; set "
                "kind = \"lng_terminal\" or leave the key out");
  }
  s.hx_approach = kelvin_delta(r.quantity("cooling.cold_source.hx_approach"));
  s.max_discharge_rise = kelvin_delta(r.quantity("cooling.cold_source.max_discharge_rise"));
  s.rise_given = r.has("cooling.cold_source.max_discharge_rise");
  s.pump_head = pascals(r.quantity("cooling.cold_source.pump_head"));
  s.distance = meters(r.quantity("cooling.cold_source.distance"));
  s.pipe_velocity_m_s = r.quantity("cooling.cold_source.pipe_velocity");
  s.pipe_roughness = meters(r.quantity("cooling.cold_source.pipe_roughness"));
  s.pump_efficiency = r.real("cooling.cold_source.pump_efficiency");
  s.after_backup = r.text("cooling.cold_source.arrangement") == "after";
  const std::filesystem::path base =
      r.file().empty() ? std::filesystem::path() : std::filesystem::path(r.file()).parent_path();
  // Flow profile: auto, flat, a built-in shape or a CSV of shares.
  std::string prof = r.text("cooling.cold_source.flow_profile");
  if (prof == "auto") prof = lng ? "builtin:kogas_power_sales_2018" : "flat";
  if (prof == "flat") {
    s.flow_profile_name = "flat";
  } else if (prof.rfind("builtin:", 0) == 0) {
    s.flow_profile = builtin_flow_profile(prof);
    s.flow_profile_name = prof;
    if (s.flow_profile.empty())
      r.lookup_problem("cooling.cold_source.flow_profile",
                       "cooling.cold_source.flow_profile = \"" + prof +
                           "\": no such built-in profile (builtin:kogas_power_sales_2018)");
  } else {
    s.flow_profile_name = (base / prof).string();
    s.flow_profile = read_hourly_profile(base / prof, r.loc("cooling.cold_source.flow_profile"),
                                         "cooling.cold_source.flow_profile",
                                         "cold-source flow profile",
                                         {"month,share", "hour,share"}, 0, 1, "", 1.0);
  }
  // Sea temperatures: a built-in coast or a CSV.
  const std::string sea = r.text("cooling.cold_source.seawater_temperature");
  s.seawater_given = r.has("cooling.cold_source.seawater_temperature");
  s.seawater_name = sea;
  if (sea.rfind("builtin:", 0) == 0) {
    s.seawater_c = builtin_seawater_c(sea);
    if (s.seawater_c.empty())
      r.lookup_problem("cooling.cold_source.seawater_temperature",
                       "cooling.cold_source.seawater_temperature = \"" + sea +
                           "\": no such built-in coast (builtin:ulsan)");
  } else {
    s.seawater_name = (base / sea).string();
    s.seawater_c = read_hourly_profile(base / sea,
                                       r.loc("cooling.cold_source.seawater_temperature"),
                                       "cooling.cold_source.seawater_temperature",
                                       "sea temperature file",
                                       {"month,temperature_c", "hour,temperature_c"}, -2, 35,
                                       " °C", 1.0);
  }
}

}  // namespace

void read_cooling(const Reader& r, Site& site) {
  CoolingSpec& c = site.cooling;
  const std::string rej = r.text("cooling.heat_rejection");  // enum values checked by the table
  c.heat_rejection = rej == "dry_cooler"  ? HeatRejection::kDryCooler
                     : rej == "adiabatic" ? HeatRejection::kAdiabatic
                                          : HeatRejection::kTower;
  const std::string m = r.text("cooling.chiller_model");
  c.chiller_model = m == "lei_masanet"        ? ChillerModel::kLeiMasanet
                    : m == "doe2_centrifugal" ? ChillerModel::kDoe2Centrifugal
                    : m == "carrier_30rb390"  ? ChillerModel::kCarrier30rb390
                                              : ChillerModel::kCarnot;
  c.chiller_type = r.text("cooling.chiller_type") == "air_cooled" ? ChillerType::kAirCooled
                                                                   : ChillerType::kWaterCooled;
  c.tower_model = r.text("cooling.tower_model") == "constant_approach"
                      ? TowerModel::kConstantApproach
                      : TowerModel::kYorkCalc;
  c.tower_water_model = r.text("cooling.tower_water_model") == "loss_factor"
                            ? TowerWaterModel::kLossFactor
                            : TowerWaterModel::kPsychrometric;
  const std::string basis = r.text("cooling.design_basis");
  c.design_basis = basis == "ashrae_0.4"     ? DesignBasis::kAshrae004
                   : basis == "peak_of_year" ? DesignBasis::kPeakOfYear
                                             : DesignBasis::kAshraeNYear20;
  c.tower_approach = kelvin_delta(r.quantity("cooling.tower_approach"));
  c.tower_design_approach = kelvin_delta(r.quantity("cooling.tower_design_approach"));
  c.tower_range = kelvin_delta(r.quantity("cooling.tower_range"));
  c.chilled_water_pump_head = pascals(r.quantity("cooling.chilled_water_pump_head"));
  c.condenser_water_pump_head = pascals(r.quantity("cooling.condenser_water_pump_head"));
  c.pump_efficiency = r.real("cooling.pump_efficiency");
  c.tower_fan_power_ratio = r.quantity("cooling.tower_fan_power_ratio");
  c.tower_fan_min_speed = r.quantity("cooling.tower_fan_min_speed");
  c.tower_evaporation_per_k = r.quantity("cooling.tower_evaporation_per_k");
  c.tower_air_m3_s_per_w = r.real("cooling.tower_air_flow") * 1e-6;
  c.tower_drift = r.quantity("cooling.tower_drift");
  c.cycles_of_concentration = r.real("cooling.cycles_of_concentration");
  auto pump_control = [&](const char* key) {
    return r.text(key) == "constant" ? PumpControl::kConstant : PumpControl::kVariable;
  };
  c.chilled_water_pump_control = pump_control("cooling.chilled_water_pump_control");
  c.condenser_water_pump_control = pump_control("cooling.condenser_water_pump_control");
  c.facility_water_pump_control = pump_control("cooling.facility_water_pump_control");
  const std::string curve = r.text("cooling.pump_curve");
  c.pump_curve = curve == "dp_reset"       ? PumpCurve::kDpReset
                 : curve == "no_reset"     ? PumpCurve::kNoReset
                 : curve == "riding_curve" ? PumpCurve::kRidingCurve
                                           : PumpCurve::kLinear;
  c.pump_min_flow = r.quantity("cooling.pump_min_flow");
  const std::string fans = r.text("cooling.tower_fan_control");
  c.tower_fan_control = fans == "variable"       ? TowerFanControl::kVariable
                        : fans == "two_speed"    ? TowerFanControl::kTwoSpeed
                        : fans == "single_speed" ? TowerFanControl::kSingleSpeed
                                                 : TowerFanControl::kFollowLoad;
  c.condenser_setpoint_control = r.text("cooling.condenser_setpoint_control") == "fixed"
                                     ? CondenserSetpoint::kFixed
                                     : CondenserSetpoint::kWetBulb;
  c.condenser_setpoint = kelvin(r.quantity("cooling.condenser_setpoint"));
  c.condenser_setpoint_min = kelvin(r.quantity("cooling.condenser_setpoint_min"));
  c.condenser_setpoint_approach = kelvin_delta(r.quantity("cooling.condenser_setpoint_approach"));
  c.tower_low_speed_flow = r.quantity("cooling.tower_low_speed_flow");
  c.tower_low_speed_power = r.quantity("cooling.tower_low_speed_power");
  c.dry_cooler_approach = kelvin_delta(r.quantity("cooling.dry_cooler_approach"));
  c.dry_cooler_fan_power_ratio = r.quantity("cooling.dry_cooler_fan_power_ratio");
  c.adiabatic_threshold = kelvin(r.quantity("cooling.adiabatic_threshold"));
  c.adiabatic_effectiveness = r.quantity("cooling.adiabatic_effectiveness");
  c.chiller = {watts(r.quantity("cooling.chiller_unit_capacity")),
               static_cast<int>(r.integer("cooling.chiller_spares"))};
  c.tower_cell = {watts(r.quantity("cooling.tower_cell_capacity")),
                  static_cast<int>(r.integer("cooling.tower_spares"))};
  c.crah = {watts(r.quantity("cooling.crah_unit_capacity")),
            static_cast<int>(r.integer("cooling.crah_spares"))};
  c.dx = {watts(r.quantity("cooling.dx_unit_capacity")),
          static_cast<int>(r.integer("cooling.dx_spares"))};
  c.dx_cop = r.real("cooling.dx_cop");
  c.dx_room_dew_point = kelvin(r.quantity("cooling.dx_room_dew_point"));
  c.cdu = {watts(r.quantity("cooling.cdu_unit_capacity")),
           static_cast<int>(r.integer("cooling.cdu_spares"))};
  c.heat_reuse_fraction = r.quantity("cooling.heat_reuse_fraction");
  if (rej == "seawater") c.heat_rejection = HeatRejection::kSeawater;
  read_cold_source(r, c);

  // Halls: [[hall]] entries, or one hall from the [cooling] keys.
  const std::size_t n = std::max<std::size_t>(1, r.array_size("hall"));
  const bool listed = r.array_size("hall") > 0;
  std::vector<std::string> names;
  for (std::size_t i = 0; i < n; ++i) {
    HallSpec h;
    const std::string p = "hall[" + std::to_string(i) + "].";
    h.name = listed ? r.text(p + "name") : std::string("hall");
    if (std::find(names.begin(), names.end(), h.name) != names.end())
      r.problem(p + "name", p + "name = \"" + h.name + "\": two halls have this name");
    names.push_back(h.name);
    const std::string tech = listed ? r.text(p + "technology") : r.text("cooling.technology");
    h.technology = technology_of(tech);
    auto q = [&](const char* leaf) { return r.hall_quantity(i, tech, leaf); };
    h.chilled_water_supply = kelvin(q("chilled_water_supply"));
    h.chilled_water_delta_t = kelvin_delta(q("chilled_water_delta_t"));
    h.coil_approach = kelvin_delta(q("coil_approach"));
    h.air_delta_t = kelvin_delta(q("air_delta_t"));
    h.crah_fan_pressure = pascals(q("crah_fan_pressure"));
    h.crah_fan_efficiency = q("crah_fan_efficiency");
    h.economizer_approach = kelvin_delta(q("economizer_approach"));
    h.facility_water_supply = kelvin(q("facility_water_supply"));
    h.facility_water_delta_t = kelvin_delta(q("facility_water_delta_t"));
    h.cdu_pump_head = pascals(q("cdu_pump_head"));
    h.cdu_delta_t = kelvin_delta(q("cdu_delta_t"));
    h.two_phase_boiling_point = kelvin(q("two_phase_boiling_point"));
    h.two_phase_condenser_approach = kelvin_delta(q("two_phase_condenser_approach"));
    h.air_economizer = r.hall_boolean(i, "air_economizer");
    h.air_economizer_max_dew_point = kelvin(q("air_economizer_max_dew_point"));
    h.air_economizer_max_rh = q("air_economizer_max_rh");
    h.dx_supply_air = kelvin(r.quantity("cooling.dx_supply_air"));
    site.halls.push_back(h);
  }
  // Keys given that this plant does not use: named in the run's status.
  c.unused_keys.clear();
  auto unused_if = [&](bool unused, std::initializer_list<const char*> keys) {
    if (!unused) return;
    for (const char* k : keys)
      if (r.has(k)) c.unused_keys.emplace_back(k);
  };
  unused_if(c.tower_fan_control == TowerFanControl::kFollowLoad,
            {"cooling.condenser_setpoint_control", "cooling.condenser_setpoint",
             "cooling.condenser_setpoint_min", "cooling.condenser_setpoint_approach",
             "cooling.tower_low_speed_flow", "cooling.tower_low_speed_power"});
  unused_if(c.tower_fan_control != TowerFanControl::kTwoSpeed,
            {"cooling.tower_low_speed_flow", "cooling.tower_low_speed_power"});
  const bool any_dx = std::any_of(site.halls.begin(), site.halls.end(), [](const HallSpec& h) {
    return h.technology == CoolingTechnology::kDx;
  });
  unused_if(!any_dx, {"cooling.dx_unit_capacity", "cooling.dx_spares", "cooling.dx_cop",
                      "cooling.dx_supply_air", "cooling.dx_room_dew_point"});
  std::sort(c.unused_keys.begin(), c.unused_keys.end());
  c.unused_keys.erase(std::unique(c.unused_keys.begin(), c.unused_keys.end()), c.unused_keys.end());
}

void check_cooling(const Site& site, Problems& p) {
  const CoolingSpec& c = site.cooling;
  // Curve sets are measured with one kind of condenser: an air-cooled chiller needs an
  // air-cooled set, a water-cooled one any other model.
  const bool air_set = c.chiller_model == ChillerModel::kCarrier30rb390;
  const bool air_type = c.chiller_type == ChillerType::kAirCooled;
  if (air_set != air_type) {
    const std::string bad_key = air_type ? "cooling.chiller_type" : "cooling.chiller_model";
    p.add(bad_key,
          std::string(air_type ? "cooling.chiller_type = \"air_cooled\"" 
                               : "cooling.chiller_model = \"carrier_30rb390\"") +
              ": " +
              (air_type ? "an air-cooled chiller needs an air-cooled curve set "
                          "(chiller_model = \"carrier_30rb390\")"
                        : "carrier_30rb390 is an air-cooled curve set; set chiller_type = "
                          "\"air_cooled\" or pick a water-cooled model"));
  }
  p.range("cooling.tower_approach", in_si(c.tower_approach));
  p.range("cooling.tower_design_approach", in_si(c.tower_design_approach));
  p.range("cooling.tower_range", in_si(c.tower_range));
  p.range("cooling.chilled_water_pump_head", in_si(c.chilled_water_pump_head));
  p.range("cooling.condenser_water_pump_head", in_si(c.condenser_water_pump_head));
  p.range("cooling.pump_efficiency", c.pump_efficiency);
  p.range("cooling.tower_fan_power_ratio", c.tower_fan_power_ratio);
  p.range("cooling.tower_fan_min_speed", c.tower_fan_min_speed);
  p.range("cooling.tower_evaporation_per_k", c.tower_evaporation_per_k);
  p.range("cooling.tower_air_flow", c.tower_air_m3_s_per_w * 1e6);
  p.range("cooling.tower_drift", c.tower_drift);
  p.range("cooling.cycles_of_concentration", c.cycles_of_concentration);
  p.range("cooling.pump_min_flow", c.pump_min_flow);
  p.range("cooling.condenser_setpoint", in_si(c.condenser_setpoint));
  p.range("cooling.condenser_setpoint_min", in_si(c.condenser_setpoint_min));
  p.range("cooling.condenser_setpoint_approach", in_si(c.condenser_setpoint_approach));
  p.range("cooling.tower_low_speed_flow", c.tower_low_speed_flow);
  p.range("cooling.tower_low_speed_power", c.tower_low_speed_power);
  if (c.condenser_water_pump_control == PumpControl::kConstant && c.cold_source.enabled())
    p.add("cooling.condenser_water_pump_control",
          "cooling.condenser_water_pump_control: constant condenser flow beside a cold source is "
          "not modelled (the seawater split is solved at the design range); use \"variable\"");
  // The fan law: a fan at a fraction of its air flow draws at least the cube of it.
  if (c.tower_fan_control == TowerFanControl::kTwoSpeed &&
      c.tower_low_speed_power < std::pow(c.tower_low_speed_flow, 3) * (1 - 1e-9))
    p.add("cooling.tower_low_speed_power",
          "cooling.tower_low_speed_power: below the fan law's cube of tower_low_speed_flow (" +
              std::to_string(std::pow(c.tower_low_speed_flow, 3)) + "), which no fan reaches");
  if (c.tower_fan_control != TowerFanControl::kFollowLoad) {
    // A set point is held by finding the fans' air flow in the YorkCalc correlation.
    if (c.heat_rejection != HeatRejection::kTower || c.tower_model != TowerModel::kYorkCalc)
      p.add("cooling.tower_fan_control",
            "cooling.tower_fan_control: a condenser set point needs cooling towers with "
            "tower_model = \"yorkcalc\" (the fans' air flow is found in its correlation); use "
            "\"follow_load\" otherwise");
    else if (c.cold_source.enabled())
      p.add("cooling.tower_fan_control",
            "cooling.tower_fan_control: set-point tower control beside a cold source is not "
            "modelled (the seawater and the towers would share the set point); use "
            "\"follow_load\"");
    if (c.condenser_setpoint_control == CondenserSetpoint::kWetBulb &&
        in_si(c.condenser_setpoint_min) > in_si(c.condenser_setpoint))
      p.add("cooling.condenser_setpoint",
            "cooling.condenser_setpoint: below cooling.condenser_setpoint_min; with the wet-bulb "
            "set point they are its upper and lower limits");
  }
  p.range("cooling.dry_cooler_approach", in_si(c.dry_cooler_approach));
  p.range("cooling.dry_cooler_fan_power_ratio", c.dry_cooler_fan_power_ratio);
  p.range("cooling.adiabatic_threshold", in_si(c.adiabatic_threshold));
  p.range("cooling.adiabatic_effectiveness", c.adiabatic_effectiveness);
  p.range("cooling.chiller_unit_capacity", in_si(c.chiller.unit));
  p.range("cooling.chiller_spares", c.chiller.spares);
  p.range("cooling.tower_cell_capacity", in_si(c.tower_cell.unit));
  p.range("cooling.tower_spares", c.tower_cell.spares);
  p.range("cooling.crah_unit_capacity", in_si(c.crah.unit));
  p.range("cooling.crah_spares", c.crah.spares);
  p.range("cooling.dx_unit_capacity", in_si(c.dx.unit));
  p.range("cooling.dx_spares", c.dx.spares);
  p.range("cooling.dx_cop", c.dx_cop);
  p.range("cooling.dx_room_dew_point", in_si(c.dx_room_dew_point));
  // One campus-wide key, copied into every hall: its range checked once.
  if (!site.halls.empty()) p.range("cooling.dx_supply_air", in_si(site.halls[0].dx_supply_air));
  // A DX hall's supply air must stay above the room's dew point: the coils are modelled dry.
  for (const HallSpec& h : site.halls)
    if (h.technology == CoolingTechnology::kDx &&
        in_si(c.dx_room_dew_point) >= in_si(h.dx_supply_air)) {
      p.add("cooling.dx_room_dew_point",
            "cooling.dx_room_dew_point: at or above cooling.dx_supply_air: the supply air would "
            "condense on the coils, whose latent load is not modelled (lower the dew point or "
            "raise the supply air)");
      break;
    }
  p.range("cooling.cdu_unit_capacity", in_si(c.cdu.unit));
  p.range("cooling.cdu_spares", c.cdu.spares);
  p.range("cooling.heat_reuse_fraction", c.heat_reuse_fraction);
  if (const ColdSourceSpec& cs = c.cold_source; cs.enabled()) {
    p.range("cooling.cold_source.flow", cs.flow_kg_s);
    p.range("cooling.cold_source.max_flow", cs.max_flow_kg_s);
    p.range("cooling.cold_source.hx_approach", in_si(cs.hx_approach));
    p.range("cooling.cold_source.max_discharge_rise", in_si(cs.max_discharge_rise));
    p.range("cooling.cold_source.pump_head", in_si(cs.pump_head));
    p.range("cooling.cold_source.distance", in_si(cs.distance));
    p.range("cooling.cold_source.pipe_velocity", cs.pipe_velocity_m_s);
    p.range("cooling.cold_source.pipe_roughness", in_si(cs.pipe_roughness));
    p.range("cooling.cold_source.pump_efficiency", cs.pump_efficiency);
    if (cs.kind == ColdSourceKind::kLngTerminal)
      p.range("cooling.cold_source.vaporizer_delta_t", in_si(cs.vaporizer_delta_t));
    // Seawater at 35 g/kg freezes at −1.9 °C (TEOS-10; UNESCO 1983 freezing-point formula):
    // a vaporizer cannot cool it below that, and an open-rack vaporizer is not run near it.
    double coldest = 1e300;
    for (double t : cs.seawater_c) coldest = std::min(coldest, t - in_si(cs.vaporizer_delta_t));
    if (!cs.seawater_c.empty() && coldest < -1.9) {
      char buf[320];
      std::snprintf(buf, sizeof buf,
                    "cooling.cold_source.vaporizer_delta_t: the sea (%s) less %.1f K leaves "
                    "seawater at %.1f °C, below its freezing point −1.9 °C",
                    cs.seawater_name.c_str(), in_si(cs.vaporizer_delta_t), coldest);
      p.add("cooling.cold_source.vaporizer_delta_t", buf);
    }
    if (c.heat_rejection == HeatRejection::kSeawater && c.chiller_type == ChillerType::kAirCooled)
      p.add("cooling.chiller_type",
            "cooling.chiller_type = \"air_cooled\": a seawater-only plant needs water-cooled "
            "chillers (their condensers on the seawater exchanger)");
  }

  for (std::size_t i = 0; i < site.halls.size(); ++i) {
    const HallSpec& h = site.halls[i];
    if (h.name.empty()) p.add(hk(i, "name"), hk(i, "name") + ": a hall needs a name");
    p.range(hk(i, "chilled_water_supply"), in_si(h.chilled_water_supply));
    p.range(hk(i, "chilled_water_delta_t"), in_si(h.chilled_water_delta_t));
    p.range(hk(i, "coil_approach"), in_si(h.coil_approach));
    p.range(hk(i, "air_delta_t"), in_si(h.air_delta_t));
    p.range(hk(i, "crah_fan_pressure"), in_si(h.crah_fan_pressure));
    p.range(hk(i, "crah_fan_efficiency"), h.crah_fan_efficiency);
    p.range(hk(i, "economizer_approach"), in_si(h.economizer_approach));
    p.range(hk(i, "facility_water_supply"), in_si(h.facility_water_supply));
    p.range(hk(i, "facility_water_delta_t"), in_si(h.facility_water_delta_t));
    p.range(hk(i, "cdu_pump_head"), in_si(h.cdu_pump_head));
    p.range(hk(i, "cdu_delta_t"), in_si(h.cdu_delta_t));
    p.range(hk(i, "two_phase_boiling_point"), in_si(h.two_phase_boiling_point));
    p.range(hk(i, "two_phase_condenser_approach"), in_si(h.two_phase_condenser_approach));
    p.range(hk(i, "air_economizer_max_dew_point"), in_si(h.air_economizer_max_dew_point));
    p.range(hk(i, "air_economizer_max_rh"), h.air_economizer_max_rh);
    if (h.air_economizer && h.technology != CoolingTechnology::kAir &&
        h.technology != CoolingTechnology::kDx)
      p.add(hk(i, "air_economizer"),
            hk(i, "air_economizer") +
                " = true: the air-side economizer is modelled for technology = \"air\" or \"dx\" only (hall "
                "\"" + h.name + "\" is \"" + technology_name(h.technology) + "\")");
    if (h.technology == CoolingTechnology::kImmersionTwoPhase) {
      // The vapour condenses only on a coil colder than its boiling point: facility-water
      // return + condenser approach must stay at or below it.
      const double ret_c = in_celsius(h.facility_water_supply) + in_si(h.facility_water_delta_t);
      const double need_c = ret_c + in_si(h.two_phase_condenser_approach);
      const double boil_c = in_celsius(h.two_phase_boiling_point);
      if (need_c > boil_c + 1e-9) {
        char buf[360];
        std::snprintf(buf, sizeof buf,
                      "%s: facility-water return %.1f °C + condenser approach %.1f K = %.1f °C is "
                      "above the fluid's boiling point %.1f °C; the vapour would not condense "
                      "(lower the supply or raise the boiling point)",
                      hk(i, "facility_water_supply").c_str(), ret_c,
                      in_si(h.two_phase_condenser_approach), need_c, boil_c);
        p.add(hk(i, "facility_water_supply"), buf);
      }
    }
  }
}

}  // namespace detail
}  // namespace dcload
