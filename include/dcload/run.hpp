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
#include <functional>
#include <optional>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "dcload/site.hpp"
#include "dcload/units.hpp"
#include "dcload/weather.hpp"

namespace dcload {

/// One named time series, SI values, one per step.
struct Channel {
  std::string name;           ///< e.g. "it_power"
  std::string unit;           ///< SI unit of `values`, e.g. "W", "°C", "kg/s"
  std::string display_unit;   ///< unit used in CSV/JSON, e.g. "MW"
  double display_scale = 1;   ///< display = values · display_scale + display_offset
  double display_offset = 0;
  std::vector<double> values;
};

/// Receives a run's kept channels block by block as the run produces them (e.g. a CSV writer
/// streaming a 1-second year to disk): begin() once, block() for each block of steps in order,
/// end() once. The spans are valid only during the call.
/// The calendar year runs of sites without a build-out are stamped with: 2029, a non-leap year
/// whose 1 January is a Monday, as the engine's day-of-week patterns assume (day 0 = Monday).
inline constexpr int kReferenceYear = 2029;

class ChannelSink {
 public:
  virtual ~ChannelSink() = default;
  /// Called once before begin(): the calendar year and the UTC offset (hours) of the steps'
  /// local standard time, for sinks that write time stamps (the default ignores them).
  virtual void calendar(int /*year*/, double /*utc_offset_h*/) {}
  /// Names, SI units and display conversion of the channels, in the order of block()'s values.
  virtual void begin(const std::vector<Channel>& layout, std::size_t total_steps,
                     double timestep_s, double start_s) = 0;
  /// Steps [first, first + values[i].size()) of every channel.
  virtual void block(std::size_t first, const std::vector<std::span<const double>>& values) = 0;
  virtual void end() = 0;
};

namespace detail {
struct RunStorage;
struct WorkspaceAccess;
}  // namespace detail

/// Working storage of runs: the series every stage writes, kept from one run to the next. A
/// host that runs many scenarios in one process (a sweep, a capacity search) passes the same
/// Workspace to each run (RunOptions::workspace), so that after the first run the stages
/// allocate nothing and the kernel faults in no fresh pages (that was over half of an hourly
/// run). It grows to the largest block run in it — an hourly year, or a day of finer steps:
/// some 37 series, ≈ 2.6 MB for configs/ulsan.toml hourly — and keeps that until destroyed.
/// Results do not depend on it (the same bits with or without). The channels a run keeps are
/// the result's own (RunResult::channels), not the workspace's. One run at a time: give each
/// thread its own.
///
/// \code
///   dcload::Workspace ws;
///   for (const dcload::Site& s : sites)
///     results.push_back(dcload::run(s, weather, {.channels = {"none"}, .workspace = &ws}));
/// \endcode
class Workspace {
 public:
  Workspace();
  ~Workspace();
  Workspace(Workspace&&) noexcept;
  Workspace& operator=(Workspace&&) noexcept;
  Workspace(const Workspace&) = delete;
  Workspace& operator=(const Workspace&) = delete;

 private:
  friend struct detail::WorkspaceAccess;
  std::unique_ptr<detail::RunStorage> storage_;
};

/// Options of one run. Defaulted fields; `validate()` lists readable problems.
struct RunOptions {
  Duration timestep = hours(1.0);  ///< must divide one hour (e.g. 15 min, 1 min, 1 s)
  std::string weather_override;    ///< replaces Site::weather when not empty
  /// Window runs: simulate only [start, start + duration) of the typical year, e.g.
  /// `{.timestep = seconds(1.0), .start = hours(24.0 * 195 + 14), .duration = minutes(10.0)}`
  /// for 07-15 14:00–14:10 at 1 s. start counts from 1 January 00:00 local standard time;
  /// duration 0 runs the whole year. Both must be whole multiples of the timestep. The plant is
  /// sized as for the whole year (its design basis), so a window's hours equal the year's.
  Duration start = seconds(0.0);
  Duration duration = seconds(0.0);
  /// Channels to keep in RunResult::channels by name (e.g. {"it_power", "facility_power"});
  /// empty keeps all; {"none"} keeps none (a summary-only run, memory independent of the
  /// number of steps). An unknown name is a ConfigError listing the channels.
  std::vector<std::string> channels;
  /// Also (or instead) stream the kept channels, block by block, to this sink.
  ChannelSink* sink = nullptr;
  /// Keep channels in RunResult::channels (false: only stream them to `sink`).
  bool keep_in_memory = true;
  /// Memory the run may use for the channels it keeps, bytes (0: the machine's available memory
  /// at the start of the run). A run that would need more is refused before it starts, with
  /// the estimate (ConfigError).
  std::size_t memory_limit_bytes = 0;
  /// Called after each block with the share of steps done (0..1], e.g. for a progress bar.
  std::function<void(double)> progress;
  /// Storage to run in, reused across runs (see Workspace); null: the run allocates its own and
  /// frees it when it ends. Not used by two runs at the same time.
  Workspace* workspace = nullptr;

  /// Problems with these options, empty when valid.
  std::vector<std::string> validate() const;
};

/// A local standard time of the typical year, "MM-DD HH:MM" or "MM-DD HH:MM:SS", as the time
/// after 1 January 00:00 (e.g. "07-15 14:00" → 195 days 14 h), for RunOptions::start. Throws
/// ConfigError (key "start") for any other text or an impossible date.
Duration parse_year_time(std::string_view text);

/// Outcome of a run in physical terms. Never an exception: an undersized connection is a
/// result a planner needs to see, not an error.
struct RunStatus {
  enum class Code {
    kOk,                ///< everything within limits
    kOverCapacity,      ///< facility demand exceeded the grid connection in some steps
    kNotConverged,      ///< the UPS–cooling loop did not converge, or a result was not finite (a
                        ///< model limit; see messages)
    kCoolingShortfall,  ///< the chiller load exceeded the installed chiller plant in some steps
    kUnserved,          ///< the supply (on-site sources + grid import limit) left demand unserved
    kN1Exceeded,        ///< demand exceeded the connection's N-1 capacity (a circuit or
                        ///< transformer out) in some steps, though not the normal capacity
  };
  Code code = Code::kOk;
  std::vector<std::string> messages;  ///< one sentence per finding, e.g. "demand exceeded ..."
  bool ok() const { return code == Code::kOk; }
  /// "ok", "over_capacity", "not_converged", "cooling_shortfall", "unserved", "n1_exceeded".
  std::string_view name() const;
};

/// One year of a phased build-out (Site::phases): the campus as built by the end of `year`,
/// run over the whole weather year. Other stages may append fields (grid headroom, ...).
struct BuildoutYear {
  int year = 0;
  std::int64_t gpu_count = 0;
  Power peak_it;
  Power peak_facility;
  Energy it_energy;
  Energy facility_energy;
  double pue = 0;
  Power grid_capacity;        ///< capacity of the connection in force on 1 January of the year
  Power min_grid_headroom;    ///< grid_capacity − peak facility demand of that year
  Power grid_capacity_n1;     ///< the same connection with its largest circuit or transformer out
  Power min_grid_headroom_n1; ///< grid_capacity_n1 − peak demand on the grid of that year
  bool n1_exceeded = false;   ///< that year's demand exceeded the N-1 capacity (and N-1 applies)
  // Supply of that year (energies as the it/facility energies above): CO2, cost, CFE, unserved.
  Mass co2;
  double supply_cost_usd = 0;
  double cfe_share = 0;
  Energy unserved;
};

/// One [[supply]] source over the run (engine/supply/README.md). Money in USD over the
/// simulated period (capital annualized by the capital recovery factor).
struct SupplyResult {
  std::string name;
  std::string type;            ///< "grid", "lng_ccgt", "solar", "wind", "battery"
  Power capacity;              ///< grid: import limit; lng: all units; solar: DC; battery: power
  Energy energy;               ///< delivered to the campus (renewables: to the load or battery)
  Energy charged;              ///< renewables: the part of `energy` that charged the battery
  Energy available;            ///< renewables: possible output; lng: generated (incl. spilled)
  Energy curtailed;            ///< renewables: surplus not stored; lng: spilled at minimum load
  double capacity_factor = 0;  ///< available (lng, renewables) or delivered / (capacity × period)
  Energy battery_energy;       ///< battery: energy capacity (as given or sized)
  Energy fuel;                 ///< lng: fuel burnt (LHV)
  Mass co2;
  Volume water;                ///< lng: water consumed
  double capital_usd = 0, fixed_om_usd = 0, variable_om_usd = 0, fuel_usd = 0, carbon_usd = 0,
         energy_usd = 0;
  double cost_usd = 0;         ///< sum of the six above
};

/// One cluster as built (Summary::clusters).
struct ClusterResult {
  std::string name, hall, accelerator;
  std::int64_t count = 0;   ///< accelerators (whole nodes)
  std::int64_t nodes = 0;   ///< servers, or racks for rack-scale systems
  std::int64_t racks = 0;   ///< racks as deployed (0: the catalog gives no rack size)
  Power rack_power;         ///< design IT power per rack (0 without racks)
  Power design_it;          ///< all accelerators at full utilization, with network and storage
  double liquid_fraction = 0;
};

/// One hall over the run (Summary::halls).
struct HallResult {
  std::string name;
  std::string technology;   ///< "air", "liquid", "immersion", "immersion_two_phase"
  Power design_it;
  Energy it_energy;
  Temperature supply_air;   ///< IT inlet air (chilled water + coil approach)
  double air_loop_free_hours = 0;     ///< hours its air loop ran with no compressor
  double liquid_loop_free_hours = 0;  ///< the same for its facility-water loop (0 without)
};

/// One kind of equipment as sized on the design basis (Summary::plant).
struct ComponentResult {
  std::string name;         ///< "chillers", "cooling_towers", "crahs", "cdus", "generators", ...
  std::string hall;         ///< the hall of per-hall equipment, "" for the shared plant
  int duty = 0;             ///< units the design load needs
  int installed = 0;        ///< duty + spares
  Power unit;               ///< capacity of one unit (heat; generators and UPS: electric output)
  Power installed_capacity; ///< installed × unit
  Power design_load;        ///< load on the design basis
  Power max_load;           ///< largest load of the run
  double hours_over = 0;    ///< hours the load exceeded the installed capacity
};

struct Summary {
  std::string site;
  std::string weather_source;
  /// Hours from UTC of the weather's local standard time (EPW header; +9 for Korea): the clock
  /// every time of the run (steps, peak_facility_time) is on.
  double utc_offset_h = 0;
  /// The calendar year the typical weather year is stamped with (timeseries.csv `time`): the
  /// build-out year of a phased site (the last; each buildout row its own), else
  /// kReferenceYear. The weather year has 365 days; in a leap year 29 February is absent, and
  /// day-of-week patterns (the weekly workload shape, tariff day types) count 1 January as a
  /// Monday whatever the year.
  int calendar_year = 0;
  std::size_t steps = 0;
  Duration timestep = hours(1.0);
  Duration start = seconds(0.0);  ///< start of step 0 after 1 January 00:00 (window runs)

  Energy it_energy;
  Energy cooling_energy;
  Energy electrical_loss;        ///< UPS + distribution + transformers
  Energy ups_loss;
  Energy distribution_loss;
  Energy transformer_loss;
  Energy aux_energy;             ///< lighting and offices + generator heaters
  Energy lighting_energy;        ///< lighting and offices
  Energy facility_energy;        ///< at the point of interconnection
  double pue_annual = 0;
  /// Server-fan energy within IT energy (the ≤ 23 °C fan share plus the speed-up at warmer
  /// inlets; engine/it/README.md).
  Energy it_fan_energy;
  /// ITUE = IT energy / (IT energy − server fans), and TUE = ITUE × PUE (Patterson et al.,
  /// "TUE, a new energy-efficiency metric applied at ORNL's Jaguar", ISC 2013, LNCS 7905):
  /// counting server fans as overhead. PSU and voltage-regulator losses are not separated, so
  /// both are lower bounds.
  double itue = 0, tue = 0;
  std::array<double, 12> pue_monthly{};
  std::array<Energy, 12> facility_energy_monthly{};
  std::array<Energy, 12> it_energy_monthly{};

  std::vector<ClusterResult> clusters;
  std::vector<HallResult> halls;
  /// Plant sized on the design basis: what is installed and how the run loaded it.
  std::vector<ComponentResult> plant;
  std::string design_basis;      ///< "ashrae_0.4", "ashrae_n_year_20" or "peak_of_year"
  Temperature design_wet_bulb;   ///< wet-bulb the towers are sized at
  Temperature design_dry_bulb;   ///< dry-bulb the dry coolers (and generators) are sized at

  Power design_it_power;         ///< all clusters at full utilization
  Power peak_it;
  std::int64_t gpu_count = 0;    ///< accelerators in all clusters
  double it_load_factor = 0;     ///< mean IT power / peak IT power over the run
  Power min_it;                  ///< smallest IT power of any step
  /// Largest change of facility power within one second: |P(t+1 s) − P(t)| for steps ≤ 1 s,
  /// else the largest step-to-step change scaled to one second (a resolution-limited value).
  Power max_ramp_per_s;
  /// The same within one minute (steps ≤ 1 min: exact lag; longer steps: scaled).
  Power max_ramp_per_min;
  Power facility_dynamic_range;  ///< largest minus smallest facility power of the run
  /// Share of the facility power's variance in 0.1–3 Hz (steps ≤ 0.1 s; NaN otherwise).
  double swing_band_share = 0;
  /// Phased sites: one row per year from the first phase to the last; the rest of the Summary
  /// describes the last year (the campus fully built). Empty without phases.
  std::vector<BuildoutYear> buildout;
  /// First build-out year whose peak demand exceeds the connection then in force (0 = never,
  /// or not a phased site; JSON null).
  int binding_year = 0;
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
  ApparentPower peak_facility_apparent;  ///< peak facility demand / power factor
  Power grid_capacity_n1;        ///< capacity with the largest circuit or transformer out
  Power min_grid_headroom_n1;    ///< grid_capacity_n1 − peak facility
  double hours_over_capacity_n1 = 0;
  Power design_day_facility;     ///< peak facility demand on the ASHRAE 0.4 % design day
  Temperature design_day_dry_bulb;  ///< the design day's peak dry-bulb (0.4 % DB)
  Power max_facility_ramp;       ///< largest change of facility demand per second (W/s as W)
  double ramp_limit_w_per_s = 0; ///< [grid] ramp_limit (0 = none)
  Power ramp_storage_power;      ///< storage power that holds the grid draw to the limit
  Energy ramp_storage_energy;    ///< storage energy for the same
  int ups_modules = 0;           ///< UPS modules installed
  double ups_mean_load_fraction = 0;  ///< mean load fraction of a module over the run
  int generators = 0;            ///< standby generator sets installed
  int transformers = 0;          ///< main transformers energized
  Energy generator_heater_energy;
  int ups_iterations = 0;        ///< fixed-point iterations of the UPS–cooling loop (0: none)

  double free_cooling_hours = 0;
  double partial_cooling_hours = 0;
  double mechanical_cooling_hours = 0;
  Power chiller_capacity;        ///< installed (N + spares), sized to chiller_design_load
  Power chiller_design_load;     ///< chiller load on the design basis (what the plant is sized for)
  Power peak_chiller_load;       ///< the largest chiller load of the run
  Volume water;                  ///< tower evaporation + drift + blowdown (+ pads)
  Volume evaporation;            ///< water evaporated (towers, pads)
  double tower_latent_share = 0; ///< share of the heat through the towers rejected as latent heat
  double wue_l_per_kwh = 0;      ///< litres per kWh of IT energy
  Energy heat_rejected;          ///< heat rejected outdoors by towers or dry coolers
  double ppue_cooling = 0;       ///< partial PUE of cooling: (IT + cooling energy) / IT energy
  Energy reusable_heat;          ///< heat in the warmest facility loop, at reusable_heat_temperature
  Temperature reusable_heat_temperature; ///< that loop's return temperature
  double ere = 0;                ///< energy reuse effectiveness (facility − reused) / IT
  double erf = 0;                ///< energy reuse factor reused / facility
  double cooling_shortfall_hours = 0;  ///< hours the chiller load exceeded the installed plant
  double cooling_redundancy_lost_hours = 0; ///< hours it exceeded the duty (non-standby) units
  double free_cooling_hours_air_loop = 0;    ///< hours the air loop carried heat with no compressor
  double free_cooling_hours_liquid_loop = 0; ///< the same for the liquid loop (0 without one)
  double chiller_curve_out_of_range_hours = 0; ///< hours a chiller curve input was clamped
  double chiller_low_load_hours = 0; ///< hours chillers ran below their minimum unloading ratio
  double tower_curve_out_of_range_hours = 0;   ///< hours a YorkCalc input was out of its range
  /// set-point tower control (cooling.tower_fan_control): hours the towers at full speed left
  /// the condenser water warmer than its set point (0 with follow_load)
  double tower_setpoint_unmet_hours = 0;
  /// hours a DX coil curve input (entering wet-bulb, outdoor dry-bulb) was clamped to its limits
  double dx_curve_out_of_range_hours = 0;
  /// The cold source's year ([cooling.cold_source]); `enabled` false without one. "Without"
  /// figures are the same loads on the plant without it (its backup; towers for a seawater-only
  /// plant) at the same electrical losses.
  struct ColdSource {
    bool enabled = false;
    std::string kind;              ///< "lng_terminal" or "seawater"
    std::string backup;            ///< the heat rejection behind it, or "none"
    Energy heat;                   ///< heat the seawater took
    double heat_share = 0;         ///< of all the heat rejected through the condenser water
    double full_hours = 0;         ///< hours the seawater took all of it
    double short_hours = 0;        ///< seawater-only plant: hours with heat left over
    Energy unserved_heat;          ///< seawater-only plant: heat no sink took
    Energy pump_energy;            ///< seawater pumps
    double pipe_diameter_m = 0;    ///< supply and return pipes, sized at the design flow
    double pipe_gradient_pa_per_m = 0; ///< their friction at the design flow
    Power design_pump_power;       ///< seawater pumps at the design flow
    Volume seawater;               ///< seawater through the campus's exchangers
    double max_flow_t_h = 0;       ///< largest flow of a step, t/h
    double mean_available_t_h = 0; ///< mean flow the source offered, t/h
    Temperature min_sea, max_sea;  ///< the sea (before any vaporizer) over the run
    double vaporizer_delta_t_k = 0; ///< the seawater reaches the campus this much colder
    std::string arrangement;       ///< "after" or "before" the backup, or "none" (no backup)
    double min_discharge_margin_k = 0; ///< smallest (limit − discharge) of a step with flow
    Temperature max_discharge;     ///< warmest seawater returned
    Energy chiller_avoided, fan_avoided, cooling_avoided; ///< energy saved (cooling: net of pumps)
    Volume water_avoided;          ///< make-up water saved
    double pue_without = 0, wue_without = 0;
    std::string seawater_source, flow_profile;  ///< where the inputs came from
  } cold_source;

  /// Supply ([[supply]]): per source, then totals. CO2 and cost cover all sources.
  std::vector<SupplyResult> supply;
  Mass co2;                      ///< grid import × emission factor + LNG fuel × 56.1 kg/GJ
  double supply_cost_usd = 0;    ///< all sources: annualized capital, O&M, fuel, carbon, import
  Energy unserved;               ///< demand no source could serve
  double unserved_hours = 0;     ///< hours with unserved demand
  double cfe_share = 0;          ///< hourly carbon-free share (24/7 CFE, load-weighted)
  double cue_kg_per_kwh = 0;     ///< carbon usage effectiveness: CO2 / IT energy
  double lcoe_usd_per_mwh = 0;   ///< supply cost / energy served
  double unserved_cost_usd = 0;  ///< unserved energy × [economics] value_of_lost_load
  double cost_per_it_mwh_usd = 0;///< (supply cost + unserved cost) / IT energy
  Power peak_grid_import;        ///< largest grid import of a step
  Volume supply_water;           ///< water consumed by on-site generation (LNG)

  RunStatus status;
};


/// Everything a run produced.
struct RunResult {
  RunStatus status;
  Summary summary;
  std::vector<Channel> channels;
  /// The ASHRAE 0.4 % design day (24 hourly steps) through the same plant: dry_bulb, wet_bulb,
  /// it_power, cooling_power, facility_power (empty when the weather has no design conditions).
  std::vector<Channel> design_day;

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

/// Names of the channels a run of `site` can keep (RunOptions::channels), in output order; the
/// supply channels only when the site has on-site sources (extendable sources without a
/// capacity, which a plain run leaves out, count as absent), curtailable_it_power only when it
/// offers flexibility.
std::vector<std::string> channel_names(const Site& site);

/// True when the run's cost per IT MWh covers its whole demand: nothing was left unserved, or
/// what was is priced ([economics] value_of_lost_load). A cost that omits unserved energy is
/// not comparable with one that does not (compare ranks only complete costs).
bool cost_is_complete(const Summary& summary);

/// The channel of an on-site LNG, solar or wind source: "source_" + its name made safe and
/// lower-case ("Haenam PV" → "source_haenam_pv"); what it delivered to the campus, W.
std::string source_channel_name(std::string_view source_name);

/// Run with weather already loaded (hourly or already at options.timestep).
RunResult run(const Site& site, const Weather& weather, const RunOptions& options = {});

/// The Summary as JSON (stable snake_case keys with unit suffixes, see README).
std::string to_json(const Summary& summary);

/// The value of a scalar number of the Summary JSON by its key ("pue_annual",
/// "peak_facility_mw"), in the JSON's unit and at full precision (the JSON text rounds it);
/// nullopt for an unknown key or one that is not a scalar number (strings, arrays, tables).
std::optional<double> summary_value(const Summary& summary, std::string_view key);
/// True when summary_value() gives a number for `key`.
bool is_summary_number(std::string_view key);

/// Keys of the Summary JSON with unit and meaning, in output order (drives README).
struct SummaryKey {
  std::string_view key;
  std::string_view unit;
  std::string_view meaning;
};
const std::vector<SummaryKey>& summary_keys();
/// summary_keys() as the Markdown table of README's "Summary keys" (`dcload keys --summary`).
std::string summary_keys_markdown();

}  // namespace dcload
