// Reading a sweep file (TOML): the sites, the sample, the factors and the outputs, every
// problem a ConfigError at FILE:LINE:COL before anything runs.
#include <glob.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "config/keys.hpp"
#include "config/names.hpp"
#include "config/quantity.hpp"
#include "config/site_tree.hpp"
#include "dcload/error.hpp"
#include "dcload/sweep.hpp"
#include "io/files.hpp"

namespace dcload {

namespace {

using detail::Dimension;
using detail::Kind;

// Largest sample a sweep file may ask for: 10^8 scenarios is ~1 day on 2 cores at today's
// speed and ~10 GB of results.csv; more is a typo (n = 40960000 for 4096) until proven not.
constexpr std::size_t kMaxScenarios = 100'000'000;

struct Ctx {
  std::string file;
  [[noreturn]] void fail(const toml::node* at, const std::string& key, const std::string& msg) const {
    const int line = at ? static_cast<int>(at->source().begin.line) : 0;
    const int col = at ? static_cast<int>(at->source().begin.column) : 0;
    throw ConfigError(file, line, col, key, msg);
  }
};

std::string shortest(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

// The text of a scalar as written, for messages.
std::string written(const toml::node& n) {
  if (auto s = n.value_exact<std::string>()) return "\"" + *s + "\"";
  if (auto i = n.value_exact<int64_t>()) return std::to_string(*i);
  if (auto d = n.value_exact<double>()) return shortest(*d);
  if (auto b = n.value_exact<bool>()) return *b ? "true" : "false";
  return n.is_array() ? "an array" : n.is_table() ? "a table" : "a value";
}

void check_keys(const Ctx& c, const toml::table& t, const std::string& prefix,
                const std::vector<std::string>& allowed) {
  for (auto&& [k, v] : t) {
    const std::string key(k.str());
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    const std::string s = detail::closest(key, allowed);
    c.fail(&v, prefix + key,
           "unknown key \"" + prefix + key + "\" in a sweep file" +
               (s.empty() ? "" : "; did you mean \"" + prefix + s + "\"?") + " (known: " +
               detail::join(allowed) + ")");
  }
}

std::string text_of(const Ctx& c, const toml::node& n, const std::string& key) {
  auto s = n.value_exact<std::string>();
  if (!s) c.fail(&n, key, key + " = " + written(n) + ": expected a string");
  return *s;
}

std::vector<std::string> texts_of(const Ctx& c, const toml::node& n, const std::string& key) {
  std::vector<std::string> out;
  if (n.is_string()) return {text_of(c, n, key)};
  const toml::array* a = n.as_array();
  if (a == nullptr) c.fail(&n, key, key + " = " + written(n) + ": expected a string or an array of strings");
  for (std::size_t i = 0; i < a->size(); ++i)
    out.push_back(text_of(c, *a->get(i), key + "[" + std::to_string(i) + "]"));
  return out;
}

int64_t integer_of(const Ctx& c, const toml::node& n, const std::string& key, int64_t lo, int64_t hi) {
  auto v = n.value_exact<int64_t>();
  if (!v) c.fail(&n, key, key + " = " + written(n) + ": expected a whole number");
  if (*v < lo || *v > hi)
    c.fail(&n, key, key + " = " + std::to_string(*v) + ": expected " + std::to_string(lo) + " … " +
                        std::to_string(hi));
  return *v;
}

// Expands a site path or glob pattern relative to the sweep file's folder, sorted.
std::vector<std::filesystem::path> expand(const Ctx& c, const toml::node& at, const std::string& key,
                                          const std::string& pattern,
                                          const std::filesystem::path& base_dir) {
  const std::filesystem::path p = std::filesystem::path(pattern).is_absolute()
                                      ? std::filesystem::path(pattern)
                                      : base_dir / pattern;
  if (pattern.find_first_of("*?[") == std::string::npos) return {p.lexically_normal()};
  glob_t g{};
  const int rc = ::glob(p.c_str(), 0, nullptr, &g);
  std::vector<std::filesystem::path> out;
  if (rc == 0)
    for (std::size_t i = 0; i < g.gl_pathc; ++i)
      out.push_back(std::filesystem::path(g.gl_pathv[i]).lexically_normal());
  ::globfree(&g);
  if (out.empty()) c.fail(&at, key, key + " = \"" + pattern + "\": matches no file");
  return out;
}

// One [[vary]] table.
struct FactorReader {
  const Ctx& c;
  const toml::table& t;
  std::string prefix;  // "vary[2]."
  const detail::KeySpec* spec = nullptr;
  std::string first_key;
  const std::filesystem::path& base_dir;

  // A continuous parameter → value in the factor's unit (set by the first one read).
  struct Param {
    double si = 0;
    bool present = false;
  };

  SweepFactor read() {
    SweepFactor f;
    f.file = c.file;
    f.line = static_cast<int>(t.source().begin.line);
    f.column = static_cast<int>(t.source().begin.column);
    check_keys(c, t, prefix,
               {"key", "name", "values", "weights", "distribution", "min", "mode", "max", "mean",
                "sd"});
    const toml::node* key = t.get("key");
    if (key == nullptr) c.fail(&t, prefix + "key", prefix + "key: missing (the site key this factor varies)");
    f.keys = texts_of(c, *key, prefix + "key");
    if (f.keys.empty()) c.fail(key, prefix + "key", prefix + "key: an empty list");
    // Every key must be a site key; several keys (set together) must be of one kind.
    for (const std::string& k : f.keys) {
      const std::string pattern = detail::pattern_of(k);
      const detail::KeySpec* s = detail::find_key(pattern);
      if (s == nullptr || pattern == "extends") {
        const std::string hint = detail::suggest_key(pattern);
        c.fail(key, prefix + "key",
               prefix + "key = \"" + k + "\": not a site key" +
                   (hint.empty() ? "" : "; did you mean " + hint + "?") +
                   " (`dcload keys` lists them)");
      }
      if (spec != nullptr && (s->kind != spec->kind || s->dim != spec->dim))
        c.fail(key, prefix + "key",
               prefix + "key: \"" + k + "\" and \"" + first_key +
                   "\" take different kinds of value, so one factor cannot set both");
      if (spec == nullptr) {
        spec = s;
        first_key = k;
      }
    }
    f.integer = spec->kind == Kind::kInteger;
    f.name = first_key;
    if (const toml::node* n = t.get("name")) f.name = text_of(c, *n, prefix + "name");

    const toml::node* dist = t.get("distribution");
    const toml::node* values = t.get("values");
    if (dist == nullptr) {
      if (values == nullptr)
        c.fail(&t, prefix + "values",
               prefix + first_key + ": give values = [...] or a distribution (uniform, normal, "
                                    "lognormal, triangular, discrete)");
      f.distribution = Distribution::kValues;
      for (const char* p : {"min", "mode", "max", "mean", "sd", "weights"})
        if (const toml::node* n = t.get(p))
          c.fail(n, prefix + p, prefix + std::string(p) + ": only with a distribution");
      read_values(f, *values);
      return f;
    }
    const std::string d = text_of(c, *dist, prefix + "distribution");
    static const std::vector<std::string> names = {"uniform", "normal", "lognormal", "triangular",
                                                   "discrete"};
    if (d == "uniform") f.distribution = Distribution::kUniform;
    else if (d == "normal") f.distribution = Distribution::kNormal;
    else if (d == "lognormal") f.distribution = Distribution::kLognormal;
    else if (d == "triangular") f.distribution = Distribution::kTriangular;
    else if (d == "discrete") f.distribution = Distribution::kDiscrete;
    else {
      const std::string s = detail::closest(d, names);
      c.fail(dist, prefix + "distribution",
             prefix + "distribution = \"" + d + "\": unknown" +
                 (s.empty() ? "" : "; did you mean \"" + s + "\"?") + " (known: " +
                 detail::join(names) + ")");
    }
    if (f.distribution == Distribution::kDiscrete) {
      if (values == nullptr)
        c.fail(dist, prefix + "values", prefix + "distribution = \"discrete\" needs values = [...]");
      read_values(f, *values);
      for (const char* p : {"min", "mode", "max", "mean", "sd"})
        if (const toml::node* n = t.get(p))
          c.fail(n, prefix + p, prefix + std::string(p) + ": not a parameter of a discrete distribution");
      if (const toml::node* w = t.get("weights")) read_weights(f, *w);
      return f;
    }
    if (values != nullptr)
      c.fail(values, prefix + "values",
             prefix + "values: a " + d + " distribution takes parameters, not values");
    if (const toml::node* w = t.get("weights"))
      c.fail(w, prefix + "weights", prefix + "weights: only with distribution = \"discrete\"");
    if (spec->kind != Kind::kQuantity && spec->kind != Kind::kReal && spec->kind != Kind::kInteger)
      c.fail(dist, prefix + "distribution",
             prefix + first_key + " is not a number, so it cannot follow a " + d +
                 " distribution; list its values instead");
    read_parameters(f, d);
    return f;
  }

  bool is_delta_param(const std::string& p) const { return p == "sd"; }

  // Parse one parameter in the key's dimension; the first sets the factor's unit.
  double param(SweepFactor& f, const std::string& p, bool& unit_set, double& scale,
               double& offset, detail::Dim& dim) {
    const toml::node* n = t.get(p);
    const std::string key = prefix + p;
    const bool quantity = spec->kind == Kind::kQuantity;
    if (!quantity || spec->dim == Dimension::kNone) {
      auto v = n->value<double>();
      if (!v || n->is_string() || n->is_boolean())
        c.fail(n, key, key + " = " + written(*n) + ": expected a number (" + first_key +
                           " takes plain numbers)");
      return *v;
    }
    // Quantities: a string with a unit, or a plain number where the key takes fractions.
    if (!n->is_string()) {
      auto v = n->value<double>();
      if (v && spec->dim == Dimension::kFraction && !n->is_boolean()) {
        if (!unit_set) {  // a plain fraction sets the unit "" (0.06, not 6 %)
          unit_set = true;
          f.unit.clear();
          scale = 1;
          offset = 0;
          dim = detail::Dim{};
        }
        return is_delta_param(p) ? *v / scale : (*v - offset) / scale;
      }
      c.fail(n, key, key + " = " + written(*n) + ": expected a quantity with its unit, e.g. \"" +
                         std::string(spec->default_text) + "\"");
    }
    const std::string text = *n->value_exact<std::string>();
    Dimension want = spec->dim;
    if (is_delta_param(p) && want == Dimension::kTemperature) want = Dimension::kTemperatureDelta;
    detail::Quantity q;
    try {
      q = detail::parse_quantity(text, want);
    } catch (const detail::QuantityError& e) {
      c.fail(n, key, key + " = \"" + text + "\": " + e.what());
    }
    if (!unit_set) {
      unit_set = true;
      f.unit = q.unit;
      dim = q.dim;
      // The unit's affine map to SI, from two probes (°C, %, USD/MMBtu alike).
      const Dimension point = spec->dim;
      const double zero = detail::parse_quantity("0 " + f.unit, point).value_si;
      const double one = detail::parse_quantity("1 " + f.unit, point).value_si;
      offset = zero;
      scale = one - zero;
    } else if (!(q.dim == dim) && !is_delta_param(p)) {
      c.fail(n, key, key + " = \"" + text + "\": not in the same currency or unit system as the "
                         "other parameters (" + f.unit + ")");
    }
    // Back to the factor's unit: sd is a spread (scale only), the rest are points.
    return is_delta_param(p) ? q.value_si / scale : (q.value_si - offset) / scale;
  }

  void read_parameters(SweepFactor& f, const std::string& d) {
    std::vector<std::string> need, allow;
    if (d == "uniform") need = {"min", "max"};
    else if (d == "triangular") need = {"min", "mode", "max"};
    else if (d == "normal") need = {"mean", "sd"}, allow = {"min", "max"};
    else need = {"mean", "sd"};  // lognormal
    for (const char* p : {"min", "mode", "max", "mean", "sd"}) {
      const bool needed = std::find(need.begin(), need.end(), p) != need.end();
      const bool allowed = needed || std::find(allow.begin(), allow.end(), p) != allow.end();
      const toml::node* n = t.get(p);
      if (n != nullptr && !allowed)
        c.fail(n, prefix + p, prefix + std::string(p) + ": not a parameter of a " + d +
                                  " distribution (it takes " + detail::join(need) + ")");
      if (n == nullptr && needed)
        c.fail(&t, prefix + p, prefix + std::string(p) + ": missing (a " + d + " distribution takes " +
                                   detail::join(need) + ")");
    }
    bool unit_set = false;
    double scale = 1, offset = 0;
    detail::Dim dim;
    // Points first (they set the unit), the spread last.
    for (const char* p : {"min", "mode", "max", "mean"})
      if (t.get(p)) {
        const double v = param(f, p, unit_set, scale, offset, dim);
        if (std::string(p) == "min") f.min = v;
        if (std::string(p) == "mode") f.mode = v;
        if (std::string(p) == "max") f.max = v;
        if (std::string(p) == "mean") f.mean = v;
      }
    if (t.get("sd")) f.sd = param(f, "sd", unit_set, scale, offset, dim);
    // Order and sign.
    auto bad = [&](const char* p, const std::string& msg) { c.fail(t.get(p), prefix + p, prefix + p + std::string(" ") + msg); };
    if (!std::isnan(f.min) && !std::isnan(f.max) && !(f.min < f.max))
      bad("max", "must be above min (" + shortest(f.min) + " ≥ " + shortest(f.max) +
                     (f.unit.empty() ? "" : " " + f.unit) + ")");
    if (!std::isnan(f.mode) && !(f.mode >= f.min && f.mode <= f.max))
      bad("mode", "must lie between min and max");
    if (!std::isnan(f.sd) && !(f.sd > 0)) bad("sd", "must be positive");
    if (d == "lognormal" && !(f.mean > 0)) bad("mean", "must be positive for a lognormal distribution");
    // Bounds of the key itself: a bounded distribution that leaves the key's range would make
    // part of the sample invalid by construction.
    // Money is left to the run: a KRW value's place in a USD range depends on the site's
    // exchange rate.
    for (const char* p : {"min", "mode", "max"}) {
      if (detail::is_money(spec->dim)) break;
      const double v = std::string(p) == "min" ? f.min : std::string(p) == "mode" ? f.mode : f.max;
      if (std::isnan(v)) continue;
      const double si = v * scale + offset;
      if (si < spec->min - 1e-9 * std::abs(spec->min) || si > spec->max + 1e-9 * std::abs(spec->max))
        bad(p, "is outside the range " + first_key + " accepts (`dcload keys` lists it)");
    }
  }

  // values = [...]: one TOML type, valid for the key's kind; each becomes a --set text.
  void read_values(SweepFactor& f, const toml::node& n) {
    const std::string key = prefix + "values";
    const toml::array* a = n.as_array();
    if (a == nullptr || a->empty()) c.fail(&n, key, key + ": expected a non-empty array");
    const bool numbers_ok = spec->kind == Kind::kInteger || spec->kind == Kind::kReal ||
                            (spec->kind == Kind::kQuantity &&
                             (spec->dim == Dimension::kFraction || spec->dim == Dimension::kNone));
    const toml::node_type first = (*a)[0].type();
    auto numeric = [](toml::node_type t) {
      return t == toml::node_type::integer || t == toml::node_type::floating_point;
    };
    for (std::size_t i = 0; i < a->size(); ++i) {
      const toml::node& v = (*a)[i];
      const std::string vk = key + "[" + std::to_string(i) + "]";
      if (v.type() != first && !(numeric(v.type()) && numeric(first) && spec->kind != Kind::kInteger))
        c.fail(&v, vk, key + ": mixed types (" + written((*a)[0]) + " and " + written(v) +
                           "); every value of a factor must be of one type");
      std::string text;
      if (auto s = v.value_exact<std::string>()) {
        text = *s;
        if (spec->kind == Kind::kInteger || spec->kind == Kind::kReal || spec->kind == Kind::kBool)
          c.fail(&v, vk, vk + " = " + written(v) + ": " + first_key + " takes " +
                             (spec->kind == Kind::kBool ? "true or false" : "a number") + ", not a string");
        if (spec->kind == Kind::kQuantity) {
          try {
            (void)detail::parse_quantity(text, spec->dim);
          } catch (const detail::QuantityError& e) {
            c.fail(&v, vk, vk + " = \"" + text + "\": " + e.what());
          }
        }
        if (spec->kind == Kind::kEnum &&
            std::find(spec->choices.begin(), spec->choices.end(), text) == spec->choices.end()) {
          std::vector<std::string> ch(spec->choices.begin(), spec->choices.end());
          c.fail(&v, vk, vk + " = \"" + text + "\": " + first_key + " is one of " + detail::join(ch));
        }
        if (first_key == "weather") text = weather_path(text);
      } else if (auto b = v.value_exact<bool>()) {
        if (spec->kind != Kind::kBool)
          c.fail(&v, vk, vk + " = " + written(v) + ": " + first_key + " does not take true/false");
        text = *b ? "true" : "false";
      } else if (auto iv = v.value_exact<int64_t>()) {
        if (!numbers_ok) c.fail(&v, vk, vk + " = " + written(v) + ": " + first_key + " takes " + expects());
        text = std::to_string(*iv);
      } else if (auto dv = v.value_exact<double>()) {
        if (!numbers_ok || spec->kind == Kind::kInteger)
          c.fail(&v, vk, vk + " = " + written(v) + ": " + first_key + " takes " + expects());
        text = shortest(*dv);
      } else {
        c.fail(&v, vk, vk + ": expected a string, number or true/false");
      }
      f.values.push_back(text);
    }
  }

  std::string expects() const {
    if (spec->kind == Kind::kInteger) return "a whole number";
    if (spec->kind == Kind::kQuantity)
      return "a quantity with its unit, e.g. \"" + std::string(spec->default_text) + "\"";
    return "a string";
  }

  // A weather file named in a sweep file is relative to the sweep file, not to the site.
  std::string weather_path(const std::string& v) const {
    const bool file = v.find('/') != std::string::npos ||
                      (v.size() > 4 && (v.ends_with(".epw") || v.ends_with(".csv") ||
                                        v.ends_with(".EPW") || v.ends_with(".CSV")));
    if (!file || v.rfind("builtin:", 0) == 0 || std::filesystem::path(v).is_absolute()) return v;
    return std::filesystem::absolute(base_dir / v).lexically_normal().string();
  }

  void read_weights(SweepFactor& f, const toml::node& n) {
    const std::string key = prefix + "weights";
    const toml::array* a = n.as_array();
    if (a == nullptr || a->size() != f.values.size())
      c.fail(&n, key, key + ": expected one weight per value (" + std::to_string(f.values.size()) + ")");
    for (std::size_t i = 0; i < a->size(); ++i) {
      auto w = (*a)[i].value<double>();
      if (!w || (*a)[i].is_string() || !(*w >= 0) || !std::isfinite(*w))
        c.fail((*a)[i].as<double>() ? &(*a)[i] : &n, key, key + ": weights must be numbers ≥ 0");
      f.weights.push_back(*w);
    }
    double total = 0;
    for (double w : f.weights) total += w;
    if (!(total > 0)) c.fail(&n, key, key + ": at least one weight must be above 0");
  }
};

}  // namespace

std::size_t SweepSpec::scenario_count() const {
  std::size_t per = 0;
  switch (method) {
    case SampleMethod::kGrid:
      per = 1;
      for (const auto& f : factors) per *= f.values.size();
      break;
    case SampleMethod::kList:
      per = factors.empty() ? 1 : factors.front().values.size();
      break;
    case SampleMethod::kRandom:
    case SampleMethod::kLhs:
      per = n;
      break;
    case SampleMethod::kSobol:
      per = n * (factors.size() + 2);
      break;
  }
  return per * sites.size();
}

SweepSpec load_sweep_from_string(std::string_view text, const std::string& name,
                                 const std::filesystem::path& base_dir) {
  const Ctx c{name};
  const toml::table root = detail::parse_guarded_toml(text, name);
  check_keys(c, root, "",
             {"base", "sites", "set", "outputs", "timestep", "sample", "vary"});
  SweepSpec s;
  s.file = name;
  // Sites.
  const toml::node* base = root.get("base");
  const toml::node* sites = root.get("sites");
  if (base && sites) c.fail(sites, "sites", "give base or sites, not both");
  if (!base && !sites)
    c.fail(nullptr, "base", "base: missing (the site file to vary, e.g. base = \"configs/ulsan.toml\", "
                            "or sites = [...] for several)");
  if (base) {
    s.sites = expand(c, *base, "base", text_of(c, *base, "base"), base_dir);
  } else {
    const auto list = texts_of(c, *sites, "sites");
    if (list.empty()) c.fail(sites, "sites", "sites: an empty list");
    for (std::size_t i = 0; i < list.size(); ++i) {
      const toml::node* at = sites->is_array() ? sites->as_array()->get(i) : sites;
      for (auto& p : expand(c, *at, "sites", list[i], base_dir)) s.sites.push_back(p);
    }
  }
  // Each site must be readable now, and valid with the fixed overrides.
  if (const toml::node* set = root.get("set")) s.set = texts_of(c, *set, "set");
  std::vector<detail::SiteTree> trees;
  for (const auto& p : s.sites) {
    trees.emplace_back(p);
    (void)load_site(p, s.set);
  }
  // Sample.
  bool n_given = false;
  const toml::node* n_node = nullptr;
  if (const toml::node* sample = root.get("sample")) {
    const toml::table* t = sample->as_table();
    if (t == nullptr) c.fail(sample, "sample", "sample: expected a table ([sample])");
    check_keys(c, *t, "sample.", {"method", "n", "seed", "bootstrap", "confidence"});
    if (const toml::node* m = t->get("method")) {
      const std::string v = text_of(c, *m, "sample.method");
      static const std::vector<std::string> names = {"grid", "list", "random", "lhs", "sobol"};
      if (v == "grid") s.method = SampleMethod::kGrid;
      else if (v == "list") s.method = SampleMethod::kList;
      else if (v == "random") s.method = SampleMethod::kRandom;
      else if (v == "lhs") s.method = SampleMethod::kLhs;
      else if (v == "sobol") s.method = SampleMethod::kSobol;
      else {
        const std::string hint = detail::closest(v, names);
        c.fail(m, "sample.method", "sample.method = \"" + v + "\": unknown" +
                                       (hint.empty() ? "" : "; did you mean \"" + hint + "\"?") +
                                       " (known: " + detail::join(names) + ")");
      }
    }
    if ((n_node = t->get("n"))) {
      s.n = static_cast<std::size_t>(integer_of(c, *n_node, "sample.n", 1, kMaxScenarios));
      n_given = true;
    }
    if (const toml::node* v = t->get("seed"))
      s.seed = static_cast<std::uint64_t>(integer_of(c, *v, "sample.seed", 0, INT64_MAX));
    if (const toml::node* v = t->get("bootstrap"))
      s.bootstrap = static_cast<std::size_t>(integer_of(c, *v, "sample.bootstrap", 0, 100000));
    if (const toml::node* v = t->get("confidence")) {
      double x = 0;
      if (v->is_string()) {
        try {
          x = detail::parse_quantity(*v->value_exact<std::string>(), Dimension::kFraction).value_si;
        } catch (const detail::QuantityError& e) {
          c.fail(v, "sample.confidence", "sample.confidence = " + written(*v) + ": " + e.what());
        }
      } else if (auto d = v->value<double>(); d && !v->is_boolean()) {
        x = *d;
      } else {
        c.fail(v, "sample.confidence", "sample.confidence = " + written(*v) + ": expected e.g. \"95 %\"");
      }
      if (!(x > 0 && x < 1)) c.fail(v, "sample.confidence", "sample.confidence must lie between 0 and 100 %");
      s.confidence = x;
    }
  }
  // Factors.
  const toml::node* vary = root.get("vary");
  const toml::array* va = vary ? vary->as_array() : nullptr;
  if (vary && (va == nullptr || !va->is_array_of_tables()))
    c.fail(vary, "vary", "vary: expected [[vary]] tables");
  if (va == nullptr || va->empty())
    c.fail(nullptr, "vary", "no [[vary]] table: a sweep varies at least one key");
  std::set<std::string> seen;
  for (std::size_t i = 0; i < va->size(); ++i) {
    const toml::table& t = *va->get(i)->as_table();
    FactorReader r{c, t, "vary[" + std::to_string(i) + "].", nullptr, "", base_dir};
    SweepFactor f = r.read();
    for (const std::string& k : f.keys) {
      if (!seen.insert(k).second)
        c.fail(t.get("key"), "vary[" + std::to_string(i) + "].key",
               "vary[" + std::to_string(i) + "].key: \"" + k + "\" is varied twice");
      for (const auto& tree : trees) tree.check_indices(k, name, f.line, f.column);
    }
    s.factors.push_back(std::move(f));
  }
  // n against the method.
  const auto& fs = s.factors;
  auto fail_n = [&](const std::string& msg) { c.fail(n_node, "sample.n", msg); };
  switch (s.method) {
    case SampleMethod::kGrid:
    case SampleMethod::kList: {
      const bool grid = s.method == SampleMethod::kGrid;
      for (std::size_t i = 0; i < fs.size(); ++i)
        if (fs[i].distribution != Distribution::kValues)
          c.fail(va->get(i), "vary[" + std::to_string(i) + "].distribution",
                 std::string("method = \"") + (grid ? "grid" : "list") +
                     "\" takes values = [...], not a distribution (use random, lhs or sobol)");
      if (!grid)
        for (std::size_t i = 1; i < fs.size(); ++i)
          if (fs[i].values.size() != fs[0].values.size())
            c.fail(va->get(i), "vary[" + std::to_string(i) + "].values",
                   "method = \"list\": every factor needs as many values as the first (" +
                       std::to_string(fs[0].values.size()) + "), " + fs[i].name + " has " +
                       std::to_string(fs[i].values.size()));
      if (n_given)
        fail_n(std::string("sample.n: method = \"") + (grid ? "grid" : "list") + "\" runs " +
               (grid ? "every combination" : "one scenario per value") + " (here " +
               std::to_string(s.scenario_count() / s.sites.size()) + "); leave n out");
      break;
    }
    case SampleMethod::kRandom:
    case SampleMethod::kLhs:
      if (!n_given) c.fail(root.get("sample"), "sample.n", "sample.n: missing (the number of draws)");
      if (s.n < 2) fail_n("sample.n = 1: statistics need at least 2 draws");
      break;
    case SampleMethod::kSobol:
      if (!n_given)
        c.fail(root.get("sample"), "sample.n",
               "sample.n: missing (base points; the sweep runs n × (factors + 2))");
      if (s.n < 2 || (s.n & (s.n - 1)) != 0) {
        std::size_t lower = 1;
        while (lower * 2 <= s.n) lower *= 2;
        fail_n("sample.n = " + std::to_string(s.n) +
               ": Sobol' points are balanced only in powers of 2 (n is the base points; the "
               "sweep runs n × (factors + 2)); use " +
               (lower >= 2 ? std::to_string(lower) + " or " : std::string()) +
               std::to_string(lower * 2));
      }
      break;
  }
  if (s.scenario_count() > kMaxScenarios)
    fail_n("the sweep would run " + std::to_string(s.scenario_count()) + " scenarios, more than " +
           std::to_string(kMaxScenarios));
  // Outputs.
  if (const toml::node* o = root.get("outputs")) {
    s.outputs = texts_of(c, *o, "outputs");
    std::vector<std::string> numbers;
    for (const SummaryKey& k : summary_keys())
      if (is_summary_number(k.key)) numbers.emplace_back(k.key);
    for (std::size_t i = 0; i < s.outputs.size(); ++i)
      if (!is_summary_number(s.outputs[i])) {
        const std::string hint = detail::closest(s.outputs[i], numbers);
        c.fail(o->is_array() ? o->as_array()->get(i) : o, "outputs",
               "outputs: \"" + s.outputs[i] + "\" is not a number of the Summary" +
                   (hint.empty() ? "" : "; did you mean \"" + hint + "\"?") +
                   " (`dcload keys --summary` lists them)");
      }
    if (s.outputs.empty()) c.fail(o, "outputs", "outputs: an empty list");
  } else {
    s.outputs = {"pue_annual",       "facility_energy_mwh",     "peak_facility_mw",
                 "min_grid_headroom_mw", "min_grid_headroom_n1_mw", "water_m3",
                 "co2_t",            "cost_per_it_mwh_usd",     "cfe_share",
                 "unserved_mwh"};
  }
  if (const toml::node* ts = root.get("timestep")) {
    const std::string v = text_of(c, *ts, "timestep");
    try {
      s.timestep = seconds(detail::parse_quantity(v, Dimension::kDuration).value_si);
    } catch (const detail::QuantityError& e) {
      c.fail(ts, "timestep", "timestep = \"" + v + "\": " + e.what());
    }
    RunOptions probe;
    probe.timestep = s.timestep;
    if (const auto p = probe.validate(); !p.empty()) c.fail(ts, "timestep", "timestep = \"" + v + "\": " + p.front());
  }
  return s;
}

SweepSpec load_sweep(const std::filesystem::path& path) {
  detail::InputFile f;
  f.path = path;
  f.what = "sweep file";
  f.max_bytes = detail::kMaxSiteFileBytes;
  const std::string text = detail::read_input_file(f);
  SweepSpec s = load_sweep_from_string(text, path.string(), path.parent_path());
  s.file = path;
  return s;
}

}  // namespace dcload
