#!/bin/sh
# The demo year's official reports as LibreOffice prints them: `sangtao dev demo` on a new
# database, then the first-half and year reports through scripts/check-report-pdf.sh (the
# layout), and what the period decides: the exhibition held on 18/11 is in the year report
# and not in the first half's; 12 online sessions by 30/06, 25 in the year.
# CI runs it after the test suite, with the debug binary the suite built.
#
#   scripts/check-demo-report.sh [SANGTAO_BINARY]
set -eu
bin=${1:-target/debug/sangtao}
[ -x "$bin" ] || { echo "no sangtao binary at $bin: cargo build first" >&2; exit 2; }
here=$(dirname "$0")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$bin" dev demo --data-dir "$work/data" >"$work/demo.log" 2>&1 || { cat "$work/demo.log" >&2; exit 1; }
fail=0
for period in 2025-H1 2025; do
    "$bin" report --data-dir "$work/data" --plan 1 --period "$period" --out "$work/$period.docx" >/dev/null
    "$here/check-report-pdf.sh" "$work/$period.docx" || fail=1
    libreoffice --headless -env:UserInstallation="file://$work/profile" \
        --convert-to pdf --outdir "$work" "$work/$period.docx" >/dev/null 2>&1
    pdftotext "$work/$period.pdf" - | tr -s ' \n' ' ' >"$work/$period.txt"
done
check() { # FILE TEXT WANTED(yes|no)
    if grep -qF -- "$2" "$1"; then found=yes; else found=no; fi
    if [ "$found" != "$3" ]; then
        echo "FAIL: \"$2\" in $(basename "$1"): expected $3, found $found" >&2
        fail=1
    fi
}
check "$work/2025-H1.txt" "18/11/2025" no
check "$work/2025.txt" "18/11/2025" yes
check "$work/2025-H1.txt" "12 phiên họp trực tuyến" yes
check "$work/2025.txt" "25 phiên họp trực tuyến" yes
check "$work/2025.txt" "đi Pháp" yes
check "$work/2025-H1.txt" "đi Pháp" no
[ "$fail" -eq 0 ] || exit 1
echo "ok: the demo year's first-half and year reports"
