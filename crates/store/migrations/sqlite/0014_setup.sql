-- Department setup (SQLite). Keep in step with ../postgres/0014_setup.sql.
-- A unit can be deactivated (not offered for new assignments; its history stays) and is
-- edited over a version; users and plans are edited over a version too.
ALTER TABLE units ADD COLUMN active BOOLEAN NOT NULL DEFAULT TRUE;
ALTER TABLE units ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE units ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE plans ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE plans ADD COLUMN updated_at BIGINT NOT NULL DEFAULT 0;
