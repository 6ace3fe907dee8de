-- The plan's funding from its document (issue 17), PostgreSQL. Keep in step with
-- ../sqlite/0021_imported_funding.sql.

-- A funding source read from the plan's "Kinh phí" section may have no amount yet (the
-- section names the source and not the money): `amount` is NULL until Finance knows it.
-- `unit_id` is the unit the money is assigned to ("… giao Phòng Quản lý Di sản văn hóa").
ALTER TABLE funding_sources ALTER COLUMN amount DROP NOT NULL;
ALTER TABLE funding_sources ADD COLUMN unit_id BIGINT REFERENCES units (id) ON DELETE SET NULL;

-- A draft's funding lines as proposed from the document and corrected on the review page
-- (JSON: store::FundingLine), committed with the plan as its funding sources.
ALTER TABLE plan_drafts ADD COLUMN funding_json TEXT NOT NULL DEFAULT '[]';
