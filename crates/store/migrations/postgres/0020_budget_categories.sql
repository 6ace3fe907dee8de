-- Configurable estimate line categories (issue 17), PostgreSQL. Keep in step with
-- ../sqlite/0020_budget_categories.sql.

-- The categories (khoản mục) an estimate line is filed under. Lines keep storing the
-- code, so a category is renamed or deactivated, never deleted: old lines still show
-- its name. The admin adds more; these are the usual public-finance headings.
CREATE TABLE budget_categories (
    code TEXT PRIMARY KEY,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL DEFAULT '',
    position BIGINT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 1
);

INSERT INTO budget_categories (code, name_vi, name_en, position) VALUES
    ('interpretation', 'Phiên dịch', 'Interpretation', 1),
    ('experts', 'Chuyên gia', 'Experts', 2),
    ('travel', 'Đi lại', 'Travel', 3),
    ('printing', 'In ấn', 'Printing', 4),
    ('production', 'Sản xuất', 'Production', 5),
    ('equipment_rental', 'Thuê thiết bị', 'Equipment rental', 6),
    ('venue', 'Địa điểm', 'Venue', 7),
    ('other', 'Khác', 'Other', 8);
