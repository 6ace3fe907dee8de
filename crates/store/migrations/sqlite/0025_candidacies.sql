-- Candidacy support (issue 19, part 3), SQLite. Keep in step with
-- ../postgres/0025_candidacies.sql. The rules are domain::cities::candidacy.

-- The UCCN call's steps, as data (each call's dates change): ordered by position, then id.
-- The Board and admins add, rename, reorder and remove them; a step a dossier uses stays.
CREATE TABLE candidacy_steps (
    id INTEGER PRIMARY KEY,
    position BIGINT NOT NULL,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
INSERT INTO candidacy_steps (position, name_vi, name_en, created_at, updated_at) VALUES
    (10, 'Đăng ký ý định ứng cử', 'Intent', 0, 0),
    (20, 'Sơ tuyển quốc gia (Ủy ban Quốc gia UNESCO Việt Nam)', 'National pre-selection (Vietnam National Commission for UNESCO)', 0, 0),
    (30, 'Hồ sơ ứng cử và phụ lục', 'Application form and annexes', 0, 0),
    (40, 'Nộp hồ sơ trước hạn của đợt xét', 'Submission by the call''s deadline', 0, 0),
    (50, 'Thẩm định và quyết định', 'Evaluation and decision', 0, 0);

-- A candidate city's dossier for one creative field (NULL: not chosen yet); one per city
-- and field. `version` guards the dossier's forms (status and each step's dates).
CREATE TABLE candidacies (
    id INTEGER PRIMARY KEY,
    city_id INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    field_id INTEGER REFERENCES creative_fields (id),
    status TEXT NOT NULL DEFAULT 'considering' CHECK (status IN
        ('considering', 'preparing', 'submitted', 'designated', 'not_designated')),
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX candidacies_city_field ON candidacies (city_id, COALESCE(field_id, 0));

-- A dossier's dates and note for one step ('yyyy-mm-dd'); no row: nothing recorded. A step
-- with rows here (or documents, or support) cannot be removed: no cascade from the step.
CREATE TABLE candidacy_step_records (
    candidacy_id INTEGER NOT NULL REFERENCES candidacies (id) ON DELETE CASCADE,
    step_id INTEGER NOT NULL REFERENCES candidacy_steps (id),
    planned_on TEXT,
    done_on TEXT,
    note TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (candidacy_id, step_id)
);
CREATE INDEX candidacy_step_records_step ON candidacy_step_records (step_id);

-- A dossier step's documents, in the evidence store by SHA-256 (as the city letters' files).
CREATE TABLE candidacy_documents (
    id INTEGER PRIMARY KEY,
    candidacy_id INTEGER NOT NULL REFERENCES candidacies (id) ON DELETE CASCADE,
    step_id INTEGER NOT NULL REFERENCES candidacy_steps (id),
    original_name TEXT NOT NULL,
    size BIGINT NOT NULL,
    mime TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX candidacy_documents_dossier ON candidacy_documents (candidacy_id, step_id, id);
CREATE INDEX candidacy_documents_step ON candidacy_documents (step_id);

-- Hanoi's support for a dossier step: a plan item or an event (workshop, expert visit).
CREATE TABLE candidacy_support (
    id INTEGER PRIMARY KEY,
    candidacy_id INTEGER NOT NULL REFERENCES candidacies (id) ON DELETE CASCADE,
    step_id INTEGER NOT NULL REFERENCES candidacy_steps (id),
    item_id INTEGER REFERENCES items (id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES events (id) ON DELETE CASCADE,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL,
    CHECK ((item_id IS NULL) <> (event_id IS NULL))
);
CREATE INDEX candidacy_support_dossier ON candidacy_support (candidacy_id, step_id, id);
CREATE INDEX candidacy_support_step ON candidacy_support (step_id);
