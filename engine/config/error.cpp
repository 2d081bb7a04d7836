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
}  // namespace

ConfigError::ConfigError(std::string file, int line, int column, std::string key,
                         std::string message)
    : std::runtime_error(location_prefix(file, line, column) + message),
      file_(std::move(file)),
      line_(line),
      column_(column),
      key_(std::move(key)),
      message_(std::move(message)) {}

}  // namespace dcload
