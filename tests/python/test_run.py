# The Python module against the command line and against itself: the summary key by key, the
# channels without copies, errors with their place, threads against a serial loop.
import concurrent.futures
import datetime
import gc
import json
import math
import re
import threading
import time

import numpy as np
import pytest

import dcload


def same(a, b, path="summary"):
    """Exact equality of two JSON values (NaN-free: the JSON has null), with the path on failure."""
    kind = lambda v: dict if isinstance(v, dict) else (float if isinstance(v, (int, float))
                                                         and not isinstance(v, bool) else type(v))
    assert kind(a) is kind(b), f"{path}: {a!r} vs {b!r}"
    if isinstance(a, dict):
        assert list(a) == list(b), f"{path}: keys differ: {set(a) ^ set(b)}"
        for k in a:
            same(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert len(a) == len(b), f"{path}: {len(a)} vs {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            same(x, y, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} (Python) vs {b!r} (CLI)"


# ---- the summary ------------------------------------------------------------------------------

def test_summary_equals_cli_json_key_by_key(ulsan, cli_json):
    # The command line's JSON prints every double in its shortest round-trip form, so equality
    # is exact: the same run, the same bits.
    expected = cli_json("run", "configs/ulsan.toml", "--json")
    got = ulsan.summary
    assert len(got) == len(expected) > 90
    same(dict(got), expected)
    assert got.pue_annual == expected["pue_annual"]
    assert got["peak_facility_mw"] == expected["peak_facility_mw"]


def test_summary_attributes_and_identities(ulsan):
    s = ulsan.summary
    assert s.pue_annual == s["pue_annual"]
    # PUE is facility energy over IT energy (to the last bit the division allows).
    assert s.pue_annual == pytest.approx(s.facility_energy_mwh / s.it_energy_mwh, rel=1e-12)
    # Energy balance: facility = IT + cooling + electrical losses + auxiliaries.
    parts = s.it_energy_mwh + s.cooling_energy_mwh + s.electrical_loss_mwh + s.aux_energy_mwh
    assert s.facility_energy_mwh == pytest.approx(parts, rel=1e-9)
    assert s.steps == 8760 and isinstance(s.steps, int)
    assert s.utc_offset_h == 9  # builtin:ulsan is on Korea Standard Time
    assert ulsan.status == "ok" and ulsan.ok and s.status == "ok"
    with pytest.raises(AttributeError, match="no key 'pue'"):
        s.pue
    with pytest.raises(AttributeError):
        s.pue_annual = 1.0


def test_summary_keys_match_the_documented_table(ulsan):
    documented = [k.key for k in dcload.summary_keys()]
    assert list(ulsan.summary) == documented


def test_done_when_one_liner(root):
    # The issue's own check, as a fresh process with this build's module.
    import subprocess
    import sys
    code = ("import dcload; print(dcload.run(dcload.load_site('configs/ulsan.toml'))"
            ".summary.pue_annual)")
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True,
                         check=True).stdout
    assert 1.0 < float(out) < 1.5


# ---- channels ---------------------------------------------------------------------------------

def test_channels_are_views_without_copies(ulsan, ulsan_site):
    ch = ulsan.channels
    assert list(ch) == ulsan_site.channel_names()
    for name in ch:
        a = ch[name]
        assert a.dtype == np.float64 and a.ndim == 1 and len(a) == ulsan.steps == 8760
        # The array's buffer is the engine's vector: the same address, no copy.
        assert a.__array_interface__["data"][0] == ulsan._core.channel_address(name)
        assert not a.flags.writeable and not a.flags.owndata
    a, b = ch["it_power"], ch["it_power"]
    assert a is not b and np.shares_memory(a, b)
    with pytest.raises(ValueError):
        a[0] = 0.0
    with pytest.raises(KeyError):
        ch["no_such_channel"]


def test_channel_lifetime_is_tied_to_the_result(ulsan_site):
    r = dcload.run(ulsan_site, channels=["it_power", "facility_power"])
    it = r.channels["it_power"]
    expected = it.copy()
    total = r.summary.it_energy_mwh
    del r
    gc.collect()
    # The view keeps the run alive: its values are still there.
    assert np.array_equal(it, expected)
    assert it.sum() * 3600 / 3.6e9 == pytest.approx(total, rel=1e-12)  # W·h → MWh


def test_channel_units_as_documented(ulsan, root):
    # README "Using it from Python" lists every channel with its SI unit and its CSV unit.
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("<!-- channels:begin -->")[1].split("<!-- channels:end -->")[0]
    rows = re.findall(r"^\| `([a-z_<>]+)` \| ([^|]*) \| ([^|]*) \|", section, re.M)
    documented = {n: (si.strip(), disp.strip()) for n, si, disp in rows}
    haenam = dcload.run(root / "configs" / "regions" / "haenam.toml", channels=None)
    flex = dcload.run(dcload.load_site(root / "configs" / "ulsan.toml", ["flex.curtailable_share=25%"]),
                      channels=None)
    cold = dcload.run(root / "configs" / "ulsan_lng_cold.toml", channels=None)
    dx = dcload.run(dcload.load_site(root / "configs" / "ulsan.toml", ["hall[0].technology=dx"]),
                    channels=None)
    seen = set()
    for r in (ulsan, haenam, flex, cold, dx):
        for name in r.channels:
            info = r.channels.info(name)
            doc = "source_<name>" if name.startswith("source_") else name
            seen.add(doc)
            assert doc in documented, f"{name} is not in README's channel table"
            assert documented[doc] == (info.unit or "—", info.display_unit or "—"), name
            assert info.csv_column.startswith(name)
    assert seen == set(documented), f"README documents channels no run has: {set(documented) - seen}"


def test_channel_values_against_the_summary(ulsan):
    ch = ulsan.channels
    dt_h = ulsan.timestep.total_seconds() / 3600
    # Energies are the sums of the power channels (W over 1 h steps → MWh).
    assert ch["it_power"].sum() * dt_h / 1e6 == pytest.approx(ulsan.summary.it_energy_mwh, rel=1e-12)
    assert ch["facility_power"].sum() * dt_h / 1e6 == pytest.approx(
        ulsan.summary.facility_energy_mwh, rel=1e-12)
    assert ch["facility_power"].max() / 1e6 == pytest.approx(ulsan.summary.peak_facility_mw, rel=1e-12)
    # Heat in = heat out: facility = IT + cooling + losses + aux, every step.
    parts = (ch["it_power"] + ch["cooling_power"] + ch["distribution_loss"] + ch["ups_loss"]
             + ch["transformer_loss"] + ch["aux_power"])
    np.testing.assert_allclose(ch["facility_power"], parts, rtol=1e-12)


def test_design_day(ulsan):
    dd = ulsan.design_day
    assert list(dd) == ["dry_bulb", "wet_bulb", "it_power", "cooling_power", "facility_power"]
    assert len(dd["facility_power"]) == 24
    assert dd["facility_power"].max() / 1e6 == pytest.approx(ulsan.summary.design_day_facility_mw, rel=1e-12)


def test_times_and_pandas(ulsan):
    t = ulsan.times()
    assert t[0] == np.datetime64("2029-01-01T00:00:00")
    assert t[-1] == np.datetime64("2029-12-31T23:00:00")
    pd = pytest.importorskip("pandas")
    df = ulsan.to_pandas()
    assert df.shape == (8760, len(ulsan.channels))
    assert str(df.index.tz) == "UTC+09:00"
    assert df.index[195 * 24 + 14].isoformat() == "2029-07-15T14:00:00+09:00"
    np.testing.assert_array_equal(df["it_power"].to_numpy(), ulsan.channels["it_power"])
    assert df.attrs["units"]["it_power"] == "W"
    d = ulsan.to_pandas(units="display")
    assert d.attrs["units"]["it_power"] == "MW" and d.attrs["units"]["dry_bulb"] == "°C"
    np.testing.assert_allclose(d["it_power"].to_numpy(), ulsan.channels["it_power"] * 1e-6, rtol=1e-15)
    # 1 January 2029 is a Monday, as the engine's weekly shape assumes.
    assert df.index[0].day_name() == "Monday"
    with pytest.raises(ValueError):
        ulsan.to_pandas(units="kW")


def test_window_and_timestep(ulsan_site, cli_json):
    r = dcload.run(ulsan_site, timestep="1 s", window=("07-15 14:00", "10 min"))
    assert r.steps == 600 and len(r.channels["facility_power"]) == 600
    assert r.times()[0] == np.datetime64("2029-07-15T14:00:00")
    expected = cli_json("run", "configs/ulsan.toml", "--timestep", "1 s", "--start", "07-15 14:00",
                        "--duration", "10 min", "--json")
    same(dict(r.summary), expected)
    r2 = dcload.run(ulsan_site, timestep=datetime.timedelta(seconds=1),
                    window=(datetime.timedelta(days=195, hours=14), datetime.timedelta(minutes=10)),
                    channels=[])
    assert len(r2.channels) == 0
    same(dict(r2.summary), expected)


def test_run_writes_the_cli_files(ulsan_site, tmp_path, cli):
    r = dcload.run(ulsan_site, timestep="1 h")
    r.write(tmp_path / "py")
    rc, _, err = cli("run", "configs/ulsan.toml", "--out", tmp_path / "cli")
    assert rc == 0, err
    for f in ("summary.json", "timeseries.csv"):
        assert (tmp_path / "py" / f).read_bytes() == (tmp_path / "cli" / f).read_bytes(), f


def test_timeseries_time_is_iso_8601_and_timezone_aware(ulsan_site, tmp_path):
    # timeseries.csv's time column: ISO 8601 local time with the UTC offset; read by the csv
    # module and datetime alone it gives aware instants one step apart, the same as times().
    import csv
    r = dcload.run(ulsan_site, channels=["it_power"])
    r.write(tmp_path / "out")
    with open(tmp_path / "out" / "timeseries.csv", newline="") as f:
        rows = list(csv.DictReader(f))
    stamps = [datetime.datetime.fromisoformat(row["time"]) for row in rows]
    assert len(stamps) == 8760
    assert all(t.utcoffset() == datetime.timedelta(hours=9) for t in stamps)
    assert stamps[0].isoformat() == "2029-01-01T00:00:00+09:00"
    assert all(b - a == datetime.timedelta(hours=1) for a, b in zip(stamps, stamps[1:]))
    assert r.calendar_year == 2029
    local = [np.datetime64(t.replace(tzinfo=None), "ns") for t in stamps[:48]]
    assert list(r.times()[:48]) == local
    try:
        import pandas as pd
    except ImportError:
        return
    df = pd.read_csv(tmp_path / "out" / "timeseries.csv", parse_dates=["time"])
    assert str(df["time"].dt.tz) in ("UTC+09:00", "pytz.FixedOffset(540)")
    assert df["time"].iloc[4694].isoformat() == "2029-07-15T14:00:00+09:00"
    assert (df["time"].values == r.to_pandas().index.values).all()


def test_a_build_out_is_stamped_with_its_year(root, tmp_path):
    # configs/ulsan_1gw.toml is built out to 2032, a leap year: the 365-day weather year skips
    # 29 February (day 59, 1 March, is step 59 × 24 = 1416).
    r = dcload.run(root / "configs" / "ulsan_1gw.toml", channels=["it_power"])
    assert r.calendar_year == 2032 and r.summary.calendar_year == 2032
    r.write(tmp_path / "out")
    lines = (tmp_path / "out" / "timeseries.csv").read_text().splitlines()
    assert lines[1].startswith("0,2032-01-01T00:00:00+09:00,")
    assert lines[1 + 1416].startswith("1416,2032-03-01T00:00:00+09:00,")
    assert str(r.times()[1416]) == "2032-03-01T00:00:00.000000000"


# ---- errors -----------------------------------------------------------------------------------

def test_config_error_carries_its_place(root, cli):
    path = root / "tests" / "data" / "bad_unit.toml"
    with pytest.raises(dcload.ConfigError) as e:
        dcload.load_site(path)
    err = e.value
    assert (err.line, err.column) == (8, 25)
    assert err.key == "cluster[0].network_power_per_gpu"
    assert err.file.endswith("tests/data/bad_unit.toml")
    assert "expected a power per accelerator" in err.message
    assert str(err) == f"{err.file}:8:25: {err.message}"
    # The same line as the command line's.
    rc, _, stderr = cli("run", path)
    assert rc == 2
    assert stderr.strip() == str(err)
    assert isinstance(err, ValueError)


def test_config_error_from_string_and_overrides(ulsan_site):
    with pytest.raises(dcload.ConfigError) as e:
        dcload.load_site_from_string('name = "x"\n[grid]\nconnection = "150 kg"\n', name="mine.toml")
    assert e.value.file == "mine.toml" and e.value.line == 3 and e.value.key == "grid.connection"
    with pytest.raises(dcload.ConfigError) as e:
        dcload.default_site(["cluster[0].count=-5"])
    assert e.value.key == "cluster[0].count" and e.value.file.startswith("--set")
    with pytest.raises(dcload.ConfigError, match="no such site file"):
        dcload.load_site("does/not/exist.toml")


@pytest.mark.parametrize("kwargs, key", [
    ({"timestep": 900}, "timestep"),                  # a bare number: give the unit
    ({"timestep": "15 kg"}, "timestep"),
    ({"timestep": "7 min"}, "timestep"),              # does not divide an hour
    ({"window": ("13-01 00:00", "1 h")}, "start"),
    ({"window": "07-15"}, "window"),
    ({"channels": ["it_power", "bogus"]}, ""),
    ({"channels": "it_power"}, "channels"),
    ({"weather": "builtin:atlantis"}, ""),
])
def test_bad_run_arguments(ulsan_site, kwargs, key):
    with pytest.raises(dcload.ConfigError) as e:
        dcload.run(ulsan_site, **kwargs)
    if key:
        assert e.value.key == key
    assert str(e.value)


def test_validate_lists_every_error(root):
    errors = dcload.validate_site_file(root / "tests" / "data" / "several_errors.toml")
    assert len(errors) >= 2
    assert all(isinstance(e, dcload.ConfigError) and e.line > 0 for e in errors)
    assert dcload.validate_site_file(root / "configs" / "ulsan.toml") == []


# ---- threads ----------------------------------------------------------------------------------

def test_threads_give_the_serial_results(ulsan_site):
    counts = [20000, 30000, 40000, 50000, 60000, 70000]
    sites = [dcload.default_site([f"cluster[0].count={n}"]) for n in counts]
    serial = [dict(dcload.run(s, channels=[]).summary) for s in sites]
    with concurrent.futures.ThreadPoolExecutor(max_workers=3) as pool:
        threaded = list(pool.map(lambda s: dict(dcload.run(s, channels=[]).summary), sites))
    for a, b in zip(serial, threaded):
        same(a, b)
    assert len({s["peak_facility_mw"] for s in serial}) == len(counts)


def test_runs_release_the_gil(ulsan_site):
    # While one thread is inside the engine, another runs Python code: count the main loop's
    # iterations that fall strictly within the run. Holding the GIL would allow none.
    window = {}

    def work():
        window["start"] = time.perf_counter()
        dcload.run(ulsan_site, timestep="1 min", channels=[])
        window["end"] = time.perf_counter()

    t = threading.Thread(target=work)
    stamps = []
    t.start()
    while t.is_alive():
        stamps.append(time.perf_counter())
    t.join()
    inside = [s for s in stamps if window["start"] < s < window["end"]]
    assert window["end"] - window["start"] > 0.02
    assert len(inside) > 100, f"{len(inside)} iterations during a {window['end'] - window['start']:.3f} s run"


# ---- sites ------------------------------------------------------------------------------------

def test_site_properties(ulsan_site):
    s = ulsan_site
    assert s.name == "SK-AWS Ulsan AI campus"
    assert s.gpu_count == 60000
    assert s.design_it_power_w > 5e7
    keys = {i["key"]: i for i in s.inputs}
    assert keys["cluster[0].count"]["origin"].endswith(("ulsan.toml:" + keys["cluster[0].count"]["origin"].split(":")[-1]))
    # Defaults carry their source (switches and zeros that turn a feature off need none).
    defaults = [i for i in s.inputs if i["origin"] == "default"]
    sourced = [i for i in defaults if i["source"]]
    assert len(defaults) > 50 and len(sourced) > 0.7 * len(defaults)
    assert any("ASHRAE" in i["source"] for i in sourced)
    assert s.validate() == []
    assert repr(s).startswith("<dcload.Site 'SK-AWS Ulsan AI campus'")
