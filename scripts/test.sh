#!/usr/bin/env bash
# The whole test command: installs what is needed, builds quhua and passes every test.
#  1. release build with -Werror: all suites (unit + integration on ../shared/data when present);
#  2. AddressSanitizer + UndefinedBehaviorSanitizer build: unit and integration suites again;
#  3. libFuzzer targets (clang) for the importers, FUZZ_SECONDS each (default 20).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/install-deps.sh

jobs=${QUHUA_JOBS:-$(nproc)}
# Seconds each stage took, printed as it ends (docs/benchmarks.md, "CI time", keeps the figures).
stage() { echo "== $1 (at ${SECONDS}s)"; }
fuzz_seconds=${FUZZ_SECONDS:-20}

stage "release build and tests"
cmake -S . -B build/release -G Ninja -DCMAKE_BUILD_TYPE=Release -DQUHUA_WERROR=ON >/dev/null
cmake --build build/release -j "$jobs"
ctest --test-dir build/release --output-on-failure -j "$jobs" --timeout 900

stage "sanitizer build (ASan + UBSan) and tests"
cmake -S . -B build/sanitize -G Ninja -DCMAKE_BUILD_TYPE=Debug -DQUHUA_SANITIZE=ON -DQUHUA_BENCH=OFF -DQUHUA_SLOW_TESTS=OFF \
  -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g" >/dev/null
cmake --build build/sanitize -j "$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build/sanitize --output-on-failure -j "$jobs" -LE slow --timeout 1800

if [ -d tests/fuzz ] && [ -f tests/fuzz/CMakeLists.txt ]; then
  stage "fuzz targets (${fuzz_seconds}s each)"
  CC=clang CXX=clang++ cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DQUHUA_FUZZ=ON \
    -DQUHUA_BENCH=OFF -DQUHUA_TESTS=ON >/dev/null
  cmake --build build/fuzz -j "$jobs" --target quhua_fuzz_all
  ./tests/fuzz/run.sh build/fuzz "$fuzz_seconds"
fi
stage "all tests passed"
