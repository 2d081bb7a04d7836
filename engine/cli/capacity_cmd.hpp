#pragma once
namespace dcload::cli {
/// `dcload capacity SITE.toml [--json] [--set KEY=VALUE]... [--weather SOURCE]`
int cmd_capacity(int argc, char** argv);
/// `dcload outage SITE.toml [--json]`: outage survival of the site backup.
int cmd_outage(int argc, char** argv);
}  // namespace dcload::cli
