// Draws the charts of a dcload HTML report from the chart specs the C++ writer puts in
// <script type="application/json" id="dcl-charts"> (engine/output/html_report.cpp), with
// Chart.js (inlined before this script). Animation is off, so every chart is drawn when it is
// made; window.dcloadReady is set when all are drawn (the browser test waits for it).
(function () {
  "use strict";
  // Okabe & Ito (2008), "Color Universal Design": distinguishable with every common form of
  // colour-vision deficiency. Dashes and point shapes back the colours up in print.
  const P = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
             "#000000", "#999999"];
  // Sequential map for the heat map: viridis anchors (van der Walt & Smith, matplotlib 2.0),
  // perceptually uniform and readable in grey.
  const V = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  function viridis(t) {
    t = Math.min(1, Math.max(0, t)) * (V.length - 1);
    const i = Math.min(V.length - 2, Math.floor(t)), f = t - i;
    const c = V[i].map((a, k) => Math.round(a + f * (V[i + 1][k] - a)));
    return "rgb(" + c[0] + "," + c[1] + "," + c[2] + ")";
  }
  function alpha(hex, a) {
    const n = parseInt(hex.slice(1), 16);
    return "rgba(" + (n >> 16) + "," + ((n >> 8) & 255) + "," + (n & 255) + "," + a + ")";
  }
  const data = JSON.parse(document.getElementById("dcl-charts").textContent);
  const shared = data.shared || {};
  const resolve = (v) => (typeof v === "string" && v[0] === "@" ? shared[v.slice(1)] : v);

  Chart.defaults.animation = false;
  Chart.defaults.font.size = 15;
  Chart.defaults.color = "#1a1a1a";
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.plugins.legend.labels.usePointStyle = true;

  function axis(title, extra) {
    return Object.assign({ title: { display: !!title, text: title, font: { weight: "bold" } },
                           grid: { color: "#ddd" } }, extra || {});
  }

  function dataset(d, kind) {
    const c = P[(d.color || 0) % P.length];
    const line = (d.type || kind) === "line";
    const ds = {
      label: d.label,
      data: resolve(d.data),
      type: d.type || undefined,
      borderColor: c,
      backgroundColor: line ? (d.fill ? alpha(c, 0.35) : c) : (d.colors ? d.colors.map((i) => P[i % P.length]) : c),
      borderWidth: line ? (d.width || 1.5) : 1,
      pointRadius: d.points ? 3 : 0,
      // Legend marks: the point shape, a line for lines, a box for bars and areas.
      pointStyle: d.points ? ["circle", "rect", "triangle", "rectRot"][(d.color || 0) % 4]
                           : line && !d.fill ? "line" : "rect",
      fill: d.fill || false,
      stepped: d.step ? "before" : false,
      borderDash: d.dash ? [6, 4] : [],
      yAxisID: d.axis || "y",
      order: d.order || 0,
      stack: d.stack,
      normalized: true,
      spanGaps: true,
    };
    if (d.hidden_legend) ds.hiddenLegend = true;
    return ds;
  }

  // Long category names (sites) in lines of about 18 characters, so that none is skipped.
  function wrap(label) {
    if (typeof label !== "string" || label.length <= 18) return label;
    const lines = [];
    let line = "";
    for (const word of label.split(" ")) {
      if (line && (line + " " + word).length > 18) { lines.push(line); line = word; }
      else line = line ? line + " " + word : word;
    }
    if (line) lines.push(line);
    return lines;
  }

  function build(s) {
    if (s.kind === "heatmap") return heatmap(s);
    let labels = resolve(s.labels);
    const few = labels && labels.length <= 24;
    if (few) labels = labels.map(wrap);
    const scales = {
      x: axis(s.x_title, { stacked: !!s.stacked, ticks: { maxRotation: 0, autoSkip: !few, autoSkipPadding: 24 } }),
      y: axis(s.y_title, { stacked: !!s.stacked, beginAtZero: !!s.zero }),
    };
    if (s.x_linear) scales.x.type = "linear";
    if (s.y_min !== undefined) scales.y.min = s.y_min;
    if (s.y_max !== undefined) scales.y.max = s.y_max;
    if (s.y2_title) scales.y2 = axis(s.y2_title, { position: "right", grid: { drawOnChartArea: false },
                                                   min: s.y2_min, max: s.y2_max });
    return {
      type: s.kind,
      data: { labels: labels, datasets: s.datasets.map((d) => dataset(d, s.kind)) },
      options: {
        responsive: true,
        interaction: { mode: "index", intersect: false },
        scales: scales,
        plugins: {
          legend: { display: s.datasets.length > 1,
                    labels: { filter: (item, cd) => !cd.datasets[item.datasetIndex].hiddenLegend } },
          tooltip: { enabled: !!labels && labels.length <= 9000 },
        },
        indexAxis: s.horizontal ? "y" : "x",
      },
    };
  }

  // Day × hour heat map as a stacked bar chart: one bar per day, 24 unit segments coloured by
  // the hour's value (Chart.js 3 has no matrix chart; this keeps to the library's own types).
  function heatmap(s) {
    const v = resolve(s.values), days = v.length / 24, lo = s.min, hi = s.max;
    const labels = [];
    for (let d = 0; d < days; ++d) labels.push(shared.day_labels ? shared.day_labels[d] : String(d + 1));
    const sets = [];
    for (let h = 0; h < 24; ++h) {
      const colors = [], ones = [];
      for (let d = 0; d < days; ++d) {
        ones.push(1);
        colors.push(viridis((v[d * 24 + h] - lo) / (hi - lo || 1)));
      }
      sets.push({ label: String(h).padStart(2, "0") + ":00", data: ones, backgroundColor: colors,
                  borderWidth: 0, barPercentage: 1.0, categoryPercentage: 1.0 });
    }
    return {
      type: "bar",
      data: { labels: labels, datasets: sets },
      options: {
        responsive: true,
        scales: {
          x: axis(s.x_title, { stacked: true, grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 30 } }),
          y: axis(s.y_title, { stacked: true, min: 0, max: 24, ticks: { stepSize: 3 }, grid: { display: false } }),
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (ctx) => ctx.dataset.label + "  " +
                                      v[ctx.dataIndex * 24 + ctx.datasetIndex].toFixed(1) + " " + s.unit } },
        },
      },
    };
  }

  const charts = [];
  try {
    for (const s of data.charts) {
      const el = document.getElementById(s.id);
      if (!el) throw new Error("no canvas for chart " + s.id);
      charts.push(new Chart(el, build(s)));
    }
    if (charts.length !== data.charts.length) throw new Error("not every chart was drawn");
    window.dcloadReady = true;
  } catch (e) {
    console.error("dcload report: " + e.message);
  }
  // Charts follow the page width when printed.
  window.addEventListener("beforeprint", () => charts.forEach((c) => c.resize()));
  window.addEventListener("afterprint", () => charts.forEach((c) => c.resize()));
})();
