// Golden output (SUNDIALS style): the Summary of configs/ulsan.toml is compared key by key with a
// stored answer, tests/golden/ulsan_summary.json — numbers within a relative tolerance of 1e-6
// (absolute 1e-9 near zero), strings exactly. It guards against unintended changes; after an
// intended change of physics or defaults, regenerate it and say why in the commit:
//   build/dcload run configs/ulsan.toml --json > tests/golden/ulsan_summary.json
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "dcload/dcload.hpp"

namespace {

// The JSON of to_json(Summary) flattened: each leaf value under its path ("pue_annual",
// "supply.0.energy_mwh"); arrays of plain values stay one entry ("pue_monthly" → 12 tokens).
// Values are kept as their text tokens (strings marked by a leading '"').
using Flat = std::map<std::string, std::vector<std::string>>;

struct FlatParser {
  const std::string& s;
  size_t i = 0;
  Flat out;

  void skip() {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == ',')) ++i;
  }
  std::string token() {
    skip();
    if (s[i] == '"') {
      std::string t;
      for (++i; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] == '\\') ++i;
        t += s[i];
      }
      ++i;
      return "\"" + t;  // marks a string
    }
    const size_t b = i;
    while (i < s.size() && s[i] != ',' && s[i] != ']' && s[i] != '}' && s[i] != '\n') ++i;
    return s.substr(b, i - b);
  }
  void object(const std::string& prefix) {
    REQUIRE(s[i] == '{');
    ++i;
    while (true) {
      skip();
      REQUIRE(i < s.size());
      if (s[i] == '}') {
        ++i;
        return;
      }
      const std::string key = prefix + token().substr(1);
      skip();
      REQUIRE(s[i] == ':');
      ++i;
      value(key);
    }
  }
  void value(const std::string& key) {
    skip();
    if (s[i] == '{') {
      object(key + ".");
    } else if (s[i] == '[') {
      ++i;
      std::vector<std::string> values;
      for (int n = 0;; ++n) {
        skip();
        REQUIRE(i < s.size());
        if (s[i] == ']') {
          ++i;
          break;
        }
        if (s[i] == '{') object(key + "." + std::to_string(n) + ".");
        else values.push_back(token());
      }
      out[key] = values;  // objects in the array: their leaves are entries of their own
    } else {
      out[key] = {token()};
    }
  }
};

Flat parse_flat_json(const std::string& s) {
  FlatParser p{s};
  p.i = s.find('{');
  p.object("");
  return p.out;
}

}  // namespace

TEST_CASE("golden: the Ulsan summary matches the stored answer within 1e-6", "[golden]") {
  std::ifstream in(DCLOAD_SOURCE_DIR "/tests/golden/ulsan_summary.json");
  REQUIRE(in.good());
  std::stringstream ss;
  ss << in.rdbuf();
  const auto want = parse_flat_json(ss.str());
  const dcload::RunResult r = dcload::run(dcload::load_site(DCLOAD_SOURCE_DIR "/configs/ulsan.toml"));
  const auto got = parse_flat_json(dcload::to_json(r.summary));
  REQUIRE(want.size() >= 30);
  for (const auto& [key, values] : want) {
    INFO("key " << key);
    auto it = got.find(key);
    REQUIRE(it != got.end());
    REQUIRE(it->second.size() == values.size());
    for (size_t i = 0; i < values.size(); ++i) {
      const std::string& w = values[i];
      const std::string& g = it->second[i];
      if (w.empty() || w[0] == '"' || w == "null") {
        CHECK(g == w);
      } else {
        const double wv = std::stod(w), gv = std::stod(g);
        CHECK(std::abs(gv - wv) <= std::max(1e-9, 1e-6 * std::abs(wv)));
      }
    }
  }
}
