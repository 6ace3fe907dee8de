#!/usr/bin/env bash
# The header search at scale (issue 15): seeds a database (or reuses one), signs in as the
# admin, and times /search?q=… with wrk, 4 connections.
#
#   crates/sangtao/bench/search.sh [ITEMS] [REPORTS]
#
# SANGTAO_BIN (default target/release/sangtao) is the binary measured; SANGTAO_BENCH_DATA a
# data directory to reuse (seeded on first use; copy one seeded by another binary to compare
# builds: the newer binary migrates it at start); SANGTAO_BENCH_PG a PostgreSQL URL instead
# of SQLite (seeded when it holds no plans). Prints req/s and the latency percentiles.
set -euo pipefail
cd "$(dirname "$0")/../../.."
BIN=${SANGTAO_BIN:-target/release/sangtao}
ITEMS=${1:-100000}
REPORTS=${2:-1000000}
PORT=${SANGTAO_BENCH_PORT:-18083}
WORK=$(mktemp -d)
DATA=${SANGTAO_BENCH_DATA:-$WORK/data}
PG=${SANGTAO_BENCH_PG:-}
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT
mkdir -p "$DATA"
DB=(--data-dir "$DATA")
if [ -n "$PG" ]; then DB=(--data-dir "$DATA" --database-url "$PG"); fi

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -f "$DATA/.otp" ]; then
    echo "== sangtao dev seed --items $ITEMS --reports $REPORTS"
    /usr/bin/time -f "seed: %e s wall, %M KiB max resident" \
        "$BIN" dev seed "${DB[@]}" --items "$ITEMS" --reports "$REPORTS" > "$WORK/seed.out"
    grep -o 'One-time password: .*' "$WORK/seed.out" | awk '{print $3}' > "$DATA/.otp"
fi
OTP=$(cat "$DATA/.otp")

start=$(date +%s.%N)
"$BIN" serve "${DB[@]}" --listen 127.0.0.1:$PORT > "$WORK/out" 2>&1 &
echo $! > "$WORK/pid"
until grep -q "serving at" "$WORK/out"; do sleep 0.05; done
echo "serving after $(echo "$(date +%s.%N) - $start" | bc) s (migrations included)"
JAR="$WORK/jar"
csrf() { grep -o 'name="_csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//'; }
C=$(curl -s -c "$JAR" -b "$JAR" http://127.0.0.1:$PORT/signin | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode login=admin \
    --data-urlencode "password=$OTP" http://127.0.0.1:$PORT/signin
if curl -s -b "$JAR" -o /dev/null -w '%{redirect_url}' http://127.0.0.1:$PORT/plans | grep -q /password; then
    C=$(curl -s -c "$JAR" -b "$JAR" http://127.0.0.1:$PORT/password | csrf)
    curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode "current=$OTP" \
        --data-urlencode new=benchmark-password --data-urlencode confirm=benchmark-password \
        http://127.0.0.1:$PORT/password
    echo benchmark-password > "$DATA/.otp"
fi
SESSION=$(awk '$6 == "sangtao_session" {print $7}' "$JAR")
H="Cookie: sangtao_session=$SESSION"

for q in ${SANGTAO_BENCH_QUERIES:-unesco kinh+phi hoi+thao xyzzy}; do
    url="http://127.0.0.1:$PORT/search?q=$q"
    hits=$(curl -s -b "$JAR" "$url" | grep -c 'href="/items/' || true)
    echo "== /search?q=$q ($hits item links)"
    wrk -t2 -c4 -d3s -H "$H" "$url" > /dev/null
    wrk -t2 -c4 -d10s --latency -H "$H" "$url" | grep -E "^ +(50|90|99)%|Requests/sec|Non-2xx"
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
