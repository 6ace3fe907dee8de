#!/usr/bin/env bash
# One page (default: the 500-item plan page), for comparing two binaries on the same data
# (BENCHMARKS.md, issue 10): 8 users for 20 s, then 1 user for 10 s. Needs a data dir made
# by tracking.sh (its .otp holds the admin password), curl and wrk.
# Usage: crates/sangtao/bench/plan_page.sh BIN DATA_DIR PORT [PATH]   (PATH: /items?page=1000 …)
set -euo pipefail
BIN=$1; DATA=$2; PORT=$3
"$BIN" serve --data-dir "$DATA" --listen 127.0.0.1:$PORT > "$DATA/srv.out" 2>/dev/null &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
until grep -q "serving at" "$DATA/srv.out"; do sleep 0.05; done
JAR=$(mktemp)
csrf() { grep -o 'name="_csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//'; }
C=$(curl -s -c "$JAR" -b "$JAR" http://127.0.0.1:$PORT/signin | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode login=admin \
    --data-urlencode "password=$(cat $DATA/.otp)" http://127.0.0.1:$PORT/signin
SESSION=$(awk '$6 == "sangtao_session" {print $7}' "$JAR")
H="Cookie: sangtao_session=$SESSION"
URL="http://127.0.0.1:$PORT${4:-/plans/200}"
echo "bytes: $(curl -s -b "$JAR" "$URL" | wc -c)"
wrk -t2 -c8 -d5s -H "$H" "$URL" > /dev/null
echo "8 users:"; wrk -t2 -c8 -d20s --latency -H "$H" "$URL" | grep -E "^ +(50|99)%|Requests/sec"
echo "1 user:"; wrk -t1 -c1 -d10s --latency -H "$H" "$URL" | grep -E "^ +(50|99)%|Requests/sec"
