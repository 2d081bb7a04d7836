#pragma once
// Parsing of quantity strings such as "150 MVA", "27 °C", "0.4173 t/MWh", "182.7 KRW/kWh".
// Values come out in SI base units (W, J, K, Pa, m, kg, s) with a dimension vector; the key
// table decides which dimension a key accepts. Temperatures need care: "27 °C" is a point
// (300.15 K) for a temperature key and a difference (27 K) for a temperature-difference key.

#include <array>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace dcload::detail {

/// Exponents over the base units the config language knows. Money is kept in two separate
/// bases (USD, KRW): an exchange rate is an input, not a constant. Apparent power (VA) is its
/// own base so that "180 MVA" is never accepted where a real power in MW is meant.
struct Dim {
  std::array<int8_t, 7> e{};  // m, kg, s, K, USD, KRW, VA
  friend bool operator==(const Dim&, const Dim&) = default;
};

enum class DimIndex : int { kLength, kMass, kTime, kTemperature, kUsd, kKrw, kVoltAmpere };

/// What a key expects. Each maps to one or more Dims and a human name for messages.
enum class Dimension {
  kNone,             // plain number, no unit allowed
  kFraction,         // "6 %" or a plain number 0.06
  kPower,            // W
  kApparentPower,    // VA
  kEnergy,           // J
  kTemperature,      // a point, K
  kTemperatureDelta, // K
  kPressure,         // Pa
  kLength,           // m
  kMass,             // kg
  kDuration,         // s
  kEnergyPrice,      // currency per J (USD/J or KRW/J: the loader converts KRW)
  kEmissionFactor,   // kg per J
  kPowerPerGpu,      // W (per accelerator) — same dimension as power, kept for messages
  kExchangeRate,     // KRW per USD
  kRampRate,         // W per s ("MW/min", "MW/s")
  kSpeed,            // m/s
  kYears,            // s, shown in years ("25 yr")
  kCapexPower,       // currency per W ("USD/kW", "KRW/kW")
  kCapexEnergy,      // currency per J of storage capacity ("USD/kWh")
  kFixedOm,          // currency per W per s ("USD/kW/yr")
  kFuelPrice,        // currency per J of fuel ("USD/MMBtu", "KRW/GJ")
  kCarbonPrice,      // currency per kg CO2 ("KRW/t", "USD/t")
  kWaterIntensity,   // m³ per J ("L/MWh")
  kRampFraction,     // fraction of capacity per s ("%/min")
  kFrequency,        // Hz (per s)
  kMassFlow,         // kg/s ("t/h")
};

/// True for the dimensions that carry money (a KRW or a USD base): the loader converts KRW
/// values to USD with [economics] krw_per_usd.
bool is_money(Dimension d);

struct Quantity {
  double value_si = 0;  // in SI base units; temperatures: K (point or delta per `want`)
  Dim dim;
  std::string unit;     // the unit text as written
};

/// Thrown by the parser; the loader wraps it in a ConfigError with file, line and key.
struct QuantityError : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// Longest text (in bytes) parse_quantity reads. The longest spelling in configs/ is 17
/// ("8190 KRW/kW/month"); the cap keeps the work, the allocations and the messages small
/// whatever a site file or a --set holds.
inline constexpr std::size_t kMaxQuantityLength = 256;
/// Largest |exponent| on one unit symbol ("m3", "m^-2"). Config dimensions need at most 3 (m³);
/// 4 leaves room (m⁴) while (3.6e15)⁴ ≈ 1.7e62, the largest factor one symbol can contribute,
/// stays far from overflow. Larger exponents are typos or fuzz ("150 MVA m256").
inline constexpr int kMaxUnitExponent = 4;

/// Parse "NUMBER UNIT" (or "NUMBER" when `want` is kNone/kFraction) and check it against
/// `want`. The whole text (at most kMaxQuantityLength bytes) must match, after trimming blanks
/// (space, tab, U+00A0, U+202F):
///
///     quantity := number {blank} [unit]
///     number   := ['+' | '-'] (digit+ ['.' digit*] | '.' digit+) [('e'|'E') ['+'|'-'] digit+]
///     unit     := factor { (blank+ | blank* op blank*) factor }     op := '/' | '*' | '·'
///     factor   := symbol [exponent]     symbol := one of unit_symbols()
///     exponent := '²' | '³' | digit+ | '^' ['-'] digit+             1 ≤ |exponent| ≤ 4
///
/// A blank multiplies; '/' divides by the one factor after it ("USD/kW/yr"). The number must be
/// finite and in the range of a double (no inf, nan, hex, 1e400), and so must the value in SI
/// units ("1e308 GW" is an error). °C and °F stand alone. Only QuantityError leaves this
/// function; its text reads "expected <describe(want)>, got <what was wrong>" and leaves out
/// the text itself, which callers put in front (grid.connection = "150 MVA m256": ...).
///
///     parse_quantity("150 MVA", Dimension::kApparentPower).value_si  // 1.5e8
///     parse_quantity("150 MVA m256", Dimension::kApparentPower)      // throws: exponent 256
Quantity parse_quantity(std::string_view text, Dimension want);

/// Every unit symbol parse_quantity knows, in table order ("W", "kW", ..., "MMBtu", "L").
std::vector<std::string_view> unit_symbols();

/// "a power (W, kW, MW)" etc., for messages and the config reference.
std::string_view describe(Dimension d);
/// The display unit for the config reference ("MW", "°C", ...).
std::string_view display_unit(Dimension d);
/// Name of an arbitrary dimension vector ("a mass", "an energy", "kg·m⁻¹" ...).
std::string describe(const Dim& d);
/// Convert an SI value of dimension `d` to its display unit (e.g. W → MW, K → °C for points).
double to_display(double si, Dimension d);

}  // namespace dcload::detail
