#include "output/text_table.hpp"

#include <locale.h>
#include <wchar.h>

#include <algorithm>

namespace dcload::detail {

namespace {

// Code points of UTF-8 text (an invalid byte counts as one code point of its own).
template <class F>
void each_code_point(const std::string& s, F f) {
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
    char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    std::size_t used = 1;
    for (; used < static_cast<std::size_t>(len) && i + used < s.size(); ++used)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + used]) & 0x3F);
    f(cp, i, used);
    i += used;
  }
}

// The C.UTF-8 locale for wcwidth, made once (nullptr where the system lacks it).
locale_t utf8_locale() {
  static const locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(nullptr));
  return loc;
}

}  // namespace

int text_width(const std::string& text) {
  const locale_t loc = utf8_locale();
  const locale_t before = loc ? uselocale(loc) : static_cast<locale_t>(nullptr);
  int n = 0;
  each_code_point(text, [&](char32_t cp, std::size_t, std::size_t) {
    const int w = loc ? wcwidth(static_cast<wchar_t>(cp)) : 1;
    n += w < 0 ? 1 : w;
  });
  if (loc) uselocale(before);
  return n;
}

namespace {

// The first `cols` display columns of `text` (whole code points).
std::string prefix_columns(const std::string& text, int cols) {
  std::string out;
  int n = 0;
  bool full = false;
  each_code_point(text, [&](char32_t, std::size_t at, std::size_t len) {
    if (full) return;
    const std::string one = text.substr(at, len);
    const int w = text_width(one);
    if (n + w > cols) {
      full = true;
      return;
    }
    n += w;
    out += one;
  });
  return out;
}

std::string pad_left(const std::string& s, int width) {
  return std::string(static_cast<std::size_t>(std::max(0, width - text_width(s))), ' ') + s;
}
std::string pad_right(const std::string& s, int width) {
  return s + std::string(static_cast<std::size_t>(std::max(0, width - text_width(s))), ' ');
}

std::vector<std::string> words_of(const std::string& text) {
  std::vector<std::string> w;
  std::string cur;
  for (const char ch : text) {
    if (ch == ' ') {
      if (!cur.empty()) w.push_back(cur);
      cur.clear();
    } else {
      cur += ch;
    }
  }
  if (!cur.empty()) w.push_back(cur);
  return w;
}

// `name` over at most `lines` lines of at most `width` columns (the last line cut with "…").
std::vector<std::string> wrap_name(const std::string& name, int width, int lines) {
  std::vector<std::string> out;
  std::string cur;
  const std::vector<std::string> words = words_of(name);
  for (std::size_t k = 0; k < words.size(); ++k) {
    const std::string& w = words[k];
    const std::string joined = cur.empty() ? w : cur + " " + w;
    if (text_width(joined) <= width) {
      cur = joined;
      continue;
    }
    if (!cur.empty()) out.push_back(cur);
    cur = w;
    if (static_cast<int>(out.size()) == lines - 1) {  // the last line takes the rest
      for (std::size_t j = k + 1; j < words.size(); ++j) cur += " " + words[j];
      break;
    }
  }
  if (!cur.empty() || out.empty()) out.push_back(cur);
  for (std::string& l : out)
    if (text_width(l) > width) l = prefix_columns(l, width - 1) + "…";
  return out;
}

std::string md_cell(const std::string& s) {
  std::string out;
  for (const char ch : s) {
    if (ch == '|') out += '\\';
    out += ch;
  }
  return out;
}

}  // namespace

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string q = "\"";
  for (const char ch : s) {
    if (ch == '"') q += '"';
    q += ch;
  }
  return q + "\"";
}

std::string terminal_table(const std::vector<std::string>& labels, const std::vector<std::string>& names,
                           const std::vector<std::vector<std::string>>& cells, int width) {
  int label_w = 0;
  for (const auto& l : labels) label_w = std::max(label_w, text_width(l));
  const std::size_t n = names.size();
  // Each column: as wide as its widest cell, at least 8; with a width limit also as wide as the
  // longest word of its name up to 14 columns, else its whole name (--wide).
  constexpr int kGap = 2, kMinCol = 8, kMaxWord = 14, kHeaderLines = 3;
  std::vector<int> col(n, kMinCol);
  for (std::size_t c = 0; c < n; ++c) {
    for (const auto& row : cells) col[c] = std::max(col[c], text_width(row[c]));
    if (width <= 0) {
      col[c] = std::max(col[c], text_width(names[c]));
    } else {
      for (const auto& w : words_of(names[c])) col[c] = std::max(col[c], std::min(kMaxWord, text_width(w)));
    }
  }
  std::string out;
  std::size_t first = 0;
  while (first < n) {
    // As many columns as fit the width (at least one).
    std::size_t last = first + 1;
    int used = label_w + kGap + col[first];
    while (width > 0 && last < n && used + kGap + col[last] <= width) used += kGap + col[last++];
    if (width <= 0) last = n;
    // The room left goes to the block's names, a column at a time, until each fits its three
    // header lines or the width is used up.
    if (width > 0) {
      const auto fits = [&](std::size_t c) {
        const auto lines = wrap_name(names[c], col[c], kHeaderLines);
        return lines.empty() || text_width(lines.back()) == 0 ||
               lines.back().find("…") == std::string::npos;
      };
      bool grew = true;
      while (grew) {
        grew = false;
        for (std::size_t c = first; c < last && used < width; ++c)
          if (!fits(c)) {
            ++col[c];
            ++used;
            grew = true;
          }
      }
    }
    if (first > 0) out += '\n';
    std::vector<std::vector<std::string>> head(last - first);
    std::size_t head_lines = 1;
    for (std::size_t c = first; c < last; ++c) {
      head[c - first] = width <= 0 ? std::vector<std::string>{names[c]}
                                   : wrap_name(names[c], col[c], kHeaderLines);
      head_lines = std::max(head_lines, head[c - first].size());
    }
    for (std::size_t h = 0; h < head_lines; ++h) {
      std::string line = pad_right("", label_w);
      for (std::size_t c = first; c < last; ++c) {
        const auto& lines = head[c - first];
        // Names sit on the bottom lines, right-aligned over their values.
        const std::size_t skip = head_lines - lines.size();
        line += std::string(kGap, ' ') + pad_left(h >= skip ? lines[h - skip] : "", col[c]);
      }
      while (!line.empty() && line.back() == ' ') line.pop_back();
      out += line + '\n';
    }
    for (std::size_t r = 0; r < labels.size(); ++r) {
      std::string line = pad_right(labels[r], label_w);
      for (std::size_t c = first; c < last; ++c) line += std::string(kGap, ' ') + pad_left(cells[r][c], col[c]);
      out += line + '\n';
    }
    first = last;
  }
  return out;
}

std::string table_text(const std::vector<std::string>& labels, const std::vector<std::string>& names,
                       const std::vector<std::vector<std::string>>& cells, TableFormat format) {
  std::string out;
  if (format == TableFormat::kCsv) {
    out += "metric";
    for (const auto& s : names) {
      out += ',';
      out += csv_field(s);
    }
    out += '\n';
    for (std::size_t r = 0; r < labels.size(); ++r) {
      out += csv_field(labels[r]);
      for (const auto& v : cells[r]) {
        out += ',';
        out += csv_field(v);
      }
      out += '\n';
    }
    return out;
  }
  // Cells appended piece by piece (`" " + f(x)` trips g++ 12's -Wrestrict false positive).
  const auto add = [&out](const std::string& cell) {
    out += ' ';
    out += md_cell(cell);
    out += " |";
  };
  out += "| metric |";
  for (const auto& s : names) add(s);
  out += "\n|---|";
  for (std::size_t c = 0; c < names.size(); ++c) out += "---:|";
  out += '\n';
  for (std::size_t r = 0; r < labels.size(); ++r) {
    out += '|';
    add(labels[r]);
    for (const auto& v : cells[r]) add(v);
    out += '\n';
  }
  return out;
}

std::string wrap_text(const std::string& text, int width, int indent) {
  // The first line keeps the text's own leading spaces.
  const std::size_t lead = text.find_first_not_of(' ');
  std::string out, line = lead == std::string::npos ? std::string() : text.substr(0, lead);
  for (const std::string& w : words_of(text)) {
    const int pad = out.empty() ? 0 : indent;
    const bool blank = line.find_first_not_of(' ') == std::string::npos;
    if (!blank && pad + text_width(line) + 1 + text_width(w) > width) {
      out += std::string(static_cast<std::size_t>(pad), ' ') + line + '\n';
      line.clear();
    }
    if (line.find_first_not_of(' ') != std::string::npos) line += ' ';
    line += w;
  }
  if (line.find_first_not_of(' ') != std::string::npos)
    out += std::string(static_cast<std::size_t>(out.empty() ? 0 : indent), ' ') + line + '\n';
  return out;
}

}  // namespace dcload::detail
