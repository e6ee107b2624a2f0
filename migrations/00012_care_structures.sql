-- +goose Up

-- Maisons de santé pluriprofessionnelles and centres de santé of the département, from
-- the FINESS extract; each import replaces the list.
CREATE TABLE finess_imports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filename    text NOT NULL,
    taken_on    date NOT NULL,
    rows_read   integer NOT NULL,
    imported_at timestamptz NOT NULL,
    staff_id    bigint REFERENCES staff_users (id)
);

CREATE TABLE care_structures (
    finess        text PRIMARY KEY,
    name          text NOT NULL,
    category      text NOT NULL CHECK (category IN ('603', '124')),
    commune_insee text NOT NULL,
    address       text NOT NULL,
    phone         text NOT NULL,
    import_id     bigint NOT NULL REFERENCES finess_imports (id)
);
CREATE INDEX care_structures_commune_idx ON care_structures (commune_insee);

-- +goose Down
DROP TABLE care_structures;
DROP TABLE finess_imports;
