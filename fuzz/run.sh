#!/usr/bin/env bash
# Runs every libFuzzer target of BUILD_DIR for SECONDS each, starting from the
# checked-in seeds (fuzz/corpus/<target>/, never modified: new inputs go to
# BUILD_DIR/fuzz-corpus/<target>/), then prints one summary table.
# Crash reproducers land in BUILD_DIR/fuzz-crashes/<target>/; turn each into a
# regression test (tests/<subsystem>/…_test.cc) and a file in fuzz/corpus/<target>/.
# Exit status: 0 when no target crashed.
set -u
build=${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS]}
seconds=${2:-60}
here=$(cd "$(dirname "$0")" && pwd)
targets=(graphql_parser_fuzz response_parser_fuzz measurement_fuzz)
# Thousands separators whatever the locale: 1234567 -> 1,234,567.
group() { echo "${1:-0}" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }
rows=()
failed=0
for t in "${targets[@]}"; do
  work="$build/fuzz-corpus/$t" crashes="$build/fuzz-crashes/$t" log="$build/fuzz-$t.log"
  mkdir -p "$work" "$crashes"
  # The GraphQL parser is also seeded with the contract probes (tests/contract/probes/).
  seeds=("$here/corpus/$t")
  if [ "$t" = graphql_parser_fuzz ]; then seeds+=("$here/../tests/contract/probes"); fi
  echo "fuzzing $t for ${seconds} s (log: $log)"
  # -fork would hide per-run stats; one process, bounded by time, stops at the first crash.
  ASAN_OPTIONS=detect_leaks=1:halt_on_error=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    "$build/fuzz/$t" -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="$crashes/" "$work" "${seeds[@]}" >"$log" 2>&1
  status=$?
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  found=$(find "$crashes" -type f | wc -l)
  if [ "$status" -ne 0 ] || [ "$found" -ne 0 ]; then
    failed=1
    tail -40 "$log"
  fi
  rows+=("$(printf '%-22s %14s %10s %8s' "$t" "$(group "$runs")" "$(group "$rate")" \
    "$found")")
done
echo
printf '%-22s %14s %10s %8s\n' target runs execs/s crashes
for r in "${rows[@]}"; do echo "$r"; done
if [ "$failed" -ne 0 ]; then
  echo "fuzz: crashes found: reproducers in $build/fuzz-crashes/ (replay: $build/fuzz/<target> FILE)"
fi
exit "$failed"
