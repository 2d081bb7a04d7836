// Harness "trace": the input is a measured utilization trace, <scratch>/site/trace.csv, named
// by the default site as `cluster[0].workload = "trace.csv"`. An accepted trace must hold
// finite numbers and a sane step and start (check_trace); the site then runs over one day
// (24 h at 1 h; the day, chosen by the input size, can fall before, inside or after the trace)
// and the results must be finite. A ConfigError is the expected answer to bad input.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "config/embedded.hpp"
#include "dcload/run.hpp"
#include "dcload/site.hpp"
#include "dcload/weather.hpp"
#include "fuzz_support.hpp"

namespace {

// Bounds of this harness (not of the reader, whose README gives none): a step from 1 ms to a
// year, a first row within ±1e6 h (114 years) of 1 January. Traces outside them reach float →
// integer casts of huge values downstream (TraceIntegral::at, the chiller count), so they are
// reported here, before the run, under one id.
constexpr double kMinStepS = 1e-3;
constexpr double kMaxStepS = 8760.0 * 3600.0;
constexpr double kMaxStartS = 1e6 * 3600.0;

// An accepted trace holds finite numbers and a step and start within the bounds above. Ids:
// trace:nonfinite, trace:range. False when a known finding was passed over (running on it
// would only repeat the finding).
bool check_trace(const dcload::WorkloadSpec& w) {
  bool finite = std::isfinite(w.trace_step_s) && std::isfinite(w.trace_start_s);
  for (double u : w.trace) finite = finite && std::isfinite(u);
  if (!finite) {
    dcload::fuzz::finding("trace:nonfinite", "accepted a trace with step " +
                                                 dcload::fuzz::num(w.trace_step_s) + " s, start " +
                                                 dcload::fuzz::num(w.trace_start_s) + " s");
    return false;
  }
  if (!(w.trace_step_s >= kMinStepS && w.trace_step_s <= kMaxStepS &&
        std::abs(w.trace_start_s) <= kMaxStartS)) {
    dcload::fuzz::finding("trace:range", "accepted a trace with step " +
                                             dcload::fuzz::num(w.trace_step_s) + " s, start " +
                                             dcload::fuzz::num(w.trace_start_s) + " s");
    return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::filesystem::path dir = dcload::fuzz::scratch_dir() / "site";
  static const std::string name = (dir / "trace_site.toml").string();
  static const std::string_view ulsan = dcload::detail::embedded_text("ulsan.toml");
  dcload::fuzz::write_file(dir / "trace.csv", data, size);
  dcload::fuzz::guarded([&] {
    const dcload::Site site =
        dcload::load_site_from_string(ulsan, name, {"cluster[0].workload=trace.csv"});
    if (!check_trace(site.clusters.at(0).workload)) return;
    dcload::RunOptions options;
    options.start = dcload::hours(24.0 * static_cast<double>(size % 365));
    options.duration = dcload::hours(24.0);
    // The weather is the same for every input: synthesize it once.
    static const dcload::Weather weather = dcload::load_weather(site.weather, {}, site.seed);
    const dcload::RunResult r = dcload::run(site, weather, options);
    dcload::fuzz::check_result(r, "run with a fuzzed trace");
  });
  return 0;
}
