-- Events, people, delegations and calendar feeds (issue 5), SQLite. Keep in step with
-- ../postgres/0003_events.sql.

-- An event is planned in its own zone: `time_zone` (IANA) with the wall-clock start and
-- end as typed (`start_local`, `end_local`, 'yyyy-mm-ddThh:mm'), and the instants in UTC
-- seconds for sorting, month views and overlap checks.
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    format TEXT NOT NULL,
    organiser TEXT NOT NULL,
    organiser_name TEXT NOT NULL DEFAULT '',
    topic TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'planned',
    time_zone TEXT NOT NULL,
    start_local TEXT NOT NULL,
    end_local TEXT NOT NULL,
    start_at BIGINT NOT NULL,
    end_at BIGINT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    online_url TEXT NOT NULL DEFAULT '',
    outcome TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    updated_at BIGINT NOT NULL,
    CHECK (end_at >= start_at)
);
CREATE INDEX events_start ON events (start_at, id);
CREATE INDEX events_status_start ON events (status, start_at);

-- The department's units on an event: lead (organises, edits) and coordinating (sees;
-- partners see what names them).
CREATE TABLE event_units (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    relation TEXT NOT NULL CHECK (relation IN ('lead', 'coordinating')),
    PRIMARY KEY (event_id, unit_id)
);
CREATE INDEX event_units_unit ON event_units (unit_id, event_id);

-- Plan items an event counts toward (mirrored in record_items through `records`).
CREATE TABLE event_items (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, item_id)
);
CREATE INDEX event_items_item ON event_items (item_id);

-- The directory: experts (field, organisation, contact), interpreters (language pairs
-- as 'vi↔en,vi↔fr'), staff.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('expert', 'interpreter', 'staff')),
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    organisation TEXT NOT NULL DEFAULT '',
    field TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    phone TEXT NOT NULL DEFAULT '',
    language_pairs TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX people_kind_name ON people (kind, name_folded);

-- Invitations: a person of the directory, or a guest named here only (large guest lists).
CREATE TABLE invitations (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people (id),
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    email TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'invited'
        CHECK (status IN ('invited', 'confirmed', 'declined', 'attended')),
    updated_at BIGINT NOT NULL
);
CREATE INDEX invitations_event ON invitations (event_id, id);
CREATE UNIQUE INDEX invitations_person ON invitations (event_id, person_id)
    WHERE person_id IS NOT NULL;

-- Interpreters booked per event, for the event's time unless narrowed.
CREATE TABLE interpreter_bookings (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id),
    language_pair TEXT NOT NULL DEFAULT '',
    start_at BIGINT NOT NULL,
    end_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    CHECK (end_at >= start_at)
);
CREATE INDEX interpreter_bookings_person ON interpreter_bookings (person_id, start_at);
CREATE INDEX interpreter_bookings_event ON interpreter_bookings (event_id);

-- Preparation: topic paper, interpretation, online connection, clip, speech, other.
CREATE TABLE checklist_entries (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    done BOOLEAN NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL
);
CREATE INDEX checklist_entries_event ON checklist_entries (event_id, id);

-- Speeches, slides, clips, photos: metadata here, bytes in the content-addressed store.
CREATE TABLE event_documents (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    mime TEXT NOT NULL,
    original_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES users (id),
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX event_documents_event ON event_documents (event_id);

-- Follow-up actions after an event; `item_id` once one became a plan item.
CREATE TABLE follow_ups (
    id INTEGER PRIMARY KEY,
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due_date TEXT,
    item_id INTEGER REFERENCES items (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX follow_ups_event ON follow_ups (event_id, id);

-- Outbound delegations (đoàn ra): a proposal to the People's Committee, then the trip
-- and the report after the return. Cost in whole đồng.
CREATE TABLE delegations (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    purpose TEXT NOT NULL DEFAULT '',
    destination TEXT NOT NULL DEFAULT '',
    depart_date TEXT NOT NULL,
    return_date TEXT NOT NULL,
    estimated_cost BIGINT NOT NULL DEFAULT 0 CHECK (estimated_cost >= 0),
    status TEXT NOT NULL DEFAULT 'draft',
    lead_unit_id INTEGER NOT NULL REFERENCES units (id),
    event_id INTEGER REFERENCES events (id) ON DELETE SET NULL,
    report TEXT NOT NULL DEFAULT '',
    reported_at BIGINT,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    updated_at BIGINT NOT NULL,
    CHECK (return_date >= depart_date)
);
CREATE INDEX delegations_depart ON delegations (depart_date, id);

CREATE TABLE delegation_members (
    delegation_id INTEGER NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    person_id INTEGER REFERENCES people (id),
    name TEXT NOT NULL,
    role TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (delegation_id, position)
);

-- Calendar feeds at a secret URL: only the SHA-256 of the token is kept. One owner: a
-- user or a unit. Revoked feeds stay (revoked_at) so that their URL answers "revoked".
CREATE TABLE feed_tokens (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    unit_id INTEGER REFERENCES units (id) ON DELETE CASCADE,
    label TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL,
    revoked_at BIGINT,
    CHECK ((user_id IS NULL) <> (unit_id IS NULL))
);
CREATE INDEX feed_tokens_user ON feed_tokens (user_id);
CREATE INDEX feed_tokens_unit ON feed_tokens (unit_id);
