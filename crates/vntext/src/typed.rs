//! What people type into forms, read into values: dates as `dd/mm/yyyy` and figures in
//! Vietnamese style ("1.500", "2,5"). Used by the web forms and by whatever reads a typed
//! draft back (the official report's date).

use chrono::NaiveDate;

/// Input that does not read as the value asked for (the page says which field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unreadable;

impl std::fmt::Display for Unreadable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("unreadable input")
    }
}

impl std::error::Error for Unreadable {}

/// A date as typed: `dd/mm/yyyy` (also `d/m/yyyy`, `-` or `.` as separators) or the
/// `yyyy-mm-dd` of `<input type=date>`. Empty is `Ok(None)`.
pub fn parse_date(s: &str) -> Result<Option<NaiveDate>, Unreadable> {
    let s = s.trim();
    if s.is_empty() {
        return Ok(None);
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Ok(Some(d));
    }
    let parts: Vec<&str> = s.split(['/', '-', '.']).collect();
    let [d, m, y] = parts.as_slice() else {
        return Err(Unreadable);
    };
    let num = |p: &str, max_len: usize| -> Result<u32, Unreadable> {
        if p.is_empty() || p.len() > max_len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(Unreadable);
        }
        p.parse().map_err(|_| Unreadable)
    };
    let (d, m, y) = (num(d, 2)?, num(m, 2)?, num(y, 4)?);
    if y < 1900 {
        return Err(Unreadable);
    }
    NaiveDate::from_ymd_opt(y as i32, m, d)
        .map(Some)
        .ok_or(Unreadable)
}

/// A figure as typed in Vietnamese style: "1.500" is fifteen hundred, "2,5" is two and a
/// half; "1500" and "2.5" (with one dot followed by other than three digits) also read.
pub fn parse_number(s: &str) -> Result<Option<f64>, Unreadable> {
    let s = s.trim().replace([' ', '\u{a0}'], "");
    if s.is_empty() {
        return Ok(None);
    }
    let grouped = |t: &str| {
        let mut parts = t.split('.');
        let first = parts.next().unwrap_or("");
        !first.is_empty()
            && first.len() <= 3
            && t.contains('.')
            && parts.all(|p| p.len() == 3 && p.bytes().all(|b| b.is_ascii_digit()))
    };
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let int = if grouped(int.trim_start_matches('-')) {
        int.replace('.', "")
    } else {
        int
    };
    let text = match frac {
        Some(f) => format!("{int}.{f}"),
        None => int,
    };
    let v: f64 = text.parse().map_err(|_| Unreadable)?;
    if v.is_finite() {
        Ok(Some(v))
    } else {
        Err(Unreadable)
    }
}

/// A whole number as typed in Vietnamese style, for money and counts: "1.234.567",
/// "1 234 567" and "1234567" are the same; a fraction ("2,5") does not read.
pub fn parse_whole(s: &str) -> Result<Option<i64>, Unreadable> {
    match parse_number(s)? {
        None => Ok(None),
        // Exact below 2^53, far above any amount or count the plan holds.
        Some(v) if v.fract() == 0.0 && v.abs() < 9.0e15 => Ok(Some(v as i64)),
        Some(_) => Err(Unreadable),
    }
}

/// A percentage as typed: "50", "50,5", "50 %". A percentage is never above a hundred, so
/// it has no thousands: a dot is read as the decimal point too ("1.5" is 1,5 %, where
/// [`parse_number`] would read "1.500" as fifteen hundred).
pub fn parse_percent(s: &str) -> Result<Option<f64>, Unreadable> {
    let t = s.trim().trim_end_matches('%');
    if t.contains('.') && t.contains(',') {
        return Err(Unreadable);
    }
    parse_number(&t.replace('.', ","))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_people_type_them() {
        let d = |y, m, d| Ok(Some(NaiveDate::from_ymd_opt(y, m, d).unwrap()));
        assert_eq!(parse_date("30/06/2025"), d(2025, 6, 30));
        assert_eq!(parse_date(" 1/7/2025 "), d(2025, 7, 1));
        assert_eq!(parse_date("01-07-2025"), d(2025, 7, 1));
        assert_eq!(parse_date("2025-07-01"), d(2025, 7, 1));
        assert_eq!(parse_date(""), Ok(None));
        for bad in [
            "31/02/2025",
            "32/01/2025",
            "1/13/2025",
            "hôm nay",
            "1/1/25",
            "1/1/2025/1",
        ] {
            assert_eq!(parse_date(bad), Err(Unreadable), "{bad}");
        }
    }

    #[test]
    fn numbers_in_vietnamese_style() {
        assert_eq!(parse_number("1.500"), Ok(Some(1500.0)));
        assert_eq!(parse_number("2,5"), Ok(Some(2.5)));
        assert_eq!(parse_number("1.234.567,5"), Ok(Some(1234567.5)));
        assert_eq!(parse_number("21"), Ok(Some(21.0)));
        assert_eq!(parse_number("2.5"), Ok(Some(2.5)));
        assert_eq!(parse_number("-3"), Ok(Some(-3.0)));
        assert_eq!(parse_number(""), Ok(None));
        assert_eq!(parse_number("abc"), Err(Unreadable));
        assert_eq!(parse_number("NaN"), Err(Unreadable));
        assert_eq!(parse_number("inf"), Err(Unreadable));
        assert_eq!(parse_number("50,5"), Ok(Some(50.5)));
        assert_eq!(parse_number("1.234.567"), Ok(Some(1234567.0)));
    }

    #[test]
    fn whole_numbers_for_money_and_counts() {
        assert_eq!(parse_whole("1.234.567"), Ok(Some(1234567)));
        assert_eq!(parse_whole("1 234 567"), Ok(Some(1234567)));
        assert_eq!(parse_whole("250000000"), Ok(Some(250_000_000)));
        assert_eq!(parse_whole(""), Ok(None));
        assert_eq!(parse_whole("2,5"), Err(Unreadable));
        assert_eq!(parse_whole("1.5"), Err(Unreadable));
    }

    #[test]
    fn percentages_read_a_dot_as_the_decimal_point() {
        assert_eq!(parse_percent("50,5"), Ok(Some(50.5)));
        assert_eq!(parse_percent("50.5"), Ok(Some(50.5)));
        assert_eq!(parse_percent("1.5"), Ok(Some(1.5)));
        assert_eq!(parse_percent(" 75 % "), Ok(Some(75.0)));
        assert_eq!(parse_percent("100%"), Ok(Some(100.0)));
        assert_eq!(parse_percent(""), Ok(None));
        assert_eq!(parse_percent("1.000,5"), Err(Unreadable));
        assert_eq!(parse_percent("nửa"), Err(Unreadable));
    }
}
