#!/usr/bin/env bash
# Evidence upload figures for BENCHMARKS.md: a 190 MB video uploaded with a progress report,
# the server's peak resident memory before and after (it must not grow with the file), and
# the time taken. Needs a release build (cargo build --release -p sangtao) and curl.
# Usage: crates/sangtao/bench/upload.sh [MB]
set -euo pipefail
cd "$(dirname "$0")/../../.."
BIN=${SANGTAO_BIN:-target/release/sangtao}
MB=${1:-190}
PORT=18081
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# An MP4 header ("ftyp" box) followed by $MB MB of filler: sniffed as video/mp4.
VIDEO="$WORK/phong-su.mp4"
printf '\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom' > "$VIDEO"
head -c $((MB * 1000 * 1000)) /dev/urandom >> "$VIDEO"

"$BIN" serve --data-dir "$WORK/data" --listen 127.0.0.1:$PORT > "$WORK/out" 2>/dev/null &
echo $! > "$WORK/pid"
PID=$(cat "$WORK/pid")
until grep -q "serving at" "$WORK/out"; do sleep 0.01; done
# A Staff user of the seed's lead unit; the one-time password is changed at first sign-in.
OTP=$("$BIN" user add --data-dir "$WORK/data" lead --name "Bench lead" --role staff \
    --unit "Phòng Quản lý Di sản văn hóa" 2>&1 | grep -o 'password[^:]*: *[^ ]*' | tail -1 | awk '{print $NF}')
JAR="$WORK/jar"
csrf() { grep -o 'name="_csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//'; }
C=$(curl -s -c "$JAR" -b "$JAR" http://127.0.0.1:$PORT/signin | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode login=lead \
    --data-urlencode "password=$OTP" http://127.0.0.1:$PORT/signin
C=$(curl -s -c "$JAR" -b "$JAR" http://127.0.0.1:$PORT/password | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode "current=$OTP" \
    --data-urlencode new=bench-password-1 --data-urlencode confirm=bench-password-1 http://127.0.0.1:$PORT/password
PLAN=$(curl -s -b "$JAR" http://127.0.0.1:$PORT/plans | grep -o 'href="/plans/[0-9]*"' | head -1 | grep -o '[0-9]*')
ITEM=$(curl -s -b "$JAR" http://127.0.0.1:$PORT/plans/$PLAN | grep -o 'href="/items/[0-9]*"' | head -1 | grep -o '[0-9]*')
PAGE=$(curl -s -b "$JAR" http://127.0.0.1:$PORT/items/$ITEM)
C=$(echo "$PAGE" | csrf)
UNIT=$(echo "$PAGE" | grep -o '<select id="r-unit" name="unit"><option value="[0-9]*"' | grep -o '[0-9]*"$' | tr -d '"')
echo "before upload: VmHWM $(grep VmHWM /proc/$PID/status | awk '{print $2}') KiB"
start=$(date +%s%N)
code=$(curl -s -o "$WORK/resp" -w '%{http_code}' -b "$JAR" \
    -F "unit=$UNIT" -F period=2025 -F "text=Phóng sự 12 phút" -F "files=@$VIDEO;type=video/mp4" \
    "http://127.0.0.1:$PORT/items/$ITEM/reports?_csrf=$C")
end=$(date +%s%N)
echo "upload of $MB MB: HTTP $code in $(( (end - start) / 1000000 )) ms"
echo "after upload:  VmHWM $(grep VmHWM /proc/$PID/status | awk '{print $2}') KiB (peak resident memory)"
ls -l "$WORK/data/evidence"/*/ | grep -v '^total' | head -3
