#pragma once
// `dcload weather SOURCE [--json]`: monthly table, extremes, design conditions and wet-bulb hours
// of a weather source; `dcload psychro --dry-bulb T --rh RH [--pressure P | --elevation Z]
// [--json]`: the ASHRAE psychrometric state of one point.

namespace dcload::cli {

/// argv[1] is "weather". Returns the exit code; throws UsageError / ConfigError on bad input.
int cmd_weather(int argc, char** argv);
/// argv[1] is "psychro". Returns the exit code; throws UsageError / ConfigError on bad input.
int cmd_psychro(int argc, char** argv);

}  // namespace dcload::cli
