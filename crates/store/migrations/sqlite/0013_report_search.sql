-- The header search over progress reports (issue 16): each version's text, difficulties and
-- proposals folded (vanban::text::fold: no diacritics, đ → d, lower case), written with the
-- version. progress_reports is append-only, so the folded text lives beside it; versions
-- written before this migration are filled by the store at start (`Store::migrate`).
CREATE TABLE report_search (
    report_id INTEGER PRIMARY KEY REFERENCES progress_reports (id) ON DELETE CASCADE,
    folded TEXT NOT NULL
);
