// Harness "run": each line of the input is one `--set KEY=VALUE` override (at most 16) on the
// built-in default site (dcload::default_site), which is then run over one day so that an
// execution stays fast. A line `@start=N` picks the day (N mod 365) and `@step=S` the
// timestep in seconds (3600, 900 or 300; anything else is 3600). The results must be finite.
// A ConfigError is the expected answer to bad input.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "dcload/run.hpp"
#include "dcload/site.hpp"
#include "dcload/weather.hpp"
#include "fuzz_support.hpp"

namespace {

// "@start=N" → N (digits only, at most 9), else -1.
long option_value(const std::string& line, const std::string& prefix) {
  if (line.rfind(prefix, 0) != 0) return -1;
  const std::string digits = line.substr(prefix.size());
  if (digits.empty() || digits.size() > 9) return -1;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
  }
  return std::stol(digits);
}

// Built-in weather is synthesized once per (source, seed) in a row; files go through run().
dcload::RunResult run_site(const dcload::Site& site, const dcload::RunOptions& options) {
  if (site.weather.rfind("builtin:", 0) != 0) return dcload::run(site, options);
  static std::string source;
  static std::uint64_t seed = 0;
  static dcload::Weather weather;
  if (source != site.weather || seed != site.seed || weather.size() == 0) {
    source.clear();
    weather = dcload::load_weather(site.weather, {}, site.seed);
    source = site.weather;
    seed = site.seed;
  }
  return dcload::run(site, weather, options);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> overrides;
  long day = 195;  // 15 July: a hot day
  double step_s = 3600.0;
  for (const std::string& line : dcload::fuzz::lines_of(data, size, 16)) {
    if (const long v = option_value(line, "@start="); v >= 0) {
      day = v % 365;
    } else if (const long s = option_value(line, "@step="); s >= 0) {
      step_s = s == 900 || s == 300 ? static_cast<double>(s) : 3600.0;
    } else {
      overrides.push_back(line);
    }
  }
  dcload::fuzz::guarded([&] {
    const dcload::Site site = dcload::default_site(overrides);
    dcload::RunOptions options;
    options.timestep = dcload::seconds(step_s);
    options.start = dcload::hours(24.0 * static_cast<double>(day));
    options.duration = dcload::hours(24.0);
    const dcload::RunResult r = run_site(site, options);
    dcload::fuzz::check_result(r, "run with fuzzed overrides");
  });
  return 0;
}
