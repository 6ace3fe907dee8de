-- Công tác chỉ đạo, điều hành (issue 12, section I of the results report), SQLite. Keep
-- in step with ../postgres/0009_directions.sql.

-- A plan's direction records: the documents issued to carry it out (directive: công văn,
-- quyết định, kế hoạch chi tiết…), the Board's inspections and its meetings. `number` is
-- the số, ký hiệu ("285/SVHTT-QLDS"), NULL when there is none; `doc_date` is the date
-- (yyyy-mm-dd), `summary` the trích yếu. Edited with an optimistic `version`.
CREATE TABLE directions (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('directive', 'inspection', 'meeting')),
    number TEXT,
    doc_date TEXT NOT NULL,
    summary TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX directions_plan_date ON directions (plan_id, doc_date);

-- The files of a direction record (the signed document, the minutes, photos), in the
-- evidence store on disk (content-addressed, as evidence and event documents).
CREATE TABLE direction_files (
    id INTEGER PRIMARY KEY,
    direction_id INTEGER NOT NULL REFERENCES directions (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    mime TEXT NOT NULL,
    original_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES users (id),
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX direction_files_direction ON direction_files (direction_id);
