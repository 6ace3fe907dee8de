//! iCalendar (RFC 5545) feeds of events: one `.ics` per event, or a feed per user/unit.
//!
//! Times are written as **local time with a TZID** (`DTSTART;TZID=Europe/Paris:20250329T100000`)
//! and each zone used gets a **VTIMEZONE** built from chrono-tz's rules for the years the
//! events span. Why not UTC: an event is planned as "10:00 in Paris"; with the TZID a
//! calendar shows it at that wall-clock time in Paris and converts for the reader, and
//! the definition travels with the file for clients that do not know IANA names.
//!
//! The VEVENTs are built with the `icalendar` crate (escaping of `\ , ; newline`, line
//! folding at 75 octets on UTF-8 boundaries). Its generic components always add a
//! DTSTAMP and a UID, which VTIMEZONE may not carry, so the VTIMEZONE blocks are written
//! here as text (their values are ASCII: names, offsets, dates).

use chrono::{DateTime, Datelike, NaiveDateTime, Offset, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
use icalendar::{Calendar, CalendarDateTime, Component, EventLike};
use std::collections::BTreeMap;

/// Where an event stands, as RFC 5545 says it (planned → TENTATIVE, confirmed and held →
/// CONFIRMED, cancelled → CANCELLED).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IcalStatus {
    Tentative,
    Confirmed,
    Cancelled,
}

/// One event for a feed.
#[derive(Debug, Clone, PartialEq)]
pub struct IcalEvent {
    /// Stable across edits, e.g. "event-42@sangtao".
    pub uid: String,
    pub summary: String,
    pub description: Option<String>,
    /// A venue.
    pub location: Option<String>,
    /// An online link, or the event's page.
    pub url: Option<String>,
    pub zone: Tz,
    /// Wall-clock times in `zone`.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub status: IcalStatus,
    /// Last change: LAST-MODIFIED.
    pub updated: DateTime<Utc>,
    /// SEQUENCE: the revision, 0 for the event as first written, one more per change.
    pub sequence: u32,
}

/// Text values: CRLF and CR become LF (escaped as `\n` by the writer); other control
/// characters are dropped.
fn clean(s: &str) -> String {
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// A calendar named `name` with `events`, stamped `now` (DTSTAMP).
pub fn calendar(name: &str, events: &[IcalEvent], now: DateTime<Utc>) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(icalendar::Property::new(
        "PRODID",
        "-//sangtao//Su kien//VI",
    ));
    cal.append_property(icalendar::Property::new("VERSION", "2.0"));
    cal.append_property(icalendar::Property::new("CALSCALE", "GREGORIAN"));
    cal.append_property(icalendar::Property::new("METHOD", "PUBLISH"));
    // `Calendar::name` writes NAME unescaped (the crate knows no value type for it, as
    // RFC 7986 is newer than its table) and X-WR-CALNAME escaped: NAME is escaped here.
    let name = clean(name).replace('\n', " ");
    cal.append_property(icalendar::Property::new("NAME", escape_text(&name)));
    cal.append_property(icalendar::Property::new("X-WR-CALNAME", name));
    for e in events {
        let mut ev = icalendar::Event::new();
        ev.uid(&clean(&e.uid))
            .timestamp(now)
            .summary(&clean(&e.summary))
            .starts(CalendarDateTime::WithTimezone {
                date_time: e.start,
                tzid: e.zone.name().to_string(),
            })
            .ends(CalendarDateTime::WithTimezone {
                date_time: e.end,
                tzid: e.zone.name().to_string(),
            })
            .last_modified(e.updated)
            .sequence(e.sequence)
            .status(match e.status {
                IcalStatus::Tentative => icalendar::EventStatus::Tentative,
                IcalStatus::Confirmed => icalendar::EventStatus::Confirmed,
                IcalStatus::Cancelled => icalendar::EventStatus::Cancelled,
            });
        if let Some(d) = e.description.as_deref().filter(|d| !d.trim().is_empty()) {
            ev.description(&clean(d));
        }
        if let Some(l) = e.location.as_deref().filter(|l| !l.trim().is_empty()) {
            ev.location(&clean(l));
        }
        if let Some(u) = e.url.as_deref().filter(|u| !u.trim().is_empty()) {
            // A URI, not text: no escaping, and no spaces or control characters.
            ev.url(&u.chars().filter(|c| !c.is_whitespace()).collect::<String>());
        }
        cal.push(ev.done());
    }
    let text = cal.done().to_string();
    let zones = timezones(events);
    // VTIMEZONE first, as calendars conventionally have it (RFC 5545 allows any order).
    let at = text
        .find("BEGIN:VEVENT")
        .or_else(|| text.rfind("END:VCALENDAR"))
        .unwrap_or(text.len());
    let mut out = String::with_capacity(text.len() + zones.len());
    out.push_str(&text[..at]);
    out.push_str(&zones);
    out.push_str(&text[at..]);
    out
}

/// A TEXT value as RFC 5545 §3.3.11 escapes it (newlines are already `\n` characters).
fn escape_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace(',', "\\,")
        .replace(';', "\\;")
        .replace('\n', "\\n")
}

/// VTIMEZONE blocks for the zones of `events`, covering the years from one before the
/// earliest start to one after the latest end.
fn timezones(events: &[IcalEvent]) -> String {
    let mut years: BTreeMap<&'static str, (Tz, i32, i32)> = BTreeMap::new();
    for e in events {
        let entry = years
            .entry(e.zone.name())
            .or_insert((e.zone, e.start.year(), e.end.year()));
        entry.1 = entry.1.min(e.start.year());
        entry.2 = entry.2.max(e.end.year());
    }
    let mut out = String::new();
    for (tz, first, last) in years.into_values() {
        out.push_str(&vtimezone(tz, first - 1, last + 1));
    }
    out
}

/// One observance: the offset in force from `onset` (UTC) on.
struct Observance {
    onset: DateTime<Utc>,
    from: i32,
    to: i32,
    daylight: bool,
    name: Option<String>,
}

fn offset_at(tz: Tz, t: DateTime<Utc>) -> (i32, bool, Option<String>) {
    let o = tz.offset_from_utc_datetime(&t.naive_utc());
    (
        o.fix().local_minus_utc(),
        o.dst_offset().num_seconds() != 0,
        o.abbreviation().map(str::to_string),
    )
}

/// The zone's offset changes from 1 January of `first` to 31 December of `last`
/// (found day by day, then to the second by bisection).
fn transitions(tz: Tz, first: i32, last: i32) -> Vec<Observance> {
    let start = Utc
        .with_ymd_and_hms(first, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let stop = Utc
        .with_ymd_and_hms(last + 1, 1, 1, 0, 0, 0)
        .single()
        .unwrap_or_default();
    let (off, dst, name) = offset_at(tz, start);
    let mut out = vec![Observance {
        onset: start,
        from: off,
        to: off,
        daylight: dst,
        name,
    }];
    let day = chrono::Duration::days(1);
    let mut t = start;
    let mut cur = off;
    while t < stop {
        let next = t + day;
        let (o, _, _) = offset_at(tz, next);
        if o != cur {
            // The change lies in (t, next]: bisect to the second.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > chrono::Duration::seconds(1) {
                let mid = lo + (hi - lo) / 2;
                if offset_at(tz, mid).0 == cur {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            let (to, dst, name) = offset_at(tz, hi);
            out.push(Observance {
                onset: hi,
                from: cur,
                to,
                daylight: dst,
                name,
            });
            cur = o;
        }
        t = next;
    }
    out
}

/// "+0700", "-0600", "+053000" when there are seconds.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    let (h, m, sec) = (s / 3600, (s % 3600) / 60, s % 60);
    if sec == 0 {
        format!("{sign}{h:02}{m:02}")
    } else {
        format!("{sign}{h:02}{m:02}{sec:02}")
    }
}

fn vtimezone(tz: Tz, first: i32, last: i32) -> String {
    let mut s = format!("BEGIN:VTIMEZONE\r\nTZID:{}\r\n", tz.name());
    for o in transitions(tz, first, last) {
        let kind = if o.daylight { "DAYLIGHT" } else { "STANDARD" };
        // DTSTART is the onset in the local time that was in force before it.
        let local = o.onset.naive_utc() + chrono::Duration::seconds(o.from as i64);
        s.push_str(&format!(
            "BEGIN:{kind}\r\nDTSTART:{}\r\nTZOFFSETFROM:{}\r\nTZOFFSETTO:{}\r\n",
            local.format("%Y%m%dT%H%M%S"),
            utc_offset(o.from),
            utc_offset(o.to)
        ));
        if let Some(n) = o.name.filter(|n| {
            !n.is_empty()
                && n.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-')
        }) {
            s.push_str(&format!("TZNAME:{n}\r\n"));
        }
        s.push_str(&format!("END:{kind}\r\n"));
    }
    s.push_str("END:VTIMEZONE\r\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use icalendar::parser::{Component as Parsed, read_calendar, unfold};

    fn dt(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    fn ev(uid: &str, zone: Tz, start: NaiveDateTime, end: NaiveDateTime) -> IcalEvent {
        IcalEvent {
            uid: uid.into(),
            summary: "Phiên họp trực tuyến Mạng lưới".into(),
            description: None,
            location: None,
            url: None,
            zone,
            start,
            end,
            status: IcalStatus::Confirmed,
            updated: Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap(),
            sequence: 0,
        }
    }

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2025, 3, 2, 9, 30, 0).unwrap()
    }

    fn prop<'a>(c: &'a Parsed<'a>, name: &str) -> Option<&'a str> {
        c.properties
            .iter()
            .find(|p| p.name.as_str() == name)
            .map(|p| p.val.as_str())
    }

    fn param<'a>(c: &'a Parsed<'a>, name: &str, key: &str) -> Option<&'a str> {
        c.properties
            .iter()
            .find(|p| p.name.as_str() == name)?
            .params
            .iter()
            .find(|x| x.key.as_str() == key)?
            .val
            .as_ref()
            .map(|v| v.as_str())
    }

    /// Reads a local DTSTART/DTEND back to UTC with the file's own VTIMEZONE: the
    /// observance whose onset (in its TZOFFSETFROM local time) is the latest not after it.
    fn to_utc_with_vtimezone(tz: &Parsed<'_>, local: &str) -> DateTime<Utc> {
        let local = NaiveDateTime::parse_from_str(local, "%Y%m%dT%H%M%S").unwrap();
        let secs = |s: &str| {
            let sign = if s.starts_with('-') { -1 } else { 1 };
            let h: i64 = s[1..3].parse().unwrap();
            let m: i64 = s[3..5].parse().unwrap();
            sign * (h * 3600 + m * 60)
        };
        let mut best: Option<(DateTime<Utc>, i64)> = None;
        for o in &tz.components {
            let onset_local =
                NaiveDateTime::parse_from_str(prop(o, "DTSTART").unwrap(), "%Y%m%dT%H%M%S")
                    .unwrap();
            let from = secs(prop(o, "TZOFFSETFROM").unwrap());
            let to = secs(prop(o, "TZOFFSETTO").unwrap());
            let onset = Utc.from_utc_datetime(&(onset_local - chrono::Duration::seconds(from)));
            let candidate = Utc.from_utc_datetime(&(local - chrono::Duration::seconds(to)));
            if candidate >= onset && best.is_none_or(|(b, _)| onset > b) {
                best = Some((onset, to));
            }
        }
        let (_, to) = best.expect("an observance covers the time");
        Utc.from_utc_datetime(&(local - chrono::Duration::seconds(to)))
    }

    #[test]
    fn parses_back_with_the_right_times_in_each_zone() {
        let events = vec![
            ev(
                "event-1@sangtao",
                chrono_tz::Europe::Paris,
                dt(2025, 3, 29, 10, 0),
                dt(2025, 3, 29, 12, 0),
            ),
            ev(
                "event-2@sangtao",
                chrono_tz::Europe::Paris,
                dt(2025, 3, 31, 10, 0),
                dt(2025, 3, 31, 12, 0),
            ),
            ev(
                "event-3@sangtao",
                chrono_tz::America::Mexico_City,
                dt(2025, 7, 15, 10, 0),
                dt(2025, 7, 15, 11, 30),
            ),
            ev(
                "event-4@sangtao",
                chrono_tz::Asia::Ho_Chi_Minh,
                dt(2025, 11, 5, 8, 30),
                dt(2025, 11, 5, 11, 30),
            ),
            ev(
                "event-5@sangtao",
                chrono_tz::Europe::Paris,
                dt(2025, 10, 27, 9, 0),
                dt(2025, 10, 27, 10, 0),
            ),
        ];
        let text = calendar("Sự kiện Hà Nội", &events, now());
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        let unfolded = unfold(&text);
        let cal = read_calendar(&unfolded).expect("parses");
        let comps = &cal.components;
        let zones: Vec<&Parsed> = comps
            .iter()
            .filter(|c| c.name.as_str() == "VTIMEZONE")
            .collect();
        let vevents: Vec<&Parsed> = comps
            .iter()
            .filter(|c| c.name.as_str() == "VEVENT")
            .collect();
        assert_eq!(vevents.len(), 5);
        // One VTIMEZONE per zone used, none twice.
        let mut ids: Vec<&str> = zones.iter().map(|z| prop(z, "TZID").unwrap()).collect();
        ids.sort();
        assert_eq!(
            ids,
            ["America/Mexico_City", "Asia/Ho_Chi_Minh", "Europe/Paris"]
        );
        for z in &zones {
            assert!(prop(z, "DTSTAMP").is_none() && prop(z, "UID").is_none());
            assert!(!z.components.is_empty());
        }
        let zone = |id: &str| *zones.iter().find(|z| prop(z, "TZID") == Some(id)).unwrap();
        // Paris has its two 2025 changes, spelt as RFC 5545 wants.
        let paris = zone("Europe/Paris");
        let spring = paris
            .components
            .iter()
            .find(|o| prop(o, "DTSTART") == Some("20250330T020000"))
            .expect("spring forward 30/03/2025 02:00");
        assert_eq!(spring.name.as_str(), "DAYLIGHT");
        assert_eq!(prop(spring, "TZOFFSETFROM"), Some("+0100"));
        assert_eq!(prop(spring, "TZOFFSETTO"), Some("+0200"));
        assert_eq!(prop(spring, "TZNAME"), Some("CEST"));
        let autumn = paris
            .components
            .iter()
            .find(|o| prop(o, "DTSTART") == Some("20251026T030000"))
            .expect("fall back 26/10/2025 03:00");
        assert_eq!(autumn.name.as_str(), "STANDARD");
        // Mexico City: no change at all in 2024–2026.
        let mx = zone("America/Mexico_City");
        assert_eq!(mx.components.len(), 1);
        assert_eq!(prop(&mx.components[0], "TZOFFSETTO"), Some("-0600"));

        let expected_utc = [
            (2025, 3, 29, 9, 0),
            (2025, 3, 31, 8, 0),
            (2025, 7, 15, 16, 0),
            (2025, 11, 5, 1, 30),
            (2025, 10, 27, 8, 0),
        ];
        for (i, v) in vevents.iter().enumerate() {
            assert_eq!(prop(v, "UID"), Some(events[i].uid.as_str()));
            assert_eq!(prop(v, "DTSTAMP"), Some("20250302T093000Z"));
            let tzid = param(v, "DTSTART", "TZID").unwrap();
            assert_eq!(tzid, events[i].zone.name());
            assert_eq!(param(v, "DTEND", "TZID"), Some(tzid));
            let start = to_utc_with_vtimezone(zone(tzid), prop(v, "DTSTART").unwrap());
            let (y, m, d, h, min) = expected_utc[i];
            assert_eq!(
                start,
                Utc.with_ymd_and_hms(y, m, d, h, min, 0).unwrap(),
                "{i}"
            );
            // And chrono-tz agrees with the file.
            assert_eq!(
                start,
                events[i]
                    .zone
                    .from_local_datetime(&events[i].start)
                    .unwrap()
                    .with_timezone(&Utc)
            );
            let end = to_utc_with_vtimezone(zone(tzid), prop(v, "DTEND").unwrap());
            assert!(end > start);
        }
        // The crate's own reader agrees on the event times too.
        let full: icalendar::Calendar = text.parse().unwrap();
        let first = full.events().next().unwrap();
        assert_eq!(
            first.get_start(),
            Some(icalendar::DatePerhapsTime::DateTime(
                CalendarDateTime::WithTimezone {
                    date_time: dt(2025, 3, 29, 10, 0),
                    tzid: "Europe/Paris".into()
                }
            ))
        );
    }

    #[test]
    fn escapes_folds_and_keeps_vietnamese_text() {
        let mut e = ev(
            "event-9@sangtao",
            chrono_tz::Asia::Ho_Chi_Minh,
            dt(2025, 6, 10, 8, 0),
            dt(2025, 6, 10, 11, 0),
        );
        e.summary = "Hội thảo: Di sản, sáng tạo; và “thành phố” \\ Hà Nội".into();
        e.description = Some(
            "Dòng một\r\nDòng hai, có dấu phẩy; chấm phẩy.\nTham luận của chuyên gia Nguyễn Thị \
             Hồng Nhung về không gian sáng tạo trong khu phố cổ Hà Nội và làng nghề truyền thống"
                .into(),
        );
        e.location = Some("Bảo tàng Hà Nội, Phạm Hùng, Nam Từ Liêm".into());
        e.url = Some("https://meet.example.org/phien-hop?id=1,2".into());
        e.status = IcalStatus::Tentative;
        let text = calendar("Lịch của Phòng Quản lý Di sản văn hóa", &[e.clone()], now());
        // Every physical line: CRLF-terminated, at most 75 octets, whole UTF-8 (a &str).
        for line in text.split("\r\n") {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
            assert!(!line.contains('\n') && !line.contains('\r'));
        }
        assert!(
            text.split("\r\n").any(|l| l.starts_with(' ')),
            "long lines are folded"
        );
        assert!(
            unfold(&text)
                .contains("SUMMARY:Hội thảo: Di sản\\, sáng tạo\\; và “thành phố” \\\\ Hà Nội\r\n")
        );
        assert!(text.contains("STATUS:TENTATIVE"));
        let cal: icalendar::Calendar = text.parse().unwrap();
        let back = cal.events().next().unwrap();
        assert_eq!(back.get_summary(), Some(e.summary.as_str()));
        assert_eq!(
            back.get_description(),
            Some(
                "Dòng một\nDòng hai, có dấu phẩy; chấm phẩy.\nTham luận của chuyên gia Nguyễn Thị \
                 Hồng Nhung về không gian sáng tạo trong khu phố cổ Hà Nội và làng nghề truyền thống"
            )
        );
        assert_eq!(back.get_location(), e.location.as_deref());
        assert_eq!(back.get_url(), e.url.as_deref());
        assert_eq!(back.get_status(), Some(icalendar::EventStatus::Tentative));
        assert_eq!(
            cal.get_name(),
            Some("Lịch của Phòng Quản lý Di sản văn hóa")
        );
    }

    #[test]
    fn the_calendar_name_is_escaped_in_name_as_in_x_wr_calname() {
        let text = calendar("Lịch, Hà Nội; UCCN \\ 2025", &[], now());
        let unfolded = unfold(&text);
        let cal = read_calendar(&unfolded).expect("parses");
        let raw = |name: &str| {
            cal.properties
                .iter()
                .find(|p| p.name.as_str() == name)
                .map(|p| p.val.as_str().to_string())
        };
        assert_eq!(
            raw("NAME").as_deref(),
            Some("Lịch\\, Hà Nội\\; UCCN \\\\ 2025"),
            "{text}"
        );
        // The parser unescapes X-WR-CALNAME (an X- property is text) back to the name…
        assert_eq!(
            raw("X-WR-CALNAME").as_deref(),
            Some("Lịch, Hà Nội; UCCN \\ 2025")
        );
        // …and on the wire both lines carry the same escaped value.
        let line = |name: &str| {
            unfolded
                .split("\r\n")
                .find_map(|l| l.strip_prefix(name))
                .map(str::to_string)
        };
        assert_eq!(line("NAME:"), line("X-WR-CALNAME:"));
    }

    #[test]
    fn uid_is_stable_and_statuses_map() {
        let mut a = ev(
            "event-7@sangtao",
            chrono_tz::Asia::Ho_Chi_Minh,
            dt(2025, 6, 10, 8, 0),
            dt(2025, 6, 10, 9, 0),
        );
        let one = calendar("x", &[a.clone()], now());
        a.summary = "Đổi tên".into();
        a.status = IcalStatus::Cancelled;
        a.updated += chrono::Duration::hours(1);
        a.sequence += 1;
        let two = calendar("x", &[a], now());
        let uid = |t: &str| {
            t.split("\r\n")
                .find(|l| l.starts_with("UID:"))
                .unwrap()
                .to_string()
        };
        assert_eq!(uid(&one), uid(&two));
        assert!(two.contains("STATUS:CANCELLED"));
        let seq = |t: &str| -> u32 {
            t.split("\r\n")
                .find_map(|l| l.strip_prefix("SEQUENCE:"))
                .unwrap()
                .parse()
                .unwrap()
        };
        assert_eq!(
            (seq(&one), seq(&two)),
            (0, 1),
            "SEQUENCE counts the revisions"
        );
        // An empty feed is still a valid calendar.
        let empty = calendar("Trống", &[], now());
        let unfolded = unfold(&empty);
        let cal = read_calendar(&unfolded).unwrap();
        assert!(cal.components.is_empty());
        assert!(empty.contains("VERSION:2.0") && empty.contains("PRODID:"));
    }
}
