//! Dates and times as the public reads them: `05/12/2026` in Vietnamese, `5 Dec 2026` in
//! English; an event in Hà Nội's time, and in its own zone too when that differs.

use crate::i18n::Tr;
use chrono::{DateTime, NaiveDate, Utc};
use domain::Language;
use domain::events::{EventTimes, HANOI};

/// A day.
pub fn day(date: NaiveDate, lang: Language) -> String {
    match lang {
        Language::Vi => date.format("%d/%m/%Y").to_string(),
        Language::En => date.format("%-d %b %Y").to_string(),
    }
}

/// The day of an instant, in Hà Nội.
pub fn day_of(unix: i64, lang: Language) -> String {
    let at = DateTime::<Utc>::from_timestamp(unix, 0).unwrap_or_default();
    day(at.with_timezone(&HANOI).date_naive(), lang)
}

/// An instant as `<time datetime>` takes it: `2026-11-24T14:00:00+07:00`.
pub fn machine(unix: i64) -> String {
    let at = DateTime::<Utc>::from_timestamp(unix, 0).unwrap_or_default();
    at.with_timezone(&HANOI)
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

/// "24/11/2026, 14:00–16:00" in `zone`; an event over several days names both days.
fn span<Z: chrono::TimeZone>(times: &EventTimes, zone: &Z, lang: Language) -> String
where
    Z::Offset: std::fmt::Display,
{
    let s = times.start.with_timezone(zone);
    let e = times.end.with_timezone(zone);
    let (sd, ed) = (s.date_naive(), e.date_naive());
    if sd == ed {
        format!(
            "{}, {}–{}",
            day(sd, lang),
            s.format("%H:%M"),
            e.format("%H:%M")
        )
    } else {
        format!(
            "{}, {} – {}, {}",
            day(sd, lang),
            s.format("%H:%M"),
            day(ed, lang),
            e.format("%H:%M")
        )
    }
}

/// When an event is: in Hà Nội's time, then in its own zone if that differs.
pub fn event_when(times: &EventTimes, t: &Tr) -> String {
    let lang = t.lang;
    let hanoi = t.t("public.hanoi_time");
    let mut out = format!("{} ({hanoi})", span(times, &HANOI, lang));
    if !times.is_hanoi_time() {
        let local = span(times, &times.zone, lang);
        out.push_str(&format!(" · {local} ({})", times.zone.name()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        assert_eq!(day(d, Language::Vi), "05/12/2026");
        assert_eq!(day(d, Language::En), "5 Dec 2026");
        // 2026-11-16 23:30 UTC is the 17th in Hà Nội.
        let late = 1_794_871_800;
        assert_eq!(day_of(late, Language::Vi), "17/11/2026");
        assert!(machine(late).ends_with("+07:00"), "{}", machine(late));
    }

    #[test]
    fn an_event_in_hanoi_and_one_abroad() {
        let at = |s: &str| s.parse::<DateTime<Utc>>().unwrap().timestamp();
        let here = EventTimes::from_utc(
            "Asia/Ho_Chi_Minh",
            at("2026-11-24T07:00:00Z"),
            at("2026-11-24T09:00:00Z"),
        )
        .unwrap();
        assert_eq!(
            event_when(&here, Tr::get(Language::Vi)),
            "24/11/2026, 14:00–16:00 (giờ Hà Nội)"
        );
        let paris = EventTimes::from_utc(
            "Europe/Paris",
            at("2027-03-29T08:00:00Z"),
            at("2027-03-30T16:00:00Z"),
        )
        .unwrap();
        assert_eq!(
            event_when(&paris, Tr::get(Language::En)),
            "29 Mar 2027, 15:00 – 30 Mar 2027, 23:00 (Hà Nội time) · \
             29 Mar 2027, 10:00 – 30 Mar 2027, 18:00 (Europe/Paris)"
        );
    }
}
