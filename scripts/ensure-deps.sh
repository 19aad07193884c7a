#!/usr/bin/env bash
# Installs the Debian packages of deps/debian-packages.txt that are missing:
# those of the sections named (`scripts/ensure-deps.sh build`), every section
# when none is. `apt-get update` runs once, only when something is missing.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
list="$here/deps/debian-packages.txt"
sections=" $* "
mapfile -t wanted < <(awk -v want="$sections" '
  /^[[:space:]]*(#|$)/ { next }
  /^\[.*\]$/ { section = substr($0, 2, length($0) - 2); next }
  want == "  " || index(want, " " section " ") { print $1 }' "$list")
for name in "$@"; do
  grep -qx "\[$name\]" "$list" || { echo "error: no section [$name] in $list" >&2; exit 2; }
done
missing=()
for p in "${wanted[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "Installing Debian packages: ${missing[*]}"
  if [[ $(id -u) -ne 0 ]]; then
    echo "error: ${#missing[@]} packages are missing and this is not root; run: sudo $0 $*" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi
# French messages need the locale itself for the tests and for users.
if ! locale -a 2>/dev/null | grep -qi '^fr_CA.utf8$'; then
  if [[ $(id -u) -eq 0 ]] && [[ -f /etc/locale.gen ]]; then
    sed -i -E 's/^# *(fr_CA.UTF-8|fr_FR.UTF-8|en_US.UTF-8)/\1/' /etc/locale.gen
    locale-gen >/dev/null
  fi
fi
