#pragma once
// Small text helpers shared by the EPW and CSV weather readers and the workload-trace reader:
// whole-file reads and allocation-free number parsing on string_views.
#include <charconv>
#include <filesystem>
#include <limits>
#include <string>
#include <string_view>
#include <system_error>

namespace dcload::weather_detail {

/// The whole file as one string; throws ConfigError naming the path when it cannot be read.
std::string read_whole_file(const std::filesystem::path& path);

/// Strip ASCII spaces, tabs and carriage returns at both ends.
inline std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
    s.remove_suffix(1);
  }
  return s;
}

/// Trim `field` and drop one leading '+' (from_chars takes only '-'); false when nothing is
/// left or a second sign follows ("+-5").
inline bool number_text(std::string_view& field) {
  field = trim(field);
  if (!field.empty() && field.front() == '+') {
    field.remove_prefix(1);
    if (!field.empty() && field.front() == '-') return false;
  }
  return !field.empty();
}

/// Parse a whole field as a decimal number (a leading '+' is accepted); false when the field
/// is empty or has anything but the number and surrounding blanks. Note that "inf", "nan" and
/// out-of-range exponents ("1e999" fails, "1e308" does not) follow std::from_chars: callers
/// check that the value is finite and inside the field's bounds.
inline bool parse_number(std::string_view field, double& out) {
  if (!number_text(field)) return false;
  const char* end = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), end, out);
  return ec == std::errc() && ptr == end;
}

/// Parse a whole field as a decimal integer: an optional sign and digits, blanks around. False
/// for anything else ("3.5", "1e10", "nan", "") and for values outside int — so an integer
/// field is never read through a double and a float→int conversion of an out-of-range value
/// (undefined behaviour, C++20 [conv.fpint]) cannot happen. Hand-written rather than
/// std::from_chars<int>, whose any-base loop cost 70 instructions a field in the EPW reader.
inline bool parse_int(std::string_view field, int& out) {
  if (!number_text(field)) return false;
  const bool negative = field.front() == '-';
  if (negative) field.remove_prefix(1);
  if (field.empty() || field.size() > 10) return false;  // INT_MAX has 10 digits
  long long v = 0;
  for (const char c : field) {
    const unsigned digit = static_cast<unsigned>(static_cast<unsigned char>(c)) - '0';
    if (digit > 9) return false;
    v = v * 10 + digit;
  }
  if (negative) v = -v;
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) return false;
  out = static_cast<int>(v);
  return true;
}

/// The shortest text that reads back as `v` ("90", "-1e+308", "-inf", "nan"), for messages.
inline std::string format_number(double v) {
  char buf[32];
  const auto [ptr, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, ptr) : std::string("?");
}

}  // namespace dcload::weather_detail
