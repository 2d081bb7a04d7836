#include "cli/catalog_cmd.hpp"

#include <cstdio>
#include <iostream>
#include <string>

#include "cli/args.hpp"
#include "config/catalog.hpp"
#include "output/json_text.hpp"

namespace dcload::cli {
namespace {

constexpr const char* kCatalogHelp = R"(Usage: dcload catalog accelerators|workloads|ups [--json]

accelerators: the accelerator catalog (configs/catalog/accelerators.toml) with the power figures
  dcload uses and their sources. Per accelerator: board power (TDP) and the node's idle draw
  shared per accelerator; per node (a server, or a whole rack for rack-scale systems):
  accelerators, nameplate, sustained full-utilization and idle draw; accelerators per rack;
  how the system is cooled (air, liquid, air_or_liquid) and the share of node heat on liquid
  when liquid-cooled; network and storage power per accelerator; dense throughput per number
  format (TFLOPS, 0 where not given); status (shipping, announced, roadmap), availability and
  confidence (H primary source read, M secondary, L weak).
workloads: the workload catalog (configs/catalog/workloads.toml).
ups: the UPS loss curves (configs/catalog/ups.toml): coefficients and the published points.
--json prints an array of objects with the same fields (accelerators: name, tdp_w, idle_w,
gpus_per_node, gpus_per_rack, node_rated_w, node_full_w, node_idle_w, cooling,
liquid_fraction, network_w_per_gpu, storage_w_per_gpu, fp64_tflops, fp32_tflops,
tf32_dense_tflops, bf16_dense_tflops, fp16_dense_tflops, fp8_dense_tflops, fp4_dense_tflops,
sparsity_factor, power_curve, status, available, confidence, source).
)";

std::string number(double v) { return detail::json_number(v, 6); }

}  // namespace

namespace {
int accelerators() {
  std::string out;
  char head[400];
  std::snprintf(head, sizeof head,
                "%-20s %6s %6s %10s %10s %8s %8s %8s %-13s %6s %6s %6s %8s %8s %8s %8s %-9s %7s %4s\n",
                "name", "TDP W", "idle W", "accel/node", "accel/rack", "node kW", "full kW",
                "idle kW", "cooling", "liquid", "net W", "stor W", "FP64 TF", "BF16 TF",
                "FP8 TF", "FP4 TF", "status", "avail.", "conf");
  out += head;
  for (const std::string& name : detail::accelerator_names()) {
    const auto e = detail::find_accelerator(name);
    if (!e) continue;
    const AcceleratorSpec& s = e->spec;
    const double idle_per_gpu_w = in_si(s.node_idle) / s.gpus_per_node;
    char buf[900];
    std::snprintf(buf, sizeof buf,
                  "%-20s %6.0f %6.0f %10d %10d %8.3f %8.3f %8.3f %-13s %6.2f %6.1f %6.1f %8.1f "
                  "%8.1f %8.1f %8.1f %-9s %7s %4s\n    %s\n",
                  s.name.c_str(), in_si(s.tdp), idle_per_gpu_w, s.gpus_per_node,
                  s.gpus_per_rack, in_si(s.node_rated) / 1e3, in_si(s.node_full) / 1e3,
                  in_si(s.node_idle) / 1e3, detail::accelerator_cooling_name(s.cooling), s.liquid_fraction,
                  in_si(e->network_per_gpu), in_si(e->storage_per_gpu),
                  s.dense_tflops[static_cast<size_t>(Precision::kFp64)],
                  s.dense_tflops[static_cast<size_t>(Precision::kBf16)],
                  s.dense_tflops[static_cast<size_t>(Precision::kFp8)],
                  s.dense_tflops[static_cast<size_t>(Precision::kFp4)], s.status.c_str(),
                  s.available.c_str(), s.confidence.c_str(), s.source.c_str());
    out += buf;
  }
  std::cout << out;
  return 0;
}

int workloads() {
  std::string out =
      "name                 training  mean u  iteration s  comm share  ckpt every s  "
      "infer u  daily amp  weekend\n";
  for (const std::string& name : detail::workload_names()) {
    const auto w = detail::find_workload(name);
    if (!w) continue;
    char buf[600];
    std::snprintf(buf, sizeof buf, "%-20s %8.2f %7.2f %12.2f %11.2f %13.0f %8.2f %10.2f %8.2f\n    %s\n",
                  w->name.c_str(), w->training_share, w->mean_utilization,
                  w->iteration_period_s, w->comm_share, w->checkpoint_interval_s,
                  w->inference_utilization, w->daily_amplitude, w->weekend_factor,
                  w->source.c_str());
    out += buf;
  }
  std::cout << out;
  return 0;
}

int ups() {
  std::string out =
      "name                        mode               no-load   prop.   square  points (load: efficiency)\n";
  for (const std::string& name : detail::ups_model_names()) {
    const auto m = detail::find_ups_model(name);
    if (!m) continue;
    std::string pts;
    for (const auto& p : m->efficiency) {
      if (!pts.empty()) pts.append("  ");
      pts.append(number(100 * p.load)).append(" %: ").append(number(100 * p.efficiency)).append(" %");
    }
    char buf[900];
    std::snprintf(buf, sizeof buf, "%-27s %-18s %7s %7s %8s  %s\n    %s (%s)\n", m->name.c_str(),
                  m->mode.c_str(), m->no_load_loss.c_str(), m->proportional_loss.c_str(),
                  m->square_loss.c_str(), pts.c_str(), m->source.c_str(),
                  m->confidence.c_str());
    out += buf;
  }
  std::cout << out;
  return 0;
}
}  // namespace

int cmd_catalog(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help"}, {});
  if (a.flag("--help")) {
    std::cout << kCatalogHelp;
    return 0;
  }
  const std::string what = a.positional.size() == 1 ? a.positional[0] : "";
  if (what == "accelerators" || what == "workloads" || what == "ups") {
    if (a.flag("--json")) {
      std::cout << catalog_json(what);
      return 0;
    }
    if (what == "accelerators") return accelerators();
    if (what == "workloads") return workloads();
    return ups();
  }
  throw UsageError("catalog takes one argument: accelerators, workloads or ups");
}

}  // namespace dcload::cli
