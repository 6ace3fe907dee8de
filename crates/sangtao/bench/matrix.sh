#!/usr/bin/env bash
# Issue 15's goal table for BENCHMARKS.md: seeds synthetic data at each size on SQLite
# and PostgreSQL, serves it with the release binary, and measures every row of the
# issue's table with wrk -t2 -c4: item page, filtered list (50 rows, a middle page,
# unit + status), plan page (500 items), text search, dashboard, report, item and event
# writes from 4 clients, and the server's memory under load. Writes the table into BENCHMARKS.md
# under "## Speed at scale (issue 15)", between the matrix.sh markers.
#
# Usage: crates/sangtao/bench/matrix.sh [ITEMS ...]      (default: 10000 1000000)
#   Each size is seeded with 10 progress reports per item and one event per 10 items:
#   `matrix.sh 10000` is the quick run (a few minutes).
# Environment:
#   DBS="sqlite postgres"   the databases to measure (default both)
#   PG_SIZES="10000"        the sizes to run on PostgreSQL (default: every size)
#   DURATION=10s            each wrk run (after a 2 s warm-up)
#   SANGTAO_BENCH_DATA=DIR  keeps the seeded databases (DIR/sqlite-N, and PostgreSQL's
#                           sangtao_bench_N with DIR/postgres-N for its files) and
#                           reuses them next time; without it they are made afresh.
#   SANGTAO_BIN=PATH        a binary to use instead of building target/release/sangtao
#   PG_URL=postgres://postgres@127.0.0.1:5432   the server to create databases on
#   NO_WRITE=1              print the table without touching BENCHMARKS.md
# Needs curl, wrk, psql (for PostgreSQL), python3 and GNU time.
set -euo pipefail
cd "$(dirname "$0")/../../.."
ROOT=$PWD
SIZES=${*:-10000 1000000}
DBS=${DBS:-sqlite postgres}
PG_SIZES=${PG_SIZES:-$SIZES}
DURATION=${DURATION:-10s}
PG_URL=${PG_URL:-postgres://postgres@127.0.0.1:5432}
PORT=18091
WORK=$(mktemp -d)
DATA=${SANGTAO_BENCH_DATA:-$WORK/data}
mkdir -p "$DATA"
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

if [ -z "${SANGTAO_BIN:-}" ]; then
    cargo build --release -p sangtao
fi
BIN=${SANGTAO_BIN:-$ROOT/target/release/sangtao}
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "load average before: $LOAD_BEFORE"

# Seeds DIR (and the PostgreSQL database URL, if given) with SIZE items unless a
# finished seed is there; leaves the seed's figures in DIR/.seed.
seed() {
    local db=$1 size=$2 dir=$3 url=${4:-}
    if [ -f "$dir/.otp" ] && [ -f "$dir/.seed" ]; then
        echo "== $db $size: reusing $dir"
        return
    fi
    rm -rf "$dir"
    mkdir -p "$dir"
    local args=(--data-dir "$dir")
    if [ -n "$url" ]; then
        local name=${url##*/}
        psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $name" -c "CREATE DATABASE $name"
        args+=(--database-url "$url")
    fi
    echo "== $db: sangtao dev seed --items $size --reports $((size * 10)) --events $((size / 10))"
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" "${args[@]}" dev seed --items "$size" \
        --reports $((size * 10)) --events $((size / 10)) > "$WORK/seed.out"
    grep -v "password" "$WORK/seed.out" || true
    grep -o 'One-time password: .*' "$WORK/seed.out" | awk '{print $3}' > "$dir/.otp"
    local bytes
    if [ -n "$url" ]; then
        bytes=$(psql "$url" -Atc "SELECT pg_database_size(current_database())")
    else
        bytes=$(du -cb "$dir"/sangtao.db* | tail -1 | cut -f1)
    fi
    read -r secs kib < "$WORK/time"
    echo "| $db | $size | $((size * 10)) | $((size / 10)) | $secs s | $((kib / 1024)) MB | $((bytes / 1048576)) MB |" > "$dir/.seed"
    cat "$dir/.seed"
}

csrf() { grep -o 'name="_csrf" value="[0-9a-f]*"' | sed -n 1p | sed 's/.*value="//; s/"//'; }

# Signs LOGIN in with the password in OTPFILE into cookie jar JAR (tracking.sh's
# sign-in), changing a one-time password for good; prints the session cookie.
signin() {
    local login=$1 otpfile=$2 jar=$3
    local otp c
    otp=$(cat "$otpfile")
    rm -f "$jar"
    c=$(curl -s -c "$jar" -b "$jar" http://127.0.0.1:$PORT/signin | csrf)
    curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$c" \
        --data-urlencode "login=$login" --data-urlencode "password=$otp" http://127.0.0.1:$PORT/signin
    if curl -s -b "$jar" -o /dev/null -w '%{redirect_url}' http://127.0.0.1:$PORT/plans | grep -q /password; then
        c=$(curl -s -c "$jar" -b "$jar" http://127.0.0.1:$PORT/password | csrf)
        curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "_csrf=$c" \
            --data-urlencode "current=$otp" --data-urlencode new=benchmark-password \
            --data-urlencode confirm=benchmark-password http://127.0.0.1:$PORT/password
        echo benchmark-password > "$otpfile"
    fi
    echo "sangtao_session=$(awk '$6 == "sangtao_session" {print $7}' "$jar")"
}

# Starts the server on DIR (and URL) and signs in as admin (JAR, H) and as a staff
# account of every unit, made on first use, that files the reports (WJAR, WCOOKIE, WCSRF):
# the admin belongs to no unit and may not report.
serve() {
    local dir=$1 url=${2:-}
    local args=(--data-dir "$dir")
    [ -n "$url" ] && args+=(--database-url "$url")
    "$BIN" "${args[@]}" serve --listen 127.0.0.1:$PORT > "$WORK/out" 2> "$WORK/err" &
    echo $! > "$WORK/pid"
    # A server that exits (the port taken, a database it cannot open) or never answers
    # ends the run with its own words instead of a silent wait.
    local waited=0
    until grep -q "serving at" "$WORK/out"; do
        if ! kill -0 "$(cat "$WORK/pid")" 2>/dev/null || [ $waited -ge 1200 ]; then
            echo "matrix.sh: the server did not start on port $PORT:" >&2
            cat "$WORK/out" "$WORK/err" >&2
            exit 1
        fi
        sleep 0.1
        waited=$((waited + 1))
    done
    JAR="$WORK/jar"
    H="Cookie: $(signin admin "$dir/.otp" "$JAR")"
    if [ ! -f "$dir/.writer" ]; then
        local units=()
        for u in $(curl -s -b "$JAR" http://127.0.0.1:$PORT/units | grep -o 'href="/units/[0-9]*"' | grep -o '[0-9]*' | sort -un); do
            units+=(--unit "$u")
        done
        "$BIN" "${args[@]}" user add bench.writer --name "Người đo tải" --role staff "${units[@]}" \
            | grep -o 'one-time password: .*' | awk '{print $3}' > "$dir/.writer"
    fi
    WJAR="$WORK/wjar"
    WCOOKIE=$(signin bench.writer "$dir/.writer" "$WJAR")
    WCSRF=$(curl -s -b "$WJAR" http://127.0.0.1:$PORT/plans | csrf)
}

stop() {
    kill "$(cat "$WORK/pid")" 2>/dev/null || true
    wait "$(cat "$WORK/pid")" 2>/dev/null || true
    rm -f "$WORK/pid"
}

# One row: wrk -t2 -c4 on URL (extra wrk arguments after it: a script takes no warm-up,
# its requests are not repeatable); req/s, p50, p99, errors.
measure() {
    local size=$1 db=$2 name=$3 url=$4
    shift 4
    local code
    code=$(curl -s -o /dev/null -w '%{http_code}' -b "$JAR" "$url")
    echo "-- $name: $url (HTTP $code)"
    [ $# -eq 0 ] && wrk -t2 -c4 -d2s --timeout 10s -H "$H" "$url" > /dev/null
    wrk -t2 -c4 -d"$DURATION" --timeout 10s --latency -H "$H" "$url" "$@" > "$WORK/wrk"
    grep -E "requests in|Requests/sec|^ +(50|99)%|Non-2xx|Socket|^statuses|^first refusal" "$WORK/wrk" | sed 's/^/   /'
    local rps p50 p99 bad sock
    rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' "$WORK/wrk")
    p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk")
    p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk")
    bad=$(awk '/Non-2xx/ {print $5}' "$WORK/wrk")
    sock=$(grep -o 'Socket errors:.*' "$WORK/wrk" | grep -o '[0-9]\+' | paste -sd+ | bc 2>/dev/null || true)
    echo "| $size | $db | $name | $rps | $p50 | $p99 | $((${bad:-0} + ${sock:-0})) |" >> "$WORK/table"
    # What the server said about failed requests (its warnings and errors, shortened).
    if [ "${bad:-0}" != 0 ]; then
        grep -hE "WARN|ERROR" "$WORK/out" "$WORK/err" 2>/dev/null | cut -c1-240 | tail -n 5 | sed 's/^/   server: /' || true
    fi
    REQUESTS=$(awk '/requests in/ {print $1}' "$WORK/wrk")
}

# Every row of the goal table against the server just started.
rows() {
    local size=$1 db=$2 dir=$3
    local base=http://127.0.0.1:$PORT
    # The second plan is the first synthetic one (500 items); its activities.
    local plan unit items last
    plan=$(curl -s -b "$JAR" "$base/plans" | grep -o 'href="/plans/[0-9]*"' | grep -o '[0-9]*' | sort -un | awk '$1 > 1' | sed -n 1p)
    curl -s -b "$JAR" "$base/plans/$plan" | grep -o 'href="/items/[0-9]*"' | grep -o '[0-9]*' | awk '!seen[$0]++' > "$WORK/items"
    unit=$(curl -s -b "$JAR" "$base/units" | grep -o 'href="/units/[0-9]*"' | sed -n 3p | grep -o '[0-9]*')
    local list="$base/items?unit=$unit&status=in_progress&status=done"
    # The page count as the list states it ("trang 1/200"): the links show only the next
    # page when the total is capped.
    last=$(curl -s -b "$JAR" "$list" | grep -oE '(trang|page) 1/[0-9]+' | sed -n 1p | cut -d/ -f2)
    items=$(sed -n 100p "$WORK/items")
    measure "$size" "$db" "item page" "$base/items/$items"
    # The same page read again is served from what the store keeps (`Store::memo`) while
    # nothing is written; many pages each read once show the cost of reading them.
    local paths=()
    mapfile -t paths < <(sed 's|^|/items/|' "$WORK/items")
    measure "$size" "$db" "item pages, ${#paths[@]} of the plan at random" "$base" \
        -s crates/sangtao/bench/matrix_paths.lua -- "${paths[@]}"
    measure "$size" "$db" "list, unit + 2 statuses, page $(((${last:-1} + 1) / 2)) of ${last:-1}" \
        "$list&page=$(((${last:-1} + 1) / 2))"
    paths=()
    for p in $(seq 1 "$(( ${last:-1} < 200 ? ${last:-1} : 200 ))"); do
        paths+=("${list#"$base"}&page=$p")
    done
    measure "$size" "$db" "list, its first ${#paths[@]} pages at random" "$base" \
        -s crates/sangtao/bench/matrix_paths.lua -- "${paths[@]}"
    measure "$size" "$db" "plan page, 500 items" "$base/plans/$plan"
    measure "$size" "$db" "search \"kinh phi\"" "$base/search?q=kinh+phi"
    # The same search made again is kept (`Store::memo`) while nothing is written; 600
    # different pairs of the seeded texts' words (common, rare, or found nowhere) show
    # what a search costs made once: the kept searches fill the memo and start afresh.
    local words=(kinh phi ho so du toan to chuc trien lam di san phoi hop unesco bao cao
        tien do clip hoi thao nghe xay dung van hoa chuyen gia)
    paths=()
    for a in "${words[@]}"; do
        for b in "${words[@]}"; do
            [ "$a" != "$b" ] && paths+=("/search?q=$a+$b")
        done
    done
    measure "$size" "$db" "search, ${#paths[@]} word pairs at random" "$base" \
        -s crates/sangtao/bench/matrix_paths.lua -- "${paths[@]}"
    # The dashboard of the plan measured above: the newest plan, which a dashboard opens on,
    # is where the item adds below go, and grows by thousands of items each run.
    measure "$size" "$db" "dashboard, plan of 500 items ($size in all)" "$base/dashboard?plan=$plan"
    # Writers: the activities of ten synthetic plans with each unit of theirs (the list
    # filtered by plan and unit, its first 50), in the plan's year (read from a report
    # form): 7 periods each, enough fresh slots for a few runs at ~1,000 writes/s.
    local targets=() i u p year
    for p in $(curl -s -b "$JAR" "$base/plans" | grep -o 'href="/plans/[0-9]*"' | grep -o '[0-9]*' | sort -un | awk '$1 > 1' | sed -n 1,10p); do
        i=$(curl -s -b "$JAR" "$base/plans/$p" | grep -o 'href="/items/[0-9]*"' | grep -o '[0-9]*' | sed -n 20p)
        year=$(curl -s -b "$WJAR" "$base/items/$i" | perl -ne 'print "$1\n" if /id="r-period"[^>]*>\s*<option value="(\d{4})"/' | sed -n 1p)
        for u in $(curl -s -b "$JAR" "$base/units" | grep -o 'href="/units/[0-9]*"' | grep -o '[0-9]*' | sort -un); do
            for i in $(curl -s -b "$JAR" "$base/items?plan=$p&unit=$u" | grep -o 'href="/items/[0-9]*"' | grep -o '[0-9]*' | sort -un); do
                targets+=("$i:$u:$year")
            done
        done
    done
    echo "-- writers: ${#targets[@]} (item, unit) pairs, 7 periods each"
    local slots=0
    [ -f "$dir/.write-slots" ] && slots=$(cat "$dir/.write-slots")
    # A slot used twice is refused (a first version exists): say so rather than count it.
    if [ "$slots" -ge $((7 * ${#targets[@]} / 2)) ]; then
        echo "matrix.sh: half of this database's report slots are used; its report row may" \
            "count refusals. Remove $dir (and its PostgreSQL database) to seed afresh." >&2
    fi
    H="Cookie: $WCOOKIE"
    measure "$size" "$db" "report writes, 4 clients" "$base/items/${targets[0]%%:*}/reports" \
        -s crates/sangtao/bench/matrix_report.lua -- "$slots" "$WCSRF" "$WCOOKIE" "${targets[@]}"
    # Slots the writers may have used (two threads interleaved), kept for the next run.
    echo $((slots + 2 * REQUESTS + 2)) > "$dir/.write-slots"
    # Items added under one activity of the last plan by the same writer (not the plan
    # measured above, whose page would grow by thousands of rows each run): each add goes
    # last among its siblings, which grow by thousands during the run.
    local parent body last_plan
    last_plan=$(curl -s -b "$JAR" "$base/plans" | grep -o 'href="/plans/[0-9]*"' | grep -o '[0-9]*' | sort -un | tail -n 1)
    parent=$(curl -s -b "$JAR" "$base/plans/$last_plan" | grep -o 'href="/items/[0-9]*"' | grep -o '[0-9]*' | awk '!seen[$0]++' | sed -n 30p)
    body="_csrf=$WCSRF&title=Vi%E1%BB%87c+%C4%91o+t%E1%BA%A3i&text="
    measure "$size" "$db" "item adds under one parent, 4 clients" "$base/items/$parent/children" \
        -s crates/sangtao/bench/matrix_form.lua -- "/items/$parent/children" "$body" "$WCOOKIE" "$WCSRF"
    # Events added by the same writer, led by its first unit: each add writes the event,
    # its units, its search text and the audit in one transaction.
    local lead event
    lead=$(curl -s -b "$JAR" "$base/units" | grep -o 'href="/units/[0-9]*"' | grep -o '[0-9]*' | sort -un | sed -n 1p)
    event="_csrf=$WCSRF&title=Phi%C3%AAn+h%E1%BB%8Dp+%C4%91o+t%E1%BA%A3i&kind=online_session"
    event+="&scope=southeast_asia&format=online&organiser=network_city&organiser_name=Bangkok"
    event+="&topic=Thi%E1%BA%BFt+k%E1%BA%BF&zone=Asia%2FHo_Chi_Minh&start_date=29%2F03%2F2025"
    event+="&start_time=10%3A00&end_time=12%3A00&online_url=https%3A%2F%2Fmeet.example.org%2Fuccn"
    event+="&lead=$lead&status=planned"
    measure "$size" "$db" "event adds, 4 clients" "$base/events" \
        -s crates/sangtao/bench/matrix_form.lua -- "/events" "$event" "$WCOOKIE" "$WCSRF"
    # The goal counts the server's own memory, "plus what the OS maps for the database":
    # RssAnon is the former, RssFile mostly the latter (SQLite's mmap of the file).
    local pid hwm rss anon file
    pid=$(cat "$WORK/pid")
    kib() { awk -v k="$1:" '$1 == k {printf "%.0f", $2 / 1024}' "/proc/$pid/status"; }
    hwm=$(kib VmHWM)
    rss=$(kib VmRSS)
    anon=$(kib RssAnon)
    file=$(kib RssFile)
    echo "| $size | $db | server memory after the rows above | peak $hwm MB | now $rss MB: $anon MB own + $file MB mapped files | | |" >> "$WORK/table"
}

: > "$WORK/table"
: > "$WORK/seeds"
for size in $SIZES; do
    for db in $DBS; do
        url=""
        if [ "$db" = postgres ]; then
            case " $PG_SIZES " in *" $size "*) ;; *) continue ;; esac
            url="$PG_URL/sangtao_bench_$size"
        fi
        dir="$DATA/$db-$size"
        seed "$db" "$size" "$dir" "$url"
        cat "$dir/.seed" >> "$WORK/seeds"
        serve "$dir" "$url"
        rows "$size" "$db" "$dir"
        stop
    done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

{
    echo "Measured by \`crates/sangtao/bench/matrix.sh $SIZES\` (DBS=\"$DBS\", PG_SIZES=\"$PG_SIZES\")"
    echo "at commit $(git rev-parse --short HEAD) on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores"
    echo "shared with other work: load average $LOAD_BEFORE before, $LOAD_AFTER after."
    echo "Each row: \`wrk -t2 -c4 -d$DURATION --latency\` after a 2 s warm-up; errors are"
    echo "non-2xx/3xx responses plus socket errors. Seeded with 10 reports per item and one"
    echo "event per 10 items; \"time\" and \"peak RSS\" are the seeder's (GNU time)."
    echo
    echo "| database | items | reports | events | seed time | seeder peak RSS | database size |"
    echo "|---|---|---|---|---|---|---|"
    cat "$WORK/seeds"
    echo
    echo "| items | database | what | req/s | p50 | p99 | errors |"
    echo "|---|---|---|---|---|---|---|"
    cat "$WORK/table"
} > "$WORK/section"
cat "$WORK/section"

if [ -z "${NO_WRITE:-}" ]; then
    python3 - "$WORK/section" BENCHMARKS.md <<'PY'
import sys
new = open(sys.argv[1]).read().rstrip("\n")
path = sys.argv[2]
text = open(path).read()
begin, end = "<!-- matrix.sh:begin -->", "<!-- matrix.sh:end -->"
block = f"{begin}\n{new}\n{end}"
if begin in text and end in text:
    head, rest = text.split(begin, 1)
    text = head + block + rest.split(end, 1)[1]
else:
    text = text.rstrip("\n") + "\n\n## Speed at scale (issue 15)\n\n" + block + "\n"
open(path, "w").write(text)
PY
    echo "BENCHMARKS.md: table written"
fi
