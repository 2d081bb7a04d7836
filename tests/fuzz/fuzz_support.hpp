#pragma once
// Shared by the libFuzzer harnesses in tests/fuzz/ (README.md there): a per-process scratch
// folder, fuzz bytes as files or lines, and the checks applied to whatever the library accepted.
// "No silent wrong answers": input the library does not reject with a ConfigError must give
// finite numbers; anything else (another exception, a crash, a hang, a leak, undefined
// behaviour, a NaN or infinity in a result) is a finding.
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <typeinfo>
#include <vector>

#include "config/embedded.hpp"
#include "dcload/error.hpp"
#include "dcload/run.hpp"
#include "dcload/weather.hpp"

namespace dcload::fuzz {

/// True when `id` names a known, open finding: one of the comma-separated ids in
/// $DCLOAD_FUZZ_KNOWN (an entry ending in `*` matches every id it begins), which
/// run_fuzzers.sh fills from the `check:` entries of regressions/OPEN so that a fuzzing run
/// does not stop again on what is already reported and being fixed. Unset (as in the CTest
/// replays): nothing is known, every finding aborts.
inline bool known(const std::string& id) {
  static const std::vector<std::string> ids = [] {
    std::vector<std::string> out;
    const char* v = std::getenv("DCLOAD_FUZZ_KNOWN");
    const std::string_view list = v == nullptr ? "" : v;
    std::size_t pos = 0;
    while (pos <= list.size()) {
      std::size_t comma = list.find(',', pos);
      if (comma == std::string_view::npos) comma = list.size();
      if (comma > pos) out.emplace_back(list.substr(pos, comma - pos));
      pos = comma + 1;
    }
    return out;
  }();
  for (const std::string& k : ids) {
    if (k == id || (k.back() == '*' && id.compare(0, k.size() - 1, k, 0, k.size() - 1) == 0)) {
      return true;
    }
  }
  return false;
}

/// A number for messages: "%g" (std::to_string prints 1e302 as 303 digits, 1e-300 as 0).
inline std::string num(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}

/// Report a finding the way libFuzzer records a crash: message, then abort — unless `id` is
/// known(), then it returns and the harness goes on.
inline void finding(const std::string& id, const std::string& detail) {
  if (known(id)) return;
  std::fprintf(stderr, "dcload fuzz finding [%s]: %s\n", id.c_str(), detail.c_str());
  std::abort();
}

/// Run `body`; a ConfigError is the expected answer to bad input (printed when
/// $DCLOAD_FUZZ_VERBOSE is set, to see why an input is rejected), any other exception is a
/// finding with id `exception:TYPE:WORD`: the mangled type name and the first word of what()
/// (up to a blank or colon, at most 32 bytes), e.g. exception:St12out_of_range:stoi.
template <class Body>
void guarded(Body&& body) {
  static const bool verbose = std::getenv("DCLOAD_FUZZ_VERBOSE") != nullptr;
  try {
    body();
  } catch (const ConfigError& e) {
    if (verbose) std::fprintf(stderr, "ConfigError: %s\n", e.what());
  } catch (const std::exception& e) {
    const std::string_view what = e.what();
    const std::string_view word = what.substr(0, std::min<std::size_t>(
                                                     32, what.find_first_of(" :")));
    finding(std::string("exception:") + typeid(e).name() + ":" + std::string(word), e.what());
  }
}

/// A folder of this process's own (`$TMPDIR/dcload-fuzz-PID`), created on first use and removed
/// at exit. It holds `ulsan.toml` and `site/ulsan.toml` (the default site), so a fuzzed site
/// named `site/input.toml` that `extends` "ulsan.toml" or "../ulsan.toml" (as configs/ and
/// configs/regions/ do) finds its base without depending on the current folder.
inline const std::filesystem::path& scratch_dir() {
  // Heap-held and never freed: the exit handler below must outlive static destructors.
  static const std::filesystem::path* dir = [] {
    std::error_code ec;
    std::filesystem::path base = std::filesystem::temp_directory_path(ec);
    if (ec) base = "/tmp";
    auto* d = new std::filesystem::path(base / ("dcload-fuzz-" + std::to_string(::getpid())));
    std::filesystem::create_directories(*d / "site");
    const std::string_view ulsan = detail::embedded_text("ulsan.toml");
    for (const auto& p : {*d / "ulsan.toml", *d / "site" / "ulsan.toml"}) {
      std::ofstream(p, std::ios::binary).write(ulsan.data(), static_cast<std::streamsize>(ulsan.size()));
    }
    std::atexit([] {
      std::error_code e;
      std::filesystem::remove_all(*dir, e);
    });
    return d;
  }();
  return *dir;
}

/// Write `size` bytes to `path` (replacing it).
inline void write_file(const std::filesystem::path& path, const std::uint8_t* data, std::size_t size) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  if (!out) {
    std::fprintf(stderr, "cannot write the scratch file %s\n", path.c_str());
    std::abort();
  }
}

/// The input split on '\n' into at most `max_lines` non-empty lines (the rest is ignored).
inline std::vector<std::string> lines_of(const std::uint8_t* data, std::size_t size,
                                         std::size_t max_lines) {
  std::vector<std::string> out;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  std::size_t pos = 0;
  while (pos < text.size() && out.size() < max_lines) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string_view::npos) nl = text.size();
    if (nl > pos) out.emplace_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return out;
}

/// Every series of an accepted weather year is finite, of one length, RH in 0..1, and not
/// physically impossible (below). Ids: weather:length, weather:nonfinite:SERIES,
/// weather:rh_range, weather:impossible:SERIES. False when a known finding was passed over (the
/// weather is bad; running on it would only repeat the finding).
inline bool check_weather(const Weather& w, const char* what) {
  bool clean = true;
  const std::size_t n = w.size();
  const std::pair<const char*, const std::vector<double>*> series[] = {
      {"dry_bulb_c", &w.dry_bulb_c},   {"dew_point_c", &w.dew_point_c},
      {"relative_humidity", &w.relative_humidity}, {"pressure_pa", &w.pressure_pa},
      {"wet_bulb_c", &w.wet_bulb_c},   {"ghi_w_m2", &w.ghi_w_m2},
      {"dni_w_m2", &w.dni_w_m2},       {"dhi_w_m2", &w.dhi_w_m2},
      {"wind_m_s", &w.wind_m_s}};
  if (n == 0 || w.month.size() != n) {
    clean = false;
    finding("weather:length", std::string(what) + ": accepted a weather of " +
                                  std::to_string(n) + " steps and " +
                                  std::to_string(w.month.size()) + " months");
  }
  for (const auto& [name, v] : series) {
    if (v->size() != n) {
      clean = false;
      finding("weather:length", std::string(what) + ": " + name + " has " +
                                    std::to_string(v->size()) + " values, not " + std::to_string(n));
      continue;
    }
    for (std::size_t k = 0; k < n; ++k) {
      if (!std::isfinite((*v)[k])) {
        clean = false;
        finding(std::string("weather:nonfinite:") + name,
                std::string(what) + ": accepted a weather whose " + name + "[" +
                    std::to_string(k) + "] = " + num((*v)[k]));
        break;
      }
    }
  }
  for (double rh : w.relative_humidity) {
    if (rh < 0.0 || rh > 1.0) {
      clean = false;
      finding("weather:rh_range", std::string(what) + ": relative humidity " +
                                      num(rh) + " outside 0..1");
      break;
    }
  }
  // Physically impossible values (not a judgement of plausible ranges, which is the reader's):
  // no station pressure at or below 0 Pa, no temperature below absolute zero, no negative
  // irradiance or wind speed.
  const struct {
    const char* name;
    const std::vector<double>* v;
    double min;
    bool inclusive;
  } limits[] = {{"pressure_pa", &w.pressure_pa, 0.0, false},
                {"dry_bulb_c", &w.dry_bulb_c, -273.15, true},
                {"dew_point_c", &w.dew_point_c, -273.15, true},
                {"ghi_w_m2", &w.ghi_w_m2, 0.0, true},
                {"dni_w_m2", &w.dni_w_m2, 0.0, true},
                {"dhi_w_m2", &w.dhi_w_m2, 0.0, true},
                {"wind_m_s", &w.wind_m_s, 0.0, true}};
  for (const auto& l : limits) {
    for (std::size_t k = 0; k < l.v->size(); ++k) {
      const double x = (*l.v)[k];
      if (l.inclusive ? x < l.min : x <= l.min) {
        clean = false;
        finding(std::string("weather:impossible:") + l.name,
                std::string(what) + ": accepted a weather whose " + l.name + "[" +
                    std::to_string(k) + "] = " + num(x));
        break;
      }
    }
  }
  return clean;
}

/// Every channel value and the headline Summary figures of a finished run are finite. Ids:
/// run:nonfinite:CHANNEL, run:nonfinite:summary.FIELD. (Summary::swing_band_share is NaN by
/// design for steps above 0.1 s and is not checked.)
inline void check_result(const RunResult& r, const char* what) {
  for (const Channel& c : r.channels) {
    for (std::size_t k = 0; k < c.values.size(); ++k) {
      if (!std::isfinite(c.values[k])) {
        finding("run:nonfinite:" + c.name,
                std::string(what) + ": channel " + c.name + "[" + std::to_string(k) + "] = " +
                    num(c.values[k]) + " (status " + std::string(r.status.name()) + ")");
        break;
      }
    }
  }
  const Summary& s = r.summary;
  const std::pair<const char*, double> figures[] = {
      {"it_energy", in_si(s.it_energy)},
      {"facility_energy", in_si(s.facility_energy)},
      {"cooling_energy", in_si(s.cooling_energy)},
      {"pue_annual", s.pue_annual},
      {"peak_facility", in_si(s.peak_facility)},
      {"min_grid_headroom", in_si(s.min_grid_headroom)},
      {"water", in_si(s.water)},
      {"co2", in_si(s.co2)},
      {"supply_cost_usd", s.supply_cost_usd},
      {"unserved", in_si(s.unserved)}};
  for (const auto& [name, v] : figures) {
    if (!std::isfinite(v)) {
      finding(std::string("run:nonfinite:summary.") + name,
              std::string(what) + ": summary " + name + " = " + num(v) +
                  " (status " + std::string(r.status.name()) + ")");
    }
  }
}

}  // namespace dcload::fuzz
