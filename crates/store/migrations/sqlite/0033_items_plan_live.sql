-- A plan's live items (not removed by a revision), read by index alone: the plan list
-- counts them for every plan on every view of the plans page and the dashboard's plan
-- picker. Through items_plan_due each count looked up every item's row for removed_in:
-- 0.55 s at 2,000 plans and 1,000,000 items, 0.075 s with this index (SQLite CLI).
CREATE INDEX items_plan_live ON items (plan_id) WHERE removed_in IS NULL;
