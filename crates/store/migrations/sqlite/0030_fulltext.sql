-- Full-text indexes for the header search and the item list's text filter (issue 15), in
-- place of LIKE '%…%' scans. Each indexes the folded text its table already keeps
-- (vanban::text::fold: no diacritics, đ → d, lower case): FTS5 external-content tables,
-- keyed by the row's id, so the text is not stored twice. Triggers keep them in step in
-- the writing transaction, whatever writes the row (edits, imports, the seeder).
-- unicode61 splits the folded text into runs of letters and digits, as domain::search::words
-- splits a query. Prefix indexes of 2–7 letters (a Vietnamese syllable has at most 7) let
-- "w*" read one list newest first instead of merging the lists of every word that begins
-- with w (measured at 1,000,000 reports: 1 ms instead of 15 ms; the index grows about 3×,
-- mostly from the 2–4 letter prefixes).

CREATE VIRTUAL TABLE items_fts USING fts5 (
    search_folded, content = 'items', content_rowid = 'id',
    tokenize = 'unicode61', prefix = '2 3 4 5 6 7'
);
INSERT INTO items_fts (items_fts) VALUES ('rebuild');
CREATE TRIGGER items_fts_insert AFTER INSERT ON items BEGIN
    INSERT INTO items_fts (rowid, search_folded) VALUES (new.id, new.search_folded);
END;
CREATE TRIGGER items_fts_delete AFTER DELETE ON items BEGIN
    INSERT INTO items_fts (items_fts, rowid, search_folded)
    VALUES ('delete', old.id, old.search_folded);
END;
CREATE TRIGGER items_fts_update AFTER UPDATE OF search_folded ON items
WHEN old.search_folded IS NOT new.search_folded BEGIN
    INSERT INTO items_fts (items_fts, rowid, search_folded)
    VALUES ('delete', old.id, old.search_folded);
    INSERT INTO items_fts (rowid, search_folded) VALUES (new.id, new.search_folded);
END;

CREATE VIRTUAL TABLE people_fts USING fts5 (
    name_folded, content = 'people', content_rowid = 'id',
    tokenize = 'unicode61', prefix = '2 3 4 5 6 7'
);
INSERT INTO people_fts (people_fts) VALUES ('rebuild');
CREATE TRIGGER people_fts_insert AFTER INSERT ON people BEGIN
    INSERT INTO people_fts (rowid, name_folded) VALUES (new.id, new.name_folded);
END;
CREATE TRIGGER people_fts_delete AFTER DELETE ON people BEGIN
    INSERT INTO people_fts (people_fts, rowid, name_folded)
    VALUES ('delete', old.id, old.name_folded);
END;
CREATE TRIGGER people_fts_update AFTER UPDATE OF name_folded ON people
WHEN old.name_folded IS NOT new.name_folded BEGIN
    INSERT INTO people_fts (people_fts, rowid, name_folded)
    VALUES ('delete', old.id, old.name_folded);
    INSERT INTO people_fts (rowid, name_folded) VALUES (new.id, new.name_folded);
END;

-- report_search (0013) is written once per version and never changed.
CREATE VIRTUAL TABLE reports_fts USING fts5 (
    folded, content = 'report_search', content_rowid = 'report_id',
    tokenize = 'unicode61', prefix = '2 3 4 5 6 7'
);
INSERT INTO reports_fts (reports_fts) VALUES ('rebuild');
CREATE TRIGGER reports_fts_insert AFTER INSERT ON report_search BEGIN
    INSERT INTO reports_fts (rowid, folded) VALUES (new.report_id, new.folded);
END;
CREATE TRIGGER reports_fts_delete AFTER DELETE ON report_search BEGIN
    INSERT INTO reports_fts (reports_fts, rowid, folded)
    VALUES ('delete', old.report_id, old.folded);
END;
