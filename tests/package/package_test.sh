#!/usr/bin/env bash
# The Debian package, end to end (ctest PackageInstallRemove; issue 14): builds
# it from the build tree with CPack, installs it with apt (no network: every
# dependency is already a build dependency), runs the installed binary from
# PATH as the service would (its user, its state directory, DATABASE_URL), a
# load against the installed simulator, then removes and purges it and checks
# nothing is left. Root only (apt); serialised machine-wide by a lock file, as
# it installs into /usr. Cleans up on any exit.
#   package_test.sh BUILD_DIR VERSION
set -euo pipefail
build=$(cd "$1" && pwd)
version=$2
pkg=gazelle-backfill
user=gazelle-backfill
state=/var/lib/gazelle-backfill
# Marks an install made by this test, so a run killed before its cleanup
# (ctest's timeout) is purged by the next one, and a package someone
# installed for real is never touched.
marker=/run/lock/gazelle-backfill-package-test.installed
apt_opts=(-y -q -o DPkg::Lock::Timeout=300)

fail() { echo "FAIL: $*" >&2; exit 1; }
step() { printf '[%5.1fs] %s\n' "$(($(date +%s%N) - t0))e-9" "$*"; }
t0=$(date +%s%N)

if [[ $(id -u) -ne 0 ]]; then
  echo "SKIP: installs a Debian package: run as root (CI does)"
  exit 77
fi
exec 9>/run/lock/gazelle-backfill-package-test.lock
flock -w 600 9 || fail "another package test holds /run/lock/gazelle-backfill-package-test.lock"

tmp=$(mktemp -d /tmp/gb-package-test.XXXXXX)
sim_pid=
cleanup() {
  local status=$?
  [[ -n "$sim_pid" ]] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  if [[ -e "$marker" ]]; then
    DEBIAN_FRONTEND=noninteractive apt-get purge "${apt_opts[@]}" "$pkg" >/dev/null 2>&1 || true
    rm -f "$marker"
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

installed() {  # installed, or removed with its configuration kept
  local status
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [[ -n "$status" && "$status" != not-installed ]]
}
if installed; then
  if [[ -e "$marker" ]]; then
    step "purging the package a killed run of this test left"
    DEBIAN_FRONTEND=noninteractive apt-get purge "${apt_opts[@]}" "$pkg" >/dev/null
    rm -f "$marker"
  else
    fail "$pkg is installed on this machine (not by this test): apt-get purge $pkg first"
  fi
fi
getent passwd "$user" >/dev/null && fail "a user $user exists already: this test would remove it"

# 1. The package, from the build tree.
cpack --config "$build/CPackConfig.cmake" -B "$tmp/pkg" >"$tmp/cpack.log" 2>&1 ||
  { cat "$tmp/cpack.log"; fail "cpack"; }
deb="$tmp/pkg/${pkg}_${version}_$(dpkg --print-architecture).deb"
[[ -f "$deb" ]] || { ls -l "$tmp/pkg"; fail "no $deb"; }
step "built $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB)"
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libpq5 libsqlite3-0 libcurl4 libfmt9 adduser; do
  [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib: $depends"
done
[[ $(dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles) == /etc/gazelle-backfill/sync.env ]] ||
  fail "sync.env is not a conffile"

# 2. Installed with apt, as a user would (apt install ./x.deb). Its
# dependencies are the build's and adduser: apt must have nothing to download.
others=$(apt-get install -s -q "$deb" 2>&1 | awk '/^Inst / && $2 != "'"$pkg"'" { print $2 }')
[[ -z "$others" ]] || fail "apt would download: $others (install them beforehand: scripts/ensure-deps.sh)"
touch "$marker"
DEBIAN_FRONTEND=noninteractive apt-get install "${apt_opts[@]}" "$deb" >"$tmp/apt.log" 2>&1 ||
  { cat "$tmp/apt.log"; fail "apt-get install $deb"; }
step "installed with apt-get"
mapfile -t files < <(dpkg -L "$pkg" | while read -r f; do [[ -d "$f" ]] || echo "$f"; done)
((${#files[@]} >= 6)) || fail "dpkg -L lists only: ${files[*]}"

[[ $(command -v gazelle-backfill) == /usr/bin/gazelle-backfill ]] ||
  fail "PATH finds $(command -v gazelle-backfill || echo nothing), not /usr/bin/gazelle-backfill"
cd "$tmp"  # nowhere near the build tree: the binary must find its own catalog
got=$(env -u GB_LOCALEDIR gazelle-backfill --version)
[[ "$got" == "gazelle-backfill $version" ]] || fail "--version says '$got', the build is $version"
french=$(env -u GB_LOCALEDIR -u LC_ALL -u LC_MESSAGES -u LANGUAGE LANG=fr_CA.UTF-8 gazelle-backfill --help)
[[ "$french" == *"dans la destination"* ]] ||
  fail "the installed binary does not find its French catalog (/usr/share/locale): $french"
step "gazelle-backfill --version: $got; French from /usr/share/locale"

for unit in gazelle-backfill-sync.service gazelle-backfill-sync.timer gazelle-backfill-sync-every.service; do
  [[ -f /usr/lib/systemd/system/$unit ]] || fail "no /usr/lib/systemd/system/$unit"
done
grep -q '^ExecStart=/usr/bin/gazelle-backfill sync ' /usr/lib/systemd/system/gazelle-backfill-sync.service ||
  fail "the service does not start /usr/bin/gazelle-backfill sync"
grep -q '^EnvironmentFile=/etc/gazelle-backfill/sync.env$' /usr/lib/systemd/system/gazelle-backfill-sync.service ||
  fail "the service does not read /etc/gazelle-backfill/sync.env"
if command -v systemd-analyze >/dev/null; then
  systemd-analyze verify /usr/lib/systemd/system/gazelle-backfill-sync.service \
    /usr/lib/systemd/system/gazelle-backfill-sync.timer \
    /usr/lib/systemd/system/gazelle-backfill-sync-every.service >"$tmp/verify.log" 2>&1 ||
    { cat "$tmp/verify.log"; fail "systemd-analyze verify"; }
fi
[[ $(stat -c '%a %U' /etc/gazelle-backfill/sync.env) == "600 root" ]] ||
  fail "sync.env is $(stat -c '%a %U' /etc/gazelle-backfill/sync.env), not 600 root"
getent passwd "$user" >/dev/null || fail "postinst made no user $user"
[[ $(stat -c '%a %U' "$state") == "700 $user" ]] ||
  fail "$state is $(stat -c '%a %U' "$state"), not 700 $user"
step "units, env file (0600), user and state directory (0700) in place"

# 3. A demo-sized load from PATH, as the unit runs it: the service's user, its
# state directory as working directory, the token store there, DATABASE_URL.
as_user=(setpriv --reuid="$user" --regid="$user" --clear-groups --reset-env)
(cd "$state" && exec "${as_user[@]}" gazelle-backfill sim --port 0 --scale "${GB_PACKAGE_TEST_SCALE:-0.2}" \
   --token-file "$state/token.json" >"$tmp/sim.out" 2>&1) &
sim_pid=$!
for _ in $(seq 100); do grep -q '^admin:' "$tmp/sim.out" && break; sleep 0.1; done
api=$(sed -n 's/^gazelle-backfill sim listening on //p' "$tmp/sim.out")
[[ -n "$api" ]] || { cat "$tmp/sim.out"; fail "the installed simulator did not start"; }
[[ $(stat -c '%a %U' "$state/token.json") == "600 $user" ]] || fail "token.json is not 600 $user"
load() {
  (cd "$state" && "${as_user[@]}" env DATABASE_URL="sqlite:$state/package-test.db" \
     gazelle-backfill "$@" --api "$api" --token-file "$state/token.json" --progress log) \
    >"$tmp/load.log" 2>&1 || { tail -30 "$tmp/load.log"; fail "gazelle-backfill $* (exit $?)"; }
}
load run --years 2016-2026
step "run: $(grep -c . "$tmp/load.log") log lines"
# The unit's command after a day of change: new, back-dated and deleted entries.
curl -fsS -X POST "$api/admin/changes" -d '{"new": 20, "backdated": 5, "deleted": 3}' >/dev/null ||
  fail "the simulator refused /admin/changes"
load sync
grep -q '3 marked missing at the source' "$tmp/load.log" || { tail -20 "$tmp/load.log"; fail "sync did not mark the 3 deleted entries"; }
step "sync: $(grep -o '[0-9,]* API requests' "$tmp/load.log")"
rows=$(sqlite3 "$state/package-test.db" 'SELECT count(*) FROM gazelle_timeline_entries')
((rows > 0)) || fail "no timeline entries loaded"
step "loaded $rows timeline entries into $state/package-test.db"
kill "$sim_pid"; wait "$sim_pid" 2>/dev/null || true; sim_pid=

# 4. Removed (configuration kept), then purged (nothing left).
DEBIAN_FRONTEND=noninteractive apt-get remove "${apt_opts[@]}" "$pkg" >"$tmp/apt.log" 2>&1 ||
  { cat "$tmp/apt.log"; fail "apt-get remove"; }
[[ ! -e /usr/bin/gazelle-backfill ]] || fail "apt-get remove left /usr/bin/gazelle-backfill"
[[ ! -e /usr/lib/systemd/system/gazelle-backfill-sync.timer ]] || fail "apt-get remove left the timer"
[[ -f /etc/gazelle-backfill/sync.env ]] || fail "apt-get remove took the configuration (a conffile)"
step "removed (sync.env kept)"
DEBIAN_FRONTEND=noninteractive apt-get purge "${apt_opts[@]}" "$pkg" >"$tmp/apt.log" 2>&1 ||
  { cat "$tmp/apt.log"; fail "apt-get purge"; }
rm -f "$marker"
left=()
for f in "${files[@]}" /etc/gazelle-backfill /var/lib/gazelle-backfill /usr/share/doc/gazelle-backfill; do
  [[ -e "$f" ]] && left+=("$f")
done
((${#left[@]} == 0)) || fail "purge left: ${left[*]}"
getent passwd "$user" >/dev/null && fail "purge left the user $user"
getent group "$user" >/dev/null && fail "purge left the group $user"
installed && fail "dpkg still lists $pkg"
step "purged: none of the ${#files[@]} files, no user, no state left"
