//! A city's timeline, paged in SQL: the events it organised or joined, its letters and
//! MoUs, the delegations that went there and its joint projects (on their start day),
//! newest first, on one day
//! in the order of `domain::cities::InteractionKind::rank`, then the newest record first —
//! the order `domain::cities::timeline` defines (the conformance tests hold them
//! together). One query for the page, one for the count; a city with 10,000 interactions
//! reads 100 of them.

use super::{Pool, R};
use crate::StoreError;
use crate::cities_model::*;
use chrono::NaiveDate;
use domain::CityId;
use domain::cities::{HANOI_OFFSET_SECONDS, InteractionKind};

/// Days after 1970-01-01 of a 'yyyy-mm-dd' column, in the integer arithmetic both engines
/// share (H. Hinnant's `days_from_civil`, the year counted from March).
fn civil_day(col: &str) -> String {
    let y = format!("CAST(substr({col}, 1, 4) AS INTEGER)");
    let m = format!("CAST(substr({col}, 6, 2) AS INTEGER)");
    let d = format!("CAST(substr({col}, 9, 2) AS INTEGER)");
    let yy = format!("({y} - CASE WHEN {m} <= 2 THEN 1 ELSE 0 END)");
    let mm = format!("({m} + CASE WHEN {m} <= 2 THEN 9 ELSE -3 END)");
    format!(
        "CAST(365 * {yy} + {yy} / 4 - {yy} / 100 + {yy} / 400 + (153 * {mm} + 2) / 5 + {d} - 1 \
         - 719468 AS BIGINT)"
    )
}

/// The timeline's rows: day, kind's rank, id, title, three texts and a size whose
/// meaning depends on the kind (see [`TimelineRow::into_entry`]).
fn union() -> String {
    let rank = |k: InteractionKind| format!("CAST({} AS BIGINT)", k.rank());
    let no_size = "CAST(NULL AS BIGINT)";
    format!(
        "SELECT CAST((e.start_at + {off}) / 86400 AS BIGINT) AS day, {event} AS kind,
                e.id AS id, e.title AS title, e.kind AS a, e.status AS b, '' AS c,
                '' AS file, {no_size} AS size
         FROM event_cities x JOIN events e ON e.id = x.event_id WHERE x.city_id = $1
         UNION ALL
         SELECT {letter_day}, {letter}, l.id, l.title, l.kind, l.direction, l.number,
                COALESCE(l.original_name, ''), l.size
         FROM city_letters l WHERE l.city_id = $1
         UNION ALL
         SELECT {delegation_day}, {delegation}, d.id, d.title, d.status, d.destination,
                d.return_date, '', {no_size}
         FROM delegation_cities x JOIN delegations d ON d.id = x.delegation_id
         WHERE x.city_id = $1
         UNION ALL
         SELECT {project_day}, {project}, p.id, p.title, p.status, COALESCE(p.ends_on, ''), '',
                '', {no_size}
         FROM city_project_cities x JOIN city_projects p ON p.id = x.project_id
         WHERE x.city_id = $1",
        off = HANOI_OFFSET_SECONDS,
        event = rank(InteractionKind::Event),
        letter = rank(InteractionKind::Letter),
        delegation = rank(InteractionKind::Delegation),
        project = rank(InteractionKind::Project),
        letter_day = civil_day("l.sent_on"),
        delegation_day = civil_day("d.depart_date"),
        project_day = civil_day("p.starts_on"),
    )
}

#[derive(sqlx::FromRow)]
struct TimelineRow {
    day: i64,
    kind: i64,
    id: i64,
    title: String,
    a: String,
    b: String,
    c: String,
    file: String,
    size: Option<i64>,
}

impl TimelineRow {
    fn into_entry(self) -> R<TimelineEntry> {
        let bad = |e: domain::ParseError| StoreError::Invalid(e.to_string());
        let kind = InteractionKind::from_rank(self.kind)
            .ok_or_else(|| StoreError::Invalid(format!("timeline kind {}", self.kind)))?;
        let on = NaiveDate::from_ymd_opt(1970, 1, 1)
            .and_then(|e| e.checked_add_signed(chrono::Duration::days(self.day)))
            .ok_or_else(|| StoreError::Invalid(format!("timeline day {}", self.day)))?;
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        let detail = match kind {
            InteractionKind::Event => TimelineDetail::Event {
                kind: self.a.parse().map_err(bad)?,
                status: self.b.parse().map_err(bad)?,
            },
            InteractionKind::Letter => TimelineDetail::Letter {
                kind: self.a.parse().map_err(bad)?,
                direction: self.b.parse().map_err(bad)?,
                number: self.c,
                file: self
                    .size
                    .filter(|_| !self.file.is_empty())
                    .map(|s| (self.file, s)),
            },
            InteractionKind::Delegation => TimelineDetail::Delegation {
                status: self.a.parse().map_err(bad)?,
                destination: self.b,
                back: day(&self.c),
            },
            InteractionKind::Project => TimelineDetail::Project {
                status: self.a.parse().map_err(bad)?,
                end: day(&self.b),
            },
        };
        Ok(TimelineEntry {
            on,
            kind,
            id: self.id,
            title: self.title,
            detail,
        })
    }
}

/// A page (from 1) of a city's timeline, `per_page` entries, with the count of all.
pub(crate) async fn city_timeline(
    pool: &Pool,
    city: CityId,
    page: i64,
    per_page: i64,
) -> R<TimelinePage> {
    let per_page = per_page.clamp(1, 1000);
    let total: i64 = sqlx::query_scalar(
        "SELECT (SELECT COUNT(*) FROM event_cities WHERE city_id = $1)
              + (SELECT COUNT(*) FROM city_letters WHERE city_id = $1)
              + (SELECT COUNT(*) FROM delegation_cities WHERE city_id = $1)
              + (SELECT COUNT(*) FROM city_project_cities WHERE city_id = $1)",
    )
    .bind(city.0)
    .fetch_one(&pool.read)
    .await?;
    let pages = ((total + per_page - 1) / per_page).max(1);
    let page = page.clamp(1, pages);
    let entries = sqlx::query_as::<_, TimelineRow>(sql!(
        "SELECT day, kind, id, title, a, b, c, file, size FROM ({}) t
         ORDER BY day DESC, kind, id DESC LIMIT $2 OFFSET $3",
        union()
    ))
    .bind(city.0)
    .bind(per_page)
    .bind((page - 1) * per_page)
    .fetch_all(&pool.read)
    .await?
    .into_iter()
    .map(TimelineRow::into_entry)
    .collect::<R<Vec<_>>>()?;
    Ok(TimelinePage {
        entries,
        total,
        page,
        per_page,
    })
}
