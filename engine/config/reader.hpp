#pragma once
// The site-file reader's shared parts: validated values by key path, their source locations,
// the defaults of the key table, and the problem list both the reader and Site::validate() fill.
// Each stage reads its own part of a site beside the spec it fills (engine/it/it_spec.cpp,
// engine/electrical/electrical_spec.cpp, engine/cooling/cooling_spec.cpp,
// engine/grid/grid_spec.cpp, engine/supply/supply_spec.cpp); engine/config/site_loader.cpp
// parses the TOML, applies `extends` and `--set`, checks every leaf against the key table and
// calls them.

#include <toml++/toml.h>

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "config/keys.hpp"
#include "config/names.hpp"
#include "dcload/error.hpp"
#include "dcload/site.hpp"

namespace dcload::detail {

struct Loc {
  std::string file;
  int line = 0;
  int column = 0;
};

/// One leaf of the site file, checked against its KeySpec.
struct Value {
  const KeySpec* spec = nullptr;
  double number = 0;     // SI for quantities, plain for reals
  int64_t integer = 0;
  std::string text;      // strings and enums; "KRW"/"USD" for money quantities
  std::string written;   // the value as written (for messages)
  bool boolean = false;
  Loc loc;
};

/// Problems found in a site: key path and a one-line message that starts with the key.
/// The reader turns them into ConfigErrors at the key's location; Site::validate() returns
/// them as text.
class Problems {
 public:
  void add(std::string key, std::string message) {
    items_.push_back({std::move(key), std::move(message)});
  }
  /// "key = VALUE UNIT: out of range, expected MIN … MAX UNIT" when `si` is outside the key
  /// table's range for the key (any index: "cluster[3].count" uses "cluster[].count").
  void range(const std::string& key, double si);
  bool empty() const { return items_.empty(); }
  struct Item {
    std::string key, message;
  };
  const std::vector<Item>& items() const { return items_; }

 private:
  std::vector<Item> items_;
};

/// Largest number of errors `dcload validate` reports from one file.
inline constexpr std::size_t kMaxReportedErrors = 20;

class Reader {
 public:
  Reader(std::map<std::string, Value> values, const toml::table& root, std::string file,
         std::vector<ConfigError>* collect)
      : values_(std::move(values)), root_(root), file_(std::move(file)), collect_(collect) {}

  const Value* find(const std::string& path) const;
  bool has(const std::string& path) const { return find(path) != nullptr; }

  /// The value of a key in SI (as given, or its default): quantities, reals.
  double quantity(const std::string& path) const;
  double real(const std::string& path) const { return quantity(path); }
  /// A money quantity in USD: KRW values (given or default) divided by `krw_per_usd`.
  double money(const std::string& path, double krw_per_usd) const;
  int64_t integer(const std::string& path) const;
  std::string text(const std::string& path) const;
  bool boolean(const std::string& path) const;

  /// A hall-level cooling key for hall `i` of technology `tech`: hall[i].KEY if given, else
  /// cooling.KEY if given, else the catalog default of `tech`.
  double hall_quantity(std::size_t i, const std::string& tech, const std::string& leaf) const;
  bool hall_boolean(std::size_t i, const std::string& leaf) const;
  /// The key path a hall-level value came from (for error locations).
  std::string hall_source_key(std::size_t i, const std::string& leaf) const;

  /// Default text of a key, resolving "@cooling", "@plant", "@supply", "@economics", "@ups".
  std::string default_text(const KeySpec& s, const std::string& path) const;

  /// Location of a key for errors raised while building (the site file when not given).
  Loc loc(const std::string& path) const;
  const std::string& file() const { return file_; }

  /// An error at a key: thrown, or collected when the reader collects (`dcload validate`).
  /// Returns normally only when collecting; callers then skip what depended on the value.
  void problem(const std::string& path, const std::string& message) const;
  /// An error that makes further reading meaningless: always thrown.
  [[noreturn]] void fail(const std::string& path, const std::string& message) const;
  /// An error that depends on this key alone (a name not in a catalog, a referenced file that is
  /// missing or bad): reported even when other keys failed (`lookups_only`).
  void lookup_problem(const std::string& path, const std::string& message) const;
  bool collecting() const { return collect_ != nullptr; }
  /// Collecting after value errors: defaults stand in for the failed values, so consistency
  /// problems would be follow-on errors; only lookup problems are reported.
  void set_lookups_only(bool on) { lookups_only_ = on; }

  const toml::table* table_at(const std::string& array, std::size_t i) const;
  std::size_t array_size(const std::string& name) const;
  const toml::table& root() const { return root_; }

  /// Required keys: top-level and per element of arrays of tables.
  void check_required() const;

  /// The keys read so far, given or defaulted (Site::inputs), in key order.
  std::vector<ResolvedInput> used_inputs() const;

 private:
  const KeySpec& spec(const std::string& path) const;
  // Records a key read by a getter: given (`v`) or its default text.
  void note(const std::string& path, const Value* v, const KeySpec& s,
            const std::string& default_value) const;
  mutable std::map<std::string, ResolvedInput> used_;
  // configs/catalog/... [table]: its comment, for a default taken from a catalog ("@...").
  std::string catalog_source_of(const KeySpec& s, const std::string& path) const;
  std::map<std::string, Value> values_;
  const toml::table& root_;
  std::string file_;
  std::vector<ConfigError>* collect_;
  bool lookups_only_ = false;
};

/// "YYYY-MM-DD" (or "YYYY-MM", "YYYY") with a real calendar day.
bool parse_date(const std::string& text, int& year, int& month, int& day);
/// Read a data file named by a site key (regular file, size cap; engine/io/files.hpp).
std::string read_referenced_file(const std::filesystem::path& path, const Loc& from,
                                 const std::string& key, const char* what);

// ---- per-stage parts (each beside the spec it fills) -----------------------------------------
// read_*: fill the Site from the reader (problems go through Reader::problem).
// check_*: the consistency and range checks of that part on a built Site (Site::validate()).
void read_it(const Reader& r, Site& site, bool require_clusters = true);
void check_it(const Site& site, Problems& p);
void read_electrical(const Reader& r, Site& site);
void check_electrical(const Site& site, Problems& p);
void read_cooling(const Reader& r, Site& site);  // [cooling] plant and [[hall]] entries
void check_cooling(const Site& site, Problems& p);
void read_grid(const Reader& r, Site& site);
/// An hourly profile, CSV `hour,VALUE` with one of `headers` as its header line: 8,760 rows
/// (hour of the year from 0) or 24 (hour of the day), each value in [lo, hi] (`unit` for
/// messages), returned × `scale` (engine/supply/supply_spec.cpp). A header `month,VALUE` (when
/// `headers` offers one) takes 12 rows, months 1 to 12.
std::vector<double> read_hourly_profile(const std::filesystem::path& csv, const Loc& from,
                                        const std::string& key, const std::string& what,
                                        const std::vector<std::string>& headers, double lo,
                                        double hi, const std::string& unit, double scale);
void check_grid(const Site& site, Problems& p);
void read_swing(const Reader& r, Site& site);   // [grid.limits], [smoothing], [ride_through], [swing]
void check_swing(const Site& site, Problems& p);
void read_supply(const Reader& r, Site& site);   // [[supply]] and [economics]
void check_supply(const Site& site, Problems& p);

/// All checks of a built site.
void check_site(const Site& site, Problems& p);

}  // namespace dcload::detail
