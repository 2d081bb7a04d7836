#include "cli/catalog_cmd.hpp"

#include <cstdio>
#include <iostream>
#include <string>

#include "cli/args.hpp"
#include "config/catalog.hpp"

namespace dcload::cli {
namespace {

constexpr const char* kCatalogHelp = R"(Usage: dcload catalog accelerators [--json]

Lists the accelerator catalog (configs/catalog/accelerators.toml) with the power figures dcload
uses and their sources. Per accelerator: board power (TDP) and the node's idle draw shared per
accelerator; per node: accelerators, nameplate, sustained full-utilization and idle draw; the
share of node heat removed by liquid; network and storage power per accelerator.
Throughput is dense (no sparsity) per accelerator, TFLOPS.
--json prints an array of objects (keys: name, tdp_w, idle_w, gpus_per_node, gpus_per_rack,
node_rated_w, node_full_w, node_idle_w, liquid_fraction, network_w_per_gpu, storage_w_per_gpu,
bf16_dense_tflops, fp8_dense_tflops (0 where the catalog has no sourced figure), power_curve,
source).
)";

std::string json_string(const std::string& s) {
  std::string o = "\"";
  for (char ch : s) {
    if (ch == '"' || ch == '\\') o += '\\';
    if (static_cast<unsigned char>(ch) < 0x20) continue;  // catalog text has no controls
    o += ch;
  }
  return o + "\"";
}

std::string number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

}  // namespace

int cmd_catalog(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help"}, {});
  if (a.flag("--help")) {
    std::cout << kCatalogHelp;
    return 0;
  }
  if (a.positional.size() != 1 || a.positional[0] != "accelerators")
    throw UsageError("catalog takes one argument: accelerators");
  const bool json = a.flag("--json");
  std::string out = json ? "[\n" : "";
  if (!json) {
    char buf[320];
    std::snprintf(buf, sizeof buf, "%-14s %7s %7s %5s %5s %9s %9s %9s %6s %8s %8s\n", "name",
                  "TDP W", "idle W", "GPUs", "/rack", "node kW", "full kW", "idle kW", "liquid",
                  "BF16 TF", "FP8 TF");
    out += buf;
  }
  const auto names = detail::accelerator_names();
  for (size_t i = 0; i < names.size(); ++i) {
    const auto e = detail::find_accelerator(names[i]);
    if (!e) continue;
    const AcceleratorSpec& s = e->spec;
    const double idle_per_gpu_w = in_si(s.node_idle) / s.gpus_per_node;
    if (json) {
      out += "  {\"name\": " + json_string(s.name) + ", \"tdp_w\": " + number(in_si(s.tdp)) +
             ", \"idle_w\": " + number(idle_per_gpu_w) +
             ", \"gpus_per_node\": " + std::to_string(s.gpus_per_node) +
             ", \"gpus_per_rack\": " + std::to_string(s.gpus_per_rack) +
             ", \"node_rated_w\": " + number(in_si(s.node_rated)) +
             ", \"node_full_w\": " + number(in_si(s.node_full)) +
             ", \"node_idle_w\": " + number(in_si(s.node_idle)) +
             ", \"liquid_fraction\": " + number(s.liquid_fraction) +
             ", \"network_w_per_gpu\": " + number(in_si(e->network_per_gpu)) +
             ", \"storage_w_per_gpu\": " + number(in_si(e->storage_per_gpu)) +
             ", \"bf16_dense_tflops\": " + number(s.bf16_dense_tflops) +
             ", \"fp8_dense_tflops\": " + number(s.fp8_dense_tflops) +
             ", \"power_curve\": " + json_string(s.power_curve) +
             ", \"source\": " + json_string(s.source) + "}";
      out += i + 1 < names.size() ? ",\n" : "\n";
    } else {
      char buf[512];
      std::snprintf(buf, sizeof buf,
                    "%-14s %7.0f %7.0f %5d %5d %9.3f %9.3f %9.3f %6.2f %8.1f %8.1f\n    %s\n",
                    s.name.c_str(), in_si(s.tdp), idle_per_gpu_w, s.gpus_per_node,
                    s.gpus_per_rack, in_si(s.node_rated) / 1e3, in_si(s.node_full) / 1e3,
                    in_si(s.node_idle) / 1e3, s.liquid_fraction, s.bf16_dense_tflops,
                    s.fp8_dense_tflops, s.source.c_str());
      out += buf;
    }
  }
  if (json) out += "]\n";
  std::cout << out;
  return 0;
}

}  // namespace dcload::cli
