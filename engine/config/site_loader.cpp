// Site files: TOML → validated values (driven by the key table) → Site in SI units.
// This file parses the TOML (with `extends` and `--set`), checks every leaf against the key
// table and resolves defaults (Reader); each stage reads its own part of the Site beside the
// spec it fills (engine/config/reader.hpp lists them).
#include <toml++/toml.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <tuple>

#include "config/catalog.hpp"
#include "config/embedded.hpp"
#include "config/keys.hpp"
#include "config/quantity.hpp"
#include "config/reader.hpp"
#include "config/site_tree.hpp"
#include "config/supply_catalog.hpp"
#include "dcload/error.hpp"
#include "dcload/site.hpp"
#include "dcload/weather.hpp"
#include "io/files.hpp"

namespace dcload {
namespace detail {
namespace {

// Where a node came from; overrides have no source and are named by their --set text.
struct Context {
  std::map<std::string, std::string> override_text;  // concrete path → "KEY=VALUE"
  std::vector<ConfigError>* collect = nullptr;       // validate: gather errors, don't throw
};

Loc loc_of(const toml::node& n) {
  const auto& s = n.source();
  Loc l;
  if (s.path) l.file = *s.path;
  l.line = static_cast<int>(s.begin.line);
  l.column = static_cast<int>(s.begin.column);
  return l;
}

[[noreturn]] void fail_at(const Loc& loc, const std::string& key, const std::string& msg) {
  throw ConfigError(loc.file, loc.line, loc.column, key, msg);
}

// An error at a leaf: thrown, or collected (then the leaf is skipped).
void report(const Context& ctx, const Loc& loc, const std::string& key, const std::string& msg) {
  if (ctx.collect == nullptr) fail_at(loc, key, msg);
  if (ctx.collect->size() < kMaxReportedErrors)
    ctx.collect->emplace_back(loc.file, loc.line, loc.column, key, msg);
}

Loc node_loc(const toml::node& n, const std::string& path, const Context& ctx) {
  auto it = ctx.override_text.find(path);
  if (it != ctx.override_text.end()) return Loc{"--set " + it->second, 0, 0};
  return loc_of(n);
}

// A value as written, for messages; long strings are cut (a hostile 1 MB value is named by its
// first 60 characters, not repeated whole).
std::string as_written(const toml::node& n) {
  if (auto s = n.value_exact<std::string>()) {
    if (s->size() > 80) return "\"" + s->substr(0, 60) + "…\" (" + std::to_string(s->size()) + " bytes)";
    return "\"" + *s + "\"";
  }
  std::ostringstream os;
  if (n.is_table()) return "a table";
  if (n.is_array()) return "an array";
  n.visit([&](const auto& v) { os << v; });
  return os.str();
}

// ---- reading files, extends ------------------------------------------------------------

// Limits checked on the raw text before toml++ sees it: toml++ 3.3 (as Debian ships it)
// recurses per dotted-key segment and per nesting level, and a 100 kB file of 50,000 dotted
// segments overflows its stack (fixed upstream later). A site file needs a handful of each.
constexpr int kMaxKeySegments = 32;
constexpr int kMaxNesting = 32;

// Scans TOML text for over-long dotted keys (in table headers, dotted keys and inline tables)
// and for arrays / inline tables nested too deep; throws ConfigError at the offending line and
// column. Not a TOML parser: strings (basic, literal, multi-line) and comments are skipped so
// their content cannot trigger it, and a value's dots ("1.5") are not key separators.
void check_structure(std::string_view text, const std::string& name) {
  int line = 1;
  size_t line_start = 0;
  int segments = 1;
  bool in_key = true;      // before '=' on a line (or after '{' / ',' in an inline table)
  std::vector<char> open;  // value-level '[' and '{'
  auto fail_here = [&](size_t i, const std::string& msg) {
    throw ConfigError(name, line, static_cast<int>(i - line_start) + 1, "", msg);
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char ch = text[i];
    if (ch == '\n') {
      ++line;
      line_start = i + 1;
      if (open.empty()) {
        in_key = true;
        segments = 1;
      }
      continue;
    }
    if (ch == '#') {  // a comment runs to the end of the line
      while (i + 1 < text.size() && text[i + 1] != '\n') ++i;
      continue;
    }
    if (ch == '"' || ch == '\'') {
      const bool multi = text.compare(i, 3, std::string(3, ch)) == 0;
      const size_t width = multi ? 3 : 1;
      size_t j = i + width;
      while (j < text.size()) {
        if (ch == '"' && text[j] == '\\') {
          j += 2;
          continue;
        }
        if (!multi && text[j] == '\n') break;  // unterminated: toml++ reports it
        if (text.compare(j, width, std::string(width, ch)) == 0) break;
        if (text[j] == '\n') {
          ++line;
          line_start = j + 1;
        }
        ++j;
      }
      i = std::min(j + width - 1, text.size() - 1);
      continue;
    }
    if (in_key) {
      if (ch == '}' && !open.empty() && open.back() == '{') {  // "{}" or "{ a = 1 }"
        open.pop_back();
        in_key = false;
        continue;
      }
      if (ch == '.' && ++segments > kMaxKeySegments)
        fail_here(i, "malformed TOML: a dotted key or table name with more than " +
                         std::to_string(kMaxKeySegments) + " segments");
      if (ch == '=') {
        in_key = false;
        segments = 1;
      }
      continue;  // '[' and ']' of table headers, key characters
    }
    if (ch == '[' || ch == '{') {
      open.push_back(ch);
      if (static_cast<int>(open.size()) > kMaxNesting)
        fail_here(i, "malformed TOML: arrays or inline tables nested more than " +
                         std::to_string(kMaxNesting) + " levels deep");
      if (ch == '{') {
        in_key = true;
        segments = 1;
      }
    } else if (ch == ']' || ch == '}') {
      if (!open.empty()) open.pop_back();
    } else if (ch == ',' && !open.empty() && open.back() == '{') {
      in_key = true;
      segments = 1;
    }
  }
}

toml::table parse_text(std::string_view text, const std::string& name) {
  check_structure(text, name);
  try {
    return toml::parse(text, name);
  } catch (const toml::parse_error& e) {
    const auto& s = e.source();
    throw ConfigError(name, static_cast<int>(s.begin.line), static_cast<int>(s.begin.column), "",
                      "malformed TOML: " + std::string(e.description()));
  }
}

std::string read_site_text(const std::filesystem::path& path, const Loc& from,
                           const std::string& key) {
  InputFile f;
  f.path = path;
  f.what = "site file";
  f.max_bytes = kMaxSiteFileBytes;
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
  if (!rel) fail_at(el, "extends", "extends = " + as_written(*ext) + ": expected a file name string");
  if (depth > 16) fail_at(el, "extends", "extends: more than 16 levels (a cycle?)");
  const std::filesystem::path base_path = path.parent_path() / *rel;
  const std::string base_text = read_site_text(base_path, el, "extends");
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
      if (used != value.size() || !std::isfinite(v)) bad("expected a finite number");
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

// ---- validation of leaves ---------------------------------------------------------------

std::string range_text(const KeySpec& s) {
  auto show = [&](double si) {
    std::ostringstream os;
    const double d = s.kind == Kind::kQuantity ? to_display(si, s.dim) : si;
    os << d;
    const std::string_view u = s.kind == Kind::kQuantity ? display_unit(s.dim) : "";
    if (!u.empty()) os << ' ' << u;
    return os.str();
  };
  if (std::isinf(s.min)) return "at most " + show(s.max);
  if (std::isinf(s.max)) return "at least " + show(s.min);
  return show(s.min) + " … " + show(s.max);
}

// False (after reporting) when x is outside the key's range.
bool in_range(const Value& v, const std::string& path, const toml::node& n, double x,
              const Context& ctx) {
  const KeySpec& s = *v.spec;
  if (x >= s.min && x <= s.max) return true;
  report(ctx, v.loc, path,
         path + " = " + as_written(n) + ": out of range, expected " + range_text(s));
  return false;
}

void validate_leaf(const std::string& path, const toml::node& n, const Context& ctx,
                   std::map<std::string, Value>& values) {
  const std::string pattern = pattern_of(path);
  const KeySpec* spec = find_key(pattern);
  const Loc loc = node_loc(n, path, ctx);
  if (spec == nullptr) {
    const std::string s = suggest_key(pattern);
    report(ctx, loc, path,
           "unknown key \"" + path + "\"" + (s.empty() ? "" : "; did you mean " + s + "?"));
    return;
  }
  Value v;
  v.spec = spec;
  v.loc = loc;
  const std::string got = as_written(n);
  v.written = got;
  auto bad = [&](const std::string& msg) {
    report(ctx, loc, path, path + " = " + got + ": " + msg);
  };
  switch (spec->kind) {
    case Kind::kQuantity: {
      if (auto s = n.value_exact<std::string>()) {
        try {
          const Quantity q = parse_quantity(*s, spec->dim);
          v.number = q.value_si;
          v.written = *s;
          if (is_money(spec->dim)) {
            // Money: the range (in USD) is checked once KRW is converted (Reader::money).
            v.text = q.dim.e[static_cast<int>(DimIndex::kKrw)] != 0 ? "KRW" : "USD";
            v.written = got;
            values[path] = v;
            return;
          }
        } catch (const QuantityError& e) {
          bad(e.what());
          return;
        }
      } else if (n.is_number() && spec->dim == Dimension::kFraction) {
        v.number = *n.value<double>();
        if (!std::isfinite(v.number)) return bad("expected a finite number");
      } else if (n.is_number()) {
        return bad("expected " + std::string(describe(spec->dim)) +
                   " written with its unit, e.g. \"" + got + " " +
                   std::string(display_unit(spec->dim)) + "\"");
      } else {
        return bad("expected " + std::string(describe(spec->dim)));
      }
      if (!in_range(v, path, n, v.number, ctx)) return;
      break;
    }
    case Kind::kInteger: {
      auto i = n.value_exact<int64_t>();
      if (!i) return bad("expected an integer");
      v.integer = *i;
      if (!in_range(v, path, n, static_cast<double>(*i), ctx)) return;
      break;
    }
    case Kind::kReal: {
      if (!n.is_number()) return bad("expected a number");
      v.number = *n.value<double>();
      if (!std::isfinite(v.number)) return bad("expected a finite number");
      if (!in_range(v, path, n, v.number, ctx)) return;
      break;
    }
    case Kind::kString: {
      auto s = n.value_exact<std::string>();
      if (!s) return bad("expected a string");
      v.text = *s;
      break;
    }
    case Kind::kEnum: {
      auto s = n.value_exact<std::string>();
      std::vector<std::string> choices(spec->choices.begin(), spec->choices.end());
      if (!s || std::find(choices.begin(), choices.end(), *s) == choices.end())
        return bad("expected one of " + join(choices));
      v.text = *s;
      break;
    }
    case Kind::kBool: {
      auto b = n.value_exact<bool>();
      if (!b) return bad("expected true or false");
      v.boolean = *b;
      break;
    }
  }
  values[path] = v;
}

void validate_table(const toml::table& t, const std::string& prefix, const Context& ctx,
                    std::map<std::string, Value>& values) {
  for (auto&& [k, node] : t) {
    const std::string path =
        prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
    const std::string pattern = pattern_of(path);
    if (node.is_table()) {
      if (!is_table(pattern)) {
        const std::string s = suggest_table(pattern);
        report(ctx, node_loc(node, path, ctx), path,
               "unknown table [" + path + "]" + (s.empty() ? "" : "; did you mean [" + s + "]?"));
        continue;
      }
      validate_table(*node.as_table(), path, ctx, values);
    } else if (node.is_array() && is_array_table(pattern)) {
      const toml::array& arr = *node.as_array();
      for (size_t i = 0; i < arr.size(); ++i) {
        const std::string ep = path + "[" + std::to_string(i) + "]";
        if (!arr[i].is_table()) {
          report(ctx, loc_of(arr[i]), ep, ep + ": expected a table ([[" + path + "]])");
          continue;
        }
        validate_table(*arr[i].as_table(), ep, ctx, values);
      }
    } else {
      validate_leaf(path, node, ctx, values);
    }
  }
}

// ---- building the Site ------------------------------------------------------------------

void read_top_level(const Reader& r, Site& site) {
  site.file = r.file();
  site.name = r.text("name");
  if (site.name.empty()) site.name = std::filesystem::path(r.file()).stem().string();
  site.weather = r.text("weather");
  // The source must exist (station name, file) — reported at the site file's `weather` line.
  if (!site.weather.empty()) {
    const std::filesystem::path base =
        r.file().empty() ? std::filesystem::path() : std::filesystem::path(r.file()).parent_path();
    if (const std::string problem = weather_source_problem(site.weather, base); !problem.empty())
      r.lookup_problem("weather", problem);
  }
  site.seed = static_cast<uint64_t>(r.integer("seed"));
  site.krw_per_usd = r.real("economics.krw_per_usd");
  site.islanded = r.boolean("islanded");
}

// `required`: false for site_template() (no weather, clusters, connection yet).
Site load_from_tree(toml::table root, const std::string& file,
                    const std::vector<std::string>& overrides,
                    std::vector<ConfigError>* collect = nullptr, bool required = true) {
  Context ctx;
  ctx.collect = collect;
  for (const auto& o : overrides) {
    if (collect == nullptr) {
      apply_override(root, o, ctx);
      continue;
    }
    try {
      apply_override(root, o, ctx);
    } catch (const ConfigError& e) {
      if (collect->size() < kMaxReportedErrors) collect->push_back(e);
    }
  }
  std::map<std::string, Value> values;
  validate_table(root, "", ctx, values);
  Reader reader(std::move(values), root, file, collect);
  // Value errors first. When there are some (validate), the stages still run so that names not
  // in a catalog and missing or bad referenced files are reported in the same pass; defaults
  // stand in for the failed values, so consistency problems (follow-on errors) are not.
  const bool value_errors = collect != nullptr && !collect->empty();
  reader.set_lookups_only(value_errors);
  if (required) reader.check_required();
  Site site;
  const auto stage = [&](auto&& read) {
    if (collect == nullptr) return read();
    try {
      read();
    } catch (const ConfigError& e) {  // a file that cannot be read ends its stage only
      if (collect->size() < kMaxReportedErrors) collect->push_back(e);
    }
  };
  stage([&] { read_top_level(reader, site); });
  stage([&] { read_cooling(reader, site); });  // halls first: clusters name them
  stage([&] { read_it(reader, site, required); });
  stage([&] { read_electrical(reader, site); });
  stage([&] { read_grid(reader, site); });
  stage([&] { read_supply(reader, site); });
  stage([&] { read_swing(reader, site); });
  if (!required || (collect != nullptr && !collect->empty())) return site;
  Problems p;
  check_site(site, p);
  for (const auto& item : p.items()) reader.problem(item.key, item.message);
  site.inputs = reader.used_inputs();
  return site;
}

}  // namespace

// ---- Reader ------------------------------------------------------------------------------

const Value* Reader::find(const std::string& path) const {
  auto it = values_.find(path);
  return it == values_.end() ? nullptr : &it->second;
}

const KeySpec& Reader::spec(const std::string& path) const {
  const KeySpec* s = find_key(pattern_of(path));
  if (s == nullptr) throw std::logic_error("no key spec for " + path);
  return *s;
}

std::string Reader::default_text(const KeySpec& s, const std::string& path) const {
  std::string d(s.default_text);
  const std::string leaf = path.substr(path.rfind('.') + 1);
  if (d == "@cooling") {
    d = cooling_default(text("cooling.technology"), leaf);
    if (d.empty()) throw std::logic_error("cooling catalog lacks " + leaf);
  } else if (d == "@hall") {
    // hall[i].KEY not given: the campus value of [cooling] (given or its default).
    const std::string campus = "cooling." + leaf;
    if (const Value* v = find(campus))
      return v->spec->kind == Kind::kString || v->spec->kind == Kind::kEnum ? v->text : v->written;
    d = default_text(spec(campus), campus);
  } else if (d == "@plant") {
    d = plant_default(leaf);
    if (d.empty()) throw std::logic_error("configs/catalog/cooling.toml [plant] lacks " + leaf);
  } else if (d == "@ups") {
    const auto m = find_ups_model(text("electrical.ups_model"));
    if (!m) return "0 %";  // an unknown model: read_electrical reports it
    d = leaf == "ups_no_load_loss"        ? m->no_load_loss
        : leaf == "ups_proportional_loss" ? m->proportional_loss
                                          : m->square_loss;
  } else if (d == "@supply") {
    // "supply[3].tariff" → the catalog table of entry 3's type (and wind location).
    const std::string entry = path.substr(0, path.rfind('.') + 1);
    const std::string table = entry == "supply[]."
                                  ? std::string("grid")
                                  : supply_table_name(text(entry + "type"),
                                                      text(entry + "location"));
    d = supply_default(table, leaf);
    if (d.empty())
      throw std::logic_error("configs/catalog/supply.toml [type." + table + "] lacks " + leaf);
  } else if (d == "@economics") {
    d = economics_default(leaf);
    if (d.empty()) throw std::logic_error("configs/catalog/supply.toml [economics] lacks " + leaf);
  }
  return d;
}

namespace {
// A default's text as a number of the key's kind (a fraction may be a plain number).
double default_number(const KeySpec& s, const std::string& d) {
  if (s.kind == Kind::kReal || s.kind == Kind::kInteger) return std::stod(d);
  if (s.dim == Dimension::kFraction && d.find('%') == std::string::npos) return std::stod(d);
  return parse_quantity(d, s.dim).value_si;
}
}  // namespace

void Reader::note(const std::string& path, const Value* v, const KeySpec& s,
                  const std::string& default_value) const {
  if (used_.count(path)) return;
  ResolvedInput in;
  in.key = path;
  in.unit = s.kind == Kind::kQuantity ? std::string(display_unit(s.dim)) : std::string();
  in.description = std::string(s.description);
  if (v != nullptr) {
    in.value = v->written;
    in.origin = v->loc.line > 0 ? v->loc.file + ":" + std::to_string(v->loc.line) : "--set";
  } else {
    in.value = default_value;
    in.origin = "default";
    in.source = std::string(s.source);
    if (in.source.empty()) in.source = catalog_source_of(s, path);
  }
  used_.emplace(path, std::move(in));
}

std::string Reader::catalog_source_of(const KeySpec& s, const std::string& path) const {
  const std::string d(s.default_text);
  const std::string leaf = path.substr(path.rfind('.') + 1);
  try {
    if (d == "@cooling" || d == "@hall") {
      // A hall's own technology (hall[i].KEY), else the campus [cooling] technology.
      std::string tech = text("cooling.technology");
      if (path.rfind("hall[", 0) == 0) {
        const std::string entry = path.substr(0, path.find('.') + 1);
        if (const Value* v = find(entry + "technology")) tech = v->text;
      }
      return catalog_source("cooling.toml", "technology." + tech, leaf);
    }
    if (d == "@plant") return catalog_source("cooling.toml", "plant", leaf);
    if (d == "@ups") return "configs/catalog/ups.toml [" + text("electrical.ups_model") + "]";
    if (d == "@economics") return catalog_source("supply.toml", "economics", leaf);
    if (d == "@supply") {
      const std::string entry = path.substr(0, path.rfind('.') + 1);
      const std::string table =
          entry == "supply[]." ? std::string("grid") : supply_table_name(text(entry + "type"), text(entry + "location"));
      return catalog_source("supply.toml", "type." + table, leaf);
    }
  } catch (const std::exception&) {
  }
  return "";
}

std::vector<ResolvedInput> Reader::used_inputs() const {
  std::vector<ResolvedInput> out;
  out.reserve(used_.size());
  for (const auto& [path, in] : used_) out.push_back(in);
  return out;
}

double Reader::quantity(const std::string& path) const {
  const KeySpec& s = spec(path);
  if (const Value* v = find(path)) {
    note(path, v, s, "");
    return v->number;
  }
  if (s.required) return 0.0;  // missing: check_required() reported it
  const std::string d = default_text(s, path);
  note(path, nullptr, s, d);
  return default_number(s, d);
}

double Reader::money(const std::string& path, double krw_per_usd) const {
  if (const Value* v = find(path)) {
    note(path, v, *v->spec, "");
    const bool krw = v->text == "KRW";
    const double usd = krw ? v->number / krw_per_usd : v->number;
    const KeySpec& s = *v->spec;
    if (!(usd >= s.min && usd <= s.max)) {
      char buf[160];
      std::snprintf(buf, sizeof buf, "out of range, expected %g … %g %s",
                    to_display(s.min, s.dim), to_display(s.max, s.dim),
                    std::string(display_unit(s.dim)).c_str());
      problem(path, path + " = " + v->written +
                        (krw ? " (" + std::to_string(to_display(usd, s.dim)) + " " +
                                   std::string(display_unit(s.dim)) + ")"
                             : "") +
                        ": " + buf);
      return std::clamp(usd, s.min, s.max);
    }
    return usd;
  }
  const KeySpec& s = spec(path);
  const std::string d = default_text(s, path);
  note(path, nullptr, s, d);
  const Quantity q = parse_quantity(d, s.dim);
  const bool krw = q.dim.e[static_cast<int>(DimIndex::kKrw)] != 0;
  return krw ? q.value_si / krw_per_usd : q.value_si;
}

int64_t Reader::integer(const std::string& path) const {
  const KeySpec& s = spec(path);
  if (const Value* v = find(path)) {
    note(path, v, s, "");
    return v->integer;
  }
  if (s.required) return 0;  // missing: check_required() reported it
  const std::string d = default_text(s, path);
  note(path, nullptr, s, d);
  return std::stoll(d);
}

std::string Reader::text(const std::string& path) const {
  const KeySpec& s = spec(path);
  if (const Value* v = find(path)) {
    note(path, v, s, "");
    return v->text;
  }
  const std::string d = !s.default_text.empty() && s.default_text[0] == '@'
                            ? default_text(s, path)
                            : std::string(s.default_text);
  if (!s.required) note(path, nullptr, s, d.empty() ? "(none)" : "\"" + d + "\"");
  return d;
}

bool Reader::boolean(const std::string& path) const {
  const KeySpec& s = spec(path);
  if (const Value* v = find(path)) {
    note(path, v, s, "");
    return v->boolean;
  }
  if (s.default_text == "@hall") return boolean("cooling." + path.substr(path.rfind('.') + 1));
  note(path, nullptr, s, std::string(s.default_text));
  return s.default_text == "true";
}

std::string Reader::hall_source_key(std::size_t i, const std::string& leaf) const {
  const std::string own = "hall[" + std::to_string(i) + "]." + leaf;
  if (has(own)) return own;
  return "cooling." + leaf;
}

double Reader::hall_quantity(std::size_t i, const std::string& tech,
                             const std::string& leaf) const {
  const std::string own = "hall[" + std::to_string(i) + "]." + leaf;
  if (const Value* v = find(own)) {
    note(own, v, *v->spec, "");
    return v->number;
  }
  const std::string campus = "cooling." + leaf;
  const KeySpec& s = spec(campus);
  if (const Value* v = find(campus)) {
    note(campus, v, s, "");
    return v->number;
  }
  std::string d(s.default_text);
  if (d == "@cooling") {
    d = cooling_default(tech, leaf);
    if (d.empty())
      throw std::logic_error("cooling catalog [technology." + tech + "] lacks " + leaf);
  }
  // The default of this hall's technology (halls of different technologies differ).
  note(own, nullptr, s, d);
  return default_number(s, d);
}

bool Reader::hall_boolean(std::size_t i, const std::string& leaf) const {
  const std::string own = "hall[" + std::to_string(i) + "]." + leaf;
  if (const Value* v = find(own)) {
    note(own, v, *v->spec, "");
    return v->boolean;
  }
  return boolean("cooling." + leaf);
}

Loc Reader::loc(const std::string& path) const {
  if (const Value* v = find(path)) return v->loc;
  // A hall-level key of a file without [[hall]] (one implicit hall): its [cooling] key.
  if (path.rfind("hall[", 0) == 0 && array_size("hall") == 0 && path.find('.') != std::string::npos)
    return loc("cooling." + path.substr(path.find('.') + 1));
  // An array element without the key: the element's table.
  const size_t br = path.rfind(']');
  if (br != std::string::npos) {
    const size_t open = path.rfind('[', br);
    const std::string array = path.substr(0, open);
    const std::string index = path.substr(open + 1, br - open - 1);
    if (!index.empty() && index.size() < 9 &&
        std::all_of(index.begin(), index.end(), [](unsigned char c) { return std::isdigit(c); }))
      if (const toml::table* t = table_at(array, std::stoul(index))) return loc_of(*t);
  }
  return Loc{file_, 0, 0};
}

void Reader::problem(const std::string& path, const std::string& message) const {
  const Loc l = loc(path);
  if (collect_ == nullptr) throw ConfigError(l.file, l.line, l.column, path, message);
  if (lookups_only_) return;
  if (collect_->size() < kMaxReportedErrors)
    collect_->emplace_back(l.file, l.line, l.column, path, message);
}

void Reader::lookup_problem(const std::string& path, const std::string& message) const {
  const Loc l = loc(path);
  if (collect_ == nullptr) throw ConfigError(l.file, l.line, l.column, path, message);
  if (collect_->size() < kMaxReportedErrors)
    collect_->emplace_back(l.file, l.line, l.column, path, message);
}

void Reader::fail(const std::string& path, const std::string& message) const {
  const Loc l = loc(path);
  throw ConfigError(l.file, l.line, l.column, path, message);
}

const toml::table* Reader::table_at(const std::string& array, std::size_t i) const {
  const toml::array* arr = root_.at_path(array).as_array();
  return arr == nullptr || i >= arr->size() ? nullptr : (*arr)[i].as_table();
}

std::size_t Reader::array_size(const std::string& name) const {
  const toml::array* arr = root_.at_path(name).as_array();
  return arr == nullptr ? 0 : arr->size();
}

void Reader::check_required() const {
  for (const auto& s : key_table()) {
    if (!s.required) continue;
    const std::string p(s.path);
    const size_t br = p.find("[]");
    if (br == std::string::npos) {
      if (!has(p) && !root_.at_path(p))  // present but bad: reported as a value error
        lookup_problem(p, "missing required key " + p + " (" + std::string(s.description) + ")");
      continue;
    }
    const std::string array = p.substr(0, br);
    const std::string rest = p.substr(br + 2);
    const toml::array* arr = root_.at_path(array).as_array();
    if (arr == nullptr || arr->empty()) {
      if (array == "cluster")
        lookup_problem(array, "missing [[cluster]]: a site needs at least one cluster of accelerators");
      continue;
    }
    for (size_t i = 0; i < arr->size(); ++i) {
      const std::string path = array + "[" + std::to_string(i) + "]" + rest;
      if (!has(path) && !root_.at_path(path))
        lookup_problem(path, "missing required key " + path + " (" + std::string(s.description) + ")");
    }
  }
}

// ---- shared helpers ----------------------------------------------------------------------

void Problems::range(const std::string& key, double si) {
  const KeySpec* s = find_key(pattern_of(key));
  if (s == nullptr) throw std::logic_error("Problems::range: no key " + key);
  if (si >= s->min && si <= s->max) return;
  std::ostringstream os;
  if (std::isnan(si)) {
    os << "NaN";
  } else {
    os << (s->kind == Kind::kQuantity ? to_display(si, s->dim) : si);
    const std::string_view u = s->kind == Kind::kQuantity ? display_unit(s->dim) : "";
    if (!u.empty()) os << ' ' << u;
  }
  add(key, key + " = " + os.str() + ": out of range, expected " + range_text(*s));
}

std::string join(const std::vector<std::string>& v, const char* sep) {
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
    if (b.find(a) != std::string::npos || a.find(b) != std::string::npos)
      d = std::min<size_t>(d, 1);
    if (d < best_d) {
      best_d = d;
      best = n;
    }
  }
  return best_d <= std::max<size_t>(2, given.size() / 2) ? best : std::string();
}

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

std::string read_referenced_file(const std::filesystem::path& path, const Loc& from,
                                 const std::string& key, const char* what) {
  InputFile f;
  f.path = path;
  f.what = what;
  f.from_file = from.file;
  f.from_line = from.line;
  f.from_column = from.column;
  f.key = key;
  return read_input_file(f);
}

void check_site(const Site& site, Problems& p) {
  if (site.weather.empty()) p.add("weather", "weather: no weather source (builtin:NAME or a file)");
  if (site.halls.empty()) p.add("hall", "hall: a site needs at least one hall");
  check_cooling(site, p);
  check_it(site, p);
  check_electrical(site, p);
  check_grid(site, p);
  check_supply(site, p);
  check_swing(site, p);
  p.range("economics.krw_per_usd", site.krw_per_usd);
}

}  // namespace detail

std::vector<std::string> Site::validate() const {
  detail::Problems p;
  detail::check_site(*this, p);
  std::vector<std::string> out;
  for (const auto& item : p.items()) out.push_back(item.message);
  return out;
}

namespace detail {

SiteTree::SiteTree(const std::filesystem::path& path) : name_(path.string()) {
  const std::string text = read_site_text(path, Loc{}, "");
  root_ = load_tree(path, text, name_, 0);
}

Site SiteTree::load(const std::vector<std::string>& overrides) const {
  return load_from_tree(root_, name_, overrides);
}

void SiteTree::check_indices(const std::string& key, const std::string& file, int line,
                             int column) const {
  const toml::table* t = &root_;
  for (const Segment& s : split_path(key, key)) {
    if (t == nullptr) return;
    if (s.index < 0) {
      t = t->get_as<toml::table>(s.name);
      continue;
    }
    const toml::array* arr = t->get_as<toml::array>(s.name);
    const std::size_t have = arr == nullptr ? 0 : arr->size();
    if (static_cast<std::size_t>(s.index) >= have)
      throw ConfigError(file, line, column, key,
                        key + ": " + name_ + " has " + std::to_string(have) + " [[" + s.name +
                            "]] entr" + (have == 1 ? "y" : "ies") + ", so " + s.name + "[" +
                            std::to_string(s.index) + "] does not exist");
    t = (*arr)[static_cast<std::size_t>(s.index)].as_table();
  }
}

toml::table parse_guarded_toml(std::string_view text, const std::string& name) {
  return parse_text(text, name);
}

}  // namespace detail

Site load_site(const std::filesystem::path& path, const std::vector<std::string>& overrides) {
  const std::string name = path.string();
  const std::string text = detail::read_site_text(path, detail::Loc{}, "");
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

Site site_template() {
  Site s = detail::load_from_tree(toml::table{}, "", {}, nullptr, false);
  s.name = "site";
  s.file.clear();
  return s;
}

std::vector<ConfigError> validate_site_file(const std::filesystem::path& path,
                                            const std::vector<std::string>& overrides) {
  std::vector<ConfigError> errors;
  Site site;
  try {
    const std::string name = path.string();
    const std::string text = detail::read_site_text(path, detail::Loc{}, "");
    toml::table root = detail::load_tree(path, text, name, 0);
    site = detail::load_from_tree(std::move(root), name, overrides, &errors);
  } catch (const ConfigError& e) {  // malformed TOML, unreadable file: nothing more to check
    errors.push_back(e);
    return errors;
  }
  // What run() does next: find and read the weather (header and records) — also when other
  // keys failed, as long as the weather key itself was read.
  if (site.weather.empty() || errors.size() >= detail::kMaxReportedErrors ||
      std::any_of(errors.begin(), errors.end(),
                  [](const ConfigError& e) { return e.key() == "weather"; }))
    return errors;
  try {
    const std::filesystem::path base =
        site.file.empty() ? std::filesystem::path() : site.file.parent_path();
    (void)load_weather(site.weather, base, site.seed);
  } catch (const ConfigError& e) {
    errors.push_back(e);
  }
  return errors;
}

}  // namespace dcload
