-- Events found through a full-text index (issue 15), as items, people and reports are
-- (0030): the header search matched every event of the user's scope in Rust, up to the
-- first 5,000 by start, so at 100,000 events it was slow and missed the later ones.
-- search_folded is the event's title, venue, topic and organiser folded
-- (vanban::text::fold), written with the event; the store fills it for events written
-- before this migration when it starts.
ALTER TABLE events ADD COLUMN search_folded TEXT;
ALTER TABLE events ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', regexp_replace(coalesce(search_folded, ''), '[^[:alnum:]]+', ' ', 'g'))
) STORED;
CREATE INDEX events_search_tsv ON events USING gin (search_tsv);

-- What the store fills in when it starts (items' and events' search text) is found through
-- these, not by reading every row: at 1,000,000 items the scan alone took seconds at
-- every start.
CREATE INDEX items_unfilled ON items (plan_id) WHERE search_folded IS NULL;
CREATE INDEX events_unindexed ON events (id) WHERE search_folded IS NULL;
