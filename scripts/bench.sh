#!/usr/bin/env bash
# Runs every benchmark: the binaries built from bench/*.cc (target `benches`),
# then the scripts bench/*.sh (bench/load_table.sh prints the table of issue 5).
# Usage: scripts/bench.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
status=0
for src in "$(dirname "$0")"/../bench/*.cc; do
  name=$(basename "$src" .cc)
  # A tool bench/load_table.sh starts between the loader and PostgreSQL, not a benchmark.
  [[ $name == latency_proxy ]] && continue
  bin="$build/bench/$name"
  [[ -x "$bin" ]] || { echo "bench: $bin was not built" >&2; status=1; continue; }
  echo "== $name"
  "$bin" || status=1
done
for script in "$(dirname "$0")"/../bench/*.sh; do
  echo "== $(basename "$script" .sh)"
  "$script" "$build" || status=1
done
exit $status
