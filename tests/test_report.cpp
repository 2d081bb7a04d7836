// HTML reports: the digest they draw (identities against the Summary), the page's structure
// (every chart has its canvas, nothing loads from the network, headline numbers are the
// Summary's), inputs as resolved, and the size of fine-step reports. Rendering in a real
// browser is checked by tests/browser/check_report.py (CTest label "browser").
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include <catch2/catch.hpp>

#include "dcload/dcload.hpp"
#include "output/html_page.hpp"
#include "output/report_digest.hpp"

using namespace dcload;

namespace {
const std::string kSrc = DCLOAD_SOURCE_DIR;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t p = text.find(what); p != std::string::npos; p = text.find(what, p + 1)) ++n;
  return n;
}

// The headline numbers of a page: (key, value) of every dcl-num with a key.
std::vector<std::pair<std::string, double>> headline_numbers(const std::string& html) {
  static const std::regex re("class=\"dcl-num\" data-key=\"([a-z0-9_]+)\" data-value=\"([^\"]+)\"");
  std::vector<std::pair<std::string, double>> out;
  for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it)
    out.emplace_back((*it)[1].str(), (*it)[2].str() == "null" ? NAN : std::stod((*it)[2].str()));
  return out;
}

void check_page(const std::string& html, std::size_t charts) {
  // The declared chart count, one canvas per chart spec.
  REQUIRE(html.find("<meta name=\"dcload-charts\" content=\"" + std::to_string(charts) + "\">") !=
          std::string::npos);
  CHECK(count(html, "<canvas class=\"dcl-chart\"") == charts);
  CHECK(count(html, "{\"id\":\"chart-") == charts);
  // Self-contained: nothing is fetched (no src/href to another file or host).
  CHECK(html.find("src=\"http") == std::string::npos);
  CHECK(html.find("href=\"http") == std::string::npos);
  CHECK(html.find("<link") == std::string::npos);
  CHECK(html.find(" src=") == std::string::npos);
  // Chart.js is inlined (its banner), and the size stays below 3 MB.
  CHECK(html.find("Chart.js v3") != std::string::npos);
  CHECK(html.size() <= 3'000'000);
}
}  // namespace

TEST_CASE("report: number formatting groups thousands, uses a real minus and drops the sign of a rounded zero",
          "[report]") {
  CHECK(detail::format_number(1234567.891, 1) == "1,234,567.9");
  CHECK(detail::format_number(999.96, 1) == "1,000.0");
  CHECK(detail::format_number(-12.5, 1) == "\u221212.5");
  CHECK(detail::format_number(-0.04, 1) == "0.0");
  CHECK(detail::format_number(NAN, 1) == "—");
  CHECK(detail::html_escape("<a href=\"x\">&'") == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
}

TEST_CASE("report: the digest's monthly energy by subsystem adds up to the Summary's monthly facility energy",
          "[report]") {
  const Site site = load_site(kSrc + "/configs/ulsan.toml");
  detail::ReportDigest d;
  RunOptions o;
  o.sink = &d;
  o.keep_in_memory = false;
  const RunResult r = run(site, o);
  const auto& mj = d.monthly_j();
  double year = 0;
  for (int m = 0; m < 12; ++m) {
    double sum = 0;
    for (int g = 0; g < detail::ReportDigest::kGroups; ++g) sum += mj[g][m];
    year += sum;
    // Identity: facility = IT + cooling + UPS + distribution + transformers + auxiliaries.
    CHECK(sum == Approx(in_si(r.summary.facility_energy_monthly[m])).epsilon(1e-9));
  }
  CHECK(year == Approx(in_si(r.summary.facility_energy)).epsilon(1e-9));
  // Cooling-mode hours: the year's 8,760 h, and the Summary's split.
  double free_h = 0, partial_h = 0, mech_h = 0;
  for (const auto& m : d.mode_hours()) free_h += m[0], partial_h += m[1], mech_h += m[2];
  CHECK(free_h + partial_h + mech_h == Approx(8760.0).epsilon(1e-12));
  CHECK(free_h == Approx(r.summary.free_cooling_hours).margin(1e-9));
  CHECK(partial_h == Approx(r.summary.partial_cooling_hours).margin(1e-9));
  CHECK(mech_h == Approx(r.summary.mechanical_cooling_hours).margin(1e-9));
  // An hourly year: one bucket per step, the first load-duration point is the peak.
  CHECK(d.buckets() == 8760);
  CHECK_FALSE(d.fine());
  const std::vector<double> ldc = d.duration_curve(100);
  CHECK(ldc.front() == Approx(in_si(r.summary.peak_facility)).epsilon(1e-12));
  CHECK(std::is_sorted(ldc.rbegin(), ldc.rend()));
}

TEST_CASE("report: a 1-minute year is digested into hourly envelopes whose maxima keep the peak step",
          "[report]") {
  const Site site = load_site(kSrc + "/configs/ulsan.toml");
  detail::ReportDigest whole;        // facility kept whole (525,600 steps)
  detail::ReportDigest binned(0);    // the histogram path of long runs
  struct Both : ChannelSink {
    ChannelSink *a, *b;
    void begin(const std::vector<Channel>& l, std::size_t n, double dt, double s) override {
      a->begin(l, n, dt, s);
      b->begin(l, n, dt, s);
    }
    void block(std::size_t f, const std::vector<std::span<const double>>& v) override {
      a->block(f, v);
      b->block(f, v);
    }
    void end() override {
      a->end();
      b->end();
    }
  } both;
  both.a = &whole;
  both.b = &binned;
  RunOptions o;
  o.timestep = minutes(1.0);
  o.sink = &both;
  o.keep_in_memory = false;
  const RunResult r = run(site, o);
  REQUIRE(whole.buckets() == 8760);
  CHECK(whole.fine());
  CHECK(whole.bucket_s() == Approx(3600.0));
  const detail::Envelope& e = whole.env("facility_power");
  const double peak = in_si(r.summary.peak_facility);
  CHECK(*std::max_element(e.max.begin(), e.max.end()) == Approx(peak).epsilon(1e-12));
  // Each hour's mean lies within its min and max; the mean of the means is the year's mean.
  const std::vector<double> mean = whole.mean("facility_power");
  double sum = 0;
  for (std::size_t b = 0; b < mean.size(); ++b) {
    CHECK((mean[b] >= e.min[b] - 1e-6 && mean[b] <= e.max[b] + 1e-6));
    sum += mean[b] * 3600.0;
  }
  CHECK(sum == Approx(in_si(r.summary.facility_energy)).epsilon(1e-9));
  // Load-duration curve: exact and binned (10 kW bins) agree within a bin; both start at the peak.
  const std::vector<double> a = whole.duration_curve(501), b = binned.duration_curve(501);
  CHECK(a.front() == Approx(peak).epsilon(1e-12));
  CHECK(b.front() == Approx(peak).epsilon(1e-12));
  for (std::size_t i = 1; i < a.size(); ++i) CHECK(std::abs(a[i] - b[i]) <= detail::kHistBinW);
}

TEST_CASE("report: the Ulsan page draws its seven charts, offline, with the Summary's headline numbers",
          "[report]") {
  const Site site = load_site(kSrc + "/configs/ulsan.toml");
  const SiteReport rep = html_site_report(site);
  // monthly, heat map, load duration, headroom, cooling modes, design day, peak day (grid only:
  // no supply weeks; no build-out)
  check_page(rep.html, 7);
  const auto nums = headline_numbers(rep.html);
  REQUIRE(nums.size() >= 15);
  for (const auto& [key, v] : nums) {
    INFO(key);
    const auto expected = summary_value(rep.result.summary, key);
    REQUIRE(expected.has_value());
    if (std::isnan(*expected)) CHECK(std::isnan(v));
    else CHECK(v == Approx(*expected).epsilon(1e-15));
  }
  // The PUE card shows the annual PUE to three decimals.
  char pue[32];
  std::snprintf(pue, sizeof pue, "%.3f</span>", rep.result.summary.pue_annual);
  CHECK(rep.html.find(pue) != std::string::npos);
  // The run is the same as a plain run.
  const RunResult plain = run(site, {.channels = {"none"}});
  CHECK(rep.result.summary.pue_annual == plain.summary.pue_annual);
}

TEST_CASE("report: supply weeks appear for on-site supply, build-out bars for a phased site",
          "[report]") {
  const SiteReport haenam = html_site_report(load_site(kSrc + "/configs/regions/haenam.toml"));
  check_page(haenam.html, 9);  // + the week of least renewables and the peak week
  CHECK(haenam.html.find("chart-supply-least-re") != std::string::npos);
  CHECK(haenam.html.find("battery state of charge") != std::string::npos);
  // The over-capacity status is on the page, in the status box.
  CHECK(haenam.html.find("<div class=\"status bad\"") != std::string::npos);
  const SiteReport gw = html_site_report(load_site(kSrc + "/configs/ulsan_1gw.toml"));
  check_page(gw.html, 8);  // + build-out
  // No year exceeds the connection: the tightest year is marked, and said to fit.
  REQUIRE(gw.result.summary.binding_year == 0);
  CHECK(gw.html.find("2029 (tightest)") != std::string::npos);
  CHECK(gw.html.find("no year exceeds the connection") != std::string::npos);
}

TEST_CASE("report: inputs as resolved name where each key came from, defaults with their source",
          "[report]") {
  const Site site = load_site(kSrc + "/configs/ulsan.toml", {"cooling.chilled_water_supply=16 °C"});
  const auto find = [&](const std::string& key) {
    return std::find_if(site.inputs.begin(), site.inputs.end(),
                        [&](const ResolvedInput& in) { return in.key == key; });
  };
  const auto conn = find("grid.connection");
  REQUIRE(conn != site.inputs.end());
  CHECK(conn->value == "150 MVA");
  CHECK(conn->origin == kSrc + "/configs/ulsan.toml:70");  // where the file writes it
  CHECK_FALSE(conn->is_default());
  const auto chw = find("cooling.chilled_water_supply");
  REQUIRE(chw != site.inputs.end());
  CHECK(chw->origin == "--set");
  // A default carries the key table's source.
  const auto dflt = std::find_if(site.inputs.begin(), site.inputs.end(),
                                 [](const ResolvedInput& in) { return in.is_default(); });
  REQUIRE(dflt != site.inputs.end());
  // Every default figure (a quantity other than zero, which switches a feature off) says where
  // it comes from; unsourced defaults are settings (names, switches, choices of model).
  std::size_t defaults = 0;
  for (const auto& in : site.inputs) {
    if (!in.is_default()) continue;
    ++defaults;
    if (!in.unit.empty() && in.value.rfind("0 ", 0) != 0) {
      INFO(in.key << " = " << in.value);
      CHECK_FALSE(in.source.empty());
    }
  }
  CHECK(defaults > 50);
  // Catalog defaults name the catalog table and carry its comment.
  const auto tower = find("cooling.tower_range");
  REQUIRE(tower != site.inputs.end());
  CHECK(tower->source == "configs/catalog/cooling.toml [plant]: EP reference tower condition 35 → 29.4 °C");
  // The page lists them all.
  const SiteReport rep = html_site_report(site);
  CHECK(rep.html.find("<code>grid.connection</code>") != std::string::npos);
  CHECK(count(rep.html, "class=\"default-row\"") == defaults);
}

TEST_CASE("report: compare flags the sites that leave demand unserved, in words and colour", "[report]") {
  std::vector<Summary> runs;
  for (const char* f : {"capital", "gangwon"})
    runs.push_back(run(load_site(kSrc + "/configs/regions/" + std::string(f) + ".toml"), {.channels = {"none"}}).summary);
  REQUIRE(runs[0].unserved > megawatt_hours(0.0));  // the capital region's connection is short
  REQUIRE(in_si(runs[1].unserved) == 0.0);
  const std::string html = html_compare_report(runs);
  check_page(html, 6);
  CHECK(html.find(runs[0].site + " ⚠ unserved") != std::string::npos);
  CHECK(html.find(runs[1].site + " ⚠ unserved") == std::string::npos);
  CHECK(html.find("1 leave demand unserved") != std::string::npos);
  CHECK(count(html, "data-site=\"") == 2 * 11);  // eleven measures per site, each keyed
}

TEST_CASE("report: a 1-second day stays small: decimated to min/max envelopes", "[report]") {
  const Site site = load_site(kSrc + "/configs/ulsan.toml");
  RunOptions o;
  o.timestep = seconds(1.0);
  o.start = seconds(196.0 * 86400.0);  // 07-16
  o.duration = seconds(86400.0);
  const SiteReport rep = html_site_report(site, o);
  CHECK(rep.html.size() <= 3'000'000);
  // No heat map or peak day for a window; the rest is drawn.
  check_page(rep.html, 5);
  CHECK(rep.html.find("most headroom of each 10 s") != std::string::npos);  // the envelope's label
}

TEST_CASE("report: a report file is written whole, and a bad path is refused before any run",
          "[report]") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("dcload_report_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  write_report_file(dir / "r.html", "<html></html>");
  std::ifstream in(dir / "r.html");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text == "<html></html>");
  CHECK(std::distance(fs::directory_iterator(dir), fs::directory_iterator()) == 1);  // no temporary left
  try {
    check_report_path(dir / "missing" / "r.html");
    FAIL("no error");
  } catch (const ConfigError& e) {
    CHECK(std::string(e.what()).find("no such folder") != std::string::npos);
    CHECK(e.key() == "--report");
  }
  CHECK_THROWS_AS(check_report_path(dir), ConfigError);  // a folder, not a file
  fs::remove_all(dir);
}

TEST_CASE("buildout: a year that exceeds the N-1 capacity before the last is a status, not a quiet row",
          "[report][buildout]") {
  // 330 MVA main transformers: in 2030 two are energized for the 345 kV campus, so with one out
  // 1 × 330 MVA × pf 0.95 = 313.5 MW remain, below that year's peak; the final year (4 units,
  // 3 × 330 × 0.95 = 940.5 MW with one out) is firm.
  const Site site = load_site(kSrc + "/configs/ulsan_1gw.toml", {"electrical.transformer_rating=330 MVA"});
  const RunResult r = run(site, {.channels = {"none"}});
  const auto y2030 = std::find_if(r.summary.buildout.begin(), r.summary.buildout.end(),
                                  [](const BuildoutYear& y) { return y.year == 2030; });
  REQUIRE(y2030 != r.summary.buildout.end());
  CHECK(in_megawatts(y2030->grid_capacity_n1) == Approx(313.5).epsilon(1e-9));
  CHECK(in_megawatts(y2030->min_grid_headroom_n1) < 0);
  CHECK(y2030->n1_exceeded);
  CHECK(in_megawatts(r.summary.buildout.back().grid_capacity_n1) == Approx(940.5).epsilon(1e-9));
  CHECK(in_megawatts(r.summary.buildout.back().min_grid_headroom_n1) > 0);
  CHECK(r.status.code == RunStatus::Code::kN1Exceeded);
  CHECK(std::any_of(r.status.messages.begin(), r.status.messages.end(), [](const std::string& m) {
    return m.find("build-out: in 2030 the demand exceeds the 314 MW left with the largest circuit or "
                  "transformer out (N-1)") == 0;
  }));
}
