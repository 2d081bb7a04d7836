// Units: typed makers/readers at the library boundary and the config quantity parser.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <string>

#include "config/quantity.hpp"
#include "dcload/units.hpp"

using dcload::detail::Dimension;
using dcload::detail::parse_quantity;
using dcload::detail::QuantityError;

namespace {
using dcload::testing::quantity_error;
}  // namespace

TEST_CASE("units: 100 MW for one hour is 100 MWh", "[units]") {
  const dcload::Energy e = dcload::megawatts(100.0) * dcload::hours(1.0);
  // 100e6 W × 3600 s = 3.6e11 J = 100 MWh (1 MWh = 3.6e9 J)
  CHECK(dcload::in_si(e) == Approx(3.6e11).epsilon(1e-12));
  CHECK(dcload::in_megawatt_hours(e) == Approx(100.0).epsilon(1e-12));
  CHECK(dcload::in_megawatt_hours(dcload::megawatt_hours(100.0)) == Approx(100.0).epsilon(1e-12));
  CHECK(dcload::in_si(dcload::kilowatt_hours(1.0)) == Approx(3.6e6).epsilon(1e-12));
}

TEST_CASE("units: makers and readers round-trip", "[units]") {
  CHECK(dcload::in_megawatts(dcload::megawatts(64.14)) == Approx(64.14).epsilon(1e-12));
  CHECK(dcload::in_si(dcload::kilowatts(7.752)) == Approx(7752.0).epsilon(1e-12));
  CHECK(dcload::in_hours(dcload::minutes(15.0)) == Approx(0.25).epsilon(1e-12));
  CHECK(dcload::in_si(dcload::kilopascals(101.325)) == Approx(101325.0).epsilon(1e-12));
  CHECK(dcload::in_si(dcload::tonnes(2.5)) == Approx(2500.0).epsilon(1e-12));
  CHECK(dcload::in_megavolt_amperes(dcload::megavolt_amperes(150.0)) ==
        Approx(150.0).epsilon(1e-12));
}

TEST_CASE("units: 20 °C is 293.15 K and reads back as 20 °C", "[units]") {
  // 0 °C = 273.15 K, so 20 °C = 293.15 K
  CHECK(dcload::in_kelvin(dcload::celsius(20.0)) == Approx(293.15).epsilon(1e-12));
  CHECK(dcload::in_celsius(dcload::celsius(20.0)) == Approx(20.0).epsilon(1e-12));
  CHECK(dcload::in_celsius(dcload::kelvin(273.15)) == Approx(0.0).margin(1e-12));
}

TEST_CASE("units: 150 MVA at power factor 0.95 is 142.5 MW", "[units]") {
  // P = S·pf = 150 MVA × 0.95 = 142.5 MW
  const dcload::Power p = dcload::real_power(dcload::megavolt_amperes(150.0), 0.95);
  CHECK(dcload::in_megawatts(p) == Approx(142.5).epsilon(1e-12));
}

TEST_CASE("units: apparent power adds, subtracts and scales", "[units]") {
  using dcload::megavolt_amperes;
  CHECK((megavolt_amperes(75.0) + megavolt_amperes(75.0)) == megavolt_amperes(150.0));
  CHECK((megavolt_amperes(200.0) - megavolt_amperes(50.0)) == megavolt_amperes(150.0));
  CHECK((3.0 * megavolt_amperes(50.0)) == megavolt_amperes(150.0));
  CHECK(megavolt_amperes(75.0) < megavolt_amperes(150.0));
}

TEST_CASE("units: parse 150 MVA as an apparent power of 1.5e8 VA", "[units]") {
  const auto q = parse_quantity("150 MVA", Dimension::kApparentPower);
  CHECK(q.value_si == Approx(1.5e8).epsilon(1e-12));
}

TEST_CASE("units: parse powers in W, kW, MW", "[units]") {
  CHECK(parse_quantity("51.5 W", Dimension::kPower).value_si == Approx(51.5).epsilon(1e-12));
  CHECK(parse_quantity("7.752 kW", Dimension::kPower).value_si == Approx(7752.0).epsilon(1e-12));
  CHECK(parse_quantity("3.517 MW", Dimension::kPower).value_si == Approx(3.517e6).epsilon(1e-12));
}

TEST_CASE("units: a Celsius value is a point for temperatures and a difference for deltas",
          "[units]") {
  // point: 27 + 273.15 = 300.15 K; difference: 27 K
  for (const char* text : {"27 °C", "27 degC"}) {
    INFO(text);
    CHECK(parse_quantity(text, Dimension::kTemperature).value_si == Approx(300.15).epsilon(1e-12));
    CHECK(parse_quantity(text, Dimension::kTemperatureDelta).value_si ==
          Approx(27.0).epsilon(1e-12));
  }
  CHECK(parse_quantity("7.5 K", Dimension::kTemperatureDelta).value_si ==
        Approx(7.5).epsilon(1e-12));
  CHECK(parse_quantity("300 K", Dimension::kTemperature).value_si == Approx(300.0).epsilon(1e-12));
}

TEST_CASE("units: 80 °F is 299.8167 K", "[units]") {
  // (80 − 32)·5/9 = 26.6667 °C; + 273.15 = 299.81667 K
  const double expected = (80.0 - 32.0) * 5.0 / 9.0 + 273.15;
  CHECK(parse_quantity("80 °F", Dimension::kTemperature).value_si ==
        Approx(expected).epsilon(1e-12));
  CHECK(expected == Approx(299.81667).epsilon(1e-7));
}

TEST_CASE("units: fractions from percent or plain numbers", "[units]") {
  // 6 % = 6/100 = 0.06
  CHECK(parse_quantity("6 %", Dimension::kFraction).value_si == Approx(0.06).epsilon(1e-12));
  CHECK(parse_quantity("0.06", Dimension::kFraction).value_si == Approx(0.06).epsilon(1e-12));
}

TEST_CASE("units: energy price in KRW/kWh and emission factor in t/MWh", "[units]") {
  // 182.7 KRW per kWh, 1 kWh = 3.6e6 J → 182.7/3.6e6 KRW/J = 5.075e-5 KRW/J
  CHECK(parse_quantity("182.7 KRW/kWh", Dimension::kEnergyPrice).value_si ==
        Approx(182.7 / 3.6e6).epsilon(1e-12));
  // 0.4173 t per MWh = 417.3 kg per 3.6e9 J = 1.15917e-7 kg/J
  CHECK(parse_quantity("0.4173 t/MWh", Dimension::kEmissionFactor).value_si ==
        Approx(0.4173e3 / 3.6e9).epsilon(1e-12));
}

TEST_CASE("units: pressure in kPa and durations in minutes", "[units]") {
  // 101.3 kPa = 101300 Pa
  CHECK(parse_quantity("101.3 kPa", Dimension::kPressure).value_si ==
        Approx(101300.0).epsilon(1e-12));
  // 15 min × 60 s/min = 900 s
  CHECK(parse_quantity("15 min", Dimension::kDuration).value_si == Approx(900.0).epsilon(1e-12));
}

TEST_CASE("units: a mass where a power is expected names both dimensions", "[units]") {
  CHECK(quantity_error("100 kg", Dimension::kPower) ==
        "expected a power (W, kW, MW, GW), got a mass");
}

TEST_CASE("units: MVA and MW are not interchangeable", "[units]") {
  const std::string va_for_w = quantity_error("180 MVA", Dimension::kPower);
  CHECK_THAT(va_for_w, Catch::Contains("got an apparent power"));
  CHECK_THAT(va_for_w, Catch::StartsWith("expected a power"));
  const std::string w_for_va = quantity_error("100 MW", Dimension::kApparentPower);
  CHECK_THAT(w_for_va, Catch::StartsWith("expected an apparent power"));
  CHECK_THAT(w_for_va, Catch::Contains("got a power"));
}

TEST_CASE("units: a number without a unit is rejected for a power", "[units]") {
  CHECK(quantity_error("100", Dimension::kPower) ==
        "expected a power (W, kW, MW, GW), got a number without a unit");
}

TEST_CASE("units: an unknown unit is named in the message", "[units]") {
  // The caller puts the text in front ("key = \"12 furlongs\": "), so the message leaves it out.
  CHECK(quantity_error("12 furlongs", Dimension::kLength) ==
        "expected a length (m, km), got an unknown unit 'furlongs'");
}
