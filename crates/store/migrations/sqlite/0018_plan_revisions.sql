-- A revised plan (Kế hoạch điều chỉnh, bổ sung) applied over a stored one (issue 13).
-- Keep in step with ../postgres/0018_plan_revisions.sql.

-- One row per revision applied: the revising document (its number, symbol, date and
-- title as reviewed), who applied it and when, and how many items it added, removed and
-- changed. Matched items keep their ids, so their reports and records stay.
CREATE TABLE plan_revisions (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    number TEXT,
    symbol TEXT,
    doc_date TEXT,
    title TEXT NOT NULL,
    source_name TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    applied_by INTEGER REFERENCES users (id),
    applied_at BIGINT NOT NULL,
    added BIGINT NOT NULL,
    removed BIGINT NOT NULL,
    changed BIGINT NOT NULL
);
CREATE INDEX plan_revisions_plan ON plan_revisions (plan_id, applied_at);

-- An item the revision dropped is not deleted (its reports and evidence stay readable):
-- it names the revision and leaves counts, lists and the report.
ALTER TABLE items ADD COLUMN removed_in INTEGER REFERENCES plan_revisions (id);
