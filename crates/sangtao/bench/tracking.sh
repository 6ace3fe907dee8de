#!/usr/bin/env bash
# Tracking (issue 4) figures for BENCHMARKS.md: synthetic data at scale, the item list
# (filtered by unit, status and due date, paginated) and a 500-item plan page.
# Needs a release build (cargo build --release -p sangtao), curl and wrk.
# Usage: crates/sangtao/bench/tracking.sh [ITEMS] [REPORTS]   (default 100000 1000000)
# SANGTAO_BENCH_DATA=DIR keeps the generated database there and reuses it next time.
set -euo pipefail
cd "$(dirname "$0")/../../.."
BIN=${SANGTAO_BIN:-target/release/sangtao}
ITEMS=${1:-100000}
REPORTS=${2:-1000000}
PORT=18081
WORK=$(mktemp -d)
DATA=${SANGTAO_BENCH_DATA:-$WORK/data}
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
if [ ! -f "$DATA/sangtao.db" ]; then
    echo "== sangtao dev seed --items $ITEMS --reports $REPORTS"
    /usr/bin/time -f "seed: %e s wall, %M KiB max resident" \
        "$BIN" dev seed --data-dir "$DATA" --items "$ITEMS" --reports "$REPORTS" > "$WORK/seed.out"
    cat "$WORK/seed.out" | grep -v "password" || true
    grep -o 'One-time password: .*' "$WORK/seed.out" | awk '{print $3}' > "$DATA/.otp"
    echo "database: $(du -h "$DATA/sangtao.db" | cut -f1)"
fi
OTP=$(cat "$DATA/.otp")

"$BIN" serve --data-dir "$DATA" --listen 127.0.0.1:$PORT > "$WORK/out" 2>/dev/null &
echo $! > "$WORK/pid"
until grep -q "serving at" "$WORK/out"; do sleep 0.05; done
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

# A unit with many items, and a synthetic plan (500 items each).
UNIT=$(curl -s -b "$JAR" http://127.0.0.1:$PORT/units | grep -o 'href="/units/[0-9]*"' | sed -n 3p | grep -o '[0-9]*')
PLAN=$(curl -s -b "$JAR" http://127.0.0.1:$PORT/plans | grep -o 'href="/plans/[0-9]*"' | sed -n 2p | grep -o '[0-9]*')

run() {
    local name=$1 url=$2
    local bytes items
    bytes=$(curl -s -b "$JAR" "$url" | wc -c)
    items=$(curl -s -b "$JAR" "$url" | grep -o 'href="/items/[0-9]' | wc -l)
    echo "== $name: $url ($bytes bytes, $items item links)"
    wrk -t2 -c8 -d5s -H "$H" "$url" > /dev/null
    echo "-- 8 concurrent users"
    wrk -t2 -c8 -d20s --latency -H "$H" "$url" | grep -E "^ +(50|90|99)%|Requests/sec|Non-2xx"
    echo "-- 1 user at a time (service time, no queueing)"
    wrk -t1 -c1 -d10s --latency -H "$H" "$url" | grep -E "^ +(50|90|99)%|Requests/sec|Non-2xx"
}

run "item list, unit + status + due date, page 3" \
    "http://127.0.0.1:$PORT/items?unit=$UNIT&status=in_progress&status=not_started&due_to=30%2F09%2F2025&page=3"
run "item list, unit as lead, page 1" \
    "http://127.0.0.1:$PORT/items?unit=$UNIT&relation=lead"
run "item list, search without diacritics" \
    "http://127.0.0.1:$PORT/items?q=hoi+thao&status=late"
run "item list, everything, page 1000" "http://127.0.0.1:$PORT/items?page=1000"
run "plan page, 500 items" "http://127.0.0.1:$PORT/plans/$PLAN"
echo "== CSV export of the unit's items"
/usr/bin/time -f "csv: %e s" curl -s -o "$WORK/x.csv" -H "$H" "http://127.0.0.1:$PORT/items.csv?unit=$UNIT"
echo "rows: $(($(wc -l < "$WORK/x.csv") - 1))"
echo "resident memory after load: $(ps -o rss= -p "$(cat "$WORK/pid")") KiB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
