#pragma once
// Build-out within a year (engine/it/buildout.cpp): the campus of a run year with each phase
// that enters service after 1 January marked as a late addition of its cluster.
#include "dcload/site.hpp"

namespace dcload::detail {

/// Seconds from 1 January 00:00 to `month`-`day` 00:00 in the 365-day typical year (29 February
/// counts as 1 March).
double seconds_into_year(int month, int day);

/// The campus in service during `year`: Site::built_by(year), with every phase dated in `year`
/// after 1 January recorded in its cluster's `late_additions` (from its in-service date), so a
/// run draws that capacity only from then on. `any_late` is set when there is at least one.
Site in_service_during(const Site& site, int year, bool& any_late);

}  // namespace dcload::detail
