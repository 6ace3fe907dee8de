-- Review of progress reports (issue 11), SQLite. Keep in step with
-- ../postgres/0006_report_reviews.sql.

-- The Board's decision on one version of a progress report (`report_id` is the version
-- reviewed, a row of progress_reports): accepted (duyệt) or returned (trả lại, with the
-- comment the unit answers by filing a new version). UNIQUE (report_id): a version is
-- decided once, so a double submit or two reviewers at once leave one decision.
-- Append-only, as the reports themselves.
CREATE TABLE report_reviews (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL UNIQUE REFERENCES progress_reports (id) ON DELETE CASCADE,
    decision TEXT NOT NULL CHECK (decision IN ('accepted', 'returned')),
    comment TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL
);

CREATE TRIGGER report_reviews_no_update BEFORE UPDATE ON report_reviews
BEGIN
    SELECT RAISE(ABORT, 'report_reviews is append-only');
END;
