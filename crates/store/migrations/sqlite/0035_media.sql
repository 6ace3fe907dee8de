-- Media works (issue 18), SQLite. Keep in step with ../postgres/0035_media.sql.

-- A clip, phóng sự, chuyên đề tạp chí, ấn phẩm, news post or photo set, led by one unit,
-- made for a plan item (and perhaps shown at an event, paid under a contract). Its
-- countable record (`records`, source 'media:ID') is written in the same transaction, so
-- a published work counts like a held event. Dates are 'yyyy-mm-dd'.
CREATE TABLE media_works (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    summary_en TEXT NOT NULL DEFAULT '',
    stage TEXT NOT NULL DEFAULT 'brief',
    unit_id INTEGER NOT NULL REFERENCES units (id),
    item_id INTEGER REFERENCES items (id) ON DELETE SET NULL,
    event_id INTEGER REFERENCES events (id) ON DELETE SET NULL,
    contract_id INTEGER REFERENCES contracts (id) ON DELETE SET NULL,
    duration_seconds BIGINT CHECK (duration_seconds > 0),
    pages BIGINT CHECK (pages > 0),
    languages TEXT NOT NULL DEFAULT '',
    print_run BIGINT CHECK (print_run > 0),
    format TEXT NOT NULL DEFAULT '',
    published_on TEXT,
    search_folded TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    updated_at BIGINT NOT NULL
);
CREATE INDEX media_works_kind ON media_works (kind, stage, id);
CREATE INDEX media_works_unit ON media_works (unit_id, id);
CREATE INDEX media_works_item ON media_works (item_id);
CREATE INDEX media_works_event ON media_works (event_id);

-- Who carries each stage and by when (owner: a name, often an outside producer).
CREATE TABLE media_stage_plans (
    work_id INTEGER NOT NULL REFERENCES media_works (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due_on TEXT,
    PRIMARY KEY (work_id, stage)
);

-- A work's files by stage (script, cut, proof, photos), in the evidence store. Images
-- keep a thumbnail and a screen-sized copy beside the original.
CREATE TABLE media_files (
    id INTEGER PRIMARY KEY,
    work_id INTEGER NOT NULL REFERENCES media_works (id) ON DELETE CASCADE,
    stage TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    mime TEXT NOT NULL,
    original_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    thumb_path TEXT,
    screen_path TEXT,
    width BIGINT,
    height BIGINT,
    uploaded_by INTEGER REFERENCES users (id),
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX media_files_work ON media_files (work_id, id);
CREATE INDEX media_files_path ON media_files (stored_path);
