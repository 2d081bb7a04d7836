// Quantity parsing is strict (issue "No silent wrong answers"): the whole text must match the
// grammar in config/quantity.hpp, exponents and dimensions are bounded, numbers and SI values
// are finite, and nothing but QuantityError leaves parse_quantity. Found by fuzzing:
// "150 MVA m256" was read as 150 MVA (the exponent 256 wrapped to 0 in an int8_t) and
// "0m5555555555" ended in "internal error: stoi" without a location.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <random>
#include <set>
#include <string>
#include <typeinfo>
#include <vector>

#include "config/quantity.hpp"
#include "dcload/error.hpp"
#include "dcload/site.hpp"

using dcload::detail::Dim;
using dcload::detail::Dimension;
using dcload::detail::parse_quantity;
using dcload::detail::Quantity;
using dcload::detail::QuantityError;

namespace {

using dcload::testing::quantity_error;

// what() of the ConfigError thrown by loading a minimal site whose grid.connection is written
// `connection` (line 9, value at column 14), with `overrides`; "" if none was thrown.
std::string site_error(const std::string& connection, const std::vector<std::string>& overrides) {
  const std::string text =
      "weather = \"builtin:ulsan\"\n[[cluster]]\nname = \"c\"\naccelerator = \"H100 SXM\"\n"
      "count = 1000\n[electrical]\ntransformer_rating = \"75 MVA\"\n[grid]\nconnection = \"" +
      connection + "\"\n";
  try {
    dcload::load_site_from_string(text, "site.toml", overrides);
  } catch (const dcload::ConfigError& e) {
    return e.what();
  }
  return "";
}

const std::string kApparent = "expected an apparent power (kVA, MVA), got ";
const std::string kPowerExpected = "expected a power (W, kW, MW, GW), got ";
const std::string kTemp = "expected a temperature (°C, degC, K, °F), got ";
const std::string kExponentRange = "; an exponent is 1 to 4 (or ^-1 to ^-4)";
const std::string kMalformedNumber =
    "' (digits with an optional '.' and exponent, e.g. 1500 or 1.5e3; no thousands separators)";

}  // namespace

// ---- the fuzzer's examples --------------------------------------------------------------

TEST_CASE("quantity: 150 MVA m256 is an exponent out of range, not 150 MVA", "[quantity][units]") {
  // m²⁵⁶ used to wrap to m⁰ in the int8_t exponents, leaving exactly 150 MVA.
  CHECK(quantity_error("150 MVA m256", Dimension::kApparentPower) ==
        kApparent + "the exponent 256 in 'm256'" + kExponentRange);
}

TEST_CASE("quantity: exponents beyond int are QuantityErrors, not std::out_of_range from stoi",
          "[quantity][units]") {
  CHECK(quantity_error("0m5555555555", Dimension::kApparentPower) ==
        kApparent + "the exponent 5555555555 in 'm5555555555'" + kExponentRange);
  CHECK(quantity_error("150 MVA99999999999", Dimension::kApparentPower) ==
        kApparent + "the exponent 99999999999 in 'MVA99999999999'" + kExponentRange);
  CHECK(quantity_error("1 m^99999999999999999999999", Dimension::kLength) ==
        "expected a length (m, km), got the exponent 99999999999999999999999 in "
        "'m^99999999999999999999999'" +
            kExponentRange);
}

TEST_CASE("quantity: the loader puts file, line and key before a strict-parse error",
          "[quantity][config]") {
  CHECK(site_error("150 MVA m256", {}) ==
        "site.toml:9:14: grid.connection = \"150 MVA m256\": " + kApparent +
            "the exponent 256 in 'm256'" + kExponentRange);
  // --set used to print "internal error: stoi" with no location.
  CHECK(site_error("150 MVA", {"grid.connection=150 MVA99999999999"}) ==
        "--set grid.connection=150 MVA99999999999: grid.connection = \"150 MVA99999999999\": " +
            kApparent + "the exponent 99999999999 in 'MVA99999999999'" + kExponentRange);
  CHECK(site_error("150 MVA", {"grid.connection=0m5555555555"}) ==
        "--set grid.connection=0m5555555555: grid.connection = \"0m5555555555\": " + kApparent +
            "the exponent 5555555555 in 'm5555555555'" + kExponentRange);
  CHECK(site_error("150 MVA", {}).empty());
}

// ---- classes of bad input ---------------------------------------------------------------

TEST_CASE("quantity: exponents on a symbol are 1 to 4, written m2, m^2, m² or m^-2",
          "[quantity][units]") {
  CHECK(quantity_error("1 m^5", Dimension::kLength) ==
        "expected a length (m, km), got the exponent 5 in 'm^5'" + kExponentRange);
  CHECK(quantity_error("1 m^-5", Dimension::kLength) ==
        "expected a length (m, km), got the exponent -5 in 'm^-5'" + kExponentRange);
  CHECK(quantity_error("1 m0", Dimension::kLength) ==
        "expected a length (m, km), got the exponent 0 in 'm0'" + kExponentRange);
  CHECK(quantity_error("1 m^", Dimension::kLength) ==
        "expected a length (m, km), got a malformed exponent in 'm^' (write m2, m^2, m² or m^-2)");
  CHECK(quantity_error("1 m2x", Dimension::kLength) ==
        "expected a length (m, km), got a malformed exponent in 'm2x' (write m2, m^2, m² or "
        "m^-2)");
  CHECK(quantity_error("1 MVA-1", Dimension::kApparentPower) ==
        kApparent + "a malformed exponent in 'MVA-1' (write MVA^-1)");
  // 1 m⁴ ÷ m³ = 1 m; m^-1 · m² = m.
  CHECK(parse_quantity("1 m4/m3", Dimension::kLength).value_si == Approx(1.0).epsilon(1e-15));
  CHECK(parse_quantity("1 m^-1 m²", Dimension::kLength).value_si == Approx(1.0).epsilon(1e-15));
}

TEST_CASE("quantity: dimension exponents that would leave int8_t are an error, not a wrap",
          "[quantity][units]") {
  auto repeat = [](const std::string& factor, int n) {
    std::string s;
    for (int i = 0; i < n; ++i) s += (i ? " " : "") + factor;
    return s;
  };
  // 31 × 4 + 3 = 127 still fits: the dimension check names it.
  CHECK(quantity_error("1 " + repeat("m4", 31) + " m3", Dimension::kLength) ==
        "expected a length (m, km), got a quantity in m^127");
  // 32 × 4 = 128 does not (it used to wrap to −128).
  CHECK(quantity_error("1 " + repeat("m4", 32), Dimension::kLength) ==
        "expected a length (m, km), got a unit whose power of m is outside -128 … 127");
  // W = kg·m²·s⁻³, so W⁴ carries s⁻¹²: s · (W⁴)¹¹ has s^(1 − 132) = s⁻¹³¹.
  CHECK(quantity_error("1 s " + repeat("W4", 11), Dimension::kDuration) ==
        "expected a duration (s, min, h, d), got a unit whose power of s is outside -128 … 127");
}

TEST_CASE("quantity: trailing garbage is an error, never ignored", "[quantity][units]") {
  CHECK(quantity_error("150 MVA)", Dimension::kApparentPower) ==
        kApparent + "an unknown unit 'MVA)'");
  CHECK(quantity_error("150 MVA # comment", Dimension::kApparentPower) ==
        kApparent + "an unknown unit '#'");
  CHECK(quantity_error("150 MVA 5", Dimension::kApparentPower) ==
        kApparent + "'5' where a unit was expected");
  CHECK(quantity_error("150 MVA foo", Dimension::kApparentPower) ==
        kApparent + "an unknown unit 'foo'");
  // "5 min/" used to read as 5 min.
  CHECK(quantity_error("5 min/", Dimension::kDuration) ==
        "expected a duration (s, min, h, d), got '/' without a unit after it");
  CHECK(quantity_error("5 MW//min", Dimension::kRampRate) ==
        "expected a ramp rate (MW/min, MW/s), got '/' without a unit after it");
  CHECK(quantity_error("5 /min", Dimension::kRampFraction) ==
        "expected a ramp rate as a share of capacity (%/min), got '/' without a unit before it");
  CHECK(quantity_error("5 m3·", Dimension::kWaterIntensity) ==
        "expected a water use per energy (L/MWh), got '·' without a unit after it");
}

TEST_CASE("quantity: malformed numbers are named as numbers", "[quantity][units]") {
  CHECK(quantity_error("1,000 MW", Dimension::kPower) ==
        kPowerExpected + "a malformed number '1,000" + kMalformedNumber);
  CHECK(quantity_error("1.2.3 MW", Dimension::kPower) ==
        kPowerExpected + "a malformed number '1.2.3" + kMalformedNumber);
  CHECK(quantity_error("1_000 MW", Dimension::kPower) ==
        kPowerExpected + "a malformed number '1_000" + kMalformedNumber);
  CHECK(quantity_error("5e MW", Dimension::kPower) ==
        kPowerExpected + "a malformed number '5e" + kMalformedNumber);
  CHECK(quantity_error("5-3 MW", Dimension::kPower) ==
        kPowerExpected + "a malformed number '5-3" + kMalformedNumber);
  CHECK(quantity_error("+-5 MW", Dimension::kPower) ==
        kPowerExpected + "text that does not start with a number");
  CHECK(quantity_error("MW", Dimension::kPower) ==
        kPowerExpected + "text that does not start with a number");
  CHECK(quantity_error("", Dimension::kPower) == kPowerExpected + "an empty string");
  CHECK(quantity_error(" \t ", Dimension::kPower) == kPowerExpected + "an empty string");
  CHECK(quantity_error("$50/MWh", Dimension::kEnergyPrice) ==
        "expected an energy price (USD/MWh, KRW/kWh), got a currency sign before the number; "
        "write the number first, e.g. \"50 USD/MWh\"");
  // Accepted as before: a leading '+', ".5", "5.", exponents, no space before the unit.
  CHECK(parse_quantity("+5 MW", Dimension::kPower).value_si == Approx(5e6).epsilon(1e-15));
  CHECK(parse_quantity(".5 MW", Dimension::kPower).value_si == Approx(5e5).epsilon(1e-15));
  CHECK(parse_quantity("5. MW", Dimension::kPower).value_si == Approx(5e6).epsilon(1e-15));
  CHECK(parse_quantity("1.5e3 kW", Dimension::kPower).value_si == Approx(1.5e6).epsilon(1e-15));
  CHECK(parse_quantity("150MVA", Dimension::kApparentPower).value_si ==
        Approx(1.5e8).epsilon(1e-15));
}

TEST_CASE("quantity: inf, nan, hexadecimal and out-of-range numbers are rejected",
          "[quantity][units]") {
  CHECK(quantity_error("inf MW", Dimension::kPower) ==
        kPowerExpected + "'inf', which is not a finite number");
  CHECK(quantity_error("-Infinity MW", Dimension::kPower) ==
        kPowerExpected + "'-Infinity', which is not a finite number");
  CHECK(quantity_error("nan", Dimension::kFraction) ==
        "expected a fraction (\"6 %\" or 0.06), got 'nan', which is not a finite number");
  CHECK(quantity_error("0x1p3 MW", Dimension::kPower) ==
        kPowerExpected + "'0x1p3', a hexadecimal number; write it in decimal");
  const std::string range =
      ", which is outside the range of a double (magnitudes 4.9e-324 … 1.8e308)";
  CHECK(quantity_error("1e400 MW", Dimension::kPower) ==
        kPowerExpected + "the number 1e400" + range);
  CHECK(quantity_error("-1e400 MW", Dimension::kPower) ==
        kPowerExpected + "the number -1e400" + range);
  CHECK(quantity_error("1e-400 MW", Dimension::kPower) ==
        kPowerExpected + "the number 1e-400" + range);
}

TEST_CASE("quantity: a value that overflows or underflows in SI units is an error",
          "[quantity][units]") {
  // 1e308 GW = 1e317 W > DBL_MAX ≈ 1.8e308.
  CHECK(quantity_error("1e308 GW", Dimension::kPower) ==
        kPowerExpected + "a value that overflows a double in SI units (above 1.8e308)");
  CHECK(quantity_error("-1e308 GW", Dimension::kPower) ==
        kPowerExpected + "a value that overflows a double in SI units (above 1.8e308)");
  // 1e-320 W/GW = 1e-329, below the smallest subnormal 4.9e-324: it would read as 0.
  CHECK(quantity_error("1e-320 W/GW", Dimension::kFraction) ==
        "expected a fraction (\"6 %\" or 0.06), got a value that underflows to 0 in SI units "
        "(below 4.9e-324)");
  // (1e36)¹⁰ = 1e360: the unit itself is too large.
  std::string big = "1";
  for (int i = 0; i < 10; ++i) big += " GW4/W4";
  CHECK(quantity_error(big, Dimension::kFraction) ==
        "expected a fraction (\"6 %\" or 0.06), got a unit too large or too small to convert to "
        "SI units");
  // The edges still parse: 1e299 GW = 1e308 W; 0 °C stays 273.15 K; −273.15 °C is 0 K.
  CHECK(parse_quantity("1e299 GW", Dimension::kPower).value_si == Approx(1e308).epsilon(1e-12));
  CHECK(parse_quantity("-273.15 °C", Dimension::kTemperature).value_si ==
        Approx(0.0).margin(1e-12));
  CHECK(parse_quantity("0 MW", Dimension::kPower).value_si == 0.0);
}

TEST_CASE("quantity: hostile lengths get a short message, not bad_alloc", "[quantity][units]") {
  // 256 bytes is the limit: "1", 251 blanks, "MVA", a trailing blank.
  const std::string at_limit = "1" + std::string(251, ' ') + "MVA ";
  REQUIRE(at_limit.size() == 256);
  CHECK(parse_quantity(at_limit, Dimension::kApparentPower).value_si == Approx(1e6).epsilon(1e-15));
  CHECK(quantity_error(at_limit + " ", Dimension::kApparentPower) ==
        kApparent + "a text of 257 bytes; a quantity has at most 256");
  const std::string huge(10'000'000, '9');
  CHECK(quantity_error(huge, Dimension::kApparentPower) ==
        kApparent + "a text of 10000000 bytes; a quantity has at most 256");
}

TEST_CASE("quantity: unicode near-misses are named, with the character to use",
          "[quantity][units]") {
  CHECK(quantity_error("27 °", Dimension::kTemperature) ==
        kTemp + "an unknown unit '°'; did you mean °C or °F?");
  CHECK(quantity_error("27°", Dimension::kTemperature) ==
        kTemp + "an unknown unit '°'; did you mean °C or °F?");
  CHECK(quantity_error("°", Dimension::kTemperature) ==
        kTemp + "text that does not start with a number");
  CHECK(quantity_error("27 ° C", Dimension::kTemperature) ==
        kTemp + "an unknown unit '°'; did you mean °C or °F?");
  // º U+00BA (ordinal indicator) and ˚ U+02DA (ring above) look like ° U+00B0.
  CHECK(quantity_error("27 ºC", Dimension::kTemperature) ==
        kTemp + "an unknown unit 'ºC'; did you mean °C? (the degree sign is U+00B0)");
  CHECK(quantity_error("27 ˚F", Dimension::kTemperature) ==
        kTemp + "an unknown unit '˚F'; did you mean °F? (the degree sign is U+00B0)");
  CHECK(quantity_error("27 C", Dimension::kTemperature) ==
        kTemp + "an unknown unit 'C'; did you mean °C?");
  CHECK(quantity_error("80 ℉", Dimension::kTemperature) ==
        kTemp + "an unknown unit '℉'; did you mean °F?");
  CHECK(quantity_error("27 °c", Dimension::kTemperature) ==
        kTemp + "an unknown unit '°c'; did you mean °C? (units are case-sensitive)");
  CHECK(quantity_error("−5 °C", Dimension::kTemperature) ==
        kTemp + "'−' (U+2212) before the number; write the minus sign as '-'");
  // Case slips get a suggestion, except m ↔ M (milli vs mega, 10⁹ apart).
  CHECK(quantity_error("150 kva", Dimension::kApparentPower) ==
        kApparent + "an unknown unit 'kva'; did you mean kVA? (units are case-sensitive)");
  CHECK(quantity_error("150 mva", Dimension::kApparentPower) ==
        kApparent + "an unknown unit 'mva'; units are case-sensitive (M is mega, m is milli)");
  // Control characters and bytes that are not UTF-8 are shown escaped.
  CHECK(quantity_error("150 MVA\x01", Dimension::kApparentPower) ==
        kApparent + "an unknown unit 'MVA\\x01'");
  CHECK(quantity_error("150 \xffVA", Dimension::kApparentPower) ==
        kApparent + "an unknown unit '\\xFFVA'");
  // The no-break spaces word processors put between number and unit are blanks.
  CHECK(parse_quantity("150\u00A0MVA", Dimension::kApparentPower).value_si ==
        Approx(1.5e8).epsilon(1e-15));
  CHECK(parse_quantity("150\u202FMVA\u00A0", Dimension::kApparentPower).value_si ==
        Approx(1.5e8).epsilon(1e-15));
}

TEST_CASE("quantity: °C and °F in a compound unit keep their message", "[quantity][units]") {
  CHECK(quantity_error("2 °C/h", Dimension::kTemperatureDelta) ==
        "expected a temperature difference (K), got '°C/h': °C and °F can only stand alone; "
        "write K in compound units");
  CHECK(quantity_error("27 °C2", Dimension::kTemperature) ==
        kTemp + "'°C2': °C and °F can only stand alone; write K in compound units");
}

// ---- every symbol still parses to the same SI value -------------------------------------

TEST_CASE("quantity: every unit symbol in the table parses to its SI value", "[quantity][units]") {
  struct Row {
    const char* symbol;
    const char* per;  // appended to reach a dimension a key accepts
    Dimension want;
    double si;  // SI value of 1 symbol (per)
  };
  // Hand values: SI prefixes; 1 Wh = 1 W × 3600 s; 1 bar = 1e5 Pa; min/h/d = 60/3600/86400 s;
  // 1 yr = 365 d = 3.1536e7 s and 1 month = 1/12 yr = 2.628e6 s (the simulated year);
  // 1 t = 1000 kg; 1 L = 1 dm³ = 1e-3 m³; 1 Btu (IT) = 1055.05585262 J and
  // 1 MMBtu = 10⁶ Btu = 1.05505585262e9 J (NIST SP 811 (2008) B.8); 1 % = 0.01; 1 Hz = 1/s.
  // clang-format off
  const std::vector<Row> rows = {
      {"W", "", Dimension::kPower, 1.0},          {"kW", "", Dimension::kPower, 1e3},
      {"MW", "", Dimension::kPower, 1e6},         {"GW", "", Dimension::kPower, 1e9},
      {"VA", "", Dimension::kApparentPower, 1.0}, {"kVA", "", Dimension::kApparentPower, 1e3},
      {"MVA", "", Dimension::kApparentPower, 1e6}, {"GVA", "", Dimension::kApparentPower, 1e9},
      {"J", "", Dimension::kEnergy, 1.0},         {"kJ", "", Dimension::kEnergy, 1e3},
      {"MJ", "", Dimension::kEnergy, 1e6},        {"GJ", "", Dimension::kEnergy, 1e9},
      {"Wh", "", Dimension::kEnergy, 3600.0},     {"kWh", "", Dimension::kEnergy, 3.6e6},
      {"MWh", "", Dimension::kEnergy, 3.6e9},     {"GWh", "", Dimension::kEnergy, 3.6e12},
      {"TWh", "", Dimension::kEnergy, 3.6e15},    {"Btu", "", Dimension::kEnergy, 1055.05585262},
      {"MMBtu", "", Dimension::kEnergy, 1.05505585262e9},
      {"K", "", Dimension::kTemperatureDelta, 1.0},
      {"°C", "", Dimension::kTemperatureDelta, 1.0},
      {"degC", "", Dimension::kTemperatureDelta, 1.0},
      {"℃", "", Dimension::kTemperatureDelta, 1.0},
      {"°F", "", Dimension::kTemperatureDelta, 5.0 / 9.0},
      {"degF", "", Dimension::kTemperatureDelta, 5.0 / 9.0},
      {"Pa", "", Dimension::kPressure, 1.0},      {"hPa", "", Dimension::kPressure, 100.0},
      {"kPa", "", Dimension::kPressure, 1e3},     {"MPa", "", Dimension::kPressure, 1e6},
      {"bar", "", Dimension::kPressure, 1e5},     {"m", "", Dimension::kLength, 1.0},
      {"mm", "", Dimension::kLength, 1e-3},       {"cm", "", Dimension::kLength, 1e-2},
      {"km", "", Dimension::kLength, 1e3},        {"g", "", Dimension::kMass, 1e-3},
      {"kg", "", Dimension::kMass, 1.0},          {"t", "", Dimension::kMass, 1e3},
      {"kt", "", Dimension::kMass, 1e6},          {"Mt", "", Dimension::kMass, 1e9},
      {"s", "", Dimension::kDuration, 1.0},       {"ms", "", Dimension::kDuration, 1e-3},
      {"min", "", Dimension::kDuration, 60.0},    {"h", "", Dimension::kDuration, 3600.0},
      {"d", "", Dimension::kDuration, 86400.0},   {"yr", "", Dimension::kYears, 3.1536e7},
      {"month", "", Dimension::kDuration, 2.628e6},
      {"USD", "/J", Dimension::kEnergyPrice, 1.0}, {"$", "/J", Dimension::kEnergyPrice, 1.0},
      {"KRW", "/J", Dimension::kEnergyPrice, 1.0}, {"₩", "/J", Dimension::kEnergyPrice, 1.0},
      {"%", "", Dimension::kFraction, 0.01},      {"L", "/J", Dimension::kWaterIntensity, 1e-3},
      {"Hz", "", Dimension::kFrequency, 1.0},     {"mHz", "", Dimension::kFrequency, 1e-3},
  };
  // clang-format on
  std::set<std::string> tested;
  for (const Row& r : rows) {
    const std::string text = std::string("2.5 ") + r.symbol + r.per;
    INFO(text);
    CHECK(parse_quantity(text, r.want).value_si == Approx(2.5 * r.si).epsilon(1e-12));
    tested.insert(r.symbol);
  }
  // A symbol added to the table without a row here fails this test.
  const auto symbols = dcload::detail::unit_symbols();
  CHECK(std::set<std::string>(symbols.begin(), symbols.end()) == tested);
  CHECK(symbols.size() == rows.size());
}

TEST_CASE("quantity: temperature points keep their offsets", "[quantity][units]") {
  // 2.5 °C = 275.65 K; 2.5 °F = (2.5 − 32)·5/9 + 273.15 = 256.761111 K.
  for (const char* c : {"2.5 °C", "2.5 degC", "2.5 ℃", "2.5°C"})
    CHECK(parse_quantity(c, Dimension::kTemperature).value_si == Approx(275.65).epsilon(1e-12));
  for (const char* f : {"2.5 °F", "2.5 degF"})
    CHECK(parse_quantity(f, Dimension::kTemperature).value_si ==
          Approx(256.7611111111).epsilon(1e-10));
  CHECK(parse_quantity("2.5 K", Dimension::kTemperature).value_si == Approx(2.5).epsilon(1e-12));
}

TEST_CASE("quantity: compound units from the configs and catalogs parse as before",
          "[quantity][units]") {
  struct Case {
    const char* text;
    Dimension want;
    double si;
  };
  const std::vector<Case> cases = {
      // 1 USD/kW/yr = 1 / (1e3 W × 3.1536e7 s)
      {"1 USD/kW/yr", Dimension::kFixedOm, 1.0 / (1e3 * 3.1536e7)},
      // 1 KRW/kW/month = 1 / (1e3 W × 2.628e6 s)
      {"1 KRW/kW/month", Dimension::kFixedOm, 1.0 / (1e3 * 2.628e6)},
      {"1 USD/MMBtu", Dimension::kFuelPrice, 1.0 / 1.05505585262e9},
      {"1 KRW/t", Dimension::kCarbonPrice, 1e-3},
      {"1 t/MWh", Dimension::kEmissionFactor, 1e3 / 3.6e9},
      {"1 kg/GJ", Dimension::kEmissionFactor, 1e-9},
      {"1 L/MWh", Dimension::kWaterIntensity, 1e-3 / 3.6e9},
      {"1 MW/min", Dimension::kRampRate, 1e6 / 60.0},
      {"1 %/min", Dimension::kRampFraction, 0.01 / 60.0},
      {"1 km/h", Dimension::kSpeed, 1e3 / 3600.0},
      {"1 KRW/USD", Dimension::kExchangeRate, 1.0},
      // Exponent spellings and operators: all 1 m³ per MWh.
      {"1 m3/MWh", Dimension::kWaterIntensity, 1.0 / 3.6e9},
      {"1 m³/MWh", Dimension::kWaterIntensity, 1.0 / 3.6e9},
      {"1 m^3/MWh", Dimension::kWaterIntensity, 1.0 / 3.6e9},
      {"1 m3 / MWh", Dimension::kWaterIntensity, 1.0 / 3.6e9},
      {"1 m3 * MWh^-1", Dimension::kWaterIntensity, 1.0 / 3.6e9},
      {"1 m3·MWh^-1", Dimension::kWaterIntensity, 1.0 / 3.6e9},
      // A blank multiplies: 1 MW h = 3.6e9 J.
      {"1 MW h", Dimension::kEnergy, 3.6e9},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    CHECK(parse_quantity(c.text, c.want).value_si == Approx(c.si).epsilon(1e-12));
  }
}

// ---- property: nothing but a finite value or a QuantityError ----------------------------

TEST_CASE(
    "quantity: random strings over the unit alphabet give a finite value or a "
    "QuantityError, never anything else",
    "[quantity][units]") {
  std::vector<std::string> pieces;
  for (auto s : dcload::detail::unit_symbols()) pieces.emplace_back(s);
  for (const char* p :
       {"0",      "1",      "2.5", "-3",  "+4",          ".5",  "7.",   "1e3", "1e308", "1e-320",
        "1e400",  "inf",    "nan", "0x1", "99999999999", "256", "4",    "5",   "2",     "3",
        " ",      " ",      " ",   "\t",  "/",           "*",   "·",    "^",   "^-",    "-",
        "+",      ".",      ",",   "_",   "e",           "E",   "²",    "³",   "°",     "º",
        "\u00A0", "\u202F", "−",   "x",   "#",           "(",   "\xff", "MVA", "m",     "W"})
    pieces.emplace_back(p);
  pieces.emplace_back(std::string(1, '\0'));
  pieces.emplace_back(std::string(300, '1'));  // over the length limit

  // Every Dimension: the enumerators run from kNone to kRampFraction without gaps.
  std::vector<Dimension> wants;
  for (int d = 0; d <= static_cast<int>(Dimension::kRampFraction); ++d)
    wants.push_back(static_cast<Dimension>(d));
  // The dimensions `want` accepts: that of its display unit, and the KRW twin for money.
  auto accepted = [](Dimension want) {
    std::vector<Dim> dims;
    if (want == Dimension::kNone || want == Dimension::kFraction) return std::vector<Dim>{Dim{}};
    std::string unit(dcload::detail::display_unit(want));
    dims.push_back(parse_quantity("1 " + unit, want).dim);
    if (const auto p = unit.find("USD"); p != std::string::npos)
      dims.push_back(parse_quantity("1 " + unit.replace(p, 3, "KRW"), want).dim);
    return dims;
  };

  std::mt19937 rng(20240611);  // fixed seed: the same strings every run
  std::vector<std::string> problems;
  int values = 0;
  int errors = 0;
  for (int n = 0; n < 4000; ++n) {
    std::string text;
    // Most strings start with a number so that the unit grammar is reached.
    if (rng() % 4 != 0) text = std::to_string(static_cast<int>(rng() % 1000)) + " ";
    const int count = 1 + static_cast<int>(rng() % 8);
    for (int k = 0; k < count; ++k) text += pieces[rng() % pieces.size()];
    for (Dimension want : wants) {
      try {
        const Quantity q = parse_quantity(text, want);
        const auto dims = accepted(want);
        if (!std::isfinite(q.value_si) || std::find(dims.begin(), dims.end(), q.dim) == dims.end())
          problems.push_back("bad value or dimension for \"" + text + "\"");
        ++values;
      } catch (const QuantityError&) {
        ++errors;
      } catch (const std::exception& e) {
        problems.push_back("\"" + text + "\": " + typeid(e).name() + ": " + e.what());
      } catch (...) {
        problems.push_back("\"" + text + "\": a non-standard exception");
      }
    }
  }
  INFO((problems.empty() ? std::string() : problems.front()));
  CHECK(problems.empty());
  // The generator reaches both outcomes (a sanity check on the test, not on the parser).
  CHECK(values > 200);
  CHECK(errors > 10000);
}
