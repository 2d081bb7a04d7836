// Site files: TOML → validated values (driven by the key table) → Site in SI units.
#include <toml++/toml.h>

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <cmath>
#include <map>
#include <sstream>

#include "config/catalog.hpp"
#include "config/embedded.hpp"
#include "config/keys.hpp"
#include "config/supply_catalog.hpp"
#include "config/quantity.hpp"
#include "io/files.hpp"
#include "it/workload.hpp"
#include "dcload/error.hpp"
#include "dcload/site.hpp"

namespace dcload {
namespace detail {
namespace {

struct Loc {
  std::string file;
  int line = 0;
  int column = 0;
};

struct Value {
  const KeySpec* spec = nullptr;
  double number = 0;     // SI for quantities, plain for reals
  int64_t integer = 0;
  std::string text;      // strings and enums; "KRW"/"USD" for money quantities
  std::string written;   // money quantities: the value as written (range-checked after conversion)
  bool boolean = false;
  Loc loc;
};

// Where a node came from; overrides have no source and are named by their --set text.
struct Context {
  std::map<std::string, std::string> override_text;  // concrete path → "KEY=VALUE"
};

Loc loc_of(const toml::node& n) {
  const auto& s = n.source();
  Loc l;
  if (s.path) l.file = *s.path;
  l.line = static_cast<int>(s.begin.line);
  l.column = static_cast<int>(s.begin.column);
  return l;
}

[[noreturn]] void fail(const Loc& loc, const std::string& key, const std::string& msg) {
  throw ConfigError(loc.file, loc.line, loc.column, key, msg);
}

Loc node_loc(const toml::node& n, const std::string& path, const Context& ctx) {
  auto it = ctx.override_text.find(path);
  if (it != ctx.override_text.end()) return Loc{"--set " + it->second, 0, 0};
  return loc_of(n);
}

std::string as_written(const toml::node& n) {
  if (auto s = n.value_exact<std::string>()) return "\"" + *s + "\"";
  std::ostringstream os;
  if (n.is_table()) return "a table";
  if (n.is_array()) return "an array";
  n.visit([&](const auto& v) { os << v; });
  return os.str();
}

std::string join(const std::vector<std::string>& v, const char* sep = ", ") {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
  return s;
}

std::string closest(const std::string& given, const std::vector<std::string>& names) {
  std::string best;
  size_t best_d = std::string::npos;
  for (const auto& n : names) {
    std::string a = given, b = n;
    std::transform(a.begin(), a.end(), a.begin(), ::tolower);
    std::transform(b.begin(), b.end(), b.begin(), ::tolower);
    size_t d = edit_distance(a, b);
    if (b.find(a) != std::string::npos || a.find(b) != std::string::npos) d = std::min<size_t>(d, 1);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  return best_d <= std::max<size_t>(2, given.size() / 2) ? best : std::string();
}

// ---- reading files, extends ------------------------------------------------------------

toml::table parse_text(std::string_view text, const std::string& name) {
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    const auto& s = e.source();
    throw ConfigError(name, static_cast<int>(s.begin.line), static_cast<int>(s.begin.column), "",
                      "malformed TOML: " + std::string(e.description()));
  }
}

std::string read_file(const std::filesystem::path& path, const Loc& from, const std::string& key,
                      const char* what = "site file") {
  InputFile f;
  f.path = path;
  f.what = what;
  f.max_bytes = std::string_view(what) == "site file" ? kMaxSiteFileBytes : kMaxDataFileBytes;
  f.from_file = from.file;
  f.from_line = from.line;
  f.from_column = from.column;
  f.key = key;
  return read_input_file(f);
}

// Nodes are moved, never copied: toml++ keeps a node's source (file, line, column) on move but
// drops it on copy, and every error must still name the file and line the value came from.
void merge_into(toml::table& base, toml::table& over) {
  for (auto&& [k, v] : over) {
    toml::node* b = base.get(k);
    if (b != nullptr && b->is_table() && v.is_table()) {
      merge_into(*b->as_table(), *v.as_table());
    } else if (v.is_table()) {
      base.insert_or_assign(k, std::move(*v.as_table()));
    } else if (v.is_array()) {
      base.insert_or_assign(k, std::move(*v.as_array()));  // arrays ([[cluster]]) replace whole
    } else {
      // Init-capture, not [&]: clang before 16 cannot capture a structured binding (P1091R3).
      v.visit([&base, &key = k](auto& value) { base.insert_or_assign(key, std::move(value)); });
    }
  }
}

toml::table load_tree(const std::filesystem::path& path, std::string_view text,
                      const std::string& name, int depth) {
  toml::table t = parse_text(text, name);
  const toml::node* ext = t.get("extends");
  if (ext == nullptr) return t;
  const Loc el = loc_of(*ext);
  auto rel = ext->value_exact<std::string>();
  if (!rel) fail(el, "extends", "extends = " + as_written(*ext) + ": expected a file name string");
  if (depth > 16) fail(el, "extends", "extends: more than 16 levels (a cycle?)");
  const std::filesystem::path base_path = path.parent_path() / *rel;
  const std::string base_text = read_file(base_path, el, "extends");
  toml::table base = load_tree(base_path, base_text, base_path.lexically_normal().string(), depth + 1);
  t.erase("extends");
  merge_into(base, t);
  return base;
}

// ---- --set overrides --------------------------------------------------------------------

struct Segment {
  std::string name;
  long index = -1;
};

std::vector<Segment> split_path(const std::string& path, const std::string& raw) {
  std::vector<Segment> out;
  size_t i = 0;
  while (i <= path.size()) {
    size_t j = path.find('.', i);
    if (j == std::string::npos) j = path.size();
    std::string part = path.substr(i, j - i);
    Segment s;
    const size_t br = part.find('[');
    if (br != std::string::npos) {
      const size_t close = part.find(']', br);
      if (close == std::string::npos || close != part.size() - 1)
        throw ConfigError("--set " + raw, 0, 0, path, "bad index in key path \"" + path + "\"");
      try {
        s.index = std::stol(part.substr(br + 1, close - br - 1));
      } catch (...) {
        throw ConfigError("--set " + raw, 0, 0, path, "bad index in key path \"" + path + "\"");
      }
      part = part.substr(0, br);
    }
    if (part.empty())
      throw ConfigError("--set " + raw, 0, 0, path, "empty segment in key path \"" + path + "\"");
    s.name = part;
    out.push_back(s);
    i = j + 1;
  }
  return out;
}

void apply_override(toml::table& root, const std::string& raw, Context& ctx) {
  const size_t eq = raw.find('=');
  if (eq == std::string::npos)
    throw ConfigError("--set " + raw, 0, 0, "", "expected KEY=VALUE, e.g. cluster[0].count=30000");
  auto trim = [](std::string s) {
    while (!s.empty() && s.front() == ' ') s.erase(s.begin());
    while (!s.empty() && s.back() == ' ') s.pop_back();
    return s;
  };
  const std::string key = trim(raw.substr(0, eq));
  std::string value = trim(raw.substr(eq + 1));
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
      value.back() == value.front())
    value = value.substr(1, value.size() - 2);
  const std::string pattern = pattern_of(key);
  const KeySpec* spec = find_key(pattern);
  if (spec == nullptr || pattern == "extends") {
    const std::string s = suggest_key(pattern);
    throw ConfigError("--set " + raw, 0, 0, key,
                      "unknown key \"" + key + "\"" + (s.empty() ? "" : "; did you mean " + s + "?"));
  }
  const auto segs = split_path(key, raw);
  toml::table* t = &root;
  for (size_t i = 0; i + 1 < segs.size(); ++i) {
    const Segment& s = segs[i];
    if (s.index >= 0) {
      toml::array* arr = t->get_as<toml::array>(s.name);
      if (arr == nullptr) {
        t->insert_or_assign(s.name, toml::array{});
        arr = t->get_as<toml::array>(s.name);
      }
      if (s.index > static_cast<long>(arr->size()))
        throw ConfigError("--set " + raw, 0, 0, key,
                          s.name + "[" + std::to_string(s.index) + "] does not exist (there are " +
                              std::to_string(arr->size()) + "); use index " +
                              std::to_string(arr->size()) + " to add one");
      if (s.index == static_cast<long>(arr->size())) arr->push_back(toml::table{});
      t = (*arr)[static_cast<size_t>(s.index)].as_table();
    } else {
      toml::table* next = t->get_as<toml::table>(s.name);
      if (next == nullptr) {
        t->insert_or_assign(s.name, toml::table{});
        next = t->get_as<toml::table>(s.name);
      }
      t = next;
    }
    if (t == nullptr) throw ConfigError("--set " + raw, 0, 0, key, "\"" + key + "\" is not a table");
  }
  const std::string& leaf = segs.back().name;
  auto bad = [&](const std::string& what) {
    throw ConfigError("--set " + raw, 0, 0, key, key + " = \"" + value + "\": " + what);
  };
  switch (spec->kind) {
    case Kind::kInteger: {
      int64_t v = 0;
      size_t used = 0;
      try {
        v = std::stoll(value, &used);
      } catch (...) {
        bad("expected an integer");
      }
      if (used != value.size()) bad("expected an integer");
      t->insert_or_assign(leaf, v);
      break;
    }
    case Kind::kReal: {
      double v = 0;
      size_t used = 0;
      try {
        v = std::stod(value, &used);
      } catch (...) {
        bad("expected a number");
      }
      if (used != value.size()) bad("expected a number");
      t->insert_or_assign(leaf, v);
      break;
    }
    case Kind::kBool:
      if (value == "true") t->insert_or_assign(leaf, true);
      else if (value == "false") t->insert_or_assign(leaf, false);
      else bad("expected true or false");
      break;
    default:
      t->insert_or_assign(leaf, value);
  }
  ctx.override_text[key] = raw;
}

// ---- validation -------------------------------------------------------------------------

void check_range(const Value& v, const std::string& path, const toml::node& n, double x) {
  const KeySpec& s = *v.spec;
  if (x >= s.min && x <= s.max) return;
  auto show = [&](double si) {
    std::ostringstream os;
    const double d = s.kind == Kind::kQuantity ? to_display(si, s.dim) : si;
    os << d;
    const std::string_view u = s.kind == Kind::kQuantity ? display_unit(s.dim) : "";
    if (!u.empty()) os << ' ' << u;
    return os.str();
  };
  std::string range;
  if (std::isinf(s.min)) range = "at most " + show(s.max);
  else if (std::isinf(s.max)) range = "at least " + show(s.min);
  else range = show(s.min) + " … " + show(s.max);
  fail(v.loc, path, path + " = " + as_written(n) + ": out of range, expected " + range);
}

void validate_leaf(const std::string& path, const toml::node& n, const Context& ctx,
                   std::map<std::string, Value>& values) {
  const std::string pattern = pattern_of(path);
  const KeySpec* spec = find_key(pattern);
  const Loc loc = node_loc(n, path, ctx);
  if (spec == nullptr) {
    const std::string s = suggest_key(pattern);
    fail(loc, path, "unknown key \"" + path + "\"" + (s.empty() ? "" : "; did you mean " + s + "?"));
  }
  Value v;
  v.spec = spec;
  v.loc = loc;
  const std::string got = as_written(n);
  switch (spec->kind) {
    case Kind::kQuantity: {
      if (auto s = n.value_exact<std::string>()) {
        try {
          const Quantity q = parse_quantity(*s, spec->dim);
          v.number = q.value_si;
          if (is_money(spec->dim)) {
            // Money: the range (in USD) is checked once KRW is converted (Reader::money).
            v.text = q.dim.e[static_cast<int>(DimIndex::kKrw)] != 0 ? "KRW" : "USD";
            v.written = got;
            values[path] = v;
            return;
          }
        } catch (const QuantityError& e) {
          fail(loc, path, path + " = " + got + ": " + e.what());
        }
      } else if ((n.is_number()) && spec->dim == Dimension::kFraction) {
        v.number = *n.value<double>();
      } else if (n.is_number()) {
        fail(loc, path,
             path + " = " + got + ": expected " + std::string(describe(spec->dim)) +
                 " written with its unit, e.g. \"" + got + " " +
                 std::string(display_unit(spec->dim)) + "\"");
      } else {
        fail(loc, path, path + " = " + got + ": expected " + std::string(describe(spec->dim)));
      }
      check_range(v, path, n, v.number);
      break;
    }
    case Kind::kInteger: {
      auto i = n.value_exact<int64_t>();
      if (!i) fail(loc, path, path + " = " + got + ": expected an integer");
      v.integer = *i;
      check_range(v, path, n, static_cast<double>(*i));
      break;
    }
    case Kind::kReal: {
      if (!n.is_number()) fail(loc, path, path + " = " + got + ": expected a number");
      v.number = *n.value<double>();
      check_range(v, path, n, v.number);
      break;
    }
    case Kind::kString: {
      auto s = n.value_exact<std::string>();
      if (!s) fail(loc, path, path + " = " + got + ": expected a string");
      v.text = *s;
      break;
    }
    case Kind::kEnum: {
      auto s = n.value_exact<std::string>();
      std::vector<std::string> choices(spec->choices.begin(), spec->choices.end());
      if (!s || std::find(choices.begin(), choices.end(), *s) == choices.end())
        fail(loc, path, path + " = " + got + ": expected one of " + join(choices));
      v.text = *s;
      break;
    }
    case Kind::kBool: {
      auto b = n.value_exact<bool>();
      if (!b) fail(loc, path, path + " = " + got + ": expected true or false");
      v.boolean = *b;
      break;
    }
  }
  values[path] = v;
}

void validate_table(const toml::table& t, const std::string& prefix, const Context& ctx,
                    std::map<std::string, Value>& values) {
  for (auto&& [k, node] : t) {
    const std::string path = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    const std::string pattern = pattern_of(path);
    if (node.is_table()) {
      if (!is_table(pattern)) {
        const std::string s = suggest_table(pattern);
        fail(node_loc(node, path, ctx), path,
             "unknown table [" + path + "]" + (s.empty() ? "" : "; did you mean [" + s + "]?"));
      }
      validate_table(*node.as_table(), path, ctx, values);
    } else if (node.is_array() && is_array_table(pattern)) {
      const toml::array& arr = *node.as_array();
      for (size_t i = 0; i < arr.size(); ++i) {
        const std::string ep = path + "[" + std::to_string(i) + "]";
        if (!arr[i].is_table())
          fail(loc_of(arr[i]), ep, ep + ": expected a table ([[" + path + "]])");
        validate_table(*arr[i].as_table(), ep, ctx, values);
      }
    } else {
      validate_leaf(path, node, ctx, values);
    }
  }
}

// ---- building the Site ------------------------------------------------------------------

class Reader {
 public:
  Reader(std::map<std::string, Value> values, const toml::table& root, std::string file)
      : values_(std::move(values)), root_(root), file_(std::move(file)) {}

  const Value* find(const std::string& path) const {
    auto it = values_.find(path);
    return it == values_.end() ? nullptr : &it->second;
  }

  // Default text of a key, resolving "@cooling" against the chosen technology.
  std::string default_text(const KeySpec& s, const std::string& path) const {
    std::string d(s.default_text);
    if (d == "@cooling") {
      const std::string leaf = path.substr(path.rfind('.') + 1);
      d = cooling_default(text("cooling.technology"), leaf);
      if (d.empty()) throw std::logic_error("cooling catalog lacks " + leaf);
    } else if (d == "@supply") {
      // "supply[3].tariff" → the catalog table of entry 3's type (and wind location).
      const std::string entry = path.substr(0, path.rfind('.') + 1);
      const std::string leaf = path.substr(path.rfind('.') + 1);
      const std::string table = entry == "supply[]."
                                    ? std::string("grid")
                                    : supply_table_name(text(entry + "type"),
                                                        text(entry + "location"));
      d = supply_default(table, leaf);
      if (d.empty())
        throw std::logic_error("configs/catalog/supply.toml [type." + table + "] lacks " + leaf);
    } else if (d == "@economics") {
      const std::string leaf = path.substr(path.rfind('.') + 1);
      d = economics_default(leaf);
      if (d.empty()) throw std::logic_error("configs/catalog/supply.toml [economics] lacks " + leaf);
    }
    return d;
  }

  double quantity(const std::string& path) const {
    if (const Value* v = find(path)) return v->number;
    const KeySpec& s = spec(path);
    const std::string d = default_text(s, path);
    if (s.kind == Kind::kReal) return std::stod(d);
    return parse_quantity(d, s.dim).value_si;
  }
  double real(const std::string& path) const { return quantity(path); }
  /// A money quantity in USD: KRW values (given or default) divided by `krw_per_usd`.
  double money(const std::string& path, double krw_per_usd) const {
    bool krw = false;
    double si = 0;
    if (const Value* v = find(path)) {
      si = v->number;
      krw = v->text == "KRW";
      const double usd = krw ? si / krw_per_usd : si;
      const KeySpec& s = *v->spec;
      if (!(usd >= s.min && usd <= s.max)) {
        char buf[160];
        std::snprintf(buf, sizeof buf, "out of range, expected %g … %g %s", to_display(s.min, s.dim),
                      to_display(s.max, s.dim), std::string(display_unit(s.dim)).c_str());
        fail(v->loc, path,
             path + " = " + v->written + (krw ? " (" + std::to_string(to_display(usd, s.dim)) +
                                                   " " + std::string(display_unit(s.dim)) + ")"
                                              : "") +
                 ": " + buf);
      }
      return usd;
    } else {
      const KeySpec& s = spec(path);
      const Quantity q = parse_quantity(default_text(s, path), s.dim);
      si = q.value_si;
      krw = q.dim.e[static_cast<int>(DimIndex::kKrw)] != 0;
    }
    return krw ? si / krw_per_usd : si;
  }
  int64_t integer(const std::string& path) const {
    if (const Value* v = find(path)) return v->integer;
    const KeySpec& s = spec(path);
    return std::stoll(default_text(s, path));
  }
  std::string text(const std::string& path) const {
    if (const Value* v = find(path)) return v->text;
    const KeySpec& s = spec(path);
    if (!s.default_text.empty() && s.default_text[0] == '@') return default_text(s, path);
    return std::string(s.default_text);
  }
  bool has(const std::string& path) const { return find(path) != nullptr; }
  bool boolean(const std::string& path) const {
    if (const Value* v = find(path)) return v->boolean;
    return spec(path).default_text == "true";
  }

  // Location of a key for errors raised while building (e.g. unknown catalog names).
  Loc loc(const std::string& path) const {
    if (const Value* v = find(path)) return v->loc;
    return Loc{file_, 0, 0};
  }

  // Check required keys: top-level and per element of arrays of tables.
  void check_required() const {
    for (const auto& s : key_table()) {
      if (!s.required) continue;
      const std::string p(s.path);
      const size_t br = p.find("[]");
      if (br == std::string::npos) {
        if (!has(p)) throw ConfigError(file_, 0, 0, p, "missing required key " + p + " (" +
                                                           std::string(s.description) + ")");
        continue;
      }
      const std::string array = p.substr(0, br);
      const std::string rest = p.substr(br + 2);
      const toml::array* arr = root_.at_path(array).as_array();
      if (arr == nullptr || arr->empty()) {
        if (array == "cluster")
          throw ConfigError(file_, 0, 0, array,
                            "missing [[cluster]]: a site needs at least one cluster of accelerators");
        continue;
      }
      for (size_t i = 0; i < arr->size(); ++i) {
        const std::string path = array + "[" + std::to_string(i) + "]" + rest;
        if (!has(path)) {
          const Loc l = loc_of((*arr)[i]);
          fail(l, path, "missing required key " + path + " (" + std::string(s.description) + ")");
        }
      }
    }
  }

  const toml::table* table_at(const std::string& array, size_t i) const {
    const toml::array* arr = root_.at_path(array).as_array();
    return arr == nullptr || i >= arr->size() ? nullptr : (*arr)[i].as_table();
  }

  size_t array_size(const std::string& name) const {
    const toml::array* arr = root_.at_path(name).as_array();
    return arr == nullptr ? 0 : arr->size();
  }

 private:
  const KeySpec& spec(const std::string& path) const {
    const KeySpec* s = find_key(pattern_of(path));
    if (s == nullptr) throw std::logic_error("no key spec for " + path);
    return *s;
  }
  std::map<std::string, Value> values_;
  const toml::table& root_;
  std::string file_;
};

// "YYYY-MM-DD" (or "YYYY-MM", "YYYY") with a real calendar day.
bool parse_date(const std::string& text, int& year, int& month, int& day) {
  int y = 0, m = 1, d = 1;
  char tail = 0;
  const int n = std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail);
  if (n < 1 || n > 3 || y < 1900 || y > 2200 || m < 1 || m > 12) return false;
  static constexpr int kDays[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (d < 1 || d > kDays[m - 1]) return false;
  year = y;
  month = m;
  day = d;
  return true;
}

// Hourly grid emission factors, CSV `hour,t_per_mwh` (or `hour,kg_per_kwh`, the same number):
// 8,760 rows (hour of the year from 0) or 24 (hour of the day), in order. Returns kg per J.
std::vector<double> read_emission_profile(const std::filesystem::path& csv, const Loc& from,
                                          const std::string& key) {
  const std::string text = read_file(csv, from, key, "emission profile");
  std::istringstream in(text);
  std::string line;
  std::vector<double> v;
  int line_no = 0;
  auto bad = [&](const std::string& why) {
    fail(Loc{csv.string(), line_no, 1}, key, csv.string() + ": " + why);
  };
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) continue;
    if (line_no == 1) {
      if (line != "hour,t_per_mwh" && line != "hour,kg_per_kwh")
        bad("expected the header \"hour,t_per_mwh\" (or \"hour,kg_per_kwh\"), got \"" + line + "\"");
      continue;
    }
    double hour = 0, f = 0;
    char tail = 0;
    if (std::sscanf(line.c_str(), "%lf,%lf%c", &hour, &f, &tail) != 2)
      bad("expected \"HOUR,FACTOR\", got \"" + line + "\"");
    if (hour != static_cast<double>(v.size()))
      bad("hour " + std::to_string(static_cast<long>(hour)) + " out of order (expected " +
          std::to_string(v.size()) + ")");
    if (!(f >= 0 && f <= 1.5)) bad("factor out of range, expected 0 … 1.5 t/MWh");
    v.push_back(f * 1e3 / 3.6e9);  // t/MWh → kg/J
  }
  if (v.size() != 8760 && v.size() != 24)
    fail(Loc{csv.string(), line_no, 1}, key,
         csv.string() + ": " + std::to_string(v.size()) +
             " rows; expected 8,760 (hour of the year) or 24 (hour of the day) — truncated?");
  return v;
}

Site build_site(const Reader& r, const std::string& file) {
  Site site;
  site.file = file;
  site.name = r.text("name");
  if (site.name.empty()) site.name = std::filesystem::path(file).stem().string();
  site.weather = r.text("weather");
  site.seed = static_cast<uint64_t>(r.integer("seed"));
  site.krw_per_usd = r.real("economics.krw_per_usd");

  for (size_t i = 0; i < r.array_size("cluster"); ++i) {
    const std::string p = "cluster[" + std::to_string(i) + "].";
    ClusterSpec c;
    c.name = r.text(p + "name");
    const std::string acc = r.text(p + "accelerator");
    auto entry = find_accelerator(acc);
    if (!entry) {
      const std::string s = closest(acc, accelerator_names());
      fail(r.loc(p + "accelerator"), p + "accelerator",
           p + "accelerator = \"" + acc + "\": not in the accelerator catalog" +
               (s.empty() ? "" : "; did you mean \"" + s + "\"?") + " (known: " +
               join(accelerator_names()) + ")");
    }
    c.accelerator = entry->spec;
    c.count = r.integer(p + "count");
    // A compute target instead of a count (IT issue): "1 EFLOPS" of dense BF16.
    if (const std::string target = r.text(p + "compute"); !target.empty()) {
      if (r.has(p + "count"))
        fail(r.loc(p + "compute"), p + "compute",
             p + "compute = \"" + target + "\": give either count or compute, not both");
      double value = 0;
      char unit[16] = {0};
      int used = 0;
      const bool parsed = std::sscanf(target.c_str(), "%lf %15s%n", &value, unit, &used) == 2 &&
                          used == static_cast<int>(target.size());
      const std::string u = unit;
      const double tflops = u == "TFLOPS" ? 1.0 : u == "PFLOPS" ? 1e3 : u == "EFLOPS" ? 1e6 : 0.0;
      if (!parsed || tflops == 0.0 || !(value > 0))
        fail(r.loc(p + "compute"), p + "compute",
             p + "compute = \"" + target +
                 "\": expected a dense BF16 throughput, e.g. \"1 EFLOPS\" (TFLOPS, PFLOPS, "
                 "EFLOPS)");
      if (!(c.accelerator.bf16_dense_tflops > 0))
        fail(r.loc(p + "compute"), p + "compute",
             p + "compute = \"" + target + "\": the catalog has no BF16 throughput for \"" +
                 c.accelerator.name + "\"; give count instead");
      c.count = static_cast<int64_t>(
          std::ceil(value * tflops / c.accelerator.bf16_dense_tflops - 1e-9));
    }
    const std::string wl = r.text(p + "workload");
    // A measured utilization trace (IT issue): `workload = "FILE.csv"`, relative to the site file.
    std::optional<WorkloadSpec> w;
    if (wl.size() > 4 && wl.compare(wl.size() - 4, 4, ".csv") == 0) {
      const std::filesystem::path base =
          file.empty() ? std::filesystem::path() : std::filesystem::path(file).parent_path();
      const std::filesystem::path csv =
          std::filesystem::path(wl).is_absolute() ? std::filesystem::path(wl) : base / wl;
      if (!std::filesystem::exists(csv))
        fail(r.loc(p + "workload"), p + "workload",
             p + "workload = \"" + wl + "\": no such trace file " + csv.string());
      w = read_utilization_trace(csv, p + "workload");
    } else {
      w = find_workload(wl);
    }
    if (!w) {
      const std::string s = closest(wl, workload_names());
      fail(r.loc(p + "workload"), p + "workload",
           p + "workload = \"" + wl + "\": not in the workload catalog" +
               (s.empty() ? "" : "; did you mean \"" + s + "\"?") + " (known: " +
               join(workload_names()) + ")");
    }
    c.workload = *w;
    c.network_per_gpu = r.has(p + "network_power_per_gpu")
                            ? watts(r.quantity(p + "network_power_per_gpu"))
                            : entry->network_per_gpu;
    c.storage_per_gpu = r.has(p + "storage_power_per_gpu")
                            ? watts(r.quantity(p + "storage_power_per_gpu"))
                            : entry->storage_per_gpu;
    c.power_cap_per_gpu = watts(r.quantity(p + "power_cap_per_gpu"));
    // Utilization → power curve (IT issue): the cluster's choice, else the accelerator's.
    c.power_curve = r.has(p + "power_curve") ? r.text(p + "power_curve")
                                             : c.accelerator.power_curve;
    if (c.power_curve.rfind("table:", 0) == 0) {
      const std::string name = c.power_curve.substr(6);
      auto table = find_power_curve_table(name);
      if (!table) {
        const std::string s = closest(name, power_curve_table_names());
        fail(r.loc(p + "power_curve"), p + "power_curve",
             p + "power_curve = \"" + c.power_curve + "\": no [[power_curve]] table named \"" +
                 name + "\" in configs/catalog/accelerators.toml" +
                 (s.empty() ? "" : "; did you mean \"table:" + s + "\"?") + " (known: " +
                 join(power_curve_table_names()) + ")");
      }
      c.power_curve_table = *table;
    } else if (c.power_curve != "linear" && c.power_curve != "square" &&
               c.power_curve != "cubic" && c.power_curve != "sqrt") {
      fail(r.loc(p + "power_curve"), p + "power_curve",
           p + "power_curve = \"" + c.power_curve +
               "\": expected \"linear\", \"square\", \"cubic\", \"sqrt\" or \"table:NAME\"");
    }
    site.clusters.push_back(c);
  }

  // Build-out phases (IT issue): each adds accelerators to a named cluster from a date.
  for (size_t i = 0; i < r.array_size("phase"); ++i) {
    const std::string p = "phase[" + std::to_string(i) + "].";
    PhaseSpec ph;
    const std::string date = r.text(p + "date");
    if (!parse_date(date, ph.year, ph.month, ph.day))
      fail(r.loc(p + "date"), p + "date",
           p + "date = \"" + date + "\": expected a date \"YYYY-MM-DD\"");
    const std::string cl = r.text(p + "cluster");
    std::vector<std::string> names;
    for (const auto& c : site.clusters) names.push_back(c.name);
    const auto it = std::find(names.begin(), names.end(), cl);
    if (it == names.end())
      fail(r.loc(p + "cluster"), p + "cluster",
           p + "cluster = \"" + cl + "\": no [[cluster]] has this name (known: " + join(names) +
               ")");
    ph.cluster = static_cast<size_t>(it - names.begin());
    ph.count = r.integer(p + "count");
    site.phases.push_back(ph);
  }
  std::stable_sort(site.phases.begin(), site.phases.end(),
                   [](const PhaseSpec& a, const PhaseSpec& b) {
                     return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
                   });
  {
    int64_t total = 0;
    for (const auto& c : site.clusters) total += c.count;
    for (const auto& ph : site.phases) total += ph.count;
    if (total == 0)
      fail(r.loc("cluster[0].count"), "cluster[0].count",
           "cluster[0].count = 0: the site has no accelerators (give a count or [[phase]] "
           "entries)");
  }

  ElectricalSpec& e = site.electrical;
  const std::string red = r.text("electrical.ups_redundancy");
  e.ups_redundancy = red == "N"             ? UpsRedundancy::kN
                     : red == "N+1"         ? UpsRedundancy::kNPlus1
                     : red == "distributed" ? UpsRedundancy::kDistributed
                                            : UpsRedundancy::k2N;
  e.ups_module_rating = volt_amperes(r.quantity("electrical.ups_module_rating"));
  e.ups_power_factor = r.real("electrical.ups_power_factor");
  e.ups_no_load_loss = r.quantity("electrical.ups_no_load_loss");
  e.ups_proportional_loss = r.quantity("electrical.ups_proportional_loss");
  e.ups_square_loss = r.quantity("electrical.ups_square_loss");
  e.distribution_loss = r.quantity("electrical.distribution_loss");
  e.transformer_rating = volt_amperes(r.quantity("electrical.transformer_rating"));
  e.transformer_count = static_cast<int>(r.integer("electrical.transformer_count"));
  e.transformer_no_load_loss = r.quantity("electrical.transformer_no_load_loss");
  e.transformer_load_loss = r.quantity("electrical.transformer_load_loss");
  e.ups_distributed_systems = static_cast<int>(r.integer("electrical.ups_distributed_systems"));
  e.ups_serves_crah_fans = r.boolean("electrical.ups_serves_crah_fans");
  e.ups_serves_pumps = r.boolean("electrical.ups_serves_pumps");

  site.auxiliary.lighting_fraction = r.quantity("auxiliary.lighting");
  site.auxiliary.generator_rating = watts(r.quantity("auxiliary.generator_rating"));
  site.auxiliary.generator_spares = static_cast<int>(r.integer("auxiliary.generator_spares"));
  site.auxiliary.generator_heater_fraction = r.quantity("auxiliary.generator_heater");
  site.auxiliary.generator_heater_setpoint = kelvin(r.quantity("auxiliary.generator_heater_setpoint"));

  CoolingSpec& c = site.cooling;
  const std::string tech = r.text("cooling.technology");  // enum values checked by the key table
  c.technology = tech == "liquid"      ? CoolingTechnology::kLiquid
                 : tech == "immersion" ? CoolingTechnology::kImmersion
                 : tech == "immersion_two_phase" ? CoolingTechnology::kImmersionTwoPhase
                                       : CoolingTechnology::kAir;
  {
    const std::string rej = r.text("cooling.heat_rejection");
    c.heat_rejection = rej == "dry_cooler"  ? HeatRejection::kDryCooler
                       : rej == "adiabatic" ? HeatRejection::kAdiabatic
                                            : HeatRejection::kTower;
  }
  c.adiabatic_threshold = kelvin(r.quantity("cooling.adiabatic_threshold"));
  c.adiabatic_effectiveness = r.quantity("cooling.adiabatic_effectiveness");
  c.two_phase_boiling_point = kelvin(r.quantity("cooling.two_phase_boiling_point"));
  c.two_phase_condenser_approach =
      kelvin_delta(r.quantity("cooling.two_phase_condenser_approach"));
  c.air_economizer = r.boolean("cooling.air_economizer");
  c.air_economizer_max_dew_point = kelvin(r.quantity("cooling.air_economizer_max_dew_point"));
  c.air_economizer_max_rh = r.quantity("cooling.air_economizer_max_rh");
  if (c.air_economizer && c.technology != CoolingTechnology::kAir)
    fail(r.loc("cooling.air_economizer"), "cooling.air_economizer",
         "cooling.air_economizer = true: the air-side economizer is modelled for technology = "
         "\"air\" only (got \"" + tech + "\")");
  {
    const std::string m = r.text("cooling.chiller_model");  // values checked by the key table
    c.chiller_model = m == "carnot"             ? ChillerModel::kCarnot
                      : m == "doe2_centrifugal" ? ChillerModel::kDoe2Centrifugal
                      : m == "carrier_30rb390"  ? ChillerModel::kCarrier30rb390
                                                : ChillerModel::kLeiMasanet;
    c.chiller_type = r.text("cooling.chiller_type") == "air_cooled" ? ChillerType::kAirCooled
                                                                     : ChillerType::kWaterCooled;
    c.tower_model = r.text("cooling.tower_model") == "constant_approach"
                        ? TowerModel::kConstantApproach
                        : TowerModel::kYorkCalc;
    // Curve sets are measured with one kind of condenser: an air-cooled chiller needs an
    // air-cooled set, a water-cooled one any other model.
    const bool air_set = c.chiller_model == ChillerModel::kCarrier30rb390;
    const bool air_type = c.chiller_type == ChillerType::kAirCooled;
    // Point at the key that departs from its default (type air_cooled, or the air-cooled set).
    const std::string bad_key = air_type ? "cooling.chiller_type" : "cooling.chiller_model";
    if (air_set != air_type)
      fail(r.loc(bad_key), bad_key,
           "cooling.chiller_model = \"" + m + "\" does not fit cooling.chiller_type = \"" +
               r.text("cooling.chiller_type") + "\": " +
               (air_type ? "an air-cooled chiller needs an air-cooled curve set "
                           "(chiller_model = \"carrier_30rb390\")"
                         : "carrier_30rb390 is an air-cooled curve set; set chiller_type = "
                           "\"air_cooled\" or pick a water-cooled model"));
  }
  c.chilled_water_supply = kelvin(r.quantity("cooling.chilled_water_supply"));
  c.chilled_water_delta_t = kelvin_delta(r.quantity("cooling.chilled_water_delta_t"));
  c.tower_approach = kelvin_delta(r.quantity("cooling.tower_approach"));
  c.tower_design_approach = kelvin_delta(r.quantity("cooling.tower_design_approach"));
  c.economizer_approach = kelvin_delta(r.quantity("cooling.economizer_approach"));
  c.tower_range = kelvin_delta(r.quantity("cooling.tower_range"));
  c.air_delta_t = kelvin_delta(r.quantity("cooling.air_delta_t"));
  c.crah_fan_pressure = pascals(r.quantity("cooling.crah_fan_pressure"));
  c.crah_fan_efficiency = r.real("cooling.crah_fan_efficiency");
  c.chilled_water_pump_head = pascals(r.quantity("cooling.chilled_water_pump_head"));
  c.condenser_water_pump_head = pascals(r.quantity("cooling.condenser_water_pump_head"));
  c.pump_efficiency = r.real("cooling.pump_efficiency");
  c.tower_fan_power_ratio = r.quantity("cooling.tower_fan_power_ratio");
  c.tower_fan_min_speed = r.quantity("cooling.tower_fan_min_speed");
  c.chiller_unit_capacity = watts(r.quantity("cooling.chiller_unit_capacity"));
  c.chiller_spares = static_cast<int>(r.integer("cooling.chiller_spares"));
  c.tower_evaporation_per_k = r.quantity("cooling.tower_evaporation_per_k");
  c.tower_drift = r.quantity("cooling.tower_drift");
  c.cycles_of_concentration = r.real("cooling.cycles_of_concentration");
  c.facility_water_supply = kelvin(r.quantity("cooling.facility_water_supply"));
  c.facility_water_delta_t = kelvin_delta(r.quantity("cooling.facility_water_delta_t"));
  if (c.technology == CoolingTechnology::kImmersionTwoPhase) {
    // The vapour condenses only on a coil colder than its boiling point: facility-water return
    // + condenser approach must stay at or below it.
    const double ret_c = in_celsius(c.facility_water_supply) + in_si(c.facility_water_delta_t);
    const double need_c = ret_c + in_si(c.two_phase_condenser_approach);
    const double boil_c = in_celsius(c.two_phase_boiling_point);
    if (need_c > boil_c + 1e-9) {
      char buf[320];
      std::snprintf(buf, sizeof buf,
                    "cooling.facility_water_supply: facility-water return %.1f °C + condenser "
                    "approach %.1f K = %.1f °C is above the fluid's boiling point %.1f °C; the "
                    "vapour would not condense (lower the supply or raise the boiling point)",
                    ret_c, in_si(c.two_phase_condenser_approach), need_c, boil_c);
      fail(r.loc("cooling.facility_water_supply"), "cooling.facility_water_supply", buf);
    }
  }
  c.cdu_pump_head = pascals(r.quantity("cooling.cdu_pump_head"));
  c.cdu_delta_t = kelvin_delta(r.quantity("cooling.cdu_delta_t"));
  c.dry_cooler_approach = kelvin_delta(r.quantity("cooling.dry_cooler_approach"));
  c.dry_cooler_fan_power_ratio = r.quantity("cooling.dry_cooler_fan_power_ratio");
  c.heat_reuse_fraction = r.quantity("cooling.heat_reuse_fraction");

  site.grid.connection = volt_amperes(r.quantity("grid.connection"));
  site.grid.power_factor = r.real("grid.power_factor");
  site.grid.circuits = static_cast<int>(r.integer("grid.circuits"));
  site.grid.circuit_rating = volt_amperes(r.quantity("grid.circuit_rating"));
  site.grid.contracted_demand = watts(r.quantity("grid.contracted_demand"));
  site.grid.ramp_limit_w_per_s = r.quantity("grid.ramp_limit");
  for (size_t i = 0; i < r.array_size("grid.upgrade"); ++i) {
    const std::string p = "grid.upgrade[" + std::to_string(i) + "].";
    GridUpgrade u;
    const std::string date = r.text(p + "date");
    if (!parse_date(date, u.year, u.month, u.day))
      fail(r.loc(p + "date"), p + "date",
           p + "date = \"" + date + "\": expected a date \"YYYY-MM-DD\"");
    u.connection = volt_amperes(r.quantity(p + "connection"));
    u.circuit_rating = volt_amperes(r.quantity(p + "circuit_rating"));
    site.grid.upgrades.push_back(u);
  }
  std::sort(site.grid.upgrades.begin(), site.grid.upgrades.end(),
            [](const GridUpgrade& a, const GridUpgrade& b) {
              return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
            });
  e.transformer_power_factor = site.grid.power_factor;

  // Supply ([[supply]]): a site without entries imports everything from the grid.
  const double fx = site.krw_per_usd;
  site.economics.discount_rate = r.quantity("economics.discount_rate");
  site.economics.carbon_price_usd_per_kg = r.money("economics.carbon_price", fx);
  site.economics.value_of_lost_load_usd_per_j = r.money("economics.value_of_lost_load", fx);
  const size_t n_supply = r.array_size("supply");
  int n_grid = 0, n_ccgt = 0, n_battery = 0;
  for (size_t i = 0; i < std::max<size_t>(n_supply, 1); ++i) {
    const std::string p = n_supply == 0 ? "supply[]." : "supply[" + std::to_string(i) + "].";
    const std::string type = r.text(p + "type");
    SupplySpec x;
    x.name = r.text(p + "name");
    if (x.name.empty()) x.name = type;
    // Keys that belong to another type are an error, not silently ignored.
    static const std::map<std::string, std::vector<std::string>> kOwn = {
        {"grid",
         {"tariff", "emission_factor", "cfe_share", "import_limit", "tariff_schedule",
          "demand_charge", "emission_profile"}},
        {"lng_ccgt",
         {"capacity", "units", "min_stable_load", "ramp_rate", "forced_outage_rate", "efficiency",
          "no_load_fuel_fraction", "fuel_price", "fuel_emission_factor", "water_use", "capex",
          "outage_mttr",
          "fixed_om", "variable_om", "lifetime"}},
        {"solar",
         {"capacity", "dc_ac_ratio", "losses", "degradation", "age", "tilt", "azimuth", "capex",
          "fixed_om", "variable_om", "lifetime"}},
        {"wind",
         {"capacity", "location", "turbine", "hub_height", "shear_exponent", "mean_wind_speed",
          "availability", "wake_loss", "electrical_loss", "capex", "fixed_om", "variable_om",
          "lifetime"}},
        {"battery",
         {"capacity", "energy", "round_trip_efficiency", "soc_min", "soc_max",
          "degradation_cost", "target_cfe", "duration", "capex_power", "capex_energy", "fixed_om",
          "lifetime"}},
    };
    const auto& own = kOwn.at(type);
    if (n_supply > 0) {
      if (const toml::table* t = r.table_at("supply", i))
        for (auto&& [k, node] : *t) {
          const std::string leaf(k.str());
          if (leaf == "type" || leaf == "name") continue;
          if (std::find(own.begin(), own.end(), leaf) == own.end())
            fail(r.loc(p + leaf), p + leaf,
                 p + leaf + ": does not apply to a supply of type \"" + type + "\" (its keys: " +
                     join(own) + ")");
        }
    }
    auto cost = [&] {
      x.cost.capex_usd_per_w = r.money(p + "capex", fx);
      x.cost.fixed_om_usd_per_w_s = r.money(p + "fixed_om", fx);
      x.cost.lifetime = seconds(r.quantity(p + "lifetime"));
    };
    auto need_capacity = [&] {
      x.capacity = watts(r.quantity(p + "capacity"));
      if (!(in_si(x.capacity) > 0) && !(type == "battery" && r.quantity(p + "target_cfe") > 0))
        fail(r.loc(p + "type"), p + "capacity",
             p + "capacity: a supply of type \"" + type + "\" needs a capacity > 0");
    };
    if (type == "grid") {
      x.type = SupplyType::kGrid;
      ++n_grid;
      x.tariff_usd_per_j = r.money(p + "tariff", fx);
      x.emission_kg_per_j = r.quantity(p + "emission_factor");
      x.demand_charge_usd_per_w_s = r.money(p + "demand_charge", fx);
      if (const std::string tou = r.text(p + "tariff_schedule"); !tou.empty()) {
        if (r.has(p + "tariff"))
          fail(r.loc(p + "tariff_schedule"), p + "tariff_schedule",
               p + "tariff_schedule: give either a flat tariff or a tariff_schedule, not both");
        auto sched = find_tariff(tou, fx);
        if (!sched) {
          const std::string sgt = closest(tou, tariff_names());
          fail(r.loc(p + "tariff_schedule"), p + "tariff_schedule",
               p + "tariff_schedule = \"" + tou + "\": not in configs/catalog/supply.toml" +
                   (sgt.empty() ? "" : "; did you mean \"" + sgt + "\"?") + " (known: " +
                   join(tariff_names()) + ")");
        }
        x.tariff_schedule = tou;
        x.tou_usd_per_j = sched->energy_usd_per_j;
        if (!r.has(p + "demand_charge")) x.demand_charge_usd_per_w_s = sched->demand_usd_per_w_s;
      }
      if (const std::string csv = r.text(p + "emission_profile"); !csv.empty()) {
        const std::filesystem::path base =
            file.empty() ? std::filesystem::path() : std::filesystem::path(file).parent_path();
        x.emission_profile_kg_per_j =
            read_emission_profile(base / csv, r.loc(p + "emission_profile"), p + "emission_profile");
      }
      x.grid_cfe_share = r.quantity(p + "cfe_share");
      x.import_limit = watts(r.quantity(p + "import_limit"));
    } else if (type == "lng_ccgt") {
      x.type = SupplyType::kLngCcgt;
      ++n_ccgt;
      need_capacity();
      cost();
      x.cost.variable_om_usd_per_j = r.money(p + "variable_om", fx);
      x.units = static_cast<int>(r.integer(p + "units"));
      x.min_stable_load = r.quantity(p + "min_stable_load");
      x.ramp_per_s = r.quantity(p + "ramp_rate");
      x.forced_outage_rate = r.quantity(p + "forced_outage_rate");
      x.outage_mttr = seconds(r.quantity(p + "outage_mttr"));
      x.efficiency = r.quantity(p + "efficiency");
      x.no_load_fuel_fraction = r.quantity(p + "no_load_fuel_fraction");
      x.fuel_usd_per_j = r.money(p + "fuel_price", fx);
      x.fuel_co2_kg_per_j = r.quantity(p + "fuel_emission_factor");
      x.water_m3_per_j = r.quantity(p + "water_use");
    } else if (type == "solar") {
      x.type = SupplyType::kSolar;
      need_capacity();
      cost();
      x.cost.variable_om_usd_per_j = r.money(p + "variable_om", fx);
      x.dc_ac_ratio = r.real(p + "dc_ac_ratio");
      x.losses = r.quantity(p + "losses");
      x.degradation_per_year = r.quantity(p + "degradation");
      x.age_years = r.quantity(p + "age") / 3.1536e7;
      x.tilt_deg = r.real(p + "tilt");
      x.azimuth_deg = r.real(p + "azimuth");
    } else if (type == "wind") {
      x.type = SupplyType::kWind;
      need_capacity();
      cost();
      x.cost.variable_om_usd_per_j = r.money(p + "variable_om", fx);
      x.offshore = r.text(p + "location") == "offshore";
      const std::string turbine = r.text(p + "turbine");
      auto curve = find_turbine(turbine);
      if (!curve) {
        const std::string sgt = closest(turbine, turbine_names());
        fail(r.loc(p + "turbine"), p + "turbine",
             p + "turbine = \"" + turbine + "\": not in configs/catalog/supply.toml" +
                 (sgt.empty() ? "" : "; did you mean \"" + sgt + "\"?") + " (known: " +
                 join(turbine_names()) + ")");
      }
      x.turbine = *curve;
      x.hub_height_m = r.quantity(p + "hub_height");
      x.shear_exponent = r.real(p + "shear_exponent");
      x.mean_wind_speed_m_s = r.quantity(p + "mean_wind_speed");
      x.availability = r.quantity(p + "availability");
      x.wake_loss = r.quantity(p + "wake_loss");
      x.electrical_loss = r.quantity(p + "electrical_loss");
    } else {  // battery
      x.type = SupplyType::kBattery;
      ++n_battery;
      need_capacity();
      x.cost.capex_usd_per_w = r.money(p + "capex_power", fx);
      x.cost.fixed_om_usd_per_w_s = r.money(p + "fixed_om", fx);
      x.cost.lifetime = seconds(r.quantity(p + "lifetime"));
      x.cost.capex_usd_per_j = r.money(p + "capex_energy", fx);
      x.energy = joules(r.quantity(p + "energy"));
      x.round_trip_efficiency = r.quantity(p + "round_trip_efficiency");
      x.soc_min = r.quantity(p + "soc_min");
      x.soc_max = r.quantity(p + "soc_max");
      x.degradation_usd_per_j = r.money(p + "degradation_cost", fx);
      x.target_cfe = r.quantity(p + "target_cfe");
      x.duration = seconds(r.quantity(p + "duration"));
      if (!(x.soc_max > x.soc_min))
        fail(r.loc(p + "soc_max"), p + "soc_max",
             p + "soc_max must be above soc_min (" + std::to_string(x.soc_min) + ")");
      if (x.target_cfe == 0 && !(in_si(x.energy) > 0))
        fail(r.loc(p + "type"), p + "energy",
             p + "energy: a battery needs an energy > 0 (or target_cfe to size it)");
    }
    site.supply.push_back(std::move(x));
  }
  auto at_most_one = [&](int n, const char* type) {
    if (n > 1)
      throw ConfigError(file, 0, 0, "supply",
                        std::string("at most one [[supply]] of type \"") + type +
                            "\" is supported (the dispatch has one of each); merge them");
  };
  at_most_one(n_grid, "grid");
  at_most_one(n_ccgt, "lng_ccgt");
  at_most_one(n_battery, "battery");
  return site;
}

Site load_from_tree(toml::table root, const std::string& file,
                    const std::vector<std::string>& overrides) {
  Context ctx;
  for (const auto& o : overrides) apply_override(root, o, ctx);
  std::map<std::string, Value> values;
  validate_table(root, "", ctx, values);
  Reader reader(std::move(values), root, file);
  reader.check_required();
  return build_site(reader, file);
}

}  // namespace
}  // namespace detail

Power Site::design_it_power() const {
  double w = 0;
  for (const auto& c : clusters) {
    const double nodes = static_cast<double>(c.count) / c.accelerator.gpus_per_node;
    w += nodes * in_si(c.accelerator.node_full) +
         static_cast<double>(c.count) * (in_si(c.network_per_gpu) + in_si(c.storage_per_gpu));
  }
  return watts(w);
}

Site load_site(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  const std::string name = path.string();
  const std::string text = detail::read_file(path, detail::Loc{}, "");
  toml::table root = detail::load_tree(path, text, name, 0);
  return detail::load_from_tree(std::move(root), name, overrides);
}

Site load_site_from_string(std::string_view toml_text, const std::string& name,
                           const std::vector<std::string>& overrides) {
  toml::table root = detail::load_tree(std::filesystem::path(name), toml_text, name, 0);
  return detail::load_from_tree(std::move(root), name, overrides);
}

Site default_site(const std::vector<std::string>& overrides) {
  const std::string_view text = detail::embedded_text("ulsan.toml");
  return load_site_from_string(text, "configs/ulsan.toml", overrides);
}

}  // namespace dcload
