-- Plans brought in from the browser and checked before they count (issue 13), SQLite.
-- Keep in step with ../postgres/0016_plan_drafts.sql.

-- A draft is what the reader made of an uploaded document, kept until someone of the
-- Board or an admin commits it (then it becomes a plan in the import's one transaction
-- and the draft goes) or discards it. `source_text` is the text the reader read, whose
-- lines the review page shows beside the tree; `parsed_json` is the ParsedPlan as edited
-- on that page. Edited with an optimistic `version`.
CREATE TABLE plan_drafts (
    id INTEGER PRIMARY KEY,
    created_by INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    source_name TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    source_text TEXT NOT NULL,
    parsed_json TEXT NOT NULL
);
CREATE INDEX plan_drafts_created ON plan_drafts (created_at);
