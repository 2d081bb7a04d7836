#!/usr/bin/env python3
"""make_chartjs_fixture.py CHART_MIN_JS TEMPLATE OUT: writes TEMPLATE with @CHART_JS@ replaced by
the Chart.js file (Debian libjs-chart.js: /usr/share/javascript/chart.js/chart.min.js), so that
check_report.py can be tried on charts drawn by the real library (the browser_fixture_chartjs test)."""
import os
import sys

if len(sys.argv) != 4:
    sys.exit(__doc__)
chart_js, template, out = sys.argv[1:]
with open(chart_js, encoding="utf-8") as f:
    js = f.read()
if "</script" in js.lower():
    sys.exit(f"{chart_js} contains </script and cannot be inlined as is")
with open(template, encoding="utf-8") as f:
    page = f.read()
if page.count("@CHART_JS@") != 2:  # the comment that names it, and the place
    sys.exit(f"{template}: expected @CHART_JS@ twice")
head, sep, tail = page.rpartition("@CHART_JS@")
os.makedirs(os.path.dirname(os.path.abspath(out)), exist_ok=True)
with open(out, "w", encoding="utf-8") as f:
    f.write(head + js + tail)
