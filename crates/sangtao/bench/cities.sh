#!/usr/bin/env bash
# The city directory (issue 19) for BENCHMARKS.md: the UCCN list imported through the admin
# page, then 10,000 interactions (5,000 events and 5,000 letters) all on Đà Lạt, the worst
# case for its timeline, written straight into the SQLite file; then the directory, a
# folded search, "last contact" and Đà Lạt's page under wrk.
# Needs a release build (cargo build --release -p sangtao), curl, wrk and sqlite3.
# Usage: crates/sangtao/bench/cities.sh [UCCN_DIR]   (default ../shared/data/uccn)
set -euo pipefail
cd "$(dirname "$0")/../../.."
BIN=${SANGTAO_BIN:-target/release/sangtao}
UCCN=${1:-../shared/data/uccn}
PORT=18091
WORK=$(mktemp -d)
DATA=$WORK/data
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" serve --data-dir "$DATA" --listen 127.0.0.1:$PORT > "$WORK/out" 2>/dev/null &
echo $! > "$WORK/pid"
until grep -q "serving at" "$WORK/out"; do sleep 0.05; done
OTP=$(grep -o 'One-time password: .*' "$WORK/out" | awk '{print $3}')
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

C=$(curl -s -b "$JAR" $B/cities/import | csrf)
curl -s -b "$JAR" -F "_csrf=$C" -F source=upload \
    -F "cities=@$UCCN/uccn_cities_unesco_site_2024-10-01.csv" \
    -F "points=@$UCCN/uccn_map_points_unesco_site_archive.csv" $B/cities/import \
    | grep -o 'Đã nhập: [^<]*' || { echo "import failed"; exit 1; }

DB=$DATA/sangtao.db
CITY=$(sqlite3 "$DB" "SELECT id FROM cities WHERE slug = 'da-lat'")
/usr/bin/time -f "10,000 interactions written: %e s" sqlite3 "$DB" "
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO events (title, kind, scope, format, organiser, status, time_zone, start_local,
    end_local, start_at, end_at, created_at, updated_at)
SELECT 'Phiên họp trực tuyến số ' || i, 'online_session', 'global', 'online', 'network_city',
    'held', 'Asia/Ho_Chi_Minh', '2025-01-01T09:00', '2025-01-01T10:00',
    1735696800 + i * 3600, 1735696800 + i * 3600 + 3600, 0, 0 FROM n;
INSERT INTO event_cities (event_id, city_id) SELECT id, $CITY FROM events;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
INSERT INTO city_letters (city_id, kind, direction, number, sent_on, title, created_at)
SELECT $CITY, CASE WHEN i % 10 = 0 THEN 'mou' ELSE 'letter' END, CASE WHEN i % 2 = 0 THEN 'in' ELSE 'out' END,
    i || '/SVHTT-QLDS', date('2020-01-01', '+' || (i % 2000) || ' days'), 'Công văn số ' || i, 0 FROM n;
COMMIT;"

run() {
    local name=$1 url=$2
    echo "== $name: $url ($(curl -s -b "$JAR" "$url" | wc -c) bytes)"
    wrk -t2 -c8 -d${WARM:-5}s -H "$H" "$url" > /dev/null
    echo "-- 8 concurrent users"
    wrk -t2 -c8 -d${SECS:-20}s --latency -H "$H" "$url" | grep -E "^ +(50|90|99)%|Requests/sec|Non-2xx"
    echo "-- 1 user at a time"
    wrk -t1 -c1 -d${SECS1:-10}s --latency -H "$H" "$url" | grep -E "^ +(50|90|99)%|Requests/sec|Non-2xx"
}
run "directory, page 1" "$B/cities"
run "directory, folded search" "$B/cities?q=da+lat"
run "last contact" "$B/cities/last-contact"
run "Đà Lạt's timeline (10,000 interactions)" "$B/cities/$CITY"
run "map" "$B/cities/map"
echo "resident memory after load: $(ps -o rss= -p "$(cat "$WORK/pid")") KiB"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
