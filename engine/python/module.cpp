// dcload._core: the engine for Python (pybind11). The documented API is the package around it,
// dcload/__init__.py (stub: dcload/__init__.pyi); these bindings stay close to the C++ API.
//
// Lifetimes: a _Run owns its RunResult; channel arrays are NumPy views of the RunResult's
// vectors with the _Run as their base object, so the storage lives as long as any array of it.
// Every run, search, sweep and optimization releases the GIL while the engine works.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>
#include <pybind11/stl/filesystem.h>

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "config/quantity.hpp"
#include "dcload/dcload.hpp"

namespace py = pybind11;

namespace dcload::python {
namespace {

// dcload.ConfigError (defined in dcload/__init__.py, handed over by _set_config_error at import).
// A strong reference for the interpreter's lifetime: the class outlives every call into us.
PyObject* g_config_error = nullptr;

// ---- arguments --------------------------------------------------------------------------

// A duration: text with its unit ("15 min", "1 s") as on the command line, or a
// datetime.timedelta. Bare numbers are refused, as the command line refuses them.
Duration duration_arg(const py::handle& value, const char* key) {
  if (py::isinstance<py::str>(value)) {
    const std::string text = value.cast<std::string>();
    try {
      return seconds(detail::parse_quantity(text, detail::Dimension::kDuration).value_si);
    } catch (const detail::QuantityError& e) {
      throw ConfigError("", 0, 0, key, "\"" + text + "\": " + e.what());
    }
  }
  if (py::hasattr(value, "total_seconds") && !py::isinstance<py::bool_>(value))
    return seconds(value.attr("total_seconds")().cast<double>());
  throw ConfigError("", 0, 0, key,
                    std::string(py::str(py::repr(value))) +
                        ": expected a duration with its unit, e.g. \"15 min\", or a "
                        "datetime.timedelta");
}

// A window start: "MM-DD HH:MM[:SS]" local standard time, or a timedelta after 1 January 00:00.
Duration start_arg(const py::handle& value) {
  if (py::isinstance<py::str>(value)) return parse_year_time(value.cast<std::string>());
  return duration_arg(value, "start");
}

// A weather source: "builtin:NAME" or a file path (str or os.PathLike), a path relative to the
// current folder (as `dcload run --weather`).
std::string weather_arg(const py::handle& value) {
  if (value.is_none()) return {};
  const std::string text = py::str(py::module_::import("os").attr("fspath")(value));
  if (text.rfind("builtin:", 0) == 0) return text;
  return std::filesystem::absolute(text).lexically_normal().string();
}

RunOptions run_options(const py::object& timestep, const py::object& weather,
                       const py::object& window, const py::object& channels) {
  RunOptions o;
  o.timestep = duration_arg(timestep, "timestep");
  o.weather_override = weather_arg(weather);
  if (!window.is_none()) {
    const auto w = window.cast<py::sequence>();
    if (py::isinstance<py::str>(window) || w.size() != 2)
      throw ConfigError("", 0, 0, "window",
                        "expected (start, duration), e.g. (\"07-15 14:00\", \"10 min\")");
    o.start = start_arg(w[0]);
    o.duration = duration_arg(w[1], "duration");
  }
  if (!channels.is_none()) {
    if (py::isinstance<py::str>(channels))
      throw ConfigError("", 0, 0, "channels", "expected a list of channel names, not one string");
    for (const py::handle& c : channels) o.channels.push_back(c.cast<std::string>());
    if (o.channels.empty()) o.channels = {"none"};
  }
  if (const auto problems = o.validate(); !problems.empty())
    throw ConfigError("", 0, 0, "timestep", problems.front());
  return o;
}

// ---- results ----------------------------------------------------------------------------

const Channel& find_channel(const std::vector<Channel>& channels, const std::string& name) {
  for (const Channel& c : channels)
    if (c.name == name) return c;
  throw py::key_error(name);
}

// A read-only 1-D view of `values`, kept alive by `owner`.
py::array view(const std::vector<double>& values, const py::object& owner) {
  py::array_t<double> a({static_cast<py::ssize_t>(values.size())},
                        {static_cast<py::ssize_t>(sizeof(double))}, values.data(), owner);
  a.attr("setflags")(py::arg("write") = false);
  return a;
}

// The unit a channel's CSV column is in, from its column suffix ("mw" → "MW").
std::string readable_unit(const std::string& suffix) {
  if (suffix == "mw") return "MW";
  if (suffix == "c") return "°C";
  if (suffix == "m3_per_h") return "m³/h";
  if (suffix == "t_per_h") return "t/h";
  return suffix;
}

py::dict channel_info(const Channel& c) {
  py::dict d;
  d["unit"] = c.unit;
  d["display_unit"] = readable_unit(c.display_unit);
  d["csv_column"] = c.display_unit.empty() ? c.name : c.name + "_" + c.display_unit;
  d["display_scale"] = c.display_scale;
  d["display_offset"] = c.display_offset;
  return d;
}

std::vector<std::string> names_of(const std::vector<Channel>& channels) {
  std::vector<std::string> names;
  names.reserve(channels.size());
  for (const Channel& c : channels) names.push_back(c.name);
  return names;
}

py::list inputs_of(const Site& s) {
  py::list out;
  for (const ResolvedInput& i : s.inputs) {
    py::dict d;
    d["key"] = i.key;
    d["value"] = i.value;
    d["unit"] = i.unit;
    d["origin"] = i.origin;
    d["source"] = i.source;
    d["description"] = i.description;
    out.append(d);
  }
  return out;
}

std::int64_t gpu_count(const Site& s) {
  const Site built = s.phases.empty() ? s : s.built_by(s.phases.back().year);
  std::int64_t n = 0;
  for (const auto& c : built.clusters) n += c.count;
  return n;
}

// Summary-only runs of several sites on up to `threads` threads (0: every core), in order.
std::vector<RunResult> run_many(const std::vector<Site>& sites, const RunOptions& options,
                                unsigned threads) {
  std::vector<RunResult> results(sites.size());
  std::vector<std::exception_ptr> errors(sites.size());
  const unsigned width = std::max(1u, threads ? threads : std::thread::hardware_concurrency());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    Workspace ws;  // one per thread (Workspace: one run at a time)
    RunOptions o = options;
    o.workspace = &ws;
    for (std::size_t i; (i = next++) < sites.size();) {
      try {
        results[i] = run(sites[i], o);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  {
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < std::min<std::size_t>(width, sites.size()); ++t) pool.emplace_back(work);
    work();
    for (auto& t : pool) t.join();
  }
  for (const auto& e : errors)
    if (e) std::rethrow_exception(e);
  return results;
}

}  // namespace
}  // namespace dcload::python

PYBIND11_MODULE(_core, m) {
  using namespace dcload;
  using namespace dcload::python;
  m.doc() = "dcload's C++ engine; use the dcload package (dcload/__init__.py), not this module.";
  m.attr("version") = std::string(kVersion);
  m.attr("charts_available") = report_charts_available();

  m.def("_set_config_error", [](py::object cls) {
    Py_XDECREF(g_config_error);
    g_config_error = cls.release().ptr();
  });
  py::register_exception_translator([](std::exception_ptr p) {
    try {
      if (p) std::rethrow_exception(p);
    } catch (const ConfigError& e) {
      if (!g_config_error) {
        PyErr_SetString(PyExc_ValueError, e.what());
        return;
      }
      py::object err = py::reinterpret_borrow<py::object>(g_config_error)(
          e.what(), e.file(), e.line(), e.column(), e.key(), e.message());
      PyErr_SetObject(g_config_error, err.ptr());
    }
  });

  // ---- sites --------------------------------------------------------------------------------
  py::class_<Site>(m, "Site")
      .def_readonly("name", &Site::name)
      .def_property_readonly("file", [](const Site& s) { return s.file.string(); })
      .def_readonly("weather", &Site::weather)
      .def_readonly("seed", &Site::seed)
      .def_readonly("notes", &Site::notes)
      .def_property_readonly("gpu_count", &gpu_count)
      .def_property_readonly("design_it_power_w",
                             [](const Site& s) {
                               const Site b = s.phases.empty() ? s : s.built_by(s.phases.back().year);
                               return in_si(b.design_it_power());
                             })
      .def_property_readonly("phase_years",
                             [](const Site& s) {
                               std::vector<int> y;
                               for (const auto& p : s.phases) y.push_back(p.year);
                               return y;
                             })
      .def_property_readonly("inputs", &inputs_of)
      .def("built_by", &Site::built_by, py::arg("year"))
      .def("validate", &Site::validate)
      .def("channel_names", &channel_names)
      .def("__repr__", [](const Site& s) {
        return "<dcload.Site '" + s.name + "' (" +
               (s.file.empty() ? std::string("built in") : s.file.string()) + ")>";
      });

  m.def("load_site", &load_site, py::arg("path"), py::arg("overrides") = std::vector<std::string>{});
  m.def("load_site_from_string", &load_site_from_string, py::arg("text"),
        py::arg("name") = "<string>", py::arg("overrides") = std::vector<std::string>{});
  m.def("default_site", &default_site, py::arg("overrides") = std::vector<std::string>{});
  m.def("validate_site_file",
        [](const std::filesystem::path& path, const std::vector<std::string>& overrides) {
          std::vector<py::tuple> out;
          for (const ConfigError& e : validate_site_file(path, overrides))
            out.push_back(py::make_tuple(e.what(), e.file(), e.line(), e.column(), e.key(), e.message()));
          return out;
        },
        py::arg("path"), py::arg("overrides") = std::vector<std::string>{});

  // ---- runs ---------------------------------------------------------------------------------
  py::class_<RunResult>(m, "_Run")
      .def_property_readonly("status", [](const RunResult& r) { return std::string(r.status.name()); })
      .def_property_readonly("messages", [](const RunResult& r) { return r.status.messages; })
      .def("summary_json", [](const RunResult& r) { return to_json(r.summary); })
      .def("summary_value", [](const RunResult& r, const std::string& key) { return summary_value(r.summary, key); })
      .def_property_readonly("cost_is_complete", [](const RunResult& r) { return cost_is_complete(r.summary); })
      .def_property_readonly("steps", [](const RunResult& r) { return r.summary.steps; })
      .def_property_readonly("timestep_s", [](const RunResult& r) { return in_si(r.summary.timestep); })
      .def_property_readonly("start_s", [](const RunResult& r) { return in_si(r.summary.start); })
      .def_property_readonly("utc_offset_h", [](const RunResult& r) { return r.summary.utc_offset_h; })
      .def_property_readonly("calendar_year", [](const RunResult& r) { return r.summary.calendar_year; })
      .def("channel_names", [](const RunResult& r) { return names_of(r.channels); })
      .def("channel", [](py::object self, const std::string& name) {
        return view(find_channel(self.cast<const RunResult&>().channels, name).values, self);
      })
      .def("channel_info", [](const RunResult& r, const std::string& name) {
        return channel_info(find_channel(r.channels, name));
      })
      // The address of the C++ storage of a channel (the zero-copy test compares it with the
      // array's buffer).
      .def("channel_address", [](const RunResult& r, const std::string& name) {
        return reinterpret_cast<std::uintptr_t>(find_channel(r.channels, name).values.data());
      })
      .def("design_day_names", [](const RunResult& r) { return names_of(r.design_day); })
      .def("design_day", [](py::object self, const std::string& name) {
        return view(find_channel(self.cast<const RunResult&>().design_day, name).values, self);
      })
      .def("design_day_info", [](const RunResult& r, const std::string& name) {
        return channel_info(find_channel(r.design_day, name));
      })
      .def("brief", &RunResult::brief)
      .def("full", &RunResult::full)
      .def("write", [](const RunResult& r, const std::filesystem::path& dir) { write_outputs(r, dir); },
           py::arg("dir"), py::call_guard<py::gil_scoped_release>());

  m.def("run",
        [](const Site& site, const py::object& timestep, const py::object& weather,
           const py::object& window, const py::object& channels) {
          RunOptions o = run_options(timestep, weather, window, channels);
          // Each Python thread keeps the engine's working storage from one run to the next (as
          // a sweep does): after the first run a loop allocates nothing. Results are the same
          // bits with or without it (dcload/run.hpp, Workspace).
          thread_local Workspace workspace;
          o.workspace = &workspace;
          py::gil_scoped_release release;
          return run(site, o);
        },
        py::arg("site"), py::arg("timestep"), py::arg("weather"), py::arg("window"),
        py::arg("channels"));

  m.def("run_many",
        [](const std::vector<Site>& sites, const py::object& timestep, const py::object& weather,
           unsigned threads) {
          RunOptions o = run_options(timestep, weather, py::none(), py::none());
          o.channels = {"none"};
          py::gil_scoped_release release;
          return run_many(sites, o, threads);
        },
        py::arg("sites"), py::arg("timestep"), py::arg("weather"), py::arg("threads"));

  m.def("compare_report", [](const std::vector<const RunResult*>& runs) {
    std::vector<Summary> s;
    for (const RunResult* r : runs) s.push_back(r->summary);
    py::gil_scoped_release release;
    return html_compare_report(s);
  });

  m.def("site_report",
        [](const Site& site, const py::object& timestep, const py::object& weather,
           const py::object& window, const std::string& command) {
          const RunOptions o = run_options(timestep, weather, window, py::none());
          py::gil_scoped_release release;
          SiteReport r = html_site_report(site, o, {command});
          return std::make_pair(std::move(r.result), std::move(r.html));
        });
  m.def("write_report_file",
        [](const std::filesystem::path& path, const std::string& html) { write_report_file(path, html); });
  m.def("check_report_path", [](const std::filesystem::path& path) { check_report_path(path); });

  // ---- capacity -----------------------------------------------------------------------------
  py::class_<CapacityResult>(m, "_Capacity")
      .def("to_json", [](const CapacityResult& c) { return to_json(c); })
      .def("report", [](const CapacityResult& c) { return capacity_report(c); });
  m.def("capacity",
        [](const Site& site, const py::object& timestep, const py::object& weather) {
          const RunOptions o = run_options(timestep, weather, py::none(), py::none());
          py::gil_scoped_release release;
          return find_capacity(site, o);
        },
        py::arg("site"), py::arg("timestep"), py::arg("weather"));

  // ---- interconnection: flexibility, outage survival, the data pack and the KGIA pre-screen ----
  py::class_<FlexResult>(m, "_Flex")
      .def("to_json", [](const FlexResult& f) { return to_json(f); })
      .def("report", [](const FlexResult& f) { return flex_report(f); })
      .def("html", [](const FlexResult& f) { return html_flex_report(f); });
  m.def("flex",
        [](const Site& site, const py::object& weather) {
          RunOptions o;
          o.weather_override = weather_arg(weather);
          py::gil_scoped_release release;
          return find_flex_capacity(site, o);
        },
        py::arg("site"), py::arg("weather"));
  py::class_<SiteOutage>(m, "_Outage")
      .def("to_json", [](const SiteOutage& s) { return to_json(s); })
      .def("report", [](const SiteOutage& s) { return outage_report(s); })
      .def("html", [](const SiteOutage& s) { return html_outage_report(s); })
      .def("survival_by_start", [](const SiteOutage& s) { return s.survival.by_start; });
  m.def("outage",
        [](const Site& site, const py::object& weather) {
          RunOptions o;
          o.weather_override = weather_arg(weather);
          py::gil_scoped_release release;
          return site_outage(site, o);
        },
        py::arg("site"), py::arg("weather"));
  py::class_<SwingResult>(m, "_Swing")
      .def("to_json", [](const SwingResult& r) { return to_json(r); })
      .def("report", [](const SwingResult& r) { return swing_report(r); })
      .def_readonly("series_names", &SwingResult::series_names)
      .def_readonly("timestep_s", &SwingResult::dt_s)
      .def("series", [](const SwingResult& r) { return r.series_w; });
  m.def("swing",
        [](const Site& site, const py::object& start, const py::object& duration,
           const py::object& timestep, bool search, const py::object& weather) {
          SwingOptions o;
          if (!start.is_none()) o.start = start.cast<std::string>();
          if (!duration.is_none()) o.duration = duration_arg(duration, "duration");
          if (!timestep.is_none()) o.timestep = duration_arg(timestep, "timestep");
          o.search = search;
          o.weather_override = weather_arg(weather);
          py::gil_scoped_release release;
          return swing(site, o);
        },
        py::arg("site"), py::arg("start"), py::arg("duration"), py::arg("timestep"),
        py::arg("search"), py::arg("weather"));
  m.def("interconnection",
        [](const std::vector<Site>& sites, const py::object& timestep, const py::object& weather) {
          const RunOptions o = run_options(timestep, weather, py::none(), py::none());
          std::string json, pack, kgia, html;
          {
            py::gil_scoped_release release;  // the engine only: Python objects need the GIL
            std::vector<InterconnectionPack> packs;
            for (const Site& s : sites) packs.push_back(interconnection_pack(s, o));
            json = to_json(packs);
            pack = datapack_report(packs);
            kgia = kgia_report(packs);
            if (report_charts_available()) html = html_interconnection_report(packs);
          }
          return py::make_tuple(json, pack, kgia, html);
        },
        py::arg("sites"), py::arg("timestep"), py::arg("weather"));

  // ---- sweeps -------------------------------------------------------------------------------
  py::class_<SweepSpec>(m, "SweepSpec")
      .def_property_readonly("file", [](const SweepSpec& s) { return s.file.string(); })
      .def_property_readonly("sites", [](const SweepSpec& s) {
        std::vector<std::string> v;
        for (const auto& p : s.sites) v.push_back(p.string());
        return v;
      })
      .def_property_readonly("method", [](const SweepSpec& s) { return std::string(sample_method_name(s.method)); })
      .def_readonly("n", &SweepSpec::n)
      .def_readonly("seed", &SweepSpec::seed)
      .def_readonly("outputs", &SweepSpec::outputs)
      .def_property_readonly("factors", [](const SweepSpec& s) {
        std::vector<std::string> v;
        for (const auto& f : s.factors) v.push_back(f.name);
        return v;
      })
      .def("scenario_count", &SweepSpec::scenario_count)
      .def("__repr__", [](const SweepSpec& s) {
        return "<dcload.SweepSpec " + std::string(sample_method_name(s.method)) + ", " +
               std::to_string(s.scenario_count()) + " scenarios>";
      });
  m.def("load_sweep", &load_sweep, py::arg("path"));
  m.def("load_sweep_from_string", &load_sweep_from_string, py::arg("text"),
        py::arg("name") = "<string>", py::arg("base_dir") = std::filesystem::path{});

  py::class_<SweepResult>(m, "_Sweep")
      .def("to_json", [](const SweepResult& r) { return to_json(r); })
      .def("to_csv", [](const SweepResult& r) { return to_csv(r); })
      .def_readonly("spec", &SweepResult::spec)
      .def_readonly("messages", &SweepResult::messages)
      .def_readonly("invalid", &SweepResult::invalid)
      .def_property_readonly("size", [](const SweepResult& r) { return r.scenarios.size(); })
      // Column arrays of the scenario table (copies: scenarios are stored row by row).
      .def("outputs", [](const SweepResult& r) {
        const std::size_t k = r.spec.outputs.size();
        py::array_t<double> a({r.scenarios.size(), k});
        auto v = a.mutable_unchecked<2>();
        for (std::size_t i = 0; i < r.scenarios.size(); ++i)
          for (std::size_t j = 0; j < k; ++j) v(i, j) = r.scenarios[i].outputs[j];
        return a;
      })
      .def("inputs", [](const SweepResult& r) {
        const std::size_t k = r.spec.factors.size();
        py::array_t<double> a({r.scenarios.size(), k});
        auto v = a.mutable_unchecked<2>();
        for (std::size_t i = 0; i < r.scenarios.size(); ++i)
          for (std::size_t j = 0; j < k; ++j) v(i, j) = r.scenarios[i].inputs[j];
        return a;
      })
      .def("values", [](const SweepResult& r) {
        std::vector<std::vector<std::string>> v;
        for (const auto& s : r.scenarios) v.push_back(s.values);
        return v;
      })
      .def("scenario_sites", [](const SweepResult& r) {
        std::vector<std::size_t> v;
        for (const auto& s : r.scenarios) v.push_back(s.site);
        return v;
      })
      .def("statuses", [](const SweepResult& r) {
        std::vector<std::string> v;
        for (const auto& s : r.scenarios) v.push_back(s.status);
        return v;
      })
      .def("errors", [](const SweepResult& r) {
        std::vector<std::string> v;
        for (const auto& s : r.scenarios) v.push_back(s.error);
        return v;
      })
      .def("html", [](const SweepResult& r) { return html_sweep_report(r); });
  m.def("sweep",
        [](const SweepSpec& spec, unsigned threads) {
          py::gil_scoped_release release;
          return sweep(spec, {.threads = threads});
        },
        py::arg("spec"), py::arg("threads"));

  // ---- optimization -------------------------------------------------------------------------
  py::class_<OptimizeResult>(m, "_Optimize")
      .def("to_json", [](const OptimizeResult& r) { return to_json(r); })
      .def("report", &OptimizeResult::report)
      .def_readonly("status", &OptimizeResult::status)
      .def_readonly("optimized_site", &OptimizeResult::optimized_site)
      .def("simulated_json", [](const OptimizeResult& r) -> std::optional<std::string> {
        if (!r.simulated) return std::nullopt;
        return to_json(*r.simulated);
      })
      .def_property_readonly("simulated_status", [](const OptimizeResult& r) {
        return std::string(r.simulated_status.name());
      })
      .def("html", [](const OptimizeResult& r) { return html_optimize_report(r); });
  m.def("optimize",
        [](const Site& site, std::optional<double> cfe, std::optional<double> co2_cap_kg,
           bool simulate, const py::object& weather) {
          OptimizeOptions o{.cfe_target = cfe, .co2_cap_kg = co2_cap_kg, .simulate = simulate,
                            .weather_override = weather_arg(weather)};
          py::gil_scoped_release release;
          return optimize(site, o);
        },
        py::arg("site"), py::arg("cfe"), py::arg("co2_cap_kg"), py::arg("simulate"),
        py::arg("weather"));

  // ---- reference tables -----------------------------------------------------------------------
  m.def("site_keys", [] {
    py::list out;
    for (const SiteKey& k : site_keys()) {
      py::dict d;
      d["key"] = k.key;
      d["type"] = k.type;
      d["default"] = k.default_text;
      d["range"] = k.range;
      d["description"] = k.description;
      d["source"] = k.source;
      d["required"] = k.required;
      out.append(d);
    }
    return out;
  });
  m.def("summary_keys", [] {
    py::list out;
    for (const SummaryKey& k : summary_keys()) {
      py::dict d;
      d["key"] = std::string(k.key);
      d["unit"] = std::string(k.unit);
      d["meaning"] = std::string(k.meaning);
      d["number"] = is_summary_number(k.key);
      out.append(d);
    }
    return out;
  });
  m.def("catalog_names", &catalog_names);
  m.def("catalog_json", &catalog_json, py::arg("name"));
  m.def("builtin_stations", &builtin_stations);
  m.def("wet_bulb_c",
        [](double dry_bulb_c, double relative_humidity, double pressure_pa) {
          return in_celsius(wet_bulb(celsius(dry_bulb_c), relative_humidity, pascals(pressure_pa)));
        },
        py::arg("dry_bulb_c"), py::arg("relative_humidity"), py::arg("pressure_pa") = 101325.0);
}
