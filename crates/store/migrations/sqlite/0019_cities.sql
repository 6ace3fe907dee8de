-- The UCCN city directory (issue 19, part 1), SQLite. Keep in step with
-- ../postgres/0019_cities.sql.

-- Creative fields are data: UNESCO added Architecture in 2025 and may add more. `code` is
-- the English name folded (domain::cities::field_code), what the import's CSV names;
-- `colour` (#rrggbb) marks the field on the map.
CREATE TABLE creative_fields (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name_vi TEXT NOT NULL,
    name_en TEXT NOT NULL,
    colour TEXT NOT NULL,
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
-- The seven fields of the 2004–2023 designations; Architecture (2025) is added in the UI.
INSERT INTO creative_fields (code, name_vi, name_en, colour, created_at, updated_at) VALUES
    ('crafts_and_folk_art', 'Thủ công và Nghệ thuật dân gian', 'Crafts and Folk Art', '#e6550d', 0, 0),
    ('design', 'Thiết kế', 'Design', '#3182bd', 0, 0),
    ('film', 'Điện ảnh', 'Film', '#d62728', 0, 0),
    ('gastronomy', 'Ẩm thực', 'Gastronomy', '#31a354', 0, 0),
    ('literature', 'Văn học', 'Literature', '#8c564b', 0, 0),
    ('media_arts', 'Nghệ thuật truyền thông', 'Media Arts', '#9467bd', 0, 0),
    ('music', 'Âm nhạc', 'Music', '#e377c2', 0, 0);

-- A member or candidate city, keyed for the import on UNESCO's page slug. Later parts
-- (partner accounts, candidacy dossiers) hang off `cities.id`.
CREATE TABLE cities (
    id INTEGER PRIMARY KEY,
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    name_folded TEXT NOT NULL,
    country TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    field_id INTEGER REFERENCES creative_fields (id),
    designation_year INTEGER,
    unesco_url TEXT NOT NULL DEFAULT '',
    lat DOUBLE PRECISION,
    lon DOUBLE PRECISION,
    status TEXT NOT NULL DEFAULT 'member' CHECK (status IN ('member', 'candidate')),
    notes TEXT NOT NULL DEFAULT '',
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    CHECK ((lat IS NULL) = (lon IS NULL))
);
CREATE INDEX cities_name ON cities (name_folded, id);
CREATE INDEX cities_field ON cities (field_id);

-- Events a city organised or joined (edited on the event page).
CREATE TABLE event_cities (
    event_id INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    city_id INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, city_id)
);
CREATE INDEX event_cities_city ON event_cities (city_id, event_id);

-- Letters and MoUs exchanged with a city: `sent_on` 'yyyy-mm-dd', direction in (received)
-- or out (sent); the file, when there is one, in the evidence store by its SHA-256.
CREATE TABLE city_letters (
    id INTEGER PRIMARY KEY,
    city_id INTEGER NOT NULL REFERENCES cities (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('letter', 'mou')),
    direction TEXT NOT NULL CHECK (direction IN ('in', 'out')),
    number TEXT NOT NULL DEFAULT '',
    sent_on TEXT NOT NULL,
    title TEXT NOT NULL,
    sha256 TEXT,
    size BIGINT,
    mime TEXT,
    original_name TEXT,
    stored_path TEXT,
    created_by INTEGER REFERENCES users (id),
    created_at BIGINT NOT NULL
);
CREATE INDEX city_letters_city ON city_letters (city_id, sent_on);

-- Contacts reuse the people directory: a person with a role for a city (focal point,
-- mayor's office, executive contact, subnetwork coordinator), or with no city for the
-- UNESCO Secretariat in Paris and the UNESCO Hanoi Office.
CREATE TABLE city_contacts (
    id INTEGER PRIMARY KEY,
    city_id INTEGER REFERENCES cities (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('focal_point', 'mayors_office', 'executive_contact',
        'subnetwork_coordinator', 'unesco_secretariat', 'unesco_hanoi_office')),
    created_at BIGINT NOT NULL
);
CREATE INDEX city_contacts_city ON city_contacts (city_id, id);
CREATE INDEX city_contacts_person ON city_contacts (person_id);
