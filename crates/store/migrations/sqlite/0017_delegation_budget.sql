-- A delegation takes its estimate from the budget (issue 17), SQLite. Keep in step with
-- ../postgres/0017_delegation_budget.sql.

-- The plan item whose estimate (dự toán) covers the trip: its approved total is the
-- delegation's estimate and, after the return, its settlement the delegation's.
-- `estimated_cost` stays, read for delegations entered before.
ALTER TABLE delegations ADD COLUMN budget_item_id INTEGER REFERENCES items (id) ON DELETE SET NULL;
