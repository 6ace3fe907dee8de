-- The city directory's records (issue 19, part 2), PostgreSQL. Keep in step with
-- ../sqlite/0022_city_records.sql. Letters' files use the columns of 0019.

-- The cities a delegation abroad goes to (picked on the delegation page).
CREATE TABLE delegation_cities (
    delegation_id BIGINT NOT NULL REFERENCES delegations (id) ON DELETE CASCADE,
    city_id BIGINT NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    PRIMARY KEY (delegation_id, city_id)
);
CREATE INDEX delegation_cities_city ON delegation_cities (city_id, delegation_id);
