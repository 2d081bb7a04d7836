#pragma once
/// \file sweep.hpp
/// Thousands of scenarios of a site: grids, Monte Carlo, Latin hypercubes and Sobol
/// (Saltelli) studies with their statistics and sensitivity indices.
///
/// Example:
/// \code
///   dcload::SweepSpec spec = dcload::load_sweep("examples/sweeps/ulsan_sobol.toml");
///   dcload::SweepResult r = dcload::sweep(spec, {.threads = 2});
///   for (const auto& s : r.stats) std::cout << s.output << " P50 " << s.p50 << '\n';
///   std::cout << dcload::to_json(r);
/// \endcode
///
/// A sweep reads its base site file(s) once; each scenario applies its values to the site
/// through the same path as `--set` (so any site key can vary and a bad value is the same
/// ConfigError), runs summary-only and keeps the chosen outputs. A scenario whose values make
/// an invalid site is recorded with its error; it never stops the sweep.

#include <cstdint>
#include <filesystem>
#include <functional>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "dcload/run.hpp"

namespace dcload {

/// How the scenarios are drawn ([sample] method).
enum class SampleMethod {
  kGrid,    ///< every combination of each factor's `values` (the full factorial)
  kList,    ///< scenario i takes the i-th entry of every factor's `values` (equal lengths)
  kRandom,  ///< n independent draws (Monte Carlo)
  kLhs,     ///< Latin hypercube: n draws, one per stratum of each factor's probability
  kSobol,   ///< Saltelli's scheme on a Sobol' sequence: n base points × (factors + 2) runs,
            ///< first-order and total Sobol' indices
};

/// "grid", "list", "random", "lhs" or "sobol" (as written in [sample] method).
std::string_view sample_method_name(SampleMethod method);

/// A factor's distribution ([[vary]] distribution).
enum class Distribution {
  kValues,      ///< grid / list: the `values` as written
  kUniform,     ///< min, max
  kNormal,      ///< mean, sd (optional min/max truncate)
  kLognormal,   ///< mean, sd of the quantity itself (not of its logarithm)
  kTriangular,  ///< min, mode, max
  kDiscrete,    ///< one of `values`, equally likely or by `weights`
};

/// One input a sweep varies: one [[vary]] table.
struct SweepFactor {
  /// Site keys it sets, as for --set ("cluster[0].count", "weather", "seed"). Several keys take
  /// the same value together (e.g. the power_scale of every cluster).
  std::vector<std::string> keys;
  std::string name;                 ///< column name (default: the first key)
  Distribution distribution = Distribution::kValues;
  std::vector<std::string> values;  ///< kValues / kDiscrete: values as --set texts
  std::vector<double> weights;      ///< kDiscrete: relative weights (empty: equal)
  /// Continuous parameters in the unit `unit` (NaN when not given).
  double min = std::numeric_limits<double>::quiet_NaN();
  double mode = std::numeric_limits<double>::quiet_NaN();
  double max = std::numeric_limits<double>::quiet_NaN();
  double mean = std::numeric_limits<double>::quiet_NaN();
  double sd = std::numeric_limits<double>::quiet_NaN();
  std::string unit;                 ///< unit of the parameters as written ("USD/MMBtu"; "" plain)
  bool integer = false;             ///< an integer key: drawn values are rounded to whole numbers
  std::string file;                 ///< where the table is written (for messages)
  int line = 0, column = 0;
};

/// A whole sweep file.
struct SweepSpec {
  std::filesystem::path file;                 ///< the sweep file ("" from a string)
  std::vector<std::filesystem::path> sites;   ///< base site files (glob patterns expanded)
  SampleMethod method = SampleMethod::kGrid;
  std::size_t n = 0;                          ///< random / lhs: runs; sobol: base points
  std::uint64_t seed = 1;
  std::vector<SweepFactor> factors;
  std::vector<std::string> outputs;           ///< Summary JSON keys (scalar numbers)
  std::vector<std::string> set;               ///< fixed overrides applied to every scenario
  Duration timestep = hours(1.0);
  std::size_t bootstrap = 1000;               ///< sobol: bootstrap resamples for the intervals
  double confidence = 0.95;                   ///< sobol: interval level

  /// Runs the spec asks for (all sites).
  std::size_t scenario_count() const;
};

/// Read and check a sweep file: every [[vary]] key against the site-file key table (with a
/// suggestion), units and parameter order, `n` against the method, outputs against the Summary
/// keys. Errors are ConfigError with FILE:LINE:COL, before anything runs.
SweepSpec load_sweep(const std::filesystem::path& path);
SweepSpec load_sweep_from_string(std::string_view toml_text, const std::string& name = "<string>",
                                 const std::filesystem::path& base_dir = {});

/// One scenario: its place in the sample, what it set, what it gave.
struct SweepScenario {
  std::size_t index = 0;            ///< 0-based, in sample order
  std::size_t site = 0;             ///< index into SweepSpec::sites
  std::vector<std::string> values;  ///< per factor: the --set value text applied
  std::vector<double> inputs;       ///< per factor: the value as a number (NaN for text values;
                                    ///< discrete text values: their index in `values`)
  std::vector<double> outputs;      ///< per SweepSpec::outputs (NaN when the scenario failed)
  std::string status;               ///< RunStatus::name(), or "error" (invalid sample)
  std::string error;                ///< the ConfigError's text for an invalid sample
};

/// Statistics of one output over the valid scenarios of one site.
struct SweepStats {
  std::string output;
  std::size_t site = 0;
  std::size_t valid = 0;            ///< scenarios that ran
  double mean = 0, sd = 0, p5 = 0, p50 = 0, p95 = 0, min = 0, max = 0;
};

/// First-order and total Sobol' indices of one factor for one output, with bootstrap intervals.
struct SobolIndex {
  std::string output;
  std::string factor;
  std::size_t site = 0;
  double s1 = 0, s1_low = 0, s1_high = 0;
  double st = 0, st_low = 0, st_high = 0;
};

/// Everything a sweep produced.
struct SweepResult {
  SweepSpec spec;
  std::vector<SweepScenario> scenarios;  ///< in sample order
  std::vector<SweepStats> stats;         ///< per site × output
  std::vector<SobolIndex> sobol;         ///< sobol: per site × output × factor
  std::vector<std::string> messages;     ///< e.g. "12 of 4096 scenarios were invalid: ..."
  std::size_t invalid = 0;               ///< scenarios with status "error"
};

struct SweepOptions {
  unsigned threads = 0;  ///< 0: every core (std::thread::hardware_concurrency)
  /// Run only scenarios [first, last) of the sample (a share of a distributed sweep; each
  /// scenario's result depends only on its index, never on who ran it). last = 0: to the end.
  std::size_t first = 0, last = 0;
  /// Called after each scenario with the scenarios done so far and the total (any thread; the
  /// callback must be thread-safe).
  std::function<void(std::size_t done, std::size_t total)> progress;
};

/// Run the scenarios of `spec` (or a share of them, options.first/last) on options.threads
/// threads; `callback`, when given, receives each finished scenario (from the running thread).
/// The statistics and indices are computed when the whole sample ran (first = 0, last = end).
SweepResult sweep(const SweepSpec& spec, const SweepOptions& options = {},
                  const std::function<void(const SweepScenario&)>& callback = {});

/// Statistics and (sobol) indices of a complete set of scenarios, e.g. gathered from several
/// processes; `result.scenarios` must hold the whole sample in order.
void analyze(SweepResult& result);

/// results.csv: one row per scenario — index, site, each factor's value, each output, status,
/// error (full-precision numbers, RFC 4180 quoting).
std::string to_csv(const SweepResult& result);
/// sweep.json: the spec in brief, per site and output mean, sd, P5/P50/P95, min/max; sobol
/// indices with intervals; grid: the table of outputs per scenario.
std::string to_json(const SweepResult& result);

}  // namespace dcload
