#!/usr/bin/env python3
"""The Python module's cost over the C++ engine (bench/README.md, "Python").

    PYTHONPATH=build/python python3 bench/python_bench.py [--repeat 200]

Medians of `dcload.run` on configs/ulsan.toml (hourly year) summary-only and with every channel,
of reading the summary (built on first access from the Summary JSON) and of taking every channel
as a NumPy view; compare them with build/bench/dcload_bench --benchmark_filter=AsPython (the
same calls from C++). Timing is for a quiet machine: another build running beside it doubles
every figure. Google Benchmark does not time Python; this uses time.perf_counter.
"""
import argparse
import json
import os
import statistics
import subprocess
import time

import dcload

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")


def median_ms(fn, repeat):
    fn()  # warm: the thread's workspace, the weather cache, first-touch pages
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1e3)
    return statistics.median(samples)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=200)
    a = ap.parse_args()
    site = dcload.load_site(os.path.join(ROOT, "configs", "ulsan.toml"))
    rows = [
        ("load_site(configs/ulsan.toml)", lambda: dcload.load_site(os.path.join(ROOT, "configs", "ulsan.toml"))),
        ("run(site, channels=[])", lambda: dcload.run(site, channels=[])),
        ("run(site)  (all 29 channels)", lambda: dcload.run(site)),
        ("run(site, channels=[]).summary", lambda: dcload.run(site, channels=[]).summary),
    ]
    exe = os.environ.get("DCLOAD_EXE", os.path.join(ROOT, "build", "dcload"))
    if os.path.exists(exe):
        # The way in before the module: the command as a subprocess, its JSON parsed.
        ulsan = os.path.join(ROOT, "configs", "ulsan.toml")
        rows.append(("subprocess dcload run --json", lambda: json.loads(subprocess.run(
            [exe, "run", ulsan, "--json"], capture_output=True, check=True).stdout)))
    r = dcload.run(site)
    rows.append(("result.summary (first access)", lambda: dcload.Result(r._core).summary))
    rows.append(("every channel as a view", lambda: [r.channels[n] for n in r.channels]))
    print(f"dcload {dcload.__version__}, median of {a.repeat} (ms)")
    for name, fn in rows:
        print(f"  {name:34s} {median_ms(fn, a.repeat):8.3f}")


if __name__ == "__main__":
    main()
