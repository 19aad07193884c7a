#!/usr/bin/env bash
# scripts/duration.sh SECONDS: "42s", "3m 07s", "1h 02m 03s".
s=$1
if ((s >= 3600)); then
  printf '%dh %02dm %02ds\n' $((s / 3600)) $((s % 3600 / 60)) $((s % 60))
elif ((s >= 60)); then
  printf '%dm %02ds\n' $((s / 60)) $((s % 60))
else
  printf '%ds\n' "$s"
fi
