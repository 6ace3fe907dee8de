-- The facts an item's state is computed from (domain::tracking::state): every report's
-- item, id, period and percent, read from the index alone. The item list reads them for
-- each page of 50 items and the dashboard for a whole plan; without it each report row is
-- a lookup in the table (about half of the list's database time at 1,000,000 reports).
CREATE INDEX progress_reports_facts ON progress_reports (item_id, id, period_start, period_end, percent);
