#!/usr/bin/env bash
# The fuzz smoke as one CTest test (tests/CMakeLists.txt: fuzz_smoke): builds the libFuzzer
# harnesses with clang in FUZZ_BUILD_DIR (ASan + UBSan; incremental after the first time) and
# runs each for DCLOAD_FUZZ_SECONDS (default 60). Exit 77 (CTest: skipped) without clang.
#   tests/fuzz/smoke.sh FUZZ_BUILD_DIR
set -euo pipefail
src="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:?usage: smoke.sh FUZZ_BUILD_DIR}"
cxx="$(command -v clang++-14 || command -v clang++ || true)"
cc="$(command -v clang-14 || command -v clang || true)"
if [ -z "$cxx" ] || [ -z "$cc" ]; then
  echo "fuzz smoke skipped: no clang (Debian: clang-14 libclang-rt-14-dev llvm-14; .ci/setup installs them)"
  exit 77
fi
CC="$cc" CXX="$cxx" cmake -S "$src" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDCLOAD_FUZZ=ON \
  -DDCLOAD_BUILD_TESTS=OFF -DDCLOAD_BUILD_BENCH=OFF -DDCLOAD_BUILD_EXAMPLES=OFF \
  -DDCLOAD_INSTALL=OFF >/dev/null
cmake --build "$build" -j"$(nproc)" --target fuzzers >/dev/null
bash "$src/tests/fuzz/run_fuzzers.sh" "$build" "${DCLOAD_FUZZ_SECONDS:-60}"
