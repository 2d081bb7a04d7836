#pragma once
/// \file units.hpp
/// Quantity types used at every boundary of dcload: config values, the Site, the Summary and
/// every public function that takes or returns a physical value. Boost.Units stays behind this
/// header so a later move to mp-units or Au touches only this file and the physics layer.
///
/// Inside a stage, time series are plain doubles in SI base units; cross the boundary once with
/// `in_si(q)` or a maker such as `megawatts(x)`. Never put a quantity inside an Eigen array.
///
/// Example:
/// \code
///   dcload::Power p = dcload::megawatts(100.0);
///   dcload::Energy e = p * dcload::hours(1.0);      // 360 GJ
///   double mwh = dcload::in_megawatt_hours(e);      // 100.0
///   // p + dcload::celsius(20.0);                   // does not compile (tests/compile_fail)
/// \endcode

#include <boost/units/absolute.hpp>
#include <boost/units/derived_dimension.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/systems/si/area.hpp>
#include <boost/units/systems/si/dimensionless.hpp>
#include <boost/units/systems/si/energy.hpp>
#include <boost/units/systems/si/length.hpp>
#include <boost/units/systems/si/mass.hpp>
#include <boost/units/systems/si/power.hpp>
#include <boost/units/systems/si/pressure.hpp>
#include <boost/units/systems/si/temperature.hpp>
#include <boost/units/systems/si/time.hpp>
#include <boost/units/systems/si/volume.hpp>

namespace dcload {

namespace units_detail {
namespace bu = boost::units;
namespace si = boost::units::si;
using mass_flow_dimension =
    bu::derived_dimension<bu::mass_base_dimension, 1, bu::time_base_dimension, -1>::type;
using volume_flow_dimension =
    bu::derived_dimension<bu::length_base_dimension, 3, bu::time_base_dimension, -1>::type;
using mass_flow_unit = bu::unit<mass_flow_dimension, si::system>;
using volume_flow_unit = bu::unit<volume_flow_dimension, si::system>;
}  // namespace units_detail

/// Active (real) power, W.
using Power = boost::units::quantity<boost::units::si::power>;
/// Energy, J.
using Energy = boost::units::quantity<boost::units::si::energy>;
/// A temperature *point* (absolute, stored in K). Differences of points are TemperatureDelta.
using Temperature =
    boost::units::quantity<boost::units::absolute<boost::units::si::temperature>>;
/// A temperature *difference*, K.
using TemperatureDelta = boost::units::quantity<boost::units::si::temperature>;
/// Pressure, Pa.
using Pressure = boost::units::quantity<boost::units::si::pressure>;
/// Length, m.
using Length = boost::units::quantity<boost::units::si::length>;
/// Area, m².
using Area = boost::units::quantity<boost::units::si::area>;
/// Mass, kg.
using Mass = boost::units::quantity<boost::units::si::mass>;
/// Volume, m³.
using Volume = boost::units::quantity<boost::units::si::volume>;
/// Duration, s.
using Duration = boost::units::quantity<boost::units::si::time>;
/// Mass flow, kg/s.
using MassFlow = boost::units::quantity<units_detail::mass_flow_unit>;
/// Volume flow, m³/s.
using VolumeFlow = boost::units::quantity<units_detail::volume_flow_unit>;

/// Apparent power, VA. Kept a distinct type from Power: VA and W share a dimension in SI, but a
/// transformer rating in MVA is not a demand in MW — converting needs a power factor, so the
/// conversion is explicit (`real_power(s, pf)`).
class ApparentPower {
 public:
  constexpr ApparentPower() = default;
  /// From volt-amperes.
  static constexpr ApparentPower from_va(double va) { return ApparentPower(va); }
  /// Value in VA.
  constexpr double va() const { return va_; }
  friend constexpr ApparentPower operator+(ApparentPower a, ApparentPower b) {
    return ApparentPower(a.va_ + b.va_);
  }
  friend constexpr ApparentPower operator-(ApparentPower a, ApparentPower b) {
    return ApparentPower(a.va_ - b.va_);
  }
  friend constexpr ApparentPower operator*(double k, ApparentPower a) {
    return ApparentPower(k * a.va_);
  }
  friend constexpr bool operator==(ApparentPower a, ApparentPower b) = default;
  friend constexpr auto operator<=>(ApparentPower a, ApparentPower b) = default;

 private:
  constexpr explicit ApparentPower(double va) : va_(va) {}
  double va_ = 0.0;
};

// ---- makers -------------------------------------------------------------------------------

inline Power watts(double w) { return w * boost::units::si::watt; }
inline Power kilowatts(double kw) { return watts(kw * 1e3); }
inline Power megawatts(double mw) { return watts(mw * 1e6); }
inline Energy joules(double j) { return j * boost::units::si::joule; }
inline Energy kilowatt_hours(double kwh) { return joules(kwh * 3.6e6); }
inline Energy megawatt_hours(double mwh) { return joules(mwh * 3.6e9); }
inline Temperature kelvin(double k) {
  return k * boost::units::absolute<boost::units::si::temperature>();
}
/// Celsius point: 0 °C = 273.15 K (SI Brochure, 9th ed., §2.3.1).
inline Temperature celsius(double c) { return kelvin(c + 273.15); }
inline TemperatureDelta kelvin_delta(double k) { return k * boost::units::si::kelvin; }
inline Pressure pascals(double pa) { return pa * boost::units::si::pascal; }
inline Pressure kilopascals(double kpa) { return pascals(kpa * 1e3); }
inline Length meters(double m) { return m * boost::units::si::meter; }
inline Area square_meters(double m2) { return m2 * boost::units::si::square_meter; }
inline Mass kilograms(double kg) { return kg * boost::units::si::kilogram; }
inline Mass tonnes(double t) { return kilograms(t * 1e3); }
inline Volume cubic_meters(double m3) { return m3 * boost::units::si::cubic_meter; }
inline Duration seconds(double s) { return s * boost::units::si::second; }
inline Duration minutes(double m) { return seconds(m * 60.0); }
inline Duration hours(double h) { return seconds(h * 3600.0); }
inline MassFlow kilograms_per_second(double v) { return v * units_detail::mass_flow_unit(); }
inline VolumeFlow cubic_meters_per_second(double v) {
  return v * units_detail::volume_flow_unit();
}
inline ApparentPower volt_amperes(double va) { return ApparentPower::from_va(va); }
inline ApparentPower megavolt_amperes(double mva) { return ApparentPower::from_va(mva * 1e6); }

// ---- leaving the typed world -------------------------------------------------------------

/// Value in SI base units (W, J, Pa, m, kg, s, K for deltas, ...).
template <class Unit>
double in_si(const boost::units::quantity<Unit>& q) {
  return q.value();
}
/// A temperature point in kelvin.
inline double in_kelvin(Temperature t) { return t.value(); }
/// A temperature point in degrees Celsius.
inline double in_celsius(Temperature t) { return t.value() - 273.15; }
inline double in_megawatts(Power p) { return p.value() / 1e6; }
inline double in_megawatt_hours(Energy e) { return e.value() / 3.6e9; }
inline double in_hours(Duration d) { return d.value() / 3600.0; }
inline double in_megavolt_amperes(ApparentPower s) { return s.va() / 1e6; }

/// Real power drawn at apparent power `s` and power factor `pf` (0 < pf ≤ 1): P = S·pf.
inline Power real_power(ApparentPower s, double power_factor) {
  return watts(s.va() * power_factor);
}

}  // namespace dcload
