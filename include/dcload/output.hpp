// Output folders written as a set, and a streaming CSV writer for a run's channels.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

#include "dcload/run.hpp"

namespace dcload {

/// A folder of outputs that appears complete or not at all. The files are written into a
/// temporary sibling folder, `DIR.partial-PID`, and commit() renames it to DIR in one step
/// (Linux renameat2 RENAME_EXCHANGE when DIR already holds an earlier output, then the old set is
/// removed): at any instant DIR is absent, the complete earlier set or the complete new set.
/// Every folder dcload writes carries a `.dcload-output` marker; a DIR that exists, is not empty
/// and has no marker is refused (ConfigError) when the OutputFolder is made — before a run —
/// so dcload never replaces a folder it did not write. Temporary folders of earlier runs whose
/// process has gone (killed) are removed then too; an OutputFolder destroyed without commit()
/// removes its own.
class OutputFolder {
 public:
  /// Checks DIR (see above) and the free space for `expected_bytes`, creates the temporary
  /// folder. Throws ConfigError naming `what` (e.g. "--out") on any problem.
  explicit OutputFolder(std::filesystem::path dir, std::uintmax_t expected_bytes = 0,
                        std::string what = "--out");
  OutputFolder(const OutputFolder&) = delete;
  OutputFolder& operator=(const OutputFolder&) = delete;
  ~OutputFolder();

  /// Where a file of the set is written until commit() (inside the temporary folder).
  std::filesystem::path path(std::string_view relative) const;
  /// Final folder.
  const std::filesystem::path& dir() const { return dir_; }
  /// Put the set in place. Throws ConfigError when the rename fails (the temporary is removed).
  void commit();

 private:
  std::filesystem::path dir_;
  std::filesystem::path tmp_;
  std::string what_;
  bool committed_ = false;
};

/// The name of the marker file in every folder dcload writes.
inline constexpr std::string_view kOutputMarker = ".dcload-output";

/// A file or folder name made from free text (a site name): letters, digits, '.', '-', '_' kept,
/// anything else (including '/', '\\' and spaces) becomes '_', no leading '.', at most 64
/// characters; "site" when nothing is left. It can never name a parent or another folder.
std::string safe_file_name(std::string_view text);

/// Streams a run's channels to `file` as timeseries.csv (step, time as ISO 8601 local time with
/// the UTC offset, e.g. 2029-07-15T14:00:00+09:00, one column per channel in its display unit,
/// e.g. it_power_mw), block by block, so a 1-second year does not have to fit in memory. The
/// year and offset come from ChannelSink::calendar(), which run() calls before begin() (a sink
/// wrapping this one must forward it; begin() without it throws std::logic_error). Write
/// errors (disk full) throw ConfigError from block() or end().
std::unique_ptr<ChannelSink> csv_sink(const std::filesystem::path& file);

/// Bytes of timeseries.csv for `steps` rows of `channels` columns (an estimate from the row
/// format: ≈ 22 bytes of step and time, ≤ 15 per value), for free-space checks.
std::uintmax_t csv_size_estimate(std::size_t steps, std::size_t channels);

/// Write summary.json and timeseries.csv of `result` (channels kept in memory) as one
/// OutputFolder at `dir`.
void write_outputs(const RunResult& result, const std::filesystem::path& dir);

/// Write summary.json and timeseries.csv of `result` into an existing folder, e.g. a subfolder
/// of an OutputFolder's path() (no set semantics of its own).
void write_run_files(const RunResult& result, const std::filesystem::path& dir);

}  // namespace dcload
