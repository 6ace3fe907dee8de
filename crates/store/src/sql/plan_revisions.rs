//! A revised plan (Kế hoạch điều chỉnh, bổ sung) applied over a stored one from a draft
//! (migration 0018), in one transaction: matched items keep their ids (and so their reports,
//! evidence, events, target records, budget and history) and take the revision's title,
//! units, targets and deadlines; added items are inserted in their place; dropped items are
//! marked `removed_in` the revision, never deleted; the revision is recorded and the draft
//! removed. Each matched or dropped item is checked against the version it was matched at.

use super::import::{
    Place, Tree, UnitResolver, insert_deadlines, insert_item, insert_item_units, insert_target,
    insert_targets_and_deadlines, without_bullet,
};
use super::items::{bump, finish_item_change, item_version, locked_item, search_text};
use super::plan_drafts::{draft_entry, must, stale, summary};
use super::tx::{audit_in, board_or_admin, date_text, parse_date};
use super::{Conn, Pool, R, begin_write};
use crate::draft_model::{PlanRevision, RevisedItem, RevisionRecord};
use crate::model::AuditEntry;
use crate::{Ctx, StoreError};
use domain::{Actor, DatesSource, ItemId, PlanId};
use serde_json::json;

/// Applies `rev` (see the module); returns the revision's id.
pub(crate) async fn apply(pool: &Pool, ctx: &Ctx, rev: &PlanRevision, actor: &Actor) -> R<i64> {
    let now = ctx.now();
    board_or_admin(actor, "apply a revised plan")?;
    let mut tx = begin_write(pool).await?;
    let draft = must(&mut tx, rev.draft).await?;
    if draft.version != rev.draft_version {
        return Err(stale(&draft, rev.draft_version));
    }
    let year: Option<i64> = sqlx::query_scalar("SELECT year FROM plans WHERE id = $1")
        .bind(rev.plan.0)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("plan {}", rev.plan)))?;
    let (added, removed, changed) = rev.counts();
    let d = &draft.parsed.document;
    let revision: i64 = sqlx::query_scalar(
        "INSERT INTO plan_revisions (plan_id, number, symbol, doc_date, title, source_name,
             source_sha256, applied_by, applied_at, added, removed, changed)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
    )
    .bind(rev.plan.0)
    .bind(&d.number)
    .bind(&d.symbol)
    .bind(date_text(d.date))
    .bind(&d.title)
    .bind(&draft.source_name)
    .bind(&draft.source_sha256)
    .bind(actor.user_id.0)
    .bind(now)
    .bind(added as i64)
    .bind(removed as i64)
    .bind(changed as i64)
    .fetch_one(&mut *tx)
    .await?;
    let forests = appendix_ids(&mut tx, rev.plan, &draft.parsed).await?;
    let mut w = Writer {
        plan: rev.plan,
        year: year.and_then(|y| i32::try_from(y).ok()),
        revision,
        now,
        actor,
        units: UnitResolver::new(&mut tx, now, Some(actor.user_id)).await?,
    };
    // Each revised item's stored id and depth, by its index, for its children.
    let mut placed: Vec<(i64, i64)> = Vec::with_capacity(rev.items.len());
    for (seq, r) in rev.items.iter().enumerate() {
        let parent = r.parent.and_then(|p| placed.get(p).copied());
        let place = Place {
            parent: parent.map(|p| p.0),
            depth: parent.map_or(0, |p| p.1 + 1),
            position: r.position as i64,
        };
        let appendix = forests.get(r.forest).copied().flatten();
        let id = match r.matched {
            Some(m) => w.update(&mut tx, m, r, &place, appendix, seq).await?,
            None => w.insert(&mut tx, r, &place, appendix, seq).await?,
        };
        placed.push((id, place.depth));
    }
    for &(id, version) in &rev.removed {
        w.remove(&mut tx, id, version).await?;
    }
    super::effective_units::refresh_plan(&mut tx, rev.plan).await?;
    super::items::fill_items(&mut tx, Some(rev.plan)).await?;
    sqlx::query("DELETE FROM plan_drafts WHERE id = $1")
        .bind(draft.id)
        .execute(&mut *tx)
        .await?;
    let counts = json!({ "added": added, "removed": removed, "changed": changed });
    let entry = draft_entry(actor, "plan_draft.commit", draft.id)
        .before(summary(&draft))
        .after(json!({ "plan_id": rev.plan.0, "revision": revision, "counts": counts }));
    audit_in(&mut tx, now, &entry, rev.plan, None).await?;
    let entry = AuditEntry::new(Some(actor.user_id), "plan.revise", "plan", Some(rev.plan.0))
        .after(json!({
            "revision": revision,
            "number": d.number,
            "symbol": d.symbol,
            "date": date_text(d.date),
            "title": d.title,
            "source_name": draft.source_name,
            "added": added,
            "removed": removed,
            "changed": changed,
        }));
    audit_in(&mut tx, now, &entry, rev.plan, None).await?;
    tx.commit().await?;
    Ok(revision)
}

/// The appendix id of each forest of the revised reading (0: the content, `None`); an
/// appendix the stored plan lacks is added.
async fn appendix_ids(
    conn: &mut Conn,
    plan: PlanId,
    parsed: &vanban::ParsedPlan,
) -> R<Vec<Option<i64>>> {
    let stored: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM plan_appendices WHERE plan_id = $1 ORDER BY position")
            .bind(plan.0)
            .fetch_all(&mut *conn)
            .await?;
    let mut out = vec![None];
    for (pos, a) in parsed.appendices.iter().enumerate() {
        let id = match stored.get(pos) {
            Some(id) => *id,
            None => {
                sqlx::query_scalar(
                    "INSERT INTO plan_appendices (plan_id, position, label, title)
                     VALUES ($1, $2, $3, $4) RETURNING id",
                )
                .bind(plan.0)
                .bind(pos as i64)
                .bind(&a.label)
                .bind(&a.title)
                .fetch_one(&mut *conn)
                .await?
            }
        };
        out.push(Some(id));
    }
    Ok(out)
}

/// What every write of one revision shares.
struct Writer<'a> {
    plan: PlanId,
    year: Option<i32>,
    revision: i64,
    now: i64,
    actor: &'a Actor,
    units: UnitResolver,
}

impl Writer<'_> {
    /// A matched item: put in its place; when the revision changed it, its title, text,
    /// units, targets (in place, so their records stay) and deadlines too, audited.
    async fn update(
        &mut self,
        conn: &mut Conn,
        (id, version): (ItemId, i64),
        r: &RevisedItem,
        place: &Place,
        appendix: Option<i64>,
        seq: usize,
    ) -> R<i64> {
        let it = locked_item(conn, id).await?;
        item_version(&it, version)?;
        if it.plan_id != self.plan {
            return Err(StoreError::Invalid(format!(
                "item {id} is not of this plan"
            )));
        }
        // Its place and numbering (an item renumbered but alike is matched by its title).
        let (numbering, title, body) = without_bullet(&r.item);
        sqlx::query(
            "UPDATE items SET parent_id = $1, appendix_id = $2, position = $3, seq = $4,
                 depth = $5, numbering = $6,
                 search_folded = CASE WHEN numbering IS NOT DISTINCT FROM $6
                     THEN search_folded ELSE $7 END
             WHERE id = $8",
        )
        .bind(place.parent)
        .bind(appendix)
        .bind(place.position)
        .bind(seq as i64)
        .bind(place.depth)
        .bind(numbering)
        .bind(search_text(numbering, &it.title, &it.text))
        .bind(id.0)
        .execute(&mut *conn)
        .await?;
        if !r.changed {
            return Ok(id.0);
        }
        bump(conn, self.now, &it).await?;
        // Dates follow the new deadlines unless someone set them by hand (`fill_items`
        // fills an item whose search text is empty).
        let manual = it.dates_source == Some(DatesSource::Manual);
        let search = manual.then(|| search_text(numbering, title, &body));
        sqlx::query("UPDATE items SET title = $1, body = $2, search_folded = $3 WHERE id = $4")
            .bind(title)
            .bind(&body)
            .bind(search)
            .bind(id.0)
            .execute(&mut *conn)
            .await?;
        self.write_units(conn, id.0, &r.item).await?;
        self.write_targets(conn, id.0, &r.item).await?;
        sqlx::query("DELETE FROM deadlines WHERE item_id = $1")
            .bind(id.0)
            .execute(&mut *conn)
            .await?;
        insert_deadlines(conn, id.0, &r.item.deadlines).await?;
        finish_item_change(conn, self.now, self.actor, "item.revise", &it).await?;
        Ok(id.0)
    }

    /// The item's own units as the revision names them.
    async fn write_units(&mut self, conn: &mut Conn, id: i64, item: &vanban::Item) -> R<()> {
        sqlx::query("DELETE FROM item_units WHERE item_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        insert_item_units(conn, id, item, &mut self.units).await
    }

    /// Targets by position: an existing one takes the new figures (its records and
    /// counting rule stay), a new one is added; one the revision no longer has stays with
    /// its records, since deleting it would delete them.
    async fn write_targets(&mut self, conn: &mut Conn, id: i64, item: &vanban::Item) -> R<()> {
        for (pos, t) in item.targets.iter().enumerate() {
            let updated = sqlx::query(
                "UPDATE targets SET min_value = $1, max_value = $2, unit = $3, per = $4,
                     text = $5 WHERE item_id = $6 AND position = $7",
            )
            .bind(t.min)
            .bind(t.max)
            .bind(&t.unit)
            .bind(&t.per)
            .bind(&t.text)
            .bind(id)
            .bind(pos as i64)
            .execute(&mut *conn)
            .await?
            .rows_affected();
            if updated == 0 {
                insert_target(conn, id, pos, t, item, self.year).await?;
            }
        }
        Ok(())
    }

    /// An item the revision adds, with its units, targets and deadlines.
    async fn insert(
        &mut self,
        conn: &mut Conn,
        r: &RevisedItem,
        place: &Place,
        appendix: Option<i64>,
        seq: usize,
    ) -> R<i64> {
        let tree = Tree {
            plan_id: self.plan.0,
            appendix_id: appendix,
            year: self.year,
            fault: None,
        };
        let id = insert_item(conn, &tree, place, seq as i64, &r.item, self.now).await?;
        insert_item_units(conn, id, &r.item, &mut self.units).await?;
        insert_targets_and_deadlines(conn, id, &r.item, self.year).await?;
        let entry = AuditEntry::new(
            Some(self.actor.user_id),
            "item.revise_add",
            "item",
            Some(id),
        )
        .after(json!({ "title": r.item.title, "revision": self.revision }));
        audit_in(conn, self.now, &entry, self.plan, Some(ItemId(id))).await?;
        Ok(id)
    }

    /// An item the revision drops: marked, kept with its records.
    async fn remove(&mut self, conn: &mut Conn, id: ItemId, version: i64) -> R<()> {
        let it = locked_item(conn, id).await?;
        item_version(&it, version)?;
        if it.plan_id != self.plan {
            return Err(StoreError::Invalid(format!(
                "item {id} is not of this plan"
            )));
        }
        bump(conn, self.now, &it).await?;
        sqlx::query("UPDATE items SET removed_in = $1 WHERE id = $2")
            .bind(self.revision)
            .bind(id.0)
            .execute(&mut *conn)
            .await?;
        finish_item_change(conn, self.now, self.actor, "item.revise_remove", &it).await?;
        Ok(())
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    plan_id: i64,
    number: Option<String>,
    symbol: Option<String>,
    doc_date: Option<String>,
    title: String,
    source_name: String,
    applied_by_name: Option<String>,
    applied_at: i64,
    added: i64,
    removed: i64,
    changed: i64,
}

impl From<Row> for RevisionRecord {
    fn from(r: Row) -> RevisionRecord {
        RevisionRecord {
            id: r.id,
            plan_id: PlanId(r.plan_id),
            number: r.number,
            symbol: r.symbol,
            date: parse_date(r.doc_date),
            title: r.title,
            source_name: r.source_name,
            applied_by_name: r.applied_by_name,
            applied_at: r.applied_at,
            added: r.added,
            removed: r.removed,
            changed: r.changed,
        }
    }
}

const SELECT: &str = "SELECT r.id, r.plan_id, r.number, r.symbol, r.doc_date, r.title, \
     r.source_name, u.display_name AS applied_by_name, r.applied_at, r.added, r.removed, \
     r.changed FROM plan_revisions r LEFT JOIN users u ON u.id = r.applied_by";

/// The plan's revisions, the first applied first.
pub(crate) async fn of_plan(pool: &Pool, plan: PlanId) -> R<Vec<RevisionRecord>> {
    let rows = sqlx::query_as::<_, Row>(sql!("{SELECT} WHERE r.plan_id = $1 ORDER BY r.id"))
        .bind(plan.0)
        .fetch_all(&pool.read)
        .await?;
    Ok(rows.into_iter().map(RevisionRecord::from).collect())
}

/// The revision that dropped the item, if one did.
pub(crate) async fn removing(pool: &Pool, item: ItemId) -> R<Option<RevisionRecord>> {
    let row = sqlx::query_as::<_, Row>(sql!(
        "{SELECT} JOIN items i ON i.removed_in = r.id WHERE i.id = $1"
    ))
    .bind(item.0)
    .fetch_optional(&pool.read)
    .await?;
    Ok(row.map(RevisionRecord::from))
}

/// The items the plan's revisions dropped: (item, numbering, title, revision id).
pub(crate) async fn removed_items(
    pool: &Pool,
    plan: PlanId,
) -> R<Vec<(ItemId, Option<String>, String, i64)>> {
    let rows: Vec<(i64, Option<String>, String, i64)> = sqlx::query_as(
        "SELECT id, numbering, title, removed_in FROM items
         WHERE plan_id = $1 AND removed_in IS NOT NULL ORDER BY seq",
    )
    .bind(plan.0)
    .fetch_all(&pool.read)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, n, t, r)| (ItemId(id), n, t, r))
        .collect())
}
