#pragma once

namespace dcload::cli {

/// `dcload swing [SITE.toml] [options]`: training swings against the utility's mask, the
/// smoothing layers and the cheapest stack, ride-through of a dip sequence, islanded plant.
int cmd_swing(int argc, char** argv);

}  // namespace dcload::cli
