#!/usr/bin/env bash
# The table of issues 5 and 15, measured in one run on this machine: our
# loader against `psql \copy`, the old scripts' 500-row INSERT … VALUES … ON
# CONFLICT and `sqlite3 .import` of the very same rows, at ~200,000 and
# ~1,000,000 rows; the same load with a round trip of 20 and 50 ms to the
# database (direct and through pgbouncer); the API-bound ratio against a
# rate-limited simulator; throughput by --concurrency; entries/s by page size
# at 10 requests/s (the timeline, then the whole account); the whole account
# (--streams all) at 10 requests/s and the share of that budget it used; a sync
# of it, unchanged and after a day of change, against the old 7-day window;
# peak RSS at scale 1 and 5.
#
# It starts its own PostgreSQL 15 (fsync and synchronous_commit on, as a user
# runs it; UTF-8 under the C.UTF-8 locale, the collation Debian and hosted
# PostgreSQL give) in a temp dir on 127.0.0.1, and its own simulators. The
# baselines load the rows in the API's order (newest first) into the tables
# of the repository's own DDL (ids COLLATE "C", users referenced by a foreign
# key). Every figure is printed with its baseline, the ratio, the target and
# PASS/MISS; a missed target is printed as MISS with the figure, never hidden.
#
# Usage: bench/load_table.sh BUILD_DIR        (from `make bench`)
# Env:   GB_BENCH_SCALES ("0.75 3.54": ~212,000 and ~1,000,000 rows),
#        GB_BENCH_API_SCALE (0.2), GB_BENCH_ACCOUNT_SCALE (1: the whole account),
#        GB_BENCH_RSS_SCALES ("1 5"), GB_BENCH_PAGES_SCALE (1: 282,669 entries),
#        GB_BENCH_PARTS ("engine remote api account pages sync memory"), GB_BENCH_REMOTE_SCALE (1),
#        GB_BENCH_REPEATS (3: runs of each engine-bound rate; the median counts)
set -euo pipefail

build=$(cd "${1:-build}" && pwd)
bin=$build/gazelle-backfill
here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
pgbin=/usr/lib/postgresql/15/bin
scales=${GB_BENCH_SCALES:-${GB_BENCH_SCALE:-"0.75 3.54"}}
api_scale=${GB_BENCH_API_SCALE:-0.2}
pages_scale=${GB_BENCH_PAGES_SCALE:-1}
account_scale=${GB_BENCH_ACCOUNT_SCALE:-1}
rss_scales=${GB_BENCH_RSS_SCALES:-"1 5"}
repeats=${GB_BENCH_REPEATS:-3}
all_years=2016-2026

work=$(mktemp -d /tmp/gb-bench-XXXXXX)
chmod 755 "$work"
port=0
sim_pid=""
misses=0

# ---------------------------------------------------------------- helpers
thousands() { LC_ALL=en_US.UTF-8 printf "%'d" "$1"; }
now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
per_second() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d", n / s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
# The middle value (of an odd count): one slow or fast run on a shared
# machine moves neither our figure nor the baseline.
median() { printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# One line of the table. A figure below its target counts as a miss.
line() {  # what figure baseline ratio target (target "-" = informative only)
  local verdict=""
  if [[ $5 != "-" ]]; then
    verdict=$(awk -v r="$4" -v t="$5" 'BEGIN { print (r + 0 >= t + 0) ? "PASS" : "MISS" }')
    [[ $verdict == MISS ]] && misses=$((misses + 1))
  fi
  printf '| %-56s | %12s | %12s | %6s | %7s | %-4s |\n' "$1" "$2" "$3" "$4" "${5/#-/}" "$verdict"
}
# The same for "at most" targets (memory): PASS when figure <= bound.
line_at_most() {  # what figure baseline ratio bound_text pass(0/1)
  local verdict=PASS
  [[ $6 == 1 ]] || { verdict=MISS; misses=$((misses + 1)); }
  printf '| %-56s | %12s | %12s | %6s | %7s | %-4s |\n' "$1" "$2" "$3" "$4" "$5" "$verdict"
}
header() {
  printf '| %-56s | %12s | %12s | %6s | %7s | %-4s |\n' "$1" "$2" "$3" "ratio" "target" ""
  printf '|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..58})" "$(printf -- '-%.0s' {1..14})" \
    "$(printf -- '-%.0s' {1..14})" "--------" "---------" "------"
}

fail() {
  echo "bench: $*" >&2
  exit 1
}

pg_start() {
  mkdir "$work/pg"
  chown postgres: "$work/pg"
  runuser -u postgres -- "$pgbin/initdb" -D "$work/pg/data" -A trust -U postgres -E UTF8 \
    --locale=C.UTF-8 >"$work/initdb.log" 2>&1 || fail "initdb failed: $(tail -5 "$work/initdb.log")"
  for _ in 1 2 3 4 5; do
    port=$((20000 + RANDOM % 40000))
    if runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w -t 60 \
      -o "-p $port -k $work/pg -c listen_addresses=127.0.0.1 -c fsync=on -c synchronous_commit=on" \
      start >/dev/null 2>&1; then
      return 0
    fi
  done
  fail "PostgreSQL did not start: $(tail -5 "$work/pg/log")"
}

pg_stop() {
  [[ -f $work/pg/data/postmaster.pid ]] || return 0
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg/data" -m immediate stop >/dev/null 2>&1 || true
}

cleanup() {
  set +e
  [[ -n $sim_pid ]] && kill "$sim_pid" 2>/dev/null && wait "$sim_pid" 2>/dev/null
  [[ -n ${proxy_pid:-} ]] && kill "$proxy_pid" 2>/dev/null
  bouncer_stop
  pg_stop
  rm -rf "$work"
}
trap cleanup EXIT

pg() {  # db, psql args...
  local db=$1
  shift
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@"
}
url() { echo "postgresql://postgres@127.0.0.1:$port/$1"; }
count_rows() { pg "$1" -Atc 'SELECT count(*) FROM gazelle_timeline_entries'; }
# The rows of every stream's table (the whole account).
account_rows() {
  pg "$1" -Atc "SELECT (SELECT count(*) FROM gazelle_timeline_entries)
    + (SELECT count(*) FROM gazelle_clients) + (SELECT count(*) FROM gazelle_pianos)
    + (SELECT count(*) FROM gazelle_events) + (SELECT count(*) FROM gazelle_invoices)
    + (SELECT count(*) FROM gazelle_estimates)"
}
# A fresh database, with nothing of a previous step still being written back.
fresh_db() {
  pg postgres -c "CREATE DATABASE $1"
  pg postgres -c CHECKPOINT
}

# The destination table of DESIGN.md from the repository's own DDL, with the
# users the loader stored (so the FK is checked on every row, as for us).
repo_schema() {
  for f in users/postgres_create timeline/postgres_create timeline/postgres_occurred_at_index; do
    cat "$repo/src/streams/$f.sql"
    echo ';'
  done | pg "$1"
  pg "$1" -c "\\copy users (id, first_name, last_name, email, access_level, status) FROM '$work/users.csv' (FORMAT csv)"
  pg postgres -c CHECKPOINT
}

# Runs the loader; prints its wall time in seconds, or stops the bench.
loader() {
  local start
  start=$(now)
  "$bin" "$@" --progress quiet >"$work/loader.log" 2>&1 ||
    fail "gazelle-backfill $* failed: $(tail -20 "$work/loader.log")"
  since "$start"
}

# Peak RSS in kB of one loader command.
loader_rss() {
  /usr/bin/time -f %M -o "$work/rss" "$bin" "$@" --progress quiet >"$work/loader.log" 2>&1 ||
    fail "gazelle-backfill $* failed: $(tail -20 "$work/loader.log")"
  cat "$work/rss"
}

# A simulator dump; it carries its users (docs/dump-format.md), so the run fills
# the users table and the FK is checked: every entry's user is known.
dump() {  # dir scale
  mkdir -p "$1"
  "$bin" sim dump --jsonl "$1/entries.jsonl" --scale "$2" --unknown-user-share 0 >/dev/null
}

sim_start() {  # sim flags...
  "$bin" sim --port 0 --token-file "$work/token.json" "$@" >"$work/sim.out" 2>&1 &
  sim_pid=$!
  for _ in $(seq 1 600); do
    sim_url=$(sed -n 's/^gazelle-backfill sim listening on //p' "$work/sim.out")
    [[ -n $sim_url && -s $work/token.json ]] && return 0
    sleep 0.1
  done
  fail "the simulator did not start: $(cat "$work/sim.out")"
}

sim_stop() {
  kill "$sim_pid" 2>/dev/null || true
  wait "$sim_pid" 2>/dev/null || true
  sim_pid=""
}

# ---------------------------------------------------------------- engine-bound
# The business's own table, created before the tool with the database's
# collation on its id columns (the repository's DDL without COLLATE "C").
default_collation_schema() {
  for f in users/postgres_create timeline/postgres_create timeline/postgres_occurred_at_index; do
    sed 's/ COLLATE "C"//' "$repo/src/streams/$f.sql"
    echo ';'
  done | pg "$1"
}

engine_bound() {  # scale
  local scale=$1
  dump "$work/d" "$scale"
  local t_ours t_rerun t_copy t_values="" t_sqlite t_import t_legacy rows i
  local -a fresh_times=() rerun_times=() copy_times=()
  local start
  # Round by round (fresh, \copy, --restart), so that a slower or faster
  # phase of the machine weighs on the three alike.
  for i in $(seq 1 "$repeats"); do
    fresh_db "ours$i"
    fresh_times+=("$(loader run --from-file "$work/d/entries.jsonl" --db "$(url "ours$i")" \
      --years $all_years)")
    pg postgres -c CHECKPOINT
    if ((i == 1)); then
      rows=$(count_rows ours1)
      pg ours1 -Atc "$(cat "$here/sql/export_entries.sql")" >"$work/entries.csv"
      pg ours1 -Atc "$(cat "$here/sql/export_entries_sqlite.sql")" >"$work/entries_sqlite.csv"
      pg ours1 -Atc "$(cat "$here/sql/export_users.sql")" >"$work/users.csv"
      pg ours1 -At -o "$work/old_script.sql" -f "$here/sql/old_script_batches.sql"
    else
      [[ $(count_rows "ours$i") == "$rows" ]] || fail "fresh run $i loaded $(count_rows "ours$i") rows, not $rows"
    fi

    fresh_db "copy$i"
    repo_schema "copy$i"
    start=$(now)
    pg "copy$i" -c "\\copy gazelle_timeline_entries (external_id, client_id, piano_id, user_id, invoice_id, estimate_id, occurred_at, entry_type, title, description, metadata) FROM '$work/entries.csv' (FORMAT csv)"
    copy_times+=("$(since "$start")")
    [[ $(count_rows "copy$i") == "$rows" ]] || fail "\\copy loaded $(count_rows "copy$i") rows, not $rows"
    pg postgres -c CHECKPOINT

    rerun_times+=("$(loader run --from-file "$work/d/entries.jsonl" --db "$(url ours1)" \
      --years $all_years --restart)")
  done
  t_ours=$(median "${fresh_times[@]}")
  t_rerun=$(median "${rerun_times[@]}")
  t_copy=$(median "${copy_times[@]}")

  fresh_db legacy
  default_collation_schema legacy
  t_legacy=$(loader run --from-file "$work/d/entries.jsonl" --db "$(url legacy)" --years $all_years)
  [[ $(count_rows legacy) == "$rows" ]] || fail "the existing table got $(count_rows legacy) rows"

  if ((rows <= 300000)); then  # minutes at a million rows, and the same ratio
    fresh_db oldway
    repo_schema oldway
    start=$(now)
    pg oldway -f "$work/old_script.sql" >/dev/null
    t_values=$(since "$start")
    [[ $(count_rows oldway) == "$rows" ]] || fail "the old way loaded $(count_rows oldway) rows"
  fi

  t_sqlite=$(loader run --from-file "$work/d/entries.jsonl" --db "sqlite:$work/ours.db" \
    --years $all_years)
  for f in users/sqlite_create timeline/sqlite_create timeline/sqlite_occurred_at_index; do
    cat "$repo/src/streams/$f.sql"
    echo ';'
  done | sqlite3 "$work/import.db"
  start=$(now)
  sqlite3 "$work/import.db" ".import --csv $work/entries_sqlite.csv gazelle_timeline_entries"
  t_import=$(since "$start")

  local copy_rate ours_rate rerun_rate legacy_rate sqlite_rate import_rate collation
  copy_rate=$(per_second "$rows" "$t_copy")
  ours_rate=$(per_second "$rows" "$t_ours")
  rerun_rate=$(per_second "$rows" "$t_rerun")
  legacy_rate=$(per_second "$rows" "$t_legacy")
  sqlite_rate=$(per_second "$rows" "$t_sqlite")
  import_rate=$(per_second "$rows" "$t_import")
  collation=$(pg ours1 -Atc "SELECT datcollate FROM pg_database WHERE datname = current_database()")
  echo
  echo "Engine-bound: the same $(thousands "$rows") rows (sim dump --scale $scale), PostgreSQL 15, fsync on,"
  echo "database UTF8 collation $collation, rows in the API's order (newest first), users' foreign key checked;"
  echo "\\copy, fresh and --restart: the median of $repeats runs each (wall seconds: \\copy ${copy_times[*]};"
  echo "fresh ${fresh_times[*]}; --restart ${rerun_times[*]})"
  header "way of loading (rows/s), $(thousands "$rows") rows" "rows/s" "baseline"
  line "psql \\copy of the CSV into the table (baseline)" "$(thousands "$copy_rate")" \
    "$(thousands "$copy_rate")" "1.00" "-"
  if [[ -n $t_values ]]; then
    local values_rate
    values_rate=$(per_second "$rows" "$t_values")
    line "old scripts: 500-row INSERT...VALUES...ON CONFLICT/txn" "$(thousands "$values_rate")" \
      "$(thousands "$copy_rate")" "$(ratio "$values_rate" "$copy_rate")" "-"
  fi
  line "run --from-file, fresh table" "$(thousands "$ours_rate")" "$(thousands "$copy_rate")" \
    "$(ratio "$ours_rate" "$copy_rate")" "1.00"
  line "run --from-file --restart over the loaded table" "$(thousands "$rerun_rate")" \
    "$(thousands "$copy_rate")" "$(ratio "$rerun_rate" "$copy_rate")" "1.50"
  line "run --from-file, fresh, existing table, $collation ids" "$(thousands "$legacy_rate")" \
    "$(thousands "$copy_rate")" "$(ratio "$legacy_rate" "$copy_rate")" "-"
  line "run --from-file into SQLite vs sqlite3 .import" "$(thousands "$sqlite_rate")" \
    "$(thousands "$import_rate")" "$(ratio "$sqlite_rate" "$import_rate")" "0.80"
  rm -f "$work"/*.csv "$work/old_script.sql" "$work"/*.db
  rm -rf "$work/d"
  local db
  for db in legacy oldway $(for i in $(seq 1 "$repeats"); do echo "ours$i copy$i"; done); do
    pg postgres -c "DROP DATABASE IF EXISTS $db"
  done
}

# ---------------------------------------------------------------- API-bound
api_bound() {
  local latency=(--latency-ms 250 --latency-jitter-ms 100)
  sim_start --scale "$api_scale" "${latency[@]}" --rps-limit 10
  fresh_db api
  local t rows rate
  t=$(loader run --api "$sim_url" --token-file "$work/token.json" --db "$(url api)" \
    --years $all_years --streams timeline)
  rows=$(count_rows api)
  sim_stop
  rate=$(per_second "$rows" "$t")
  echo
  echo "API-bound: simulator at 250 ms ± 100 ms per page of 100, 10 requests/s (429 beyond);"
  echo "a full scale-$api_scale backfill ($(thousands "$rows") entries) with the default flags"
  header "what" "entries/s" "bound"
  line "run, defaults, wall time including the plan" "$(thousands "$rate")" "1,000" \
    "$(ratio "$rate" 1000)" "0.90"

  sim_start --scale "$api_scale" "${latency[@]}"
  local c base=""
  for c in 1 2 4 8 16; do
    fresh_db "curve$c"
    t=$(loader run --api "$sim_url" --token-file "$work/token.json" --db "$(url "curve$c")" \
      --years 2025 --concurrency "$c" --streams timeline)
    rows=$(count_rows "curve$c")
    rate=$(per_second "$rows" "$t")
    [[ -n $base ]] || base=$rate
    line "no rate limit, --years 2025, --concurrency $c" "$(thousands "$rate")" \
      "$(thousands "$base")" "$(ratio "$rate" "$base")" "-"
  done
  sim_stop
}

# ---------------------------------------------------------------- whole account
# Every stream (timeline, clients with their contacts, pianos, events,
# invoices with their items, estimates) through the simulator at 10
# requests/s: the wall time and the share of the API's budget the run used
# (requests answered, 429s not counted, over 10 per second of wall time).
account() {
  local latency=(--latency-ms 250 --latency-jitter-ms 100)
  sim_start --scale "$account_scale" "${latency[@]}" --rps-limit 10
  fresh_db account
  local t stats served limited objects share
  t=$(loader run --api "$sim_url" --token-file "$work/token.json" --db "$(url account)" \
    --years $all_years --streams all)
  stats=$(curl -s "$sim_url/admin/stats")
  sim_stop
  served=$(jq -r .graphql_requests <<<"$stats")
  limited=$(jq -r .rate_limited <<<"$stats")
  objects=$(account_rows account)
  share=$(awk -v r="$((served - limited))" -v s="$t" 'BEGIN { printf "%.2f", r / (10 * s) }')
  echo
  echo "Whole account: simulator at 250 ms ± 100 ms per page, 10 requests/s (429 beyond);"
  echo "run --streams all of scale $account_scale ($(thousands "$objects") rows in six tables) with the default flags"
  header "what" "requests/s" "budget"
  line "--streams all, $(thousands "$((served - limited))") requests in $(awk -v s="$t" 'BEGIN { printf "%dm %02ds", s / 60, s % 60 }')" \
    "$(awk -v r="$((served - limited))" -v s="$t" 'BEGIN { printf "%.2f", r / s }')" "10" "$share" "0.90"
}

# ---------------------------------------------------------------- sync
# Keeping it current (issue 14): the whole account backfilled (fast, from a
# simulator without latency), then synced through the 10 requests/s simulator
# (250 ± 100 ms per request) of the same dataset: once unchanged, once after a
# day of change (new entries, entries back-dated 60 days, edited comments,
# deleted entries, new and edited clients and pianos: /admin/changes). A copy
# of the backfill (CREATE DATABASE … TEMPLATE) takes the same change the old
# way, a fixed 7-day window (sync --window-only --overlap 7d); verify says
# what each leaves missing. Requests are the loader's own count.
readonly one_day='{"new": 80, "backdated": 20, "backdated_days": 60, "edited": 10, "deleted": 10,
  "clients_new": 2, "clients_edited": 3, "pianos_new": 2, "pianos_edited": 3}'
sync_once() {  # db, flags...: prints "requests seconds"
  local db=$1 start
  shift
  start=$(now)
  "$bin" sync --api "$sim_url" --token-file "$work/token.json" --db "$(url "$db")" "$@" \
    --progress log >"$work/sync.log" 2>&1 || fail "sync $* failed: $(tail -20 "$work/sync.log")"
  echo "$(sed -n 's/^\([0-9,]*\) API requests\.$/\1/p' "$work/sync.log" | tr -d ,) $(since "$start")"
}
verify_gap() {  # db: "missing extra", the entries verify finds missing and extra (0 0: clean)
  "$bin" verify --api "$sim_url" --token-file "$work/token.json" --db "$(url "$1")" \
    --years $all_years >"$work/verify.log" 2>&1 && { echo 0 0; return; }
  awk '/^20[0-9][0-9]-[0-9][0-9] / { gsub(",", ""); d = $2 - $3; if (d > 0) m += d; else x -= d }
       END { print m + 0, x + 0 }' "$work/verify.log"
}
sync_part() {
  sim_start --scale "$account_scale"
  fresh_db synced
  loader run --api "$sim_url" --token-file "$work/token.json" --db "$(url synced)" \
    --years $all_years --streams all >/dev/null
  sim_stop
  pg postgres -c "CREATE DATABASE windowed TEMPLATE synced"
  sim_start --scale "$account_scale" --latency-ms 250 --latency-jitter-ms 100 --rps-limit 10
  local unchanged changed windowed gap old_gap
  read -r -a unchanged <<<"$(sync_once synced)"
  grep -q 'Sync: 0 added, 0 changed' "$work/sync.log" || fail "a sync of an unchanged source wrote: $(grep 'Sync:' "$work/sync.log")"
  curl -fsS -X POST "$sim_url/admin/changes" -d "$one_day" >/dev/null
  read -r -a changed <<<"$(sync_once synced)"
  read -r -a gap <<<"$(verify_gap synced)"
  read -r -a windowed <<<"$(sync_once windowed --window-only --overlap 7d)"
  read -r -a old_gap <<<"$(verify_gap windowed)"
  sim_stop
  echo
  echo "Sync of the whole account at scale $account_scale ($(thousands "$(account_rows synced)") rows) through the"
  echo "10 requests/s simulator (250 ms ± 100 ms); a day of change: $(tr -s ' \n' ' ' <<<"$one_day")"
  header "what" "requests" "bound"
  line_at_most "sync, unchanged source (nothing written), ${unchanged[1]} s" "${unchanged[0]}" \
    "-" "-" "≤ 36" "$((unchanged[0] <= 36))"
  line_at_most "sync after the day of change, ${changed[1]} s: verify clean" "${changed[0]}" \
    "-" "-" "clean" "$((gap[0] + gap[1] == 0))"
  echo "  the old 7-day window on a copy, ${windowed[1]} s, ${windowed[0]} requests: verify finds"
  echo "  ${old_gap[0]} entries missing (back-dated) and ${old_gap[1]} still counted (deleted at the source)"
}

# ---------------------------------------------------------------- page size
# The biggest lever when the API is the bound: entries/s at 10 requests/s by
# the page size asked, from a simulator whose answer takes longer the more
# entries it holds (150 ± 50 ms, plus 1 ms per entry).
pages() {
  local per_page=(--latency-ms 150 --latency-jitter-ms 50 --latency-per-node-ms 1)
  sim_start --scale "$pages_scale" "${per_page[@]}" --rps-limit 10
  echo
  echo "Page size: simulator at 150 ± 50 ms + 1 ms per entry, 10 requests/s (429 beyond);"
  echo "a full scale-$pages_scale backfill of the timeline, default flags but --page-size"
  header "what" "entries/s" "pages of 100"
  page_sizes timeline count_rows entries
  echo
  echo "The same for the whole account (--streams all: six tables, rows/s of them all)"
  header "what" "rows/s" "pages of 100"
  page_sizes all account_rows rows
  sim_stop
}

# One line per page size (100, 250, 500) of a full load of --streams STREAMS,
# the rows counted by COUNT_FN, against pages of 100.
page_sizes() {  # streams count_fn unit
  local size t rows rate base=""
  for size in 100 250 500; do
    fresh_db "$1$size"
    t=$(loader run --api "$sim_url" --token-file "$work/token.json" --db "$(url "$1$size")" \
      --years $all_years --page-size "$size" --streams "$1")
    rows=$("$2" "$1$size")
    rate=$(per_second "$rows" "$t")
    [[ -n $base ]] || base=$rate
    line "--page-size $size ($(thousands "$rows") $3, $(awk -v s="$t" 'BEGIN { printf "%dm %02ds", s / 60, s % 60 }'))" \
      "$(thousands "$rate")" "$(thousands "$base")" "$(ratio "$rate" "$base")" "-"
  done
}

# ---------------------------------------------------------------- remote
# The database far away, as the business runs it: bench/latency_proxy puts a
# round trip of 20 ms and 50 ms between the loader and PostgreSQL, directly
# and in front of pgbouncer in transaction mode (Supabase's pooler sits beside
# the database, so the delay is between the loader and the pooler). The
# baseline is the same load on the local database; the old scripts' 500-row
# INSERT ... VALUES way goes through the same proxy.
proxy_pid=""
bouncer_port=0

bouncer_start() {
  local dir=$work/bouncer
  mkdir -p "$dir"
  bouncer_port=$((20000 + RANDOM % 40000))
  cat >"$dir/pgbouncer.ini" <<INI
[databases]
* = host=127.0.0.1 port=$port

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $bouncer_port
unix_socket_dir =
auth_type = trust
auth_file = $dir/userlist.txt
pool_mode = transaction
max_client_conn = 500
default_pool_size = 40
ignore_startup_parameters = extra_float_digits,options
logfile = $dir/pgbouncer.log
pidfile = $dir/pgbouncer.pid
INI
  echo '"postgres" ""' >"$dir/userlist.txt"
  chown -R postgres: "$dir"
  runuser -u postgres -- /usr/sbin/pgbouncer -d -q "$dir/pgbouncer.ini" ||
    fail "pgbouncer did not start: $(tail -5 "$dir/pgbouncer.log")"
  for _ in $(seq 1 100); do
    psql -X -q -h 127.0.0.1 -p "$bouncer_port" -U postgres -d postgres -c 'SELECT 1' >/dev/null 2>&1 &&
      return 0
    sleep 0.1
  done
  fail "pgbouncer did not answer: $(tail -5 "$dir/pgbouncer.log")"
}

bouncer_stop() {
  if [[ -f $work/bouncer/pgbouncer.pid ]]; then
    kill "$(cat "$work/bouncer/pgbouncer.pid")" 2>/dev/null || true
    rm -f "$work/bouncer/pgbouncer.pid"
  fi
  bouncer_port=0
}

proxy_start() {  # upstream_port rtt_ms
  "$build/bench/latency_proxy" --to "127.0.0.1:$1" --rtt-ms "$2" >"$work/proxy.out" 2>&1 &
  proxy_pid=$!
  for _ in $(seq 1 100); do
    proxy_port=$(sed -n 's/^latency_proxy listening on 127.0.0.1://p' "$work/proxy.out")
    [[ -n $proxy_port ]] && return 0
    sleep 0.05
  done
  fail "the latency proxy did not start: $(cat "$work/proxy.out")"
}

proxy_stop() {
  if [[ -n $proxy_pid ]]; then
    kill "$proxy_pid" 2>/dev/null || true
    wait "$proxy_pid" 2>/dev/null || true
  fi
  proxy_pid=""
}

remote() {
  [[ -x $build/bench/latency_proxy ]] || fail "$build/bench/latency_proxy was not built (make bench)"
  local scale=${GB_BENCH_REMOTE_SCALE:-1}
  dump "$work/r" "$scale"
  bouncer_start
  local t rows local_rate rate rtt via db n=0
  fresh_db remote0
  t=$(loader run --from-file "$work/r/entries.jsonl" --db "$(url remote0)" --years $all_years)
  rows=$(count_rows remote0)
  local_rate=$(per_second "$rows" "$t")
  pg remote0 -At -o "$work/old_script.sql" -f "$here/sql/old_script_batches.sql"
  pg remote0 -Atc "$(cat "$here/sql/export_users.sql")" >"$work/users.csv"
  echo
  echo "Remote database: run --from-file of $(thousands "$rows") rows (sim dump --scale $scale, defaults)"
  echo "with a round trip between the loader and the database (bench/latency_proxy), direct or"
  echo "through pgbouncer in transaction mode; baseline: the same load on the local database"
  header "what" "rows/s" "local"
  line "local database (baseline)" "$(thousands "$local_rate")" "$(thousands "$local_rate")" \
    "1.00" "-"
  for rtt in 20 50; do
    local target=0.80
    [[ $rtt == 50 ]] && target=0.60
    for via in direct pgbouncer; do
      n=$((n + 1))
      fresh_db "remote$n"
      if [[ $via == direct ]]; then proxy_start "$port" "$rtt"; else proxy_start "$bouncer_port" "$rtt"; fi
      t=$(loader run --from-file "$work/r/entries.jsonl" \
        --db "postgresql://postgres@127.0.0.1:$proxy_port/remote$n" --years $all_years)
      proxy_stop
      [[ $(count_rows "remote$n") == "$rows" ]] || fail "remote$n got $(count_rows "remote$n") rows"
      rate=$(per_second "$rows" "$t")
      line "$rtt ms round trip, $via" "$(thousands "$rate")" "$(thousands "$local_rate")" \
        "$(ratio "$rate" "$local_rate")" "$target"
    done
    n=$((n + 1))
    fresh_db "remote$n"
    repo_schema "remote$n"
    proxy_start "$port" "$rtt"
    local start
    start=$(now)
    psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$proxy_port" -U postgres -d "remote$n" \
      -f "$work/old_script.sql" >/dev/null
    t=$(since "$start")
    proxy_stop
    [[ $(count_rows "remote$n") == "$rows" ]] || fail "the old way got $(count_rows "remote$n") rows"
    rate=$(per_second "$rows" "$t")
    line "$rtt ms round trip, old 500-row INSERT...VALUES, direct" "$(thousands "$rate")" \
      "$(thousands "$local_rate")" "$(ratio "$rate" "$local_rate")" "-"
  done
  bouncer_stop
  rm -rf "$work/r" "$work/old_script.sql" "$work/users.csv"
}

# ---------------------------------------------------------------- memory
memory() {
  echo
  echo "Memory: peak RSS of run --from-file into PostgreSQL (defaults)"
  header "what" "peak RSS" "bound"
  local s kb first_kb="" rows
  for s in $rss_scales; do
    dump "$work/m$s" "$s"
    fresh_db "mem${s//./_}"
    kb=$(loader_rss run --from-file "$work/m$s/entries.jsonl" --db "$(url "mem${s//./_}")" \
      --years $all_years)
    rows=$(count_rows "mem${s//./_}")
    rm -rf "$work/m$s"
    [[ -n $first_kb ]] || first_kb=$kb
    local pass=0
    if ((kb <= 64 * 1024)) && ((kb * 10 <= first_kb * 11)); then pass=1; fi
    line_at_most "scale $s ($(thousands "$rows") rows)" "$(thousands $((kb / 1024))) MB" \
      "$(thousands $((first_kb / 1024))) MB" "$(ratio "$kb" "$first_kb")" "<=64 MB" "$pass"
  done
}

[[ -x $bin ]] || fail "$bin was not built"
pg_start
bench_start=$(now)
for part in ${GB_BENCH_PARTS:-engine remote api account pages sync memory}; do
  case $part in
    engine) for scale in $scales; do engine_bound "$scale"; done ;;
    api) api_bound ;;
    account) account ;;
    pages) pages ;;
    sync) sync_part ;;
    remote) remote ;;
    memory) memory ;;
    *) fail "unknown part $part (engine, remote, api, account, pages, sync, memory)" ;;
  esac
done
echo
echo "bench: $misses target(s) missed; $(awk -v s="$(since "$bench_start")" 'BEGIN { printf "%dm %02ds", s / 60, s % 60 }') in all"
exit 0
