// Outputs of `dcload swing`: the text report (≤ 100 columns), JSON, and the CSVs of the grid
// draw after each layer and of its spectrum.
#include <cmath>
#include <cstdio>
#include <sstream>
#include <string>

#include "dcload/swing.hpp"
#include "grid/swing_models.hpp"
#include "metrics/metrics.hpp"
#include "output/json_text.hpp"
#include "output/text_table.hpp"

namespace dcload {
namespace {

using detail::json_number;
using detail::json_string;

std::string f(const char* format, double v) {
  char b[64];
  std::snprintf(b, sizeof b, format, v);
  return b;
}

std::string clock_text(double s) {
  if (s < 120) return f("%.3g s", s);
  if (s < 7200) return f("%.1f min", s / 60.0);
  return f("%.2f h", s / 3600.0);
}

std::string mask_text(const SwingLimits& l) {
  std::string t;
  auto add = [&](const std::string& s) { t += (t.empty() ? "" : "; ") + s; };
  if (l.max_ramp_w_per_s > 0) add("ramp ≤ " + f("%.3g MW/s", l.max_ramp_w_per_s / 1e6));
  if (in_si(l.max_dynamic_range) > 0)
    add("range ≤ " + f("%.3g MW", in_megawatts(l.max_dynamic_range)) + " in " +
        f("%.3g s", in_si(l.dynamic_range_window)));
  if (l.max_band_share < 1) add(f("%.3g", l.band_low_hz) + "–" + f("%.3g Hz", l.band_high_hz) +
                                " share ≤ " + f("%.3g %%", 100 * l.max_band_share));
  if (in_si(l.max_band_rms) > 0)
    add(f("%.3g", l.band_low_hz) + "–" + f("%.3g Hz", l.band_high_hz) + " RMS ≤ " +
        f("%.3g MW", in_megawatts(l.max_band_rms)));
  if (l.max_inter_area_share < 1)
    add("inter-area " + f("%.3g", l.inter_area_low_hz) + "–" + f("%.3g Hz", l.inter_area_high_hz) +
        " share ≤ " + f("%.3g %%", 100 * l.max_inter_area_share));
  if (in_si(l.modal_max_amplitude) > 0)
    add("mode " + f("%.3g", l.modal_low_hz) + "–" + f("%.3g Hz", l.modal_high_hz) + " forcing ≤ " +
        f("%.3g MW", in_megawatts(l.modal_max_amplitude)));
  return t.empty() ? "none set (every [grid.limits] limit is off)" : t;
}

void layer_table(std::ostringstream& o, const std::vector<SwingLayer>& layers, bool all) {
  char b[256];
  o << "  layer       mean MW  ramp MW/s  range MW  band %  band RMS MW  inter-area %"
       "   cost kUSD/yr  mask\n";
  for (const SwingLayer& l : layers) {
    if (!all && !l.active) continue;
    const SwingMetrics& m = l.after;
    if (!l.active) {
      std::snprintf(b, sizeof b, "  %-10s  (off)\n", l.name.c_str());
      o << b;
      continue;
    }
    std::snprintf(b, sizeof b, "  %-10s %8.1f %10.2f %9.2f %7.1f %12.3f %13.1f %14.1f  %s\n",
                  l.name.c_str(), in_megawatts(m.mean), m.max_ramp_w_per_s / 1e6,
                  in_megawatts(m.dynamic_range), 100 * m.band_share, in_megawatts(m.band_rms),
                  100 * m.inter_area_share, l.cost_usd_per_yr / 1e3, m.compliant() ? "meets" : "breaks");
    o << b;
  }
}

void layer_details(std::ostringstream& o, const std::vector<SwingLayer>& layers) {
  char b[300];
  for (const SwingLayer& l : layers) {
    if (!l.active || l.name == "as run") continue;
    std::string t = "  " + l.name + ": " + l.label;
    if (l.name == "gpu") {
      std::snprintf(b, sizeof b, "; burns %.3f MWh in the window", in_megawatt_hours(l.burned));
      t += b;
    } else {
      std::snprintf(b, sizeof b,
                    "; gave up to %.1f MW, %.2f cycles/day, losses %.4f MWh, limits bound %zu steps",
                    in_megawatts(l.peak_storage_power), l.cycles_per_day,
                    in_megawatt_hours(l.losses), l.limited_steps);
      t += b;
    }
    o << detail::wrap_text(t, 100, 4);
  }
}

}  // namespace

std::string swing_report(const SwingResult& r) {
  std::ostringstream o;
  char b[512];
  o << "dcload swing — " << r.site << "\n\n";
  std::snprintf(b, sizeof b,
                "  window: %s, %s at %.3g s steps (%zu steps); %lld accelerators; grid/IT slope "
                "%.3f",
                detail::step_time_label(0, r.dt_s, in_si(r.start)).c_str(),
                clock_text(in_si(r.duration)).c_str(), r.dt_s, r.steps,
                static_cast<long long>(r.gpus), r.facility_per_it);
  o << detail::wrap_text(b, 100, 4);
  o << detail::wrap_text("  mask [grid.limits]: " + mask_text(r.limits), 100, 4);
  if (!r.run_status.ok())
    o << detail::wrap_text("  window run: " + std::string(r.run_status.name()), 100, 4);
  std::snprintf(b, sizeof b,
                "  The site's stack ([smoothing]), the grid draw after each layer (ramp: step to "
                "step; range: max − min within %.3g s):",
                in_si(r.limits.dynamic_range_window));
  o << "\n" << detail::wrap_text(b, 100, 4);
  layer_table(o, r.layers, true);
  layer_details(o, r.layers);
  for (const std::string& br : r.layers.back().after.breaches)  // the grid side
    o << detail::wrap_text("  breach: " + br, 100, 4);

  o << "\n  Spectrum: RMS of the fluctuation per band, MW\n  layer     ";
  for (size_t i = 0; i + 1 < r.spectrum_edges_hz.size(); ++i) {
    std::snprintf(b, sizeof b, " %5.3g–%-5.3g", r.spectrum_edges_hz[i],
                  r.spectrum_edges_hz[i + 1] > 1e6 ? 0.0 : r.spectrum_edges_hz[i + 1]);
    o << b;
  }
  o << " Hz\n";
  for (const SwingLayer& l : r.layers) {
    if (!l.active) continue;
    std::snprintf(b, sizeof b, "  %-10s", l.name.c_str());
    o << b;
    for (double v : l.after.band_rms_w) {
      std::snprintf(b, sizeof b, " %11.3f", v / 1e6);
      o << b;
    }
    o << "\n";
  }

  const SwingStack& s = r.stack;
  if (s.searched) {
    o << "\n";
    o << detail::wrap_text("  Cheapest stack that meets the mask (" + s.method + ", " +
                               std::to_string(s.evaluated) + " stacks):", 100, 4);
    if (s.found) {
      std::snprintf(b, sizeof b,
                    "    GPU floor %.0f %%, UPS smoothing %.0f %%, BESS %.1f MW / %.3f MWh, "
                    "supercapacitors %.1f MW / %.4f MWh: %.1f kUSD/yr",
                    100 * s.gpu_floor, 100 * s.ups_share, in_megawatts(s.bess_power),
                    in_megawatt_hours(s.bess_energy), in_megawatts(s.supercap_power),
                    in_megawatt_hours(s.supercap_energy), s.cost_usd_per_yr / 1e3);
      o << detail::wrap_text(b, 100, 6);
      layer_table(o, s.layers, false);
    } else {
      o << detail::wrap_text("    none of the searched stacks meets the mask; the largest still "
                             "breaks it: " + s.why_not, 100, 6);
    }
  }

  const ModalCheck& m = r.modal;
  if (m.declared) {
    std::snprintf(b, sizeof b, "\n  Declared mode %.3g–%.3g Hz: forcing %.3f MW (peak) as run",
                  m.low_hz, m.high_hz, in_megawatts(m.amplitude));
    o << b;
    if (in_si(m.max_amplitude) > 0) {
      std::snprintf(b, sizeof b, ", tolerated %.3f MW → at most %lld accelerators (%lld as run)",
                    in_megawatts(m.max_amplitude), static_cast<long long>(m.max_gpus),
                    static_cast<long long>(m.gpus));
      o << b;
    }
    o << "\n";
    for (const ModalFlag& fl : m.flags) {
      if (fl.in_band)
        std::snprintf(b, sizeof b,
                      "    %s (%s): iteration %.3g s — harmonic %d at %.3g Hz inside the mode; "
                      "a period change of %+.3g s leaves it",
                      fl.cluster.c_str(), fl.workload.c_str(), fl.period_s, fl.harmonic,
                      fl.harmonic / fl.period_s, fl.shift_s);
      else
        std::snprintf(b, sizeof b, "    %s (%s): iteration %.3g s — harmonics 1, 3, 5 outside",
                      fl.cluster.c_str(), fl.workload.c_str(), fl.period_s);
      o << detail::wrap_text(b, 100, 6);
    }
  }

  o << "\n  Ride-through of the dip sequence:\n";
  for (const RideThroughCase& c : r.ride_through) {
    o << detail::wrap_text("  " + std::string(c.setting == "site" ? "site setting" : c.setting) +
                               ": " + c.description, 100, 4);
    if (c.transferred) {
      std::snprintf(b, sizeof b,
                    "    → %.1f MW to backup at %.3g s%s; the grid loses it at once; back at %s "
                    "(%s)",
                    in_megawatts(c.transferred_load), c.transfer_s,
                    c.strike > 0 ? (" (strike " + std::to_string(c.strike) + ")").c_str() : "",
                    clock_text(c.return_s).c_str(), c.manual_return ? "by hand" : "automatic");
    } else {
      std::snprintf(b, sizeof b,
                    "    → nothing transferred; %d momentary dips of %.1f MW (UPS-fed load on "
                    "battery for each dip)",
                    c.momentary, in_megawatts(c.momentary_load));
    }
    o << detail::wrap_text(b, 100, 6);
    for (const RideThroughEvent& e : c.timeline) {
      std::snprintf(b, sizeof b, "      %10s  %+8.1f MW  %s", clock_text(e.time_s).c_str(),
                    in_megawatts(e.grid_step), e.what.c_str());
      o << detail::wrap_text(b, 100, 30);
    }
  }

  const IslandCheck& is = r.island;
  o << "\n";
  if (!is.applies) {
    o << "  Islanded plant: no lng_ccgt source on this site (not checked)\n";
  } else {
    std::snprintf(b, sizeof b,
                  "  Islanded on %s (%.0f MW, ramp %.2f MW/s, governor %.3g s, droop %.0f %%, "
                  "H %.3g s): frequency deviation %.3f Hz against ±%.3g Hz — %s",
                  is.plant.c_str(), in_megawatts(is.capacity), is.ramp_w_per_s / 1e6,
                  is.governor_s, 100 * is.droop, is.inertia_s, is.max_frequency_deviation_hz,
                  is.limit_hz, is.follows ? "follows" : "does NOT follow");
    o << detail::wrap_text(b, 100, 4);
    if (!is.follows) {
      std::snprintf(b, sizeof b,
                    "    a grid-forming battery bridge of %.1f MW / %.4f MWh closes the gap",
                    in_megawatts(is.bridge_power), in_megawatt_hours(is.bridge_energy));
      o << detail::wrap_text(b, 100, 6);
    }
    const IslandCheck& st = r.island_with_stack;
    if (st.applies) {
      std::snprintf(b, sizeof b, "    behind the cheapest stack: %.3f Hz — %s", st.max_frequency_deviation_hz,
                    st.follows ? "follows" : "does NOT follow");
      std::string t = b;
      if (!st.follows) {
        std::snprintf(b, sizeof b, "; a bridge of %.1f MW / %.4f MWh", in_megawatts(st.bridge_power),
                      in_megawatt_hours(st.bridge_energy));
        t += b;
      }
      o << detail::wrap_text(t, 100, 6);
    }
  }
  o << "\n  verdict: " << (r.compliant() ? "compliant" : "NOT compliant") << "\n";
  for (const std::string& n : r.notes) o << detail::wrap_text("  note: " + n, 100, 4);
  return o.str();
}

namespace {

std::string metrics_json(const SwingMetrics& m) {
  std::string o = "{\"mean_mw\": " + json_number(in_megawatts(m.mean)) +
                  ", \"max_ramp_mw_per_s\": " + json_number(m.max_ramp_w_per_s / 1e6) +
                  ", \"dynamic_range_mw\": " + json_number(in_megawatts(m.dynamic_range)) +
                  ", \"band_share\": " + json_number(m.band_share) +
                  ", \"band_rms_mw\": " + json_number(in_megawatts(m.band_rms)) +
                  ", \"inter_area_share\": " + json_number(m.inter_area_share) +
                  ", \"modal_amplitude_mw\": " + json_number(in_megawatts(m.modal_amplitude)) +
                  ", \"rms_mw\": " + json_number(in_megawatts(m.rms)) + ", \"band_rms_by_band_mw\": [";
  for (size_t i = 0; i < m.band_rms_w.size(); ++i)
    o += (i ? ", " : "") + json_number(m.band_rms_w[i] / 1e6);
  o += "], \"compliant\": ";
  o += m.compliant() ? "true" : "false";
  o += ", \"breaches\": [";
  for (size_t i = 0; i < m.breaches.size(); ++i) o += (i ? ", " : "") + json_string(m.breaches[i]);
  o += "]}";
  return o;
}

std::string layers_json(const std::vector<SwingLayer>& layers) {
  std::string o = "[";
  for (size_t i = 0; i < layers.size(); ++i) {
    const SwingLayer& l = layers[i];
    o += i ? ",\n    " : "\n    ";
    o += "{\"name\": " + json_string(l.name) + ", \"label\": " + json_string(l.label) +
         ", \"active\": " + (l.active ? "true" : "false") +
         ", \"burned_mwh\": " + json_number(in_megawatt_hours(l.burned)) +
         ", \"losses_mwh\": " + json_number(in_megawatt_hours(l.losses)) +
         ", \"storage_mw\": " + json_number(in_megawatts(l.storage_power)) +
         ", \"storage_mwh\": " + json_number(in_megawatt_hours(l.storage_energy)) +
         ", \"peak_storage_mw\": " + json_number(in_megawatts(l.peak_storage_power)) +
         ", \"cycles_per_day\": " + json_number(l.cycles_per_day) +
         ", \"limited_steps\": " + std::to_string(l.limited_steps) +
         ", \"cost_usd_per_yr\": " + json_number(l.cost_usd_per_yr) +
         ", \"after\": " + (l.active ? metrics_json(l.after) : std::string("null")) + "}";
  }
  return o + "]";
}

}  // namespace

std::string to_json(const SwingResult& r) {
  std::ostringstream o;
  o << "{\n  \"site\": " << json_string(r.site) << ",\n  \"window_status\": "
    << json_string(std::string(r.run_status.name())) << ",\n  \"timestep_s\": " << json_number(r.dt_s)
    << ",\n  \"start_s\": " << json_number(in_si(r.start))
    << ",\n  \"duration_s\": " << json_number(in_si(r.duration)) << ",\n  \"steps\": " << r.steps
    << ",\n  \"gpus\": " << r.gpus << ",\n  \"facility_per_it\": " << json_number(r.facility_per_it)
    << ",\n  \"energy_price_usd_per_mwh\": " << json_number(r.energy_price_usd_per_j * 3.6e9)
    << ",\n  \"as_run_max_ramp_mw_per_s\": " << json_number(r.layers.front().after.max_ramp_w_per_s / 1e6)
    << ",\n  \"as_run_dynamic_range_mw\": " << json_number(in_megawatts(r.layers.front().after.dynamic_range))
    << ",\n  \"as_run_band_share\": " << json_number(r.layers.front().after.band_share)
    << ",\n  \"as_run_band_rms_mw\": " << json_number(in_megawatts(r.layers.front().after.band_rms))
    << ",\n  \"grid_max_ramp_mw_per_s\": " << json_number(r.layers.back().after.max_ramp_w_per_s / 1e6)
    << ",\n  \"grid_band_share\": " << json_number(r.layers.back().after.band_share)
    << ",\n  \"grid_band_rms_mw\": " << json_number(in_megawatts(r.layers.back().after.band_rms))
    << ",\n  \"stack_cost_usd_per_yr\": " << (r.stack.found ? json_number(r.stack.cost_usd_per_yr) : std::string("null"))
    << ",\n  \"ride_through_transferred_mw\": " << json_number(r.ride_through.empty() ? 0.0 : in_megawatts(r.ride_through.front().transferred_load))
    << ",\n  \"ride_through_transfer_s\": " << (r.ride_through.empty() || !r.ride_through.front().transferred ? std::string("null") : json_number(r.ride_through.front().transfer_s))
    << ",\n  \"spectrum_edges_hz\": [";
  for (size_t i = 0; i < r.spectrum_edges_hz.size(); ++i)
    o << (i ? ", " : "") << json_number(r.spectrum_edges_hz[i]);
  o << "],\n  \"layers\": " << layers_json(r.layers);
  const SwingStack& s = r.stack;
  o << ",\n  \"stack\": {\"searched\": " << (s.searched ? "true" : "false")
    << ", \"found\": " << (s.found ? "true" : "false") << ", \"method\": " << json_string(s.method)
    << ", \"evaluated\": " << s.evaluated << ", \"gpu_floor\": " << json_number(s.gpu_floor)
    << ", \"ups_share\": " << json_number(s.ups_share)
    << ", \"bess_mw\": " << json_number(in_megawatts(s.bess_power))
    << ", \"bess_mwh\": " << json_number(in_megawatt_hours(s.bess_energy))
    << ", \"supercap_mw\": " << json_number(in_megawatts(s.supercap_power))
    << ", \"supercap_mwh\": " << json_number(in_megawatt_hours(s.supercap_energy))
    << ", \"cost_usd_per_yr\": " << json_number(s.cost_usd_per_yr)
    << ", \"why_not\": " << json_string(s.why_not) << ", \"layers\": " << layers_json(s.layers) << "}";
  const ModalCheck& m = r.modal;
  o << ",\n  \"modal\": {\"declared\": " << (m.declared ? "true" : "false")
    << ", \"low_hz\": " << json_number(m.low_hz) << ", \"high_hz\": " << json_number(m.high_hz)
    << ", \"amplitude_mw\": " << json_number(in_megawatts(m.amplitude))
    << ", \"max_amplitude_mw\": " << json_number(in_megawatts(m.max_amplitude))
    << ", \"gpus\": " << m.gpus << ", \"max_gpus\": " << m.max_gpus << ", \"flags\": [";
  for (size_t i = 0; i < m.flags.size(); ++i) {
    const ModalFlag& fl = m.flags[i];
    o << (i ? ", " : "") << "{\"cluster\": " << json_string(fl.cluster)
      << ", \"workload\": " << json_string(fl.workload) << ", \"period_s\": " << json_number(fl.period_s)
      << ", \"harmonic\": " << fl.harmonic << ", \"in_band\": " << (fl.in_band ? "true" : "false")
      << ", \"shift_s\": " << json_number(fl.shift_s) << "}";
  }
  o << "]},\n  \"ride_through\": [";
  for (size_t i = 0; i < r.ride_through.size(); ++i) {
    const RideThroughCase& c = r.ride_through[i];
    o << (i ? ",\n    " : "\n    ") << "{\"setting\": " << json_string(c.setting)
      << ", \"description\": " << json_string(c.description)
      << ", \"transferred\": " << (c.transferred ? "true" : "false")
      << ", \"transfer_s\": " << json_number(c.transfer_s) << ", \"strike\": " << c.strike
      << ", \"transferred_mw\": " << json_number(in_megawatts(c.transferred_load))
      << ", \"return_s\": " << json_number(c.return_s)
      << ", \"manual_return\": " << (c.manual_return ? "true" : "false")
      << ", \"momentary\": " << c.momentary
      << ", \"momentary_mw\": " << json_number(in_megawatts(c.momentary_load)) << ", \"timeline\": [";
    for (size_t j = 0; j < c.timeline.size(); ++j)
      o << (j ? ", " : "") << "{\"time_s\": " << json_number(c.timeline[j].time_s)
        << ", \"what\": " << json_string(c.timeline[j].what)
        << ", \"grid_step_mw\": " << json_number(in_megawatts(c.timeline[j].grid_step)) << "}";
    o << "]}";
  }
  auto island_json = [](const IslandCheck& is) {
    return "{\"applies\": " + std::string(is.applies ? "true" : "false") +
           ", \"plant\": " + json_string(is.plant) + ", \"capacity_mw\": " + json_number(in_megawatts(is.capacity)) +
           ", \"ramp_mw_per_s\": " + json_number(is.ramp_w_per_s / 1e6) +
           ", \"max_frequency_deviation_hz\": " + json_number(is.max_frequency_deviation_hz) +
           ", \"limit_hz\": " + json_number(is.limit_hz) + ", \"follows\": " + (is.follows ? "true" : "false") +
           ", \"bridge_mw\": " + json_number(in_megawatts(is.bridge_power)) +
           ", \"bridge_mwh\": " + json_number(in_megawatt_hours(is.bridge_energy)) + "}";
  };
  o << "],\n  \"island\": " << island_json(r.island)
    << ",\n  \"island_with_stack\": " << island_json(r.island_with_stack);
  o << ",\n  \"compliant\": " << (r.compliant() ? "true" : "false") << ",\n  \"notes\": [";
  for (size_t i = 0; i < r.notes.size(); ++i) o << (i ? ", " : "") << json_string(r.notes[i]);
  o << "]\n}\n";
  return o.str();
}

std::string swing_series_csv(const SwingResult& r) {
  std::string o = "time_s";
  for (const std::string& n : r.series_names) {
    o += ",grid_after_";
    o += n == "as run" ? std::string("none") : n;
    o += "_mw";
  }
  o += "\n";
  char b[64];
  for (size_t k = 0; k < r.steps; ++k) {
    std::snprintf(b, sizeof b, "%.6g", static_cast<double>(k) * r.dt_s);
    o += b;
    for (const auto& s : r.series_w) {
      o += ',';
      o += json_number(s[k] / 1e6);
    }
    o += "\n";
  }
  return o;
}

std::string swing_spectrum_csv(const SwingResult& r) {
  std::vector<detail::PowerSpectrum> spectra(r.series_w.size());
  for (size_t i = 0; i < r.series_w.size(); ++i) {
    const detail::SwingArray p = Eigen::Map<const detail::SwingArray>(
        r.series_w[i].data(), static_cast<Eigen::Index>(r.series_w[i].size()));
    detail::power_spectrum(p, r.dt_s, spectra[i]);
  }
  std::string o = "frequency_hz";
  for (const std::string& n : r.series_names) {
    o += ",power_after_";
    o += n == "as run" ? std::string("none") : n;
    o += "_mw2";
  }
  o += "\n";
  if (spectra.empty()) return o;
  for (size_t k = 1; k < spectra[0].power_w2.size(); ++k) {
    o += json_number(static_cast<double>(k) * spectra[0].df_hz);
    for (const auto& s : spectra) {
      o += ',';
      o += json_number(s.power_w2[k] / 1e12);
    }
    o += "\n";
  }
  return o;
}

}  // namespace dcload
