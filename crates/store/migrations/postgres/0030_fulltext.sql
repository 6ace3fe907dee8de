-- Full-text indexes for the header search and the item list's text filter (issue 15), in
-- place of LIKE '%…%' scans: a tsvector of the folded text each table already keeps
-- (vanban::text::fold: no diacritics, đ → d, lower case), generated with the row, and a
-- GIN index on it. Anything but letters and digits becomes a space first, so that words
-- are the runs of letters and digits SQLite's unicode61 tokenizer and
-- domain::search::words make (the default parser would keep "1.2" or "a-b" whole); the
-- 'simple' configuration keeps every word as it is (no stemming, no stop words).

ALTER TABLE items ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', regexp_replace(coalesce(search_folded, ''), '[^[:alnum:]]+', ' ', 'g'))
) STORED;
CREATE INDEX items_search_tsv ON items USING gin (search_tsv);

ALTER TABLE people ADD COLUMN name_tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', regexp_replace(name_folded, '[^[:alnum:]]+', ' ', 'g'))
) STORED;
CREATE INDEX people_name_tsv ON people USING gin (name_tsv);

ALTER TABLE report_search ADD COLUMN search_tsv tsvector GENERATED ALWAYS AS (
    to_tsvector('simple', regexp_replace(folded, '[^[:alnum:]]+', ' ', 'g'))
) STORED;
CREATE INDEX report_search_tsv ON report_search USING gin (search_tsv);
