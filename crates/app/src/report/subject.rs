//! The plan as cited, the report's subject (trích yếu), its closing sentence and section I.
//! A plan titled "… năm 2025" is not given its year twice: the year report is "Kết quả
//! thực hiện Kế hoạch … năm 2025", the half-year's "Kết quả 6 tháng đầu năm 2025 thực hiện
//! Kế hoạch …".

use super::text::lower_first;
use domain::{Language, Period, format_date};
use store::PlanRecord;

/// The plan as cited: "Kế hoạch số 12/KH-SVHTT ngày 05/01/2025 của Sở …".
pub(super) struct Citation {
    /// " số 12/KH-SVHTT", " KH-SVHTT" or empty.
    pub doc_ref: String,
    /// " ngày 05/01/2025" or empty.
    pub issued: String,
    pub issuer: String,
    /// The title, lower-cased after "Kế hoạch".
    pub title: String,
}

impl Citation {
    pub fn of(p: &PlanRecord) -> Citation {
        Citation {
            doc_ref: match (&p.number, &p.symbol) {
                (Some(n), Some(s)) => format!(" số {n}/{s}"),
                (None, Some(s)) => format!(" {s}"),
                _ => String::new(),
            },
            issued: p
                .date
                .map(|d| format!(" ngày {}", format_date(d)))
                .unwrap_or_default(),
            issuer: p.issuer.clone().unwrap_or_else(|| "Sở".into()),
            title: lower_first(&p.title.split_whitespace().collect::<Vec<_>>().join(" ")),
        }
    }
}

/// The title without a closing "năm {year}" (and its full stop), when it has one.
fn without_year(title: &str, year: i32) -> Option<&str> {
    let t = title.trim_end_matches(['.', ' ']);
    t.strip_suffix(&format!("năm {year}"))
        .map(|rest| rest.trim_end_matches([' ', ',']))
        .filter(|rest| !rest.is_empty())
}

/// "kết quả thực hiện Kế hoạch … năm 2025" for the year of a plan titled with its year;
/// "kết quả 6 tháng đầu năm 2025 thực hiện Kế hoạch …" for a part of the year, or for a
/// plan whose title does not end with the year.
fn results_of(title: &str, period: Period) -> String {
    let year = period.year();
    match (period, without_year(title, year)) {
        (Period::Year(_), Some(t)) => format!("kết quả thực hiện Kế hoạch {t} năm {year}"),
        (_, Some(t)) => format!(
            "kết quả {} thực hiện Kế hoạch {t}",
            period.label(Language::Vi)
        ),
        (_, None) => format!(
            "kết quả {} thực hiện Kế hoạch {title}",
            period.label(Language::Vi)
        ),
    }
}

/// Trích yếu: "Kết quả thực hiện Kế hoạch … năm 2025".
pub(super) fn subject(c: &Citation, period: Period) -> String {
    let s = results_of(&c.title, period);
    let mut chars = s.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// "Trên đây là báo cáo của Sở … về kết quả …./." (the issuer first: a title ending in
/// "của UNESCO" would otherwise meet a second "của").
pub(super) fn closing(c: &Citation, period: Period) -> String {
    format!(
        "Trên đây là báo cáo của {} về {}./.",
        c.issuer,
        results_of(&c.title, period)
    )
}

/// Section I: who was given the work and how it was followed.
pub(super) fn direction(c: &Citation, leads: &[String]) -> String {
    let Citation {
        doc_ref,
        issued,
        issuer,
        title,
    } = c;
    format!(
        "Thực hiện Kế hoạch{doc_ref}{issued} của {issuer} về {title}, {issuer} đã giao {} chủ trì, \
         phối hợp với các đơn vị liên quan triển khai các nội dung của Kế hoạch; theo dõi, \
         đôn đốc tiến độ thực hiện qua hệ thống sangtao.",
        if leads.is_empty() {
            "các đơn vị".to_string()
        } else {
            leads.join(", ")
        }
    )
}

#[cfg(test)]
mod tests {
    use super::super::fixture::{SEED_TITLE, plan};
    use super::*;

    #[test]
    fn the_seed_plans_year_is_said_once() {
        let c = Citation::of(&plan(vec![]).plan);
        let year = subject(&c, Period::Year(2025));
        assert_eq!(
            year,
            "Kết quả thực hiện Kế hoạch tham gia với vai trò thành viên, tham dự hội nghị, diễn \
             đàn Mạng lưới các thành phố Sáng tạo của UNESCO năm 2025"
        );
        let h1 = subject(&c, Period::Half(2025, 1));
        assert_eq!(
            h1,
            "Kết quả 6 tháng đầu năm 2025 thực hiện Kế hoạch tham gia với vai trò thành viên, \
             tham dự hội nghị, diễn đàn Mạng lưới các thành phố Sáng tạo của UNESCO"
        );
        let nine = subject(&c, Period::NineMonths(2025));
        assert!(nine.starts_with("Kết quả 9 tháng năm 2025 thực hiện Kế hoạch tham gia"));
        assert!(nine.ends_with("của UNESCO"));
        for s in [&year, &h1, &nine] {
            assert_eq!(s.matches("2025").count(), 1, "{s}");
        }
        let close = closing(&c, Period::Half(2025, 1));
        assert_eq!(
            close,
            "Trên đây là báo cáo của Sở Văn hóa và Thể thao Hà Nội về kết quả 6 tháng đầu năm \
             2025 thực hiện Kế hoạch tham gia với vai trò thành viên, tham dự hội nghị, diễn \
             đàn Mạng lưới các thành phố Sáng tạo của UNESCO./."
        );
        assert_eq!(
            closing(&c, Period::Year(2025)).matches("năm 2025").count(),
            1
        );
        assert!(SEED_TITLE.ends_with("năm 2025"));
    }

    #[test]
    fn a_title_without_the_year_keeps_its_wording() {
        let mut p = plan(vec![]).plan;
        p.title = "Phát triển công nghiệp văn hóa giai đoạn 2021–2025".into();
        let c = Citation::of(&p);
        assert_eq!(
            subject(&c, Period::Year(2025)),
            "Kết quả năm 2025 thực hiện Kế hoạch phát triển công nghiệp văn hóa giai đoạn \
             2021–2025"
        );
        // Another year in the title is not this period's.
        p.title = "Hoạt động năm 2024".into();
        assert!(subject(&Citation::of(&p), Period::Year(2025)).contains("năm 2025 thực hiện"));
    }
}
