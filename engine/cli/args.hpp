#pragma once
// Minimal command-line parsing for `dcload`: positional arguments, `--flag`, `--opt VALUE`
// and `--opt=VALUE`, repeatable options. Unknown options are usage errors (exit 2).
#include <map>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace dcload {
class OutputFolder;
}

namespace dcload::cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct Args {
  std::vector<std::string> positional;
  std::set<std::string> flags;
  std::map<std::string, std::vector<std::string>> options;

  bool flag(const std::string& f) const { return flags.count(f) != 0; }
  const std::vector<std::string>& all(const std::string& o) const;
  std::string value(const std::string& o, const std::string& fallback = "") const;
};

/// Parse argv[first..]. `flag_names` take no value; `option_names` take one.
Args parse_args(int argc, char** argv, int first, const std::set<std::string>& flag_names,
                const std::set<std::string>& option_names);

/// The command line as typed ("dcload report configs/ulsan.toml"), arguments with spaces quoted;
/// for the footer of reports.
std::string command_line(int argc, char** argv);

/// Writes `text` as `name` into the folder being prepared (it appears with the rest at
/// commit()). Throws ConfigError when writing fails.
void write_text(const OutputFolder& folder, const std::string& name, const std::string& text);

}  // namespace dcload::cli
