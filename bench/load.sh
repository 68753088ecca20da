#!/usr/bin/env bash
# Load benchmark of `pilotage serve` on the demo network (see bench/README.md): statistics, dashboard PNGs, and 85
# coordinators saving and submitting at once. Not a test: it prints figures to compare with the goals.
#
#   bench/load.sh sqlite|postgres
#
# PILOTAGE_BIN   the binary (default: $CARGO_TARGET_DIR/release/pilotage, built with cargo build --release)
# DURATION       seconds per wrk run (default 10)   CONNECTIONS  wrk connections (default 16)
# PG_SERVER      PostgreSQL server for `postgres` (default postgres://postgres@127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/.."

backend="${1:-sqlite}"
bin="${PILOTAGE_BIN:-${CARGO_TARGET_DIR:-target}/release/pilotage}"
duration="${DURATION:-10}"
connections="${CONNECTIONS:-16}"
pg_server="${PG_SERVER:-postgres://postgres@127.0.0.1:5432}"
command -v wrk > /dev/null || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
[ -x "$bin" ] || { echo "no binary at $bin: cargo build --release -p pilotage" >&2; exit 1; }

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2> /dev/null || true; wait "$server_pid" 2> /dev/null || true; fi
  if [ "$backend" = postgres ]; then dropdb --if-exists -d "$pg_server/postgres" pilotage_bench 2> /dev/null || \
    psql "$pg_server/postgres" -qc "DROP DATABASE IF EXISTS pilotage_bench WITH (FORCE)" > /dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT

case "$backend" in
  sqlite) export DATABASE_URL="sqlite://$work/pilotage.db" ;;
  postgres)
    psql "$pg_server/postgres" -qc "DROP DATABASE IF EXISTS pilotage_bench WITH (FORCE)" > /dev/null
    psql "$pg_server/postgres" -qc "CREATE DATABASE pilotage_bench" > /dev/null
    export DATABASE_URL="$pg_server/pilotage_bench" ;;
  *) echo "usage: $0 sqlite|postgres" >&2; exit 2 ;;
esac
export RUST_LOG=error
"$bin" seed > /dev/null
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
"$bin" serve --bind "127.0.0.1:$port" > "$work/serve.log" 2>&1 &
server_pid=$!
until curl -sf "$base/health" > /dev/null; do
  kill -0 "$server_pid" 2> /dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.2
done

ministry=$("$bin" token --role ministry)
regional=$("$bin" token --role regional --region BFC --subject bench-regional)
year=2025-2026
echo "== $backend, $(nproc) cores, wrk -t1 -c$connections -d${duration}s (wrk shares the cores)"

run() { # name token path
  local out
  curl -sf -o /dev/null -H "Authorization: Bearer $2" "$base$3" || { echo "$1: $3 fails"; exit 1; }
  out=$(wrk -t1 -c"$connections" -d"${duration}s" --latency -H "Authorization: Bearer $2" "$base$3")
  printf '%-26s %10s req/s   p50 %8s   p99 %8s   errors: %s\n' "$1" \
    "$(awk '/Requests\/sec/ {print $2}' <<< "$out")" \
    "$(awk '$1 == "50%" {print $2}' <<< "$out")" \
    "$(awk '$1 == "99%" {print $2}' <<< "$out")" \
    "$(grep -E 'Non-2xx|Socket errors' <<< "$out" | tr -s ' ' | tr '\n' ' ' || true)"
}

run "series (ministry)" "$ministry" "/api/v1/stats/series?indicator=success_rate"
run "series (regional BFC)" "$regional" "/api/v1/stats/series?indicator=success_rate&scope=region:BFC"
run "gaps (ministry)" "$ministry" "/api/v1/stats/gaps?year=$year"
run "gaps (regional BFC)" "$regional" "/api/v1/stats/gaps?year=$year"
run "dashboard national.png" "$ministry" "/api/v1/dashboards/national.png?year=$year"
run "dashboard region.png (BFC)" "$regional" "/api/v1/dashboards/region.png?year=$year"

echo "== 85 coordinators save and submit at once"
submit_year=$(python3 -c 'import datetime; d = datetime.date.today(); y = d.year if d.month >= 9 else d.year - 1; print(f"{y}-{y + 1}")')
python3 bench/submissions.py "$base" "$bin" "$submit_year"
