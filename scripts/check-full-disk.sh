#!/usr/bin/env bash
# A full disk for real (issue 14, finding 2): the data directory on a 24 MB tmpfs, filled
# up while the server runs. Checks that a save says the disk is full (never "invalid
# data"), that /healthz turns 503, and that saves work again once there is room, without
# a restart. Needs root (mount) and curl.
# Usage: scripts/check-full-disk.sh [BIN]
set -euo pipefail
BIN=${1:-target/debug/sangtao}
PORT=18097
MNT=$(mktemp -d)
OUT=$(mktemp -d) # the log and the answers land here, not on the full disk
mount -t tmpfs -o size=24m tmpfs "$MNT"
cleanup() {
    tail -5 "$OUT/out" | cut -c1-300
    kill "$(cat "$OUT/pid" 2>/dev/null)" 2>/dev/null || true
    sleep 0.5
    umount "$MNT" 2>/dev/null || umount -l "$MNT"
    rmdir "$MNT"
    rm -rf "$OUT"
}
trap cleanup EXIT
"$BIN" serve --data-dir "$MNT/data" --listen 127.0.0.1:$PORT > "$OUT/out" 2>&1 &
echo $! > "$OUT/pid"
until grep -q "serving at" "$OUT/out"; do sleep 0.05; done
OTP=$(grep -o 'One-time password: .*' "$OUT/out" | awk '{print $3}')
URL=http://127.0.0.1:$PORT
JAR="$OUT/jar"
csrf() { grep -o 'name="_csrf" value="[0-9a-f]*"' | head -1 | sed 's/.*value="//; s/"//'; }
C=$(curl -s -c "$JAR" -b "$JAR" $URL/signin | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode login=admin \
    --data-urlencode "password=$OTP" $URL/signin
C=$(curl -s -c "$JAR" -b "$JAR" $URL/password | csrf)
curl -s -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "_csrf=$C" --data-urlencode "current=$OTP" \
    --data-urlencode new=full-disk-Pa55-word --data-urlencode confirm=full-disk-Pa55-word $URL/password
SUMMARY=$(printf 'Ghi chép chỉ đạo rất dài. %.0s' $(seq 1 35))
save() {
    local c
    c=$(curl -s -b "$JAR" $URL/plans/1/directions | csrf)
    curl -s -o "$OUT/answer.html" -w '%{http_code}' -b "$JAR" -F kind=directive -F date=05/02/2025 \
        -F "summary=$SUMMARY" "$URL/plans/1/directions/new?_csrf=$c"
}
fail() {
    echo "FAIL: $*"
    grep -o 'class="[a-z ]*error[a-z ]*"[^<]*<[^<]*' "$OUT/answer.html" | head -3
    exit 1
}

echo "healthy: $(curl -s $URL/healthz)"
dd if=/dev/zero of="$MNT/filler" bs=64k 2>/dev/null || true
echo "disk: $(df -h "$MNT" | tail -1 | awk '{print $3 " used, " $4 " free"}')"
code=$(save)
grep -q "Ổ đĩa máy chủ đã đầy" "$OUT/answer.html" || fail "a save on a full disk ($code) did not say so"
grep -q "Dữ liệu không hợp lệ" "$OUT/answer.html" && fail "a full disk called invalid data"
echo "full disk: the save answered $code and said the disk is full"
health=$(curl -s -m 20 -w ' %{http_code}' $URL/healthz || echo "curl failed $?")
echo "health: $health"
[[ $health == *disk_full*503 ]] || fail "/healthz on a full disk: $health"
echo "full disk: /healthz $health"

rm "$MNT/filler"
code=$(save)
[[ $code == 303 || $code == 200 ]] || fail "after freeing space the save answered $code"
echo "room again: the save answered $code, no restart"
C=$(curl -s -c "$JAR" -b "$JAR" $URL/ | csrf)
echo "the server still serves: / $(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" $URL/)"
echo "OK"
