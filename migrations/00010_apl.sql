-- +goose Up

-- DREES APL files imported: each year present in a file replaces that year.
CREATE TABLE apl_imports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filename    text NOT NULL,
    years       integer[] NOT NULL,
    rows        integer NOT NULL,
    imported_at timestamptz NOT NULL,
    staff_id    bigint REFERENCES staff_users (id)
);

CREATE TABLE apl_values (
    year            integer NOT NULL,
    commune_insee   text NOT NULL,
    apl             double precision NOT NULL,
    apl65           double precision NOT NULL,
    apl62           double precision NOT NULL,
    apl60           double precision NOT NULL,
    std_population  double precision NOT NULL,
    population      double precision NOT NULL,
    import_id       bigint NOT NULL REFERENCES apl_imports (id),
    PRIMARY KEY (year, commune_insee)
);

-- +goose Down
DROP TABLE apl_values;
DROP TABLE apl_imports;
