//! Section I, Công tác chỉ đạo, điều hành: the plan sentence (`subject::direction`), then
//! the documents issued to carry the plan out, the Board's inspections and its meetings,
//! from the plan's direction records dated within the report's period. A kind with no
//! record says nothing.
//!
//! A directive is named by the type its symbol shows (Nghị định 30/2020, Phụ lục III:
//! "40/QĐ-SVHTT" is a Quyết định, "12/KH-SVHTT" a Kế hoạch; a symbol without a type,
//! "285/SVHTT-QLDS", is a Công văn), then "số …", "ngày …" and its trích yếu after "về
//! việc" (said once when the trích yếu already begins with "V/v" or "Về việc").

use super::subject::{self, Citation};
use super::text::lower_first;
use domain::oversight::DirectionKind;
use domain::{Period, format_date};
use store::DirectionRecord;

/// Type abbreviations of administrative documents and their names.
const TYPES: &[(&str, &str)] = &[
    ("NQ", "Nghị quyết"),
    ("QĐ", "Quyết định"),
    ("CT", "Chỉ thị"),
    ("QC", "Quy chế"),
    ("QyĐ", "Quy định"),
    ("TB", "Thông báo"),
    ("HD", "Hướng dẫn"),
    ("CTr", "Chương trình"),
    ("KH", "Kế hoạch"),
    ("PA", "Phương án"),
    ("ĐA", "Đề án"),
    ("BC", "Báo cáo"),
    ("TTr", "Tờ trình"),
    ("CĐ", "Công điện"),
    ("GM", "Giấy mời"),
];

/// "Quyết định" for "40/QĐ-SVHTT", "Công văn" for "285/SVHTT-QLDS".
pub(super) fn document_type(number: &str) -> &'static str {
    let symbol = number.split_once('/').map_or(number, |(_, s)| s);
    let head = symbol.split('-').next().unwrap_or("").trim();
    TYPES
        .iter()
        .find(|(abbr, _)| *abbr == head)
        .map_or("Công văn", |(_, name)| name)
}

/// Whether `s` begins with `prefix`, ignoring case; the rest when it does.
fn after_prefix<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let mut it = s.char_indices();
    for p in prefix.chars() {
        let (_, c) = it.next()?;
        if !c.to_lowercase().eq(p.to_lowercase()) {
            return None;
        }
    }
    Some(it.next().map_or("", |(i, _)| &s[i..]))
}

/// The trích yếu without a closing full stop.
fn summary(s: &str) -> String {
    lower_first(s.trim().trim_end_matches(['.', ';', ' ']))
}

/// "về việc …", once.
fn about(s: &str) -> String {
    let s = s.trim().trim_end_matches(['.', ';', ' ']);
    if let Some(rest) = after_prefix(s, "v/v").or_else(|| after_prefix(s, "về việc")) {
        return format!("về việc {}", rest.trim());
    }
    format!("về việc {}", lower_first(s))
}

/// "Công văn số 285/SVHTT-QLDS ngày 12/03/2025 về việc …"; a record without a number is
/// "Văn bản ngày …".
fn directive(d: &DirectionRecord) -> String {
    let kind = d.number.as_deref().map(document_type);
    let named = match (&d.number, kind) {
        (Some(n), Some(k)) => format!("{k} số {n}"),
        _ => "Văn bản".to_string(),
    };
    format!(
        "{named} ngày {} {}",
        format_date(d.date),
        about(without_type(d.summary.trim(), kind.unwrap_or("Văn bản")))
    )
}

/// A trích yếu typed with its document's type first ("Kế hoạch tổ chức triển lãm", "Tờ
/// trình UBND Thành phố về việc cử đoàn") loses it, and what follows an inner "về việc":
/// the type is said once, before the number.
fn without_type<'a>(summary: &'a str, kind: &str) -> &'a str {
    let Some(rest) = after_prefix(summary, kind) else {
        return summary;
    };
    match rest.find(" về việc ") {
        Some(i) => &rest[i + 1..],
        None => rest.trim_start(),
    }
}

/// "Ban Giám đốc Sở đã tổ chức 2 cuộc kiểm tra (ngày 15/05/2025, 20/09/2025): …; …."
fn gatherings(who: &str, what: &str, records: &[&DirectionRecord]) -> String {
    let dates: Vec<String> = records.iter().map(|d| format_date(d.date)).collect();
    let said: Vec<String> = records.iter().map(|d| summary(&d.summary)).collect();
    format!(
        "Ban Giám đốc {who} đã tổ chức {} {what} (ngày {}): {}.",
        records.len(),
        dates.join(", "),
        said.join("; ")
    )
}

/// Section I: the plan sentence, then one paragraph per kind that has records within
/// the period, oldest first.
pub(super) fn section(
    c: &Citation,
    leads: &[String],
    records: &[DirectionRecord],
    period: Period,
) -> String {
    let mut within: Vec<&DirectionRecord> = records
        .iter()
        .filter(|d| period.start() <= d.date && d.date <= period.end())
        .collect();
    within.sort_by_key(|d| (d.date, d.id));
    let of = |k: DirectionKind| -> Vec<&DirectionRecord> {
        within.iter().copied().filter(|d| d.kind == k).collect()
    };
    // "Sở" for the department itself, as a report says it of itself.
    let who = if c.issuer.starts_with("Sở") {
        "Sở"
    } else {
        c.issuer.as_str()
    };
    let mut paragraphs = vec![subject::direction(c, leads)];
    let directives = of(DirectionKind::Directive);
    if !directives.is_empty() {
        let listed: Vec<String> = directives.iter().map(|d| directive(d)).collect();
        paragraphs.push(format!(
            "Để triển khai Kế hoạch, {who} đã ban hành {} văn bản chỉ đạo, triển khai: {}.",
            directives.len(),
            listed.join("; ")
        ));
    }
    let inspections = of(DirectionKind::Inspection);
    if !inspections.is_empty() {
        paragraphs.push(gatherings(who, "cuộc kiểm tra", &inspections));
    }
    let meetings = of(DirectionKind::Meeting);
    if !meetings.is_empty() {
        paragraphs.push(gatherings(who, "cuộc họp, giao ban", &meetings));
    }
    paragraphs.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_type_is_read_from_the_symbol() {
        assert_eq!(document_type("285/SVHTT-QLDS"), "Công văn");
        assert_eq!(document_type("40/QĐ-SVHTT"), "Quyết định");
        assert_eq!(document_type("12/KH-SVHTT"), "Kế hoạch");
        assert_eq!(document_type("KH-SVHTT"), "Kế hoạch");
        assert_eq!(document_type("7/TB-SVHTT"), "Thông báo");
        assert_eq!(document_type("1234"), "Công văn");
    }

    #[test]
    fn the_type_is_said_once() {
        assert_eq!(
            without_type("Kế hoạch tổ chức triển lãm", "Kế hoạch"),
            "tổ chức triển lãm"
        );
        assert_eq!(
            without_type(
                "Tờ trình UBND Thành phố về việc cử đoàn công tác",
                "Tờ trình"
            ),
            "về việc cử đoàn công tác"
        );
        assert_eq!(
            about(without_type(
                "Tờ trình UBND Thành phố về việc cử đoàn",
                "Tờ trình"
            )),
            "về việc cử đoàn"
        );
        assert_eq!(
            without_type("Triển khai Kế hoạch", "Công văn"),
            "Triển khai Kế hoạch"
        );
    }

    #[test]
    fn ve_viec_is_said_once() {
        assert_eq!(
            about("V/v triển khai Kế hoạch."),
            "về việc triển khai Kế hoạch"
        );
        assert_eq!(about("v/v  tổ chức hội nghị"), "về việc tổ chức hội nghị");
        assert_eq!(about("Về việc khen thưởng"), "về việc khen thưởng");
        assert_eq!(about("VỀ VIỆC khen thưởng"), "về việc khen thưởng");
        assert_eq!(about("Tổ chức Hội nghị"), "về việc tổ chức Hội nghị");
        assert_eq!(about("UBND giao"), "về việc UBND giao");
    }
}
