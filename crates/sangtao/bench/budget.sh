#!/usr/bin/env bash
# The budget views (issue 17) at 100,000 estimate lines, for BENCHMARKS.md: one synthetic
# plan of 10,000 items (`sangtao dev seed --plans 1 --items 10000 --budget-lines 100000`:
# 10,000 estimates of ten lines, about 70 % approved, 10 % each waiting for Finance or the
# Board, contracts and payments on half the approved ones), then under wrk: an item's
# budget page, the plan's budget page and its XLSX, the dashboard with its budget tile, a
# unit's dashboard and the Finance/Board queues (/budget).
# Needs a release build (cargo build --release -p sangtao), curl, wrk and sqlite3.
# Usage: crates/sangtao/bench/budget.sh [LINES] [ITEMS]   (default 100000 10000)
set -euo pipefail
cd "$(dirname "$0")/../../.."
BIN=${SANGTAO_BIN:-target/release/sangtao}
LINES=${1:-100000}
ITEMS=${2:-10000}
PORT=18092
WORK=$(mktemp -d)
DATA=$WORK/data
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/time -f "seed: %e s" "$BIN" dev seed --data-dir "$DATA" --plans 1 --items "$ITEMS" \
    --budget-lines "$LINES" > "$WORK/seed.out" 2>&1
grep -E "^sangtao: made|^seed:" "$WORK/seed.out"
"$BIN" serve --data-dir "$DATA" --listen 127.0.0.1:$PORT > "$WORK/out" 2>/dev/null &
echo $! > "$WORK/pid"
until grep -q "serving at" "$WORK/out"; do sleep 0.05; done
# The seed's first start made the admin and printed its one-time password.
OTP=$(grep -o 'One-time password: .*' "$WORK/seed.out" | awk '{print $3}')
JAR="$WORK/jar"
B=http://127.0.0.1:$PORT
csrf() { grep -o 'name="_csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//'; }
C=$(curl -s -c "$JAR" -b "$JAR" $B/signin | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode login=admin \
    --data-urlencode "password=$OTP" $B/signin
C=$(curl -s -c "$JAR" -b "$JAR" $B/password | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode "current=$OTP" \
    --data-urlencode new=benchmark-password --data-urlencode confirm=benchmark-password $B/password
SESSION=$(awk '$6 == "sangtao_session" {print $7}' "$JAR")
H="Cookie: sangtao_session=$SESSION"

DB=$DATA/sangtao.db
PLAN=$(sqlite3 "$DB" "SELECT MAX(id) FROM plans")
ITEM=$(sqlite3 "$DB" "SELECT e.item_id FROM estimates e WHERE e.status = 'approved'
    AND EXISTS (SELECT 1 FROM contracts c WHERE c.item_id = e.item_id) ORDER BY e.item_id LIMIT 1")
UNIT=$(sqlite3 "$DB" "SELECT u.unit_id FROM item_effective_units u JOIN estimates e
    ON e.item_id = u.item_id WHERE u.relation = 'lead' GROUP BY u.unit_id ORDER BY COUNT(*) DESC LIMIT 1")
echo "plan $PLAN: $(sqlite3 "$DB" "SELECT COUNT(*) FROM estimate_lines") lines, \
$(sqlite3 "$DB" "SELECT COUNT(*) FROM estimates") estimates \
($(sqlite3 "$DB" "SELECT COUNT(*) FROM estimates WHERE status = 'submitted'") for Finance, \
$(sqlite3 "$DB" "SELECT COUNT(*) FROM estimates WHERE status = 'verified'") for the Board), \
$(sqlite3 "$DB" "SELECT COUNT(*) FROM contracts") contracts, \
$(sqlite3 "$DB" "SELECT COUNT(*) FROM payments") payments; item $ITEM, unit $UNIT"

run() {
    local name=$1 url=$2
    echo "== $name: $url ($(curl -s -b "$JAR" "$url" | wc -c) bytes)"
    wrk -t2 -c8 -d${WARM:-3}s -H "$H" "$url" > /dev/null
    echo "-- 8 concurrent users"
    wrk -t2 -c8 -d${SECS:-10}s --latency -H "$H" "$url" | grep -E "^ +(50|90|99)%|Requests/sec|Non-2xx"
    echo "-- 1 user at a time"
    wrk -t1 -c1 -d${SECS1:-5}s --latency -H "$H" "$url" | grep -E "^ +(50|90|99)%|Requests/sec|Non-2xx"
}
run "an item's budget" "$B/items/$ITEM/budget"
run "the plan's budget (10,000 items with an estimate)" "$B/plans/$PLAN/budget"
run "the settlement summary XLSX" "$B/plans/$PLAN/budget.xlsx"
run "dashboard with the budget tile" "$B/dashboard?plan=$PLAN"
run "a unit's dashboard" "$B/units/$UNIT/dashboard?plan=$PLAN"
run "Finance and Board queues" "$B/budget"
echo "resident memory after load: $(ps -o rss= -p "$(cat "$WORK/pid")") KiB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
