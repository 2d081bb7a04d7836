#pragma once
// `dcload pv` (standalone PV yield from a weather year) and `dcload compare` (several sites run
// in parallel, side by side). Both throw cli::UsageError / ConfigError like the other commands.

namespace dcload::cli {

/// dcload pv --weather SOURCE [--tilt ANGLE] [--azimuth ANGLE] [--dc POWER]
///           [--dc-ac-ratio X] [--losses FRACTION] [--json]
int cmd_pv(int argc, char** argv);

/// dcload compare SITE.toml... [--json] [--out DIR]
int cmd_compare(int argc, char** argv);

}  // namespace dcload::cli
