-- Board oversight (issue 6), SQLite. Keep in step with ../postgres/0004_oversight.sql.

-- Reminder rules (domain::oversight::RuleKind codes: before:7, every_after:3). Rules are
-- switched off, never deleted: sends refer to them.
CREATE TABLE reminder_rules (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL
);
INSERT INTO reminder_rules (code, active, created_at) VALUES
    ('before:7', TRUE, 0), ('before:3', TRUE, 0), ('before:1', TRUE, 0),
    ('every_after:3', TRUE, 0);

-- One row per reminder sent. UNIQUE (item, rule, scheduled day): a second scheduler, or
-- the same one after a restart, inserts nothing and so sends nothing. `due_date` is the
-- deadline it was about (escalation counts overdue sends per item and due date).
CREATE TABLE reminder_sends (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    rule_id INTEGER NOT NULL REFERENCES reminder_rules (id),
    day TEXT NOT NULL,
    due_date TEXT NOT NULL,
    overdue BOOLEAN NOT NULL,
    sent_at BIGINT NOT NULL,
    -- 'none' (no address or no SMTP), 'pending', 'sent', 'failed'
    email_status TEXT NOT NULL DEFAULT 'none',
    email_error TEXT,
    UNIQUE (item_id, rule_id, day)
);
CREATE INDEX reminder_sends_item_due ON reminder_sends (item_id, due_date, overdue);
CREATE INDEX reminder_sends_day ON reminder_sends (day);

-- In-app notifications, addressed to a unit (every member sees it) or to one user.
CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER REFERENCES units (id) ON DELETE CASCADE,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    item_id INTEGER REFERENCES items (id) ON DELETE CASCADE,
    send_id INTEGER REFERENCES reminder_sends (id) ON DELETE CASCADE,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    CHECK (unit_id IS NOT NULL OR user_id IS NOT NULL)
);
CREATE INDEX notifications_unit ON notifications (unit_id, id);
CREATE INDEX notifications_user ON notifications (user_id, id);

CREATE TABLE notification_reads (
    notification_id INTEGER NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    read_at BIGINT NOT NULL,
    PRIMARY KEY (notification_id, user_id)
);

-- The Board's list: an item escalated once per due date.
CREATE TABLE escalations (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    due_date TEXT NOT NULL,
    reminders BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    resolved_at BIGINT,
    resolved_by INTEGER REFERENCES users (id),
    resolution TEXT,
    UNIQUE (item_id, due_date)
);
CREATE INDEX escalations_open ON escalations (resolved_at, created_at);

-- Quality grades by the Board, per item and period. Append-only: a new grade is a new
-- row, the latest per (item, period) stands, the history stays.
CREATE TABLE evaluations (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    grade TEXT NOT NULL CHECK (grade IN ('good', 'fair', 'average', 'poor')),
    comment TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX evaluations_item_period ON evaluations (item_id, period, id);

CREATE TRIGGER evaluations_no_update BEFORE UPDATE ON evaluations
BEGIN
    SELECT RAISE(ABORT, 'evaluations is append-only');
END;

-- The results report's narrative as edited, per plan and period (JSON of the sections),
-- with a version for optimistic concurrency.
CREATE TABLE report_drafts (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    content_json TEXT NOT NULL,
    version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    UNIQUE (plan_id, period)
);

-- Where e-mail reminders go: the unit's mailbox and its members' addresses.
ALTER TABLE users ADD COLUMN email TEXT;
ALTER TABLE units ADD COLUMN email TEXT;
