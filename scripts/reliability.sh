#!/usr/bin/env bash
# The whole fault matrix of issue 6 (GB_RELIABILITY=full): builds the
# reliability_tests binary, runs every case in one process (real loader,
# simulator, PostgreSQL and pgbouncer processes), then prints the summary
# table: fault, runs, rows lost, duplicates, recovered by rerun, time for
# `watch` to show the fault; and the combined-fault trial of issue 16 (every
# fault at once, with and without arrivals): its attempts, exit codes, rows,
# and how soon `watch` said stalled after each kill. Exits non-zero when any
# case failed.
# Usage: scripts/reliability.sh BUILD_DIR
set -uo pipefail
build=${1:-build}
cmake --build "$build" --target reliability_tests gazelle-backfill >/dev/null || exit 1
bin="$build/tests/reliability_tests"
[[ -x "$bin" ]] || { echo "reliability: $bin was not built" >&2; exit 1; }
log=$(mktemp /tmp/gb-reliability-XXXXXX.log)
start=$(date +%s)
GB_RELIABILITY=full "$bin" --gtest_color=no >"$log" 2>&1
status=$?
elapsed=$(( $(date +%s) - start ))
grep -E '^\[ *(OK|FAILED|RUN) *\]|^\[==========\]|^\[  PASSED  \]|Failure$' "$log" | grep -v '^\[ RUN' || true
sed -n '/^==== fault matrix/,/^==== end of fault matrix/p' "$log"
sed -n '/^==== combined faults/,/^==== end of combined faults/p' "$log"
printf 'fault matrix: %dm %02ds; full log: %s\n' $((elapsed / 60)) $((elapsed % 60)) "$log"
exit $status
