#pragma once
// The fields of configs/catalog/climate_normals.toml the built-in weather reads, compiled into
// the library by engine/weather/gen_normals.cpp at build time (no TOML parse at start-up).
#include <array>
#include <span>

namespace dcload::detail {

/// One [[station]] of the climate catalog. Monthly arrays Jan..Dec.
struct StationNormals {
  const char* name;  ///< as in the catalog, e.g. "Ulsan"
  double lat_deg, lon_deg, elev_m;
  std::array<double, 12> tmax_c, tmin_c, tmean_c, vapour_hpa, ghi_kwh_m2;
  bool has_pressure;                    ///< station_pressure_derived_hPa given
  std::array<double, 12> pressure_hpa;  ///< station pressure, hPa (when has_pressure)
  bool has_wind;                        ///< [station.tmy] wind_speed_mean_m_per_s given
  std::array<double, 12> wind_m_s;      ///< TMY monthly mean wind, m/s (when has_wind)
};

/// Every station of the catalog, in catalog order.
std::span<const StationNormals> station_normals();

}  // namespace dcload::detail
