#pragma once
/// \file interconnect.hpp
/// What a grid-connection application asks of a campus: the large-load data pack (peak MW and
/// MVA, power factor, ramps, dynamic range, swing band share, backup generation and storage,
/// flexibility offered, the energization schedule; `dcload datapack`) and a pre-screen against
/// Korea's grid impact assessment (전력계통영향평가, Distributed Energy Activation Act, for new
/// loads of 10 MW or more; `dcload kgia`).
///
/// The assessment's items and points are those of the Ministry's draft operating rules
/// (「전력계통영향평가 제도 운영에 관한 규정」 제정(안), administrative notice 2024), as
/// summarised by l5ene.co.kr (M): technical — system margin 15, overload increase 10,
/// difficulty of securing margin 20, voltage maintainable (pass/fail), self-generation operating
/// plan 10, efficiency plan 5, land for grid reinforcement +5, voltage request −15;
/// non-technical — business stability 5, local fiscal contribution 5, value added 5, direct
/// jobs 5, regional programmes +5, special-law programmes +5; policy — power self-sufficiency
/// (전력자립도) 10, policy fit 10, demand dispersion −15 … +15. A file passes to the
/// Electricity Policy Council with the voltage maintainable and ≥ 70 points. How points are
/// awarded within an item is not published: dcload gives the quantities it can compute and, for
/// three items, an indicative reading marked as an assumption (L). Everything that rests on
/// KEPCO's network state (margin, overload, voltage) or on business data cannot be known here.

#include <array>
#include <limits>
#include <string>
#include <vector>

#include "dcload/run.hpp"
#include "dcload/site.hpp"

namespace dcload {

/// One item of the grid impact assessment.
struct KgiaItem {
  std::string item;        ///< Korean name as in the draft rules, e.g. "전력자립도"
  std::string item_en;     ///< English, e.g. "power self-sufficiency"
  std::string group;       ///< "technical", "non-technical", "policy"
  double max_points = 0;   ///< the item's points (negative: a deduction); 0 for pass/fail
  std::string quantity;    ///< what dcload computed for it ("" when it cannot)
  /// An indicative reading of the points (NaN: not estimable here) and how it is read.
  double indicative_points = std::numeric_limits<double>::quiet_NaN();
  std::string reading;     ///< the rule assumed, or why it cannot be estimated
  std::string confidence;  ///< of the weight: "M" (consultancy summary of the draft rules)
};

/// One build-out year of the energization schedule.
struct EnergizationStep {
  int year = 0;
  std::int64_t gpu_count = 0;
  Power peak_facility;
  Power grid_capacity;
};

struct InterconnectionPack {
  std::string site;
  std::string region;             ///< "capital" or "non_capital"
  bool region_from_weather = false;  ///< grid.region = "auto": taken from the weather station
  // ---- demand ----
  Power peak_facility;
  ApparentPower peak_apparent;
  double power_factor = 0;
  Power contracted_demand;        ///< grid.contracted_demand (0: not set)
  Power grid_capacity, grid_capacity_n1;
  double load_factor = 0;         ///< mean / peak facility demand
  double pue = 0;
  Energy facility_energy;
  std::array<Energy, 12> monthly_energy{};
  std::array<Power, 24> mean_day{};  ///< mean facility demand by hour of the day
  Power max_ramp_per_s, max_ramp_per_min, dynamic_range;
  double swing_band_share = 0;    ///< NaN unless steps ≤ 0.1 s
  Duration timestep;
  // ---- on-site supply and backup ----
  Power onsite_capacity;          ///< LNG + solar + wind as listed in [[supply]]
  Power onsite_firm;              ///< of that, dispatchable (LNG)
  Energy onsite_energy;           ///< on-site generation delivered to the campus
  double self_sufficiency = 0;    ///< 전력자립도: onsite_energy / facility energy
  Power battery_power;
  Energy battery_energy;
  int generators = 0;
  Power backup_generation;        ///< standby sets × rating
  // ---- flexibility offered ([flex]) ----
  double flex_share = 0;
  Power flex_power;               ///< flex_share × peak IT power
  Duration flex_duration;
  int flex_events = 0;
  // ---- schedule and the pre-screen ----
  std::vector<EnergizationStep> schedule;
  std::vector<KgiaItem> items;
  double indicative_points = 0;   ///< sum of the items with an indicative reading
  double indicative_max = 0;      ///< their points available
  std::string status;             ///< the run's status ("ok", "over_capacity", ...)
  std::vector<std::string> notes;
};

/// The pack of one site: a run (at options.timestep; hourly by default) and what it implies.
InterconnectionPack interconnection_pack(const Site& site, const RunOptions& options = {});

/// JSON: an array of packs (every field above, the items with their readings).
std::string to_json(const std::vector<InterconnectionPack>& packs);
/// CSV of the data pack: one row per site, the JSON's scalar keys as columns (same names and
/// units), then energy_jan_mwh … energy_dec_mwh and mean_demand_h00_mw … mean_demand_h23_mw.
std::string datapack_csv(const std::vector<InterconnectionPack>& packs);
/// CSV of the pre-screen: one row per site and assessment item (points, quantity, indicative
/// reading, confidence of the weight).
std::string kgia_csv(const std::vector<InterconnectionPack>& packs);
/// `dcload datapack`: the large-load data pack, one column per site.
std::string datapack_report(const std::vector<InterconnectionPack>& packs);
/// `dcload kgia`: the pre-screen, one column per site.
std::string kgia_report(const std::vector<InterconnectionPack>& packs);

}  // namespace dcload
