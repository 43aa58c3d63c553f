#!/usr/bin/env bash
# Server CPU per filing (µs) at a rate, 3 items, 10 s, without or with a model file registered
# and activated: bench/cpu_per_filing.sh BIN RATE [MODEL]. Run from the repository root with
# $BUILD/bench/load_driver built (BUILD: build/release unless set).
# usage: cpu_per_filing.sh BIN RATE [MODEL]: server CPU µs per filing at RATE (10 s, 3 items)
bin=$1; rate=$2; model=$3; d=$(mktemp -d); BUILD=${BUILD:-build/release}
[ -n "$model" ] && $bin risk register --db $d/h.db --model $model >/dev/null 2>&1
$bin serve --db $d/h.db --port 0 --threads 2 > $d/out 2>/dev/null &
pid=$!
for i in $(seq 100); do port=$(sed -n 's|^Haiquan listening on http://[^:]*:\([0-9]*\)/.*|\1|p' $d/out); [ -n "$port" ] && break; sleep 0.1; done
token=$($bin user create ab --role officer --db $d/h.db 2>/dev/null | tail -1)
if [ -n "$model" ]; then a=$($bin user create an --role analyst --db $d/h.db 2>/dev/null | tail -1)
  curl -sf -X PUT -H "Authorization: Bearer $a" -H 'Content-Type: application/json' -d '{"version":1}' http://127.0.0.1:$port/api/v1/risk/activation >/dev/null; fi
cpu() { awk '{print $14+$15}' /proc/$pid/stat; }
$BUILD/bench/load_driver --port $port --json --items 3 --rate $rate --connections 64 --duration 3 --warmup 0 --seed 7 --token "$token" >/dev/null
a=$(cpu)
$BUILD/bench/load_driver --port $port --json --items 3 --rate $rate --connections 64 --duration 10 --warmup 0 --seed 1 --token "$token" > $d/res
b=$(cpu)
python3 -c "import json;r=json.load(open('$d/res'));n=r['throughput']*10;print('model' if '$model' else 'none', 'rate $rate', 'cpu us/filing %.1f'%((($b-$a)/100)*1e6/n), 'p50 %.2f p99 %.2f'%(r['latency_ms']['p50'],r['latency_ms']['p99']))"
kill $pid; wait $pid 2>/dev/null; rm -rf $d
