#pragma once
/// \file error.hpp
/// The one exception dcload throws for bad input.

#include <stdexcept>
#include <string>

namespace dcload {

/// Bad input: malformed TOML, a wrong unit, an unknown or missing key, a value out of physical
/// range, a truncated or malformed weather file, a bad command-line override.
///
/// `what()` is one line that starts with `FILE:LINE:COLUMN:` when the place is known (line and
/// column are 1-based; 0 means unknown and is left out), followed by the key path and a message a
/// planner can act on, e.g.
/// `configs/ulsan.toml:14:17: cooling.supply_temperature = "45 kg": expected a temperature (°C, K), got a mass`.
///
/// Physical outcomes (an undersized plant, demand over the connection) are never ConfigErrors:
/// they are reported in RunResult::status.
class ConfigError : public std::runtime_error {
 public:
  /// \param file    the file the problem is in ("" when it came from the command line or code)
  /// \param line    1-based line, 0 when unknown
  /// \param column  1-based column, 0 when unknown
  /// \param key     dotted key path, e.g. `cluster[0].count` ("" when not about a key)
  /// \param message what was expected and what was given
  ConfigError(std::string file, int line, int column, std::string key, std::string message);

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  int column() const { return column_; }
  const std::string& key() const { return key_; }
  /// The message without the location prefix.
  const std::string& message() const { return message_; }

 private:
  std::string file_;
  int line_;
  int column_;
  std::string key_;
  std::string message_;
};

}  // namespace dcload
