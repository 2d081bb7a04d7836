#include "output/html_page.hpp"

#include <cmath>
#include <cstdio>
#include <fstream>
#include <system_error>

#include <unistd.h>

#include "dcload/error.hpp"
#include "dcload/version.hpp"
#include "output/json_text.hpp"

namespace dcload {
namespace detail {
// Generated at build time by cmake/embed.cmake: Chart.js from Debian's libjs-chart.js
// (/usr/share/javascript/chart.js/chart.min.js; empty when it was not installed) and
// engine/output/report.{js,css}.
std::string_view embedded_chartjs(std::string_view name);
std::string_view embedded_report_asset(std::string_view name);

namespace {
std::string_view chart_js() { return embedded_chartjs("chart.min.js"); }

// A string safe inside <script type="application/json">: "</" never closes the element.
std::string script_safe(std::string s) {
  for (std::size_t p = s.find("</"); p != std::string::npos; p = s.find("</", p + 2))
    s.replace(p, 2, "<\\/");
  return s;
}

std::string num_text(double v, int significant) {
  if (!std::isfinite(v)) return "null";
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.*g", significant, v);
  return buf;
}
}  // namespace

std::string html_escape(std::string_view s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': o += "&amp;"; break;
      case '<': o += "&lt;"; break;
      case '>': o += "&gt;"; break;
      case '"': o += "&quot;"; break;
      case '\'': o += "&#39;"; break;
      default: o += c;
    }
  }
  return o;
}

std::string format_number(double v, int digits) {
  if (!std::isfinite(v)) return "—";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, std::fabs(v));
  std::string s = buf;
  const std::size_t dot = s.find('.');
  const std::size_t int_end = dot == std::string::npos ? s.size() : dot;
  std::string grouped;
  for (std::size_t i = 0; i < int_end; ++i) {
    grouped += s[i];
    const std::size_t left = int_end - i - 1;
    if (left > 0 && left % 3 == 0) grouped += ',';
  }
  grouped += s.substr(int_end);
  // "−0.000" would read as a negative figure: rounding to zero drops the sign.
  const bool zero = grouped.find_first_not_of("0.,") == std::string::npos;
  if (v < 0 && !zero) return "\u2212" + grouped;
  return grouped;
}

std::string json_array(const std::vector<double>& v, int significant) {
  std::string o = "[";
  o.reserve(v.size() * 7 + 2);
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) o += ',';
    o += num_text(v[i], significant);
  }
  o += ']';
  return o;
}

namespace {
std::string json_strings(const std::vector<std::string>& v) {
  std::string o = "[";
  for (std::size_t i = 0; i < v.size(); ++i) {
    if (i) o += ',';
    o += json_string(v[i]);
  }
  o += ']';
  return o;
}

std::string spec_json(const ChartSpec& s) {
  std::string o = "{\"id\":" + json_string("chart-" + s.id) + ",\"kind\":" + json_string(s.kind);
  o += ",\"x_title\":" + json_string(s.x_title) + ",\"y_title\":" + json_string(s.y_title);
  if (!s.y2_title.empty()) o += ",\"y2_title\":" + json_string(s.y2_title);
  if (!s.labels_ref.empty()) o += ",\"labels\":" + json_string("@" + s.labels_ref);
  else o += ",\"labels\":" + json_strings(s.labels);
  if (s.stacked) o += ",\"stacked\":true";
  if (s.zero) o += ",\"zero\":true";
  if (s.horizontal) o += ",\"horizontal\":true";
  if (s.x_linear) o += ",\"x_linear\":true";
  if (s.y_min) o += ",\"y_min\":" + num_text(*s.y_min, 6);
  if (s.y_max) o += ",\"y_max\":" + num_text(*s.y_max, 6);
  if (s.y2_min) o += ",\"y2_min\":" + num_text(*s.y2_min, 6);
  if (s.y2_max) o += ",\"y2_max\":" + num_text(*s.y2_max, 6);
  if (s.kind == "heatmap") {
    o += ",\"values\":" + json_string("@" + s.values_ref) + ",\"min\":" + num_text(s.min, 6) +
         ",\"max\":" + num_text(s.max, 6) + ",\"unit\":" + json_string(s.unit);
  }
  o += ",\"datasets\":[";
  for (std::size_t i = 0; i < s.datasets.size(); ++i) {
    const Dataset& d = s.datasets[i];
    if (i) o += ',';
    o += "{\"label\":" + json_string(d.label) + ",\"color\":" + std::to_string(d.color);
    o += ",\"data\":" + (d.data_ref.empty() ? json_array(d.data) : json_string("@" + d.data_ref));
    if (!d.type.empty()) o += ",\"type\":" + json_string(d.type);
    if (!d.axis.empty()) o += ",\"axis\":" + json_string(d.axis);
    if (!d.fill.empty()) o += ",\"fill\":" + json_string(d.fill);
    if (!d.stack.empty()) o += ",\"stack\":" + json_string(d.stack);
    if (!d.colors.empty()) {
      o += ",\"colors\":[";
      for (std::size_t k = 0; k < d.colors.size(); ++k) {
        if (k) o += ',';
        o += std::to_string(d.colors[k]);
      }
      o += ']';
    }
    if (d.dash) o += ",\"dash\":true";
    if (d.step) o += ",\"step\":true";
    if (d.points) o += ",\"points\":true";
    if (d.hidden_legend) o += ",\"hidden_legend\":true";
    if (d.order) o += ",\"order\":" + std::to_string(d.order);
    if (d.width > 0) o += ",\"width\":" + num_text(d.width, 3);
    o += '}';
  }
  o += "]}";
  return o;
}
}  // namespace

Table::Table(std::vector<std::string> head, std::string caption, std::string css_class)
    : head_(std::move(head)), caption_(std::move(caption)), class_(std::move(css_class)) {}

void Table::row(std::vector<std::string> cells, std::string css_class) {
  rows_.emplace_back(std::move(cells), std::move(css_class));
}

std::string Table::html() const {
  std::string o = "<div class=\"table-wrap\"><table" +
                  (class_.empty() ? std::string() : " class=\"" + class_ + "\"") + ">";
  if (!caption_.empty()) o += "<caption>" + caption_ + "</caption>";
  o += "<thead><tr>";
  for (const auto& h : head_) o += "<th scope=\"col\">" + h + "</th>";
  o += "</tr></thead><tbody>";
  for (const auto& [cells, css] : rows_) {
    o += css.empty() ? "<tr>" : "<tr class=\"" + css + "\">";
    for (std::size_t i = 0; i < cells.size(); ++i)
      o += (i == 0 ? "<th scope=\"row\" class=\"text\">" : "<td>") + cells[i] +
           (i == 0 ? "</th>" : "</td>");
    o += "</tr>";
  }
  o += "</tbody></table></div>";
  return o;
}

HtmlPage::HtmlPage(std::string title, std::string subtitle, const ReportInfo& info)
    : title_(std::move(title)), subtitle_(std::move(subtitle)), command_(info.command) {
  if (!report_charts_available())
    throw ConfigError("", 0, 0, "report",
                      "this dcload was built without its charting library (Debian package "
                      "libjs-chart.js, /usr/share/javascript/chart.js/chart.min.js); install it "
                      "and rebuild to write HTML reports");
}

void HtmlPage::section(const std::string& id, const std::string& title) {
  if (open_section_) body_ += "</section>\n";
  body_ += "<section id=\"" + id + "\" aria-labelledby=\"h-" + id + "\"><h2 id=\"h-" + id +
           "\">" + html_escape(title) + "</h2>\n";
  nav_ += "<li><a href=\"#" + id + "\">" + html_escape(title) + "</a></li>";
  open_section_ = true;
}

std::string HtmlPage::number(double v, int digits, std::string_view key, std::string_view site) {
  // A figure the run could not give (NaN) is shown as "—" and carries no key to check.
  if (!std::isfinite(v)) return "<span class=\"dcl-none\">" + format_number(v, digits) + "</span>";
  std::string o = "<span class=\"dcl-num\"";
  if (!key.empty()) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    o += " data-key=\"" + html_escape(key) + "\" data-value=\"" +
         (std::isfinite(v) ? std::string(buf) : std::string("null")) + "\" data-digits=\"" +
         std::to_string(digits) + "\"";
    if (!site.empty()) o += " data-site=\"" + html_escape(site) + "\"";
  }
  o += ">" + format_number(v, digits) + "</span>";
  return o;
}

void HtmlPage::card(const std::string& label, const std::string& value_html,
                    const std::string& unit, const std::string& note, bool bad) {
  body_ += std::string("<div class=\"card") + (bad ? " bad" : "") + "\"><div class=\"label\">" +
           html_escape(label) + "</div><div class=\"value\">" + value_html +
           (unit.empty() ? "" : "<span class=\"unit\">" + html_escape(unit) + "</span>") + "</div>";
  if (!note.empty()) body_ += "<div class=\"note\">" + note + "</div>";
  body_ += "</div>";
}

void HtmlPage::chart(const ChartSpec& spec, const std::string& caption,
                     const std::string& table_html, bool tall) {
  charts_.push_back(spec_json(spec));
  body_ += "<figure><div class=\"chart" + std::string(tall ? " tall" : "") +
           "\"><canvas class=\"dcl-chart\" id=\"chart-" + spec.id + "\" tabindex=\"0\" role=\"img\" aria-label=\"" +
           html_escape(caption) + "\"></canvas></div><figcaption>" + html_escape(caption) +
           "</figcaption>";
  if (!table_html.empty())
    body_ += "<details><summary>Table of this chart</summary>" + table_html + "</details>";
  body_ += "</figure>\n";
}

void HtmlPage::shared(const std::string& name, const std::vector<double>& values, int significant) {
  if (!shared_.empty()) shared_ += ',';
  shared_ += json_string(name) + ":" + json_array(values, significant);
}

void HtmlPage::shared(const std::string& name, const std::vector<std::string>& values) {
  if (!shared_.empty()) shared_ += ',';
  shared_ += json_string(name) + ":" + json_strings(values);
}

std::string HtmlPage::finish() const {
  std::string o;
  o.reserve(body_.size() + chart_js().size() + 200000);
  o += "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
       "<meta name=\"generator\" content=\"dcload ";
  o += kVersion;
  o += "\"><meta name=\"dcload-charts\" content=\"" + std::to_string(charts_.size()) + "\">";
  o += "<title>" + html_escape(title_) + "</title><style>";
  o += embedded_report_asset("report.css");
  o += "</style></head>\n<body><header><h1>" + html_escape(title_) + "</h1><p class=\"sub\">" +
       subtitle_ + "</p><nav aria-label=\"Sections\"><ul>" + nav_ + "</ul></nav></header>\n<main>";
  o += body_;
  if (open_section_) o += "</section>";
  o += "</main><footer><p>Made by dcload ";
  o += kVersion;
  if (!command_.empty()) o += " with <code>" + html_escape(command_) + "</code>";
  o += ". Charts drawn with Chart.js 3 (MIT License, inlined; the file needs no network). "
       "Each chart's numbers are in the table below it.</p></footer>\n";
  o += "<script type=\"application/json\" id=\"dcl-charts\">{\"shared\":{" + script_safe(shared_) +
       "},\"charts\":[";
  for (std::size_t i = 0; i < charts_.size(); ++i) {
    if (i) o += ",\n";
    o += script_safe(charts_[i]);
  }
  o += "]}</script>\n<script>";
  o += chart_js();
  o += "</script>\n<script>";
  o += embedded_report_asset("report.js");
  o += "</script>\n</body></html>\n";
  return o;
}

}  // namespace detail

bool report_charts_available() { return !detail::chart_js().empty(); }

void check_report_path(const std::filesystem::path& path) {
  namespace fs = std::filesystem;
  if (!report_charts_available())
    throw ConfigError(path.string(), 0, 0, "--report",
                      "this dcload was built without its charting library (Debian package "
                      "libjs-chart.js); install it and rebuild to write HTML reports");
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  if (!fs::is_directory(dir, ec))
    throw ConfigError(path.string(), 0, 0, "--report", "no such folder: " + dir.string());
  if (fs::is_directory(path, ec))
    throw ConfigError(path.string(), 0, 0, "--report", "is a folder; give a file name such as report.html");
}

void write_report_file(const std::filesystem::path& path, const std::string& html) {
  namespace fs = std::filesystem;
  check_report_path(path);
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  std::error_code ec;
  const fs::path tmp = dir / ("." + path.filename().string() + ".partial-" + std::to_string(::getpid()));
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << html;
    out.flush();
    if (!out) {
      out.close();
      fs::remove(tmp, ec);
      throw ConfigError(path.string(), 0, 0, "--report", "writing failed (disk full or no permission)");
    }
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    std::error_code ec2;
    fs::remove(tmp, ec2);
    throw ConfigError(path.string(), 0, 0, "--report", "could not put the report in place: " + ec.message());
  }
}

}  // namespace dcload
