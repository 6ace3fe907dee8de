-- Budget (issue 17), SQLite. Keep in step with ../postgres/0015_budget.sql.

-- Where a plan's money comes from (Kinh phí: "nguồn ngân sách … giao cho Sở"): the source's
-- name, its legal basis (the decision that assigns it) and its amount for the year, in
-- whole đồng.
CREATE TABLE funding_sources (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    legal_basis TEXT NOT NULL,
    year BIGINT NOT NULL,
    amount BIGINT NOT NULL CHECK (amount >= 0),
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX funding_sources_plan ON funding_sources (plan_id);

-- An estimate (dự toán) of a plan item, optionally for one of its events. Each change
-- after approval opens a new revision (a new row, revision + 1, the lines copied); only
-- the latest revision moves. `status`: domain::budget::EstimateStatus. `submitted_by` and
-- `verified_by` are who took those steps in the current round (four eyes), cleared when
-- it is returned. Edited with an optimistic `version`.
CREATE TABLE estimates (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    event_id INTEGER REFERENCES events (id) ON DELETE SET NULL,
    revision BIGINT NOT NULL,
    status TEXT NOT NULL
        CHECK (status IN ('draft', 'submitted', 'verified', 'approved', 'rejected')),
    submitted_by INTEGER REFERENCES users (id),
    verified_by INTEGER REFERENCES users (id),
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    UNIQUE (item_id, revision)
);
CREATE INDEX estimates_status ON estimates (status);

-- The lines of an estimate: amount = quantity × unit_price, in whole đồng (computed and
-- checked in domain::budget; the CHECKs are the last guard).
CREATE TABLE estimate_lines (
    id INTEGER PRIMARY KEY,
    estimate_id INTEGER NOT NULL REFERENCES estimates (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    category TEXT NOT NULL,
    description TEXT NOT NULL,
    unit TEXT NOT NULL,
    quantity BIGINT NOT NULL CHECK (quantity > 0),
    unit_price BIGINT NOT NULL CHECK (unit_price >= 0),
    amount BIGINT NOT NULL CHECK (amount >= 0),
    note TEXT NOT NULL
);
CREATE INDEX estimate_lines_estimate ON estimate_lines (estimate_id, position);

-- Every step of an estimate (submit, verify, return, approve, reject, revise): who, when,
-- from and to which status, and the comment. Append-only.
CREATE TABLE estimate_steps (
    id INTEGER PRIMARY KEY,
    estimate_id INTEGER NOT NULL REFERENCES estimates (id) ON DELETE CASCADE,
    action TEXT NOT NULL,
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    comment TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX estimate_steps_estimate ON estimate_steps (estimate_id);

CREATE TRIGGER estimate_steps_no_update BEFORE UPDATE ON estimate_steps
BEGIN
    SELECT RAISE(ABORT, 'estimate_steps is append-only');
END;

-- A contract (hợp đồng) the Office signs for an item, against lines of its approved
-- estimate (contract_lines). `value` above those lines' total needs `override_reason`.
-- `signed_on` and `term_end` are yyyy-mm-dd. `version` is bumped by every payment, so
-- that two payments at once are checked one after the other.
CREATE TABLE contracts (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
    vendor TEXT NOT NULL,
    vendor_kind TEXT NOT NULL CHECK (vendor_kind IN ('person', 'organisation')),
    subject TEXT NOT NULL,
    value BIGINT NOT NULL CHECK (value >= 0),
    signed_on TEXT,
    term_end TEXT,
    override_reason TEXT,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX contracts_item ON contracts (item_id);

CREATE TABLE contract_lines (
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    line_id INTEGER NOT NULL REFERENCES estimate_lines (id) ON DELETE CASCADE,
    PRIMARY KEY (contract_id, line_id)
);

-- Payments of a contract: advances (tạm ứng), payments after acceptance (thanh toán sau
-- nghiệm thu) and the settlement (quyết toán). Beyond the contract's value only with
-- `over_reason`.
CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('advance', 'acceptance', 'settlement')),
    amount BIGINT NOT NULL CHECK (amount >= 0),
    paid_on TEXT NOT NULL,
    note TEXT NOT NULL,
    over_reason TEXT,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX payments_contract ON payments (contract_id);

-- The files of a contract: the signed contract and its payments' documents (chứng từ,
-- biên bản nghiệm thu, quyết toán), in the evidence store on disk (content-addressed, as
-- evidence and direction files).
CREATE TABLE contract_files (
    id INTEGER PRIMARY KEY,
    contract_id INTEGER NOT NULL REFERENCES contracts (id) ON DELETE CASCADE,
    sha256 TEXT NOT NULL,
    size BIGINT NOT NULL,
    mime TEXT NOT NULL,
    original_name TEXT NOT NULL,
    stored_path TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES users (id),
    uploaded_at BIGINT NOT NULL
);
CREATE INDEX contract_files_contract ON contract_files (contract_id);
