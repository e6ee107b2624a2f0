-- +goose Up

-- What staff know of a maison or centre de santé beyond FINESS: the professions present,
-- whether it seeks a GP, its website and a note. Keyed by the FINESS number without a
-- foreign key: each FINESS import replaces care_structures, and the profiles outlive it.
CREATE TABLE structure_profiles (
    finess      text PRIMARY KEY,
    professions text[] NOT NULL DEFAULT '{}',
    seeks_gp    boolean NOT NULL DEFAULT false,
    website     text NOT NULL DEFAULT '',
    note        text NOT NULL DEFAULT '',
    updated_at  timestamptz NOT NULL,
    updated_by  bigint REFERENCES staff_users (id)
);

-- +goose Down
DROP TABLE structure_profiles;
