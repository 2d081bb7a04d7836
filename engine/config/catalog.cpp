#include "config/catalog.hpp"

#include <toml++/toml.h>

#include <stdexcept>

#include "config/embedded.hpp"
#include "config/quantity.hpp"

namespace dcload::detail {
namespace {

// Catalog files are part of the build; a broken one is a programmer error caught by the tests
// (tests/test_config.cpp loads every entry), so failures here throw std::logic_error.
const toml::table& catalog(const char* name) {
  struct Holder {
    toml::table accelerators, workloads, cooling, ups;
  };
  static const Holder holder = [] {
    Holder h;
    auto parse = [](const char* file) {
      const std::string_view text = embedded_text(file);
      if (text.empty()) throw std::logic_error(std::string("catalog not embedded: ") + file);
      return toml::parse(text, std::string("configs/") + file);
    };
    h.accelerators = parse("catalog/accelerators.toml");
    h.workloads = parse("catalog/workloads.toml");
    h.cooling = parse("catalog/cooling.toml");
    h.ups = parse("catalog/ups.toml");
    return h;
  }();
  const std::string_view n = name;
  if (n == "accelerators") return holder.accelerators;
  if (n == "workloads") return holder.workloads;
  if (n == "ups") return holder.ups;
  return holder.cooling;
}

double field(const toml::table& t, const char* key, Dimension d) {
  const toml::node* n = t.get(key);
  if (n == nullptr) throw std::logic_error(std::string("catalog entry lacks ") + key);
  if (auto s = n->value<std::string>()) return parse_quantity(*s, d).value_si;
  if (auto v = n->value<double>()) return *v;
  throw std::logic_error(std::string("catalog field has a bad type: ") + key);
}

// An optional catalog field: `fallback` when absent.
double field_or(const toml::table& t, const char* key, Dimension d, double fallback) {
  return t.get(key) == nullptr ? fallback : field(t, key, d);
}

std::string text(const toml::table& t, const char* key) {
  return t[key].value_or(std::string());
}

}  // namespace

std::optional<AcceleratorEntry> find_accelerator(const std::string& name) {
  const toml::array* arr = catalog("accelerators")["accelerator"].as_array();
  if (arr == nullptr) return std::nullopt;
  for (const auto& node : *arr) {
    const toml::table& t = *node.as_table();
    if (text(t, "name") != name) continue;
    AcceleratorEntry e;
    e.spec.name = name;
    e.spec.tdp = watts(field(t, "tdp", Dimension::kPower));
    e.spec.gpus_per_node = static_cast<int>(t["gpus_per_node"].value_or(int64_t{8}));
    e.spec.gpus_per_rack = static_cast<int>(t["gpus_per_rack"].value_or(int64_t{0}));
    e.spec.power_curve = t["power_curve"].value_or(std::string("linear"));
    e.spec.node_rated = watts(field(t, "node_rated_power", Dimension::kPower));
    e.spec.node_full = watts(field(t, "node_full_power", Dimension::kPower));
    e.spec.node_idle = watts(field(t, "node_idle_power", Dimension::kPower));
    e.spec.liquid_fraction = field(t, "liquid_fraction", Dimension::kFraction);
    const std::string cooling = text(t, "cooling");
    if (cooling == "liquid") e.spec.cooling = AcceleratorCooling::kLiquid;
    else if (cooling == "air_or_liquid") e.spec.cooling = AcceleratorCooling::kAirOrLiquid;
    else if (cooling == "air") e.spec.cooling = AcceleratorCooling::kAir;
    else throw std::logic_error("catalog accelerator " + name + ": cooling = \"" + cooling +
                                "\", expected air, liquid or air_or_liquid");
    // Dense throughput per number format, indexed by Precision.
    static constexpr const char* kFormats[] = {"fp64_tflops",       "fp32_tflops",
                                               "tf32_dense_tflops", "bf16_dense_tflops",
                                               "fp16_dense_tflops", "fp8_dense_tflops",
                                               "fp4_dense_tflops"};
    for (size_t i = 0; i < e.spec.dense_tflops.size(); ++i)
      e.spec.dense_tflops[i] = field_or(t, kFormats[i], Dimension::kNone, 0.0);
    e.spec.sparsity_factor = field_or(t, "sparsity_factor", Dimension::kNone, 0.0);
    e.spec.psu_storage_per_gpu = joules(field_or(t, "psu_energy_storage", Dimension::kEnergy, 0.0));
    e.spec.status = text(t, "status");
    e.spec.available = text(t, "available");
    e.spec.confidence = text(t, "confidence");
    e.spec.source = text(t, "source");
    e.network_per_gpu = watts(field(t, "network_power_per_gpu", Dimension::kPower));
    e.storage_per_gpu = watts(field(t, "storage_power_per_gpu", Dimension::kPower));
    return e;
  }
  return std::nullopt;
}

std::vector<std::string> accelerator_names() {
  std::vector<std::string> names;
  if (const toml::array* arr = catalog("accelerators")["accelerator"].as_array())
    for (const auto& node : *arr) names.push_back(text(*node.as_table(), "name"));
  return names;
}

std::optional<std::vector<double>> find_power_curve_table(const std::string& name) {
  const toml::array* arr = catalog("accelerators")["power_curve"].as_array();
  if (arr == nullptr) return std::nullopt;
  for (const auto& node : *arr) {
    const toml::table& t = *node.as_table();
    if (text(t, "name") != name) continue;
    const toml::array* w = t["power_w"].as_array();
    if (w == nullptr || w->size() != 11)
      throw std::logic_error("catalog power_curve " + name + ": power_w needs 11 values");
    std::vector<double> p;
    for (const auto& v : *w) p.push_back(v.value<double>().value_or(0.0));
    const double lo = p.front(), span = p.back() - p.front();
    if (!(span > 0)) throw std::logic_error("catalog power_curve " + name + ": not rising");
    for (double& x : p) x = (x - lo) / span;
    return p;
  }
  return std::nullopt;
}

std::vector<std::string> power_curve_table_names() {
  std::vector<std::string> names;
  if (const toml::array* arr = catalog("accelerators")["power_curve"].as_array())
    for (const auto& node : *arr) names.push_back(text(*node.as_table(), "name"));
  return names;
}

std::optional<WorkloadSpec> find_workload(const std::string& name) {
  const toml::array* arr = catalog("workloads")["workload"].as_array();
  if (arr == nullptr) return std::nullopt;
  for (const auto& node : *arr) {
    const toml::table& t = *node.as_table();
    if (text(t, "name") != name) continue;
    WorkloadSpec w;
    w.name = name;
    // Absent fields keep WorkloadSpec's defaults (no swings, no checkpoints, no failures).
    const WorkloadSpec d;
    w.training_share = field_or(t, "training_share", Dimension::kFraction, d.training_share);
    w.mean_utilization = field_or(t, "mean_utilization", Dimension::kFraction, d.mean_utilization);
    w.iteration_period_s = field_or(t, "iteration_period", Dimension::kDuration, 0);
    w.comm_share = field_or(t, "comm_share", Dimension::kFraction, 0);
    w.comm_dip = field_or(t, "comm_dip", Dimension::kFraction, 0);
    w.checkpoint_interval_s = field_or(t, "checkpoint_interval", Dimension::kDuration, 0);
    w.checkpoint_duration_s = field_or(t, "checkpoint_duration", Dimension::kDuration, 0);
    w.checkpoint_utilization = field_or(t, "checkpoint_utilization", Dimension::kFraction, 0);
    w.gpu_hours_per_failure = field_or(t, "gpu_hours_per_failure", Dimension::kNone, 0);
    w.job_gpus = field_or(t, "job_gpus", Dimension::kNone, 0);
    w.restart_duration_s = field_or(t, "restart_duration", Dimension::kDuration, 0);
    w.inference_utilization =
        field_or(t, "inference_utilization", Dimension::kFraction, d.inference_utilization);
    w.daily_amplitude = field_or(t, "daily_amplitude", Dimension::kFraction, 0);
    w.peak_hour = field_or(t, "peak_hour", Dimension::kNone, d.peak_hour);
    w.weekend_factor = field_or(t, "weekend_factor", Dimension::kNone, 1.0);
    w.source = text(t, "source");
    return w;
  }
  return std::nullopt;
}

std::vector<std::string> workload_names() {
  std::vector<std::string> names;
  if (const toml::array* arr = catalog("workloads")["workload"].as_array())
    for (const auto& node : *arr) names.push_back(text(*node.as_table(), "name"));
  return names;
}

namespace {
std::string as_text(const toml::node* n) {
  if (n == nullptr) return {};
  if (auto s = n->value<std::string>()) return *s;
  if (auto i = n->value_exact<int64_t>()) return std::to_string(*i);
  if (auto v = n->value<double>()) {
    std::string s = std::to_string(*v);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  return {};
}

}  // namespace

std::string cooling_default(const std::string& technology, const std::string& key) {
  return as_text(catalog("cooling")["technology"][technology][key].node());
}

std::string plant_default(const std::string& key) {
  return as_text(catalog("cooling")["plant"][key].node());
}

std::optional<UpsModel> find_ups_model(const std::string& name) {
  const toml::array* arr = catalog("ups")["ups"].as_array();
  if (arr == nullptr) return std::nullopt;
  for (const auto& node : *arr) {
    const toml::table& t = *node.as_table();
    if (text(t, "name") != name) continue;
    UpsModel m;
    m.name = name;
    m.mode = text(t, "mode");
    m.no_load_loss = as_text(t.get("no_load_loss"));
    m.proportional_loss = as_text(t.get("proportional_loss"));
    m.square_loss = as_text(t.get("square_loss"));
    if (const toml::array* pts = t["efficiency"].as_array())
      for (const auto& p : *pts)
        if (const toml::array* pair = p.as_array(); pair != nullptr && pair->size() == 2)
          m.efficiency.push_back({(*pair)[0].value<double>().value_or(0.0),
                                  (*pair)[1].value<double>().value_or(0.0)});
    m.source = text(t, "source");
    m.confidence = text(t, "confidence");
    if (m.no_load_loss.empty() || m.proportional_loss.empty() || m.square_loss.empty())
      throw std::logic_error("catalog ups " + name + " lacks a loss coefficient");
    return m;
  }
  return std::nullopt;
}

std::vector<std::string> ups_model_names() {
  std::vector<std::string> names;
  if (const toml::array* arr = catalog("ups")["ups"].as_array())
    for (const auto& node : *arr) names.push_back(text(*node.as_table(), "name"));
  return names;
}

std::string catalog_source(std::string_view file, std::string_view table, std::string_view key) {
  std::string where = "configs/catalog/";
  where += file;
  where += " [";
  where += table;
  where += ']';
  const std::string_view text = embedded_text("catalog/" + std::string(file));
  std::vector<std::string_view> lines;
  for (std::size_t p = 0; p < text.size();) {
    std::size_t e = text.find('\n', p);
    if (e == std::string_view::npos) e = text.size();
    lines.push_back(text.substr(p, e - p));
    p = e + 1;
  }
  const auto trim = [](std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
    return s;
  };
  std::string header = "[";
  header += table;
  header += ']';
  bool in_table = false;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string_view l = trim(lines[i]);
    if (!l.empty() && l.front() == '[') {
      in_table = l.substr(0, header.size()) == header;
      continue;
    }
    if (!in_table || l.substr(0, key.size()) != key) continue;
    const std::string_view rest = trim(l.substr(key.size()));
    if (rest.empty() || rest.front() != '=') continue;
    std::string comment;
    for (std::size_t j = i; j > 0 && trim(lines[j - 1]).substr(0, 1) == "#"; --j) {
      std::string line(trim(trim(lines[j - 1]).substr(1)));
      if (!comment.empty()) {
        line += ' ';
        line += comment;
      }
      comment = std::move(line);
    }
    // A trailing comment after the value (outside a quoted string).
    bool quoted = false;
    for (std::size_t k = 0; k < rest.size(); ++k) {
      if (rest[k] == '"') quoted = !quoted;
      if (rest[k] == '#' && !quoted) {
        if (!comment.empty()) comment += ' ';
        comment += trim(rest.substr(k + 1));
        break;
      }
    }
    if (comment.size() > 600) comment = comment.substr(0, 597) + "…";
    if (!comment.empty()) {
      where += ": ";
      where += comment;
    }
    return where;
  }
  return where;
}

}  // namespace dcload::detail
