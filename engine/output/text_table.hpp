#pragma once
// Tables of one label column and one column per site, for the terminal (fitted to a width:
// site names wrapped over header lines, further sites in further blocks) and for documents
// (CSV, Markdown).
#include <string>
#include <vector>

namespace dcload::detail {

enum class TableFormat { kCsv, kMarkdown };

/// `cells[row][column]`; `labels[row]`; `names[column]`. `width` 0 = one block, each column as
/// wide as its name (--wide); otherwise every line fits `width` characters: names wrapped at
/// spaces over up to three header lines (a longer name cut with "…"), columns as wide as their
/// widest cell and header word, and as many columns per block as fit.
std::string terminal_table(const std::vector<std::string>& labels, const std::vector<std::string>& names,
                           const std::vector<std::vector<std::string>>& cells, int width);

/// The whole table as CSV (RFC 4180 quoting) or a GitHub-flavoured Markdown table.
std::string table_text(const std::vector<std::string>& labels, const std::vector<std::string>& names,
                       const std::vector<std::vector<std::string>>& cells, TableFormat format);

/// A CSV field (RFC 4180): quoted, quotes doubled, when it holds a comma, quote or line break.
std::string csv_field(const std::string& s);

/// `text` wrapped at spaces to lines of at most `width` characters (UTF-8 aware), later lines
/// indented by `indent` spaces; each line ends in '\n'.
std::string wrap_text(const std::string& text, int width, int indent = 0);

/// Display width of UTF-8 text in terminal columns: wcwidth(3) of each code point under the
/// C.UTF-8 locale (Hangul and other East Asian wide characters take two columns; combining
/// marks none), set for this thread only; 1 per code point where that locale is missing.
int text_width(const std::string& text);

}  // namespace dcload::detail
