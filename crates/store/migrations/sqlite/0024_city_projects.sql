-- Joint projects with cities of the network (issue 19, dự án hợp tác), SQLite. Keep in
-- step with ../postgres/0024_city_projects.sql.

-- A project: 'yyyy-mm-dd' days (the start places it on its cities' timelines, the end may
-- be open), a status of domain::cities::project::ProjectStatus, optionally the plan item it
-- serves and its lead unit. `title_folded` is the title without diacritics, for search.
CREATE TABLE city_projects (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    title_folded TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('proposed', 'ongoing', 'done', 'dropped')),
    starts_on TEXT NOT NULL,
    ends_on TEXT,
    item_id INTEGER REFERENCES items (id) ON DELETE SET NULL,
    unit_id INTEGER REFERENCES units (id) ON DELETE SET NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX city_projects_start ON city_projects (starts_on, id);
CREATE INDEX city_projects_item ON city_projects (item_id);

-- The cities a project is with (one or more).
CREATE TABLE city_project_cities (
    project_id INTEGER NOT NULL REFERENCES city_projects (id) ON DELETE CASCADE,
    city_id INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    PRIMARY KEY (project_id, city_id)
);
CREATE INDEX city_project_cities_city ON city_project_cities (city_id, project_id);
