#!/usr/bin/env python3
"""Compare the four regional 1 GW campuses (configs/regions/) and chart them.

    python3 examples/python/regions.py [--out regions.png] [--timestep "1 h"] [SITE.toml ...]

Runs every site through the engine (in parallel; summary only), prints one line per region and
writes a PNG of six panels: PUE, cost per IT MWh, CO2, water, grid headroom (normal and with the
largest transformer out) and the hourly carbon-free share. Needs matplotlib (Debian:
python3-matplotlib); runs without a display (Agg backend).
"""
import argparse
import glob
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

import dcload  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
REGIONS = os.path.join(HERE, "..", "..", "configs", "regions", "*.toml")
# Okabe & Ito's colour-blind-safe palette (as the HTML reports use).
COLOURS = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sites", nargs="*", help="site files (default: configs/regions/*.toml)")
    ap.add_argument("--out", default="regions.png", help="PNG to write (default regions.png)")
    ap.add_argument("--timestep", default="1 h", help='step, e.g. "1 h" (default), "15 min"')
    args = ap.parse_args()
    files = args.sites or sorted(glob.glob(REGIONS))
    if not files:
        sys.exit("no site files")
    try:
        comparison = dcload.compare(files, timestep=args.timestep)
    except dcload.ConfigError as e:
        sys.exit(str(e))

    rows = []
    for r in comparison:
        s = r.summary
        rows.append(s)
        # A cost that leaves unserved energy unpriced is not comparable: say so, never a quiet bar.
        omits = "" if r.cost_is_complete else f" (omits {s.unserved_mwh / 1e3:.0f} GWh unserved)"
        print(f"{s.site}: PUE {s.pue_annual:.3f}, {s.cost_per_it_mwh_usd:.1f} USD per IT MWh{omits}, "
              f"CO2 {s.co2_t / 1e3:.0f} kt, water {s.water_m3 / 1e3:.0f} thousand m³, "
              f"headroom {s.min_grid_headroom_mw:.0f} MW (N-1 {s.min_grid_headroom_n1_mw:.0f} MW), "
              f"CFE {100 * s.cfe_share:.0f} %, status {r.status}")
        for m in r.messages:
            print(f"  {m}")

    names = [s.site for s in rows]
    short = [n.split(",")[1].split("(")[0].strip() if "," in n else n for n in names]
    # A site whose run breached a limit carries its status under its name on every panel.
    short = [f"{n}\n[{r.status}]" if not r.ok else n for n, r in zip(short, comparison)]
    complete = [r.cost_is_complete for r in comparison]
    panels = [
        ("PUE (annual)", [s.pue_annual for s in rows], "{:.3f}"),
        ("Cost, USD per IT MWh (hatched: omits unserved energy)",
         [s.cost_per_it_mwh_usd for s in rows], "{:.0f}"),
        ("CO2, kt per year", [s.co2_t / 1e3 for s in rows], "{:.0f}"),
        ("Water, thousand m³ per year", [s.water_m3 / 1e3 for s in rows], "{:.0f}"),
        ("Carbon-free share, % (hourly)", [100 * s.cfe_share for s in rows], "{:.0f}"),
    ]
    fig, axes = plt.subplots(2, 3, figsize=(14, 8), constrained_layout=True)
    for i, (ax, (title, values, fmt)) in enumerate(zip(axes.flat, panels)):
        if i == 0:
            # PUE from 1: the bar is the overhead above the IT energy.
            bars = ax.bar(short, [v - 1 for v in values], bottom=1, color=COLOURS[: len(values)])
            ax.set_ylim(1, 1 + 1.25 * max(v - 1 for v in values))
        else:
            bars = ax.bar(short, values, color=COLOURS[: len(values)])
        if i == 1:
            for bar, ok in zip(bars, complete):
                if not ok:
                    bar.set_hatch("//")
                    bar.set_edgecolor("black")
        ax.bar_label(bars, labels=[fmt.format(v) for v in values], fontsize=8)
        ax.set_title(title, fontsize=10)
        ax.tick_params(axis="x", labelsize=8)
    ax = axes.flat[5]
    x = range(len(rows))
    width = 0.4
    normal = [s.min_grid_headroom_mw for s in rows]
    n1 = [s.min_grid_headroom_n1_mw for s in rows]
    ax.bar([i - width / 2 for i in x], normal, width, label="normal", color=COLOURS[0])
    ax.bar([i + width / 2 for i in x], n1, width, label="N-1 (largest transformer out)", color=COLOURS[5])
    ax.axhline(0, color="black", linewidth=0.8)
    ax.set_xticks(list(x), short, fontsize=8)
    ax.set_title("Least grid headroom, MW")
    ax.legend(fontsize=8)
    fig.suptitle(f"dcload {dcload.__version__}: regions compared ({args.timestep} steps, "
                 "summary of one typical year each)")
    fig.savefig(args.out, dpi=110)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
