#pragma once
/// \file flex.hpp
/// Flexibility turned into connectable MW (`dcload capacity --flex`): how much more IT fits the
/// same connection when the campus sheds part of its IT power in the hours the connection
/// binds — the curve of added MW against the curtailment allowed (Duke University, "Rethinking
/// Load Growth", Norris et al., Nicholas Institute, Feb 2025: 0.25 / 0.5 / 1 % of annual
/// energy) — and the earliest year each build-out phase can be energized with and without it.
///
/// Example:
/// \code
///   dcload::Site site = dcload::load_site("configs/ulsan.toml", {"flex.curtailable_share=25%"});
///   dcload::FlexResult f = dcload::find_flex_capacity(site);
///   for (const dcload::FlexPoint& p : f.curve)
///     std::printf("%.2f %% curtailed: +%.1f MW\n", 100 * p.energy_share_limit,
///                 dcload::in_megawatts(p.added_it));
/// \endcode
///
/// Method (engine/grid/flex.cpp): each trial is a whole hourly run of the campus at one size
/// (the clusters scaled together, as find_capacity does). In each hour its facility demand above
/// the grid capacity (connection × power factor × grid.capacity_profile of the hour) must be shed
/// by curtailing IT: ΔIT = excess / m, with m the hour's ratio of load-following demand to IT
/// power ((IT + cooling + distribution + UPS + transformer losses) / IT; lighting and heaters
/// held). The campus fits when every hour's ΔIT ≤ its curtailable IT (Σ clusters'
/// curtailable_share × their IT power: cluster[].curtailable_share, else
/// flex.curtailable_share), no event lasts
/// longer than flex.max_duration, there are at most flex.max_events events, and the curtailed IT
/// energy stays within the allowed share of the year's IT energy. The largest fitting size is
/// found by bisection over whole nodes.

#include <cstdint>
#include <string>
#include <vector>

#include "dcload/capacity.hpp"
#include "dcload/run.hpp"
#include "dcload/site.hpp"

namespace dcload {

/// The campus at one size under one set of flexibility limits.
struct FlexPoint {
  double energy_share_limit = 0;  ///< curtailed IT energy allowed, share of the year's IT energy
  std::int64_t max_gpus = 0;      ///< reference cluster's accelerators at the largest size that fits
  Power max_it;                   ///< design IT power of that campus
  Power added_it;                 ///< max_it − the capacity without flexibility
  Power peak_facility;            ///< its peak facility demand before curtailment
  double curtailed_hours = 0;     ///< hours with curtailment
  int events = 0;                 ///< curtailment events (runs of consecutive hours)
  double longest_event_h = 0;
  double deepest_share = 0;       ///< largest curtailment of an hour, share of that hour's IT power
  Energy it_energy;               ///< the year's IT energy before curtailment
  Energy curtailed_it;            ///< IT energy shed
  Energy recovered_it;            ///< of that, made up later (flex.recovery = "deferred")
  Energy lost_it;                 ///< curtailed − recovered: compute not served
  Energy curtailed_facility;      ///< facility demand the grid did not have to deliver
  double revenue_cost_usd = 0;    ///< lost_it × flex.value_of_compute (0 when not priced)
  /// The limit the next larger size breaks: "depth", "duration", "events", "energy", or
  /// "search" (the search's upper bound, 5 × the size without flexibility).
  std::string binding;
};

/// One build-out step (the phases dated in one year) and when the connection can take it.
struct PhaseEnergization {
  int planned_year = 0;
  std::string added;              ///< e.g. "gb300 +2016"
  std::int64_t gpu_count = 0;     ///< the campus's accelerators with this step built
  Power peak_facility;            ///< its peak facility demand over the weather year
  int earliest_without_flex = 0;  ///< first year ≥ planned whose connection carries it (0: none)
  int earliest_with_flex = 0;     ///< the same with the site's [flex] limits (0: none)
};

struct FlexResult {
  std::string site;
  std::string accelerator;        ///< the reference (first) cluster's accelerator
  FlexSpec spec;                  ///< the site's [flex] limits
  bool capacity_profile = false;  ///< grid.capacity_profile given
  int constrained_hours = 0;      ///< grid.constrained_hours
  double constrained_share = 0;   ///< grid.constrained_share
  bool regional_load = false;     ///< constrained hours chosen by grid.regional_load
  /// Design-IT-weighted share that can be shed, and each cluster's own share.
  double offered_share = 0;
  std::vector<std::pair<std::string, double>> cluster_shares;
  CapacityLimit no_flex;          ///< the largest campus without flexibility (normal conditions)
  std::vector<FlexPoint> curve;   ///< energy limits 0.1, 0.25, 0.5, 1, 2, 5 % (depth, duration
                                  ///< and events as in [flex])
  /// The same energy limits with no depth, duration or event limit: Duke's measure (only the
  /// share of annual energy curtailed is bounded), the ceiling flexibility could reach.
  std::vector<FlexPoint> curve_energy_only;
  FlexPoint at_site_limits;       ///< at the site's own flex.max_energy_share
  std::vector<PhaseEnergization> phases;  ///< phased sites: every build-out year
  int trials = 0;                 ///< pipeline runs made
  std::vector<std::string> notes; ///< approximations and findings, one sentence each
};

/// The flexibility analysis of `site` (normal conditions; a phased site as built by its last
/// phase for the curve). Throws ConfigError when the site offers no flexibility
/// (flex.curtailable_share = 0) or has no accelerators.
FlexResult find_flex_capacity(const Site& site, const RunOptions& options = {});

/// The `flex` block of `dcload capacity --flex --json` (an object, without a trailing newline).
std::string to_json(const FlexResult& result);
/// A readable table.
std::string flex_report(const FlexResult& result);

namespace detail {
/// One hourly evaluation (exposed for tests): facility demand, IT power and the load-following
/// ratio m of each hour, the grid capacity of each hour, the campus's design IT power, limits.
/// `curtailable_w`: the IT power that may be shed each hour (the clusters' shares); null =
/// limits.curtailable_share × IT.
FlexPoint evaluate_flex(const std::vector<double>& facility_w, const std::vector<double>& it_w,
                        const std::vector<double>& ratio, const std::vector<double>& capacity_w,
                        double design_it_w, const FlexSpec& limits, double energy_share_limit,
                        double dt_h, bool* feasible,
                        const std::vector<double>* curtailable_w = nullptr);
/// The grid capacity of each step: `capacity_w` × grid.capacity_profile of the hour, or less
/// grid.constrained_share in grid.constrained_hours (chosen by grid.regional_load, else by
/// `facility_w`, the campus's own demand).
std::vector<double> flex_capacity_series(const Site& site, double capacity_w,
                                         const std::vector<double>& facility_w, double dt_h);
}  // namespace detail

}  // namespace dcload
