#pragma once
// `dcload catalog accelerators [--json]`: the shipped accelerator catalog, each entry with its
// source (configs/catalog/accelerators.toml).

namespace dcload::cli {

/// argv[1] is "catalog". Returns the exit code (0 ok); throws UsageError on bad arguments.
int cmd_catalog(int argc, char** argv);

}  // namespace dcload::cli
