#pragma once
/// \file version.hpp
namespace dcload {
/// Library version, "MAJOR.MINOR.PATCH".
inline constexpr const char* kVersion = "0.1.0";
}  // namespace dcload
