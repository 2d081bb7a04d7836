#pragma once
// `dcload optimize` (the least-cost supply of one site) and `dcload compare --optimize` (every
// site its own optimum under the same targets). Both throw cli::UsageError / ConfigError.
#include <string>
#include <vector>

namespace dcload::cli {

/// dcload optimize SITE.toml [--cfe F] [--co2-cap M] [--cfe-curve A:B:STEP] [--set K=V]...
///                 [--weather SRC] [--json] [--out DIR]
int cmd_optimize(int argc, char** argv);

/// dcload compare --optimize SITE.toml... [--cfe F] [--co2-cap M] [--cfe-curve A:B:STEP]
///                [--json] [--out DIR]
int cmd_compare_optimize(int argc, char** argv);

}  // namespace dcload::cli
