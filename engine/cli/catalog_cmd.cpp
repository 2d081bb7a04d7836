#include "cli/catalog_cmd.hpp"

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "cli/args.hpp"
#include "config/catalog.hpp"
#include "output/json_text.hpp"
#include "output/text_table.hpp"

namespace dcload::cli {
namespace {

constexpr const char* kCatalogHelp = R"(Usage: dcload catalog accelerators|workloads|ups [--json] [--wide]

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
The tables fit 100 columns (further fields in further blocks; --wide: one block), each entry's
sources listed after them.
--json prints an array of objects with the same fields (accelerators: name, tdp_w, idle_w,
gpus_per_node, gpus_per_rack, node_rated_w, node_full_w, node_idle_w, cooling,
liquid_fraction, network_w_per_gpu, storage_w_per_gpu, fp64_tflops, fp32_tflops,
tf32_dense_tflops, bf16_dense_tflops, fp16_dense_tflops, fp8_dense_tflops, fp4_dense_tflops,
sparsity_factor, power_curve, status, available, confidence, source).
)";

// A figure for the text table (the JSON carries the exact values).
std::string number(double v) {
  char b[32];
  std::snprintf(b, sizeof b, "%.4g", v);
  return b;
}

}  // namespace

namespace {
std::string fmt(const char* f, double v) {
  char b[64];
  std::snprintf(b, sizeof b, f, v);
  return b;
}

// A catalog table: one row per entry, fitted to 100 columns (further fields in further blocks,
// each with the names; --wide: one block), then each entry's sources, wrapped.
void print_catalog(const std::vector<std::string>& row_names, const std::vector<std::string>& fields,
                   const std::vector<std::vector<std::string>>& cells_by_row,
                   const std::vector<std::string>& sources, bool wide) {
  std::string out = detail::terminal_table(row_names, fields, cells_by_row, wide ? 0 : 100);
  out += "\nsources\n";
  for (std::size_t r = 0; r < row_names.size(); ++r)
    out += detail::wrap_text("  " + row_names[r] + ": " + sources[r], 100, 4);
  std::cout << out;
}

int accelerators(bool wide) {
  const std::vector<std::string> fields = {
      "TDP W",   "idle W",  "accel/node", "accel/rack", "node kW", "full kW", "idle kW",
      "cooling", "liquid",  "net W/accel", "stor. W/accel", "FP64 TF", "BF16 TF", "FP8 TF",
      "FP4 TF",  "status",  "avail.",     "conf"};
  std::vector<std::string> names, sources;
  std::vector<std::vector<std::string>> rows;
  for (const std::string& name : detail::accelerator_names()) {
    const auto e = detail::find_accelerator(name);
    if (!e) continue;
    const AcceleratorSpec& s = e->spec;
    const double idle_per_gpu_w = in_si(s.node_idle) / s.gpus_per_node;
    names.push_back(s.name);
    sources.push_back(s.source);
    rows.push_back({fmt("%.0f", in_si(s.tdp)), fmt("%.0f", idle_per_gpu_w),
                    std::to_string(s.gpus_per_node), std::to_string(s.gpus_per_rack),
                    fmt("%.3f", in_si(s.node_rated) / 1e3), fmt("%.3f", in_si(s.node_full) / 1e3),
                    fmt("%.3f", in_si(s.node_idle) / 1e3), detail::accelerator_cooling_name(s.cooling),
                    fmt("%.2f", s.liquid_fraction), fmt("%.1f", in_si(e->network_per_gpu)),
                    fmt("%.1f", in_si(e->storage_per_gpu)),
                    fmt("%.1f", s.dense_tflops[static_cast<size_t>(Precision::kFp64)]),
                    fmt("%.1f", s.dense_tflops[static_cast<size_t>(Precision::kBf16)]),
                    fmt("%.1f", s.dense_tflops[static_cast<size_t>(Precision::kFp8)]),
                    fmt("%.1f", s.dense_tflops[static_cast<size_t>(Precision::kFp4)]), s.status,
                    s.available, s.confidence});
  }
  print_catalog(names, fields, rows, sources, wide);
  return 0;
}

int workloads(bool wide) {
  const std::vector<std::string> fields = {"training", "mean u",  "iteration s", "comm share",
                                           "ckpt every s", "infer u", "daily amp", "weekend"};
  std::vector<std::string> names, sources;
  std::vector<std::vector<std::string>> rows;
  for (const std::string& name : detail::workload_names()) {
    const auto w = detail::find_workload(name);
    if (!w) continue;
    names.push_back(w->name);
    sources.push_back(w->source);
    rows.push_back({fmt("%.2f", w->training_share), fmt("%.2f", w->mean_utilization),
                    fmt("%.2f", w->iteration_period_s), fmt("%.2f", w->comm_share),
                    fmt("%.0f", w->checkpoint_interval_s), fmt("%.2f", w->inference_utilization),
                    fmt("%.2f", w->daily_amplitude), fmt("%.2f", w->weekend_factor)});
  }
  print_catalog(names, fields, rows, sources, wide);
  return 0;
}

int ups(bool wide) {
  const std::vector<std::string> fields = {"mode", "no-load", "prop.", "square"};
  std::vector<std::string> names, notes;
  std::vector<std::vector<std::string>> rows;
  for (const std::string& name : detail::ups_model_names()) {
    const auto m = detail::find_ups_model(name);
    if (!m) continue;
    std::string pts;
    for (const auto& p : m->efficiency) {
      if (!pts.empty()) pts.append(", ");
      pts.append(number(100 * p.load)).append(" %: ").append(number(100 * p.efficiency)).append(" %");
    }
    names.push_back(m->name);
    rows.push_back({m->mode, m->no_load_loss, m->proportional_loss, m->square_loss});
    notes.push_back("points (load: efficiency) " + pts + "; " + m->source + " (" + m->confidence + ")");
  }
  print_catalog(names, fields, rows, notes, wide);
  return 0;
}
}  // namespace

int cmd_catalog(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help", "--wide"}, {});
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
    if (what == "accelerators") return accelerators(a.flag("--wide"));
    if (what == "workloads") return workloads(a.flag("--wide"));
    return ups(a.flag("--wide"));
  }
  throw UsageError("catalog takes one argument: accelerators, workloads or ups");
}

}  // namespace dcload::cli
