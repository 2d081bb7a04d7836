#include "config/quantity.hpp"

#include <cassert>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <utility>
#include <vector>

namespace dcload::detail {
namespace {

Dim make(int l, int m, int t, int k = 0, int usd = 0, int krw = 0, int va = 0) {
  Dim d;
  d.e = {static_cast<int8_t>(l), static_cast<int8_t>(m),   static_cast<int8_t>(t),
         static_cast<int8_t>(k), static_cast<int8_t>(usd), static_cast<int8_t>(krw),
         static_cast<int8_t>(va)};
  return d;
}

const Dim kDimless = make(0, 0, 0);
const Dim kPowerDim = make(2, 1, -3);
const Dim kEnergyDim = make(2, 1, -2);
const Dim kTempDim = make(0, 0, 0, 1);
const Dim kPressureDim = make(-1, 1, -2);
const Dim kLengthDim = make(1, 0, 0);
const Dim kMassDim = make(0, 1, 0);
const Dim kTimeDim = make(0, 0, 1);
const Dim kVaDim = make(0, 0, 0, 0, 0, 0, 1);

struct UnitSymbol {
  std::string_view symbol;
  double scale;   // to SI
  Dim dim;
  double offset;  // for temperature points: K = value·scale + offset
};

// Conversion factors: SI Brochure 9th ed. (2019) Tables 8 (non-SI units accepted: min, h, d, L,
// t, °) and 4 (°C); 1 Wh = 3600 J; 1 bar = 1e5 Pa; °F per NIST SP 811 (2008) B.8.
const std::vector<UnitSymbol>& symbols() {
  static const std::vector<UnitSymbol> table = {
      {"W", 1.0, kPowerDim, 0},         {"kW", 1e3, kPowerDim, 0},
      {"MW", 1e6, kPowerDim, 0},        {"GW", 1e9, kPowerDim, 0},
      {"VA", 1.0, kVaDim, 0},           {"kVA", 1e3, kVaDim, 0},
      {"MVA", 1e6, kVaDim, 0},          {"GVA", 1e9, kVaDim, 0},
      {"J", 1.0, kEnergyDim, 0},        {"kJ", 1e3, kEnergyDim, 0},
      {"MJ", 1e6, kEnergyDim, 0},       {"GJ", 1e9, kEnergyDim, 0},
      {"Wh", 3600.0, kEnergyDim, 0},    {"kWh", 3.6e6, kEnergyDim, 0},
      {"MWh", 3.6e9, kEnergyDim, 0},    {"GWh", 3.6e12, kEnergyDim, 0},
      {"TWh", 3.6e15, kEnergyDim, 0},   {"K", 1.0, kTempDim, 0},
      {"°C", 1.0, kTempDim, 273.15},    {"degC", 1.0, kTempDim, 273.15},
      {"℃", 1.0, kTempDim, 273.15},     {"°F", 5.0 / 9.0, kTempDim, 255.3722222222222},
      {"degF", 5.0 / 9.0, kTempDim, 255.3722222222222},
      {"Pa", 1.0, kPressureDim, 0},     {"hPa", 1e2, kPressureDim, 0},
      {"kPa", 1e3, kPressureDim, 0},    {"MPa", 1e6, kPressureDim, 0},
      {"bar", 1e5, kPressureDim, 0},    {"m", 1.0, kLengthDim, 0},
      {"mm", 1e-3, kLengthDim, 0},      {"cm", 1e-2, kLengthDim, 0},
      {"km", 1e3, kLengthDim, 0},       {"g", 1e-3, kMassDim, 0},
      {"kg", 1.0, kMassDim, 0},         {"t", 1e3, kMassDim, 0},
      {"s", 1.0, kTimeDim, 0},          {"ms", 1e-3, kTimeDim, 0},
      {"min", 60.0, kTimeDim, 0},       {"h", 3600.0, kTimeDim, 0},
      {"d", 86400.0, kTimeDim, 0},      {"USD", 1.0, make(0, 0, 0, 0, 1), 0},
      {"$", 1.0, make(0, 0, 0, 0, 1), 0},
      {"KRW", 1.0, make(0, 0, 0, 0, 0, 1), 0},
      {"₩", 1.0, make(0, 0, 0, 0, 0, 1), 0},
      {"%", 0.01, kDimless, 0},
      // 1 yr = 365 d = 8,760 h (the simulated typical year; annual O&M and lifetimes use it).
      {"yr", 3.1536e7, kTimeDim, 0},    {"kt", 1e6, kMassDim, 0},
      {"Mt", 1e9, kMassDim, 0},
      // 1 month = 1/12 yr = 2,628,000 s (monthly demand charges over the 365-day year).
      {"month", 2.628e6, kTimeDim, 0},
      // International Table Btu = 1,055.05585262 J (NIST SP 811 (2008) B.8); MMBtu = 10⁶ Btu,
      // the unit of LNG prices (JKM, KOGAS).
      {"Btu", 1055.05585262, kEnergyDim, 0}, {"MMBtu", 1.05505585262e9, kEnergyDim, 0},
      // 1 L = 1 dm³ = 1e-3 m³ (SI Brochure Table 8), for water use ("L/MWh").
      {"L", 1e-3, make(3, 0, 0), 0},
      // 1 Hz = 1 s⁻¹ (SI Brochure Table 4).
      {"Hz", 1.0, make(0, 0, -1), 0},    {"mHz", 1e-3, make(0, 0, -1), 0},
  };
  return table;
}

const char* const kBaseNames[] = {"m", "kg", "s", "K", "USD", "KRW", "VA"};

// acc += k·d. False, with acc unchanged and *bad set to the base, when an exponent would leave
// int8_t: "m4 m4 … m4" fits in the 256-character limit but not in an int8_t exponent of m.
bool accumulate(Dim& acc, const Dim& d, int k, size_t* bad = nullptr) {
  Dim r;
  for (size_t i = 0; i < r.e.size(); ++i) {
    const int v = acc.e[i] + k * d.e[i];
    if (v < INT8_MIN || v > INT8_MAX) {
      if (bad != nullptr) *bad = i;
      return false;
    }
    r.e[i] = static_cast<int8_t>(v);
  }
  acc = r;
  return true;
}

// For the constant dimensions below, which never overflow.
Dim add(const Dim& a, const Dim& b, int sign) {
  Dim r = a;
  [[maybe_unused]] const bool ok = accumulate(r, b, sign);
  assert(ok);
  return r;
}

Dim scale_dim(const Dim& a, int k) { return add(Dim{}, a, k); }

const UnitSymbol* find_symbol(std::string_view s) {
  for (const auto& u : symbols())
    if (u.symbol == s) return &u;
  return nullptr;
}

[[noreturn]] void fail(Dimension want, const std::string& got) {
  throw QuantityError("expected " + std::string(describe(want)) + ", got " + got);
}

bool is_digit(char c) { return c >= '0' && c <= '9'; }

bool all_digits(std::string_view s) {
  for (char c : s)
    if (!is_digit(c)) return false;
  return !s.empty();
}

// Bytes of the blank at s[i], 0 if none: space, tab, U+00A0 no-break space and U+202F narrow
// no-break space (the SI Brochure's space between number and unit, which word processors insert).
size_t blank_at(std::string_view s, size_t i) {
  if (i >= s.size()) return 0;
  if (s[i] == ' ' || s[i] == '\t') return 1;
  if (s.substr(i, 2) == "\u00A0") return 2;
  if (s.substr(i, 3) == "\u202F") return 3;
  return 0;
}

size_t skip_blanks(std::string_view s, size_t i) {
  while (const size_t n = blank_at(s, i)) i += n;
  return i;
}

// Bytes of the blank that ends `s`, 0 if none.
size_t trailing_blank(std::string_view s) {
  if (s.ends_with(' ') || s.ends_with('\t')) return 1;
  if (s.ends_with("\u00A0")) return 2;
  if (s.ends_with("\u202F")) return 3;
  return 0;
}

std::string_view trim(std::string_view s) {
  s.remove_prefix(skip_blanks(s, 0));
  while (const size_t n = trailing_blank(s)) s.remove_suffix(n);
  return s;
}

// Bytes of the operator at u[i] ('/', '*', '·'), 0 if none.
size_t operator_at(std::string_view u, size_t i) {
  if (u[i] == '/' || u[i] == '*') return 1;
  if (u.substr(i, 2) == "·") return 2;
  return 0;
}

// `s` for a message: control characters and bytes that are not UTF-8 as \xNN, so that a
// message stays one printable line whatever the input held.
std::string shown(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80                ? 1
                     : c >= 0xC2 && c < 0xE0 ? 2
                     : (c & 0xF0) == 0xE0    ? 3
                     : c >= 0xF0 && c < 0xF5 ? 4
                                             : 0;
    bool ok = n > 0 && i + n <= s.size() && !(n == 1 && (c < 0x20 || c == 0x7F));
    for (size_t k = 1; ok && k < n; ++k) ok = (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    if (ok) {
      out.append(s.substr(i, n));
      i += n;
    } else {
      static const char* const kHex = "0123456789ABCDEF";
      out.append("\\x").push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 0xF]);
      ++i;
    }
  }
  return out;
}

char lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool iequal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (lower(a[i]) != lower(b[i])) return false;
  return true;
}

// What an unknown symbol most likely meant: look-alikes of the degree sign, °C written without
// it, and case slips ("kw", "MWH"), but never m ↔ M (milli and mega, a factor 10⁹).
std::string hint_for(std::string_view sym) {
  std::string degree(sym);
  for (std::string_view alike : {"º", "˚"})  // U+00BA ordinal indicator, U+02DA ring above
    for (size_t p; (p = degree.find(alike)) != std::string::npos;)
      degree.replace(p, alike.size(), "°");
  const std::string note = degree != sym ? " (the degree sign is U+00B0)" : "";
  if (degree == "°") return "; did you mean °C or °F?" + note;
  if (!note.empty() && find_symbol(degree) != nullptr)
    return "; did you mean " + degree + "?" + note;
  static const std::pair<std::string_view, std::string_view> kSpelled[] = {
      {"C", "°C"}, {"F", "°F"}, {"oC", "°C"}, {"oF", "°F"}, {"℉", "°F"}, {"deg", "degC or degF"}};
  for (const auto& [written, meant] : kSpelled)
    if (sym == written) return "; did you mean " + std::string(meant) + "?";
  const UnitSymbol* match = nullptr;
  int matches = 0;
  for (const auto& u : symbols())
    if (iequal(u.symbol, sym)) match = &u, ++matches;
  if (matches != 1) return "";
  if (lower(sym[0]) == 'm' && sym[0] != match->symbol[0] && sym.size() > 1)
    return "; units are case-sensitive (M is mega, m is milli)";
  return "; did you mean " + std::string(match->symbol) + "? (units are case-sensitive)";
}

struct ParsedUnit {
  double scale = 1.0;
  double offset = 0.0;
  bool has_offset = false;  // a lone °C/°F
  Dim dim;
};

// One factor: symbol [exponent]; exponent := '²' | '³' | digit+ | '^' ['-'] digit+, with
// 1 ≤ |exponent| ≤ kMaxUnitExponent. Returns the symbol and sets `exponent`.
const UnitSymbol& parse_factor(std::string_view tok, Dimension want, int& exponent) {
  size_t k = 0;
  while (k < tok.size() && !is_digit(tok[k]) && tok[k] != '^' && tok.substr(k, 2) != "²" &&
         tok.substr(k, 2) != "³")
    ++k;
  const std::string_view sym = tok.substr(0, k);
  const std::string_view rest = tok.substr(k);
  if (sym.empty()) fail(want, "'" + shown(tok) + "' where a unit was expected");
  const UnitSymbol* found = find_symbol(sym);
  if (found == nullptr && sym.size() > 1 && sym.back() == '-' && all_digits(rest) &&
      find_symbol(sym.substr(0, sym.size() - 1)) != nullptr)
    fail(want, "a malformed exponent in '" + shown(tok) + "' (write " +
                   std::string(sym.substr(0, sym.size() - 1)) + "^-" + std::string(rest) + ")");
  if (found == nullptr) fail(want, "an unknown unit '" + shown(sym) + "'" + hint_for(sym));
  exponent = 1;
  if (rest.empty()) return *found;
  if (rest == "²" || rest == "³") {
    exponent = rest == "²" ? 2 : 3;
    return *found;
  }
  std::string_view digits = rest;
  bool negative = false;
  if (digits.front() == '^') {
    digits.remove_prefix(1);
    negative = digits.starts_with('-');
    if (negative) digits.remove_prefix(1);
  }
  const std::string s(sym);
  if (!all_digits(digits))
    fail(want, "a malformed exponent in '" + shown(tok) + "' (write " + s + "2, " + s + "^2, " + s +
                   "² or " + s + "^-2)");
  // from_chars, not stoi: no exception, and "99999999999" is an error rather than a wrap.
  unsigned magnitude = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), magnitude);
  if (ec != std::errc() || end != digits.data() + digits.size() || magnitude < 1 ||
      magnitude > static_cast<unsigned>(kMaxUnitExponent))
    fail(want, "the exponent " + std::string(negative ? "-" : "") + std::string(digits) + " in '" +
                   shown(tok) + "'; an exponent is 1 to " + std::to_string(kMaxUnitExponent) +
                   " (or ^-1 to ^-" + std::to_string(kMaxUnitExponent) + ")");
  exponent = negative ? -static_cast<int>(magnitude) : static_cast<int>(magnitude);
  return *found;
}

// unit := factor { (blank+ | blank* op blank*) factor } ; op := '/' | '*' | '·'
// A blank multiplies ("MW h"); '/' applies to the single factor that follows ("kg/m3" = kg·m⁻³,
// "USD/kW/yr" = USD·kW⁻¹·yr⁻¹). `u` is trimmed and not empty.
ParsedUnit parse_unit(std::string_view u, Dimension want) {
  ParsedUnit out;
  int sign = +1;
  int factors = 0;
  bool offset_alone = true;  // a °C/°F without an exponent
  size_t i = 0;
  for (;;) {
    if (const size_t n = operator_at(u, i))
      fail(want, std::string(1, '\'').append(u.substr(i, n)).append("' without a unit before it"));
    size_t j = i;
    while (j < u.size() && blank_at(u, j) == 0 && operator_at(u, j) == 0) ++j;
    int exponent = 1;
    const UnitSymbol& found = parse_factor(u.substr(i, j - i), want, exponent);
    size_t bad = 0;
    if (!accumulate(out.dim, found.dim, sign * exponent, &bad))
      fail(want,
           "a unit whose power of " + std::string(kBaseNames[bad]) + " is outside -128 … 127");
    out.scale *= std::pow(found.scale, sign * exponent);
    if (!(std::isfinite(out.scale) && out.scale > 0))
      fail(want, "a unit too large or too small to convert to SI units");
    if (found.offset != 0.0) {
      out.offset = found.offset;
      out.has_offset = true;
      offset_alone = offset_alone && exponent == 1;
    }
    ++factors;
    sign = +1;  // '/' binds to one factor
    i = skip_blanks(u, j);
    if (i == u.size()) break;
    if (const size_t n = operator_at(u, i)) {
      const std::string op(u.substr(i, n));
      if (op == "/") sign = -1;
      i = skip_blanks(u, i + n);
      if (i == u.size() || operator_at(u, i) != 0)
        fail(want, "'" + op + "' without a unit after it");
    }
  }
  if (out.has_offset && (factors != 1 || !offset_alone))
    fail(want, "'" + shown(u) + "': °C and °F can only stand alone; write K in compound units");
  return out;
}

struct Expect {
  std::vector<Dim> dims;
};

const Dim kUsd = make(0, 0, 0, 0, 1);
const Dim kKrw = make(0, 0, 0, 0, 0, 1);
// A money dimension: `rest` with either currency base.
std::vector<Dim> money(const Dim& rest) { return {add(kUsd, rest, +1), add(kKrw, rest, +1)}; }

Expect expected_dims(Dimension d) {
  switch (d) {
    case Dimension::kNone: return {{kDimless}};
    case Dimension::kFraction: return {{kDimless}};
    case Dimension::kPower:
    case Dimension::kPowerPerGpu: return {{kPowerDim}};
    case Dimension::kApparentPower: return {{kVaDim}};
    case Dimension::kEnergy: return {{kEnergyDim}};
    case Dimension::kTemperature:
    case Dimension::kTemperatureDelta: return {{kTempDim}};
    case Dimension::kPressure: return {{kPressureDim}};
    case Dimension::kLength: return {{kLengthDim}};
    case Dimension::kMass: return {{kMassDim}};
    case Dimension::kDuration: return {{kTimeDim}};
    case Dimension::kEnergyPrice:
      return {{add(make(0, 0, 0, 0, 1), kEnergyDim, -1), add(make(0, 0, 0, 0, 0, 1), kEnergyDim, -1)}};
    case Dimension::kEmissionFactor: return {{add(kMassDim, kEnergyDim, -1)}};
    case Dimension::kExchangeRate: return {{make(0, 0, 0, 0, -1, 1)}};
    case Dimension::kRampRate: return {{add(kPowerDim, kTimeDim, -1)}};
    case Dimension::kSpeed: return {{make(1, 0, -1)}};
    case Dimension::kYears: return {{kTimeDim}};
    case Dimension::kCapexPower: return {money(scale_dim(kPowerDim, -1))};
    case Dimension::kCapexEnergy:
    case Dimension::kFuelPrice: return {money(scale_dim(kEnergyDim, -1))};
    case Dimension::kFixedOm: return {money(add(scale_dim(kPowerDim, -1), kTimeDim, -1))};
    case Dimension::kCarbonPrice: return {money(scale_dim(kMassDim, -1))};
    case Dimension::kWaterIntensity: return {{add(make(3, 0, 0), kEnergyDim, -1)}};
    case Dimension::kRampFraction: return {{make(0, 0, -1)}};
    case Dimension::kFrequency: return {{make(0, 0, -1)}};
    case Dimension::kMassFlow: return {{add(kMassDim, kTimeDim, -1)}};
  }
  return {};
}

}  // namespace

std::string_view describe(Dimension d) {
  switch (d) {
    case Dimension::kNone: return "a plain number";
    case Dimension::kFraction: return "a fraction (\"6 %\" or 0.06)";
    case Dimension::kPower: return "a power (W, kW, MW, GW)";
    case Dimension::kPowerPerGpu: return "a power per accelerator (W, kW)";
    case Dimension::kApparentPower: return "an apparent power (kVA, MVA)";
    case Dimension::kEnergy: return "an energy (kWh, MWh, GJ)";
    case Dimension::kTemperature: return "a temperature (°C, degC, K, °F)";
    case Dimension::kTemperatureDelta: return "a temperature difference (K)";
    case Dimension::kPressure: return "a pressure (Pa, kPa, bar)";
    case Dimension::kLength: return "a length (m, km)";
    case Dimension::kMass: return "a mass (kg, t)";
    case Dimension::kDuration: return "a duration (s, min, h, d)";
    case Dimension::kEnergyPrice: return "an energy price (USD/MWh, KRW/kWh)";
    case Dimension::kEmissionFactor: return "an emission factor (t/MWh, kg/kWh)";
    case Dimension::kExchangeRate: return "an exchange rate (KRW/USD)";
    case Dimension::kRampRate: return "a ramp rate (MW/min, MW/s)";
    case Dimension::kSpeed: return "a speed (m/s)";
    case Dimension::kYears: return "a duration (yr)";
    case Dimension::kCapexPower: return "a cost per power (USD/kW, KRW/kW)";
    case Dimension::kCapexEnergy: return "a cost per energy capacity (USD/kWh)";
    case Dimension::kFixedOm: return "a yearly cost per power (USD/kW/yr)";
    case Dimension::kFuelPrice: return "a fuel price (USD/MMBtu, KRW/GJ)";
    case Dimension::kCarbonPrice: return "a carbon price (KRW/t, USD/t)";
    case Dimension::kWaterIntensity: return "a water use per energy (L/MWh)";
    case Dimension::kRampFraction: return "a ramp rate as a share of capacity (%/min)";
    case Dimension::kFrequency: return "a frequency (Hz)";
    case Dimension::kMassFlow: return "a mass flow (t/h, kg/s)";
  }
  return "?";
}

bool is_money(Dimension d) {
  switch (d) {
    case Dimension::kEnergyPrice:
    case Dimension::kCapexPower:
    case Dimension::kCapexEnergy:
    case Dimension::kFixedOm:
    case Dimension::kFuelPrice:
    case Dimension::kCarbonPrice: return true;
    default: return false;
  }
}

std::string_view display_unit(Dimension d) {
  switch (d) {
    case Dimension::kNone: return "";
    case Dimension::kFraction: return "%";
    case Dimension::kPower: return "MW";
    case Dimension::kPowerPerGpu: return "W";
    case Dimension::kApparentPower: return "MVA";
    case Dimension::kEnergy: return "MWh";
    case Dimension::kTemperature: return "°C";
    case Dimension::kTemperatureDelta: return "K";
    case Dimension::kPressure: return "kPa";
    case Dimension::kLength: return "m";
    case Dimension::kMass: return "t";
    case Dimension::kDuration: return "s";
    case Dimension::kEnergyPrice: return "USD/MWh";
    case Dimension::kEmissionFactor: return "t/MWh";
    case Dimension::kExchangeRate: return "KRW/USD";
    case Dimension::kRampRate: return "MW/min";
    case Dimension::kSpeed: return "m/s";
    case Dimension::kYears: return "yr";
    case Dimension::kCapexPower: return "USD/kW";
    case Dimension::kCapexEnergy: return "USD/kWh";
    case Dimension::kFixedOm: return "USD/kW/yr";
    case Dimension::kFuelPrice: return "USD/MMBtu";
    case Dimension::kCarbonPrice: return "USD/t";
    case Dimension::kWaterIntensity: return "L/MWh";
    case Dimension::kRampFraction: return "%/min";
    case Dimension::kFrequency: return "Hz";
    case Dimension::kMassFlow: return "t/h";
  }
  return "";
}

double to_display(double si, Dimension d) {
  switch (d) {
    case Dimension::kFraction: return si * 100.0;
    case Dimension::kPower: return si / 1e6;
    case Dimension::kApparentPower: return si / 1e6;
    case Dimension::kEnergy: return si / 3.6e9;
    case Dimension::kTemperature: return si - 273.15;
    case Dimension::kPressure: return si / 1e3;
    case Dimension::kMass: return si / 1e3;
    case Dimension::kEnergyPrice: return si * 3.6e9;
    case Dimension::kEmissionFactor: return si * 3.6e9 / 1e3;
    case Dimension::kRampRate: return si * 60.0 / 1e6;
    case Dimension::kYears: return si / 3.1536e7;
    case Dimension::kCapexPower: return si * 1e3;
    case Dimension::kCapexEnergy: return si * 3.6e6;
    case Dimension::kFixedOm: return si * 1e3 * 3.1536e7;
    case Dimension::kFuelPrice: return si * 1.05505585262e9;
    case Dimension::kCarbonPrice: return si * 1e3;
    case Dimension::kWaterIntensity: return si * 1e3 * 3.6e9;
    case Dimension::kRampFraction: return si * 100.0 * 60.0;
    case Dimension::kMassFlow: return si * 3.6;  // kg/s → t/h
    default: return si;
  }
}

std::string describe(const Dim& d) {
  struct Named {
    Dim dim;
    std::string_view name;
  };
  static const std::vector<Named> names = {
      {kDimless, "a plain number"},      {kPowerDim, "a power"},
      {kEnergyDim, "an energy"},         {kTempDim, "a temperature"},
      {kPressureDim, "a pressure"},      {kLengthDim, "a length"},
      {kMassDim, "a mass"},              {kTimeDim, "a duration"},
      {kVaDim, "an apparent power"},     {make(3, 0, 0), "a volume"},
      {make(2, 0, 0), "an area"},        {add(kMassDim, kEnergyDim, -1), "an emission factor"},
      {add(make(0, 0, 0, 0, 1), kEnergyDim, -1), "an energy price"},
      {add(make(0, 0, 0, 0, 0, 1), kEnergyDim, -1), "an energy price"},
      {make(0, 0, 0, 0, 1), "an amount of money"}, {make(0, 0, 0, 0, 0, 1), "an amount of money"},
      {add(kPowerDim, kTimeDim, -1), "a ramp rate"},
      {add(kMassDim, kTimeDim, -1), "a mass flow"},
      {add(make(3, 0, 0), kTimeDim, -1), "a volume flow"},
      {make(0, 0, -1), "a frequency"},
  };
  for (const auto& n : names)
    if (n.dim == d) return std::string(n.name);
  // Fallback: exponent notation over base symbols.
  std::string s = "a quantity in ";
  bool first = true;
  for (size_t i = 0; i < d.e.size(); ++i) {
    if (d.e[i] == 0) continue;
    if (!first) s += "·";
    s += kBaseNames[i];
    if (d.e[i] != 1) s.append("^").append(std::to_string(d.e[i]));
    first = false;
  }
  return s;
}

std::vector<std::string_view> unit_symbols() {
  std::vector<std::string_view> out;
  for (const auto& u : symbols()) out.push_back(u.symbol);
  return out;
}

namespace {

// number := [sign] (digit+ ['.' digit*] | '.' digit+) [('e' | 'E') [sign] digit+]
// The length of the number at the start of `s`, 0 if there is none. "inf", "nan" and "0x1p3",
// which std::from_chars alone would read, are not numbers here.
size_t number_length(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t digits = 0;
  while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  if (i < s.size() && s[i] == '.') {
    ++i;
    while (i < s.size() && is_digit(s[i])) ++i, ++digits;
  }
  if (digits == 0) return 0;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    size_t j = i + 1;
    if (j < s.size() && (s[j] == '+' || s[j] == '-')) ++j;
    if (j < s.size() && is_digit(s[j])) {
      while (j < s.size() && is_digit(s[j])) ++j;
      i = j;
    }
  }
  return i;
}

// `s` up to its first blank.
std::string_view first_word(std::string_view s) {
  size_t i = 0;
  while (i < s.size() && blank_at(s, i) == 0) ++i;
  return s.substr(0, i);
}

[[noreturn]] void malformed_number(std::string_view word, Dimension want) {
  fail(want, "a malformed number '" + shown(word) +
                 "' (digits with an optional '.' and exponent, e.g. 1500 or 1.5e3; no thousands "
                 "separators)");
}

// True when what follows a number shows that the number itself is malformed: "1,000", "1.2.3",
// "5_000", "5-3", "5e" and "5e+" are not a number followed by a unit ",000". A number is
// followed by a blank, a unit symbol or the end. (No symbol starts with "e+"/"e-" or is "e".)
bool malformed_end(std::string_view after) {
  if (after.empty() || blank_at(after, 0) != 0) return false;
  const char c = after[0];
  if (is_digit(c) || c == '.' || c == ',' || c == '_' || c == '+' || c == '-') return true;
  if (c != 'e' && c != 'E') return false;
  return after.size() == 1 || after[1] == '+' || after[1] == '-' || blank_at(after, 1) != 0;
}

// Why `s` (trimmed, not empty) does not start with a number.
[[noreturn]] void no_number(std::string_view s, Dimension want) {
  const std::string_view word = first_word(s);
  std::string_view body = word;
  if (body.starts_with('+') || body.starts_with('-')) body.remove_prefix(1);
  if (s.starts_with("−")) fail(want, "'−' (U+2212) before the number; write the minus sign as '-'");
  if (iequal(body.substr(0, 3), "inf") || iequal(body.substr(0, 3), "nan"))
    fail(want, "'" + shown(word) + "', which is not a finite number");
  if (s.starts_with('$') || s.starts_with("₩"))
    fail(want, "a currency sign before the number; write the number first, e.g. \"50 USD/MWh\"");
  fail(want, "text that does not start with a number");
}

}  // namespace

Quantity parse_quantity(std::string_view text, Dimension want) {
  if (text.size() > kMaxQuantityLength)
    fail(want, "a text of " + std::to_string(text.size()) + " bytes; a quantity has at most " +
                   std::to_string(kMaxQuantityLength));
  const std::string_view s = trim(text);
  if (s.empty()) fail(want, "an empty string");
  const size_t n = number_length(s);
  if (n == 0) no_number(s, want);
  std::string_view lexeme = s.substr(0, n);
  const std::string_view after = s.substr(n);
  const std::string_view word = first_word(s);
  const size_t sign = lexeme.starts_with('+') || lexeme.starts_with('-') ? 1 : 0;
  if ((after.starts_with('x') || after.starts_with('X')) && lexeme.substr(sign) == "0")
    fail(want, std::string(1, '\'').append(shown(word)).append("', a hexadecimal number; write it in decimal"));
  if (malformed_end(after)) malformed_number(word, want);
  if (lexeme.starts_with('+')) lexeme.remove_prefix(1);  // from_chars takes '-' only
  double number = 0;
  const auto [end, ec] = std::from_chars(lexeme.data(), lexeme.data() + lexeme.size(), number);
  if (ec == std::errc::result_out_of_range)
    fail(want, "the number " + std::string(s.substr(0, n)) +
                   ", which is outside the range of a double (magnitudes 4.9e-324 … 1.8e308)");
  if (ec != std::errc() || end != lexeme.data() + lexeme.size() || !std::isfinite(number))
    malformed_number(word, want);
  const std::string_view unit = trim(after);
  Quantity q;
  q.unit = std::string(unit);
  if (unit.empty()) {
    if (want == Dimension::kNone || want == Dimension::kFraction) {
      q.value_si = number;
      return q;
    }
    fail(want, "a number without a unit");
  }
  const ParsedUnit pu = parse_unit(unit, want);
  q.dim = pu.dim;
  const Expect ex = expected_dims(want);
  bool ok = false;
  for (const auto& d : ex.dims) ok = ok || d == pu.dim;
  if (!ok) fail(want, describe(pu.dim));
  if (want == Dimension::kNone) throw QuantityError("expected a plain number, got a unit");
  // Differences: °C and K have the same size, °F is 5/9 K; the offset is for points only.
  const double scaled = number * pu.scale;
  if (!std::isfinite(scaled))
    fail(want, "a value that overflows a double in SI units (above 1.8e308)");
  if (scaled == 0 && number != 0)
    fail(want, "a value that underflows to 0 in SI units (below 4.9e-324)");
  q.value_si = scaled + (want == Dimension::kTemperature && pu.has_offset ? pu.offset : 0.0);
  return q;
}

}  // namespace dcload::detail
