// Outputs: safe file names from free text, output folders written as a set (refusing folders
// dcload did not write, replacing its own, leaving nothing behind unless committed), and the
// streaming CSV sink against the in-memory writer (two independent paths, same bytes).
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <memory>
#include <span>
#include <sstream>
#include <string>
#include <vector>

#include <unistd.h>

#include "dcload/dcload.hpp"
#include "dcload/output.hpp"
#include "output/text_table.hpp"
#include "support.hpp"

using namespace dcload;
namespace fs = std::filesystem;

namespace {

std::string read_bytes(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh scratch folder for one test, removed when the test ends.
struct Scratch {
  fs::path root;
  explicit Scratch(const std::string& name)
      : root(fs::temp_directory_path() /
             ("dcload_test_output_" + name + "_" + std::to_string(::getpid()))) {
    fs::remove_all(root);
    fs::create_directories(root);
  }
  ~Scratch() { fs::remove_all(root); }
};

// Entries of a folder (names only).
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> v;
  for (const auto& e : fs::directory_iterator(dir)) v.push_back(e.path().filename().string());
  std::sort(v.begin(), v.end());
  return v;
}

}  // namespace

TEST_CASE("output: safe_file_name can never name a parent or another folder", "[output]") {
  for (const std::string text : {"x/../../../ESCAPED", "../../etc/passwd", "..", ".", "...",
                                 ".hidden", "a\\b", "/abs/path", "  spaced name  "}) {
    INFO("\"" << text << "\"");
    const std::string s = safe_file_name(text);
    CHECK_FALSE(s.empty());
    CHECK(s.find('/') == std::string::npos);
    CHECK(s.find('\\') == std::string::npos);
    CHECK(s.find(' ') == std::string::npos);
    CHECK(s.front() != '.');
    CHECK(s != "..");
    CHECK(s.size() <= 64);
    // Joined to a folder it stays inside it.
    const fs::path joined = (fs::path("/out") / s).lexically_normal();
    CHECK(joined.parent_path() == fs::path("/out"));
  }
  CHECK(safe_file_name("") == "site");
  CHECK(safe_file_name("SK-AWS Ulsan AI campus") == "SK-AWS_Ulsan_AI_campus");
  CHECK(safe_file_name(std::string(200, 'a')).size() == 64);
  // Letters, digits, '.', '-', '_' kept.
  CHECK(safe_file_name("site_1.v-2") == "site_1.v-2");
}

TEST_CASE("output: an OutputFolder refuses foreign folders, replaces its own, and leaves no "
          "partial set behind",
          "[output]") {
  Scratch s("folder");
  // A non-empty folder without the marker: refused before anything is written.
  const fs::path foreign = s.root / "foreign";
  fs::create_directories(foreign);
  std::ofstream(foreign / "notes.txt") << "mine";
  CHECK_THROWS_AS(OutputFolder(foreign, 0, "--out"), ConfigError);
  try {
    OutputFolder f(foreign, 0, "--out");
  } catch (const ConfigError& e) {
    CHECK_THAT(std::string(e.what()), Catch::Contains("--out"));
  }
  CHECK(entries(foreign) == std::vector<std::string>{"notes.txt"});
  CHECK(read_bytes(foreign / "notes.txt") == "mine");
  CHECK(entries(s.root) == std::vector<std::string>{"foreign"});  // no temporary left

  // A folder with the marker (an earlier set): replaced as a whole on commit.
  const fs::path own = s.root / "own";
  {
    OutputFolder first(own);
    std::ofstream(first.path("old.txt")) << "old";
    first.commit();
  }
  REQUIRE(fs::exists(own / kOutputMarker));
  REQUIRE(fs::exists(own / "old.txt"));
  {
    OutputFolder second(own);
    std::ofstream(second.path("new.txt")) << "new";
    // Until commit the earlier set is untouched.
    CHECK(fs::exists(own / "old.txt"));
    CHECK_FALSE(fs::exists(own / "new.txt"));
    second.commit();
  }
  CHECK(fs::exists(own / kOutputMarker));
  CHECK(read_bytes(own / "new.txt") == "new");
  CHECK_FALSE(fs::exists(own / "old.txt"));

  // Destroyed without commit: neither the folder nor a temporary sibling remains.
  const fs::path never = s.root / "never";
  {
    OutputFolder f(never);
    std::ofstream(f.path("half.txt")) << "half";
    CHECK(fs::exists(f.path("half.txt")));
  }
  CHECK_FALSE(fs::exists(never));
  CHECK(entries(s.root) == std::vector<std::string>{"foreign", "own"});
  // The same over an existing set: the earlier set survives intact.
  {
    OutputFolder f(own);
    std::ofstream(f.path("other.txt")) << "other";
  }
  CHECK(read_bytes(own / "new.txt") == "new");
  CHECK_FALSE(fs::exists(own / "other.txt"));
  CHECK(entries(s.root) == std::vector<std::string>{"foreign", "own"});
}

TEST_CASE("output: the streaming CSV sink writes the bytes of the in-memory writer",
          "[output][csv]") {
  // Two independent paths: csv_sink receives the channels block by block during the run
  // (nothing kept in memory); write_run_files formats the channels of a finished in-memory run.
  // Both must produce timeseries.csv byte for byte. Hourly year (one block) and a 36 h window
  // at 15 min (blocks of a day of steps: 96 + 48).
  Scratch s("csv");
  RunOptions hourly;
  RunOptions window;
  window.timestep = minutes(15.0);
  window.start = hours(24.0 * 195 + 20);
  window.duration = hours(36.0);
  int n = 0;
  for (const RunOptions& base : {hourly, window}) {
    INFO((n == 0 ? "hourly year" : "36 h window at 15 min"));
    const Site site = default_site();
    const fs::path streamed = s.root / ("streamed_" + std::to_string(n) + ".csv");
    {
      // The CSV sink behind a counter of the blocks it is handed.
      struct Counting : ChannelSink {
        std::unique_ptr<ChannelSink> inner;
        int blocks = 0;
        void calendar(int year, double utc_offset_h) override { inner->calendar(year, utc_offset_h); }
        void begin(const std::vector<Channel>& l, std::size_t n, double dt, double t0) override {
          inner->begin(l, n, dt, t0);
        }
        void block(std::size_t first, const std::vector<std::span<const double>>& v) override {
          ++blocks;
          inner->block(first, v);
        }
        void end() override { inner->end(); }
      } sink;
      sink.inner = csv_sink(streamed);
      RunOptions o = base;
      o.sink = &sink;
      o.keep_in_memory = false;
      const RunResult r = run(site, o);
      CHECK(r.channels.empty());
      CHECK(sink.blocks == (n == 0 ? 1 : 2));
    }
    const RunResult mem = run(site, base);
    const fs::path dir = s.root / ("files_" + std::to_string(n));
    fs::create_directories(dir);
    write_run_files(mem, dir);
    const std::string a = read_bytes(streamed), b = read_bytes(dir / "timeseries.csv");
    REQUIRE_FALSE(b.empty());
    CHECK(a.size() == b.size());
    CHECK(a == b);
    // One header line and one line per step.
    CHECK(static_cast<std::size_t>(std::count(b.begin(), b.end(), '\n')) ==
          mem.summary.steps + 1);
    CHECK(fs::exists(dir / "summary.json"));
    ++n;
  }
}

TEST_CASE("output: text tables lay out by display width, wrap and split to fit", "[output][table]") {
  using dcload::detail::text_width;
  // wcwidth under C.UTF-8: Hangul two columns, "°" and "…" one.
  CHECK(text_width("abc") == 3);
  CHECK(text_width("전력자립도") == 10);
  CHECK(text_width("30 °C") == 5);
  CHECK(text_width("…") == 1);
  // Hand layout: label column 1 wide, one column of at least 8, two spaces between.
  CHECK(dcload::detail::terminal_table({"x"}, {"ab"}, {{"1"}}, 100) == "         ab\nx         1\n");
  // Three columns of 8 in 25 characters: two in the first block, the third in a second.
  const std::string t = dcload::detail::terminal_table({"x"}, {"a", "b", "c"}, {{"1", "2", "3"}}, 25);
  CHECK(t == "          a         b\nx         1         2\n\n          c\nx         3\n");
  // A Hangul label is padded by its display width: both rows end at the same column.
  const std::string k = dcload::detail::terminal_table({"전력", "ab"}, {"v"}, {{"1"}, {"2"}}, 100);
  std::vector<std::string> lines;
  for (std::size_t i = 0, e; (e = k.find('\n', i)) != std::string::npos; i = e + 1)
    lines.push_back(k.substr(i, e - i));
  REQUIRE(lines.size() == 3);
  CHECK(text_width(lines[1]) == text_width(lines[2]));
  CHECK(text_width(lines[1]) == 4 + 2 + 8);
  // A long name wraps over at most three header lines, cut with "…" only when it must.
  const std::string w = dcload::detail::terminal_table(
      {"PUE"}, {"1 GW campus, Haenam (solar + offshore wind + battery)"}, {{"1.093"}}, 30);
  for (std::size_t i = 0, e; (e = w.find('\n', i)) != std::string::npos; i = e + 1)
    CHECK(text_width(w.substr(i, e - i)) <= 30);
  // Wrapping keeps the first line's indent and indents the rest.
  CHECK(dcload::detail::wrap_text("  aaa bbb ccc", 9, 4) == "  aaa bbb\n    ccc\n");
  // CSV fields: RFC 4180 quoting.
  CHECK(dcload::detail::csv_field("a,b") == "\"a,b\"");
  CHECK(dcload::detail::csv_field("say \"hi\"") == "\"say \"\"hi\"\"\"");
  CHECK(dcload::detail::csv_field("plain") == "plain");
}
