#!/usr/bin/env bash
# Runs every benchmark binary built from bench/*.cc (target `benches`) and
# prints their figures. Usage: scripts/bench.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
status=0
for src in "$(dirname "$0")"/../bench/*.cc; do
  name=$(basename "$src" .cc)
  bin="$build/bench/$name"
  [[ -x "$bin" ]] || { echo "bench: $bin was not built" >&2; status=1; continue; }
  echo "== $name"
  "$bin" || status=1
done
exit $status
