-- The item list's keys beside each unit in effect (issue 15): a unit's workload filtered
-- by status and ordered by due date is one index range per relation and status, merged in
-- order, so a middle page at 1,000,000 items reads its offset's index entries instead of
-- every item of the unit. The copies are kept by triggers, in the transaction of every
-- write to an item's status, due date or removal and of every unit row written, so no
-- writer can forget them. Keep in step with ../sqlite/0034_list_keys.sql.
ALTER TABLE item_effective_units ADD COLUMN status TEXT NOT NULL DEFAULT 'not_started';
ALTER TABLE item_effective_units ADD COLUMN due_date TEXT;
ALTER TABLE item_effective_units ADD COLUMN live BOOLEAN NOT NULL DEFAULT TRUE;
-- Whether the unit's workload lists the item by this row: a unit both lead and
-- coordinating on one item (a merge of units can make it) is listed once, as lead.
ALTER TABLE item_effective_units ADD COLUMN listed BOOLEAN NOT NULL DEFAULT TRUE;

UPDATE item_effective_units e
SET status = i.status, due_date = i.due_date, live = i.removed_in IS NULL
FROM items i
WHERE i.id = e.item_id;
UPDATE item_effective_units e
SET listed = FALSE
WHERE e.relation = 'coordinating' AND EXISTS (
    SELECT 1 FROM item_effective_units l
    WHERE l.item_id = e.item_id AND l.unit_id = e.unit_id AND l.relation = 'lead'
);

-- One range per (unit, relation, status), in due-date order; `live` is a column too so
-- that the index alone answers (SQLite does not read a partial index's condition from it).
CREATE INDEX item_effective_units_list
    ON item_effective_units (unit_id, relation, status, due_date, item_id, live, listed)
    WHERE live;

CREATE FUNCTION item_effective_units_keys() RETURNS trigger AS $$
BEGIN
    SELECT i.status, i.due_date, i.removed_in IS NULL
    INTO NEW.status, NEW.due_date, NEW.live
    FROM items i WHERE i.id = NEW.item_id;
    NEW.listed := NEW.relation = 'lead' OR NOT EXISTS (
        SELECT 1 FROM item_effective_units l
        WHERE l.item_id = NEW.item_id AND l.unit_id = NEW.unit_id AND l.relation = 'lead'
    );
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER item_effective_units_keys BEFORE INSERT ON item_effective_units
FOR EACH ROW EXECUTE FUNCTION item_effective_units_keys();

-- A lead row written after, or deleted before, the unit's coordinating row on the item.
CREATE FUNCTION item_effective_units_lead_moved() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        UPDATE item_effective_units SET listed = FALSE
        WHERE item_id = NEW.item_id AND unit_id = NEW.unit_id AND relation = 'coordinating';
    ELSE
        UPDATE item_effective_units SET listed = TRUE
        WHERE item_id = OLD.item_id AND unit_id = OLD.unit_id AND relation = 'coordinating';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER item_effective_units_lead_added AFTER INSERT ON item_effective_units
FOR EACH ROW WHEN (NEW.relation = 'lead')
EXECUTE FUNCTION item_effective_units_lead_moved();

CREATE TRIGGER item_effective_units_lead_removed AFTER DELETE ON item_effective_units
FOR EACH ROW WHEN (OLD.relation = 'lead')
EXECUTE FUNCTION item_effective_units_lead_moved();

CREATE FUNCTION items_list_keys() RETURNS trigger AS $$
BEGIN
    UPDATE item_effective_units
    SET status = NEW.status, due_date = NEW.due_date, live = NEW.removed_in IS NULL
    WHERE item_id = NEW.id;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER items_list_keys AFTER UPDATE OF status, due_date, removed_in ON items
FOR EACH ROW
WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.due_date IS DISTINCT FROM NEW.due_date
      OR OLD.removed_in IS DISTINCT FROM NEW.removed_in)
EXECUTE FUNCTION items_list_keys();
