#!/usr/bin/env bash
# scripts/phase-table.sh FILE [NAME TEXT]…: the table of the phases timed by
# scripts/timed-phase.sh into FILE, their total, then each NAME with TEXT
# (a phase still to come, said in words).
set -euo pipefail
file=$1
shift
here=$(dirname "$0")
total=0
echo "Time of each phase of make test:"
while IFS=$'\t' read -r name seconds; do
  printf '  %-18s %12s\n' "$name" "$("$here/duration.sh" "$seconds")"
  total=$((total + seconds))
done <"$file"
printf '  %-18s %12s\n' "so far" "$("$here/duration.sh" "$total")"
while (($# >= 2)); do
  printf '  %-18s %s\n' "$1" "$2"
  shift 2
done
