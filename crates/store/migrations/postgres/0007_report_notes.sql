-- A progress report's difficulties and proposals (issue 12), PostgreSQL. Keep in step with
-- ../sqlite/0007_report_notes.sql.

-- "Khó khăn, vướng mắc" and "Đề xuất, kiến nghị" as the unit wrote them, per version like
-- the text (the versions stay append-only: adding a column updates no row). The results
-- report gathers them into its causes (III.3) and its proposals (V). Empty for the reports
-- filed before.
ALTER TABLE progress_reports ADD COLUMN difficulties TEXT NOT NULL DEFAULT '';
ALTER TABLE progress_reports ADD COLUMN proposals TEXT NOT NULL DEFAULT '';
