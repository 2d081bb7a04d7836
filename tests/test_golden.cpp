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

// A flat JSON object whose values are numbers, strings, null, or arrays of those — the shape
// of to_json(Summary). Values are kept as their text tokens.
std::map<std::string, std::vector<std::string>> parse_flat_json(const std::string& s) {
  std::map<std::string, std::vector<std::string>> out;
  size_t i = 0;
  auto skip = [&] {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == ',')) ++i;
  };
  auto token = [&]() -> std::string {
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
  };
  i = s.find('{') + 1;
  while (true) {
    skip();
    if (i >= s.size() || s[i] == '}') break;
    const std::string key = token().substr(1);
    skip();
    REQUIRE(s[i] == ':');
    ++i;
    skip();
    std::vector<std::string> values;
    if (s[i] == '[') {
      ++i;
      while (true) {
        skip();
        if (s[i] == ']') {
          ++i;
          break;
        }
        values.push_back(token());
      }
    } else {
      values.push_back(token());
    }
    out[key] = values;
  }
  return out;
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
