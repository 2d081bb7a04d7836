#pragma once
// Small text helpers shared by the EPW and CSV weather readers: whole-file reads and
// allocation-free number parsing on string_views.
#include <charconv>
#include <filesystem>
#include <string>
#include <string_view>

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

/// Parse a whole field as a decimal number (a leading '+' is accepted); false when the field
/// is empty or has anything but the number and surrounding blanks.
inline bool parse_number(std::string_view field, double& out) {
  field = trim(field);
  if (!field.empty() && field.front() == '+') field.remove_prefix(1);
  if (field.empty()) return false;
  const char* end = field.data() + field.size();
  const auto [ptr, ec] = std::from_chars(field.data(), end, out);
  return ec == std::errc() && ptr == end;
}

}  // namespace dcload::weather_detail
