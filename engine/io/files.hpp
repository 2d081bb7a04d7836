#pragma once
// Reading input files safely: every file dcload reads (site files, `extends` bases, weather,
// workload traces, emission profiles) goes through read_input_file(), which accepts only a
// regular file under a size cap and reads it in one bounded pass. A FIFO, a directory, a device
// such as /dev/zero or a file larger than the cap is a ConfigError naming the file and the key
// that referred to it — never a hang, unbounded memory or a misleading later message.

#include <cstdint>
#include <filesystem>
#include <string>

namespace dcload::detail {

/// Caps on input sizes, bytes. A site file (and each `extends` base) is hand-written TOML:
/// the largest shipped one is a few kB, so 1 MiB is generous. Data files: a one-minute EPW
/// year is 525,600 records of ~190 bytes ≈ 100 MB; 256 MiB leaves room for that and for a
/// one-minute 8,760-day workload trace, and bounds what a wrong path can make us allocate.
inline constexpr std::uintmax_t kMaxSiteFileBytes = 1u << 20;
inline constexpr std::uintmax_t kMaxDataFileBytes = 256u << 20;

/// What a file is, for messages: "site file", "weather file", "workload trace", ...
struct InputFile {
  std::filesystem::path path;
  std::string what;               ///< e.g. "weather file"
  std::uintmax_t max_bytes = kMaxDataFileBytes;
  // Where the reference to it came from, for the error location when the file itself cannot
  // be opened (empty: the path itself is named).
  std::string from_file;
  int from_line = 0;
  int from_column = 0;
  std::string key;                ///< key that named the file, e.g. "extends", "weather"
};

/// The whole content of a regular file no larger than `f.max_bytes`. Throws ConfigError
/// ("cannot open", "is a directory, not a file", "is not a regular file (a FIFO, device or
/// socket)", "is N bytes, larger than the M-byte limit for a ...") located at the reference
/// (from_file:from_line:from_column) when given, else at the path.
std::string read_input_file(const InputFile& f);

}  // namespace dcload::detail
