-- Foundation schema (SQLite). Keep in step with ../postgres/0001_foundation.sql.
-- Conventions: ids INTEGER (i64); timestamps BIGINT unix seconds (UTC); calendar dates
-- TEXT 'yyyy-mm-dd'; JSON TEXT; flags BOOLEAN (0/1 here, TRUE/FALSE in SQL text).

CREATE TABLE store_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    folded_name TEXT NOT NULL UNIQUE,
    external BOOLEAN NOT NULL DEFAULT FALSE,
    kind TEXT NOT NULL DEFAULT 'other',
    parent_id INTEGER REFERENCES units (id),
    created_at BIGINT NOT NULL
);

CREATE TABLE unit_abbreviations (
    id INTEGER PRIMARY KEY,
    alias TEXT NOT NULL,
    alias_key TEXT NOT NULL UNIQUE,
    unit_name TEXT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    must_change_password BOOLEAN NOT NULL DEFAULT FALSE,
    language TEXT NOT NULL DEFAULT 'vi',
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE user_units (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    PRIMARY KEY (user_id, unit_id)
);
CREATE INDEX user_units_unit ON user_units (unit_id);

CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'board', 'staff', 'finance', 'office', 'partner')),
    PRIMARY KEY (user_id, role)
);

CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    last_seen BIGINT NOT NULL
);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_expires ON sessions (expires_at);

CREATE TABLE login_failures (
    id INTEGER PRIMARY KEY,
    login TEXT NOT NULL,
    address TEXT NOT NULL,
    at BIGINT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (login, address, at);

CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    kind_code TEXT,
    number TEXT,
    symbol TEXT,
    issuer TEXT,
    parent_issuer TEXT,
    place TEXT,
    doc_date TEXT,
    year BIGINT,
    title TEXT NOT NULL,
    budget_text TEXT,
    signer_authority TEXT,
    signer_title TEXT,
    signer_name TEXT,
    source_name TEXT NOT NULL,
    source_sha256 TEXT NOT NULL UNIQUE,
    parsed_sha256 TEXT NOT NULL UNIQUE,
    identity_key TEXT UNIQUE,
    parsed_json TEXT NOT NULL,
    imported_at BIGINT NOT NULL,
    imported_by INTEGER REFERENCES users (id)
);

CREATE TABLE plan_legal_basis (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    refs_json TEXT NOT NULL
);
CREATE INDEX plan_legal_basis_plan ON plan_legal_basis (plan_id, position);

CREATE TABLE plan_statements (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('purpose', 'requirement')),
    position BIGINT NOT NULL,
    text TEXT NOT NULL
);
CREATE INDEX plan_statements_plan ON plan_statements (plan_id, kind, position);

CREATE TABLE plan_appendices (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    label TEXT,
    title TEXT
);
CREATE INDEX plan_appendices_plan ON plan_appendices (plan_id, position);

CREATE TABLE items (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES items (id) ON DELETE CASCADE,
    appendix_id INTEGER REFERENCES plan_appendices (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    seq BIGINT NOT NULL,
    depth BIGINT NOT NULL,
    numbering TEXT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    source_line BIGINT,
    added BOOLEAN NOT NULL DEFAULT FALSE,
    status TEXT NOT NULL DEFAULT 'not_started',
    status_reason TEXT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX items_plan ON items (plan_id, seq);
CREATE INDEX items_parent ON items (parent_id, position);
CREATE INDEX items_status ON items (status);

CREATE TABLE item_units (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    relation TEXT NOT NULL CHECK (relation IN ('lead', 'coordinating')),
    position BIGINT NOT NULL,
    PRIMARY KEY (item_id, unit_id, relation)
);
CREATE INDEX item_units_unit ON item_units (unit_id, relation);

CREATE TABLE targets (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    min_value DOUBLE PRECISION,
    max_value DOUBLE PRECISION,
    unit TEXT NOT NULL,
    per TEXT,
    text TEXT NOT NULL
);
CREATE INDEX targets_item ON targets (item_id, position);

CREATE TABLE deadlines (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    text TEXT NOT NULL,
    due TEXT,
    start_date TEXT,
    recurrence TEXT
);
CREATE INDEX deadlines_item ON deadlines (item_id, position);
CREATE INDEX deadlines_due ON deadlines (due);

CREATE TABLE plan_warnings (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    line BIGINT NOT NULL,
    message TEXT NOT NULL
);
CREATE INDEX plan_warnings_plan ON plan_warnings (plan_id, position);

CREATE TABLE plan_responsibilities (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    unit_id INTEGER REFERENCES units (id),
    unit_text TEXT NOT NULL,
    duties_json TEXT NOT NULL
);
CREATE INDEX plan_responsibilities_plan ON plan_responsibilities (plan_id, position);
CREATE INDEX plan_responsibilities_unit ON plan_responsibilities (unit_id);

-- No foreign key on actor_id: the log must outlive anything it mentions.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_id BIGINT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    before_json TEXT,
    after_json TEXT
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id, id);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;
