#pragma once
namespace dcload::cli {
/// `dcload capacity SITE.toml [--json] [--set KEY=VALUE]... [--weather SOURCE]`
int cmd_capacity(int argc, char** argv);
/// `dcload outage SITE.toml [--json]`: outage survival of the site backup.
int cmd_outage(int argc, char** argv);
/// `dcload datapack SITE.toml... [--json]`: the large-load interconnection data pack.
int cmd_datapack(int argc, char** argv);
/// `dcload kgia SITE.toml... [--json]`: the Korean grid-impact pre-screen.
int cmd_kgia(int argc, char** argv);
}  // namespace dcload::cli
