-- +goose Up

-- Dated snapshots of general practitioners, from the RPPS open extract (or generated
-- for demonstration, and then labelled so on every screen).
CREATE TABLE gp_snapshots (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    taken_on    date NOT NULL,
    source      text NOT NULL,
    rows_read   integer NOT NULL,
    rows_kept   integer NOT NULL,
    rejected    jsonb NOT NULL DEFAULT '{}',
    demo        boolean NOT NULL DEFAULT false,
    imported_at timestamptz NOT NULL,
    staff_id    bigint REFERENCES staff_users (id),
    UNIQUE (taken_on, demo)
);

-- One row per practitioner (hashed RPPS number), commune and mode of practice.
CREATE TABLE gp_practices (
    snapshot_id   bigint NOT NULL REFERENCES gp_snapshots (id) ON DELETE CASCADE,
    practitioner  text NOT NULL,
    commune_insee text NOT NULL,
    mode          text NOT NULL,
    PRIMARY KEY (snapshot_id, practitioner, commune_insee, mode)
);

-- Headcounts per area, computed at import: distinct practitioners, by mode.
CREATE TABLE gp_counts (
    snapshot_id bigint NOT NULL REFERENCES gp_snapshots (id) ON DELETE CASCADE,
    area_kind   text NOT NULL CHECK (area_kind IN ('commune', 'epci', 'departement')),
    area_code   text NOT NULL,
    liberal     integer NOT NULL,
    salaried    integer NOT NULL,
    mixed       integer NOT NULL,
    other       integer NOT NULL,
    total       integer NOT NULL,
    PRIMARY KEY (snapshot_id, area_kind, area_code)
);

-- +goose Down
DROP TABLE gp_counts;
DROP TABLE gp_practices;
DROP TABLE gp_snapshots;
