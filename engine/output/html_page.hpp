// The parts every HTML report shares: the page (header, navigation, sections, footer, the
// inlined Chart.js, styles and chart script), charts as specs for engine/output/report.js,
// headline numbers that carry their Summary key, and tables (each chart's text alternative).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dcload/report.hpp"

namespace dcload::detail {

/// Text for HTML (&, <, >, ", ' escaped).
std::string html_escape(std::string_view s);
/// `v` with `digits` decimals and thousands separated by commas; "−" (U+2212) for negatives;
/// "—" for NaN.
std::string format_number(double v, int digits);

struct Dataset {
  std::string label;
  std::vector<double> data;   // or data_ref
  std::string data_ref;       // name of a shared array ("@name" in the spec)
  int color = 0;              // index into the palette (report.js)
  std::string type;           // "" = the chart's kind; "line" over bars
  std::string axis;           // "" = y; "y2" = the right axis
  std::string fill;           // "" none, "origin", "-1" (to the previous dataset), "stack"
  std::string stack;          // bar stack group
  std::vector<int> colors;    // per-bar palette indices (bars only)
  bool dash = false, step = false, points = false, hidden_legend = false;
  int order = 0;              // drawing order (lower in front)
  double width = 0;           // line width in px (0: the default)
};

struct ChartSpec {
  std::string id;             // canvas id, unique in the page
  std::string kind = "line";  // "line", "bar", "heatmap"
  std::string x_title, y_title, y2_title;
  std::vector<std::string> labels;
  std::string labels_ref;     // shared labels ("time", ...) instead of `labels`
  bool stacked = false, zero = false, horizontal = false, x_linear = false;
  std::optional<double> y_min, y_max, y2_min, y2_max;
  std::vector<Dataset> datasets;
  // heatmap: 24 values per day, day-major, in a shared array; colour scale bounds and unit
  std::string values_ref;
  double min = 0, max = 1;
  std::string unit;
};

/// A simple table; cells are HTML (escape text with html_escape).
class Table {
 public:
  explicit Table(std::vector<std::string> head, std::string caption = "", std::string css_class = "");
  void row(std::vector<std::string> cells, std::string css_class = "");
  std::string html() const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> head_;
  std::string caption_, class_;
  std::vector<std::pair<std::vector<std::string>, std::string>> rows_;
};

class HtmlPage {
 public:
  /// Throws ConfigError (key "report") when the build has no charting library.
  HtmlPage(std::string title, std::string subtitle, const ReportInfo& info);

  /// A section with an entry in the navigation.
  void section(const std::string& id, const std::string& title);
  void html(std::string_view s) { body_ += s; }
  /// A headline number: the text rounded to `digits`, with the full value and its Summary key
  /// (`key`, `site` for compare pages) as attributes, so a test can check it against the JSON.
  static std::string number(double v, int digits, std::string_view key = "",
                            std::string_view site = "");
  void card(const std::string& label, const std::string& value_html, const std::string& unit,
            const std::string& note = "", bool bad = false);
  void begin_cards() { body_ += "<div class=\"cards\">"; }
  void end_cards() { body_ += "</div>"; }
  /// A chart, its caption and its text alternative (a table, in a <details> element).
  void chart(const ChartSpec& spec, const std::string& caption, const std::string& table_html,
             bool tall = false);
  /// An array shared by several charts ("@name" in their specs).
  void shared(const std::string& name, const std::vector<double>& values, int significant = 4);
  void shared(const std::string& name, const std::vector<std::string>& values);
  std::size_t chart_count() const { return charts_.size(); }
  std::string finish() const;

 private:
  std::string title_, subtitle_, command_;
  std::string nav_, body_;
  std::vector<std::string> charts_;  // JSON specs
  std::string shared_;               // JSON members
  bool open_section_ = false;
};

/// JSON array of numbers with `significant` digits (null for NaN).
std::string json_array(const std::vector<double>& v, int significant = 4);

}  // namespace dcload::detail
