// The catalogs as JSON (`dcload catalog NAME --json`, the Python module's dcload.catalog()).
#include <string>

#include "config/catalog.hpp"
#include "dcload/error.hpp"
#include "dcload/site.hpp"
#include "output/json_text.hpp"

namespace dcload {

const char* detail::accelerator_cooling_name(AcceleratorCooling c) {
  switch (c) {
    case AcceleratorCooling::kAir: return "air";
    case AcceleratorCooling::kLiquid: return "liquid";
    case AcceleratorCooling::kAirOrLiquid: return "air_or_liquid";
  }
  return "air";
}

namespace {

using detail::json_string;
std::string number(double v) { return detail::json_number(v, 6); }

constexpr const char* kFormatKeys[] = {"fp64_tflops",       "fp32_tflops",
                                       "tf32_dense_tflops", "bf16_dense_tflops",
                                       "fp16_dense_tflops", "fp8_dense_tflops",
                                       "fp4_dense_tflops"};

std::string accelerators() {
  std::string out = "[\n";
  const auto names = detail::accelerator_names();
  for (size_t i = 0; i < names.size(); ++i) {
    const auto e = detail::find_accelerator(names[i]);
    if (!e) continue;
    const AcceleratorSpec& s = e->spec;
    const double idle_per_gpu_w = in_si(s.node_idle) / s.gpus_per_node;
    out += "  {\"name\": ";
    out += json_string(s.name);
    out += ", \"tdp_w\": " + number(in_si(s.tdp));
    out += ", \"idle_w\": " + number(idle_per_gpu_w);
    out += ", \"gpus_per_node\": " + std::to_string(s.gpus_per_node);
    out += ", \"gpus_per_rack\": " + std::to_string(s.gpus_per_rack);
    out += ", \"node_rated_w\": " + number(in_si(s.node_rated));
    out += ", \"node_full_w\": " + number(in_si(s.node_full));
    out += ", \"node_idle_w\": " + number(in_si(s.node_idle));
    out += ", \"cooling\": " + json_string(detail::accelerator_cooling_name(s.cooling));
    out += ", \"liquid_fraction\": " + number(s.liquid_fraction);
    out += ", \"psu_energy_storage_j\": " + number(in_si(s.psu_storage_per_gpu));
    out += ", \"network_w_per_gpu\": " + number(in_si(e->network_per_gpu));
    out += ", \"storage_w_per_gpu\": " + number(in_si(e->storage_per_gpu));
    for (size_t f = 0; f < s.dense_tflops.size(); ++f) {
      out += ", \"";
      out += kFormatKeys[f];
      out += "\": " + number(s.dense_tflops[f]);
    }
    out += ", \"sparsity_factor\": " + number(s.sparsity_factor);
    out += ", \"power_curve\": " + json_string(s.power_curve);
    out += ", \"status\": " + json_string(s.status);
    out += ", \"available\": " + json_string(s.available);
    out += ", \"confidence\": " + json_string(s.confidence);
    out += ", \"source\": " + json_string(s.source) + "}";
    out += i + 1 < names.size() ? ",\n" : "\n";
  }
  return out + "]\n";
}

std::string workloads() {
  std::string out = "[\n";
  const auto names = detail::workload_names();
  for (size_t i = 0; i < names.size(); ++i) {
    const auto w = detail::find_workload(names[i]);
    if (!w) continue;
    out += "  {\"name\": ";
    out += json_string(w->name);
    out += ", \"training_share\": " + number(w->training_share);
    out += ", \"mean_utilization\": " + number(w->mean_utilization);
    out += ", \"iteration_period_s\": " + number(w->iteration_period_s);
    out += ", \"comm_share\": " + number(w->comm_share);
    out += ", \"comm_dip\": " + number(w->comm_dip);
    out += ", \"checkpoint_interval_s\": " + number(w->checkpoint_interval_s);
    out += ", \"checkpoint_duration_s\": " + number(w->checkpoint_duration_s);
    out += ", \"gpu_hours_per_failure\": " + number(w->gpu_hours_per_failure);
    out += ", \"inference_utilization\": " + number(w->inference_utilization);
    out += ", \"daily_amplitude\": " + number(w->daily_amplitude);
    out += ", \"weekend_factor\": " + number(w->weekend_factor);
    out += ", \"source\": " + json_string(w->source) + "}";
    out += i + 1 < names.size() ? ",\n" : "\n";
  }
  return out + "]\n";
}

std::string ups() {
  std::string out = "[\n";
  const auto names = detail::ups_model_names();
  for (size_t i = 0; i < names.size(); ++i) {
    const auto m = detail::find_ups_model(names[i]);
    if (!m) continue;
    std::string pts;
    for (const auto& p : m->efficiency) {
      if (!pts.empty()) pts.append(", ");
      pts.append("[").append(number(p.load)).append(", ").append(number(p.efficiency)).append("]");
    }
    out += "  {\"name\": ";
    out += json_string(m->name);
    out += ", \"mode\": " + json_string(m->mode);
    out += ", \"no_load_loss\": " + json_string(m->no_load_loss);
    out += ", \"proportional_loss\": " + json_string(m->proportional_loss);
    out += ", \"square_loss\": " + json_string(m->square_loss);
    out += ", \"efficiency\": [" + pts + "]";
    out += ", \"confidence\": " + json_string(m->confidence);
    out += ", \"source\": " + json_string(m->source) + "}";
    out += i + 1 < names.size() ? ",\n" : "\n";
  }
  return out + "]\n";
}

}  // namespace

std::vector<std::string> catalog_names() { return {"accelerators", "workloads", "ups"}; }

std::string catalog_json(std::string_view name) {
  if (name == "accelerators") return accelerators();
  if (name == "workloads") return workloads();
  if (name == "ups") return ups();
  throw ConfigError("", 0, 0, "catalog",
                    "unknown catalog \"" + std::string(name) + "\" (accelerators, workloads, ups)");
}

}  // namespace dcload
