// A site file read once and loaded many times with different overrides (sweeps), and the
// guarded TOML parser that site files use, for other TOML inputs (sweep files).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "dcload/site.hpp"

namespace dcload::detail {

/// The parsed tree of a site file (its `extends` chain merged), kept for variants: each load()
/// applies `--set`-style overrides to a copy and reads the site from it, without reading or
/// parsing the file again. A copied tree has no source positions (toml++ drops them on copy),
/// so errors of a variant name the override, not a line; read the base once with load_site()
/// to check the file itself.
class SiteTree {
 public:
  explicit SiteTree(const std::filesystem::path& path);
  Site load(const std::vector<std::string>& overrides) const;
  /// Throws ConfigError (naming `file`, `line`, `column` — where the key was written — and
  /// `key`) when `key` indexes an array entry this site does not have, e.g. cluster[2] of a
  /// site with two clusters (a --set would add one; a sweep must not).
  void check_indices(const std::string& key, const std::string& file, int line, int column) const;
  const std::string& name() const { return name_; }

 private:
  toml::table root_;
  std::string name_;
};

/// TOML text to a table, with the nesting guard of site files; a parse error is a ConfigError
/// at its line and column in `name`.
toml::table parse_guarded_toml(std::string_view text, const std::string& name);

}  // namespace dcload::detail
