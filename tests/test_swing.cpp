// Training swings (include/dcload/swing.hpp, engine/grid/swing_models.hpp): the spectrum of a
// pure sine (Parseval, band shares, DFT leakage), ramps and dynamic range by hand, the GPU
// floor's burned energy by hand, the energy balance of every storage layer, the UPS transfer
// logic on hand timelines, the islanded plant, and the whole analysis on the Ulsan campus.
#include <cmath>
#include <fstream>
#include <numbers>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "dcload/dcload.hpp"
#include "grid/swing_models.hpp"
#include "metrics/metrics.hpp"

using namespace dcload;
using namespace dcload::detail;
using Catch::Matchers::Contains;

namespace {

SwingArray sine(double mean_w, double amp_w, double f_hz, double dt_s, int n) {
  SwingArray p(n);
  for (int k = 0; k < n; ++k) p[k] = mean_w + amp_w * std::sin(2 * std::numbers::pi * f_hz * k * dt_s);
  return p;
}

}  // namespace

TEST_CASE("swing: a sine on a bin puts its whole variance in its band (Parseval)", "[swing]") {
  // 0.5 Hz over 600 s at 0.1 s: 300 whole cycles, exactly bin 300 of 6,000.
  const SwingArray p = sine(100e6, 10e6, 0.5, 0.1, 6000);
  PowerSpectrum s;
  power_spectrum(p, 0.1, s);
  CHECK(s.df_hz == Approx(1.0 / 600.0));
  // Variance of A·sin = A²/2 = 5e13 W².
  CHECK(s.variance_w2 == Approx(5e13).epsilon(1e-12));
  CHECK(band_variance_w2(s, 0.1, 1.0) / s.variance_w2 == Approx(1.0).margin(1e-12));
  CHECK(band_variance_w2(s, 1.0, 20.0) / s.variance_w2 == Approx(0.0).margin(1e-12));
  CHECK(band_variance_w2(s, 0.0, 0.1) / s.variance_w2 == Approx(0.0).margin(1e-12));
  // RMS in band = A/√2.
  CHECK(std::sqrt(band_variance_w2(s, 0.1, 20.0)) == Approx(10e6 / std::sqrt(2.0)).epsilon(1e-12));
}

TEST_CASE("swing: a sine between bins leaks less than the rectangular window's bound", "[swing]") {
  // 0.5125 Hz: 307.5 cycles, half a bin off. A rectangular window leaks a share
  // (2/π²)·Σ_{m ≥ M} 1/(m + ½)² ≈ 2/(π² M) of the energy beyond ±M bins; the band ±0.1 Hz is
  // ±60 bins → ≈ 0.34 % (checked at 0.4 %); within ±1 bin the main lobe holds 2·(2/π)²·(1 + 1/9 + …) ≥ 81 %.
  const SwingArray p = sine(50e6, 5e6, 0.5125, 0.1, 6000);
  PowerSpectrum s;
  power_spectrum(p, 0.1, s);
  CHECK(s.variance_w2 == Approx(5e6 * 5e6 / 2).epsilon(2e-3));
  const double near = band_variance_w2(s, 0.5125 - 0.1, 0.5125 + 0.1) / s.variance_w2;
  CHECK(near >= 1.0 - 0.004);
  CHECK(band_variance_w2(s, 0.5125 - 1.5 / 600, 0.5125 + 1.5 / 600) / s.variance_w2 >= 0.81);
}

TEST_CASE("swing: ramps and dynamic range of a hand series", "[swing]") {
  SwingArray p(8);
  p << 10, 12, 11, 20, 19, 5, 6, 6;  // W, at 0.5 s
  CHECK(max_ramp_w_per_s(p, 0.5) == Approx(28.0));  // |5 − 19| / 0.5
  // Windows of 1 s = 2 steps (3 samples): the largest max − min is {20, 19, 5} → 15.
  CHECK(dynamic_range_w(p, 0.5, 1.0) == Approx(15.0));
  // 0.5 s = one step: the largest |Δ| = 14.
  CHECK(dynamic_range_w(p, 0.5, 0.5) == Approx(14.0));
  CHECK(dynamic_range_w(p, 0.5, 100.0) == Approx(15.0));  // whole series: 20 − 5
}

TEST_CASE("swing: the GPU floor burns the energy below it, by hand", "[swing]") {
  // Square wave 100 / 50 W, 1 s each, at 0.5 s steps, floor 80 W: 30 W burned for half of the
  // 8 s → 120 J.
  SwingArray p(16);
  for (int k = 0; k < 16; ++k) p[k] = (k / 2) % 2 == 0 ? 100.0 : 50.0;
  SwingArray out;
  const double burned = apply_gpu_smoothing(p, 0.5, {80.0, 0.0}, out);
  CHECK(burned == Approx(120.0));
  CHECK(out.minCoeff() == Approx(80.0));
  CHECK(out.maxCoeff() == Approx(100.0));
  // Ramp-down 20 W/s: from 100 the draw falls 10 W per step: 90, 80 (the floor), ...
  const double burned2 = apply_gpu_smoothing(p, 0.5, {80.0, 20.0}, out);
  CHECK(out[2] == Approx(90.0));
  CHECK(out[3] == Approx(80.0));
  // Each low second: 40 + 30 W above the 50 W load for 0.5 s each = 35 J, four times.
  CHECK(burned2 == Approx(140.0));
}

TEST_CASE("swing: a storage layer never makes energy (balance over the window)", "[swing]") {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(-1.0, 1.0);
  SwingArray load(6000);
  for (int k = 0; k < 6000; ++k)
    load[k] = 80e6 + 10e6 * ((k / 20) % 2 ? 1.0 : -1.0) + 1e6 * u(rng) + 2e3 * k;
  for (const auto& [power, energy, eta] :
       std::vector<std::tuple<double, double, double>>{{50e6, 3.6e9, 0.92},    // ample
                                                       {4e6, 2e7, 0.95},       // power-bound
                                                       {50e6, 5e6, 0.9},       // energy-bound
                                                       {20e6, 1e9, 1.0}}) {    // lossless
    StorageSmoothing s;
    s.power_w = power;
    s.energy_j = energy;
    s.tau_s = 20;
    s.eta_charge = s.eta_discharge = eta;
    SwingArray out;
    StorageStats st;
    apply_storage(load, 0.1, s, out, st);
    const double drawn = (load - out).sum() * 0.1;  // J the storage supplied net
    INFO("P " << power << " E " << energy << " eta " << eta);
    // Σ(load − upstream)·dt + Δstored + losses = 0, to rounding.
    CHECK(drawn + (st.soc_end_j - st.soc_start_j) + st.loss_j ==
          Approx(0.0).margin(1e-9 * load.sum() * 0.1));
    CHECK(st.loss_j >= 0.0);
    if (eta == 1.0) CHECK(st.loss_j == Approx(0.0).margin(1e-6));
    CHECK((load - out).abs().maxCoeff() <= power * (1 + 1e-12));
    CHECK(st.soc_min_j >= -1e-6);
    CHECK(st.soc_max_j <= energy * (1 + 1e-12));
    CHECK(st.discharged_j - st.charged_j == Approx(drawn).margin(1e-6 * std::abs(drawn) + 1));
  }
}

TEST_CASE("swing: a low-pass storage layer shrinks the band the swing is in", "[swing]") {
  // A 0.25 Hz swing of ±10 MW behind storage with τ = 30 s. The grid follows the low-pass,
  // whose residual is A/(ωτ) lagging 90°, minus the pull of the charge, (soc − ref)/(10 τ),
  // where soc − ref = −∫(load − grid) ≈ (A/ω)·cos: in phase with the residual. Amplitude
  // A/(ωτ)·(1 + 1/10) = 0.212 × 1.1 = 0.233 MW.
  const SwingArray p = sine(100e6, 10e6, 0.25, 0.1, 6000);
  StorageSmoothing s;
  s.power_w = 20e6;
  s.energy_j = 3.6e9;
  s.tau_s = 30;
  SwingArray out;
  StorageStats st;
  apply_storage(p, 0.1, s, out, st);
  PowerSpectrum a;
  power_spectrum(out.tail(3000), 0.1, a);  // after the filter has settled
  const double amp = std::sqrt(2 * band_variance_w2(a, 0.2, 0.3));
  CHECK(amp == Approx(1.1 * 10e6 / (2 * std::numbers::pi * 0.25 * 30)).epsilon(0.02));
  CHECK(st.limited_steps == 0);
}

TEST_CASE("swing: dips below the UPS's count transfer nothing", "[swing][ride_through]") {
  std::vector<VoltageDip> dips;
  for (int i = 0; i < 6; ++i) dips.push_back({i * 16.4, 0.054, 0.08});  // 92 % of nominal
  UpsTransferLogic u;  // counts dips ≥ 10 %, 3 in 60 s
  const TransferOutcome o = ups_transfer(dips, u);
  CHECK_FALSE(o.transferred);
  CHECK(o.disturbances == 0);
  CHECK(o.ride_s.empty());
}

TEST_CASE("swing: three strikes transfer at the third dip within a minute (hand timeline)",
          "[swing][ride_through]") {
  // 2024-07-10 pattern: six dips within 82 s, 16.4 s apart, 65 % deep. Strikes at 0, 16.4
  // and 32.8 s: the third (32.8 − 0 ≤ 60 s) transfers; return by hand 2 h later.
  std::vector<VoltageDip> dips;
  for (int i = 0; i < 6; ++i) dips.push_back({i * 16.4, 0.054, 0.65});
  UpsTransferLogic u;
  u.manual_return_s = 7200;
  const TransferOutcome o = ups_transfer(dips, u);
  REQUIRE(o.transferred);
  CHECK(o.transfer_s == Approx(32.8));
  CHECK(o.strike == 3);
  CHECK(o.ride_s.size() == 2);  // the first two on battery, back on the rectifier
  CHECK(o.return_s == Approx(32.8 + 7200));
  CHECK(o.disturbances == 6);
  // Dips 0, 40 and 80 s: the window of the third holds only 40 and 80 → no transfer.
  const TransferOutcome spaced = ups_transfer({{0, 0.05, 0.65}, {40, 0.05, 0.65}, {80, 0.05, 0.65}}, u);
  CHECK_FALSE(spaced.transferred);
  CHECK(spaced.ride_s.size() == 3);
  // Automatic return: 5 min after the end of the last disturbance (82 s + 54 ms).
  u.manual_return = false;
  u.retransfer_delay_s = 300;
  CHECK(ups_transfer(dips, u).return_s == Approx(82.054 + 300));
  // A ride-through setting: no strikes, the battery carries 30 s: nothing transfers; a 40 s
  // outage transfers after 30 s.
  UpsTransferLogic ride;
  ride.strikes = 0;
  ride.ride_through_s = 30;
  CHECK_FALSE(ups_transfer(dips, ride).transferred);
  const TransferOutcome longdip = ups_transfer({{5, 40, 1.0}}, ride);
  CHECK(longdip.transferred);
  CHECK(longdip.transfer_s == Approx(35.0));
}

TEST_CASE("swing: a plant without ramp limit or lag follows at once", "[swing]") {
  const SwingArray p = sine(100e6, 10e6, 0.25, 0.1, 400);
  SwingArray out;
  follow_with_plant(p, 0.1, {0.0, 0.0, 0.0}, out);
  CHECK((out - p).abs().maxCoeff() == Approx(0.0).margin(1e-6));
  follow_with_plant(p, 0.1, {1e6, 0.0, 0.0}, out);  // 1 MW/s
  CHECK(max_ramp_w_per_s(out, 0.1) <= 1e6 * (1 + 1e-9));
}

TEST_CASE("swing: the Ulsan campus against a mask, layer by layer", "[swing][site]") {
  Site site = load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml",
                        {"grid.limits.max_ramp=\"10 MW/s\"", "grid.limits.max_band_rms=\"0.5 MW\"",
                         "smoothing.gpu_floor=\"90 %\"", "smoothing.bess_power=\"5 MW\"",
                         "smoothing.bess_energy=\"0.2 MWh\"", "swing.duration=\"5 min\""});
  const SwingResult r = swing(site);
  REQUIRE(r.layers.size() == 6);
  CHECK(r.steps == 3000);
  CHECK(r.layers[0].name == "as run");
  CHECK(r.layers[1].active);   // gpu
  CHECK_FALSE(r.layers[2].active);  // no rack storage set
  CHECK(r.layers[4].active);   // bess
  // The floor only raises the draw: mean up, burned energy = the mean rise × window.
  const double rise_w = in_si(r.layers[1].after.mean) - in_si(r.layers[0].after.mean);
  CHECK(rise_w > 0);
  CHECK(in_si(r.layers[1].burned) == Approx(rise_w * 300.0).epsilon(1e-6));
  // A swinging campus breaks a 10 MW/s mask as run; storage lowers the in-band RMS.
  CHECK_FALSE(r.layers[0].after.compliant());
  CHECK(in_si(r.layers[4].after.band_rms) < in_si(r.layers[1].after.band_rms));
  // The series are the grid draw after each active layer; the first is the window's draw.
  REQUIRE(r.series_w.size() == 3);
  CHECK(r.series_names == std::vector<std::string>{"as run", "gpu", "bess"});
  // The search: its stack meets the mask, and its cost is the sum of its layers' costs.
  REQUIRE(r.stack.searched);
  REQUIRE(r.stack.found);
  CHECK(r.stack.layers.back().after.compliant());
  double c = 0;
  for (const SwingLayer& l : r.stack.layers) c += l.cost_usd_per_yr;
  CHECK(c == Approx(r.stack.cost_usd_per_yr));
  // Three strikes (the default) transfer the campus at the third dip; ride-through does not.
  REQUIRE(r.ride_through.size() == 2);
  CHECK(r.ride_through[0].transferred);
  CHECK(r.ride_through[0].transfer_s == Approx(32.8));
  CHECK(in_si(r.ride_through[0].transferred_load) == Approx(in_si(r.layers[0].after.mean)));
  CHECK_FALSE(r.ride_through[1].transferred);
  CHECK(r.ride_through[1].momentary == 6);
  CHECK_FALSE(r.island.applies);
  CHECK_FALSE(r.compliant());
  // The 20 Hz band edge is above the 5 Hz Nyquist frequency of 0.1 s steps: said.
  bool nyquist = false;
  for (const std::string& n : r.notes) nyquist |= n.find("Nyquist frequency 5 Hz") != std::string::npos;
  CHECK(nyquist);
}

TEST_CASE("swing: a storage that cycles faster than its life allows is said", "[swing][site]") {
  // Ulsan's UPS at 25 % smoothing cycles its 20 % energy share several times a day: at the
  // 5,475-cycle life the battery is spent in well under its 10-year calendar life.
  SwingOptions o;
  o.search = false;
  o.duration = minutes(5.0);
  const SwingResult r = swing(
      load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml", {"smoothing.ups_share=\"25 %\""}), o);
  REQUIRE(r.layers[3].active);
  const double years = 5475 / (r.layers[3].cycles_per_day * 365);
  REQUIRE(years < 10);
  bool said = false;
  for (const std::string& n : r.notes) said |= n.find("UPS battery smoothing") != std::string::npos &&
                                               n.find("5475-cycle life") != std::string::npos;
  CHECK(said);
}

TEST_CASE("swing: iteration periods inside a declared mode and the largest GPU count",
          "[swing][site]") {
  // The training workload iterates every 4 s: 0.25 Hz, harmonics 0.75 and 1.25 Hz. A mode at
  // 0.2–0.3 Hz holds the fundamental; leaving it takes a period below 1/0.3 = 3.33 s or above
  // 1/0.2 = 5 s, so the nearest change is −0.667 s (3.333 s: 3rd harmonic 0.9 Hz, outside).
  const Site site = load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml",
                              {"grid.limits.modal_low=\"0.2 Hz\"", "grid.limits.modal_high=\"0.3 Hz\"",
                               "grid.limits.modal_max_amplitude=\"0.1 MW\"", "swing.duration=\"5 min\""});
  SwingOptions o;
  o.search = false;
  const SwingResult r = swing(site, o);
  REQUIRE(r.modal.declared);
  REQUIRE_FALSE(r.modal.flags.empty());
  CHECK(r.modal.flags[0].in_band);
  CHECK(r.modal.flags[0].harmonic == 1);
  CHECK(r.modal.flags[0].shift_s == Approx(1 / 0.3 - 4.0).epsilon(1e-4));
  REQUIRE(in_si(r.modal.amplitude) > 0);
  // Largest count ∝ tolerated / forcing amplitude.
  CHECK(static_cast<double>(r.modal.max_gpus) ==
        Approx(std::floor(r.modal.gpus * 0.1e6 / in_si(r.modal.amplitude))).margin(1));
}

TEST_CASE("swing: an islanded LNG plant against the swing", "[swing][site]") {
  const Site site = load_site(DCLOAD_SOURCE_DIR "/configs/regions/ulsan_lng.toml",
                              {"swing.duration=\"2 min\""});
  SwingOptions o;
  o.search = false;
  const SwingResult r = swing(site, o);
  REQUIRE(r.island.applies);
  CHECK(r.island.max_frequency_deviation_hz > 0);
  if (!r.island.follows) {
    CHECK(in_si(r.island.bridge_power) > 0);
    CHECK(in_si(r.island.bridge_energy) > 0);
  }
  // A plant with a very slow governor and ramp cannot hold ±0.2 Hz.
  const Site slow = load_site(DCLOAD_SOURCE_DIR "/configs/regions/ulsan_lng.toml",
                              {"swing.duration=\"2 min\"", "swing.governor_time=\"60 s\"",
                               "swing.inertia=\"0.5 s\""});
  const SwingResult rs = swing(slow, o);
  CHECK(rs.island.max_frequency_deviation_hz > r.island.max_frequency_deviation_hz);
  // Behind the cheapest stack for the 20 % band-share mask (inherited from ulsan.toml) the
  // plant sees a smoother draw: a smaller frequency deviation.
  o.search = true;
  const SwingResult rw = swing(site, o);
  REQUIRE(rw.stack.found);
  REQUIRE(rw.island_with_stack.applies);
  CHECK(rw.island_with_stack.max_frequency_deviation_hz < r.island.max_frequency_deviation_hz);
  // Without a mask the "stack" is no layer at all: the same draw, the same deviation.
  const SwingResult none = swing(load_site(DCLOAD_SOURCE_DIR "/configs/regions/ulsan_lng.toml",
                                           {"swing.duration=\"2 min\"", "grid.limits.max_band_share=\"100 %\""}),
                                 o);
  REQUIRE(none.island_with_stack.applies);
  CHECK(none.island_with_stack.max_frequency_deviation_hz ==
        Approx(none.island.max_frequency_deviation_hz).epsilon(1e-12));
}

TEST_CASE("swing: bad swing inputs are refused with their keys", "[swing][config]") {
  CHECK_THROWS_WITH(load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml", {"smoothing.bess_power=\"5 MW\""}),
                    Contains("smoothing.bess_energy"));
  CHECK_THROWS_WITH(load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml",
                              {"grid.limits.band_low=\"5 Hz\"", "grid.limits.band_high=\"1 Hz\""}),
                    Contains("grid.limits.band_high"));
  CHECK_THROWS_WITH(load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml", {"grid.limits.band_low=\"5 MW\""}),
                    Contains("expected a frequency (Hz)"));
  CHECK_THROWS_WITH(load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml", {"swing.timestep=\"0.7 s\""}),
                    Contains("swing.timestep"));
  CHECK_THROWS_WITH(load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml", {"swing.start=\"13-01 00:00\""}),
                    Contains("swing.start"));
  const std::string bad = "/tmp/dcload_test_dips_bad.csv";
  {
    std::ofstream f(bad);
    f << "start_s,duration_s,depth\n0,0.05,0.5\n10,0.05,1.5\n";
  }
  CHECK_THROWS_WITH(load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml",
                              {"ride_through.dips_file=\"" + bad + "\""}),
                    Contains("dcload_test_dips_bad.csv:3:"));
}

TEST_CASE("swing: a dip file replaces the evenly spaced sequence", "[swing][ride_through]") {
  const std::string csv = "/tmp/dcload_test_dips.csv";
  {
    std::ofstream f(csv);
    f << "start_s,duration_s,depth\n0,0.05,0.5\n70,0.05,0.5\n75,0.05,0.5\n";
  }
  const Site site = load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml",
                              {"ride_through.dips_file=\"" + csv + "\"", "swing.duration=\"1 min\""});
  SwingOptions o;
  o.search = false;
  const SwingResult r = swing(site, o);
  // Strikes at 0, 70, 75: no three within 60 s → nothing transfers.
  CHECK_FALSE(r.ride_through[0].transferred);
  CHECK(r.ride_through[0].momentary == 3);
}

TEST_CASE("swing: the FFT band share equals the Summary's Goertzel DFT on the same window",
          "[swing][site]") {
  // Two implementations of the same one-sided DFT share: engine/metrics band_energy_share
  // (Goertzel, bin by bin) and the swing spectrum (Eigen's FFT). Closed band [0.1, f] there,
  // half-open here: the upper edge is put between bins.
  const Site site = load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  RunOptions ro;
  ro.timestep = seconds(0.1);
  ro.start = parse_year_time("07-15 14:00");
  ro.duration = minutes(5.0);
  ro.channels = {"facility_power"};
  const RunResult run = dcload::run(site, ro);
  const auto fac = run.channel("facility_power");
  const std::vector<double> p(fac.begin(), fac.end());
  const double df = 1.0 / (p.size() * 0.1);
  SwingLimits l;
  for (const auto& [lo, hi] : std::vector<std::pair<double, double>>{{0.1, 3.0}, {0.5, 1.0}, {1.0, 5.0}}) {
    l.band_low_hz = lo;
    l.band_high_hz = hi - df / 2;
    const SwingMetrics m = detail::swing_metrics(p, 0.1, l, {});
    const double goertzel = band_energy_share(
        Eigen::Map<const Eigen::ArrayXd>(p.data(), static_cast<Eigen::Index>(p.size())), 0.1, lo,
        hi - df / 2);
    INFO(lo << "–" << hi << " Hz");
    CHECK(m.band_share == Approx(goertzel).epsilon(1e-9));
  }
  // And the 0.1–3 Hz share the run's Summary reports (closed band) within one bin's weight.
  l.band_low_hz = 0.1;
  l.band_high_hz = 3.0 + df / 2;
  CHECK(detail::swing_metrics(p, 0.1, l, {}).band_share ==
        Approx(run.summary.swing_band_share).epsilon(1e-9));
}

TEST_CASE("swing: rack PSU storage comes from the accelerator catalog unless the site sets it",
          "[swing][site]") {
  // The 1 GW build-out, as built by its last phase: 30,000 H200 + 30,000 B200 + 144,000 GB200
  // (no PSU storage in the catalog) + 302,400 GB300 NVL72 (psu_energy_storage 65 J) = 506,400:
  // 302,400 × 65 J = 19.656 MJ.
  SwingOptions o;
  o.search = false;
  o.duration = minutes(1.0);
  const SwingResult r = swing(load_site(DCLOAD_SOURCE_DIR "/configs/ulsan_1gw.toml"), o);
  REQUIRE(r.layers[2].name == "rack");
  CHECK(r.layers[2].active);
  REQUIRE(r.gpus == 506400);
  CHECK(in_si(r.layers[2].storage_energy) == Approx(302400 * 65.0));
  // A site figure applies to every accelerator.
  const SwingResult all = swing(
      load_site(DCLOAD_SOURCE_DIR "/configs/ulsan_1gw.toml", {"smoothing.rack_storage=\"10 J\""}), o);
  CHECK(in_si(all.layers[2].storage_energy) == Approx(10.0 * all.gpus));
}

TEST_CASE("swing: a window outside the year or a step that does not divide an hour names its key",
          "[swing][config]") {
  const Site site = load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml");
  SwingOptions o;
  o.search = false;
  o.start = "12-31 23:55";  // + the 10 min default runs past the 365-day year
  CHECK_THROWS_WITH(swing(site, o), Contains("swing.start: the window 12-31 23:55 + 600 s"));
  o.start.clear();
  o.timestep = seconds(0.7);  // 3600 / 0.7 is not whole
  CHECK_THROWS_WITH(swing(site, o), Contains("swing.timestep:") && Contains("divide one hour"));
}
