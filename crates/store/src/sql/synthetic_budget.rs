//! Synthetic estimates for load tests (`sangtao dev seed --budget-lines N`): estimates of
//! ten lines on the synthetic items in id order (so `--plans 1` puts them all in one plan),
//! most approved with their steps, some waiting for Finance or the Board, contracts on half
//! of the approved ones and payments on most contracts. Multi-row INSERTs in one
//! transaction, as `synthetic.rs` does; the same rows for the same seed.

use super::{DB, Pool, begin_write};
use crate::synthetic_text::Rng;
use crate::tracking_model::SyntheticBudget;
use crate::{Ctx, StoreError};
use sqlx::QueryBuilder;

type R<T> = Result<T, StoreError>;

/// Rows per INSERT (lines have 9 columns: under SQLite's 32,766 parameters).
const BATCH: usize = 1500;

/// Lines per estimate (the last estimate takes what is left).
const PER_ESTIMATE: usize = 10;

const CATEGORIES: &[(&str, &str, &str)] = &[
    ("interpretation", "Phiên dịch cabin tiếng Anh", "ngày"),
    ("experts", "Thù lao chuyên gia quốc tế", "người"),
    ("travel", "Vé máy bay khứ hồi Hà Nội", "vé"),
    (
        "printing",
        "In ấn phẩm giới thiệu Thành phố sáng tạo",
        "cuốn",
    ),
    ("production", "Sản xuất video giới thiệu", "phút"),
    ("equipment_rental", "Thuê màn hình LED và âm thanh", "ngày"),
    ("venue", "Thuê hội trường", "buổi"),
    ("other", "Nước uống, văn phòng phẩm", "gói"),
];

/// What an estimate becomes: (status, its steps as (action, from, to)).
fn steps_of(status: &str) -> &'static [(&'static str, &'static str, &'static str)] {
    match status {
        "approved" => &[
            ("submit", "draft", "submitted"),
            ("verify", "submitted", "verified"),
            ("approve", "verified", "approved"),
        ],
        "verified" => &[
            ("submit", "draft", "submitted"),
            ("verify", "submitted", "verified"),
        ],
        "submitted" => &[("submit", "draft", "submitted")],
        _ => &[],
    }
}

/// The largest id of `table` (ids after it are this run's).
async fn max_id(tx: &mut super::Conn, table: &str) -> R<i64> {
    Ok(sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(format!(
        "SELECT CAST(COALESCE(MAX(id), 0) AS BIGINT) FROM {table}"
    )))
    .fetch_one(&mut *tx)
    .await?)
}

pub(crate) async fn generate(
    pool: &Pool,
    ctx: &Ctx,
    lines: usize,
    seed: u64,
) -> R<SyntheticBudget> {
    let at = ctx.now();
    let mut rng = Rng(seed ^ 0x00B0_D6E7);
    let estimates = lines.div_ceil(PER_ESTIMATE);
    let mut tx = begin_write(pool).await?;
    let items: Vec<i64> = sqlx::query_scalar(
        "SELECT i.id FROM items i JOIN plans p ON p.id = i.plan_id
         WHERE p.source_name LIKE 'synthetic-%'
           AND NOT EXISTS (SELECT 1 FROM estimates e WHERE e.item_id = i.id)
         ORDER BY i.id LIMIT $1",
    )
    .bind(estimates as i64)
    .fetch_all(&mut *tx)
    .await?;
    if items.len() < estimates {
        return Err(StoreError::Invalid(format!(
            "{lines} lines need {estimates} synthetic items without an estimate; there are {}",
            items.len()
        )));
    }
    // Estimates: 70 % approved, 10 % each submitted, verified, draft.
    let status: Vec<&str> = items
        .iter()
        .map(|_| match rng.below(10) {
            0 => "submitted",
            1 => "verified",
            2 => "draft",
            _ => "approved",
        })
        .collect();
    let first_estimate = max_id(&mut tx, "estimates").await?;
    for chunk in items.iter().zip(&status).collect::<Vec<_>>().chunks(BATCH) {
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO estimates (item_id, revision, status, created_at, updated_at) ",
        );
        q.push_values(chunk, |mut b, (item, status)| {
            b.push_bind(**item)
                .push_bind(1i64)
                .push_bind(**status)
                .push_bind(at)
                .push_bind(at);
        });
        q.build().execute(&mut *tx).await?;
    }
    let made: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, status FROM estimates WHERE id > $1 ORDER BY id")
            .bind(first_estimate)
            .fetch_all(&mut *tx)
            .await?;
    // Lines, ten an estimate.
    let mut rows: Vec<(i64, i64, usize, i64, i64)> = Vec::with_capacity(lines);
    for (k, (estimate, _)) in made.iter().enumerate() {
        let n = PER_ESTIMATE.min(lines - k * PER_ESTIMATE);
        for position in 0..n {
            let quantity = 1 + rng.below(20) as i64;
            let price = (1 + rng.below(50) as i64) * 100_000;
            rows.push((
                *estimate,
                position as i64 + 1,
                rng.below(CATEGORIES.len()),
                quantity,
                price,
            ));
        }
    }
    let first_line = max_id(&mut tx, "estimate_lines").await?;
    for chunk in rows.chunks(BATCH) {
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO estimate_lines (estimate_id, position, category, description, unit,
                 quantity, unit_price, amount, note) ",
        );
        q.push_values(chunk, |mut b, (estimate, position, c, quantity, price)| {
            let (code, description, unit) = CATEGORIES[*c];
            b.push_bind(*estimate)
                .push_bind(*position)
                .push_bind(code)
                .push_bind(description)
                .push_bind(unit)
                .push_bind(*quantity)
                .push_bind(*price)
                .push_bind(quantity * price)
                .push_bind("");
        });
        q.build().execute(&mut *tx).await?;
    }
    // Steps, a day apart, ending before now.
    let steps: Vec<(i64, &str, &str, &str, i64)> = made
        .iter()
        .flat_map(|(id, status)| {
            let s = steps_of(status);
            s.iter().enumerate().map(move |(k, (action, from, to))| {
                (*id, *action, *from, *to, at - 86_400 * (s.len() - k) as i64)
            })
        })
        .collect();
    for chunk in steps.chunks(BATCH) {
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO estimate_steps (estimate_id, action, from_status, to_status, comment,
                 created_at) ",
        );
        q.push_values(chunk, |mut b, (id, action, from, to, when)| {
            b.push_bind(*id)
                .push_bind(*action)
                .push_bind(*from)
                .push_bind(*to)
                .push_bind("")
                .push_bind(*when);
        });
        q.build().execute(&mut *tx).await?;
    }
    let (contracts, payments) = contracts_and_payments(&mut tx, &mut rng, first_line, at).await?;
    tx.commit().await?;
    Ok(SyntheticBudget {
        estimates: made.len(),
        lines: rows.len(),
        contracts,
        payments,
    })
}

/// A contract on every other approved estimate, for its first five lines; an advance on
/// most contracts, a payment after acceptance on half, a settlement on a quarter.
async fn contracts_and_payments(
    tx: &mut super::Conn,
    rng: &mut Rng,
    first_line: i64,
    at: i64,
) -> R<(usize, usize)> {
    // The first five lines of each approved estimate of this run.
    let lines: Vec<(i64, i64, i64, i64)> = sqlx::query_as(
        "SELECT e.item_id, e.id, l.id, l.amount FROM estimate_lines l
         JOIN estimates e ON e.id = l.estimate_id
         WHERE l.id > $1 AND e.status = 'approved' AND l.position <= 5
         ORDER BY e.id, l.position",
    )
    .bind(first_line)
    .fetch_all(&mut *tx)
    .await?;
    // (estimate, item, lines, their total)
    let mut wanted: Vec<(i64, i64, Vec<i64>, i64)> = Vec::new();
    for (item, estimate, line, amount) in lines {
        match wanted.last_mut() {
            Some(w) if w.0 == estimate => {
                w.2.push(line);
                w.3 += amount;
            }
            _ => wanted.push((estimate, item, vec![line], amount)),
        }
    }
    let chosen: Vec<(i64, Vec<i64>, i64)> = wanted
        .into_iter()
        .filter(|_| rng.below(2) == 0)
        .map(|(_, item, lines, total)| (item, lines, total))
        .collect();
    let first_contract = max_id(tx, "contracts").await?;
    let signed = chrono::DateTime::from_timestamp(at - 86_400 * 30, 0)
        .map(|t| t.date_naive().format("%Y-%m-%d").to_string());
    for chunk in chosen.chunks(BATCH) {
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO contracts (item_id, vendor, vendor_kind, subject, value, signed_on,
                 created_at, updated_at) ",
        );
        q.push_values(chunk, |mut b, (item, _, total)| {
            b.push_bind(*item)
                .push_bind("Công ty TNHH Dịch vụ Sự kiện Hà Nội")
                .push_bind("organisation")
                .push_bind("Tổ chức sự kiện theo dự toán")
                .push_bind(*total)
                .push_bind(signed.clone())
                .push_bind(at)
                .push_bind(at);
        });
        q.build().execute(&mut *tx).await?;
    }
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM contracts WHERE id > $1 ORDER BY id")
        .bind(first_contract)
        .fetch_all(&mut *tx)
        .await?;
    let links: Vec<(i64, i64)> = ids
        .iter()
        .zip(&chosen)
        .flat_map(|(c, (_, lines, _))| lines.iter().map(move |l| (*c, *l)))
        .collect();
    for chunk in links.chunks(BATCH) {
        let mut q: QueryBuilder<DB> =
            QueryBuilder::new("INSERT INTO contract_lines (contract_id, line_id) ");
        q.push_values(chunk, |mut b, (c, l)| {
            b.push_bind(*c).push_bind(*l);
        });
        q.build().execute(&mut *tx).await?;
    }
    let mut pays: Vec<(i64, &str, i64)> = Vec::new();
    for (c, (_, _, total)) in ids.iter().zip(&chosen) {
        let r = rng.below(4);
        if r >= 1 {
            pays.push((*c, "advance", total * 3 / 10));
        }
        if r >= 2 {
            pays.push((*c, "acceptance", total / 2));
        }
        if r >= 3 {
            pays.push((*c, "settlement", total - total * 3 / 10 - total / 2));
        }
    }
    let paid_on = chrono::DateTime::from_timestamp(at - 86_400 * 10, 0)
        .map(|t| t.date_naive().format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    for chunk in pays.chunks(BATCH) {
        let mut q: QueryBuilder<DB> = QueryBuilder::new(
            "INSERT INTO payments (contract_id, kind, amount, paid_on, note, created_at) ",
        );
        q.push_values(chunk, |mut b, (c, kind, amount)| {
            b.push_bind(*c)
                .push_bind(*kind)
                .push_bind(*amount)
                .push_bind(paid_on.clone())
                .push_bind("")
                .push_bind(at);
        });
        q.build().execute(&mut *tx).await?;
    }
    Ok((ids.len(), pays.len()))
}
