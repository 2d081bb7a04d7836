#pragma once
// `dcload sweep`: scenarios of a sweep file on every core, or across machines under mpirun.
namespace dcload::cli {

/// dcload sweep SWEEP.toml [--threads N] [--out DIR] [--json] [--set K=V]...
int cmd_sweep(int argc, char** argv);

}  // namespace dcload::cli
