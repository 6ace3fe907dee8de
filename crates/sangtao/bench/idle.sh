#!/usr/bin/env bash
# Issue 14, connections (finding 5), for BENCHMARKS.md: normal requests while 1,000 idle
# and 200 half-sent connections are held open (each one the server closes is opened
# again), the server started with systemd's default soft limit of 1,024 open files. Reports
# /healthz and a signed-in page (p50/p99) before and during, how long the server let the
# idle ones live (the header-read time-out), the open files and the resident memory.
# Needs a release build, curl, wrk and python3.
# Usage: crates/sangtao/bench/idle.sh [BIN] [IDLE] [HALF_SENT]
set -euo pipefail
BIN=${1:-target/release/sangtao}
IDLE=${2:-1000}
HALF=${3:-200}
HOLD_SECS=45
PORT=18096
HERE=$(cd "$(dirname "$0")" && pwd)
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK/pid" "$WORK/holder" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT
# systemd's default: soft limit 1,024, hard limit higher; the server raises its soft limit.
(ulimit -Sn 1024 && exec "$BIN" serve --data-dir "$WORK/data" --listen 127.0.0.1:$PORT) \
    > "$WORK/out" 2> "$WORK/err" &
echo $! > "$WORK/pid"
PID=$(cat "$WORK/pid")
until grep -q "serving at" "$WORK/out"; do sleep 0.05; done
sed 's/\x1b\[[0-9;]*m//g' "$WORK/err" | grep -o 'open-file limit.*\|max_connections is more.*' \
    | sed 's/^/server log: /' || true
OTP=$(grep -o 'One-time password: .*' "$WORK/out" | awk '{print $3}')
URL=http://127.0.0.1:$PORT
csrf() { grep -o 'name="_csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//'; }
JAR="$WORK/jar"
C=$(curl -s -c "$JAR" -b "$JAR" $URL/signin | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode login=admin \
    --data-urlencode "password=$OTP" $URL/signin
C=$(curl -s -c "$JAR" -b "$JAR" $URL/password | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode "current=$OTP" \
    --data-urlencode new=benchmark-Pa55-word --data-urlencode confirm=benchmark-Pa55-word $URL/password
SESSION=$(awk '$6 == "sangtao_session" {print $7}' "$JAR")
rss() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' /proc/$PID/status; }
hwm() { awk '/VmHWM/ {printf "%.1f MB", $2/1024}' /proc/$PID/status; }
files() { ls /proc/$PID/fd | wc -l; }
measure() {
    echo "-- /healthz"
    wrk -t1 -c4 -d10s --latency $URL/healthz | grep -E "^ +(50|99)%|Requests/sec|Non-2xx|Socket errors"
    echo "-- /plans/1 signed in"
    wrk -t1 -c4 -d10s --latency -H "Cookie: sangtao_session=$SESSION" $URL/plans/1 \
        | grep -E "^ +(50|99)%|Requests/sec|Non-2xx|Socket errors"
}
echo "signed in; RSS $(rss), $(files) open files; load average $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== before: no other connections"
measure

echo "== during: $IDLE idle and $HALF half-sent connections held for $HOLD_SECS s"
python3 "$HERE/hold_connections.py" 127.0.0.1:$PORT "$IDLE" "$HALF" $HOLD_SECS "$WORK/ready" \
    > "$WORK/held" &
echo $! > "$WORK/holder"
until [ -s "$WORK/ready" ]; do sleep 0.05; done
echo "$(cat "$WORK/ready") open; server: $(files) open files, RSS $(rss)"
measure
echo "server: $(files) open files, RSS $(rss), peak $(hwm)"
wait "$(cat "$WORK/holder")"
cat "$WORK/held"
sleep 1
echo "== after the holder left: $(files) open files, RSS $(rss), peak $(hwm)"
