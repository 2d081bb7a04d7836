#pragma once
/// \file resilience.hpp
/// Outage survival: the probability that on-site backup (standby generators, storage) carries
/// the critical load through a grid outage of a given length, for every start hour of the year —
/// the "backup reliability" method of NREL's REopt (a Markov chain over working generator units
/// jointly with the storage state of charge).
///
/// The calculation takes plain data (no Site), in SI units, one step per hour.
///
/// Example:
/// \code
///   dcload::OutageInputs in;
///   in.critical_load_w.assign(8760, 80e6);                       // 80 MW, flat
///   in.units.push_back({.name = "generators", .count = 30, .unit_w = 3e6,
///                       .fail_to_start = dcload::kReoptGeneratorFailToStart,
///                       .fail_to_run_per_h = dcload::kReoptGeneratorFailToRunPerHour,
///                       .fuel_hours = 48});
///   in.storage.push_back({.name = "bess", .energy_j = 4 * 3.6e9 * 20, .power_w = 20e6});
///   dcload::OutageSurvival s = dcload::outage_survival(in);
///   // s.mean[i]: chance of riding through s.durations_h[i] hours, averaged over start hours;
///   // s.minimum[i] at start hour s.worst_start[i].
/// \endcode
///
/// Method (after REopt.jl, NatLabRockies/REopt.jl@896abfa66108dfe19e058bbe6864cde6700b67d9:
/// src/outagesim/backup_reliability.jl — functions starting_probabilities, markov_matrix,
/// survival_with_battery, battery_bin_shift, fuel_use, return_backup_reliability):
///  - the state is the number of working units of each BackupUnit kind (the full joint state,
///    ∏(count + 1) states) and the storage state of charge in `storage_bins` equal bins;
///  - at the outage's start each unit starts with probability 1 − fail_to_start (binomial);
///  - in each hour of the outage every running unit fails with probability fail_to_run_per_h
///    (failures are not repaired), then the hour is checked with the units still working: the
///    load is met by the units (up to Σ working · unit_w) and the shortfall by storage
///    (limited by its power and by the energy in its bin); a state that cannot meet the hour's
///    load is lost. Spare unit capacity recharges storage (up to its power). So one unit under
///    a constant load it can carry survives d hours with probability
///    (1 − fail_to_start) · (1 − fail_to_run_per_h)^d;
///  - survival(d) = probability that no hour 1..d was lost, times the fuel check below.
///
/// Simplifications, each stated where it matters:
///  - storage: all StorageUnits act as one equivalent store (energies and powers added; exact
///    for one store, or for stores of equal duration and efficiency); state-of-charge moves are
///    rounded to whole bins conservatively (discharge up, charge and the starting charge down),
///    so the result never credits storage with more energy than it has (REopt rounds to
///    nearest);
///  - fuel (as REopt's fuel_use, a separate check multiplied in): with every unit working,
///    dispatch the load hour by hour — the kinds share it in proportion to their capacity,
///    fuel burn proportional to electric output (no idle burn), a kind's tank holds
///    count · unit_w · fuel_hours of electric energy (shared by its units), storage covers the
///    rest and recharges from spare capacity, burning fuel for it (REopt's fuel_use recharges
///    from PV only) — and the outage is lost from the first hour this cannot meet. Units that
///    fail burn no more fuel, so fuel runs out no sooner in the chain's states than here;
///  - transition probabilities below 1e-18 are dropped (at most ~1e-15 of probability per
///    hour; survival is then a hair low, never high).
///
/// Cost: per start hour and outage hour, about ∏(count_k + 1) · storage_bins · Σ band_k
/// multiply-adds, band_k ≤ count_k + 1 being the number of unit failures in one hour with
/// probability above 1e-18 (8 for 20 units at REopt's 1/1100 per hour); only the bins that
/// hold probability are visited. The joint state of several kinds grows as a product: two
/// kinds of 20 and 10 units have 231 states. More than 2·10⁷ states (times bins) is refused.

#include <limits>
#include <string>
#include <vector>

#include "dcload/run.hpp"
#include "dcload/site.hpp"

namespace dcload {

/// REopt's default chance that a standby generator fails to start and take load when an outage
/// begins (probability, per unit, per outage). Source: REopt.jl
/// src/outagesim/backup_reliability.jl, backup_reliability_single_run(),
/// `generator_failure_to_start = [0.0094]`.
inline constexpr double kReoptGeneratorFailToStart = 0.0094;
/// REopt's default generator mean time to failure while running, 1100 time steps (hours at
/// hourly steps); same source, `generator_mean_time_to_failure = [1100]`.
inline constexpr double kReoptGeneratorMeanTimeToFailureH = 1100;
/// REopt's default failure-to-run probability, per running unit per hour (1/h): REopt uses
/// 1 / generator_mean_time_to_failure (markov_matrix(num_generators, 1 ./ mttf)).
inline constexpr double kReoptGeneratorFailToRunPerHour = 1.0 / kReoptGeneratorMeanTimeToFailureH;
/// REopt's default generator operational availability (fraction of the year not down for
/// maintenance, dimensionless); same source, `generator_operational_availability = [0.995]`.
/// REopt folds it into the start: a unit is unavailable at the start with probability
/// (1 − a) + a · fail_to_start (starting_probabilities()); to match REopt's defaults set
/// BackupUnit::fail_to_start = kReoptGeneratorStartUnavailability.
inline constexpr double kReoptGeneratorOperationalAvailability = 0.995;
/// (1 − 0.995) + 0.995 · 0.0094 = 0.014353: REopt's default chance a unit is not running at the
/// outage's start (maintenance or failure to start; probability).
inline constexpr double kReoptGeneratorStartUnavailability =
    (1 - kReoptGeneratorOperationalAvailability) +
    kReoptGeneratorOperationalAvailability * kReoptGeneratorFailToStart;
/// REopt's default longest outage modeled, hours; same source, `max_outage_duration = 96`.
inline constexpr double kReoptMaxOutageHours = 96;
/// REopt's default battery charge and (each) discharge efficiency (dimensionless); same source,
/// `battery_charge_efficiency = 0.948`, `battery_discharge_efficiency = 0.948`.
inline constexpr double kReoptBatteryEfficiency = 0.948;

/// REopt's default chance that the battery is available when an outage begins (probability);
/// same source, return_backup_reliability(), `battery_operational_availability = 0.97`.
inline constexpr double kReoptBatteryAvailability = 0.97;
/// REopt's default chance that PV is available when an outage begins; same source,
/// `pv_operational_availability = 0.98`.
inline constexpr double kReoptPvAvailability = 0.98;
/// REopt's default chance that wind is available when an outage begins; same source,
/// `wind_operational_availability = 0.97`.
inline constexpr double kReoptWindAvailability = 0.97;

/// One kind of dispatchable backup: diesel standby gensets, an LNG plant's units.
struct BackupUnit {
  std::string name;               ///< e.g. "generators" (for messages)
  int count = 0;                  ///< units installed (≥ 0)
  double unit_w = 0;              ///< electric output of one unit, W (≥ 0)
  double fail_to_start = 0;       ///< probability a unit fails to start at the outage's beginning (0..1)
  double fail_to_run_per_h = 0;   ///< probability per hour that a running unit fails, not repaired during the outage (0..1)
  /// Hours of full-load running the fuel on site allows each unit (≥ 0); the kind's tank is
  /// shared: count · unit_w · fuel_hours of electric energy. Infinity: piped fuel.
  double fuel_hours = std::numeric_limits<double>::infinity();
};

/// UPS batteries or a site BESS, discharged in an outage. Several are combined into one
/// equivalent store (see the file comment).
struct StorageUnit {
  std::string name;              ///< e.g. "ups" (for messages)
  double energy_j = 0;           ///< usable energy stored when full, J (≥ 0)
  double power_w = 0;            ///< discharge (and recharge) power limit, W (≥ 0)
  double efficiency = 1;         ///< discharge efficiency: delivered / drawn from store (0..1]
  /// Recharge efficiency from spare unit capacity during the outage: stored / taken (0..1);
  /// 0 disables recharging.
  double charge_efficiency = 1;
  /// State of charge at the start of the outage as a fraction of energy_j (0..1), one value per
  /// start hour (the length of OutageInputs::critical_load_w); empty: full at every start.
  std::vector<double> soc_at_start;
};

/// Inputs of outage_survival().
struct OutageInputs {
  /// Load to carry, W, one value per hour (normally the 8760 hours of the typical year);
  /// circular: an outage starting late in December wraps to January.
  std::vector<double> critical_load_w;
  std::vector<BackupUnit> units;
  std::vector<StorageUnit> storage;
  /// Outage lengths to report, whole hours ≥ 1 (any order).
  std::vector<double> durations_h = {1, 2, 4, 8, 12, 24, 48, 72, 96};
  /// Bins of the storage state of charge, zero included (≥ 2); 0: REopt's rule, 20 per hour
  /// of storage duration (energy / power), plus the empty bin, at least 2 and at most 4001.
  int storage_bins = 0;
  /// Start hours evaluated: every `start_every`-th hour of the profile from hour 0 (≥ 1; 1:
  /// all). The others are NaN in OutageSurvival::by_start and left out of mean and minimum
  /// (a cheaper estimate for searches).
  int start_every = 1;
};

/// Result of outage_survival(), one value per duration, in the order of OutageInputs::durations_h.
struct OutageSurvival {
  std::vector<double> durations_h;   ///< as given, h
  std::vector<double> mean;          ///< survival probability averaged over every start hour
  std::vector<double> minimum;       ///< the worst start hour's survival probability
  std::vector<int> worst_start;      ///< that start hour (0-based hour of the profile; the first if tied)
  /// Survival per duration (outer, as durations_h) and start hour (inner, as the load profile).
  std::vector<std::vector<double>> by_start;
  int storage_bins = 1;              ///< state-of-charge bins used (1: no storage)
  long long states = 0;              ///< joint unit states, ∏(count + 1)
};

/// Outage survival for every start hour of the load profile (the method and its
/// simplifications are in the file comment). Throws ConfigError (key such as
/// `units[0].fail_to_start`, `critical_load_w[17]`, `durations_h[2]`) for bad input: negative
/// counts or powers, probabilities outside 0..1, NaN or negative load, a state of charge
/// series of the wrong length, a duration that is not a whole number of hours ≥ 1.
OutageSurvival outage_survival(const OutageInputs& in);

/// Survival weighted over cases (e.g. the battery available at the outage's start or not):
/// per start hour Σ weight · survival, then the mean and the worst start hour of that. Every
/// case must have the same durations and start hours; weights are normalised to their sum.
OutageSurvival mix_survival(const std::vector<std::pair<double, OutageSurvival>>& cases);

/// A site's outage survival (`dcload outage`): its standby generator sets as built (count and
/// rating from the sized plant, [auxiliary] fuel, fail-to-start and MTTF), its lng_ccgt units
/// with supply.islanding, and its [[supply]] battery (state of charge of each hour from the
/// site's own run) carrying the critical load of each hour — the facility demand of the
/// campus with only its critical clusters (cluster.critical: IT and the cooling and losses it
/// needs) less the output of islanding solar and wind — through outages of 1 … 96 h.
/// Availability at the outage's start as REopt: battery 0.97, PV 0.98, wind 0.97 (the
/// renewables taken together: all available, or the case without any, a lower bound).
struct SiteOutage {
  std::string site;
  OutageSurvival survival;
  int generators = 0;               ///< sets installed
  Power generator_rating;
  Duration generator_fuel;
  double fail_to_start = 0, fail_to_run_per_h = 0;
  Energy storage_energy;            ///< the battery counted (0: none)
  Power storage_power;
  Power peak_critical_load, mean_critical_load;  ///< before islanding solar and wind
  std::vector<std::string> critical_clusters;    ///< carried (cluster.critical)
  std::vector<std::string> shed_clusters;        ///< shed when the grid goes
  int lng_units = 0;                ///< islanding lng_ccgt units counted (0: none)
  Power lng_unit_rating;
  double lng_fail_to_start = 0, lng_fail_to_run_per_h = 0;
  std::vector<std::string> islanding_renewables;  ///< solar and wind counted
  Energy renewable_energy_offset;   ///< their output over the year that lowers the load
  /// Survival with every unit and store available at the start (the chain before the
  /// availability weighting), for comparison with `survival`.
  std::vector<double> mean_all_available;
  double target = 0;                ///< [resilience] target (mean over start hours)
  double target_hours = 0;
  double survival_at_target = 0;    ///< mean survival of target_hours with the sets installed
  bool target_met = false;
  /// Sets of that rating that reach the target with fuel that never runs out (0: the islanding
  /// LNG units and storage alone reach it; −1: not within 3× the installed count).
  int generators_for_target = -1;
  /// Fuel on site, hours of all installed sets at full load, that reaches the target (0: none
  /// does — the sets' failures alone miss it, or more than 4 × the target's hours).
  double fuel_hours_for_target = 0;
  std::vector<std::string> notes;   ///< what is and is not counted
};
/// Throws ConfigError for bad input (the site's, or an outage state space too large).
SiteOutage site_outage(const Site& site, const RunOptions& options = {});
std::string to_json(const SiteOutage& outage);
std::string outage_report(const SiteOutage& outage);
/// CSV of the survival per start hour (rows, `start_hour` 0-based) and outage length (columns
/// `survival_1h`, `survival_2h`, …), shortest round-trip numbers (`dcload outage --out`).
std::string survival_csv(const SiteOutage& outage);

}  // namespace dcload
