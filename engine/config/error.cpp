#include "dcload/error.hpp"

#include <utility>

namespace dcload {
namespace {
std::string location_prefix(const std::string& file, int line, int column) {
  if (file.empty()) return {};
  std::string s = file;
  if (line > 0) {
    s += ':' + std::to_string(line);
    if (column > 0) s += ':' + std::to_string(column);
  }
  return s + ": ";
}

// One printable line, whatever the input held: control bytes (a NUL, a newline inside a quoted
// value, terminal escapes) become \xNN, and a message longer than 600 bytes is cut.
std::string one_line(std::string text) {
  constexpr std::size_t kMax = 600;
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7f) {
      static const char* kHex = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
    if (out.size() >= kMax) {
      // do not cut inside a UTF-8 sequence
      while (!out.empty() && (static_cast<unsigned char>(out.back()) & 0xC0) == 0x80) out.pop_back();
      if (!out.empty() && static_cast<unsigned char>(out.back()) >= 0xC0) out.pop_back();
      out += "… (message cut)";
      break;
    }
  }
  return out;
}
}  // namespace

ConfigError::ConfigError(std::string file, int line, int column, std::string key,
                         std::string message)
    : std::runtime_error(one_line(location_prefix(file, line, column) + message)),
      file_(std::move(file)),
      line_(line),
      column_(column),
      key_(std::move(key)),
      message_(one_line(std::move(message))) {}

}  // namespace dcload
