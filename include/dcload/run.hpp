#pragma once
/// \file run.hpp
/// Running a site: weather → it → electrical → cooling → grid → supply → metrics.
///
/// Example:
/// \code
///   dcload::Site site = dcload::load_site("configs/ulsan.toml");
///   dcload::RunResult r = dcload::run(site, {.timestep = dcload::minutes(15.0)});
///   std::cout << r.brief() << '\n';
///   double pue = r.summary.pue_annual;
///   std::span<const double> it_w = r.channel("it_power");   // W, one value per step
/// \endcode

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dcload/site.hpp"
#include "dcload/units.hpp"
#include "dcload/weather.hpp"

namespace dcload {

/// Options of one run. Defaulted fields; `validate()` lists readable problems.
struct RunOptions {
  Duration timestep = hours(1.0);  ///< must divide one hour (e.g. 15 min, 1 min, 1 s)
  std::string weather_override;    ///< replaces Site::weather when not empty

  /// Problems with these options, empty when valid.
  std::vector<std::string> validate() const;
};

/// Outcome of a run in physical terms. Never an exception: an undersized connection is a
/// result a planner needs to see, not an error.
struct RunStatus {
  enum class Code {
    kOk,                ///< everything within limits
    kOverCapacity,      ///< facility demand exceeded the grid connection in some steps
  };
  Code code = Code::kOk;
  std::vector<std::string> messages;  ///< one sentence per finding, e.g. "demand exceeded ..."
  bool ok() const { return code == Code::kOk; }
  /// "ok", "over_capacity".
  std::string_view name() const;
};

/// Typed results of a run. Energies over the simulated period (a typical year unless a window
/// was run); JSON keys and display units are listed in README ("Summary keys").
struct Summary {
  std::string site;
  std::string weather_source;
  std::size_t steps = 0;
  Duration timestep = hours(1.0);

  Energy it_energy;
  Energy cooling_energy;
  Energy electrical_loss;        ///< UPS + distribution + transformers
  Energy ups_loss;
  Energy distribution_loss;
  Energy transformer_loss;
  Energy aux_energy;             ///< lighting and offices
  Energy facility_energy;        ///< at the point of interconnection
  double pue_annual = 0;
  std::array<double, 12> pue_monthly{};
  std::array<Energy, 12> facility_energy_monthly{};
  std::array<Energy, 12> it_energy_monthly{};

  Power design_it_power;         ///< all clusters at full utilization
  Power peak_it;
  Power peak_facility;
  std::string peak_facility_time;  ///< "MM-DD HH:MM" local standard time, start of the step
  Temperature peak_facility_dry_bulb;
  Temperature peak_facility_wet_bulb;
  Power peak_cooling;

  Power grid_capacity;           ///< connection MVA × power factor
  ApparentPower grid_connection;
  Power min_grid_headroom;
  std::string min_grid_headroom_time;
  double hours_over_capacity = 0;

  double free_cooling_hours = 0;
  double partial_cooling_hours = 0;
  double mechanical_cooling_hours = 0;
  Power chiller_capacity;        ///< installed (N + spares), sized to chiller_design_load
  Power chiller_design_load;     ///< the largest chiller load of the run
  Volume water;                  ///< tower evaporation + drift + blowdown
  double wue_l_per_kwh = 0;      ///< litres per kWh of IT energy

  Mass co2;
  double energy_cost_usd = 0;

  RunStatus status;
};

/// One named time series, SI values, one per step.
struct Channel {
  std::string name;           ///< e.g. "it_power"
  std::string unit;           ///< SI unit of `values`, e.g. "W", "°C", "kg/s"
  std::string display_unit;   ///< unit used in CSV/JSON, e.g. "MW"
  double display_scale = 1;   ///< display = values · display_scale + display_offset
  double display_offset = 0;
  std::vector<double> values;
};

/// Everything a run produced.
struct RunResult {
  RunStatus status;
  Summary summary;
  std::vector<Channel> channels;

  /// Values of a channel by name; throws std::out_of_range for an unknown name.
  std::span<const double> channel(std::string_view name) const;
  /// One line: site, PUE, energy, peak, headroom, status.
  std::string brief() const;
  /// The table the CLI prints.
  std::string full() const;
};

/// Run a site over its weather year. Loads the weather (Site::weather or
/// options.weather_override, relative to the site file). Throws ConfigError for bad input (bad
/// options, unreadable weather); physical shortfalls are reported in RunResult::status.
RunResult run(const Site& site, const RunOptions& options = {});

/// Run with weather already loaded (hourly or already at options.timestep).
RunResult run(const Site& site, const Weather& weather, const RunOptions& options = {});

/// The Summary as JSON (stable snake_case keys with unit suffixes, see README).
std::string to_json(const Summary& summary);

/// Write summary.json and timeseries.csv into `dir` (created if needed), each through a
/// temporary name and a rename so an interrupted run never leaves a half-written file.
void write_outputs(const RunResult& result, const std::filesystem::path& dir);

/// Keys of the Summary JSON with unit and meaning, in output order (drives README).
struct SummaryKey {
  std::string_view key;
  std::string_view unit;
  std::string_view meaning;
};
const std::vector<SummaryKey>& summary_keys();

}  // namespace dcload
