// `dcload sweep`: the scenarios of a sweep file on every core, or across machines under
// mpirun (OpenMPI), with results.csv and sweep.json written together by one process.
#include "cli/sweep_cmd.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iostream>
#include <mutex>
#include <optional>
#include <thread>

#ifdef DCLOAD_HAVE_MPI
#include <mpi.h>
#endif

#include "cli/args.hpp"
#include "cli/progress.hpp"
#include "dcload/error.hpp"
#include "dcload/output.hpp"
#include "dcload/report.hpp"
#include "dcload/sweep.hpp"

namespace dcload::cli {

namespace {

constexpr const char* kSweepHelp = R"(Usage: dcload sweep SWEEP.toml [--threads N] [--out DIR] [--json] [--set KEY=VALUE]...

Runs the scenarios of a sweep file — a grid, a list, Monte Carlo (random), a Latin hypercube
(lhs) or a Sobol' study (Saltelli's scheme) over any site keys — each a summary-only run, and
prints per output the mean, standard deviation, P5/P50/P95 and range (sobol: first-order and
total indices with bootstrap intervals). The sweep file format is in README ("Sweeps").

Options:
  --threads N      threads (default: every core; under mpirun: 1 per rank)
  --out DIR        write DIR/results.csv (one row per scenario: inputs, outputs, status, error)
                   and DIR/sweep.json (statistics, indices), together or not at all
  --json           print sweep.json instead of the table
  --report FILE    also write a self-contained HTML page (histograms, Sobol' indices)
  --set KEY=VALUE  a site override applied to every scenario (repeatable)
  -h, --help       this help

Distributed: `mpirun -np 8 --hostfile hosts dcload sweep SWEEP.toml --out DIR` splits the
scenarios into contiguous shares, one per rank, and gathers them to rank 0, which writes DIR;
the files are byte-identical to a threaded run of the same file.
Exit codes: 0 every scenario ok, 1 some scenario invalid or not ok (counted in the messages),
2 bad input.
)";

// ---- a scenario as bytes, for the gather ------------------------------------------------

void put_u64(std::string& b, std::uint64_t v) { b.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put_f64(std::string& b, double v) { b.append(reinterpret_cast<const char*>(&v), sizeof v); }
void put_str(std::string& b, const std::string& s) {
  put_u64(b, s.size());
  b.append(s);
}

struct Cursor {
  const char* p;
  const char* end;
  std::uint64_t u64() {
    std::uint64_t v;
    take(&v, sizeof v);
    return v;
  }
  double f64() {
    double v;
    take(&v, sizeof v);
    return v;
  }
  std::string str() {
    const std::uint64_t n = u64();
    if (n > static_cast<std::uint64_t>(end - p)) throw std::runtime_error("sweep gather: truncated record");
    std::string s(p, n);
    p += n;
    return s;
  }
  void take(void* out, std::size_t n) {
    if (static_cast<std::size_t>(end - p) < n) throw std::runtime_error("sweep gather: truncated record");
    std::memcpy(out, p, n);
    p += n;
  }
};

[[maybe_unused]] std::string serialize(const std::vector<SweepScenario>& v) {
  std::string b;
  put_u64(b, v.size());
  for (const auto& s : v) {
    put_u64(b, s.index);
    put_u64(b, s.site);
    put_u64(b, s.values.size());
    for (const auto& x : s.values) put_str(b, x);
    put_u64(b, s.inputs.size());
    for (double x : s.inputs) put_f64(b, x);
    put_u64(b, s.outputs.size());
    for (double x : s.outputs) put_f64(b, x);
    put_str(b, s.status);
    put_str(b, s.error);
  }
  return b;
}

[[maybe_unused]] void deserialize(const char* p, std::size_t n, std::vector<SweepScenario>& out) {
  Cursor c{p, p + n};
  const std::uint64_t count = c.u64();
  for (std::uint64_t i = 0; i < count; ++i) {
    SweepScenario s;
    s.index = c.u64();
    s.site = c.u64();
    s.values.resize(c.u64());
    for (auto& x : s.values) x = c.str();
    s.inputs.resize(c.u64());
    for (auto& x : s.inputs) x = c.f64();
    s.outputs.resize(c.u64());
    for (auto& x : s.outputs) x = c.f64();
    s.status = c.str();
    s.error = c.str();
    out.push_back(std::move(s));
  }
}

// ---- MPI ---------------------------------------------------------------------------------

// Rank and size when launched by mpirun (OpenMPI sets OMPI_COMM_WORLD_SIZE; PMIx and PMI
// launchers set PMIX_RANK / PMI_RANK); a plain `dcload sweep` never initializes MPI.
struct World {
  int rank = 0, size = 1;
  bool mpi = false;
  World() {
#ifdef DCLOAD_HAVE_MPI
    if (std::getenv("OMPI_COMM_WORLD_SIZE") || std::getenv("PMIX_RANK") || std::getenv("PMI_RANK")) {
      MPI_Init(nullptr, nullptr);
      MPI_Comm_rank(MPI_COMM_WORLD, &rank);
      MPI_Comm_size(MPI_COMM_WORLD, &size);
      mpi = true;
    }
#endif
  }
  ~World() {
#ifdef DCLOAD_HAVE_MPI
    if (mpi) MPI_Finalize();
#endif
  }
  World(const World&) = delete;
  World& operator=(const World&) = delete;

  // Every rank learns whether rank 0 could go on (e.g. its --out folder was refused).
  bool agree(bool ok_on_root) const {
#ifdef DCLOAD_HAVE_MPI
    if (mpi) {
      int v = ok_on_root ? 1 : 0;
      MPI_Bcast(&v, 1, MPI_INT, 0, MPI_COMM_WORLD);
      return v == 1;
    }
#endif
    return ok_on_root;
  }

  // Rank 0 receives every rank's scenarios, in rank order (= sample order: shares are
  // contiguous and ascending).
  void gather(std::vector<SweepScenario>& mine) const {
#ifdef DCLOAD_HAVE_MPI
    if (!mpi || size == 1) return;
    const std::string bytes = serialize(mine);
    if (bytes.size() > static_cast<std::size_t>(INT32_MAX))
      throw std::runtime_error("sweep gather: a rank's share exceeds 2 GB; use more ranks");
    int n = static_cast<int>(bytes.size());
    std::vector<int> sizes(rank == 0 ? size : 0), offsets(rank == 0 ? size : 0);
    MPI_Gather(&n, 1, MPI_INT, sizes.data(), 1, MPI_INT, 0, MPI_COMM_WORLD);
    std::string all;
    if (rank == 0) {
      long long total = 0;
      for (int r = 0; r < size; ++r) {
        offsets[r] = static_cast<int>(total);
        total += sizes[r];
      }
      if (total > INT32_MAX) throw std::runtime_error("sweep gather: results exceed 2 GB");
      all.resize(static_cast<std::size_t>(total));
    }
    MPI_Gatherv(bytes.data(), n, MPI_CHAR, all.data(), sizes.data(), offsets.data(), MPI_CHAR, 0,
                MPI_COMM_WORLD);
    if (rank == 0) {
      std::vector<SweepScenario> merged;
      for (int r = 0; r < size; ++r)
        deserialize(all.data() + offsets[r], static_cast<std::size_t>(sizes[r]), merged);
      mine = std::move(merged);
    }
#else
    (void)mine;
#endif
  }
};

std::string fmt(double v) {
  if (!std::isfinite(v)) return "—";
  char b[32];
  const double a = std::abs(v);
  if (a != 0 && (a >= 1e7 || a < 1e-3)) std::snprintf(b, sizeof b, "%.4g", v);
  else if (a >= 1000) std::snprintf(b, sizeof b, "%.0f", v);
  else if (a >= 10) std::snprintf(b, sizeof b, "%.2f", v);
  else std::snprintf(b, sizeof b, "%.4f", v);
  return b;
}

std::string table(const SweepResult& r, double seconds, unsigned threads, int ranks) {
  const SweepSpec& s = r.spec;
  std::string o;
  char line[512];
  const std::string method(sample_method_name(s.method));
  std::snprintf(line, sizeof line, "sweep %s: %s, %zu scenarios (%zu factors, %zu site%s), %zu invalid\n",
                s.file.string().c_str(), method.c_str(), r.scenarios.size(), s.factors.size(), s.sites.size(),
                s.sites.size() == 1 ? "" : "s", r.invalid);
  o += line;
  for (std::size_t site = 0; site < s.sites.size(); ++site) {
    o += '\n';
    o += s.sites[site].string();
    o += '\n';
    std::snprintf(line, sizeof line, "  %-28s %12s %12s %12s %12s %12s %12s\n", "output", "mean", "sd",
                  "P5", "P50", "P95", "valid");
    o += line;
    for (const auto& st : r.stats)
      if (st.site == site) {
        std::snprintf(line, sizeof line, "  %-28s %12s %12s %12s %12s %12s %12zu\n",
                      st.output.c_str(), fmt(st.mean).c_str(), fmt(st.sd).c_str(),
                      fmt(st.p5).c_str(), fmt(st.p50).c_str(), fmt(st.p95).c_str(), st.valid);
        o += line;
      }
    if (r.sobol.empty()) continue;
    const double pct = 100 * s.confidence;
    for (const std::string& out : s.outputs) {
      std::vector<const SobolIndex*> rows;
      for (const auto& x : r.sobol)
        if (x.site == site && x.output == out) rows.push_back(&x);
      std::stable_sort(rows.begin(), rows.end(),
                       [](const SobolIndex* a, const SobolIndex* b) { return a->st > b->st; });
      std::snprintf(line, sizeof line, "  Sobol' indices of %s (ranked by total index; %.0f %% bootstrap intervals)\n",
                    out.c_str(), pct);
      o += line;
      for (const SobolIndex* x : rows) {
        std::snprintf(line, sizeof line, "    %-30s S1 %6.3f [%6.3f, %6.3f]   ST %6.3f [%6.3f, %6.3f]\n",
                      x->factor.c_str(), x->s1, x->s1_low, x->s1_high, x->st, x->st_low, x->st_high);
        o += line;
      }
    }
  }
  if (!r.messages.empty()) {
    o += "\n";
    for (const auto& m : r.messages) o += "note: " + m + "\n";
  }
  std::snprintf(line, sizeof line, "\n%zu scenarios in %.2f s: %.0f site-years/s (%u thread%s%s)\n",
                r.scenarios.size(), seconds, static_cast<double>(r.scenarios.size()) / seconds, threads,
                threads == 1 ? "" : "s",
                ranks > 1 ? (" × " + std::to_string(ranks) + " MPI ranks").c_str() : "");
  o += line;
  return o;
}

}  // namespace

int cmd_sweep(int argc, char** argv) {
  const Args a = parse_args(argc, argv, 2, {"--json", "--help"}, {"--threads", "--out", "--set", "--report"});
  if (a.flag("--help")) {
    std::cout << kSweepHelp;
    return 0;
  }
  if (a.positional.size() != 1) throw UsageError("sweep takes one sweep file");
  unsigned threads = 0;
  if (const std::string t = a.value("--threads"); !t.empty()) {
    char* end = nullptr;
    const long v = std::strtol(t.c_str(), &end, 10);
    if (*end != '\0' || v < 1 || v > 4096) throw UsageError("--threads " + t + ": expected 1 … 4096");
    threads = static_cast<unsigned>(v);
  }
  World world;
  // Only rank 0 speaks: the other ranks stop quietly on the same (deterministic) input error.
  SweepSpec spec;
  try {
    spec = load_sweep(a.positional[0]);
    for (const auto& s : a.all("--set")) spec.set.push_back(s);
    if (!a.all("--set").empty())
      for (const auto& p : spec.sites) (void)load_site(p, spec.set);
  } catch (const ConfigError&) {
    if (world.rank != 0) return 2;
    throw;
  }
  std::optional<OutputFolder> folder;
  bool ok = true;
  std::string refused;
  const std::string report_path = a.value("--report");
  if (world.rank == 0 && !report_path.empty()) {
    try {
      check_report_path(report_path);
    } catch (const ConfigError& e) {
      ok = false;
      refused = e.what();
    }
  }
  if (world.rank == 0 && !a.value("--out").empty()) {
    try {
      // results.csv: ≈ 30 bytes per value of a row.
      const std::uintmax_t bytes =
          spec.scenario_count() * (spec.factors.size() + spec.outputs.size() + 4) * 30;
      folder.emplace(a.value("--out"), bytes);
    } catch (const ConfigError& e) {
      ok = false;
      refused = e.what();
    }
  }
  if (!world.agree(ok)) {
    if (world.rank == 0) {
      std::cerr << refused << '\n';
      return 2;
    }
    return 2;
  }
  if (threads == 0) threads = world.mpi ? 1 : std::max(1u, std::thread::hardware_concurrency());
  const std::size_t total = spec.scenario_count();
  SweepOptions o;
  o.threads = threads;
  o.first = total * static_cast<std::size_t>(world.rank) / static_cast<std::size_t>(world.size);
  o.last = total * static_cast<std::size_t>(world.rank + 1) / static_cast<std::size_t>(world.size);
  std::optional<ProgressBar> bar;
  std::mutex bar_mutex;
  if (world.rank == 0) {
    bar.emplace(o.last - o.first, "sweep", "scenarios", true);
    o.progress = [&](std::size_t done, std::size_t n) {
      std::lock_guard<std::mutex> lock(bar_mutex);
      bar->update(static_cast<double>(done) / static_cast<double>(n));
    };
  }
  const auto t0 = std::chrono::steady_clock::now();
  SweepResult r = sweep(spec, o);
  bar.reset();
  world.gather(r.scenarios);
  if (world.rank != 0) return 0;
  if (world.size > 1) analyze(r);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string json = to_json(r);
  if (folder) {
    for (const auto& [name, text] : {std::pair<const char*, std::string>{"results.csv", to_csv(r)},
                                     {"sweep.json", json}}) {
      std::ofstream f(folder->path(name), std::ios::binary);
      f << text;
      if (!f.flush()) throw ConfigError(folder->path(name).string(), 0, 0, "", "write failed (disk full?)");
    }
    folder->commit();
  }
  if (!report_path.empty()) {
    write_report_file(report_path, html_sweep_report(r, {command_line(argc, argv)}));
    std::fprintf(stderr, "dcload: wrote %s\n", report_path.c_str());
  }
  if (a.flag("--json")) std::cout << json;
  else std::cout << table(r, seconds, threads, world.size);
  bool all_ok = r.invalid == 0;
  for (const auto& sc : r.scenarios) all_ok = all_ok && sc.status == "ok";
  return all_ok ? 0 : 1;
}

}  // namespace dcload::cli
