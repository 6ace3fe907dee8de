//! Synthetic data for load tests (`sangtao dev seed`): plans, items, units, targets and
//! progress reports with realistic Vietnamese content, the same for the same seed.
//!
//! Rows go in with multi-row INSERTs (`QueryBuilder::push_values`), one transaction per
//! plan, so that 100,000 items and 1,000,000 reports load in minutes on SQLite. What the
//! rows say comes from `synthetic_text.rs`.

use super::synthetic_events::{Activity, insert_events};
use super::{Conn, DB, Pool, begin_write};
use crate::synthetic_text::*;
use crate::tracking_model::{SyntheticSpec, SyntheticSummary};
use crate::{Ctx, StoreError};
use domain::counting::suggest::{TargetWording, counting_rule_for};
use domain::{AbbreviationTable, ItemId, Period, PlanId};
use sqlx::QueryBuilder;
use std::collections::HashMap;

type R<T> = Result<T, StoreError>;

/// Rows per INSERT: under SQLite's 32,766 and PostgreSQL's 65,535 parameters.
const BATCH: usize = 1500;

async fn ensure_units(pool: &Pool, at: i64) -> R<Vec<i64>> {
    let table = AbbreviationTable::defaults();
    let mut tx = begin_write(pool).await?;
    let units: Vec<domain::CanonicalUnit> = UNITS
        .iter()
        .map(|n| domain::canonical_unit(n, &table))
        .collect();
    let mut q: QueryBuilder<DB> =
        QueryBuilder::new("INSERT INTO units (name, folded_name, external, kind, created_at) ");
    q.push_values(&units, |mut b, u| {
        b.push_bind(u.name.clone())
            .push_bind(u.key.clone())
            .push_bind(u.external)
            .push_bind(u.kind.as_str())
            .push_bind(at);
    });
    q.push(" ON CONFLICT (folded_name) DO NOTHING");
    q.build().execute(&mut *tx).await?;
    let mut ids = Vec::new();
    for u in &units {
        let id: i64 = sqlx::query_scalar("SELECT id FROM units WHERE folded_name = $1")
            .bind(&u.key)
            .fetch_one(&mut *tx)
            .await?;
        ids.push(id);
    }
    tx.commit().await?;
    Ok(ids)
}

/// Generates `spec` into the store and returns what it made. Units are shared with
/// real data (matched by their folded name); plans are new each run (their source hash
/// includes the seed and a run-unique count, so running twice adds more).
/// `progress` is called after each plan is committed, with the running totals.
pub(crate) async fn generate(
    pool: &Pool,
    ctx: &Ctx,
    spec: &SyntheticSpec,
    progress: &(dyn Fn(&SyntheticSummary) + Sync),
) -> R<SyntheticSummary> {
    let now = ctx.now();
    let mut rng = Rng(spec.seed);
    let unit_ids = ensure_units(pool, now).await?;
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM plans")
        .fetch_one(&pool.read)
        .await?;
    let run = Run {
        seed: spec.seed,
        existing,
        at: now,
        unit_ids,
    };
    let plans = spec.plans.max(1);
    let mut summary = SyntheticSummary {
        units: run.unit_ids.len(),
        ..Default::default()
    };
    for p in 0..plans {
        let job = PlanJob {
            index: p,
            items: share(spec.items, plans, p),
            reports: share(spec.reports, plans, p),
            events: share(spec.events, plans, p),
        };
        let made = generate_plan(pool, &mut rng, &run, &job).await?;
        summary.plans += 1;
        summary.items += made.items;
        summary.reports += made.reports;
        summary.events += made.events;
        progress(&summary);
    }
    // The reports were inserted in bulk, past `insert_report`: give them their search text.
    summary.indexing = true;
    progress(&summary);
    super::search::index_missing_reports(pool).await?;
    // The planner's statistics for what was just loaded: without them PostgreSQL planned
    // the item page at 100,000 items in 800 ms (autovacuum may be off, or not round yet).
    if let Some(sql) = super::ANALYZE_AFTER_BULK {
        sqlx::query(sql).execute(&pool.write).await?;
    }
    Ok(summary)
}

/// Plan `p`'s share of `total` spread over `plans`: the remainder to the first ones.
fn share(total: usize, plans: usize, p: usize) -> usize {
    total / plans + usize::from(p < total % plans)
}

/// What every plan of a run shares.
struct Run {
    seed: u64,
    /// Plans in the store before the run: keeps the source hashes of two runs apart.
    existing: i64,
    at: i64,
    unit_ids: Vec<i64>,
}

/// One plan to make: its index in the run and how many items and reports.
struct PlanJob {
    index: usize,
    items: usize,
    reports: usize,
    events: usize,
}

/// What one plan's transaction made.
struct PlanMade {
    items: usize,
    reports: usize,
    events: usize,
}

/// One plan in one transaction; returns the items, reports and events made.
async fn generate_plan(pool: &Pool, rng: &mut Rng, run: &Run, job: &PlanJob) -> R<PlanMade> {
    let mut tx = begin_write(pool).await?;
    let (plan_id, year, city) = insert_plan(&mut tx, rng, run, job.index).await?;
    let rows = plan_items(rng, job.items, year, city);
    let ids_by_seq = insert_items(&mut tx, plan_id, &rows, run.at).await?;
    let (leaf_units, mut counted) =
        insert_units_and_targets(&mut tx, rng, &rows, &ids_by_seq, run, year).await?;
    super::effective_units::refresh_plan(&mut tx, PlanId(plan_id)).await?;
    let second = job.reports / 20;
    let slots = report_slots(&leaf_units, &year_periods(year), job.reports - second);
    // The plan's reports are those after `before`: the queries below read them by id
    // range, not by scanning every earlier plan's reports (10,000,000 at 1M items).
    let before: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM progress_reports")
        .fetch_one(&mut *tx)
        .await?;
    insert_reports(&mut tx, rng, &slots, run.at).await?;
    let made_second = if second > 0 && !slots.is_empty() {
        second_versions(&mut tx, plan_id, before, second).await?
    } else {
        0
    };
    insert_figures(&mut tx, plan_id, before).await?;
    let titles: HashMap<i64, &str> = rows
        .iter()
        .map(|r| (ids_by_seq[&r.seq], r.title.as_str()))
        .collect();
    let activities: Vec<Activity> = leaf_units
        .iter()
        .map(|(item, units)| Activity {
            item: *item,
            lead_unit: units[0],
            title: titles[item],
            counted_kinds: counted.remove(item).unwrap_or_default(),
        })
        .collect();
    let events = insert_events(&mut tx, rng, &activities, year, job.events, run.at).await?;
    tx.commit().await?;
    Ok(PlanMade {
        items: rows.len(),
        reports: slots.len() + made_second,
        events,
    })
}

/// The plan's row, in a city and year picked at random; returns its id, year and city.
async fn insert_plan(
    conn: &mut Conn,
    rng: &mut Rng,
    run: &Run,
    p: usize,
) -> R<(i64, i32, &'static str)> {
    let (city, issuer) = *rng.pick(CITIES);
    let year = 2023 + rng.below(4) as i32;
    let title = rng
        .pick(PLAN_TITLES)
        .replace("{year}", &year.to_string())
        .replace("{city}", city);
    let key = format!("synthetic:{}:{}:{}", run.seed, run.existing, p);
    let plan_id: i64 = sqlx::query_scalar(
        "INSERT INTO plans (kind, kind_code, number, symbol, issuer, place, doc_date, year,
             title, source_name, source_sha256, parsed_sha256, parsed_json, imported_at)
         VALUES ('Kế hoạch', 'KH', $1, 'KH-SVHTT', $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
         RETURNING id",
    )
    .bind((100 + p).to_string())
    .bind(issuer)
    .bind(city)
    .bind(format!("{year}-01-{:02}", 2 + rng.below(25)))
    .bind(i64::from(year))
    .bind(&title)
    .bind(format!("synthetic-{}-{p}.txt", run.seed))
    .bind(sha_hex(&key))
    .bind(sha_hex(&format!("{key}:parsed")))
    .bind(serde_json::json!({ "synthetic": true, "seed": run.seed, "plan": p }).to_string())
    .bind(run.at)
    .fetch_one(&mut *conn)
    .await?;
    Ok((plan_id, year, city))
}

/// Roots first, then children with their parents' ids; returns the ids by `seq`.
async fn insert_items(
    conn: &mut Conn,
    plan_id: i64,
    rows: &[SyntheticItem],
    at: i64,
) -> R<HashMap<i64, i64>> {
    let mut ids_by_seq: HashMap<i64, i64> = HashMap::new();
    for depth in [0i64, 1] {
        let level: Vec<&SyntheticItem> = rows.iter().filter(|r| r.depth == depth).collect();
        for chunk in level.chunks(BATCH) {
            let mut q: QueryBuilder<DB> = QueryBuilder::new(
                "INSERT INTO items (plan_id, parent_id, position, seq, depth, numbering, title,
                     body, added, status, status_reason, version, created_at, updated_at,
                     start_date, due_date, dates_source, search_folded) ",
            );
            q.push_values(chunk, |mut b, r| {
                b.push_bind(plan_id)
                    .push_bind(r.parent_seq.and_then(|s| ids_by_seq.get(&s).copied()))
                    .push_bind(r.position)
                    .push_bind(r.seq)
                    .push_bind(r.depth)
                    .push_bind(r.numbering.clone())
                    .push_bind(r.title.clone())
                    .push_bind(r.body.clone())
                    .push_bind(false)
                    .push_bind(r.status)
                    .push_bind((r.status == "suspended").then_some("Chưa bố trí được kinh phí"))
                    .push_bind(1i64)
                    .push_bind(at)
                    .push_bind(at)
                    .push_bind(r.start.clone())
                    .push_bind(r.due.clone())
                    .push_bind("deadlines")
                    .push_bind(super::items::search_text(
                        Some(&r.numbering),
                        &r.title,
                        &r.body,
                    ));
            });
            q.build().execute(&mut *conn).await?;
        }
        let got: Vec<(i64, i64)> =
            sqlx::query_as("SELECT seq, id FROM items WHERE plan_id = $1 AND depth = $2")
                .bind(plan_id)
                .bind(depth)
                .fetch_all(&mut *conn)
                .await?;
        ids_by_seq.extend(got);
    }
    Ok(ids_by_seq)
}

/// A target to insert: its item, min, max, unit, text and, as an import would give it,
/// the counting rule its wording asks for.
struct TargetRow {
    item: i64,
    min: f64,
    max: f64,
    unit: &'static str,
    text: String,
    rule: Option<String>,
}

/// Units: one lead, up to two coordinating; targets on some activities. Returns each
/// activity (depth 1) with its units (the lead first), which its reports come from, and
/// the record kinds each counted target counts, by item.
async fn insert_units_and_targets(
    conn: &mut Conn,
    rng: &mut Rng,
    rows: &[SyntheticItem],
    ids_by_seq: &HashMap<i64, i64>,
    run: &Run,
    year: i32,
) -> R<LeafUnits> {
    let mut counted: HashMap<i64, Vec<String>> = HashMap::new();
    let mut item_units: Vec<(i64, i64, &'static str, i64)> = Vec::new();
    let mut leaf_units: Vec<(i64, Vec<i64>)> = Vec::new();
    let mut targets: Vec<TargetRow> = Vec::new();
    for r in rows {
        let id = ids_by_seq[&r.seq];
        let lead = *rng.pick(&run.unit_ids);
        let mut units = vec![lead];
        item_units.push((id, lead, "lead", 0));
        for k in 0..rng.below(3) {
            let c = *rng.pick(&run.unit_ids);
            if !units.contains(&c) {
                units.push(c);
                item_units.push((id, c, "coordinating", k as i64 + 1));
            }
        }
        if r.depth == 1 {
            leaf_units.push((id, units));
        }
        if let Some((min, max, unit)) = r.target {
            let text = format!("{min:02}-{max:02} {unit}/năm");
            // Counted where an imported plan's would be ("Tham gia phiên họp trực tuyến …
            // cuộc"), so that load tests see both figures as real plans do.
            let rule = counting_rule_for(&TargetWording {
                text: &text,
                unit,
                item_title: &r.title,
                item_body: &r.body,
                item: ItemId(id),
                year: Some(year),
            });
            if let Some(rule) = &rule {
                counted.insert(id, rule.kinds.clone());
            }
            targets.push(TargetRow {
                item: id,
                min,
                max,
                unit,
                text,
                rule: rule.map(|r| serde_json::to_string(&r)).transpose()?,
            });
        }
    }
    for chunk in item_units.chunks(BATCH) {
        let mut q: QueryBuilder<DB> =
            QueryBuilder::new("INSERT INTO item_units (item_id, unit_id, relation, position) ");
        q.push_values(chunk, |mut b, (i, u, rel, pos)| {
            b.push_bind(*i)
                .push_bind(*u)
                .push_bind(*rel)
                .push_bind(*pos);
        });
        q.build().execute(&mut *conn).await?;
    }
    for chunk in targets.chunks(BATCH) {
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO targets (item_id, position, min_value, max_value, unit, per, text,
                 source, rule_json) ",
        );
        q.push_values(chunk, |mut b, t| {
            b.push_bind(t.item)
                .push_bind(0i64)
                .push_bind(t.min)
                .push_bind(t.max)
                .push_bind(t.unit)
                .push_bind("năm")
                .push_bind(t.text.clone())
                .push_bind(if t.rule.is_some() {
                    "counted"
                } else {
                    "entered"
                })
                .push_bind(t.rule.clone());
        });
        q.build().execute(&mut *conn).await?;
    }
    Ok((leaf_units, counted))
}

/// Each activity with its units, and the counted targets' record kinds by item.
type LeafUnits = (Vec<(i64, Vec<i64>)>, HashMap<i64, Vec<String>>);

/// Every period of the year: months, quarters, halves, the year.
fn year_periods(year: i32) -> Vec<Period> {
    (1..=12u8)
        .map(|m| Period::Month(year, m))
        .chain((1..=4u8).map(|q| Period::Quarter(year, q)))
        .chain((1..=2u8).map(|h| Period::Half(year, h)))
        .chain([Period::Year(year)])
        .collect()
}

/// Up to `first` distinct (item, unit, period) slots, taken in turn across the activities
/// so that first versions stay unique.
fn report_slots(
    leaf_units: &[(i64, Vec<i64>)],
    periods: &[Period],
    first: usize,
) -> Vec<(i64, i64, Period)> {
    let mut slots: Vec<(i64, i64, Period)> = Vec::with_capacity(first);
    if leaf_units.is_empty() {
        return slots;
    }
    let mut round = 0usize;
    while slots.len() < first {
        let before = slots.len();
        for (item, units) in leaf_units {
            let combos = units.len() * periods.len();
            if round < combos {
                let u = units[round % units.len()];
                let period = periods[round / units.len()];
                slots.push((*item, u, period));
                if slots.len() == first {
                    break;
                }
            }
        }
        if slots.len() == before {
            break; // every combination used
        }
        round += 1;
    }
    slots
}

/// A first version for each slot, with a text and a percent picked at random.
async fn insert_reports(
    conn: &mut Conn,
    rng: &mut Rng,
    slots: &[(i64, i64, Period)],
    at: i64,
) -> R<()> {
    let users: Option<i64> = None;
    for chunk in slots.chunks(BATCH) {
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO progress_reports (item_id, unit_id, period, period_start, period_end,
                 version, text, percent, created_at, created_by) ",
        );
        let texts: Vec<(String, i64)> = chunk
            .iter()
            .map(|_| {
                let percent = (rng.below(11) * 10) as i64;
                (
                    format!(
                        "{}. Ước đạt {percent}% khối lượng công việc.",
                        rng.pick(REPORT_TEXTS)
                    ),
                    percent,
                )
            })
            .collect();
        q.push_values(
            chunk.iter().zip(&texts),
            |mut b, ((item, unit, period), (text, percent))| {
                b.push_bind(*item)
                    .push_bind(*unit)
                    .push_bind(period.to_string())
                    .push_bind(period.start().to_string())
                    .push_bind(period.end().to_string())
                    .push_bind(1i64)
                    .push_bind(text.clone())
                    .push_bind(*percent)
                    .push_bind(at)
                    .push_bind(users);
            },
        );
        q.build().execute(&mut *conn).await?;
    }
    Ok(())
}

/// A second version of the plan's first `n` reports (one in twenty); returns how many.
async fn second_versions(conn: &mut Conn, plan_id: i64, before: i64, n: usize) -> R<usize> {
    Ok(sqlx::query(
        "INSERT INTO progress_reports (item_id, unit_id, period, period_start, period_end,
             version, previous_id, first_id, text, percent, created_at, created_by)
         SELECT r.item_id, r.unit_id, r.period, r.period_start, r.period_end, 2, r.id, r.id,
                r.text || ' Cập nhật: đã hoàn thành thêm một phần.',
                CASE WHEN r.percent >= 90 THEN 100 ELSE r.percent + 10 END, r.created_at + 86400, NULL
         FROM progress_reports r JOIN items i ON i.id = r.item_id
         WHERE i.plan_id = $1 AND r.id > $2 AND r.previous_id IS NULL
         ORDER BY r.id LIMIT $3",
    )
    .bind(plan_id)
    .bind(before)
    .bind(n as i64)
    .execute(&mut *conn)
    .await?
    .rows_affected() as usize)
}

/// Figures: proportional to the report's percent of the target's maximum.
async fn insert_figures(conn: &mut Conn, plan_id: i64, before: i64) -> R<()> {
    sqlx::query(
        "INSERT INTO report_figures (report_id, target_id, value)
         SELECT r.id, t.id, ROUND(COALESCE(t.max_value, t.min_value, 10) * COALESCE(r.percent, 0) / 100.0)
         FROM progress_reports r
         JOIN items i ON i.id = r.item_id
         JOIN targets t ON t.item_id = r.item_id
         WHERE i.plan_id = $1 AND r.id > $2",
    )
    .bind(plan_id)
    .bind(before)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
