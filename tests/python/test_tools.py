# capacity, compare, sweep, optimize, the catalogs and key tables, reports and the example:
# each against the command line's JSON for the same input.
import glob
import json
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

import dcload
from test_run import same


def test_capacity_equals_cli(root, cli_json):
    c = dcload.capacity(root / "configs" / "ulsan.toml")
    expected = cli_json("capacity", "configs/ulsan.toml", "--json")
    same(dict(c.data), expected)
    assert c.max_gpus == c.max_gpus_that_fit == expected["max_gpus"] > 0
    # N-1 never fits more than normal conditions.
    assert c.max_gpus_that_fit_n1 <= c.max_gpus_that_fit
    assert "fits" in c.report() or "GPU" in c.report()


def test_compare_equals_cli(root, cli_json):
    files = sorted(glob.glob(str(root / "configs" / "regions" / "*.toml")))
    assert len(files) == 4
    cmp = dcload.compare(files, threads=2)
    expected = cli_json("compare", *[os.path.relpath(f, root) for f in files], "--json")
    assert len(cmp) == len(expected) == 4
    by_site = {e["site"]: e for e in expected}
    for s in cmp.summaries:
        same(dict(s), by_site[s["site"]])
    pd = pytest.importorskip("pandas")
    df = cmp.to_pandas()
    assert list(df.index) == [s["site"] for s in cmp.summaries]
    assert df.loc[cmp.summaries[0]["site"], "pue_annual"] == cmp.summaries[0].pue_annual


def test_compare_report(root, tmp_path):
    if not dcload._core.charts_available:
        pytest.skip("built without Chart.js (libjs-chart.js)")
    files = sorted(glob.glob(str(root / "configs" / "regions" / "*.toml")))
    out = dcload.compare(files).report(tmp_path / "cmp.html")
    html = pathlib.Path(out).read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Haenam" in html or "haenam" in html.lower()


def test_sweep_equals_cli(root, cli_json):
    # The same relative path as the command line's (CTest runs in the source folder), so that
    # the file names in the JSON agree too.
    os.chdir(root)
    spec = dcload.load_sweep("tests/data/sweep_grid.toml")
    assert spec.method == "grid" and spec.scenario_count() == 6
    r = dcload.sweep(spec, threads=2)
    expected = cli_json("sweep", "tests/data/sweep_grid.toml", "--json", "--threads", "1")
    same(dict(r.data), expected)
    out = r.outputs()
    assert out.shape == (6, len(spec.outputs))
    assert np.isfinite(out).all() and r.invalid == 0
    pd = pytest.importorskip("pandas")
    df = r.to_pandas()
    assert list(df.columns[:3]) == ["site", "cluster[0].count", "supply[0].tariff"]
    assert (df["status"] == "ok").all() or set(df["status"]) <= {"ok", "over_capacity", "n1_exceeded"}
    assert r.to_csv().count("\n") == 7


def test_sweep_errors_carry_their_place(root):
    with pytest.raises(dcload.ConfigError) as e:
        dcload.load_sweep(root / "tests" / "data" / "sweep_bad_unit.toml")
    assert e.value.line > 0 and e.value.file.endswith("sweep_bad_unit.toml")


def test_optimize_equals_cli(root, cli_json):
    path = root / "tests" / "data" / "optimize_pv.toml"
    o = dcload.optimize(path, cfe=0.5)
    expected = cli_json("optimize", "tests/data/optimize_pv.toml", "--cfe", "50%", "--json")
    a, b = dict(o.data), dict(expected)
    # Solver wall time differs from run to run; everything else is deterministic.
    for d in (a, b):
        d["lp"].pop("solve_s")
    same(a, b)
    assert o.status == "optimal"
    assert o.simulated is not None and o.simulated.site
    assert isinstance(o.optimized_site, dcload.Site)
    assert "optimal" in o.report()
    with pytest.raises(dcload.ConfigError):
        dcload.optimize(path, cfe=90)


def test_catalogs_equal_cli(cli_json):
    assert dcload.catalogs() == ["accelerators", "workloads", "ups"]
    for name in dcload.catalogs():
        same(dcload.catalog(name), cli_json("catalog", name, "--json"), name)
    acc = {a.name: a for a in dcload.catalog("accelerators")}
    assert acc["H100 SXM"].tdp_w == 700
    with pytest.raises(dcload.ConfigError) as e:
        dcload.catalog("chillers")
    assert e.value.key == "catalog"


def test_keys_equal_the_reference(cli):
    rc, md, _ = cli("keys", "--markdown")
    assert rc == 0
    rows = [l for l in md.splitlines() if l.startswith("| `")]
    keys = dcload.keys()
    assert [k.key for k in keys] == [r.split("`")[1] for r in rows]
    by = {k.key: k for k in keys}
    assert by["grid.connection"].required
    assert all(k.description for k in keys)


def test_psychrometrics():
    # ASHRAE Fundamentals 2021 ch. 1: 30 °C, 50 % RH at 101.325 kPa → wet-bulb ≈ 22.0 °C
    # (`dcload psychro` prints 22.0x for the same state).
    assert dcload.wet_bulb_c(30.0, 0.5) == pytest.approx(22.02, abs=0.05)
    assert "ulsan" in dcload.builtin_stations()


def test_site_report(root, tmp_path):
    if not dcload._core.charts_available:
        pytest.skip("built without Chart.js (libjs-chart.js)")
    r = dcload.report(root / "configs" / "ulsan.toml", tmp_path / "u.html")
    html = (tmp_path / "u.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and r.summary.site in html
    assert len(r.channels) == 0  # the page holds the digest, not the channels
    with pytest.raises(Exception):
        dcload.report(root / "configs" / "ulsan.toml", tmp_path / "missing" / "u.html")
    assert not (tmp_path / "missing").exists()


def test_real_typical_year(root, epw_dir, cli_json):
    epw = epw_dir / "KOR_Ulsan.epw"
    r = dcload.run(root / "configs" / "ulsan.toml", weather=epw, channels=["dry_bulb"])
    expected = cli_json("run", "configs/ulsan.toml", "--weather", str(epw), "--json")
    same(dict(r.summary), expected)
    assert r.summary.weather_source == str(epw)
    assert r.summary.utc_offset_h == 9  # EPW header: time zone +9


def test_regions_example(root, tmp_path):
    pytest.importorskip("matplotlib")
    out = tmp_path / "regions.png"
    env = dict(os.environ, MPLBACKEND="Agg")
    p = subprocess.run([sys.executable, str(root / "examples" / "python" / "regions.py"),
                        "--out", str(out)], cwd=root, capture_output=True, text=True, env=env)
    assert p.returncode == 0, p.stderr
    data = out.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 20000
    # It prints one line per region, with the PUE the engine computed.
    lines = [l for l in p.stdout.splitlines() if "PUE" in l]
    assert len(lines) == 4


def test_interconnection_equals_cli(root, cli, cli_json):
    # capacity --flex's block, outage and datapack/kgia: the same JSON as the command line.
    f = dcload.flex(dcload.load_site(root / "configs" / "ulsan.toml", ["flex.curtailable_share=25%"]))
    expected = cli_json("capacity", "configs/ulsan.toml", "--flex", "--json",
                        "--set", "flex.curtailable_share=25%")["flex"]
    same(dict(f.data), expected)
    assert f.curve_energy_only[-1].max_gpus >= f.curve[-1].max_gpus
    o = dcload.outage(root / "configs" / "ulsan.toml")
    same(dict(o.data), cli_json("outage", "configs/ulsan.toml", "--json"))
    assert o.target_met is False and o.survival[0].hours == 1
    files = [f"configs/regions/{n}.toml" for n in ("ulsan_lng", "haenam", "capital")]
    packs = dcload.kgia([root / f for f in files])
    same(packs, cli_json("kgia", *files, "--json"))
    assert [p.region for p in packs] == ["non_capital", "non_capital", "capital"]
    assert packs[0].self_sufficiency == 1.0
    rc, table, _ = cli("kgia", *files)
    assert dcload.kgia_report([root / f for f in files]) == table


def test_outage_by_start_and_pages(root, tmp_path):
    # by_start(): survival per outage length and start hour; its row means are the JSON's means.
    o = dcload.outage(root / "configs" / "ulsan.toml")
    a = o.by_start()
    assert a.shape == (len(o.survival), 8760)
    for row, s in zip(a, o.survival):
        assert row.mean() == pytest.approx(s.mean, rel=1e-12, abs=1e-15)
        assert row.min() == s.minimum
        assert int(row.argmin()) == s.worst_start_hour
    # The pages, as the command line's --report writes them.
    page = tmp_path / "outage.html"
    assert o.write_report(page) == os.fspath(page)
    text = page.read_text(encoding="utf-8")
    assert 'data-key="survival_at_target"' in text and "outage-survival" in text
    pack = tmp_path / "pack.html"
    dcload.interconnection_report([root / "configs" / "ulsan.toml"], pack)
    assert 'data-key="peak_facility_mw"' in pack.read_text(encoding="utf-8")
    f = dcload.flex(dcload.load_site(root / "configs" / "ulsan.toml", ["flex.curtailable_share=25%"]))
    f.write_report(tmp_path / "flex.html")
    assert "flex-curve" in (tmp_path / "flex.html").read_text(encoding="utf-8")
    with pytest.raises(dcload.ConfigError):
        o.write_report(tmp_path / "no" / "such" / "o.html")


# ---- terminal tables and documents (compare) -------------------------------------------------

def test_compare_fits_a_100_column_terminal_and_exports_the_same_numbers(cli, root):
    import csv
    import io
    regions = sorted(str(p) for p in (root / "configs" / "regions").glob("*.toml"))
    rc, table, err = cli("compare", *regions)
    assert rc == 1, err  # capital and Haenam leave demand unserved: their status says so
    lines = table.splitlines()
    assert max(len(l) for l in lines) <= 100
    rc, wide, _ = cli("compare", *regions, "--wide")
    assert max(len(l) for l in wide.splitlines()) > 100  # the names at full width
    rc, text, _ = cli("compare", *regions, "--json")
    summaries = json.loads(text)
    rc, out, err = cli("compare", *regions, "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["metric"] + [s["site"] for s in summaries]
    by_label = {r[0]: r[1:] for r in rows[1:]}
    assert [float(v) for v in by_label["PUE"]] == [round(s["pue_annual"], 3) for s in summaries]
    assert by_label["status"] == [s["status"] for s in summaries]
    assert "not ranked" in err  # the footnotes go to stderr, the CSV stays a table
    rc, md, _ = cli("compare", *regions, "--format", "markdown")
    md_lines = md.splitlines()
    assert md_lines[1].startswith("|---|")
    assert all(l.startswith("|") and l.endswith("|") for l in md_lines[: len(rows) + 1])
    rc, _, err = cli("compare", regions[0], "--format", "html")
    assert rc == 2 and "expected table, csv or markdown" in err


def test_keys_section_filter_and_bare_angles(cli):
    rc, out, _ = cli("keys", "flex")
    keys = [l.split("`")[1] for l in out.splitlines()[2:]]
    assert keys and all(k.startswith("flex.") for k in keys)
    rc, out, _ = cli("keys", "cluster")
    assert "`cluster[].curtailable_share`" in out and "`flex." not in out
    rc, _, err = cli("keys", "coolingg")
    assert rc == 2 and "no section \"coolingg\"" in err and "cooling" in err
    # A bare number is refused where the option has a unit, as psychro --dry-bulb does.
    rc, _, err = cli("pv", "--weather", "builtin:seoul", "--tilt", "30")
    assert rc == 2 and 'give the unit, e.g. "30 deg"' in err


def test_text_reports_fit_a_100_column_terminal(cli, root):
    # Display columns (East Asian wide characters, e.g. 전력자립도, take two), every line.
    import unicodedata

    def width(line):
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)

    regions = sorted(str(p) for p in (root / "configs" / "regions").glob("*.toml"))
    for args in (("run",), ("capacity", "--flex", "--set", "flex.curtailable_share=25%"),
                 ("outage",), ("kgia", *regions), ("datapack", *regions),
                 ("capacity", "configs/ulsan_1gw.toml", "--flex", "--set", "flex.curtailable_share=25%"),
                 ("catalog", "accelerators"), ("catalog", "workloads"), ("catalog", "ups"),
                 ("swing", "configs/ulsan_1gw.toml"), ("swing", "configs/regions/ulsan_lng.toml",
                                                       "--no-search", "--duration", "1 min")):
        rc, out, err = cli(*args)
        assert out, (args, err)
        wide = [l for l in out.splitlines() if width(l) > 100]
        assert not wide, (args, wide[:3])


def test_swing_equals_cli_and_gives_the_draw_as_arrays(root, cli_json):
    # The same JSON as `dcload swing --json`; the grid draw after each layer as a NumPy array
    # whose column means are the layers' means.
    import numpy as np

    args = ["smoothing.bess_power=5 MW", "smoothing.bess_energy=0.1 MWh", "swing.duration=2 min"]
    site = dcload.load_site(root / "configs" / "ulsan.toml", args)
    r = dcload.swing(site, search=False)
    expected = cli_json("swing", "configs/ulsan.toml", "--json", "--no-search",
                        *[x for a in args for x in ("--set", a)])
    same(dict(r.data), expected)
    draw = r.grid_draw()
    assert draw.shape == (1200, 2) and r.series_names == ["as run", "bess"]
    active = [l for l in r.layers if l.active]
    for column, layer in zip(draw.T, active):
        assert abs(column.mean() - layer.after.mean_mw) < 1e-9 * layer.after.mean_mw
    assert np.allclose(np.diff(r.times()), 0.1)
    # An independent spectrum: NumPy's real FFT of the same draw gives the same band shares
    # (one-sided, mean removed, Nyquist bin single; band [0.1, 20) Hz, inter-area [0.1, 1)).
    for column, layer in zip(draw.T, active):
        x = column - column.mean()
        power = np.abs(np.fft.rfft(x)) ** 2
        power[1:-1] *= 2  # 1,200 samples: the last bin is Nyquist
        f = np.fft.rfftfreq(x.size, 0.1)
        total = power[1:].sum()
        band = power[(f >= 0.1) & (f < 20)].sum() / total
        inter = power[(f >= 0.1) & (f < 1)].sum() / total
        assert abs(band - layer.after.band_share) < 1e-9
        assert abs(inter - layer.after.inter_area_share) < 1e-9
        assert abs(np.sqrt(total) / x.size - layer.after.rms_mw) < 1e-9 * layer.after.rms_mw
    assert r.ride_through[0].transferred and r.ride_through[0].transfer_s == 32.8
