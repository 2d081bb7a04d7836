// JSON text of one value: strings escaped (RFC 8259), numbers never "nan"/"inf" (null instead).
#pragma once

#include <string>
#include <string_view>

namespace dcload::detail {

/// "…" with quotes, backslashes and control characters escaped.
std::string json_string(std::string_view s);
/// The shortest text that reads back as the same double (std::to_chars; `digits` unused), or
/// %.{digits}f when `fixed`; "null" for NaN and ±inf.
std::string json_number(double v, int digits = 6, bool fixed = false);

}  // namespace dcload::detail
