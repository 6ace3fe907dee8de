-- Tracking (issue 4), SQLite. Keep in step with ../postgres/0002_tracking.sql.

-- Item dates (from the reader's deadlines, else the plan year), the folded search text
-- (vanban::text::fold of numbering, title and body; filled by the store) and indexes for
-- the item list at 100,000 items.
ALTER TABLE items ADD COLUMN start_date TEXT;
ALTER TABLE items ADD COLUMN due_date TEXT;
ALTER TABLE items ADD COLUMN dates_source TEXT;
ALTER TABLE items ADD COLUMN search_folded TEXT;
CREATE INDEX items_plan_due ON items (plan_id, due_date, id);
CREATE INDEX items_status_due ON items (status, due_date, id);
CREATE INDEX items_due ON items (due_date, id);
CREATE INDEX item_units_unit_item ON item_units (unit_id, item_id);

-- Who answers for an item within each unit. `user_id` when the person has an account.
CREATE TABLE item_people (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    title TEXT,
    user_id INTEGER REFERENCES users (id)
);
CREATE INDEX item_people_item ON item_people (item_id, unit_id, position);

-- How a target's actual is obtained: figures entered in reports, or a counting rule
-- (domain::CountingRule as JSON) over `records`.
ALTER TABLE targets ADD COLUMN source TEXT NOT NULL DEFAULT 'entered';
ALTER TABLE targets ADD COLUMN rule_json TEXT;

-- Progress reports are append-only versions: an edit inserts a row whose previous_id is
-- the version it replaces. UNIQUE (previous_id) keeps the history a line, so two edits
-- of the same version cannot both land. The first version is unique per item, unit and
-- period.
CREATE TABLE progress_reports (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    period TEXT NOT NULL,
    period_start TEXT NOT NULL,
    period_end TEXT NOT NULL,
    version BIGINT NOT NULL,
    previous_id INTEGER UNIQUE REFERENCES progress_reports (id),
    first_id INTEGER,
    text TEXT NOT NULL,
    percent BIGINT CHECK (percent BETWEEN 0 AND 100),
    created_at BIGINT NOT NULL,
    created_by INTEGER REFERENCES users (id)
);
CREATE UNIQUE INDEX progress_reports_first ON progress_reports (item_id, unit_id, period)
    WHERE previous_id IS NULL;
CREATE INDEX progress_reports_item ON progress_reports (item_id, period_end, id);
CREATE INDEX progress_reports_chain ON progress_reports (first_id, version);
CREATE INDEX progress_reports_created ON progress_reports (created_at);

CREATE TABLE report_figures (
    report_id INTEGER NOT NULL REFERENCES progress_reports (id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    value DOUBLE PRECISION NOT NULL CHECK (value >= 0),
    PRIMARY KEY (report_id, target_id)
);
CREATE INDEX report_figures_target ON report_figures (target_id);

-- Evidence files: metadata here, bytes content-addressed under the data directory.
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    mime TEXT NOT NULL,
    original_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES users (id),
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX evidence_item ON evidence (item_id);
CREATE INDEX evidence_sha ON evidence (sha256);

-- Which evidence a report version shows; a new version carries the links it keeps.
CREATE TABLE report_evidence (
    report_id INTEGER NOT NULL REFERENCES progress_reports (id) ON DELETE CASCADE,
    evidence_id INTEGER NOT NULL REFERENCES evidence (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    PRIMARY KEY (report_id, evidence_id)
);
CREATE INDEX report_evidence_evidence ON report_evidence (evidence_id);

-- Countable records (events, media works, ...): each kind keeps its own table and writes
-- its row here in the same transaction, so that counting is one query for any kind.
CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    status TEXT NOT NULL,
    record_date TEXT,
    numbers_json TEXT NOT NULL DEFAULT '{}',
    title TEXT NOT NULL,
    source_key TEXT UNIQUE,
    updated_at BIGINT NOT NULL
);
CREATE INDEX records_kind ON records (kind, status, record_date);

CREATE TABLE record_items (
    record_id INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (record_id, item_id)
);
CREATE INDEX record_items_item ON record_items (item_id);

-- Audit entries written from here on name their plan and item, for the per-plan and
-- per-item history pages (older entries are found by entity).
ALTER TABLE audit_log ADD COLUMN plan_id BIGINT;
ALTER TABLE audit_log ADD COLUMN item_id BIGINT;
CREATE INDEX audit_log_plan ON audit_log (plan_id, id);
CREATE INDEX audit_log_item ON audit_log (item_id, id);

-- Report versions and their figures are history: never rewritten.
CREATE TRIGGER progress_reports_no_update BEFORE UPDATE ON progress_reports
BEGIN
    SELECT RAISE(ABORT, 'progress_reports is append-only');
END;

CREATE TRIGGER report_figures_no_update BEFORE UPDATE ON report_figures
BEGIN
    SELECT RAISE(ABORT, 'report_figures is append-only');
END;
