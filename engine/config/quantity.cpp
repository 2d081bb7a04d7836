#include "config/quantity.hpp"

#include <charconv>
#include <cmath>
#include <cstring>
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
  };
  return table;
}

Dim add(const Dim& a, const Dim& b, int sign) {
  Dim r;
  for (size_t i = 0; i < r.e.size(); ++i) r.e[i] = static_cast<int8_t>(a.e[i] + sign * b.e[i]);
  return r;
}

Dim scale_dim(const Dim& a, int k) {
  Dim r;
  for (size_t i = 0; i < r.e.size(); ++i) r.e[i] = static_cast<int8_t>(a.e[i] * k);
  return r;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

struct ParsedUnit {
  double scale = 1.0;
  double offset = 0.0;
  bool has_offset = false;  // a lone °C/°F
  Dim dim;
};

// unit := factor (('/' | '*' | '·' | ' ') factor)* ; factor := symbol [exponent]
// '/' applies to the single factor that follows ("kg/m3" = kg·m⁻³, "USD/MWh").
ParsedUnit parse_unit(std::string_view u) {
  ParsedUnit out;
  int sign = +1;
  int factors = 0;
  size_t i = 0;
  auto is_sep = [&](size_t k) {
    return u[k] == '/' || u[k] == '*' || u[k] == ' ' || u.substr(k, 2) == "·";
  };
  while (i < u.size()) {
    // separators
    if (u[i] == ' ') { ++i; continue; }
    if (u[i] == '/') { sign = -1; ++i; continue; }
    if (u[i] == '*') { ++i; continue; }
    if (u.substr(i, 2) == "·") { i += 2; continue; }
    size_t j = i;
    while (j < u.size() && !is_sep(j)) ++j;
    std::string_view tok = u.substr(i, j - i);
    // exponent suffix: digits, ^digits, ², ³
    int exponent = 1;
    if (tok.size() >= 2 && tok.substr(tok.size() - 2) == "²") {
      exponent = 2; tok.remove_suffix(2);
    } else if (tok.size() >= 2 && tok.substr(tok.size() - 2) == "³") {
      exponent = 3; tok.remove_suffix(2);
    } else {
      size_t k = tok.size();
      while (k > 0 && tok[k - 1] >= '0' && tok[k - 1] <= '9') --k;
      if (k < tok.size() && k > 0) {
        exponent = std::stoi(std::string(tok.substr(k)));
        tok = tok.substr(0, k);
        if (!tok.empty() && tok.back() == '^') tok.remove_suffix(1);
      }
    }
    const UnitSymbol* found = nullptr;
    for (const auto& s : symbols())
      if (s.symbol == tok) { found = &s; break; }
    if (found == nullptr && tok == "L") {
      static const UnitSymbol litre{"L", 1e-3, make(3, 0, 0), 0};
      found = &litre;
    }
    if (found == nullptr)
      throw QuantityError("unknown unit '" + std::string(tok) + "'");
    out.scale *= std::pow(found->scale, sign * exponent);
    out.dim = add(out.dim, scale_dim(found->dim, exponent), sign);
    if (found->offset != 0.0) {
      out.offset = found->offset;
      out.has_offset = true;
    }
    ++factors;
    sign = +1;  // '/' binds to one factor
    i = j;
  }
  if (out.has_offset && factors != 1)
    throw QuantityError("°C and °F can only stand alone; write K in compound units");
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
  static const char* base[] = {"m", "kg", "s", "K", "USD", "KRW", "VA"};
  std::string s = "a quantity in ";
  bool first = true;
  for (size_t i = 0; i < d.e.size(); ++i) {
    if (d.e[i] == 0) continue;
    if (!first) s += "·";
    s += base[i];
    if (d.e[i] != 1) s.append("^").append(std::to_string(d.e[i]));
    first = false;
  }
  return s;
}

Quantity parse_quantity(std::string_view text, Dimension want) {
  std::string_view s = trim(text);
  if (s.empty()) throw QuantityError("expected " + std::string(describe(want)) + ", got an empty string");
  // number: optional sign, digits, '.', exponent — std::from_chars (no locale)
  double number = 0;
  const char* first = s.data();
  const char* last = s.data() + s.size();
  if (*first == '+') ++first;
  auto [ptr, ec] = std::from_chars(first, last, number);
  if (ec != std::errc() || !std::isfinite(number))
    throw QuantityError("expected " + std::string(describe(want)) + ", got \"" +
                        std::string(s) + "\" which does not start with a number");
  std::string_view unit = trim(std::string_view(ptr, static_cast<size_t>(last - ptr)));
  Quantity q;
  q.unit = std::string(unit);
  if (unit.empty()) {
    if (want == Dimension::kNone || want == Dimension::kFraction) {
      q.value_si = number;
      return q;
    }
    throw QuantityError("expected " + std::string(describe(want)) + ", got a number without a unit");
  }
  ParsedUnit pu;
  try {
    pu = parse_unit(unit);
  } catch (const QuantityError& e) {
    throw QuantityError("expected " + std::string(describe(want)) + ", got \"" + std::string(s) +
                        "\": " + e.what());
  }
  q.dim = pu.dim;
  const Expect ex = expected_dims(want);
  bool ok = false;
  for (const auto& d : ex.dims) ok = ok || d == pu.dim;
  if (!ok)
    throw QuantityError("expected " + std::string(describe(want)) + ", got " + describe(pu.dim));
  if (want == Dimension::kNone && unit != "")
    throw QuantityError("expected a plain number, got a unit");
  if (want == Dimension::kTemperature) {
    q.value_si = number * pu.scale + (pu.has_offset ? pu.offset : 0.0);
  } else {
    // differences: °C and K have the same size; °F is 5/9 K. No offset.
    q.value_si = number * pu.scale;
  }
  return q;
}

}  // namespace dcload::detail
