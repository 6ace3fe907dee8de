-- Invitations between cities on the shared calendar (issue 19), SQLite. Keep in step with
-- ../postgres/0028_network_event_invitations.sql.

-- A posted event is edited by its author: the version guards against a stale form, and
-- updated_at (with the version as SEQUENCE) tells calendar programs it changed.
ALTER TABLE network_events ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE network_events ADD COLUMN updated_at BIGINT;

-- A city invited to an event of the calendar, and its answer
-- (domain::network::invitation::Answer); one invitation per city and event.
CREATE TABLE network_event_invitations (
    id INTEGER PRIMARY KEY,
    network_event_id INTEGER NOT NULL REFERENCES network_events (id) ON DELETE CASCADE,
    city_id INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
    note TEXT NOT NULL DEFAULT '',
    invited_by INTEGER REFERENCES users (id),
    invited_at BIGINT NOT NULL,
    responded_by INTEGER REFERENCES users (id),
    responded_at BIGINT,
    UNIQUE (network_event_id, city_id)
);
CREATE INDEX network_event_invitations_city ON network_event_invitations (city_id, status);
