#pragma once
// The cold source ([cooling.cold_source]): seawater from an LNG terminal's open-rack vaporizers
// or from a plain intake, used before the plant's heat rejection. Its inputs per step (flow,
// sea temperature) and its two physical parts (the heat a flow can take within the discharge
// limit, and the seawater pumps), each testable alone; engine/cooling/cooling.cpp puts it in the
// plant. Design notes: engine/cooling/README.md, "Cold source".
#include <string>
#include <vector>

#include "dcload/site.hpp"

namespace dcload::detail {

// Seawater at 34–35 g/kg and 5–25 °C: c_p = 3,995 J/(kg·K), ρ = 1,025 kg/m³ (Sharqawy,
// Lienhard & Zubair, "Thermophysical properties of seawater", Desalination and Water Treatment
// 16 (2010) 354–380, doi:10.5004/dwt.2010.1079: c_p 3,993–4,006 and ρ 1,022.8–1,027.6 over that
// range, so either constant is within 0.3 %).
inline constexpr double kSeawaterCp = 3995.0;
inline constexpr double kSeawaterRho = 1025.0;

/// A built-in table by name ("builtin:ulsan" sea temperatures, "builtin:kogas_power_sales_2018"
/// flow shares), 12 monthly values; empty when there is no such table.
std::vector<double> builtin_seawater_c(const std::string& name);
std::vector<double> builtin_flow_profile(const std::string& name);

/// Value of a profile at `t_s` seconds after 1 January 00:00: 8,760 values = hour of the year,
/// 24 = hour of the day, 12 = calendar month (`interpolate`: linear between mid-months of the
/// 365-day year, wrapping December to January; else the month's value); empty → `empty_value`.
double profile_at(const std::vector<double>& v, double t_s, bool interpolate, double empty_value);

/// The cold source at one step.
struct ColdStep {
  double sea_c = 0;            ///< the sea (before any vaporizer)
  double intake_c = 0;         ///< seawater reaching the campus (the sea − vaporizer cooling)
  double leaving_c = 0;        ///< condenser water leaving the seawater exchanger (intake + approach)
  double flow_kg_s = 0;        ///< seawater the campus may take this step
  double limit_k = 0;          ///< warming the permit allows: the sea + rise − pump heat − intake
  double warming_k = 0;        ///< largest warming through the exchanger (limit and the campus side)
  double capacity_w = 0;       ///< flow × c_p × warming: the most heat it can take
};

/// The cold source at time `t_s`: the flow (profile share of the flow, at most the contract),
/// the intake and leaving temperatures, the permit's limit, and with the campus water cooling by
/// `campus_dt_k` through the exchanger (return − leaving) the warming allowed, min(limit,
/// campus_dt_k): a counterflow exchanger whose campus side leaves at intake + approach cannot
/// warm the seawater past the campus water entering it less the approach, i.e. by more than
/// campus_dt_k. Never negative. `pump_heat_k`: seawater_pump_heat_k at design flow when already
/// known (else computed).
ColdStep cold_step(const ColdSourceSpec& s, double t_s, double campus_dt_k, double pump_heat_k = -1);
/// The warming and capacity of `c` when the campus water cools by `campus_dt_k`.
void cold_capacity(ColdStep& c, double campus_dt_k);


/// Design (maximum) seawater flow the pipes and pumps are sized for, kg/s.
double cold_design_flow_kg_s(const ColdSourceSpec& s);

// Seawater dynamic viscosity at 20 °C and 35 g/kg, 1.08e-3 Pa·s (Sharqawy et al. 2010, Table
// of μ_sw; 1.02 mPa·s for pure water at 20 °C + 5–6 % for salinity).
inline constexpr double kSeawaterMu = 1.08e-3;

/// The pipes between the source and the campus, sized at the design flow: diameter from
/// pipe_velocity, D = √(4V/(πv)); Reynolds number ρvD/μ; Darcy friction factor by Swamee &
/// Jain (J. Hydraulics Div. ASCE 102 (1976) 657), f = 0.25 / log10(ε/(3.7D) + 5.74/Re^0.9)²;
/// gradient f/D · ρv²/2, Pa per m.
struct SeawaterPipe {
  double diameter_m = 0, reynolds = 0, friction_factor = 0, gradient_pa_per_m = 0;
};
SeawaterPipe seawater_pipe(const ColdSourceSpec& s);

/// Seawater pump electric power, W, moving `m_kg_s`: P = (ṁ/ρ)·(Δp_static + Δp_friction)/η,
/// with Δp_friction = 2 · distance · gradient · (ṁ/ṁ_design)² (supply and return pipes;
/// friction ∝ velocity² in turbulent flow, the friction factor held at its design value).
double seawater_pump_power_w(const ColdSourceSpec& s, double m_kg_s);
/// The same with the pipe computed once (per run).
double seawater_pump_power_w(const ColdSourceSpec& s, const SeawaterPipe& pipe, double m_kg_s);

/// Temperature rise of the seawater from the pump's work, K: P/(ṁ c_p) (all shaft work ends
/// as heat in the water); at design flow it is reserved out of the discharge limit.
double seawater_pump_heat_k(const ColdSourceSpec& s, double m_kg_s);

}  // namespace dcload::detail
