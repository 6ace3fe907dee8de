-- The plan's funding from its document (issue 17), SQLite. Keep in step with
-- ../postgres/0021_imported_funding.sql.

-- A funding source read from the plan's "Kinh phí" section may have no amount yet (the
-- section names the source and not the money): `amount` is NULL until Finance knows it.
-- `unit_id` is the unit the money is assigned to ("… giao Phòng Quản lý Di sản văn hóa").
-- SQLite cannot drop a NOT NULL in place: the table is rebuilt, its rows kept.
CREATE TABLE funding_sources_0021 (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    year BIGINT NOT NULL,
    amount BIGINT CHECK (amount >= 0),
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL,
    unit_id INTEGER REFERENCES units (id) ON DELETE SET NULL
);
INSERT INTO funding_sources_0021 (id, plan_id, name, legal_basis, year, amount, created_by,
    created_at)
SELECT id, plan_id, name, legal_basis, year, amount, created_by, created_at
FROM funding_sources;
DROP TABLE funding_sources;
ALTER TABLE funding_sources_0021 RENAME TO funding_sources;
CREATE INDEX funding_sources_plan ON funding_sources (plan_id);

-- A draft's funding lines as proposed from the document and corrected on the review page
-- (JSON: store::FundingLine), committed with the plan as its funding sources.
ALTER TABLE plan_drafts ADD COLUMN funding_json TEXT NOT NULL DEFAULT '[]';
