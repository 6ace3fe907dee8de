-- The data's version (issue 17's caches), PostgreSQL. Keep in step with
-- ../sqlite/0031_write_counter.sql.
-- Every writing transaction bumps n just before it commits (sql::tx::WriteTx); the next
-- bump waits for that commit, so n counts commits in commit order: a reader that sees n = K
-- sees every change up to K. MAX(audit_log.id) could not say that on PostgreSQL, where a
-- transaction holding a lower id may commit after a higher one.
CREATE TABLE write_counter (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    n BIGINT NOT NULL
);
INSERT INTO write_counter (id, n) VALUES (1, (SELECT COALESCE(MAX(id), 0) FROM audit_log));
