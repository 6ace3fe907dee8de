-- The plan-wide money views and the queues at 100,000 estimate lines (issue 17).
-- The approved estimates' totals are summed from the index alone.
CREATE INDEX estimate_lines_amount ON estimate_lines (estimate_id, amount);
-- The approval day is read from the index alone (it leads with estimate_id, so it also
-- serves what estimate_steps_estimate served).
DROP INDEX estimate_steps_estimate;
CREATE INDEX estimate_steps_action ON estimate_steps (estimate_id, action, created_at);
-- A queue's page, in its order (updated_at, id), without sorting the whole queue.
DROP INDEX estimates_status;
CREATE INDEX estimates_status ON estimates (status, updated_at, id);
