#!/usr/bin/env bash
# The public site (issue 18) for BENCHMARKS.md: the demo year published (`sangtao dev
# demo`), then the public home page in both languages with 64 connections, signed out,
# and its weight (HTML and the stylesheets it links, before images).
# Needs a release build (cargo build --release -p sangtao), curl and wrk.
# Usage: crates/sangtao/bench/public.sh [DURATION]   (default 20s)
set -euo pipefail
cd "$(dirname "$0")/../../.."
BIN=${SANGTAO_BIN:-target/release/sangtao}
DURATION=${1:-20s}
PORT=18082
WORK=$(mktemp -d)
DATA=$WORK/data
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BIN" migrate --data-dir "$DATA" > /dev/null
"$BIN" dev demo --data-dir "$DATA" | grep -v "password\|mật khẩu\|^  " || true
"$BIN" serve --data-dir "$DATA" --listen 127.0.0.1:$PORT > "$WORK/out" 2>/dev/null &
echo $! > "$WORK/pid"
until grep -q "serving at" "$WORK/out"; do sleep 0.05; done
BASE=http://127.0.0.1:$PORT

for path in /p/ /p/en/; do
    url=$BASE$path
    html=$(curl -s "$url" | wc -c)
    css=0
    for sheet in $(curl -s "$url" | grep -o '<link[^>]*stylesheet[^>]*>' | grep -o 'href="[^"]*"' | sed 's/href="//; s/"//'); do
        css=$((css + $(curl -s "$BASE$sheet" | wc -c)))
    done
    scripts=$(curl -s "$url" | grep -c '<script' || true)
    echo "== $path: HTML $html bytes + CSS $css bytes = $((html + css)) bytes before images; $scripts script tags"
    wrk -t2 -c64 -d3s "$url" > /dev/null
    wrk -t2 -c64 -d"$DURATION" --latency "$url" | grep -E "^ +(50|90|99)%|Requests/sec|Non-2xx"
done
echo "server's own memory: $(grep -E '^Rss' /proc/$(cat "$WORK/pid")/smaps_rollup | awk '{print $2/1024 " MB"}')"
