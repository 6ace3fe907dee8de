-- Events found through a full-text index (issue 15), as items, people and reports are
-- (0030): the header search matched every event of the user's scope in Rust, up to the
-- first 5,000 by start, so at 100,000 events it was slow and missed the later ones.
-- search_folded is the event's title, venue, topic and organiser folded
-- (vanban::text::fold), written with the event; the store fills it for events written
-- before this migration when it starts.
ALTER TABLE events ADD COLUMN search_folded TEXT;

CREATE VIRTUAL TABLE events_fts USING fts5 (
    search_folded, content = 'events', content_rowid = 'id',
    tokenize = 'unicode61', prefix = '2 3 4 5 6 7'
);
-- Every existing row gets its (empty) entry: FTS5's 'delete' needs one to remove, and the
-- update trigger below deletes before it inserts when the store fills the text in.
INSERT INTO events_fts (events_fts) VALUES ('rebuild');
CREATE TRIGGER events_fts_insert AFTER INSERT ON events BEGIN
    INSERT INTO events_fts (rowid, search_folded) VALUES (new.id, new.search_folded);
END;
CREATE TRIGGER events_fts_delete AFTER DELETE ON events BEGIN
    INSERT INTO events_fts (events_fts, rowid, search_folded)
    VALUES ('delete', old.id, old.search_folded);
END;
CREATE TRIGGER events_fts_update AFTER UPDATE OF search_folded ON events
WHEN old.search_folded IS NOT new.search_folded BEGIN
    INSERT INTO events_fts (events_fts, rowid, search_folded)
    VALUES ('delete', old.id, old.search_folded);
    INSERT INTO events_fts (rowid, search_folded) VALUES (new.id, new.search_folded);
END;

-- What the store fills in when it starts (items' and events' search text) is found through
-- these, not by reading every row: at 1,000,000 items the scan alone took seconds at
-- every start.
CREATE INDEX items_unfilled ON items (plan_id) WHERE search_folded IS NULL;
CREATE INDEX events_unindexed ON events (id) WHERE search_folded IS NULL;
