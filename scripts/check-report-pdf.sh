#!/bin/sh
# Converts a generated results report to PDF with LibreOffice and checks its text with
# pdftotext: the layout survives a real word processor (fonts, sections, page numbers).
# CI runs it after the test suite (.ci/run installs libreoffice-writer-nogui and poppler-utils).
#
#   scripts/check-report-pdf.sh [REPORT.docx]
#
# Without an argument it writes the sample report of `cargo run -p reports --example
# official_report`. Needs: libreoffice (Debian: libreoffice-writer-nogui), pdftotext and
# pdfinfo (poppler-utils).
set -eu

for tool in libreoffice pdftotext pdfinfo; do
    command -v "$tool" >/dev/null 2>&1 || {
        echo "missing $tool: apt-get install libreoffice-writer-nogui poppler-utils" >&2
        exit 2
    }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ $# -ge 1 ]; then
    cp "$1" "$work/report.docx"
else
    cargo run --quiet -p reports --example official_report -- "$work/report.docx"
fi

# A private profile so that a running LibreOffice or a missing home does not interfere.
libreoffice --headless -env:UserInstallation="file://$work/profile" \
    --convert-to pdf --outdir "$work" "$work/report.docx" >"$work/convert.log" 2>&1 || {
    cat "$work/convert.log" >&2
    exit 1
}
[ -s "$work/report.pdf" ] || { echo "no PDF written" >&2; cat "$work/convert.log" >&2; exit 1; }

pdftotext -layout "$work/report.pdf" "$work/report.txt"
pdftotext -f 1 -l 1 -layout "$work/report.pdf" "$work/page1.txt"
pdftotext -f 2 -l 2 -layout "$work/report.pdf" "$work/page2.txt"

fail=0
expect() { # FILE TEXT
    if ! grep -qF -- "$2" "$1"; then
        echo "FAIL: \"$2\" not found in $(basename "$1")" >&2
        fail=1
    fi
}
for text in "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" "Độc lập - Tự do - Hạnh phúc" "BÁO CÁO" \
    "/BC-" "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH" "II. KẾT QUẢ THỰC HIỆN" "III. ĐÁNH GIÁ CHUNG" \
    "IV. PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI" "V. ĐỀ XUẤT, KIẾN NGHỊ" "Trên đây là" "Nơi nhận:"; do
    expect "$work/report.txt" "$text"
done
expect "$work/page1.txt" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
# The header's left column (the department profile, /admin/department): the parent body,
# then the issuing body on the next line, whole (a wrapped "SỞ VĂN HÓA VÀ THỂ / THAO" would
# not read as one line). Another department's report: set REPORT_PARENT and REPORT_ISSUER.
parent=${REPORT_PARENT-UBND THÀNH PHỐ HÀ NỘI}
issuer=${REPORT_ISSUER:-SỞ VĂN HÓA VÀ THỂ THAO}
issuer_at=$(grep -nF -- "$issuer" "$work/page1.txt" | head -n 1 | cut -d: -f1)
if [ -z "$issuer_at" ]; then
    echo "FAIL: the issuing body \"$issuer\" is not on one line of page 1" >&2
    fail=1
elif [ -n "$parent" ]; then
    parent_at=$(grep -nF -- "$parent" "$work/page1.txt" | head -n 1 | cut -d: -f1)
    if [ -z "$parent_at" ] || [ "$parent_at" -ge "$issuer_at" ] || [ $((issuer_at - parent_at)) -gt 2 ]; then
        echo "FAIL: the parent body \"$parent\" is not the line above \"$issuer\"" >&2
        fail=1
    fi
fi
# One title, and no year said twice ("… năm 2025 năm 2025").
if [ "$(grep -cE '^[[:space:]]*BÁO CÁO[[:space:]]*$' "$work/report.txt")" -ne 1 ]; then
    echo "FAIL: the title BÁO CÁO is not there exactly once" >&2
    fail=1
fi
if tr -s ' \n' ' ' < "$work/report.txt" | grep -qE 'năm ([0-9]{4}) năm \1'; then
    echo "FAIL: a year is said twice" >&2
    fail=1
fi
# No number on page 1; "2" heads page 2 (the page number in the top margin).
if head -n 3 "$work/page1.txt" | grep -qxE '[[:space:]]*1[[:space:]]*'; then
    echo "FAIL: page 1 shows a page number" >&2
    fail=1
fi
if ! head -n 3 "$work/page2.txt" | grep -qxE '[[:space:]]*2[[:space:]]*'; then
    echo "FAIL: page 2 does not start with its number" >&2
    head -n 3 "$work/page2.txt" >&2
    fail=1
fi
# A4: 595 x 842 pt (the appendix pages are landscape, 842 x 595).
pdfinfo "$work/report.pdf" | grep -qE 'Page size: +595(\.[0-9]+)? x 841(\.[0-9]+)?|Page size: +595(\.[0-9]+)? x 842' || {
    echo "FAIL: first page is not A4 portrait" >&2
    pdfinfo "$work/report.pdf" | grep 'Page size' >&2
    fail=1
}
if [ $# -eq 0 ]; then
    expect "$work/report.txt" "PHỤ LỤC"
    pages=$(pdfinfo "$work/report.pdf" | awk '/^Pages:/ {print $2}')
    last=$(pdfinfo -f "$pages" -l "$pages" "$work/report.pdf" | awk '/^Page.*size:/ {print $4, $6}')
    case "$last" in
        84[12]*" 59"[45]*) ;;
        *) echo "FAIL: the appendix page is not landscape ($last)" >&2; fail=1 ;;
    esac
    # The appendix's last page repeats the table's header row, and no date wraps.
    pdftotext -f "$pages" -l "$pages" -layout "$work/report.pdf" "$work/last.txt"
    expect "$work/last.txt" "Nội dung nhiệm vụ"
    expect "$work/last.txt" "31/12/2025"
    # The sample's 40 items are all due 31/12/2025: a wrapped date would not read whole.
    dates=$(grep -o "31/12/2025" "$work/report.txt" | wc -l)
    if [ "$dates" -lt 40 ]; then
        echo "FAIL: only $dates of the 40 due dates read whole (a date wraps)" >&2
        fail=1
    fi
fi
pdffonts "$work/report.pdf" 2>/dev/null | grep -q "Times\|Liberation\|Tinos" || \
    echo "note: no Times-compatible font installed; LibreOffice substituted another" >&2

if [ "$fail" -ne 0 ]; then
    echo "text of the PDF kept in $work/report.txt" >&2
    trap - EXIT
    exit 1
fi
echo "ok: $(pdfinfo "$work/report.pdf" | awk '/^Pages:/ {print $2}') pages, layout checks passed"
