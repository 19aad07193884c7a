#!/usr/bin/env bash
# scripts/timed-phase.sh FILE NAME COMMAND…: runs COMMAND, appends "NAME<TAB>seconds"
# to FILE, says how long it took, and exits with COMMAND's status.
set -uo pipefail
file=$1 name=$2
shift 2
mkdir -p "$(dirname "$file")"
start=$(date +%s)
"$@"
status=$?
seconds=$(($(date +%s) - start))
printf '%s\t%s\n' "$name" "$seconds" >>"$file"
printf '[make test] %s: %s\n' "$name" "$("$(dirname "$0")/duration.sh" "$seconds")"
exit "$status"
