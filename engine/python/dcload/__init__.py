"""dcload: power draw, cooling plant, water and grid headroom of AI data-center campuses.

The C++ engine of the ``dcload`` command, for Python. The same site files, the same numbers::

    import dcload
    site = dcload.load_site("configs/ulsan.toml", overrides=["cluster[0].count=30000"])
    r = dcload.run(site, timestep="15 min")
    r.summary.pue_annual            # attribute access ...
    r.summary["peak_facility_mw"]   # ... or the Summary JSON's key names
    r.status                        # "ok", "over_capacity", "n1_exceeded", ...
    it = r.channels["it_power"]     # NumPy view of the engine's storage, W, no copy

Units: channels are SI (W, °C, kg/s, ...; ``Result.channels.units``); the summary uses the JSON's
units, named in its keys (``_mw``, ``_mwh``, ``_m3``). Bad input raises ConfigError with the
place (``.file``, ``.line``, ``.column``, ``.key``) and the command line's message. Runs release
the GIL: Python threads run scenarios in parallel.
"""

from __future__ import annotations

import datetime as _dt
import json as _json
import os as _os
from collections.abc import Mapping as _Mapping

__all__ = [
    "ConfigError", "Site", "Result", "Summary", "Record", "Channels", "Comparison",
    "CapacityResult", "SweepSpec", "SweepResult", "OptimizeResult",
    "load_site", "load_site_from_string", "default_site", "validate_site_file", "run",
    "compare", "capacity", "load_sweep", "load_sweep_from_string", "sweep", "optimize",
    "report", "keys", "summary_keys", "catalog", "catalogs", "builtin_stations", "wet_bulb_c",
    "flex", "outage", "datapack", "kgia", "kgia_report", "FlexResult", "OutageResult",
    "swing", "SwingResult",
    "REFERENCE_YEAR", "__version__",
]


class ConfigError(ValueError):
    """Bad input: malformed TOML, a wrong unit, an unknown or missing key, a value out of range,
    an unreadable weather file, a bad argument.

    ``str(e)`` is the line the command line prints (``FILE:LINE:COLUMN: message``). The parts:
    ``file`` ("" when the input came from code or an argument), ``line`` and ``column`` (1-based,
    0 when unknown), ``key`` (dotted key path, e.g. ``cluster[0].count``; "" when not about a
    key) and ``message`` (the text without the location).
    """

    def __init__(self, text, file="", line=0, column=0, key="", message=""):
        super().__init__(text)
        self.file = file
        self.line = line
        self.column = column
        self.key = key
        self.message = message or text


from . import _core  # noqa: E402  (ConfigError must exist first: the engine raises it)

_core._set_config_error(ConfigError)

from ._core import Site, SweepSpec  # noqa: E402

__version__ = _core.version

#: The calendar year the typical weather year is laid on for time stamps (Result.times(),
#: to_pandas(), timeseries.csv) of sites without a build-out: 2029, a non-leap year whose
#: 1 January is a Monday, as the engine's weekly workload shape and the tariff's day types
#: assume (day 0 is a Monday). A phased site is stamped with its last build-out year
#: (Result.calendar_year).
REFERENCE_YEAR = 2029


class Record(dict):
    """A JSON object: a dict whose keys also read as attributes (``r.pue_annual``)."""

    __slots__ = ()

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(
                f"no key {name!r} (keys: {', '.join(list(self)[:12])}"
                f"{', ...' if len(self) > 12 else ''})") from None

    def __setattr__(self, name, value):
        raise AttributeError("a dcload record is read-only; copy it with dict(record)")

    def __dir__(self):
        return sorted(set(dir(dict)) | set(self))


class Summary(Record):
    """The Summary of a run: the keys of ``dcload run --json`` (README "Summary keys"), scalar
    numbers at full precision (the JSON text rounds them)."""

    __slots__ = ()


def _loads(text):
    return _json.loads(text, object_hook=Record)


def _summary(text, exact):
    data = _json.loads(text, object_hook=Record)
    for key, value in data.items():
        if isinstance(value, float):
            v = exact(key)
            if v is not None:
                data[key] = v
    return Summary(data)


def _duration_seconds(value, what):
    if isinstance(value, _dt.timedelta):
        return value.total_seconds()
    raise TypeError(f"{what}: expected a datetime.timedelta")


class Channels(_Mapping):
    """The channels a run kept, by name: read-only NumPy arrays (float64, SI units) that view
    the engine's storage without a copy and keep it alive. ``units`` maps each name to its SI
    unit; ``info(name)`` also gives the unit of the CSV/JSON and the conversion
    (display = value · display_scale + display_offset)."""

    def __init__(self, core, design_day=False):
        self._core = core
        self._design_day = design_day
        self._names = core.design_day_names() if design_day else core.channel_names()

    def __getitem__(self, name):
        return self._core.design_day(name) if self._design_day else self._core.channel(name)

    def __iter__(self):
        return iter(self._names)

    def __len__(self):
        return len(self._names)

    def __contains__(self, name):
        return name in self._names

    def info(self, name):
        if name not in self._names:
            raise KeyError(name)
        info = (self._core.design_day_info if self._design_day else self._core.channel_info)(name)
        return Record(info)

    @property
    def units(self):
        return {n: self.info(n)["unit"] for n in self._names}

    def __repr__(self):
        return f"<dcload.Channels: {', '.join(self._names)}>"


class Result:
    """One run: ``status``, ``messages``, ``summary`` and ``channels`` (see the module's help).

    ``design_day`` holds the ASHRAE 0.4 % design day through the same plant (24 hourly steps:
    dry_bulb, wet_bulb, it_power, cooling_power, facility_power).
    """

    def __init__(self, core):
        self._core = core
        self._summary = None

    @property
    def status(self):
        """"ok", "over_capacity", "not_converged", "cooling_shortfall", "unserved" or
        "n1_exceeded"."""
        return self._core.status

    @property
    def ok(self):
        return self._core.status == "ok"

    @property
    def messages(self):
        """One sentence per finding (a breach, an assumption the engine made)."""
        return self._core.messages

    @property
    def cost_is_complete(self):
        """True when cost_per_it_mwh_usd covers the whole demand: nothing was left unserved, or
        what was is priced ([economics] value_of_lost_load). Otherwise the cost omits the
        unserved energy and is not comparable with a complete one."""
        return self._core.cost_is_complete

    @property
    def summary(self):
        if self._summary is None:
            self._summary = _summary(self._core.summary_json(), self._core.summary_value)
        return self._summary

    @property
    def channels(self):
        return Channels(self._core)

    @property
    def design_day(self):
        return Channels(self._core, design_day=True)

    @property
    def steps(self):
        return self._core.steps

    @property
    def timestep(self):
        return _dt.timedelta(seconds=self._core.timestep_s)

    @property
    def utc_offset(self):
        """The weather's local standard time as a datetime.timezone (UTC+09:00 in Korea)."""
        return _dt.timezone(_dt.timedelta(hours=self._core.utc_offset_h))

    @property
    def calendar_year(self):
        """The year the steps are stamped with: the build-out year of a phased site, else
        REFERENCE_YEAR (as timeseries.csv's `time`)."""
        return self._core.calendar_year

    def times(self):
        """Start of each step as numpy datetime64[ns], local standard time of calendar_year
        (the same instants as timeseries.csv's `time`; in a leap year the 365-day weather year
        has no 29 February)."""
        import numpy as np

        year = self.calendar_year
        start = np.datetime64(f"{year:04d}-01-01T00:00:00", "ns")
        step_ns = round(self._core.timestep_s * 1e9)
        first_ns = round(self._core.start_s * 1e9)
        elapsed = (first_ns + np.arange(self._core.steps, dtype=np.int64) * step_ns).astype("timedelta64[ns]")
        t = start + elapsed
        if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
            t[elapsed >= np.timedelta64(59, "D")] += np.timedelta64(1, "D")  # skip 29 February
        return t

    def to_pandas(self, units="si"):
        """The kept channels as a pandas DataFrame indexed by time (timezone-aware, the weather's
        UTC offset, calendar_year). units="si": the arrays' SI values; "display": the CSV's
        units (MW, m³/h, ...). ``df.attrs["units"]`` names each column's unit. Needs pandas
        (Debian: python3-pandas)."""
        try:
            import pandas as pd
        except ImportError as e:
            raise ImportError("Result.to_pandas() needs pandas (Debian: apt install python3-pandas)") from e
        if units not in ("si", "display"):
            raise ValueError(f'units={units!r}: expected "si" or "display"')
        channels = self.channels
        index = pd.DatetimeIndex(self.times()).tz_localize(self.utc_offset)
        index.name = "time"
        columns, column_units = {}, {}
        for name in channels:
            values = channels[name]
            info = channels.info(name)
            if units == "display":
                values = values * info["display_scale"] + info["display_offset"]
                column_units[name] = info["display_unit"]
            else:
                column_units[name] = info["unit"]
            columns[name] = values
        df = pd.DataFrame(columns, index=index)
        df.attrs["units"] = column_units
        df.attrs["site"] = self.summary["site"]
        return df

    def brief(self):
        """One line: site, PUE, energy, peak, headroom, status."""
        return self._core.brief()

    def full(self):
        """The table `dcload run` prints."""
        return self._core.full()

    def to_json(self):
        """The Summary JSON as `dcload run --json` prints it."""
        return self._core.summary_json()

    def write(self, folder):
        """summary.json and timeseries.csv into `folder` (as `dcload run --out`), together or not
        at all."""
        self._core.write(_os.fspath(folder))

    def __repr__(self):
        return f"<dcload.Result {self.brief()}>"

    __str__ = full


def load_site(path, overrides=()):
    """Read and validate a site file; `overrides` are "KEY=VALUE" texts as for --set
    (``"cluster[0].count=30000"``, ``"grid.connection=200 MVA"``). Raises ConfigError."""
    return _core.load_site(_os.fspath(path), list(overrides))


def load_site_from_string(text, name="<string>", overrides=()):
    """A site from TOML text; `name` stands for the file in messages. Relative paths in it
    (weather, traces) are relative to the current folder."""
    return _core.load_site_from_string(text, name, list(overrides))


def default_site(overrides=()):
    """The built-in default site (configs/ulsan.toml as compiled into the engine)."""
    return _core.default_site(list(overrides))


def validate_site_file(path, overrides=()):
    """Every input error of a site file in one pass (up to 20), as ConfigError objects (not
    raised); an empty list when the file is fine. As `dcload validate`."""
    return [ConfigError(*e) for e in _core.validate_site_file(_os.fspath(path), list(overrides))]


def _site(site):
    return site if isinstance(site, Site) else load_site(site)


def run(site, timestep="1 h", weather=None, window=None, channels=None):
    """Run a site over its weather year (as `dcload run`).

    site:     a Site, or a site file path.
    timestep: "1 h" (default, as the command line), "15 min", "1 min", "1 s", ... or a
              datetime.timedelta; must divide one hour.
    weather:  replaces the site's weather: "builtin:NAME" or an EPW path (relative to the
              current folder).
    window:   (start, duration), e.g. ("07-15 14:00", "10 min"): simulate only that part of the
              year (start "MM-DD HH:MM" local standard time or a timedelta after 1 January).
    channels: names to keep (Site.channel_names()); None keeps all, [] none (summary only).

    Physical shortfalls are the result's status, never an exception; bad input raises
    ConfigError. The GIL is released while the engine runs. Each thread keeps the engine's
    working storage between its runs (about 2.6 MB for an hourly Ulsan year, more after finer
    steps), so a loop of runs allocates nothing after the first.
    """
    return Result(_core.run(_site(site), timestep, weather, window, channels))


class Comparison:
    """Several sites run alike (as `dcload compare`): ``results`` and ``summaries`` in the order
    given; ``to_pandas()`` one row per site with every scalar summary key."""

    def __init__(self, results):
        self.results = results

    @property
    def summaries(self):
        return [r.summary for r in self.results]

    def __len__(self):
        return len(self.results)

    def __iter__(self):
        return iter(self.results)

    def __getitem__(self, i):
        return self.results[i]

    def to_pandas(self):
        import pandas as pd

        rows = [{k: v for k, v in s.items() if not isinstance(v, (list, dict))}
                for s in self.summaries]
        return pd.DataFrame(rows).set_index("site")

    def report(self, out):
        """The comparison page (as `dcload compare --report`), written to `out`."""
        _core.check_report_path(_os.fspath(out))
        _core.write_report_file(_os.fspath(out),
                                _core.compare_report([r._core for r in self.results]))
        return _os.fspath(out)


def compare(sites, timestep="1 h", weather=None, threads=0):
    """Run several sites (Site objects or paths) summary-only, in parallel on `threads` engine
    threads (0: every core), and return a Comparison."""
    loaded = [_site(s) for s in sites]
    return Comparison([Result(c) for c in _core.run_many(loaded, timestep, weather, threads)])


class _Wrapped:
    """A result whose fields are its JSON's (attribute or key access), plus methods."""

    def __init__(self, core):
        self._core = core
        self.data = _loads(core.to_json())

    def __getattr__(self, name):
        if name.startswith("_") or name == "data":
            raise AttributeError(name)
        return getattr(self.data, name)

    def __getitem__(self, key):
        return self.data[key]

    def keys(self):
        return self.data.keys()

    def to_json(self):
        return self._core.to_json()


class CapacityResult(_Wrapped):
    """The largest campus that fits the connection (as `dcload capacity --json`):
    max_gpus, max_it_mw and their _n1, _design_day, _design_day_n1 forms (max_gpus_n1,
    max_it_n1_mw, ...; the names before 0.x, max_gpus_that_fit, ..., are kept one release);
    ``report()`` is the table the command prints."""

    def report(self):
        return self._core.report()

    def __repr__(self):
        return f"<dcload.CapacityResult {self.data.get('site', '')}>"


def capacity(site, timestep="1 h", weather=None):
    """The largest accelerator count (all clusters scaled together) whose facility demand stays
    within the grid connection: normal and N-1, over the year and on the design day."""
    return CapacityResult(_core.capacity(_site(site), timestep, weather))


class FlexResult(_Wrapped):
    """What flexibility adds (as the ``flex`` block of `dcload capacity --flex --json`):
    ``curve`` and ``curve_energy_only`` (added MW against 0.1 … 5 % of energy curtailed),
    ``at_site_limits``, ``phases`` (earliest energization years with and without), ``notes``;
    ``report()`` the command's table; ``write_report(out)`` the HTML page (as
    `dcload capacity --flex --report`)."""

    def report(self):
        return self._core.report()

    def write_report(self, out):
        _core.check_report_path(_os.fspath(out))
        _core.write_report_file(_os.fspath(out), self._core.html())
        return _os.fspath(out)


def flex(site, weather=None):
    """The flexibility analysis of a site whose [flex] offers a curtailable share (set it with
    an override, e.g. ``load_site(path, ["flex.curtailable_share=25%"])``)."""
    return FlexResult(_core.flex(_site(site), weather))


class OutageResult(_Wrapped):
    """Outage survival (as `dcload outage --json`): ``survival`` (per outage length: mean over
    start hours, minimum, worst start hour), ``target_met``, ``fuel_hours_for_target``,
    ``generators_for_target``, ``notes``; ``report()`` the command's table;
    ``write_report(out)`` the HTML page (as `dcload outage --report`); ``by_start()`` the
    survival per outage length (rows, as ``survival``) and start hour (columns), a NumPy array."""

    def report(self):
        return self._core.report()

    def write_report(self, out):
        _core.check_report_path(_os.fspath(out))
        _core.write_report_file(_os.fspath(out), self._core.html())
        return _os.fspath(out)

    def by_start(self):
        import numpy as np

        return np.asarray(self._core.survival_by_start())


def outage(site, weather=None):
    """The chance that the site's backup (generator sets, battery) carries the facility demand
    through grid outages of 1 … 96 h, over every start hour (REopt's method)."""
    return OutageResult(_core.outage(_site(site), weather))


class SwingResult(_Wrapped):
    """Training swings (as `dcload swing --json`): ``layers`` (the grid draw's metrics after
    each smoothing layer of [smoothing]), ``stack`` (the cheapest stack meeting [grid.limits]),
    ``modal``, ``ride_through`` (the site's UPS setting and a compared one, with timelines),
    ``island``, ``compliant``, ``notes``; ``report()`` the command's text; ``grid_draw()`` the
    grid draw after each active layer, MW, a NumPy array (steps × layers, columns as
    ``series_names``); ``times()`` the seconds from the window's start."""

    @property
    def series_names(self):
        return list(self._core.series_names)

    def report(self):
        return self._core.report()

    def grid_draw(self):
        import numpy as np

        return np.asarray(self._core.series()).T / 1e6

    def times(self):
        import numpy as np

        return np.arange(self.data.steps) * self._core.timestep_s


def swing(site, start=None, duration=None, timestep=None, search=True, weather=None):
    """Swing analysis of a site over a sub-second window (defaults: [swing] swing.start,
    swing.duration, swing.timestep): mask compliance, smoothing layers, the cheapest stack,
    ride-through of a dip sequence, an islanded LNG plant."""
    return SwingResult(_core.swing(_site(site), start, duration, timestep, search, weather))


def _interconnection(sites, timestep, weather):
    if isinstance(sites, (str, _os.PathLike, Site)):
        sites = [sites]
    return _core.interconnection([_site(s) for s in sites], timestep, weather)


def datapack(sites, timestep="1 h", weather=None):
    """The large-load interconnection data pack of one or several sites (as `dcload datapack
    --json`): a list of records (peak MW/MVA, ramps, backup, flexibility, schedule, and the
    ``kgia`` pre-screen)."""
    return _loads(_interconnection(sites, timestep, weather)[0])


def kgia(sites, weather=None):
    """The Korean grid-impact pre-screen of one or several sites: the same records as
    datapack(); each ``kgia`` block has the assessment's items, their points and the indicative
    readings (assumptions, L). ``dcload.kgia_report(sites)`` is the command's table."""
    return _loads(_interconnection(sites, "1 h", weather)[0])


def kgia_report(sites, weather=None):
    """The table `dcload kgia` prints."""
    return _interconnection(sites, "1 h", weather)[2]


def interconnection_report(sites, out, timestep="1 h", weather=None):
    """The HTML page of the data pack and the pre-screen (as `dcload datapack --report`),
    written to `out`; returns its path."""
    _core.check_report_path(_os.fspath(out))
    html = _interconnection(sites, timestep, weather)[3]
    _core.write_report_file(_os.fspath(out), html)
    return _os.fspath(out)


def load_sweep(path):
    """Read and check a sweep file (every key, unit and output) before anything runs."""
    return _core.load_sweep(_os.fspath(path))


def load_sweep_from_string(text, name="<string>", base_dir=""):
    """A sweep from TOML text; site paths are relative to `base_dir`."""
    return _core.load_sweep_from_string(text, name, _os.fspath(base_dir))


class SweepResult(_Wrapped):
    """A sweep's scenarios and statistics (as `dcload sweep --json`): ``stats`` (per site and
    output: mean, sd, p5, p50, p95, min, max), ``sobol`` indices, ``messages``;
    ``outputs()``/``inputs()`` as NumPy tables (scenario × output / factor); ``to_pandas()`` the
    scenario table; ``to_csv()`` results.csv."""

    @property
    def spec(self):
        return self._core.spec

    @property
    def invalid(self):
        return self._core.invalid

    @property
    def messages(self):
        return self._core.messages

    def outputs(self):
        return self._core.outputs()

    def inputs(self):
        return self._core.inputs()

    def statuses(self):
        return self._core.statuses()

    def to_csv(self):
        return self._core.to_csv()

    def to_pandas(self):
        import pandas as pd

        spec = self.spec
        values = self._core.values()
        df = pd.DataFrame({"site": [spec.sites[i] for i in self._core.scenario_sites()]})
        for j, f in enumerate(spec.factors):
            df[f] = [v[j] for v in values]
        outputs = self._core.outputs()
        for j, o in enumerate(spec.outputs):
            df[o] = outputs[:, j]
        df["status"] = self._core.statuses()
        df["error"] = self._core.errors()
        df.index.name = "scenario"
        return df

    def report(self, out):
        """The sweep's page (as `dcload sweep --report`), written to `out`."""
        _core.check_report_path(_os.fspath(out))
        _core.write_report_file(_os.fspath(out), self._core.html())
        return _os.fspath(out)

    def __len__(self):
        return self._core.size


def sweep(spec, threads=0):
    """Run a sweep (a SweepSpec or a sweep file path) on `threads` threads (0: every core)."""
    if not isinstance(spec, SweepSpec):
        spec = load_sweep(spec)
    return SweepResult(_core.sweep(spec, threads))


class OptimizeResult(_Wrapped):
    """The least-cost supply (as `dcload optimize --json`): ``status`` ("optimal", ...),
    ``sources``, costs, CO2, CFE; ``optimized_site`` (a Site with the capacities written in),
    ``simulated`` (its run's Summary, or None); ``report()`` the command's table."""

    @property
    def optimized_site(self):
        return self._core.optimized_site

    @property
    def simulated(self):
        text = self._core.simulated_json()
        return None if text is None else _summary(text, lambda key: None)

    def report(self, out=None):
        """The table `dcload optimize` prints; with `out`, the HTML page written there."""
        if out is None:
            return self._core.report()
        _core.check_report_path(_os.fspath(out))
        _core.write_report_file(_os.fspath(out), self._core.html())
        return _os.fspath(out)


def optimize(site, cfe=None, co2_cap_kg=None, simulate=True, weather=None):
    """The least-cost supply of the site's `extendable` [[supply]] entries (COIN-OR CLP) under
    an hourly carbon-free target `cfe` (a fraction 0..1; default the site's [optimize]) and an
    optional CO2 cap (kg over the year); the chosen mix is then simulated."""
    if cfe is not None and not 0 <= cfe <= 1:
        raise ConfigError(f"cfe {cfe}: expected a fraction 0..1 (0.9 for 90 %)", key="cfe",
                          message=f"cfe {cfe}: expected a fraction 0..1 (0.9 for 90 %)")
    return OptimizeResult(_core.optimize(_site(site), cfe, co2_cap_kg, simulate, weather))


def report(site, out, timestep="1 h", weather=None, window=None):
    """The site's HTML report (as `dcload report`), written to `out`; returns the run shown
    (its channels are not kept: the page holds their digest)."""
    out = _os.fspath(out)
    _core.check_report_path(out)
    core, html = _core.site_report(_site(site), timestep, weather, window, "dcload.report (Python)")
    _core.write_report_file(out, html)
    return Result(core)


def keys():
    """Every key a site file may contain: key, type, default, range, description, source."""
    return [Record(k) for k in _core.site_keys()]


def summary_keys():
    """Every key of the Summary: key, unit, meaning, number (a scalar number)."""
    return [Record(k) for k in _core.summary_keys()]


def catalogs():
    """Names of the catalogs compiled into the engine."""
    return _core.catalog_names()


def catalog(name):
    """A catalog ("accelerators", "workloads", "ups") as `dcload catalog NAME --json`: one record
    per entry with its figures and their source."""
    return _loads(_core.catalog_json(name))


def builtin_stations():
    """Names usable as "builtin:NAME" weather (synthetic years from climate normals)."""
    return _core.builtin_stations()


def wet_bulb_c(dry_bulb_c, relative_humidity, pressure_pa=101325.0):
    """Thermodynamic wet-bulb, °C (ASHRAE Fundamentals 2021 ch. 1), from dry-bulb °C, relative
    humidity 0..1 and pressure Pa."""
    return _core.wet_bulb_c(dry_bulb_c, relative_humidity, pressure_pa)
