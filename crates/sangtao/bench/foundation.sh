#!/usr/bin/env bash
# Foundation (web) figures for BENCHMARKS.md: first start, plan page latency, idle memory.
# Needs a release build (cargo build --release -p sangtao), curl and wrk (apt-get install wrk).
# Usage: crates/sangtao/bench/foundation.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../../.."
BIN=${SANGTAO_BIN:-target/release/sangtao}
RUNS=${1:-10}
PORT=18080
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== first start on an empty data dir (migrate + seed import + admin), $RUNS runs"
times=()
for i in $(seq 1 "$RUNS"); do
    rm -rf "$WORK/data" "$WORK/out"
    start=$(date +%s%N)
    "$BIN" serve --data-dir "$WORK/data" --listen 127.0.0.1:0 > "$WORK/out" 2>/dev/null &
    pid=$!
    until grep -q "serving at" "$WORK/out" 2>/dev/null; do sleep 0.002; done
    end=$(date +%s%N)
    kill -TERM $pid; wait $pid || true
    times+=($(( (end - start) / 1000000 )))
done
printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "ms: min %d, median %d, max %d\n", a[1], a[int((NR+1)/2)], a[NR]}'

echo "== plan page under load"
rm -rf "$WORK/data"
"$BIN" serve --data-dir "$WORK/data" --listen 127.0.0.1:$PORT > "$WORK/out" 2>/dev/null &
echo $! > "$WORK/pid"
until grep -q "serving at" "$WORK/out"; do sleep 0.01; done
OTP=$(grep -o 'One-time password: .*' "$WORK/out" | awk '{print $3}')
JAR="$WORK/jar"
csrf() { grep -o 'name="_csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//'; }
C=$(curl -s -c "$JAR" -b "$JAR" http://127.0.0.1:$PORT/signin | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode login=admin --data-urlencode "password=$OTP" http://127.0.0.1:$PORT/signin
C=$(curl -s -c "$JAR" -b "$JAR" http://127.0.0.1:$PORT/password | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode "current=$OTP" \
    --data-urlencode new=benchmark-password --data-urlencode confirm=benchmark-password http://127.0.0.1:$PORT/password
SESSION=$(awk '$6 == "sangtao_session" {print $7}' "$JAR")
PLAN=$(curl -s -b "$JAR" http://127.0.0.1:$PORT/plans | grep -o 'href="/plans/[0-9]*"' | head -1 | grep -o '[0-9]*')
BYTES=$(curl -s -b "$JAR" http://127.0.0.1:$PORT/plans/$PLAN | wc -c)
ITEMS=$(curl -s -b "$JAR" http://127.0.0.1:$PORT/plans/$PLAN | grep -o 'href="/items/' | wc -l)
echo "plan page /plans/$PLAN: $BYTES bytes, $ITEMS items"
wrk -t2 -c10 -d5s -H "Cookie: sangtao_session=$SESSION" http://127.0.0.1:$PORT/plans/$PLAN > /dev/null  # warm-up
wrk -t2 -c10 -d20s --latency -H "Cookie: sangtao_session=$SESSION" http://127.0.0.1:$PORT/plans/$PLAN
echo "== with gzip (as browsers ask)"
wrk -t2 -c10 -d10s --latency -H "Cookie: sangtao_session=$SESSION" -H "Accept-Encoding: gzip" http://127.0.0.1:$PORT/plans/$PLAN

echo "load average after load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== resident memory"
sleep 5
echo "after load, idle 5 s: $(ps -o rss= -p "$(cat "$WORK/pid")") KiB"
rm -rf "$WORK/data2"
"$BIN" serve --data-dir "$WORK/data2" --listen 127.0.0.1:0 > "$WORK/out2" 2>/dev/null &
P2=$!
until grep -q "serving at" "$WORK/out2"; do sleep 0.01; done
sleep 3
echo "fresh server, idle: $(ps -o rss= -p $P2) KiB"
kill -TERM $P2; wait $P2 || true
