#!/usr/bin/env bash
# Compares two server binaries under the same open-loop load, alternating runs so that drift on
# the machine hits both alike: `bench/ab_compare.sh OLD_BINARY NEW_BINARY [RATE ...]`.
# Each binary serves a fresh database; the new one gets a token (`user create`) when it has the
# command, so the comparison includes checking a bearer token on every request.
# Settings (environment): BUILD (build/release, for load_driver), ROUNDS (3), DURATION (15),
# WARMUP (3), CONNECTIONS (64), ITEMS (3), SERVER_THREADS (2), NEW_MODEL (a model file from
# `haiquan risk train`: registered and activated on the new binary's database, so that the
# comparison measures what the learned model adds to a filing).
set -euo pipefail
cd "$(dirname "$0")/.."
old=${1:?usage: $0 OLD_BINARY NEW_BINARY [RATE ...]}
new=${2:?usage: $0 OLD_BINARY NEW_BINARY [RATE ...]}
shift 2
[ $# -gt 0 ] && rates=("$@") || rates=(500 5000)
BUILD=${BUILD:-build/release}
ROUNDS=${ROUNDS:-3}
DURATION=${DURATION:-15}
WARMUP=${WARMUP:-3}
CONNECTIONS=${CONNECTIONS:-64}
ITEMS=${ITEMS:-3}
SERVER_THREADS=${SERVER_THREADS:-2}
scratch=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$scratch"' EXIT

# run NAME BINARY RATE ROUND: one measured run on a fresh database; prints its JSON line.
run() {
  local name=$1 bin=$2 rate=$3 round=$4 db="$scratch/$1-$3-$4.db" port="" token=""
  if [ "$name" = new ] && [ -n "${NEW_MODEL:-}" ]; then
    "$bin" risk register --db "$db" --model "$NEW_MODEL" >/dev/null 2>&1
  fi
  "$bin" serve --db "$db" --port 0 --threads "$SERVER_THREADS" >"$scratch/out" 2>/dev/null &
  pid=$!
  for _ in $(seq 100); do
    port=$(sed -n 's|^Haiquan listening on http://[^:]*:\([0-9]*\)/.*|\1|p' "$scratch/out")
    [ -n "$port" ] && break
    sleep 0.1
  done
  # grep reads all the help (no -q): an early exit would SIGPIPE the binary and, with
  # pipefail, make the test false.
  if "$bin" --help 2>/dev/null | grep "^  user" >/dev/null; then
    token=$("$bin" user create ab --role officer --db "$db" 2>/dev/null | tail -1)
  fi
  if [ "$name" = new ] && [ -n "${NEW_MODEL:-}" ]; then
    local analyst
    analyst=$("$bin" user create ab-analyst --role analyst --db "$db" 2>/dev/null | tail -1)
    curl -sf -X PUT -H "Authorization: Bearer $analyst" -H 'Content-Type: application/json' \
      -d '{"version": 1}' "http://127.0.0.1:$port/api/v1/risk/activation" >/dev/null
  fi
  local line
  line=$("$BUILD/bench/load_driver" --port "$port" --json --items "$ITEMS" --rate "$rate" \
    --connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP" --seed "$round" \
    ${token:+--token "$token"})
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  echo "{\"binary\":\"$name\",\"rate\":$rate,\"round\":$round,\"result\":$line}"
}

for rate in "${rates[@]}"; do
  for round in $(seq "$ROUNDS"); do
    run old "$old" "$rate" "$round"
    run new "$new" "$rate" "$round"
  done
done
