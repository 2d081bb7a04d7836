#pragma once
/// \file capacity.hpp
/// How large an IT load fits the grid connection: a root-finding search over whole-year runs.
///
/// Example:
/// \code
///   dcload::Site site = dcload::load_site("configs/ulsan.toml");
///   dcload::CapacityResult c = dcload::find_capacity(site);
///   // c.max_gpus_that_fit GPUs of the first cluster's accelerator keep the peak facility
///   // demand within the connection over the weather year.
/// \endcode

#include <cstdint>
#include <string>

#include "dcload/run.hpp"
#include "dcload/site.hpp"
#include "dcload/units.hpp"
#include "dcload/weather.hpp"

namespace dcload {

/// The largest campus that fits one capacity limit.
struct CapacityLimit {
  Power limit;               ///< the capacity searched against (MW at the power factor)
  Power max_it;              ///< design IT power of the largest campus that fits
  int64_t max_gpus = 0;      ///< first cluster's accelerators at that size (others scaled alike)
  Power peak_facility;       ///< its peak facility demand (≤ limit)
  Power headroom;            ///< limit − peak_facility at max_gpus (≥ 0)
  Power headroom_one_more;   ///< the same with one accelerator more (< 0)
};

/// Result of find_capacity(). Clusters are scaled together in whole nodes, keeping their shares
/// of the accelerator count; `max_gpus_*` counts the reference cluster's accelerators (the first
/// cluster with accelerators; for a phased site, of the campus as built by its last phase).
struct CapacityResult {
  std::string site;
  std::string accelerator;     ///< the first cluster's accelerator
  int64_t current_gpus = 0;    ///< the first cluster's count as given
  CapacityLimit year;          ///< normal conditions, over the weather year
  CapacityLimit year_n1;       ///< largest circuit or transformer out, over the weather year
  CapacityLimit design_day;    ///< normal conditions, on the ASHRAE 0.4 % design day
  CapacityLimit design_day_n1; ///< N-1 on the design day
  int trials = 0;              ///< pipeline runs made by the search (years and design days)
};

/// Find the largest accelerator count of the site's clusters (scaled together) whose facility
/// demand stays within the grid capacity — normal and N-1, over the year and on the design
/// day. Each trial is a whole run; the search brackets with a proportional estimate, converges
/// by the secant method on the (nearly linear) peak demand, then settles the last accelerator
/// by single steps. Throws ConfigError for a site without clusters.
CapacityResult find_capacity(const Site& site, const Weather& weather, const RunOptions& options = {});
/// The same, loading the site's weather (or options.weather_override).
CapacityResult find_capacity(const Site& site, const RunOptions& options = {});

/// JSON with stable keys (`max_it_mw_that_fits`, `max_gpus_that_fit`, `..._n1`,
/// `..._design_day`, `..._design_day_n1`, `trials`, ...).
std::string to_json(const CapacityResult& result);
/// A readable table.
std::string capacity_report(const CapacityResult& result);

}  // namespace dcload
