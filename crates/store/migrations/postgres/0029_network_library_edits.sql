-- Library entries are edited and removed by their author (issue 19), PostgreSQL. Keep in step
-- with ../sqlite/0029_network_library_edits.sql. The version refuses a stale form; when the
-- entry was last changed is shown beside it.
ALTER TABLE network_documents ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE network_documents ADD COLUMN updated_at BIGINT;
