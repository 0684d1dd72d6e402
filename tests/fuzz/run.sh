#!/usr/bin/env bash
# Runs every libFuzzer target of quhua for SECONDS each, starting from the seed corpus in
# tests/fuzz/corpus/<target>/ (new inputs go to BUILD_DIR/tests/fuzz/corpus/<target>/, never into the
# repository). A crash, leak, sanitizer report or timeout fails the run and leaves the input in
# BUILD_DIR/tests/fuzz/artifacts/; turn it into a regression test in the unit suites.
#   usage: tests/fuzz/run.sh BUILD_DIR [SECONDS]     (build first: cmake --build BUILD_DIR --target quhua_fuzz_all)
set -euo pipefail
build=${1:?usage: tests/fuzz/run.sh BUILD_DIR [SECONDS]}
seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
targets=(fuzz_geojson_import fuzz_attribute_table fuzz_field_mapping fuzz_orlib_reader fuzz_plan_reader fuzz_registry_edition)

artifacts="$build/tests/fuzz/artifacts"
mkdir -p "$artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
failed=()
for target in "${targets[@]}"; do
  exe="$build/tests/fuzz/$target"
  if [ ! -x "$exe" ]; then
    echo "fuzz: $exe is missing; build the quhua_fuzz_all target first" >&2
    exit 2
  fi
  work="$build/tests/fuzz/corpus/$target"
  mkdir -p "$work"
  echo "== $target: ${seconds}s"
  if "$exe" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2560 -max_len=65536 \
      -artifact_prefix="$artifacts/$target-" -print_final_stats=1 "$work" "$here/corpus/$target" \
      > "$artifacts/$target.log" 2>&1; then
    grep -E "^(stat::number_of_executed_units|stat::new_units_added)" "$artifacts/$target.log" || true
  else
    echo "fuzz: $target FAILED; log: $artifacts/$target.log" >&2
    tail -n 60 "$artifacts/$target.log" >&2
    failed+=("$target")
  fi
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: failures in ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: all ${#targets[@]} targets ran ${seconds}s without a finding"
