#!/usr/bin/env bash
# Issue 14's ceilings, for BENCHMARKS.md: the server's peak memory under a field bomb
# (one 500 MB text field in an upload form) and under a sign-in flood (400 concurrent
# sign-ins with random logins, each with its own session and CSRF token), and a signed-in
# page's latency during the flood. Needs a release build, curl and wrk.
# Usage: crates/sangtao/bench/abuse.sh [BIN]
# The attackers are not on the server's machine in life: with 2 cores or more, the server
# runs on core 0 and every client (curl, wrk) on the others (taskset), so that 800 curl
# processes starting at once do not take the server's CPU. NO_PIN=1 shares all cores.
set -euo pipefail
SERVER_ON=() CLIENT_ON=()
if [ "$(nproc)" -ge 2 ] && [ -z "${NO_PIN:-}" ] && command -v taskset >/dev/null; then
    SERVER_ON=(taskset -c 0) CLIENT_ON=(taskset -c "1-$(($(nproc) - 1))")
fi
BIN=${1:-target/release/sangtao}
PORT=18095
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT
"${SERVER_ON[@]}" "$BIN" serve --data-dir "$WORK/data" --listen 127.0.0.1:$PORT > "$WORK/out" 2>/dev/null &
echo $! > "$WORK/pid"
PID=$(cat "$WORK/pid")
until grep -q "serving at" "$WORK/out"; do sleep 0.05; done
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
hwm() { awk '/VmHWM/ {printf "%.1f MB", $2/1024}' /proc/$PID/status; }
rss() { awk '/VmRSS/ {printf "%.1f MB", $2/1024}' /proc/$PID/status; }
echo "signed in; RSS $(rss), peak $(hwm)"

echo "== field bomb: a 500 MB text field in the direction records' upload form"
C=$(curl -s -b "$JAR" $URL/plans/1/directions | csrf)
start=$(date +%s%N)
code=$(head -c 500000000 /dev/zero | tr '\0' 'x' | curl -s -o /dev/null -w '%{http_code}' -b "$JAR" \
    -F kind=directive -F date=05/02/2025 -F "summary=<-" "$URL/plans/1/directions/new?_csrf=$C" || true)
echo "answer $code after $(( ($(date +%s%N) - start) / 1000000 )) ms; RSS $(rss), peak $(hwm)"

echo "== sign-in flood: 400 concurrent sign-ins with random logins, and a signed-in page meanwhile"
flood() {
    local j="$WORK/f$1"
    local c
    c=$(curl -s -c "$j" -b "$j" $URL/signin | csrf)
    curl -s -o /dev/null -w '%{http_code}\n' -c "$j" -b "$j" --data-urlencode "_csrf=$c" \
        --data-urlencode "login=khach$RANDOM$1" --data-urlencode "password=sai-mat-khau-$1" $URL/signin
}
pids=()
if [ ${#CLIENT_ON[@]} -gt 0 ]; then taskset -cp "${CLIENT_ON[2]}" $$ >/dev/null; fi
for i in $(seq 1 400); do flood "$i" > "$WORK/code$i" & pids+=($!); done
"${CLIENT_ON[@]}" wrk -t1 -c4 -d10s --latency -H "Cookie: sangtao_session=$SESSION" $URL/plans/1 | grep -E "^ +(50|99)%|Requests/sec"
wait "${pids[@]}" 2>/dev/null || true
sleep 1
echo "flood answers: $(cat "$WORK"/code* | sort | uniq -c | tr '\n' ' ')"
echo "after the flood: RSS $(rss), peak $(hwm)"
