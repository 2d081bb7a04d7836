// The IT part of a site: [[cluster]] and [[phase]] entries read into ClusterSpec / PhaseSpec
// (catalog accelerators and workloads, compute targets, halls and liquid shares, whole nodes),
// and their checks.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <sstream>
#include <tuple>

#include "config/catalog.hpp"
#include "config/reader.hpp"
#include "it/workload.hpp"

namespace dcload {

int64_t ClusterSpec::nodes() const {
  return accelerator.gpus_per_node > 0 ? count / accelerator.gpus_per_node : 0;
}

int64_t ClusterSpec::racks() const {
  const int64_t per = accelerator.gpus_per_rack;
  return per > 0 ? (count + per - 1) / per : 0;
}

Power ClusterSpec::design_power() const {
  const double n = accelerator.gpus_per_node > 0
                       ? static_cast<double>(count) / accelerator.gpus_per_node
                       : 0.0;
  return watts(n * in_si(accelerator.node_full) +
               static_cast<double>(count) * (in_si(network_per_gpu) + in_si(storage_per_gpu)));
}

Power Site::design_it_power() const {
  double w = 0;
  for (const auto& c : clusters) w += in_si(c.design_power());
  return watts(w);
}

bool Site::offers_flex() const {
  return std::any_of(clusters.begin(), clusters.end(),
                     [&](const ClusterSpec& c) { return curtailable_share_of(c) > 0; });
}

double Site::offered_flex_share() const {
  if (!phases.empty()) return built_by(phases.back().year).offered_flex_share();
  double w = 0, shed = 0;
  for (const auto& c : clusters) {
    w += in_si(c.design_power());
    shed += curtailable_share_of(c) * in_si(c.design_power());
  }
  return w > 0 ? shed / w : 0.0;
}

namespace detail {
namespace {

constexpr const char* kFormatNames[] = {"FP64", "FP32", "TF32", "BF16", "FP16", "FP8", "FP4"};

// Largest count a compute target may resolve to (the key table's range of cluster[].count).
constexpr double kMaxCount = 1e8;

struct ComputeTarget {
  double tflops = 0;
  Precision format = Precision::kBf16;
  bool sparse = false;
  bool format_given = false;
};

// "1 EFLOPS FP64", "500 PFLOPS BF16 sparse", "2 EFLOPS": number, unit, optional format, optional
// "dense"/"sparse". Returns nullopt for anything else.
std::optional<ComputeTarget> parse_compute(const std::string& text) {
  std::istringstream in(text);
  std::vector<std::string> tok;
  for (std::string t; in >> t;) tok.push_back(t);
  if (tok.size() < 2 || tok.size() > 4) return std::nullopt;
  char* end = nullptr;
  const double value = std::strtod(tok[0].c_str(), &end);
  if (end == tok[0].c_str() || *end != '\0' || !std::isfinite(value) || !(value > 0))
    return std::nullopt;
  const std::string& u = tok[1];
  const double scale = u == "TFLOPS" ? 1.0 : u == "PFLOPS" ? 1e3 : u == "EFLOPS" ? 1e6 : 0.0;
  if (scale == 0.0) return std::nullopt;
  ComputeTarget t;
  t.tflops = value * scale;
  if (!std::isfinite(t.tflops)) return std::nullopt;
  for (size_t i = 2; i < tok.size(); ++i) {
    std::string w = tok[i];
    std::transform(w.begin(), w.end(), w.begin(), ::toupper);
    if (w == "SPARSE" || w == "DENSE") {
      if (i != tok.size() - 1) return std::nullopt;
      t.sparse = w == "SPARSE";
      continue;
    }
    const auto f = std::find(std::begin(kFormatNames), std::end(kFormatNames), w);
    if (f == std::end(kFormatNames) || t.format_given || i != 2) return std::nullopt;
    t.format = static_cast<Precision>(f - std::begin(kFormatNames));
    t.format_given = true;
  }
  return t;
}

std::string thousands(int64_t n) {
  std::string s = std::to_string(n);
  // Built by appends (g++ 12 warns, -Wrestrict, on std::string::insert of a literal here).
  std::string out;
  const size_t lead = s.size() % 3 == 0 ? 3 : s.size() % 3;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i >= lead && (i - lead) % 3 == 0 && s[i - 1] != '-') out.push_back(',');
    out.push_back(s[i]);
  }
  return out;
}

const char* hall_technology(CoolingTechnology t) {
  switch (t) {
    case CoolingTechnology::kAir: return "air";
    case CoolingTechnology::kLiquid: return "liquid";
    case CoolingTechnology::kImmersion: return "immersion";
    case CoolingTechnology::kImmersionTwoPhase: return "immersion_two_phase";
    case CoolingTechnology::kDx: return "dx";
  }
  return "air";
}

// The liquid share of a cluster's node heat in its hall (ClusterSpec::liquid_fraction).
double liquid_share(const AcceleratorSpec& a, const HallSpec& h, std::optional<double> given) {
  switch (h.technology) {
    case CoolingTechnology::kAir:
    case CoolingTechnology::kDx: return given.value_or(0.0);  // > 0 is a problem (check_it)
    case CoolingTechnology::kLiquid: return given.value_or(a.liquid_fraction);
    case CoolingTechnology::kImmersion:
    case CoolingTechnology::kImmersionTwoPhase: return 1.0;  // every watt into the tanks
  }
  return 0.0;
}

// Whole nodes: count rounded up to a multiple of gpus_per_node, with a note when it moved.
int64_t whole_nodes(int64_t count, const AcceleratorSpec& a, const std::string& what,
                    std::vector<std::string>& notes) {
  const int64_t per = std::max(1, a.gpus_per_node);
  const int64_t rounded = (count + per - 1) / per * per;
  if (rounded != count)
    notes.push_back(what + " = " + thousands(count) + " rounded up to " + thousands(rounded) +
                    " (" + thousands(rounded / per) + " whole nodes of " + std::to_string(per) +
                    " " + a.name + ")");
  return rounded;
}

}  // namespace

ClusterSpec make_cluster_from_catalog(const AcceleratorEntry& entry, const WorkloadSpec& w,
                                      const Site& site, std::size_t hall) {
  ClusterSpec c;
  c.accelerator = entry.spec;
  c.workload = w;
  c.network_per_gpu = entry.network_per_gpu;
  c.storage_per_gpu = entry.storage_per_gpu;
  c.power_cap_per_gpu = watts(0.0);
  c.power_curve = entry.spec.power_curve;
  if (c.power_curve.rfind("table:", 0) == 0)
    if (auto t = find_power_curve_table(c.power_curve.substr(6))) c.power_curve_table = *t;
  c.hall = hall;
  if (hall < site.halls.size())
    c.liquid_fraction = liquid_share(entry.spec, site.halls[hall], std::nullopt);
  return c;
}

void read_it(const Reader& r, Site& site, bool require_clusters) {
  std::vector<std::string> hall_names;
  for (const HallSpec& h : site.halls) hall_names.push_back(h.name);
  for (size_t i = 0; i < r.array_size("cluster"); ++i) {
    const std::string p = "cluster[" + std::to_string(i) + "].";
    const std::string acc = r.text(p + "accelerator");
    auto entry = find_accelerator(acc);
    if (!entry) {
      const std::string s = closest(acc, accelerator_names());
      r.lookup_problem(p + "accelerator",
                p + "accelerator = \"" + acc + "\": not in the accelerator catalog" +
                    (s.empty() ? "" : "; did you mean \"" + s + "\"?") + " (known: " +
                    join(accelerator_names()) + ")");
      continue;
    }
    // Hall: by name; the only hall when there is one.
    std::size_t hall = 0;
    if (r.has(p + "hall")) {
      const std::string hn = r.text(p + "hall");
      const auto it = std::find(hall_names.begin(), hall_names.end(), hn);
      if (it == hall_names.end()) {
        r.lookup_problem(p + "hall", p + "hall = \"" + hn + "\": no [[hall]] has this name (known: " +
                                  join(hall_names) + ")");
        continue;
      }
      hall = static_cast<std::size_t>(it - hall_names.begin());
    } else if (hall_names.size() > 1) {
      r.problem(p + "name", p + "hall: the site has " + std::to_string(hall_names.size()) +
                                " halls (" + join(hall_names) +
                                "); name the hall this cluster stands in");
      continue;
    }
    // Workload: a catalog name or a measured trace "FILE.csv" (relative to the site file).
    const std::string wl = r.text(p + "workload");
    std::optional<WorkloadSpec> w;
    if (wl.size() > 4 && wl.compare(wl.size() - 4, 4, ".csv") == 0) {
      const std::filesystem::path base = r.file().empty()
                                             ? std::filesystem::path()
                                             : std::filesystem::path(r.file()).parent_path();
      const std::filesystem::path csv =
          std::filesystem::path(wl).is_absolute() ? std::filesystem::path(wl) : base / wl;
      w = read_utilization_trace(csv, p + "workload");
    } else {
      w = find_workload(wl);
      if (!w) {
        const std::string s = closest(wl, workload_names());
        r.lookup_problem(p + "workload",
                  p + "workload = \"" + wl + "\": not in the workload catalog" +
                      (s.empty() ? "" : "; did you mean \"" + s + "\"?") + " (known: " +
                      join(workload_names()) + ")");
        continue;
      }
    }
    ClusterSpec c = make_cluster_from_catalog(*entry, *w, site, hall);
    c.name = r.text(p + "name");
    // An uncertain draw (e.g. a sweep over power_scale): the node's catalog powers scaled
    // together, so the utilization → power curve keeps its shape.
    if (const double scale = r.real(p + "power_scale"); scale != 1.0) {
      c.accelerator.node_idle = c.accelerator.node_idle * scale;
      c.accelerator.node_full = c.accelerator.node_full * scale;
      c.accelerator.node_rated = c.accelerator.node_rated * scale;
    }
    c.count = r.integer(p + "count");
    // A compute target instead of a count: "1 EFLOPS FP64".
    if (const std::string target = r.text(p + "compute"); !target.empty()) {
      if (r.has(p + "count")) {
        r.problem(p + "compute",
                  p + "compute = \"" + target + "\": give either count or compute, not both");
        continue;
      }
      const auto t = parse_compute(target);
      if (!t) {
        r.problem(p + "compute",
                  p + "compute = \"" + target +
                      "\": expected a throughput and its number format, e.g. \"1 EFLOPS FP64\" "
                      "or \"2 EFLOPS FP8 sparse\" (TFLOPS, PFLOPS, EFLOPS; FP64, FP32, TF32, "
                      "BF16, FP16, FP8, FP4; dense or sparse)");
        continue;
      }
      const int fi = static_cast<int>(t->format);
      double per = c.accelerator.dense_tflops[static_cast<size_t>(fi)];
      const std::string fmt = std::string(kFormatNames[fi]) + (t->sparse ? " sparse" : " dense");
      if (!(per > 0)) {
        r.problem(p + "compute", p + "compute = \"" + target + "\": the catalog has no " +
                                     kFormatNames[fi] + " throughput for \"" +
                                     c.accelerator.name + "\"; give count or another format");
        continue;
      }
      if (t->sparse) {
        if (!(c.accelerator.sparsity_factor > 0) || t->format == Precision::kFp64 ||
            t->format == Precision::kFp32) {
          r.problem(p + "compute", p + "compute = \"" + target + "\": \"" + c.accelerator.name +
                                       "\" has no structured-sparsity rate for " +
                                       kFormatNames[fi]);
          continue;
        }
        per *= c.accelerator.sparsity_factor;
      }
      const double n = std::ceil(t->tflops / per - 1e-9);
      if (!(n <= kMaxCount)) {
        char buf[200];
        std::snprintf(buf, sizeof buf,
                      "\": needs %.3g accelerators at %g TFLOPS %s each, more than the 1e+08 a "
                      "cluster may hold",
                      n, per, fmt.c_str());
        r.problem(p + "compute", p + "compute = \"" + target + buf);
        continue;
      }
      c.count = static_cast<int64_t>(n);
      char buf[240];
      std::snprintf(buf, sizeof buf, "%s: compute \"%s\" = %s accelerators at %g TFLOPS %s each%s",
                    c.name.c_str(), target.c_str(), thousands(c.count).c_str(), per, fmt.c_str(),
                    t->format_given ? "" : " (no number format given: dense BF16 assumed)");
      site.notes.push_back(buf);
    }
    c.count = whole_nodes(c.count, c.accelerator, p + "count", site.notes);
    if (r.has(p + "network_power_per_gpu"))
      c.network_per_gpu = watts(r.quantity(p + "network_power_per_gpu"));
    if (r.has(p + "storage_power_per_gpu"))
      c.storage_per_gpu = watts(r.quantity(p + "storage_power_per_gpu"));
    c.power_cap_per_gpu = watts(r.quantity(p + "power_cap_per_gpu"));
    c.critical = r.boolean(p + "critical");
    if (r.has(p + "curtailable_share")) c.curtailable_share = r.quantity(p + "curtailable_share");
    // Liquid share: the cluster's own, else the catalog's for its hall's technology.
    std::optional<double> lf;
    if (r.has(p + "liquid_fraction")) lf = r.quantity(p + "liquid_fraction");
    c.liquid_fraction = liquid_share(c.accelerator, site.halls[hall], lf);
    if (lf && *lf > 0 && c.accelerator.cooling == AcceleratorCooling::kAir &&
        site.halls[hall].technology == CoolingTechnology::kLiquid)
      site.notes.push_back(c.name + ": liquid_fraction " + std::to_string(*lf * 100).substr(0, 4) +
                           " % for \"" + c.accelerator.name +
                           "\", which the catalog lists as air-cooled only (a retrofit cold "
                           "plate is assumed)");
    // Utilization → power curve: the cluster's choice, else the accelerator's.
    if (r.has(p + "power_curve")) {
      c.power_curve = r.text(p + "power_curve");
      c.power_curve_table.clear();
      if (c.power_curve.rfind("table:", 0) == 0) {
        const std::string name = c.power_curve.substr(6);
        auto table = find_power_curve_table(name);
        if (!table) {
          const std::string s = closest(name, power_curve_table_names());
          r.lookup_problem(p + "power_curve",
                    p + "power_curve = \"" + c.power_curve + "\": no [[power_curve]] table named \"" +
                        name + "\" in configs/catalog/accelerators.toml" +
                        (s.empty() ? "" : "; did you mean \"table:" + s + "\"?") + " (known: " +
                        join(power_curve_table_names()) + ")");
          continue;
        }
        c.power_curve_table = *table;
      } else if (c.power_curve != "linear" && c.power_curve != "square" &&
                 c.power_curve != "cubic" && c.power_curve != "sqrt") {
        r.problem(p + "power_curve",
                  p + "power_curve = \"" + c.power_curve +
                      "\": expected \"linear\", \"square\", \"cubic\", \"sqrt\" or \"table:NAME\"");
        continue;
      }
    }
    site.clusters.push_back(c);
  }

  // Build-out phases: each adds accelerators to a named cluster from a date.
  for (size_t i = 0; i < r.array_size("phase"); ++i) {
    const std::string p = "phase[" + std::to_string(i) + "].";
    PhaseSpec ph;
    const std::string date = r.text(p + "date");
    if (!parse_date(date, ph.year, ph.month, ph.day)) {
      r.problem(p + "date", p + "date = \"" + date + "\": expected a date \"YYYY-MM-DD\"");
      continue;
    }
    const std::string cl = r.text(p + "cluster");
    std::vector<std::string> names;
    for (const auto& c : site.clusters) names.push_back(c.name);
    const auto it = std::find(names.begin(), names.end(), cl);
    if (it == names.end()) {
      r.problem(p + "cluster", p + "cluster = \"" + cl +
                                   "\": no [[cluster]] has this name (known: " + join(names) +
                                   ")");
      continue;
    }
    ph.cluster = static_cast<size_t>(it - names.begin());
    ph.count = whole_nodes(r.integer(p + "count"), site.clusters[ph.cluster].accelerator,
                           p + "count", site.notes);
    site.phases.push_back(ph);
  }
  std::stable_sort(site.phases.begin(), site.phases.end(),
                   [](const PhaseSpec& a, const PhaseSpec& b) {
                     return std::tie(a.year, a.month, a.day) < std::tie(b.year, b.month, b.day);
                   });
  (void)require_clusters;
}

// Why a cluster's power curve or workload cannot be evaluated ("" when it can): the forms the
// site-file reader accepts (linear, square, cubic, sqrt; table:NAME with its 11 points rising
// from 0 to 1) and workload values that keep every utilization finite (a catalog entry or a
// trace read by read_utilization_trace always passes). Sites built in code reach the IT stage
// only through these, so a bad value is a ConfigError rather than a read outside the table or
// a division by zero.
std::string power_curve_problem(const ClusterSpec& c) {
  const std::string& f = c.power_curve;
  if (f == "linear" || f == "square" || f == "cubic" || f == "sqrt") return "";
  if (f.rfind("table:", 0) == 0) {
    const std::vector<double>& t = c.power_curve_table;
    bool ok = t.size() == 11;
    for (std::size_t i = 0; ok && i < t.size(); ++i)
      ok = std::isfinite(t[i]) && (i == 0 || t[i] >= t[i - 1]);
    if (ok && t[10] > t[9] && t[0] == 0.0 && t[10] == 1.0) return "";
    return "power_curve = \"" + f + "\": needs power_curve_table of 11 rising values from 0 "
           "at u = 0 to 1 at u = 1 (got " + std::to_string(t.size()) +
           " values; a catalog table: make_cluster or find_power_curve_table)";
  }
  return "power_curve = \"" + f + "\": expected linear, square, cubic, sqrt or table:NAME";
}

std::string workload_problem(const WorkloadSpec& w) {
  if (!w.trace.empty()) {
    if (!(w.trace_step_s >= 1.0) || !std::isfinite(w.trace_step_s))
      return "trace step " + std::to_string(w.trace_step_s) + " s: expected at least 1 s";
    for (const double u : w.trace)
      if (!(u >= 0.0 && u <= 1.5))
        return "trace utilization " + std::to_string(u) + ": expected 0 … 1.5";
    return "";
  }
  const auto fraction = [](double x) { return x >= 0.0 && x <= 1.0; };
  const auto non_negative = [](double x) { return x >= 0.0 && std::isfinite(x); };
  if (!fraction(w.training_share)) return "training_share: expected 0 … 1";
  if (!(w.mean_utilization >= 0.0 && w.mean_utilization <= 1.5))
    return "mean_utilization: expected 0 … 1.5";
  if (!fraction(w.comm_share) || !fraction(w.comm_dip) || !fraction(w.checkpoint_utilization))
    return "comm_share, comm_dip and checkpoint_utilization: expected 0 … 1";
  if (!(w.comm_share * w.comm_dip < 1.0))
    return "comm_share × comm_dip = 1: the compute phase would draw without bound (needs < 1)";
  if (!non_negative(w.iteration_period_s) || !non_negative(w.checkpoint_interval_s) ||
      !non_negative(w.checkpoint_duration_s) || !non_negative(w.restart_duration_s) ||
      !non_negative(w.gpu_hours_per_failure) || !non_negative(w.job_gpus))
    return "periods, durations, gpu_hours_per_failure and job_gpus: expected finite values ≥ 0";
  if (!fraction(w.inference_utilization) || !fraction(std::abs(w.daily_amplitude)) ||
      !non_negative(w.weekend_factor) || !(w.peak_hour >= 0.0 && w.peak_hour <= 24.0))
    return "inference_utilization, daily_amplitude (0 … 1), weekend_factor (≥ 0) and peak_hour "
           "(0 … 24): out of range";
  return "";
}

void check_it(const Site& site, Problems& p) {
  if (site.clusters.empty()) {
    p.add("cluster", "missing [[cluster]]: a site needs at least one cluster of accelerators");
    return;
  }
  int64_t total = 0;
  for (size_t i = 0; i < site.clusters.size(); ++i) {
    const ClusterSpec& c = site.clusters[i];
    const std::string k = "cluster[" + std::to_string(i) + "].";
    const AcceleratorSpec& a = c.accelerator;
    total += c.count;
    p.range(k + "count", static_cast<double>(c.count));
    p.range(k + "network_power_per_gpu", in_si(c.network_per_gpu));
    p.range(k + "storage_power_per_gpu", in_si(c.storage_per_gpu));
    p.range(k + "power_cap_per_gpu", in_si(c.power_cap_per_gpu));
    p.range(k + "liquid_fraction", c.liquid_fraction);
    if (c.curtailable_share) p.range(k + "curtailable_share", *c.curtailable_share);
    if (a.gpus_per_node < 1 || !(in_si(a.node_full) > 0) || !(in_si(a.node_idle) >= 0) ||
        in_si(a.node_idle) > in_si(a.node_full)) {
      p.add(k + "accelerator", k + "accelerator = \"" + a.name +
                                   "\": needs gpus_per_node ≥ 1 and 0 ≤ node idle ≤ node full "
                                   "power > 0 (use the catalog: make_cluster)");
      continue;
    }
    if (c.count % a.gpus_per_node != 0)
      p.add(k + "count", k + "count = " + std::to_string(c.count) + ": not a whole number of " +
                             std::to_string(a.gpus_per_node) + "-accelerator nodes of " + a.name);
    if (c.workload.trace.empty() && c.workload.name.empty())
      p.add(k + "workload", k + "workload: no workload (a catalog name or a trace)");
    if (const std::string why = power_curve_problem(c); !why.empty())
      p.add(k + "power_curve", k + why);
    if (const std::string why = workload_problem(c.workload); !why.empty())
      p.add(k + "workload", k + "workload \"" + c.workload.name + "\": " + why);
    if (c.hall >= site.halls.size()) {
      p.add(k + "hall", k + "hall: index " + std::to_string(c.hall) + " but the site has " +
                            std::to_string(site.halls.size()) + " halls");
      continue;
    }
    const HallSpec& h = site.halls[c.hall];
    if (h.technology == CoolingTechnology::kAir || h.technology == CoolingTechnology::kDx) {
      if (a.cooling == AcceleratorCooling::kLiquid)
        p.add(k + "accelerator",
              k + "accelerator = \"" + a.name +
                  "\" is liquid-cooled only (configs/catalog/accelerators.toml: cooling = "
                  "\"liquid\") but stands in hall \"" + h.name +
                  "\", an air-cooled hall; put it in a hall with technology = \"liquid\" (or "
                  "\"immersion\")");
      else if (c.liquid_fraction > 0)
        p.add(k + "liquid_fraction",
              k + "liquid_fraction = " + std::to_string(c.liquid_fraction) +
                  ": hall \"" + h.name + "\" is an air-cooled hall (technology = \"" +
                  hall_technology(h.technology) + "\"), which has no liquid loop");
    }
  }
  if (total == 0 && site.phases.empty())
    p.add("cluster[0].count", "cluster[0].count = 0: the site has no accelerators (give a count "
                              "or [[phase]] entries)");
  for (size_t i = 0; i < site.phases.size(); ++i) {
    const PhaseSpec& ph = site.phases[i];
    const std::string k = "phase[" + std::to_string(i) + "].";
    if (ph.cluster >= site.clusters.size())
      p.add(k + "cluster", k + "cluster: index " + std::to_string(ph.cluster) +
                               " but the site has " + std::to_string(site.clusters.size()) +
                               " clusters");
    p.range(k + "count", static_cast<double>(ph.count));
  }
}

}  // namespace detail

ClusterSpec make_cluster(const Site& site, const std::string& name,
                         const std::string& accelerator, int64_t count,
                         const std::string& workload, std::size_t hall) {
  const auto entry = detail::find_accelerator(accelerator);
  if (!entry)
    throw ConfigError("", 0, 0, "accelerator",
                      "accelerator \"" + accelerator + "\": not in the accelerator catalog (known: " +
                          detail::join(detail::accelerator_names()) + ")");
  const auto w = detail::find_workload(workload);
  if (!w)
    throw ConfigError("", 0, 0, "workload",
                      "workload \"" + workload + "\": not in the workload catalog (known: " +
                          detail::join(detail::workload_names()) + ")");
  if (hall >= site.halls.size())
    throw ConfigError("", 0, 0, "hall",
                      "hall " + std::to_string(hall) + ": the site has " +
                          std::to_string(site.halls.size()) + " halls");
  ClusterSpec c = detail::make_cluster_from_catalog(*entry, *w, site, hall);
  c.name = name;
  c.count = count;
  return c;
}

}  // namespace dcload
