// The swing parts of a site: [grid.limits] (the utility's mask), [smoothing] (the layers),
// [ride_through] (a voltage-dip sequence and the UPS transfer logic) and [swing] (the window
// and the islanded plant), read into the Site, and their checks.
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

#include "config/reader.hpp"
#include "dcload/error.hpp"
#include "dcload/run.hpp"
#include "io/files.hpp"

namespace dcload::detail {
namespace {

// A dip sequence, CSV `start_s,duration_s,depth` (depth 0..1 below nominal), one dip per row.
void read_dips_file(const std::filesystem::path& csv, const Loc& from, RideThroughSpec& rt) {
  InputFile f;
  f.path = csv;
  f.what = "dip sequence";
  f.from_file = from.file;
  f.from_line = from.line;
  f.from_column = from.column;
  f.key = "ride_through.dips_file";
  const std::string text = read_input_file(f);
  const std::string file = csv.string();
  auto fail = [&](int line, const std::string& msg) {
    throw ConfigError(file, line, 1, "ride_through.dips_file", msg);
  };
  size_t pos = 0;
  int line_no = 0;
  bool header = false;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) {
      if (pos > text.size()) break;
      continue;
    }
    if (!header) {
      if (line != "start_s,duration_s,depth")
        fail(line_no, "expected the header \"start_s,duration_s,depth\", got \"" + line + "\"");
      header = true;
      continue;
    }
    double v[3];
    const char* c = line.c_str();
    for (int i = 0; i < 3; ++i) {
      char* e = nullptr;
      errno = 0;
      v[i] = std::strtod(c, &e);
      if (e == c || errno != 0 || !std::isfinite(v[i]) || (i < 2 && *e != ',') ||
          (i == 2 && *e != '\0'))
        fail(line_no, "expected three numbers start_s,duration_s,depth, got \"" + line + "\"");
      c = e + 1;
    }
    if (v[0] < 0 || v[1] <= 0 || v[2] < 0 || v[2] > 1)
      fail(line_no, "start_s ≥ 0, duration_s > 0 and 0 ≤ depth ≤ 1 expected, got \"" + line + "\"");
    if (!rt.dip_start_s.empty() && v[0] < rt.dip_start_s.back())
      fail(line_no, "dips must be in time order (start_s " + line.substr(0, line.find(',')) +
                        " is before the previous row's)");
    rt.dip_start_s.push_back(v[0]);
    rt.dip_duration_s.push_back(v[1]);
    rt.dip_depth_share.push_back(v[2]);
  }
  if (!header) fail(1, "expected the header \"start_s,duration_s,depth\", got an empty file");
  if (rt.dip_start_s.empty()) fail(line_no, "no dips after the header");
}

}  // namespace

void read_swing(const Reader& r, Site& site) {
  SwingLimits& l = site.grid.limits;
  l.max_ramp_w_per_s = r.quantity("grid.limits.max_ramp");
  l.max_dynamic_range = watts(r.quantity("grid.limits.max_dynamic_range"));
  l.dynamic_range_window = seconds(r.quantity("grid.limits.dynamic_range_window"));
  l.band_low_hz = r.quantity("grid.limits.band_low");
  l.band_high_hz = r.quantity("grid.limits.band_high");
  l.max_band_share = r.quantity("grid.limits.max_band_share");
  l.max_band_rms = watts(r.quantity("grid.limits.max_band_rms"));
  l.inter_area_low_hz = r.quantity("grid.limits.inter_area_low");
  l.inter_area_high_hz = r.quantity("grid.limits.inter_area_high");
  l.max_inter_area_share = r.quantity("grid.limits.max_inter_area_share");
  l.modal_low_hz = r.quantity("grid.limits.modal_low");
  l.modal_high_hz = r.quantity("grid.limits.modal_high");
  l.modal_max_amplitude = watts(r.quantity("grid.limits.modal_max_amplitude"));

  SmoothingSpec& s = site.smoothing;
  s.gpu_floor = r.quantity("smoothing.gpu_floor");
  s.gpu_ramp_down_w_per_s = r.quantity("smoothing.gpu_ramp_down");
  s.rack_storage_per_gpu = joules(r.quantity("smoothing.rack_storage"));
  s.rack_storage_tau = seconds(r.quantity("smoothing.rack_storage_tau"));
  s.ups_share = r.quantity("smoothing.ups_share");
  s.ups_autonomy = seconds(r.quantity("smoothing.ups_autonomy"));
  s.ups_energy_share = r.quantity("smoothing.ups_energy_share");
  s.ups_tau = seconds(r.quantity("smoothing.ups_tau"));
  s.ups_wear_usd_per_j = r.money("smoothing.ups_wear", site.krw_per_usd);
  s.ups_cycle_life = r.real("smoothing.ups_cycle_life");
  s.ups_calendar_life = seconds(r.quantity("smoothing.ups_calendar_life"));
  s.bess_cycle_life = r.real("smoothing.bess_cycle_life");
  s.bess_power = watts(r.quantity("smoothing.bess_power"));
  s.bess_energy = joules(r.quantity("smoothing.bess_energy"));
  s.bess_tau = seconds(r.quantity("smoothing.bess_tau"));
  s.bess_round_trip = r.quantity("smoothing.bess_round_trip");
  s.bess_capex_usd_per_w = r.money("smoothing.bess_capex_power", site.krw_per_usd);
  s.bess_capex_usd_per_j = r.money("smoothing.bess_capex_energy", site.krw_per_usd);
  s.bess_fixed_om_share = r.quantity("smoothing.bess_fixed_om");
  s.bess_lifetime = seconds(r.quantity("smoothing.bess_lifetime"));
  s.supercap_power = watts(r.quantity("smoothing.supercap_power"));
  s.supercap_energy = joules(r.quantity("smoothing.supercap_energy"));
  s.supercap_tau = seconds(r.quantity("smoothing.supercap_tau"));
  s.supercap_round_trip = r.quantity("smoothing.supercap_round_trip");
  s.supercap_capex_usd_per_w = r.money("smoothing.supercap_capex_power", site.krw_per_usd);
  s.supercap_capex_usd_per_j = r.money("smoothing.supercap_capex_energy", site.krw_per_usd);
  s.supercap_lifetime = seconds(r.quantity("smoothing.supercap_lifetime"));
  s.energy_price_usd_per_j = r.money("smoothing.energy_price", site.krw_per_usd);

  RideThroughSpec& rt = site.ride_through;
  rt.dips = static_cast<int>(r.integer("ride_through.dips"));
  rt.dip_spacing = seconds(r.quantity("ride_through.dip_spacing"));
  rt.dip_duration = seconds(r.quantity("ride_through.dip_duration"));
  rt.dip_depth = r.quantity("ride_through.dip_depth");
  rt.count_depth = r.quantity("ride_through.count_depth");
  rt.count_duration = seconds(r.quantity("ride_through.count_duration"));
  rt.strikes = static_cast<int>(r.integer("ride_through.strikes"));
  rt.strike_window = seconds(r.quantity("ride_through.strike_window"));
  rt.transfer_depth = r.quantity("ride_through.transfer_depth");
  rt.ride_through_time = seconds(r.quantity("ride_through.ride_through_time"));
  rt.manual_return = r.text("ride_through.retransfer") != "automatic";
  rt.retransfer_delay = seconds(r.quantity("ride_through.retransfer_delay"));
  rt.manual_return_time = seconds(r.quantity("ride_through.manual_return_time"));
  if (const std::string csv = r.text("ride_through.dips_file"); !csv.empty()) {
    const std::filesystem::path base =
        r.file().empty() ? std::filesystem::path() : std::filesystem::path(r.file()).parent_path();
    rt.dips_file = (base / csv).string();
    read_dips_file(base / csv, r.loc("ride_through.dips_file"), rt);
  }

  SwingSpec& w = site.swing;
  w.start = r.text("swing.start");
  try {
    (void)parse_year_time(w.start);
  } catch (const ConfigError&) {
    r.problem("swing.start",
              "swing.start = \"" + w.start + "\": expected a time of the year \"MM-DD HH:MM\"");
  }
  w.duration = seconds(r.quantity("swing.duration"));
  w.timestep = seconds(r.quantity("swing.timestep"));
  w.governor_time_s = r.quantity("swing.governor_time");
  w.droop = r.quantity("swing.droop");
  w.inertia_s = r.quantity("swing.inertia");
  w.max_frequency_deviation_hz = r.quantity("swing.max_frequency_deviation");
}

void check_swing(const Site& site, Problems& p) {
  const SwingLimits& l = site.grid.limits;
  p.range("grid.limits.max_ramp", l.max_ramp_w_per_s);
  p.range("grid.limits.band_low", l.band_low_hz);
  p.range("grid.limits.band_high", l.band_high_hz);
  if (!(l.band_low_hz < l.band_high_hz))
    p.add("grid.limits.band_high", "grid.limits.band_high must be above grid.limits.band_low");
  if (!(l.inter_area_low_hz < l.inter_area_high_hz))
    p.add("grid.limits.inter_area_high",
          "grid.limits.inter_area_high must be above grid.limits.inter_area_low");
  const bool modal = l.modal_low_hz > 0 || l.modal_high_hz > 0;
  if (modal && !(l.modal_low_hz > 0 && l.modal_low_hz < l.modal_high_hz))
    p.add("grid.limits.modal_high",
          "a declared mode needs 0 < grid.limits.modal_low < grid.limits.modal_high");
  if (in_si(l.modal_max_amplitude) > 0 && !modal)
    p.add("grid.limits.modal_max_amplitude",
          "grid.limits.modal_max_amplitude needs the mode's band (grid.limits.modal_low, "
          "modal_high)");
  const SmoothingSpec& s = site.smoothing;
  if ((in_si(s.bess_power) > 0) != (in_si(s.bess_energy) > 0))
    p.add("smoothing.bess_energy",
          "smoothing.bess_power and smoothing.bess_energy go together (both 0: sized by the "
          "search)");
  if ((in_si(s.supercap_power) > 0) != (in_si(s.supercap_energy) > 0))
    p.add("smoothing.supercap_energy",
          "smoothing.supercap_power and smoothing.supercap_energy go together");
  const double dt = in_si(site.swing.timestep);
  const double per_hour = 3600.0 / dt;
  if (std::abs(per_hour - std::round(per_hour)) > 1e-9 * per_hour)
    p.add("swing.timestep", "swing.timestep must divide one hour (e.g. 0.1 s, 0.5 s, 1 s)");
  const double steps = in_si(site.swing.duration) / dt;
  if (std::abs(steps - std::round(steps)) > 1e-6 * std::max(1.0, steps))
    p.add("swing.duration", "swing.duration must be a whole number of swing.timestep");
}

}  // namespace dcload::detail
