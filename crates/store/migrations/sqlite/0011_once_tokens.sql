-- Once-tokens of create forms (issue 14, finding 7), SQLite. Keep in step with
-- ../postgres/0011_once_tokens.sql.

-- A create form (split, report filing, event creation) carries a random token drawn with
-- the page. The creating transaction inserts it first, so of two submits of one form
-- only one creates: the other finds the row and answers with `result`, the path of what
-- the first made. A refused creation rolls its row back, and the form may be sent again.
-- Rows older than two days are removed when a new token is recorded.
CREATE TABLE once_tokens (
    token TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    result TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX once_tokens_created ON once_tokens (created_at);
