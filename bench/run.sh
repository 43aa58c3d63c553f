#!/usr/bin/env bash
# Measures filing over HTTP against its limits, all in one run on this machine: the /healthz
# round trip, raw SQLite inserts of the same rows, the CPU cost of each step, and what token
# checks and audit entries add to each filing (auth_audit_bench). Builds
# nothing: `make bench` builds the release preset first. docs/benchmarks.md explains the figures.
#
# Settings (environment): BUILD (build/release), HAIQUAN (the server binary to measure, to
# compare a change: $BUILD/haiquan), CONNECTIONS (64), SERVER_THREADS (2), DRIVER_THREADS (1),
# DURATION (20 s per HTTP run), WARMUP (3 s), ITEMS (3), RESULTS (where the raw output goes;
# default $BUILD/bench-results/<time>).
set -euo pipefail

cd "$(dirname "$0")/.."
BUILD=${BUILD:-build/release}
HAIQUAN=${HAIQUAN:-$BUILD/haiquan}
CONNECTIONS=${CONNECTIONS:-64}
SERVER_THREADS=${SERVER_THREADS:-2}
DRIVER_THREADS=${DRIVER_THREADS:-1}
DURATION=${DURATION:-20}
WARMUP=${WARMUP:-3}
ITEMS=${ITEMS:-3}
RESULTS=${RESULTS:-$BUILD/bench-results/$(date -u +%Y%m%dT%H%M%SZ)}

for exe in "$HAIQUAN" "$BUILD"/bench/{load_driver,sqlite_insert_bench,micro_bench,auth_audit_bench}; do
  if [ ! -x "$exe" ]; then
    echo "bench: $exe is missing; run: cmake --preset release && cmake --build --preset release" >&2
    exit 2
  fi
done

mkdir -p "$RESULTS"
scratch=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill "$server_pid"
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT

{
  echo "date:    $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "host:    $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
    "$(awk '/MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo)"
  echo "load:    $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) before the run"
  echo "server:  $HAIQUAN ($(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ', src modified'))"
  echo "config:  server --threads $SERVER_THREADS; driver $CONNECTIONS connections," \
    "$DRIVER_THREADS thread(s); $ITEMS items; ${DURATION} s after ${WARMUP} s warm-up"
} | tee "$RESULTS/machine.txt"

"$HAIQUAN" serve --db "$scratch/bench.db" --port 0 --threads "$SERVER_THREADS" \
  >"$scratch/server.out" 2>"$RESULTS/server.err" &
server_pid=$!
port=""
for _ in $(seq 100); do
  port=$(sed -n 's|^Haiquan listening on http://[^:]*:\([0-9]*\)/.*|\1|p' "$scratch/server.out")
  [ -n "$port" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$port" ]; then
  echo "bench: the server did not start" >&2
  cat "$RESULTS/server.err" >&2
  exit 1
fi

# Every request carries a token, as in production: an officer's (the generated declarations
# name many enterprises, which a trader's key could not file for).
token=$("$HAIQUAN" user create bench-client --role officer --db "$scratch/bench.db" 2>/dev/null | tail -1)
export HAIQUAN_TOKEN=$token

failures=0
hz=$(getconf CLK_TCK)
# snap: CPU ticks busy on the whole machine, and used by the server (0 when it is down).
snap() {
  local server=0
  if [ -n "$server_pid" ] && [ -r "/proc/$server_pid/stat" ]; then
    server=$(awk '{print $14 + $15}' "/proc/$server_pid/stat")
  fi
  awk -v s="$server" '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9, s; exit}' /proc/stat
}
# measured NAME CMD...: runs CMD, its output to $RESULTS/NAME.out, and records in NAME.cpu the
# cores that CMD, the server and everything else used meanwhile. Other work on the machine
# takes cores and disk time from the run: its share says how far to trust the figures.
measured() {
  local name=$1 rc=0 busy0 server0 busy1 server1 t0 t1
  shift
  read -r busy0 server0 < <(snap)
  t0=$(date +%s.%N)
  local TIMEFORMAT='%U %S'
  { time "$@" >"$RESULTS/$name.out" 2>"$RESULTS/$name.err"; } 2>"$scratch/time" || rc=$?
  t1=$(date +%s.%N)
  read -r busy1 server1 < <(snap)
  read -r user sys <"$scratch/time"
  awk -v hz="$hz" -v b="$((busy1 - busy0))" -v s="$((server1 - server0))" -v u="$user" \
    -v k="$sys" -v t0="$t0" -v t1="$t1" 'BEGIN {
      t = t1 - t0; own = u + k; other = b / hz - s / hz - own
      printf "%.2f %.2f %.2f\n", own / t, s / hz / t, (other > 0 ? other : 0) / t
    }' >"$RESULTS/$name.cpu"
  return $rc
}
# drive NAME ARGS...: one load_driver run; its JSON line is $RESULTS/NAME.out.
drive() {
  local name=$1
  shift
  echo "== $name: load_driver $*"
  if ! measured "$name" "$BUILD/bench/load_driver" --port "$port" --threads "$DRIVER_THREADS" \
    --json "$@"; then
    echo "   FAILED: some requests did not get a 2xx answer" >&2
    failures=$((failures + 1))
  fi
  cat "$RESULTS/$name.out" "$RESULTS/$name.err"
  echo "   cores used (driver, server, other): $(cat "$RESULTS/$name.cpu")"
  sleep 1
}
# num FILE KEY: the number after "KEY": in a JSON line.
# "nan" when it is missing, as from a run that never started.
num() {
  local v
  v=$(grep -o "\"$2\":[-0-9.e+]*" "$1" 2>/dev/null | head -1 | cut -d: -f2) || true
  echo "${v:-nan}"
}

common=(--connections "$CONNECTIONS" --duration "$DURATION" --warmup "$WARMUP")
drive healthz --get --path /healthz --connections "$CONNECTIONS" --duration 10 --warmup 2
# Light load first, while the database is small, then the bar, then all the server can take.
drive open500 --items "$ITEMS" --rate 500 --seed 1 "${common[@]}"
drive open5000 --items "$ITEMS" --rate 5000 --seed 2 "${common[@]}"
drive closed --items "$ITEMS" --seed 3 "${common[@]}"

kill "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""

echo "== raw SQLite inserts"
if ! measured sqlite "$BUILD/bench/sqlite_insert_bench" --items "$ITEMS" --dir "$scratch" \
  --seconds 2 --json; then
  cat "$RESULTS/sqlite.err" >&2
  failures=$((failures + 1))
fi
cat "$RESULTS/sqlite.out"
echo "== micro benchmarks"
if ! measured micro "$BUILD/bench/micro_bench" --benchmark_min_time=0.5 --benchmark_format=csv; then
  cat "$RESULTS/micro.err" >&2
  failures=$((failures + 1))
fi
cat "$RESULTS/micro.out"
echo "== identity and audit: what they add to each filing"
if ! measured auth "$BUILD/bench/auth_audit_bench" --dir "$scratch"; then
  cat "$RESULTS/auth.err" >&2
  failures=$((failures + 1))
fi
cat "$RESULTS/auth.out"

# The summary.
sqlite_num() { # VARIANT BATCH KEY: KEY of that sqlite_insert_bench line, or "nan"
  local v
  v=$(grep "\"what\":\"$1\"," "$RESULTS/sqlite.out" | grep -E "\"(batch|inflight)\":$2," \
    | head -1 | grep -o "\"$3\":[-0-9.e+]*" | cut -d: -f2) || true
  echo "${v:-nan}"
}
{
  echo
  echo "Summary: $ITEMS-item declarations, server --threads $SERVER_THREADS, $CONNECTIONS connections;" \
    "latency in ms, in open loop from each request's scheduled time"
  printf '%-26s %9s %8s %8s %8s %8s %7s  %s\n' run "req/s" p50 p90 p99 p99.9 failed \
    "cores: driver server other"
  disturbed=0
  for run in healthz open500 open5000 closed; do
    f="$RESULTS/$run.out"
    mark=""
    if awk '{exit !($3 > 0.1)}' "$RESULTS/$run.cpu"; then
      mark=" *"
      disturbed=1
    fi
    printf '%-26s %9.0f %8.3f %8.3f %8.3f %8.3f %7s  %s%s\n' "$run" "$(num "$f" throughput)" \
      "$(num "$f" p50)" "$(num "$f" p90)" "$(num "$f" p99)" "$(num "$f" p999)" \
      "$(num "$f" failed)" "$(cat "$RESULTS/$run.cpu")" "$mark"
  done
  if [ "$disturbed" = 1 ]; then
    echo "* other processes took more than 0.1 core during this run: its figures are disturbed"
  fi
  echo
  printf '%-36s %9s %9s %8s %8s %11s\n' "sqlite insert, declarations a commit" "decl/s" \
    "commits/s" "p50 ms" "p99 ms" "WAL frames"
  for v in raw "raw + savepoints" "raw, deferred checkpoint"; do
    for b in 1 16 64 256; do
      printf '%-36s %9.0f %9.0f %8.3f %8.3f %11.1f\n' "$v, $b" \
        "$(sqlite_num "$v" "$b" declarations_per_s)" "$(sqlite_num "$v" "$b" commits_per_s)" \
        "$(sqlite_num "$v" "$b" p50)" "$(sqlite_num "$v" "$b" p99)" \
        "$(sqlite_num "$v" "$b" wal_frames_per_declaration)"
    done
  done
  printf '%-36s %9.0f\n' "server's store, 64 queued" \
    "$(sqlite_num 'store (writer thread)' 64 declarations_per_s)"
  echo "cores during the sqlite runs (bench, -, other): $(cat "$RESULTS/sqlite.cpu")"
  echo
  awk -F, '/^"BM_/ { gsub(/"/, "", $1); printf "%-36s %9.2f us CPU a declaration\n", $1, $4 / 1000 }' \
    "$RESULTS/micro.out"
  echo
  awk -F'"' '/"what"/ {
      split($0, kv, /[,:}]/)
      for (i = 1; i in kv; i++) if (kv[i] ~ /p50_us/) p50 = kv[i + 1]; else if (kv[i] ~ /p99_us/) p99 = kv[i + 1]
      printf "%-46s p50 %7.2f us  p99 %7.2f us\n", $4, p50, p99
    }' "$RESULTS/auth.out"
  echo
  closed=$(num "$RESULTS/closed.out" throughput)
  awk -v c="$closed" -v h="$(num "$RESULTS/healthz.out" throughput)" \
    -v s64="$(sqlite_num raw 64 declarations_per_s)" \
    -v s256="$(sqlite_num raw 256 declarations_per_s)" 'BEGIN {
      printf "filing max / healthz round trips:   %.3f\n", (h + 0 > 0 ? c / h : 0)
      printf "filing max / raw sqlite, batch 64:  %.3f\n", (s64 + 0 > 0 ? c / s64 : 0)
      printf "filing max / raw sqlite, batch 256: %.3f\n", (s256 + 0 > 0 ? c / s256 : 0)
    }'
  # The bars: 5000/s filed with p99 <= 10 ms, and p99 <= 2 ms at 500/s.
  awk -v c="$closed" -v t5k="$(num "$RESULTS/open5000.out" throughput)" \
    -v p5k="$(num "$RESULTS/open5000.out" p99)" -v p500="$(num "$RESULTS/open500.out" p99)" \
    -v f5k="$(num "$RESULTS/open5000.out" failed)" 'BEGIN {
      ok = (t5k >= 4950 && f5k == 0) ? "met" : "MISSED"
      printf "bar: 5000/s filed and committed    %-6s (open loop %.0f/s; closed loop max %.0f/s)\n", ok, t5k, c
      printf "bar: p99 <= 10 ms at 5000/s        %-6s (%.3f ms)\n", (p5k <= 10 ? "met" : "MISSED"), p5k
      printf "bar: p99 <= 2 ms at 500/s          %-6s (%.3f ms)\n", (p500 <= 2 ? "met" : "MISSED"), p500
    }'
  echo "raw output: $RESULTS"
} | tee "$RESULTS/summary.txt"

if [ "$failures" -gt 0 ]; then
  echo "bench: $failures run(s) failed" >&2
  exit 1
fi
