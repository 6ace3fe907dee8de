-- The Vietnamese network space (issue 19, part 2), SQLite. Keep in step with
-- ../postgres/0023_network.sql.

-- A network account: a focal point of a Vietnamese member or candidate city, scoped to
-- /network (domain::network). NULL for the department's own accounts.
ALTER TABLE users ADD COLUMN network_city_id INTEGER REFERENCES cities (id);

-- A sign-up link sent to a city's focal point: only the token's SHA-256 is kept; it serves
-- once (used_at, user_id) before expires_at.
CREATE TABLE network_invitations (
    id INTEGER PRIMARY KEY,
    city_id INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    email TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    expires_at BIGINT NOT NULL,
    used_at BIGINT,
    user_id INTEGER REFERENCES users (id),
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX network_invitations_city ON network_invitations (city_id, id);

-- The shared calendar: a Hanoi event shared with the network (event_id; its title and times
-- are the event's), or an event a city (or Hanoi, city_id NULL) posts here, times as
-- 'yyyy-mm-ddThh:mm' in Asia/Ho_Chi_Minh.
CREATE TABLE network_events (
    id INTEGER PRIMARY KEY,
    event_id INTEGER UNIQUE REFERENCES events (id) ON DELETE CASCADE,
    city_id INTEGER REFERENCES cities (id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    start_local TEXT NOT NULL DEFAULT '',
    end_local TEXT NOT NULL DEFAULT '',
    place TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX network_events_start ON network_events (start_local, id);

-- The shared library: documents and good practices with a file in the evidence store, for
-- the whole network (all_cities) or the cities listed in network_document_cities.
CREATE TABLE network_documents (
    id INTEGER PRIMARY KEY,
    city_id INTEGER REFERENCES cities (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('document', 'practice')),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    all_cities BOOLEAN NOT NULL,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    mime TEXT NOT NULL,
    original_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX network_documents_created ON network_documents (created_at, id);

CREATE TABLE network_document_cities (
    document_id INTEGER NOT NULL REFERENCES network_documents (id) ON DELETE CASCADE,
    city_id INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    PRIMARY KEY (document_id, city_id)
);
CREATE INDEX network_document_cities_city ON network_document_cities (city_id);

-- A network account's calendar feed: the token's SHA-256, one per account.
CREATE TABLE network_feeds (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL
);
