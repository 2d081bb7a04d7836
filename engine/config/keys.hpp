#pragma once
// The one table of site-file keys. It drives the TOML reader (unknown keys, types, dimensions,
// ranges, defaults), `--set` overrides and the reference in README (`dcload keys --markdown`;
// tests/test_config.cpp fails when README's copy is stale).

#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "config/quantity.hpp"

namespace dcload::detail {

enum class Kind { kQuantity, kInteger, kReal, kString, kEnum, kBool };

struct KeySpec {
  std::string_view path;          // dotted; array elements as "cluster[].count"
  Kind kind;
  Dimension dim;                  // for kQuantity (and kReal as kNone)
  std::string_view default_text;  // as written in TOML (without quotes); "" = required
  double min;                     // SI, inclusive
  double max;                     // SI, inclusive
  std::vector<std::string_view> choices;  // kEnum
  std::string_view description;
  std::string_view source;        // where the default comes from
  bool required = false;
};

constexpr double kNoMin = -std::numeric_limits<double>::infinity();
constexpr double kNoMax = std::numeric_limits<double>::infinity();

const std::vector<KeySpec>& key_table();

/// Key pattern ("cluster[].count") of a concrete path ("cluster[3].count").
std::string pattern_of(std::string_view concrete_path);
/// The spec for a pattern, or nullptr.
const KeySpec* find_key(std::string_view pattern);
/// Array-of-tables names ("cluster", "supply") and plain table names ("grid", ...).
bool is_array_table(std::string_view name);
bool is_table(std::string_view pattern);
/// The closest known key for an unknown one ("" if nothing is close).
std::string suggest_key(std::string_view pattern);
/// The closest known table name for an unknown one ("" if nothing is close).
std::string suggest_table(std::string_view pattern);
/// True for a hall-level cooling key leaf ("chilled_water_supply"): valid in [cooling] as the
/// campus default and in [[hall]] entries.
bool is_hall_key(std::string_view leaf);
/// Edit distance (Levenshtein), for suggestions.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace dcload::detail
