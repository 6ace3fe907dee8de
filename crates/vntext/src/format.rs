//! Numbers, money, dates and times in Vietnamese conventions: "." groups thousands, ","
//! is the decimal mark, dates are dd/mm/yyyy, times are Hanoi time. The one home for
//! display formats: pages, exports and the official report all call these.

use chrono::NaiveDate;

/// Whole đồng: `1234567` → `"1.234.567 ₫"`.
pub fn format_vnd(amount: i64) -> String {
    format!("{} ₫", group_thousands(amount))
}

/// Asia/Ho_Chi_Minh: UTC+7 all year (Vietnam has no daylight saving since 1975).
pub fn vietnam_offset() -> chrono::FixedOffset {
    chrono::FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// A Unix time as `dd/mm/yyyy HH:MM` in Hanoi.
pub fn format_local_time(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .map(|t| {
            t.with_timezone(&vietnam_offset())
                .format("%d/%m/%Y %H:%M")
                .to_string()
        })
        .unwrap_or_default()
}

/// `dd/mm/yyyy`, as in Vietnamese administrative documents.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%d/%m/%Y").to_string()
}

/// A figure: whole numbers without decimals and with "." thousands ("1.500"); others with
/// a decimal comma and at most two decimals ("2,5").
pub fn format_number(x: f64) -> String {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        return group_thousands(x as i64);
    }
    let s = format!("{:.2}", x);
    let s = s.trim_end_matches('0').trim_end_matches('.');
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let int: i64 = int.parse().unwrap_or(0);
    let mut out = if x < 0.0 && int == 0 {
        "-0".to_string()
    } else {
        group_thousands(int)
    };
    if !frac.is_empty() {
        out.push(',');
        out.push_str(frac);
    }
    out
}

/// `1234567` → `"1.234.567"`.
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vnd() {
        assert_eq!(format_vnd(1_234_567), "1.234.567 ₫");
        assert_eq!(format_vnd(0), "0 ₫");
        assert_eq!(format_vnd(999), "999 ₫");
        assert_eq!(format_vnd(1000), "1.000 ₫");
        assert_eq!(format_vnd(-25_000_000), "-25.000.000 ₫");
        assert_eq!(format_vnd(i64::MIN), "-9.223.372.036.854.775.808 ₫");
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap();
        assert_eq!(format_date(d), "01/04/2025");
    }

    #[test]
    fn numbers() {
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(1500.0), "1.500");
        assert_eq!(format_number(2.5), "2,5");
        assert_eq!(format_number(12.25), "12,25");
        assert_eq!(format_number(-0.5), "-0,5");
    }

    #[test]
    fn local_time_is_hanoi_time() {
        // 2025-06-30 17:30 UTC is 00:30 the next day in Hanoi.
        let t = chrono::NaiveDate::from_ymd_opt(2025, 6, 30)
            .unwrap()
            .and_hms_opt(17, 30, 0)
            .unwrap()
            .and_utc()
            .timestamp();
        assert_eq!(format_local_time(t), "01/07/2025 00:30");
    }
}

#[cfg(test)]
mod report_agrees {
    use super::*;

    /// The figure that once printed "1.234,5" on pages and "1234,5" in the report.
    #[test]
    fn a_decimal_over_a_thousand_is_grouped() {
        assert_eq!(format_number(1234.5), "1.234,5");
        assert_eq!(format_number(-1234.25), "-1.234,25");
    }
}
