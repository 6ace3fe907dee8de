-- The public site (issue 18), SQLite. Keep in step with ../postgres/0036_public_site.sql.

-- What the public sees: one publication per subject (a media work, an event, a creative
-- space, a plan's summary), with its own public title and summary in both languages as
-- the Office reviewed them. Public pages read only rows 'published' whose embargo
-- (unix seconds) has passed. Withdrawn rows stay, with their history in the audit log.
CREATE TABLE publications (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    subject_id BIGINT NOT NULL,
    title TEXT NOT NULL,
    title_en TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    summary_en TEXT NOT NULL DEFAULT '',
    state TEXT NOT NULL DEFAULT 'draft',
    embargo_until BIGINT,
    published_at BIGINT,
    created_by INTEGER REFERENCES users (id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (kind, subject_id)
);
CREATE INDEX publications_state ON publications (state, published_at);

-- The targets a plan's public summary shows, chosen by the Board.
CREATE TABLE publication_targets (
    publication_id INTEGER NOT NULL REFERENCES publications (id) ON DELETE CASCADE,
    target_id INTEGER NOT NULL REFERENCES targets (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    PRIMARY KEY (publication_id, target_id)
);

-- The catalogue of Hà Nội's creative spaces. Links are one per line; photos are the
-- images of a photo-set media work.
CREATE TABLE spaces (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    address TEXT NOT NULL DEFAULT '',
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    description_en TEXT NOT NULL DEFAULT '',
    opening_hours TEXT NOT NULL DEFAULT '',
    opening_hours_en TEXT NOT NULL DEFAULT '',
    links TEXT NOT NULL DEFAULT '',
    photo_set_id INTEGER REFERENCES media_works (id) ON DELETE SET NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
