//! An event's times: zones by IANA name, local times as typed, gaps and folds refused,
//! and [`EventTimes`] shown in the event's zone and in Hanoi's.

use super::EventError;
use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone, Utc};
use chrono_tz::Tz;

/// Hanoi's zone: every event is also shown in it.
pub const HANOI: Tz = chrono_tz::Asia::Ho_Chi_Minh;

/// An IANA zone by name ("Europe/Paris"); surrounding spaces ignored.
pub fn parse_zone(name: &str) -> Result<Tz, EventError> {
    let n = name.trim();
    n.parse::<Tz>()
        .map_err(|_| EventError::UnknownZone(n.to_string()))
}

/// A local date and time as people type them: the date `dd/mm/yyyy` (or `yyyy-mm-dd`)
/// and the time `HH:MM` (`9:00`, `09h00`, `9h` also read).
pub fn parse_local(date: &str, time: &str) -> Result<NaiveDateTime, EventError> {
    let bad = || EventError::BadDateTime(format!("{} {}", date.trim(), time.trim()));
    let d = date.trim();
    let day = NaiveDate::parse_from_str(d, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(d, "%d/%m/%Y"))
        .map_err(|_| bad())?;
    let at = parse_clock(time).map_err(|_| bad())?;
    Ok(day.and_time(at))
}

/// A time of day as typed: `HH:MM` (`9:00`, `09h00`, `9h` also read).
pub fn parse_clock(time: &str) -> Result<NaiveTime, EventError> {
    let bad = || EventError::BadDateTime(time.trim().to_string());
    let t = time.trim().to_lowercase().replace('h', ":");
    let t = if t.ends_with(':') {
        format!("{t}00")
    } else {
        t
    };
    let (h, m) = t.split_once(':').ok_or_else(bad)?;
    let (h, m): (u32, u32) = (
        h.trim().parse().map_err(|_| bad())?,
        m.trim().parse().map_err(|_| bad())?,
    );
    NaiveTime::from_hms_opt(h, m, 0).ok_or_else(bad)
}

fn local_text(t: NaiveDateTime) -> String {
    t.format("%d/%m/%Y %H:%M").to_string()
}

/// `local` in `zone`, refusing gaps and folds.
pub fn to_utc(zone: Tz, local: NaiveDateTime) -> Result<DateTime<Utc>, EventError> {
    match zone.from_local_datetime(&local) {
        chrono::LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        chrono::LocalResult::Ambiguous(a, b) => Err(EventError::AmbiguousTime {
            local: local_text(local),
            zone: zone.name().to_string(),
            first: offset_text(a.offset().fix().local_minus_utc()),
            second: offset_text(b.offset().fix().local_minus_utc()),
        }),
        chrono::LocalResult::None => Err(EventError::NonexistentTime {
            local: local_text(local),
            zone: zone.name().to_string(),
        }),
    }
}

/// "UTC+07:00", "UTC−05:00".
pub fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("UTC{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

/// An event's start and end, planned in its own zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventTimes {
    pub zone: Tz,
    pub start_local: NaiveDateTime,
    pub end_local: NaiveDateTime,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

impl EventTimes {
    /// Checks the zone, each local time, and that the end is not before the start
    /// (compared as instants: an event across a clock change keeps its real length).
    pub fn resolve(
        zone: &str,
        start_local: NaiveDateTime,
        end_local: NaiveDateTime,
    ) -> Result<EventTimes, EventError> {
        let zone = parse_zone(zone)?;
        let start = to_utc(zone, start_local)?;
        let end = to_utc(zone, end_local)?;
        if end < start {
            return Err(EventError::EndBeforeStart {
                start: local_text(start_local),
                end: local_text(end_local),
            });
        }
        Ok(EventTimes {
            zone,
            start_local,
            end_local,
            start,
            end,
        })
    }

    /// From stored UTC seconds and the zone (the local times are recomputed).
    pub fn from_utc(zone: &str, start: i64, end: i64) -> Result<EventTimes, EventError> {
        let zone = parse_zone(zone)?;
        let at = |s: i64| {
            DateTime::<Utc>::from_timestamp(s, 0).ok_or(EventError::BadDateTime(s.to_string()))
        };
        let (start, end) = (at(start)?, at(end)?);
        Ok(EventTimes {
            zone,
            start_local: start.with_timezone(&zone).naive_local(),
            end_local: end.with_timezone(&zone).naive_local(),
            start,
            end,
        })
    }

    pub fn duration(&self) -> chrono::Duration {
        self.end - self.start
    }

    /// The date the event counts on: its start, in its own zone.
    pub fn start_date(&self) -> NaiveDate {
        self.start_local.date()
    }

    /// "29/03/2025 10:00 – 18:00 (Europe/Paris, UTC+01:00)"; a multi-day event names both
    /// dates; an offset change inside the event shows both offsets.
    pub fn in_zone(&self, zone: Tz) -> String {
        let s = self.start.with_timezone(&zone);
        let e = self.end.with_timezone(&zone);
        let so = s.offset().fix().local_minus_utc();
        let eo = e.offset().fix().local_minus_utc();
        let end = if s.date_naive() == e.date_naive() {
            e.format("%H:%M").to_string()
        } else {
            e.format("%d/%m/%Y %H:%M").to_string()
        };
        let offsets = if so == eo {
            offset_text(so)
        } else {
            format!("{} → {}", offset_text(so), offset_text(eo))
        };
        format!(
            "{} – {end} ({}, {offsets})",
            s.format("%d/%m/%Y %H:%M"),
            zone.name()
        )
    }

    /// In the event's own zone.
    pub fn local_text(&self) -> String {
        self.in_zone(self.zone)
    }

    /// In Hanoi.
    pub fn hanoi_text(&self) -> String {
        self.in_zone(HANOI)
    }

    /// Whether the event happens in Hanoi's time (then one line is enough).
    pub fn is_hanoi_time(&self) -> bool {
        let a = self.start.with_timezone(&self.zone).offset().fix();
        let b = self.start.with_timezone(&HANOI).offset().fix();
        let c = self.end.with_timezone(&self.zone).offset().fix();
        let d = self.end.with_timezone(&HANOI).offset().fix();
        a == b && c == d
    }
}
