// Weather bounds and check_weather() (see validate.hpp; bounds and sources in README.md).
#include "weather/validate.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "dcload/error.hpp"
#include "weather/psychro.hpp"
#include "weather/text.hpp"

namespace dcload::detail {
namespace {

using weather_detail::format_number;

// "above -70 and below 70", "from 0 to 40", "at least -1000 and below 9999.9".
std::string range_text(const Bound& b) {
  const std::string lo = format_number(b.lo);
  const std::string hi = format_number(b.hi);
  if (!b.lo_open && !b.hi_open) return "from " + lo + " to " + hi;
  return (b.lo_open ? "above " : "at least ") + lo + (b.hi_open ? " and below " : " and at most ") +
         hi;
}

std::string with_unit(double v, const char* unit) {
  std::string s = format_number(v);
  if (std::isfinite(v) && unit[0] != '\0') s += std::string(" ") + unit;
  return s;
}

std::string percent(double fraction) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f %%", 100.0 * fraction);
  return buf;
}

// "a dew point at most the dry-bulb (22 °C), or above it by no more than …, got …"
std::string dew_point_expected(double dry_bulb_c, double dew_point_c) {
  const double implied = weather_detail::saturation_pressure_pa(dew_point_c) /
                         weather_detail::saturation_pressure_pa(dry_bulb_c);
  return "expected a dew point at most the dry-bulb (" + with_unit(dry_bulb_c, "°C") +
         "), or above it by no more than a relative humidity of " +
         percent(kMaxImpliedRelativeHumidity) + " allows (" + kEpwDictionary + " maximum), got " +
         with_unit(dew_point_c, "°C") + " (relative humidity " + percent(implied) + ")";
}

[[noreturn]] void fail(const std::string& where, std::string_view key, const std::string& msg) {
  throw ConfigError(where, 0, 0, std::string(key), msg);
}

[[noreturn]] void fail_step(const std::string& where, std::size_t step, std::string_view key,
                            const std::string& value, const std::string& expected) {
  fail(where, key,
       "step " + std::to_string(step) + ": " + std::string(key) + " = " + value + ": " + expected);
}

// Index of the first value outside `b`, or v.size(). The common case (all inside) runs as one
// branch-free pass over closed bounds (an open end moved to the next double, which is exact),
// so a full year costs about a microsecond per series.
std::size_t first_outside(const std::vector<double>& v, const Bound& b) {
  const double lo = b.lo_open ? std::nextafter(b.lo, INFINITY) : b.lo;
  const double hi = b.hi_open ? std::nextafter(b.hi, -INFINITY) : b.hi;
  bool all = true;
  for (const double x : v) all &= (x >= lo) & (x <= hi);  // NaN compares false
  if (all) return v.size();
  std::size_t k = 0;
  while (k < v.size() && b.contains(v[k])) ++k;
  return k;
}

struct Series {
  const char* key;
  const std::vector<double>* values;
  const Bound* bound;
};

}  // namespace

std::string expected_text(const Bound& b, std::string_view note) {
  std::string s = std::string("a finite ") + b.quantity + " " + range_text(b);
  if (b.unit[0] != '\0') s += std::string(" ") + b.unit;
  s += std::string(" (") + b.source;
  if (!note.empty()) s += "; " + std::string(note);
  return s + ")";
}

std::string bound_message(std::string_view name, std::string_view text, const Bound& b, double v,
                          std::string_view note) {
  return std::string(name) + " = \"" + std::string(text) + "\": expected " +
         expected_text(b, note) + ", got " + with_unit(v, b.unit);
}

DewPointCheck check_dew_point_above(double dry_bulb_c, double dew_point_c) {
  const double implied = weather_detail::saturation_pressure_pa(dew_point_c) /
                         weather_detail::saturation_pressure_pa(dry_bulb_c);
  return implied <= kMaxImpliedRelativeHumidity ? DewPointCheck::kClip : DewPointCheck::kError;
}

std::string dew_point_message(std::string_view lhs, double dry_bulb_c, double dew_point_c) {
  return std::string(lhs) + ": " + dew_point_expected(dry_bulb_c, dew_point_c);
}

std::string dew_point_clip_warning(const std::string& file, int first_line, std::size_t count,
                                   double max_excess_k) {
  char max_k[32];
  std::snprintf(max_k, sizeof max_k, "%.2f", max_excess_k);
  return file + ":" + std::to_string(first_line) + ": dew-point: " + std::to_string(count) +
         (count == 1 ? " record" : " records") + " above the dry-bulb (by at most " + max_k +
         " K, within the relative humidity of " + percent(kMaxImpliedRelativeHumidity) + " the " +
         kEpwDictionary + " accepts) read as the dry-bulb";
}

bool vapour_reaches_pressure_hot(double t_c, double rh, double p_pa) {
  return rh * weather_detail::saturation_pressure_pa(t_c) >= p_pa;
}

void check_weather(const Weather& w, const std::string& where) {
  if (!(std::isfinite(w.timestep_s) && w.timestep_s > 0.0)) {
    fail(where, "timestep_s",
         "timestep_s = " + format_number(w.timestep_s) +
             ": expected a finite step length above 0 s");
  }
  const std::size_t n = w.dry_bulb_c.size();
  if (n == 0) fail(where, "dry_bulb_c", "dry_bulb_c has no steps: expected at least one");
  const Series series[] = {
      {"dry_bulb_c", &w.dry_bulb_c, &kTemperatureBound},
      {"dew_point_c", &w.dew_point_c, &kTemperatureBound},
      {"wet_bulb_c", &w.wet_bulb_c, &kTemperatureBound},
      {"relative_humidity", &w.relative_humidity, &kRelativeHumidityFractionBound},
      {"pressure_pa", &w.pressure_pa, &kPressureBound},
      {"ghi_w_m2", &w.ghi_w_m2, &kGhiBound},
      {"dni_w_m2", &w.dni_w_m2, &kDniBound},
      {"dhi_w_m2", &w.dhi_w_m2, &kDhiBound},
      {"wind_m_s", &w.wind_m_s, &kWindBound},
  };
  auto length_error = [&](std::string_view key, std::size_t size) {
    fail(where, key,
         std::string(key) + " has " + std::to_string(size) + " steps, dry_bulb_c " +
             std::to_string(n) + ": expected every series of a Weather to have the same length");
  };
  if (w.month.size() != n) length_error("month", w.month.size());
  for (const Series& s : series) {
    if (s.values->size() != n) length_error(s.key, s.values->size());
  }

  const struct {
    const char* key;
    double value;
    const Bound* bound;
  } scalars[] = {
      {"latitude_deg", w.latitude_deg, &kLatitudeBound},
      {"longitude_deg", w.longitude_deg, &kLongitudeBound},
      {"timezone_h", w.timezone_h, &kTimeZoneBound},
      {"elevation_m", w.elevation_m, &kElevationBound},
      {"design.db_004_c", w.design.db_004_c, &kTemperatureBound},
      {"design.mcwb_004_c", w.design.mcwb_004_c, &kTemperatureBound},
      {"design.db_010_c", w.design.db_010_c, &kTemperatureBound},
      {"design.mcwb_010_c", w.design.mcwb_010_c, &kTemperatureBound},
      {"design.wb_004_c", w.design.wb_004_c, &kTemperatureBound},
      {"design.wb_010_c", w.design.wb_010_c, &kTemperatureBound},
  };
  for (const auto& s : scalars) {
    if (!s.bound->contains(s.value)) {
      fail(where, s.key,
           std::string(s.key) + " = " + format_number(s.value) + ": expected " +
               expected_text(*s.bound));
    }
  }

  bool months_ok = true;
  for (std::size_t k = 0; k < n; ++k) {
    months_ok &= (w.month[k] >= 1) & (w.month[k] <= 12) & (k == 0 || w.month[k] >= w.month[k - 1]);
  }
  for (std::size_t k = 0; !months_ok && k < n; ++k) {
    const int m = w.month[k];
    if (m < 1 || m > 12 || (k > 0 && m < w.month[k - 1])) {
      fail_step(where, k, "month", std::to_string(m),
                k > 0 && m >= 1 && m <= 12
                    ? "expected a month not before the previous step's " +
                          std::to_string(w.month[k - 1]) + " (steps run forward in time)"
                    : std::string("expected a month from 1 to 12"));
    }
  }
  for (const Series& s : series) {
    const std::size_t k = first_outside(*s.values, *s.bound);
    if (k < n) {
      fail_step(where, k, s.key, format_number((*s.values)[k]),
                "expected " + expected_text(*s.bound));
    }
  }
  for (std::size_t k = 0; k < n; ++k) {
    const double t = w.dry_bulb_c[k];
    if (check_dew_point(t, w.dew_point_c[k]) == DewPointCheck::kError) {
      fail_step(where, k, "dew_point_c", format_number(w.dew_point_c[k]),
                dew_point_expected(t, w.dew_point_c[k]));
    }
    if (w.wet_bulb_c[k] > t + kWetBulbAboveDryTolerance_k) {
      fail_step(where, k, "wet_bulb_c", format_number(w.wet_bulb_c[k]),
                "expected a wet-bulb at most the dry-bulb (" + with_unit(t, "°C") + ") + " +
                    format_number(kWetBulbAboveDryTolerance_k) + " K");
    }
    if (vapour_reaches_pressure(t, w.relative_humidity[k], w.pressure_pa[k])) {
      fail_step(
          where, k, "pressure_pa", format_number(w.pressure_pa[k]),
          "expected a station pressure above the vapour pressure of the air (" +
              format_number(w.relative_humidity[k] * weather_detail::saturation_pressure_pa(t)) +
              " Pa at " + with_unit(t, "°C") + " and relative humidity " +
              percent(w.relative_humidity[k]) + ")");
    }
  }
}

}  // namespace dcload::detail
