-- +goose Up

-- General practitioners by age band and commune, from a file administrators import
-- (the RPPS extract carries no birth date).
CREATE TABLE age_imports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filename    text NOT NULL,
    taken_on    date NOT NULL,
    imported_at timestamptz NOT NULL,
    staff_id    bigint REFERENCES staff_users (id)
);

CREATE TABLE age_bands (
    import_id     bigint NOT NULL REFERENCES age_imports (id) ON DELETE CASCADE,
    commune_insee text NOT NULL,
    band          text NOT NULL,
    count         integer NOT NULL CHECK (count >= 0),
    PRIMARY KEY (import_id, commune_insee, band)
);

-- +goose Down
DROP TABLE age_bands;
DROP TABLE age_imports;
