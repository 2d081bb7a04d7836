// Running a sweep: the scenarios of a spec on a pool of threads (each scenario a summary-only
// run of the site with its values applied as overrides), then statistics and Sobol' indices,
// and the writers of results.csv and sweep.json.
#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <map>
#include <memory>
#include <mutex>
#include <numeric>
#include <thread>

#include "config/site_tree.hpp"
#include "dcload/error.hpp"
#include "dcload/sweep.hpp"
#include "output/json_text.hpp"
#include "sweep/sample.hpp"

namespace dcload {

namespace {

std::string shortest(double v) {
  char buf[32];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

std::string json_num(double v) { return std::isfinite(v) ? shortest(v) : "null"; }

// The number a value text starts with ("15.4 USD/MMBtu" → 15.4), or NaN for text.
double leading_number(const std::string& t) {
  double v = 0;
  const auto r = std::from_chars(t.data(), t.data() + t.size(), v);
  if (r.ec != std::errc() || (r.ptr != t.data() + t.size() && *r.ptr != ' ')) return std::nan("");
  return v;
}

const char* distribution_name(Distribution d) {
  switch (d) {
    case Distribution::kValues: return "values";
    case Distribution::kUniform: return "uniform";
    case Distribution::kNormal: return "normal";
    case Distribution::kLognormal: return "lognormal";
    case Distribution::kTriangular: return "triangular";
    case Distribution::kDiscrete: return "discrete";
  }
  return "";
}

// Scenarios per site.
std::size_t per_site(const SweepSpec& s) { return s.scenario_count() / std::max<std::size_t>(1, s.sites.size()); }

// The unit-cube design shared by every site (common random numbers: each site sees the same
// draws, so differences between sites are differences between sites).
detail::Design make_design(const SweepSpec& s) {
  const std::size_t d = s.factors.size();
  const std::uint64_t seed = detail::derive_seed(s.seed, 0);
  switch (s.method) {
    case SampleMethod::kRandom: return detail::random_design(s.n, d, seed);
    case SampleMethod::kLhs: return detail::lhs_design(s.n, d, seed);
    case SampleMethod::kSobol: return detail::saltelli_design(s.n, d, seed);
    default: return {};
  }
}

// Weather loaded once per (source, folder, seed of a built-in year) and shared by the threads.
class WeatherCache {
 public:
  std::shared_ptr<const Weather> get(const Site& site) {
    const std::filesystem::path base = site.file.empty() ? std::filesystem::path() : site.file.parent_path();
    const std::string& src = site.weather;
    const bool file = src.ends_with(".epw") || src.ends_with(".csv") || src.ends_with(".EPW") ||
                      src.ends_with(".CSV");
    const std::string key = src + '\n' + base.string() + '\n' + (file ? "" : std::to_string(site.seed));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    }
    // Loaded outside the lock (two threads may load the same year once each; it is the same).
    auto w = std::make_shared<const Weather>(load_weather(src, base, site.seed));
    std::lock_guard<std::mutex> lock(mutex_);
    return cache_.emplace(key, std::move(w)).first->second;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const Weather>> cache_;
};

struct Runner {
  const SweepSpec& spec;
  std::vector<detail::SiteTree> trees;
  detail::Design design;
  std::size_t per = 0;
  WeatherCache weather;

  explicit Runner(const SweepSpec& s) : spec(s), design(make_design(s)), per(per_site(s)) {
    for (const auto& p : s.sites) trees.emplace_back(p);
  }

  // Values of scenario i (site-major order).
  SweepScenario draw(std::size_t i) const {
    SweepScenario sc;
    sc.index = i;
    sc.site = i / per;
    const std::size_t local = i % per;
    const std::size_t d = spec.factors.size();
    std::size_t rest = local;  // grid: mixed radix, the last factor fastest
    std::vector<std::size_t> grid_index(d);
    if (spec.method == SampleMethod::kGrid)
      for (std::size_t k = d; k-- > 0;) {
        grid_index[k] = rest % spec.factors[k].values.size();
        rest /= spec.factors[k].values.size();
      }
    for (std::size_t k = 0; k < d; ++k) {
      const SweepFactor& f = spec.factors[k];
      if (f.distribution == Distribution::kValues || f.distribution == Distribution::kDiscrete) {
        std::size_t idx = 0;
        if (spec.method == SampleMethod::kGrid) idx = grid_index[k];
        else if (spec.method == SampleMethod::kList) idx = local;
        else idx = static_cast<std::size_t>(detail::quantile(f, design.at(local, k)));
        sc.values.push_back(f.values[idx]);
        const double x = leading_number(f.values[idx]);
        sc.inputs.push_back(std::isnan(x) ? static_cast<double>(idx) : x);
        continue;
      }
      double x = detail::quantile(f, design.at(local, k));
      if (f.integer) x = std::round(x);
      sc.inputs.push_back(x);
      sc.values.push_back(shortest(x) + (f.unit.empty() ? "" : " " + f.unit));
    }
    return sc;
  }

  // `ws`: the calling thread's storage, reused across its scenarios (no fresh pages per run).
  void run_one(SweepScenario& sc, Workspace& ws) {
    std::vector<std::string> overrides = spec.set;
    for (std::size_t k = 0; k < spec.factors.size(); ++k)
      for (const std::string& key : spec.factors[k].keys) overrides.push_back(key + "=" + sc.values[k]);
    sc.outputs.assign(spec.outputs.size(), std::nan(""));
    try {
      const Site site = trees[sc.site].load(overrides);
      const auto w = weather.get(site);
      RunOptions o;
      o.timestep = spec.timestep;
      o.channels = {"none"};
      o.workspace = &ws;
      const RunResult r = run(site, *w, o);
      for (std::size_t j = 0; j < spec.outputs.size(); ++j)
        sc.outputs[j] = summary_value(r.summary, spec.outputs[j]).value_or(std::nan(""));
      sc.status = std::string(r.status.name());
    } catch (const ConfigError& e) {
      sc.status = "error";
      sc.error = e.what();
    } catch (const std::exception& e) {  // a model failure: recorded, never the end of a sweep
      sc.status = "error";
      sc.error = std::string("internal error: ") + e.what();
    }
  }
};

void stats_of(SweepResult& r) {
  const SweepSpec& s = r.spec;
  const std::size_t per = per_site(s);
  for (std::size_t site = 0; site < s.sites.size(); ++site)
    for (std::size_t j = 0; j < s.outputs.size(); ++j) {
      std::vector<double> v;
      for (std::size_t i = site * per; i < (site + 1) * per; ++i)
        if (std::isfinite(r.scenarios[i].outputs[j])) v.push_back(r.scenarios[i].outputs[j]);
      SweepStats st;
      st.output = s.outputs[j];
      st.site = site;
      st.valid = v.size();
      const double nan = std::nan("");
      if (v.empty()) {
        st.mean = st.sd = st.p5 = st.p50 = st.p95 = st.min = st.max = nan;
      } else {
        const auto m = static_cast<double>(v.size());
        st.mean = std::accumulate(v.begin(), v.end(), 0.0) / m;
        double ss = 0;
        for (double x : v) ss += (x - st.mean) * (x - st.mean);
        st.sd = v.size() > 1 ? std::sqrt(ss / (m - 1)) : 0.0;  // sample standard deviation
        std::sort(v.begin(), v.end());
        st.p5 = detail::sorted_quantile(v, 0.05);
        st.p50 = detail::sorted_quantile(v, 0.50);
        st.p95 = detail::sorted_quantile(v, 0.95);
        st.min = v.front();
        st.max = v.back();
      }
      r.stats.push_back(st);
    }
}

void sobol_of(SweepResult& r) {
  const SweepSpec& s = r.spec;
  const std::size_t per = per_site(s), d = s.factors.size();
  for (std::size_t site = 0; site < s.sites.size(); ++site)
    for (std::size_t j = 0; j < s.outputs.size(); ++j) {
      std::vector<double> f(per);
      for (std::size_t i = 0; i < per; ++i) f[i] = r.scenarios[site * per + i].outputs[j];
      const auto e = detail::sobol_indices(f, s.n, d, s.bootstrap, s.confidence,
                                           detail::derive_seed(s.seed, 1 + site * 1000 + j));
      if (e.used < s.n)
        r.messages.push_back(s.sites[site].string() + ": " + s.outputs[j] + ": " +
                             std::to_string(s.n - e.used) + " of " + std::to_string(s.n) +
                             " Sobol' base points dropped (a run in them failed); the indices "
                             "rest on the other " + std::to_string(e.used));
      for (std::size_t k = 0; k < d; ++k)
        r.sobol.push_back({s.outputs[j], s.factors[k].name, site, e.s1[k], e.s1_low[k],
                           e.s1_high[k], e.st[k], e.st_low[k], e.st_high[k]});
    }
}

}  // namespace

std::string_view sample_method_name(SampleMethod m) {
  switch (m) {
    case SampleMethod::kGrid: return "grid";
    case SampleMethod::kList: return "list";
    case SampleMethod::kRandom: return "random";
    case SampleMethod::kLhs: return "lhs";
    case SampleMethod::kSobol: return "sobol";
  }
  return "";
}

void analyze(SweepResult& r) {
  const SweepSpec& s = r.spec;
  if (r.scenarios.size() != s.scenario_count())
    throw std::invalid_argument("analyze: " + std::to_string(r.scenarios.size()) + " scenarios for a sample of " +
                                std::to_string(s.scenario_count()));
  r.stats.clear();
  r.sobol.clear();
  r.messages.clear();
  r.invalid = 0;
  // Silence is a defect: every scenario that failed or breached a limit is counted aloud.
  const std::size_t per = per_site(s);
  for (std::size_t site = 0; site < s.sites.size(); ++site) {
    std::map<std::string, std::size_t> count;
    const SweepScenario* first_error = nullptr;
    for (std::size_t i = site * per; i < (site + 1) * per; ++i) {
      const auto& sc = r.scenarios[i];
      ++count[sc.status];
      if (sc.status == "error") {
        ++r.invalid;
        if (first_error == nullptr) first_error = &sc;
      }
    }
    for (const auto& [status, n] : count) {
      if (status == "ok") continue;
      std::string m = s.sites[site].string() + ": " + std::to_string(n) + " of " + std::to_string(per) +
                      " scenarios " + (status == "error" ? "were invalid" : "ended " + status);
      if (status == "error" && first_error != nullptr)
        m += " (first: scenario " + std::to_string(first_error->index) + ", " + first_error->error + ")";
      r.messages.push_back(m);
    }
  }
  stats_of(r);
  if (s.method == SampleMethod::kSobol) sobol_of(r);
}

SweepResult sweep(const SweepSpec& spec, const SweepOptions& options,
                  const std::function<void(const SweepScenario&)>& callback) {
  Runner runner(spec);
  const std::size_t total = spec.scenario_count();
  const std::size_t first = std::min(options.first, total);
  const std::size_t last = options.last == 0 ? total : std::min(options.last, total);
  SweepResult result;
  result.spec = spec;
  result.scenarios.resize(last > first ? last - first : 0);
  unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  threads = static_cast<unsigned>(std::min<std::size_t>(threads, std::max<std::size_t>(1, result.scenarios.size())));
  std::atomic<std::size_t> next{first}, done{0};
  std::mutex callback_mutex;
  auto work = [&] {
    Workspace ws;
    for (std::size_t i; (i = next.fetch_add(1)) < last;) {
      SweepScenario sc = runner.draw(i);
      runner.run_one(sc, ws);
      if (callback) {
        std::lock_guard<std::mutex> lock(callback_mutex);
        callback(sc);
      }
      result.scenarios[i - first] = std::move(sc);
      const std::size_t d = done.fetch_add(1) + 1;
      if (options.progress) options.progress(d, result.scenarios.size());
    }
  };
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t) pool.emplace_back(work);
    for (auto& t : pool) t.join();
  }
  if (first == 0 && last == total) analyze(result);
  return result;
}

std::string to_csv(const SweepResult& r) {
  auto quote = [](const std::string& v) {
    if (v.find_first_of(",\"\n\r") == std::string::npos) return v;
    std::string o = "\"";
    for (char ch : v) o += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return o + "\"";
  };
  const SweepSpec& s = r.spec;
  std::string o = "index,site";
  for (const auto& f : s.factors) o += "," + quote(f.name + (f.unit.empty() ? "" : " [" + f.unit + "]"));
  for (const auto& k : s.outputs) o += "," + quote(k);
  o += ",status,error\n";
  for (const auto& sc : r.scenarios) {
    o += std::to_string(sc.index) + "," + quote(s.sites[sc.site].string());
    for (std::size_t k = 0; k < s.factors.size(); ++k) {
      const SweepFactor& f = s.factors[k];
      const bool numeric = f.distribution != Distribution::kValues && f.distribution != Distribution::kDiscrete;
      // Drawn numbers in the factor's unit; listed values as written (a weather file, "2N").
      o += ',';
      o += numeric ? shortest(sc.inputs[k]) : quote(sc.values[k]);
    }
    for (double v : sc.outputs) {
      o += ',';
      if (std::isfinite(v)) o += shortest(v);
    }
    o += ',';
    o += sc.status;
    o += ',';
    o += quote(sc.error);
    o += '\n';
  }
  return o;
}

std::string to_json(const SweepResult& r) {
  using detail::json_string;
  const SweepSpec& s = r.spec;
  std::string o = "{\n";
  o += "  \"sweep\": " + json_string(s.file.string()) + ",\n";
  o += "  \"method\": \"" + std::string(sample_method_name(s.method)) + "\",\n";
  o += "  \"n\": " + std::to_string(s.n) + ",\n";
  o += "  \"seed\": " + std::to_string(s.seed) + ",\n";
  o += "  \"timestep_s\": " + json_num(in_si(s.timestep)) + ",\n";
  o += "  \"scenarios\": " + std::to_string(r.scenarios.size()) + ",\n";
  o += "  \"invalid\": " + std::to_string(r.invalid) + ",\n";
  o += "  \"sites\": [";
  for (std::size_t i = 0; i < s.sites.size(); ++i) o += (i ? ", " : "") + json_string(s.sites[i].string());
  o += "],\n  \"set\": [";
  for (std::size_t i = 0; i < s.set.size(); ++i) o += (i ? ", " : "") + json_string(s.set[i]);
  o += "],\n  \"factors\": [\n";
  for (std::size_t k = 0; k < s.factors.size(); ++k) {
    const SweepFactor& f = s.factors[k];
    o += "    {\"name\": " + json_string(f.name) + ", \"keys\": [";
    for (std::size_t i = 0; i < f.keys.size(); ++i) o += (i ? ", " : "") + json_string(f.keys[i]);
    o += "], \"distribution\": \"" + std::string(distribution_name(f.distribution)) + "\"";
    if (!f.values.empty()) {
      o += ", \"values\": [";
      for (std::size_t i = 0; i < f.values.size(); ++i) o += (i ? ", " : "") + json_string(f.values[i]);
      o += "]";
    }
    if (!f.weights.empty()) {
      o += ", \"weights\": [";
      for (std::size_t i = 0; i < f.weights.size(); ++i) o += (i ? ", " : "") + json_num(f.weights[i]);
      o += "]";
    }
    const std::pair<const char*, double> params[] = {
        {"min", f.min}, {"mode", f.mode}, {"max", f.max}, {"mean", f.mean}, {"sd", f.sd}};
    for (const auto& [name, v] : params)
      if (!std::isnan(v)) o += std::string(", \"") + name + "\": " + json_num(v);
    if (!f.unit.empty()) o += ", \"unit\": " + json_string(f.unit);
    o += std::string("}") + (k + 1 < s.factors.size() ? ",\n" : "\n");
  }
  o += "  ],\n  \"outputs\": [";
  for (std::size_t i = 0; i < s.outputs.size(); ++i) o += (i ? ", " : "") + json_string(s.outputs[i]);
  o += "],\n  \"stats\": [\n";
  for (std::size_t i = 0; i < r.stats.size(); ++i) {
    const SweepStats& st = r.stats[i];
    o += "    {\"site\": " + json_string(s.sites[st.site].string()) + ", \"output\": " +
         json_string(st.output) + ", \"valid\": " + std::to_string(st.valid) +
         ", \"mean\": " + json_num(st.mean) + ", \"sd\": " + json_num(st.sd) +
         ", \"p5\": " + json_num(st.p5) + ", \"p50\": " + json_num(st.p50) +
         ", \"p95\": " + json_num(st.p95) + ", \"min\": " + json_num(st.min) +
         ", \"max\": " + json_num(st.max) + "}" + (i + 1 < r.stats.size() ? ",\n" : "\n");
  }
  o += "  ],\n  \"sobol\": [";
  if (!r.sobol.empty()) o += "\n";
  for (std::size_t i = 0; i < r.sobol.size(); ++i) {
    const SobolIndex& x = r.sobol[i];
    o += "    {\"site\": " + json_string(s.sites[x.site].string()) + ", \"output\": " +
         json_string(x.output) + ", \"factor\": " + json_string(x.factor) +
         ", \"s1\": " + json_num(x.s1) + ", \"s1_low\": " + json_num(x.s1_low) +
         ", \"s1_high\": " + json_num(x.s1_high) + ", \"st\": " + json_num(x.st) +
         ", \"st_low\": " + json_num(x.st_low) + ", \"st_high\": " + json_num(x.st_high) + "}" +
         (i + 1 < r.sobol.size() ? ",\n" : "\n");
  }
  o += r.sobol.empty() ? "],\n" : "  ],\n";
  // grid / list: the table itself (one entry per scenario).
  o += "  \"table\": [";
  const bool table = s.method == SampleMethod::kGrid || s.method == SampleMethod::kList;
  if (table && !r.scenarios.empty()) o += "\n";
  if (table)
    for (std::size_t i = 0; i < r.scenarios.size(); ++i) {
      const SweepScenario& sc = r.scenarios[i];
      o += "    {\"index\": " + std::to_string(sc.index) + ", \"site\": " +
           json_string(s.sites[sc.site].string()) + ", \"values\": {";
      for (std::size_t k = 0; k < s.factors.size(); ++k)
        o += (k ? ", " : "") + json_string(s.factors[k].name) + ": " + json_string(sc.values[k]);
      o += "}, \"outputs\": {";
      for (std::size_t j = 0; j < s.outputs.size(); ++j)
        o += (j ? ", " : "") + json_string(s.outputs[j]) + ": " + json_num(sc.outputs[j]);
      o += "}, \"status\": " + json_string(sc.status) + "}" + (i + 1 < r.scenarios.size() ? ",\n" : "\n");
    }
  o += table && !r.scenarios.empty() ? "  ],\n" : "],\n";
  o += "  \"messages\": [";
  for (std::size_t i = 0; i < r.messages.size(); ++i) o += (i ? ", " : "") + json_string(r.messages[i]);
  o += "]\n}\n";
  return o;
}

}  // namespace dcload
