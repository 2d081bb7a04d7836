#!/usr/bin/env bash
# Run the libFuzzer harnesses for a bounded time each (README.md here):
#   tests/fuzz/run_fuzzers.sh BUILD_DIR [SECONDS_EACH=60] [HARNESS...]
# BUILD_DIR is a build configured with -DDCLOAD_FUZZ=ON (clang) and built with --target fuzzers.
# Each harness starts from the seeds (BUILD_DIR/fuzz/seeds/, regenerated here), its kept corpus
# (BUILD_DIR/fuzz/corpus/HARNESS/, grown by earlier runs) and tests/fuzz/regressions/HARNESS/
# except the open findings listed in regressions/OPEN, whose suppressions (ubsan:CHECK:PATTERN,
# check:ID) are applied so that a known finding does not stop the run again. A new finding fails
# the script and leaves its input in BUILD_DIR/fuzz/artifacts/HARNESS/.
# Environment: DCLOAD_FUZZ_SEED_EPW=FILE adds a real EPW file to the weather seeds.
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
build="$(cd "${1:?usage: run_fuzzers.sh BUILD_DIR [SECONDS_EACH] [HARNESS...]}" && pwd)"
seconds="${2:-60}"
shift $(($# < 2 ? $# : 2))
harnesses=("$@")
((${#harnesses[@]})) || harnesses=(site overrides weather trace run)
out="$build/fuzz"
open_file="$src/tests/fuzz/regressions/OPEN"

"$out/fuzz_seeds" "$src" "$out/seeds"

# Open findings: their inputs stay out of the corpora, their suppressions apply.
supp="$out/ubsan.supp"
: >"$supp"
known=""
declare -A open=()
while read -r entry suppression _; do
  [[ -z "$entry" || "$entry" == \#* ]] && continue
  open["$entry"]=1
  case "$suppression" in
    ubsan:*) echo "${suppression#ubsan:}" >>"$supp" ;;
    check:*) known="${known:+$known,}${suppression#check:}" ;;
  esac
done <"$open_file"
export DCLOAD_FUZZ_KNOWN="$known"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:suppressions=$supp"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}"

status=0
summary=()
for h in "${harnesses[@]}"; do
  corpus="$out/corpus/$h"
  artifacts="$out/artifacts/$h"
  mkdir -p "$corpus" "$artifacts"
  for f in "$src/tests/fuzz/regressions/$h"/*; do
    [[ -f "$f" && -z "${open[$h/$(basename "$f")]:-}" ]] && cp "$f" "$corpus/"
  done
  log="$out/$h.log"
  echo "fuzz_$h: ${seconds} s"
  rc=0
  "$out/fuzz_$h" -max_total_time="$seconds" -timeout=25 -rss_limit_mb=2048 -print_final_stats=1 \
    -dict="$out/seeds/$h.dict" -artifact_prefix="$artifacts/" "$corpus" "$out/seeds/$h" \
    >"$log" 2>&1 || rc=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 || true)
  summary+=("$(printf '%-10s %10s execs %6s exec/s  %-11s %s' "$h" "${execs:-?}" "${rate:-?}" \
                "${cov:-cov: ?}" "$([ "$rc" -eq 0 ] && echo ok || echo "FINDING (rc $rc)")")")
  if [ "$rc" -ne 0 ]; then
    status=1
    echo "---- fuzz_$h found something (log: $log) ----"
    grep -E 'ERROR|runtime error|dcload fuzz finding|SUMMARY|#[0-9]+ 0x|Test unit written' "$log" | head -40 || true
    echo "---- to keep it: copy the file named above into tests/fuzz/regressions/$h/ (README.md)"
  fi
done
echo "fuzzing summary (${seconds} s per harness):"
printf '  %s\n' "${summary[@]}"
exit "$status"
