// Name helpers for messages: lists and "did you mean" suggestions (no TOML dependency, so the
// weather and catalog readers can use them).
#pragma once

#include <string>
#include <vector>

namespace dcload::detail {

/// "a, b, c".
std::string join(const std::vector<std::string>& v, const char* sep = ", ");
/// The name in `names` closest to `given` ("" when nothing is close), for suggestions.
std::string closest(const std::string& given, const std::vector<std::string>& names);

}  // namespace dcload::detail
