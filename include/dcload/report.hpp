/// \file report.hpp
/// Self-contained HTML reports: one file with its charts (Chart.js, inlined when dcload was
/// built), its styles and its data; it opens offline, e.g. from a USB stick. Every number on
/// the page is read from the Summary (or the capacity / sweep / optimize result) it reports.
///
/// Example:
/// \code
///   const dcload::Site site = dcload::load_site("configs/ulsan.toml");
///   const dcload::SiteReport r = dcload::html_site_report(site);
///   dcload::write_report_file("ulsan.html", r.html);   // r.result is the run it shows
/// \endcode
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "dcload/capacity.hpp"
#include "dcload/flex.hpp"
#include "dcload/interconnect.hpp"
#include "dcload/resilience.hpp"
#include "dcload/optimize.hpp"
#include "dcload/run.hpp"
#include "dcload/site.hpp"
#include "dcload/sweep.hpp"
#include "dcload/swing.hpp"

namespace dcload {

/// What the page says about how it was made (its footer).
struct ReportInfo {
  std::string command;  ///< the command line that made it, e.g. "dcload report configs/ulsan.toml"
};

/// A site's report and the run it shows.
struct SiteReport {
  RunResult result;  ///< the run (its channels are not kept: the page holds their digest)
  std::string html;
};

/// True when this build carries the charting library; the html_* functions throw ConfigError
/// (key "report") otherwise.
bool report_charts_available();

/// Runs `site` (as run() with `options`; the report attaches its own channel sink, so any
/// options.sink / channels are replaced) and renders its page: headline figures and status,
/// monthly energy by subsystem with monthly PUE, a day × hour heat map of facility power, the
/// load-duration curve with the grid capacity and N-1 lines, headroom over the year, cooling
/// modes by month, the design day and the peak day, the supply stack of the week with the least
/// renewable output and of the peak week (battery state of charge), build-out years against the
/// connection, the installed plant and every input as resolved (Site::inputs). Steps finer than
/// an hour are shown as hourly mean lines with min/max envelopes, so peaks survive.
SiteReport html_site_report(const Site& site, RunOptions options = {}, const ReportInfo& info = {});

/// Several sites side by side: grouped bars of cost per IT MWh, CO2, CFE share, water, headroom
/// (normal and N-1) and unserved energy; sites that leave demand unserved are flagged.
std::string html_compare_report(const std::vector<Summary>& runs, const ReportInfo& info = {});

/// The largest IT load that fits the connection, normal and N-1, year and design day.
std::string html_capacity_report(const CapacityResult& result, const Summary& base,
                                 const ReportInfo& info = {});

/// Flexibility against the connection (`capacity --flex --report`): the added IT against the
/// curtailment allowed (within the site's limits and by energy share only), the campus at the
/// site's limits, each build-out step's earliest energization with and without flexibility.
std::string html_flex_report(const FlexResult& flex, const ReportInfo& info = {});

/// Outage survival (`outage --report`): survival against outage length (mean, worst start
/// hour, before the availability weighting) with the target, the least survival of the
/// target's length by start day, what backup is counted.
std::string html_outage_report(const SiteOutage& outage, const ReportInfo& info = {});

/// Training swings (`swing --report`): the grid draw over the window before and after each
/// smoothing layer, the RMS of its fluctuation per band, the cheapest stack meeting the mask,
/// the ride-through of the dip sequence under the site's and the compared UPS logic.
std::string html_swing_report(const SwingResult& swing, const ReportInfo& info = {});

/// The large-load data pack and the grid-impact pre-screen of one or more sites side by side
/// (`datapack --report`, `kgia --report`): the pack's quantities, monthly and hourly profiles,
/// the assessment's items with their indicative readings and what the pre-screen cannot know.
std::string html_interconnection_report(const std::vector<InterconnectionPack>& packs,
                                        const ReportInfo& info = {});

/// A sweep: statistics per output (P5 / P50 / P95 bars and histograms) and, for Sobol'
/// samples, first-order and total indices with their intervals.
std::string html_sweep_report(const SweepResult& result, const ReportInfo& info = {});

/// A least-cost supply: capacities built, energy by source, cost and carbon figures.
std::string html_optimize_report(const OptimizeResult& result, const ReportInfo& info = {});

/// Writes `html` to `path` as a whole: into a temporary sibling first, renamed into place, so a
/// reader never sees half a page. Throws ConfigError (key "--report") when it cannot.
void write_report_file(const std::filesystem::path& path, const std::string& html);

/// The checks write_report_file() makes, and that the build carries the charting library,
/// made before any run: throws ConfigError (key "--report") naming the problem.
void check_report_path(const std::filesystem::path& path);

}  // namespace dcload
