-- The units in effect per item: its own, else its nearest ancestor's ("theo mục cấp
-- trên"). Written only by the store, from domain::tracking::effective_units, in the same
-- transaction as any change to a plan's tree or units; every list, filter, page, export
-- and report reads it, so a unit's workload is counted one way.
CREATE TABLE item_effective_units (
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    unit_id INTEGER NOT NULL REFERENCES units (id),
    relation TEXT NOT NULL CHECK (relation IN ('lead', 'coordinating')),
    position BIGINT NOT NULL,
    inherited BOOLEAN NOT NULL,
    PRIMARY KEY (item_id, unit_id, relation)
);
CREATE INDEX item_effective_units_unit ON item_effective_units (unit_id, relation, item_id);
