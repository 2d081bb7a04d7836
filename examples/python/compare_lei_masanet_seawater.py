"""Hour-by-hour comparison of dcload's seawater cold source with Lei & Masanet's seawater
economizer (Energy 201 (2020) 117556; github.com/nuoaleon/Data-center-PUE-prediction-tool,
function PUE_WES_Chiller of PUE_simulation_tool.ipynb, checked at commit 11663ab).

Their notebooks are read from a checkout you provide and run as they are (nothing of them is
copied here); only their imports of pandas, scipy and import_ipynb are dropped, which
PUE_WES_Chiller does not use, and the function is asked for its component list as well.

    build/dcload run examples/lei_masanet_seawater.toml --out lm_out/
    git clone https://github.com/nuoaleon/Data-center-PUE-prediction-tool lm_tool
    python3 examples/python/compare_lei_masanet_seawater.py lm_tool lm_out/timeseries.csv

Prints both annual PUEs, the hourly correlation and the components per unit of IT energy. The
inputs on their side are those of examples/lei_masanet_seawater.toml (keep the two together).
"""
import csv
import json
import math
import sys
from pathlib import Path


def notebook_code(path):
    cells = json.loads(Path(path).read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")


def load_tool(repo):
    src = notebook_code(Path(repo) / "PUE_internalfunctions.ipynb") + "\n" + \
        notebook_code(Path(repo) / "PUE_simulation_tool.ipynb")
    for unused in ("import pandas as pd", "from scipy.optimize import *", "import import_ipynb",
                   "from PUE_internalfunctions import *"):
        src = src.replace(unused, "")
    ret = "    return PUE_WE_CH\n"
    start = src.index("def PUE_WES_Chiller")
    at = src.index(ret, start)
    src = src[:at] + "    return PUE_WE_CH, P\n" + src[at + len(ret):]
    ns = {}
    exec(compile(src, "Data-center-PUE-prediction-tool", "exec"), ns)
    return ns["PUE_WES_Chiller"]


def main(repo, timeseries):
    pue_wes = load_tool(repo)
    t_sa, dt_air, t_sfw = 24.5, 14.14, 20.0
    hte = dt_air / (t_sa + dt_air - t_sfw)  # their T_sfw = T_ra - dT_air / HTE
    # parameters_WES of their example, the loop figures aligned to the dcload site file:
    # UPS, PD loss, lighting, T_sa, dT_air, dT_water, dT_sea, CRAC fan Pa and efficiency,
    # humidification pump (unused: SHR = 1), WE pump Pa/eff, CW pump Pa/eff, sea pump Pa/eff,
    # AT_HE, HTE, SHR, chiller load, pCOP.
    w = [1 / 1.025, 0.01354, 0.00056, t_sa, dt_air, 8.0, 7.505, 413.9, 0.671, 6.65683594e6,
         0.632, 136980.148, 0.629, 136194.518, 0.629, 699398.438, 0.798, 2.498, hte, 1.0, 0.770,
         0.0]
    rows = list(csv.DictReader(open(timeseries, encoding="utf-8")))
    theirs, parts = [], [0.0] * 10
    for r in rows:
        pue, p = pue_wes(w, float(r["sea_temperature_c"]), 101325, 1.0)
        theirs.append(pue)
        parts = [a + b for a, b in zip(parts, p)]
    ours = [float(r["facility_power_mw"]) / float(r["it_power_mw"]) for r in rows]
    it = sum(float(r["it_power_mw"]) for r in rows)
    fac = sum(float(r["facility_power_mw"]) for r in rows)
    n = len(rows)
    ma, mb = sum(theirs) / n, sum(ours) / n
    cov = sum((a - ma) * (b - mb) for a, b in zip(theirs, ours))
    r = cov / math.sqrt(sum((a - ma) ** 2 for a in theirs) * sum((b - mb) ** 2 for b in ours))
    print(f"annual PUE: Lei & Masanet {sum(theirs) / n:.4f}, dcload {fac / it:.4f}")
    diffs = [abs(a - b) for a, b in zip(theirs, ours)]
    print(f"hourly: r = {r:.4f}, mean |dPUE| = {sum(diffs) / n:.4f}, largest {max(diffs):.4f}")
    names = ["IT", "UPS loss", "PD loss", "lighting", "CRAC fans", "humidification pump",
             "economizer pump", "chillers", "chilled-water pump", "seawater pump"]
    print("Lei & Masanet, per unit IT:", ", ".join(f"{k} {v / n:.5f}" for k, v in zip(names[1:], parts[1:])))
    cols = ["ups_loss_mw", "distribution_loss_mw", "lighting_power_mw", "crah_fan_power_mw",
            "chw_pump_power_mw", "cw_pump_power_mw", "chiller_power_mw", "seawater_pump_power_mw"]
    print("dcload, per unit IT:", ", ".join(f"{c[:-3]} {sum(float(x[c]) for x in rows) / it:.5f}" for c in cols))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
