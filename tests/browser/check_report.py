#!/usr/bin/env python3
"""Checks one dcload HTML report in a real browser (headless Chromium); Python standard library only.

  check_report.py --html R.html --json SUMMARY.json --screenshot OUT.png
                  [--compare] [--max-bytes 3000000] [--min-charts 1]
                  [--report-cmd 'dcload|report|site.toml|--out|R.html'] [--json-cmd 'dcload|run|site.toml|--json']
                  [--expect-fail REGEX ...] [--timeout 120] [--verbose] [--keep-temp]

The report contract it checks (tests/browser/README.md):
  1. no console.error, uncaught exception, unhandled rejection or failed resource load, and no
     request to the network (Chromium runs with every host name unresolvable);
  2. window.dcloadReady === true after the load event (waited for up to 10 s of virtual time);
  3. as many <canvas class="dcl-chart"> as <meta name="dcload-charts" content="N"> declares
     (and at least --min-charts), each with an id and at least 1 % of its pixels differing from
     its background (its most common pixel value; every fully transparent pixel counts as one)
     and, when it is a Chart.js chart (Chart.getChart), at least one data element (point, bar,
     arc) placed at finite coordinates in a visible dataset (axes and legend alone pass the
     pixel test);
  4. every .dcl-num element (at least one): data-value equals the JSON value of data-key
     within the JSON's printed precision (relative 5e-6: the JSON has 6 significant digits);
     its text, after removing thousands
     separators (U+2009, U+202F, U+00A0, space, comma) and reading U+2212 as '-', is a plain
     decimal number with exactly data-digits decimals within half a unit of its last digit
     (+1e-9) of the JSON value. With --compare the JSON is an array of Summaries and each
     element's data-site picks the one whose "site" equals it; without, data-site (if any)
     must equal the Summary's "site";
  5. the file is at most --max-bytes; no tag has a src= other than data:/blob:, no <link> has an
     href= other than data:, no href=/src= points at http(s):// or //host, and no inline CSS
     has @import or a url() other than data:/#;
  6. a screenshot PNG of the page (un-instrumented) is written to --screenshot.

With --report-cmd / --json-cmd (argument lists joined with '|', as tests/cli_check.cmake
takes them) it first runs the dcload command that writes --html (the old file is removed
first) and the one that prints the JSON to stdout (written to --json); each may exit 0 or 1
(a run whose status is not ok), anything else is a failure.

Exit status: 0 all checks pass; 1 a check failed (one line per reason, "FAIL <file>: ...");
2 bad arguments; 77 no Chromium (CHROMIUM, or chromium / chromium-browser / google-chrome
in PATH) — CTest's SKIP_RETURN_CODE.
With --expect-fail REGEX (repeatable) it is a self-test of this checker: exit 0 only when the
checks fail, every REGEX matches some failure line and every failure line matches some REGEX.
"""

import argparse
import html
import html.parser
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

SKIP = 77
SELFCHECK_ID = "dcload-selfcheck"
BLANK_SHARE = 0.01  # a chart needs at least this share of non-background pixels

# Injected right after <head>: records every error the page reports or raises.
HEAD_JS = r"""<script id="dcload-selfcheck-head">(function () {
  var E = window.__dclErrors = [];
  function s(x) {
    try {
      if (x instanceof Error) return x.name + ': ' + x.message;
      if (typeof x === 'object' && x !== null) return JSON.stringify(x);
      return String(x);
    } catch (e) { return String(x); }
  }
  window.addEventListener('error', function (ev) {
    var t = ev.target;
    if (t && t !== window && t.tagName) {
      E.push({kind: 'resource', text: '<' + t.tagName.toLowerCase() + '> ' +
              (t.src || t.href || t.currentSrc || t.getAttribute('src') || t.getAttribute('href') || '')});
    } else {
      E.push({kind: 'exception', text: (ev.error ? s(ev.error) : ev.message) +
              (ev.filename ? ' (line ' + ev.lineno + ')' : '')});
    }
  }, true);
  window.addEventListener('unhandledrejection', function (ev) {
    E.push({kind: 'rejection', text: s(ev.reason)});
  });
  var orig = console.error;
  console.error = function () {
    E.push({kind: 'console.error', text: Array.prototype.map.call(arguments, s).join(' ')});
    return orig.apply(console, arguments);
  };
})();</script>"""
# On one line, so that line numbers in the page's messages are those of the report itself.
HEAD_JS = " ".join(line.strip() for line in HEAD_JS.splitlines())

# Injected right before the last </body>: after load (and dcloadReady, waited for up to 10 s
# of virtual time) writes what it found as JSON into <pre id="dcload-selfcheck">.
TAIL_JS = r"""<script id="dcload-selfcheck-tail">(function () {
  function share(c) {
    var r = {id: c.id || '', w: c.width, h: c.height, share: 0};
    if (!c.width || !c.height) return r;
    var ctx = c.getContext('2d'), d;
    if (ctx) {
      d = ctx.getImageData(0, 0, c.width, c.height).data;
    } else {  // a canvas drawn with WebGL: copy it to a 2D one
      var t = document.createElement('canvas'); t.width = c.width; t.height = c.height;
      var tc = t.getContext('2d'); tc.drawImage(c, 0, 0);
      d = tc.getImageData(0, 0, c.width, c.height).data;
    }
    var u = new Uint32Array(d.buffer, d.byteOffset, d.byteLength >> 2), n = u.length;
    var counts = new Map(), best = 0;
    for (var i = 0; i < n; i++) {
      var v = d[4 * i + 3] === 0 ? 0 : u[i];  // every fully transparent pixel is one value
      var k = (counts.get(v) || 0) + 1;
      counts.set(v, k);
      if (k > best) best = k;
    }
    r.share = 1 - best / n;
    // A Chart.js chart: its axes and legend alone pass the pixel test, so count the data
    // elements (points, bars, arcs) it placed at finite coordinates in its visible datasets.
    var ch = window.Chart && Chart.getChart && Chart.getChart(c);
    if (ch) {
      var placed = 0, sets = ch.data.datasets.length;
      for (var j = 0; j < sets; j++) {
        if (!ch.isDatasetVisible(j)) continue;
        ch.getDatasetMeta(j).data.forEach(function (el) {
          if (!el.skip && isFinite(el.x) && isFinite(el.y)) placed++;
        });
      }
      r.chartjs = {type: ch.config.type, datasets: sets, placed: placed};
    }
    return r;
  }
  function run() {
    var out = {ready: window.dcloadReady === true, readyValue: String(window.dcloadReady),
               errors: (window.__dclErrors || []).slice(), meta: null, canvases: [], nums: [],
               resources: [], height: 0};
    try {
      var m = document.querySelector('meta[name="dcload-charts"]');
      out.meta = m ? m.getAttribute('content') : null;
      document.querySelectorAll('canvas.dcl-chart').forEach(function (c) {
        try { out.canvases.push(share(c)); }
        catch (e) { out.canvases.push({id: c.id || '', w: c.width, h: c.height, share: 0, error: String(e)}); }
      });
      document.querySelectorAll('.dcl-num').forEach(function (el) {
        out.nums.push({key: el.getAttribute('data-key'), value: el.getAttribute('data-value'),
                       digits: el.getAttribute('data-digits'), site: el.getAttribute('data-site'),
                       text: el.textContent});
      });
      performance.getEntriesByType('resource').forEach(function (r) { out.resources.push(r.name); });
      var b = document.body.getBoundingClientRect();
      out.height = Math.ceil(Math.max(b.bottom + window.scrollY, document.body.scrollHeight));
    } catch (e) {
      out.checkerError = String(e && e.stack || e);
    }
    var pre = document.createElement('pre');
    pre.id = 'dcload-selfcheck';
    pre.style.display = 'none';
    pre.textContent = JSON.stringify(out);
    document.body.appendChild(pre);
  }
  function whenReady(t0) {
    if (window.dcloadReady === true || performance.now() - t0 > 10000) run();
    else setTimeout(function () { whenReady(t0); }, 50);
  }
  window.addEventListener('load', function () {
    setTimeout(function () { whenReady(performance.now()); }, 0);
  });
})();</script>"""

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--no-default-browser-check", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--disable-extensions", "--mute-audio",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # any attempt at the network fails
    "--enable-logging=stderr", "--v=0",
]
WINDOW_WIDTH = 1280
CHECK_WINDOW = f"--window-size={WINDOW_WIDTH},6000"


class Skip(Exception):
    pass


def find_chromium():
    env = os.environ.get("CHROMIUM")
    if env:
        path = shutil.which(env)
        if not path:
            raise SystemExit(f"check_report: CHROMIUM={env} is not an executable")
        return path
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    raise Skip("no Chromium: none of chromium, chromium-browser, google-chrome in PATH and "
               "CHROMIUM unset (Debian: apt-get install chromium)")


def run_chromium(chromium, extra, url, timeout):
    """Runs one headless Chromium with a fresh profile; returns (rc, stdout, stderr)."""
    profile = tempfile.mkdtemp(prefix="dcload-chromium-")
    cmd = [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *extra, url]
    try:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL, start_new_session=True)
        try:
            out, err = p.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.communicate()
            return None, "", f"timed out after {timeout} s"
        # Chromium's helper processes share its session; none may outlive it.
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    finally:
        shutil.rmtree(profile, ignore_errors=True)


def instrument(text):
    """The report with HEAD_JS first in <head> and TAIL_JS last in <body>."""
    m = re.search(r"<head\b[^>]*>", text, re.I)
    if not m:
        m = re.search(r"<html\b[^>]*>", text, re.I) or re.search(r"<!doctype[^>]*>", text, re.I)
    at = m.end() if m else 0
    text = text[:at] + HEAD_JS + text[at:]
    ends = [m.start() for m in re.finditer(r"</body\s*>", text, re.I)]
    at = ends[-1] if ends else len(text)
    return text[:at] + TAIL_JS + text[at:]


# ---- static checks of the file --------------------------------------------------------------
NETWORK_URL = re.compile(r"^\s*(https?:|//)", re.I)
LOCAL_OK = re.compile(r"^\s*(data:|blob:)", re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.I)


class StaticScan(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems = []
        self._in_style = False

    def _where(self):
        return f"line {self.getpos()[0]}"

    def _css(self, css, what):
        if re.search(r"@import\b", css, re.I):
            self.problems.append(f"external reference: {self._where()}: @import in {what}")
        for url in CSS_URL.findall(css):
            if url and not LOCAL_OK.match(url) and not url.startswith("#"):
                self.problems.append(f"external reference: {self._where()}: url({url}) in {what}")

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        for k in ("src", "href", "srcset", "poster", "data", "action"):
            if k in a and NETWORK_URL.match(a[k]):
                self.problems.append(f"external reference: {self._where()}: <{tag} {k}=\"{a[k]}\">")
                a.pop(k)  # one line per attribute
        if "src" in a and not LOCAL_OK.match(a["src"]):
            what = "script not inline" if tag == "script" else "not self-contained"
            self.problems.append(f"external reference: {self._where()}: <{tag} src=\"{a['src']}\"> ({what})")
        if tag == "link" and "href" in a and not LOCAL_OK.match(a["href"]):
            self.problems.append(f"external reference: {self._where()}: <link rel=\"{a.get('rel', '')}\" "
                                 f"href=\"{a['href']}\"> (not self-contained)")
        if "style" in a:
            self._css(a["style"], f"the style of <{tag}>")
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self._css(data, "<style>")


def static_checks(text, size, max_bytes):
    fails = []
    if size > max_bytes:
        fails.append(f"file size: {size} bytes, more than the {max_bytes} allowed")
    scan = StaticScan()
    scan.feed(text)
    scan.close()
    return fails + scan.problems


# ---- numbers ---------------------------------------------------------------------------------
SEPARATORS = dict.fromkeys(map(ord, "\u2009\u202f\u00a0 ,"), None)


def parse_shown(text):
    """The displayed number and its count of decimals, or None."""
    t = text.strip().replace("\u2212", "-").translate(SEPARATORS)
    m = re.fullmatch(r"([-+]?)(\d+)(?:\.(\d+))?", t)
    if not m:
        return None
    return float(t), len(m.group(3) or "")


def lookup(summary, key):
    return (True, summary[key]) if key in summary else (False, None)


def same(a, b):
    return abs(a - b) <= 1e-12 or abs(a - b) <= 1e-9 * max(abs(a), abs(b))


# The Summary JSON prints most numbers to 6 significant digits (some to 9), the page carries
# the full double: they agree within half a unit of the JSON's 6th digit.
JSON_REL = 5e-6


def same_as_json(page, json_value):
    return abs(page - json_value) <= 1e-12 or abs(page - json_value) <= JSON_REL * abs(json_value) + 1e-12


def number_checks(nums, doc, compare):
    fails, checked = [], []
    if not nums:
        return ["no numbers: the report has no .dcl-num element"], checked
    if compare:
        if not isinstance(doc, list) or not all(isinstance(s, dict) for s in doc):
            return ["json: --compare needs an array of Summaries"], checked
        sites = {}
        for s in doc:
            sites.setdefault(s.get("site"), []).append(s)
    elif not isinstance(doc, dict):
        return ["json: an array of Summaries; is this a compare report (--compare)?"], checked
    for i, n in enumerate(nums):
        key, site = n.get("key"), n.get("site")
        name = f".dcl-num #{i + 1} [data-key={key}" + (f" data-site={site}" if site is not None else "") + "]"
        if not key:
            fails.append(f"number: {name} has no data-key")
            continue
        if compare:
            if site is None:
                fails.append(f"number: {name} has no data-site (a compare report)")
                continue
            if site not in sites:
                fails.append(f"number: {name}: no site \"{site}\" in the JSON (sites: "
                             + ", ".join(f'"{s}"' for s in sites) + ")")
                continue
            found = [lookup(s, key) for s in sites[site]]
        else:
            if site is not None and site != doc.get("site"):
                fails.append(f"number: {name}: data-site is not the JSON's site \"{doc.get('site')}\"")
                continue
            found = [lookup(doc, key)]
        if not all(ok for ok, _ in found):
            fails.append(f"number: {name}: no key \"{key}\" in the JSON")
            continue
        values = [v for _, v in found]
        if any(isinstance(v, bool) or not isinstance(v, (int, float)) for v in values):
            fails.append(f"number: {name}: the JSON value is {json.dumps(values[0])}, not a number")
            continue
        if any(not same(v, values[0]) for v in values):
            fails.append(f"number: {name}: the JSON has several Summaries for site \"{site}\" "
                         f"with different {key}")
            continue
        want = float(values[0])
        try:
            value = float(n.get("value"))
            if not math.isfinite(value):
                raise ValueError
        except (TypeError, ValueError):
            fails.append(f"number: {name}: data-value \"{n.get('value')}\" is not a finite number")
            continue
        try:
            digits = int(n.get("digits"))
            if not 0 <= digits <= 15:
                raise ValueError
        except (TypeError, ValueError):
            fails.append(f"number: {name}: data-digits \"{n.get('digits')}\" is not 0 … 15")
            continue
        bad = False
        if not same_as_json(value, want):
            fails.append(f"number mismatch: {name}: data-value {n.get('value')}, the JSON has {values[0]!r}")
            bad = True
        shown = parse_shown(n.get("text") or "")
        text = (n.get("text") or "").strip()
        if shown is None:
            fails.append(f"number text: {name} shows \"{text}\", not a number")
            bad = True
        elif shown[1] != digits:
            fails.append(f"number text: {name} shows \"{text}\" with {shown[1]} decimals, data-digits is {digits}")
            bad = True
        elif abs(shown[0] - want) > 0.5 * 10.0 ** -digits + JSON_REL * abs(want) + 1e-9:
            fails.append(f"number text: {name} shows \"{text}\", the JSON value {values[0]!r} "
                         f"to {digits} decimals is {want:.{digits}f}")
            bad = True
        if not bad:
            checked.append((key, site))
    return fails, checked


# ---- the browser results ---------------------------------------------------------------------
def parse_selfcheck(dom):
    m = re.search(r'<pre id="dcload-selfcheck"[^>]*>(.*?)</pre>', dom, re.S)
    if not m:
        return None
    return json.loads(html.unescape(m.group(1)))


def clip(s, n=300):
    s = " ".join(str(s).split())
    return s if len(s) <= n else s[: n - 1] + "…"


def browser_checks(res, stderr, min_charts):
    fails = []
    kinds = {"console.error": "console.error", "exception": "uncaught exception",
             "rejection": "unhandled rejection", "resource": "resource failed to load"}
    for e in res.get("errors", []):
        fails.append(f"{kinds.get(e.get('kind'), e.get('kind'))}: {clip(e.get('text'))}")
    if res.get("checkerError"):
        fails.append(f"checker script failed in the page: {clip(res['checkerError'])}")
    for url in res.get("resources", []):
        if not LOCAL_OK.match(url) and not url.startswith("file:"):
            fails.append(f"network request: {clip(url)}")
    # Chromium's log: uncaught errors (already seen in the page, unless they escaped it) and
    # failed loads. Its start-up noise (D-Bus, VA-API, sandbox warnings) matches neither.
    seen_in_page = any(e.get("kind") in ("exception", "rejection") for e in res.get("errors", []))
    for line in stderr.splitlines():
        if ":CONSOLE" in line and "Uncaught" in line and not seen_in_page:
            fails.append(f"uncaught exception (Chromium log): {clip(line)}")
        elif "net::ERR_" in line or "Failed to load resource" in line:
            fails.append(f"resource failed to load (Chromium log): {clip(line)}")
    if not res.get("ready"):
        fails.append(f"not ready: window.dcloadReady is {res.get('readyValue')}, not true, after load")
    meta, canvases = res.get("meta"), res.get("canvases", [])
    if meta is None:
        fails.append('chart count: no <meta name="dcload-charts" content="N">')
    elif not re.fullmatch(r"\s*\d+\s*", meta):
        fails.append(f'chart count: <meta name="dcload-charts" content="{meta}"> is not a whole number')
    elif int(meta) != len(canvases):
        fails.append(f"chart count: {len(canvases)} canvas.dcl-chart, the page declares {int(meta)}")
    if len(canvases) < min_charts:
        fails.append(f"chart count: {len(canvases)} canvas.dcl-chart, at least {min_charts} required")
    for i, c in enumerate(canvases):
        name = f"canvas.dcl-chart #{i + 1}" + (f" id={c['id']}" if c.get("id") else "")
        if not c.get("id"):
            fails.append(f"chart id: {name} has no id")
        if c.get("error"):
            fails.append(f"blank chart: {name} cannot be read: {clip(c['error'])}")
        elif c.get("chartjs") and c["chartjs"].get("placed", 0) == 0:
            cj = c["chartjs"]
            fails.append(f"blank chart: {name}: a Chart.js {cj.get('type')} chart with {cj.get('datasets')} "
                         f"dataset{'s' * (cj.get('datasets') != 1)} and no data point at a finite position")
        elif c.get("share", 0) < BLANK_SHARE:
            fails.append(f"blank chart: {name} ({c.get('w')}x{c.get('h')}): "
                         f"{100 * c.get('share', 0):.2f} % of pixels differ from the background, "
                         f"at least {100 * BLANK_SHARE:.0f} % needed")
    return fails


def run_dcload(what, cmd, stdout_to=None):
    args = cmd.split("|")
    try:
        p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        return f"{what}: {' '.join(args)}: {e}"
    if p.returncode not in (0, 1):
        err = p.stderr.decode("utf-8", "replace").strip().splitlines()
        return (f"{what}: {' '.join(args)} exited {p.returncode}"
                + (f": {clip(' | '.join(err[:2]))}" if err else ""))
    if stdout_to:
        with open(stdout_to, "wb") as f:
            f.write(p.stdout)
    return None


def check(args, chromium):
    """The failure lines, and the ok line's figures."""
    t0 = time.monotonic()
    try:  # no screenshot of an earlier run left behind
        os.remove(args.screenshot)
    except FileNotFoundError:
        pass
    if args.report_cmd:
        try:
            os.remove(args.html)
        except FileNotFoundError:
            pass
        os.makedirs(os.path.dirname(os.path.abspath(args.html)), exist_ok=True)
        err = run_dcload("report command", args.report_cmd)
        if err:
            return [err], None
    if args.json_cmd:
        os.makedirs(os.path.dirname(os.path.abspath(args.json)), exist_ok=True)
        err = run_dcload("json command", args.json_cmd, stdout_to=args.json)
        if err:
            return [err], None
    if not os.path.isfile(args.html):
        return [f"no report: {args.html} does not exist"], None
    doc = None
    if args.json:
        try:
            with open(args.json, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            return [f"json: {args.json}: {e}"], None
    raw = open(args.html, "rb").read()
    text = raw.decode("utf-8", "replace")
    fails = static_checks(text, len(raw), args.max_bytes)
    checked = []

    tmp = tempfile.mkdtemp(prefix="dcload-report-")
    try:
        base = os.path.basename(args.html)
        for sub, body in (("check", instrument(text).encode("utf-8")), ("shot", raw)):
            os.makedirs(os.path.join(tmp, sub))
            with open(os.path.join(tmp, sub, base), "wb") as f:
                f.write(body)
        url = "file://" + os.path.join(tmp, "check", base)
        rc, dom, stderr = run_chromium(chromium, [CHECK_WINDOW, "--dump-dom", "--virtual-time-budget=15000"],
                                       url, args.timeout)
        if args.verbose:
            sys.stderr.write(stderr)
        res = None if rc is None else parse_selfcheck(dom)
        if rc is None:
            fails.append(f"chromium (--dump-dom): {stderr}")
        elif res is None:
            tail = [l for l in stderr.splitlines() if l.strip()][-3:]
            fails.append(f"no self-check result in the DOM (chromium exit {rc}; the page hung, navigated "
                         f"away or replaced the document): {clip(' | '.join(tail))}")
        else:
            fails += browser_checks(res, stderr, args.min_charts)
            if doc is not None:  # pages without Summary numbers (sweep, optimize) give no --json
                num_fails, checked = number_checks(res.get("nums", []), doc, args.compare)
                fails += num_fails
        if rc is None:  # a page that hangs once hangs twice
            return fails, None
        height = min(max(int((res or {}).get("height") or 6000) + 16, 600), 16000)

        shot = os.path.abspath(args.screenshot)
        os.makedirs(os.path.dirname(shot), exist_ok=True)
        try:
            os.remove(shot)
        except FileNotFoundError:
            pass
        url = "file://" + os.path.join(tmp, "shot", base)
        rc, _, stderr = run_chromium(chromium, [f"--window-size={WINDOW_WIDTH},{height}", "--hide-scrollbars",
                                                f"--screenshot={shot}", "--virtual-time-budget=15000"],
                                     url, args.timeout)
        if rc is None:
            fails.append(f"screenshot: chromium {stderr}")
        else:
            try:
                with open(shot, "rb") as f:
                    head = f.read(8)
                if head != b"\x89PNG\r\n\x1a\n":
                    fails.append(f"screenshot: {shot} is not a PNG")
            except OSError:
                fails.append(f"screenshot: {shot} not written (chromium exit {rc})")
    finally:
        if args.keep_temp:
            print(f"check_report: kept {tmp}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    if res is None:
        return fails, None
    return fails, {"charts": len(res.get("canvases", [])), "bytes": len(raw), "checked": checked,
                   "canvases": res.get("canvases", []),
                   "seconds": time.monotonic() - t0, "screenshot": shot}


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--html", required=True, help="the report")
    ap.add_argument("--json", help="the Summary JSON (dcload run --json), or with --compare the "
                    "array (dcload compare --json); written first with --json-cmd; without it the "
                    "page's numbers are not checked (sweep and optimize pages)")
    ap.add_argument("--compare", action="store_true", help="a compare report: .dcl-num carry data-site")
    ap.add_argument("--screenshot", required=True, help="the PNG to write")
    ap.add_argument("--max-bytes", type=int, default=3_000_000)
    ap.add_argument("--min-charts", type=int, default=1)
    ap.add_argument("--report-cmd", help="'|'-joined command that writes --html (exit 0 or 1)")
    ap.add_argument("--json-cmd", help="'|'-joined command whose stdout is written to --json (exit 0 or 1)")
    ap.add_argument("--expect-fail", action="append", default=[], metavar="REGEX",
                    help="self-test: the checks must fail, with these reasons and no others")
    ap.add_argument("--timeout", type=float, default=120, help="seconds per Chromium run")
    ap.add_argument("--verbose", action="store_true", help="Chromium's log and per-chart figures")
    ap.add_argument("--keep-temp", action="store_true")
    args = ap.parse_args(argv)
    name = os.path.basename(args.html)
    try:
        chromium = find_chromium()
    except Skip as e:
        print(f"SKIP {name}: {e}")
        return SKIP

    fails, info = check(args, chromium)
    if args.verbose and info:
        for c in info["canvases"]:
            print(f"{name}: canvas #{c.get('id')} {c.get('w')}x{c.get('h')}: {100 * c.get('share', 0):.1f} % "
                  f"non-background" + (f", Chart.js {c['chartjs']}" if c.get("chartjs") else ""))
    if args.expect_fail:
        unexpected = [f for f in fails if not any(re.search(p, f) for p in args.expect_fail)]
        missing = [p for p in args.expect_fail if not any(re.search(p, f) for f in fails)]
        for f in fails:
            print(f"{'UNEXPECTED' if f in unexpected else 'expected'} {name}: {f}")
        for p in missing:
            print(f"MISSING {name}: no failure matches /{p}/")
        if not fails:
            print(f"FAIL {name}: the checks passed; expected them to fail with /" + "/, /".join(args.expect_fail) + "/")
            return 1
        if unexpected or missing:
            return 1
        print(f"ok {name}: failed as expected ({len(fails)} reason{'s' * (len(fails) != 1)})")
        return 0
    for f in fails:
        print(f"FAIL {name}: {f}")
    if fails:
        print(f"check_report: {len(fails)} failure{'s' * (len(fails) != 1)} in {args.html}")
        return 1
    keys = sorted({k for k, _ in info["checked"]})
    sites = {s for _, s in info["checked"] if s is not None}
    print(f"ok {name}: {info['charts']} chart{'s' * (info['charts'] != 1)}, {info['bytes']} bytes, "
          f"{len(info['checked'])} numbers checked ({', '.join(keys[:8])}{', …' if len(keys) > 8 else ''}"
          f"{f'; {len(sites)} site' + 's' * (len(sites) != 1) if sites else ''}), "
          f"screenshot {info['screenshot']}, {info['seconds']:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
