#pragma once
// Text of the files under configs/ compiled into the library (see cmake/embed.cmake).
#include <string_view>

namespace dcload::detail {
/// Text of `configs/<name>` as it was at build time, e.g. "catalog/climate_normals.toml";
/// empty when no such file was embedded.
std::string_view embedded_text(std::string_view name);
}  // namespace dcload::detail
