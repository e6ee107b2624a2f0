-- +goose Up

-- Dated versions of the aids' rules. National rules are loaded from the portal's
-- catalogue (internal/aid); local authorities' aids are entered by administrators.
CREATE TABLE aid_versions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key          text NOT NULL,
    name         text NOT NULL,
    funder       text NOT NULL,
    level        text NOT NULL,
    audiences    text[] NOT NULL,
    valid_from   date NOT NULL,
    valid_to     date,
    one_off      integer NOT NULL DEFAULT 0 CHECK (one_off >= 0),
    monthly      integer NOT NULL DEFAULT 0 CHECK (monthly >= 0),
    daily        integer NOT NULL DEFAULT 0 CHECK (daily >= 0),
    conditions   text NOT NULL,
    obligations  text NOT NULL,
    source       text NOT NULL,
    source_url   text NOT NULL,
    checked_on   date NOT NULL,
    zones        text[] NOT NULL DEFAULT '{}',
    created_at   timestamptz NOT NULL,
    created_by   bigint REFERENCES staff_users (id),
    UNIQUE (key, valid_from),
    CHECK (valid_to IS NULL OR valid_to >= valid_from)
);

-- Zoning files imported by administrators: each kind of zone present in a file
-- replaces the earlier zoning of that kind.
CREATE TABLE zoning_imports (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    filename    text NOT NULL,
    kinds       text[] NOT NULL,
    rows        integer NOT NULL,
    fictitious  boolean NOT NULL DEFAULT false,
    imported_at timestamptz NOT NULL,
    staff_id    bigint REFERENCES staff_users (id)
);

CREATE TABLE zones (
    commune_insee text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('ZIP', 'ZAC', 'QPV', 'ZFRR', 'ZR')),
    reference     text NOT NULL,
    decided_on    date NOT NULL,
    import_id     bigint NOT NULL REFERENCES zoning_imports (id),
    PRIMARY KEY (commune_insee, kind)
);
CREATE INDEX zones_kind_idx ON zones (kind);

-- A simulation someone asked to be accompanied on: attached to their request, and
-- marked reviewed by an officer before anything is promised.
CREATE TABLE simulations (
    id          text PRIMARY KEY, -- random, it goes in a link
    inputs      jsonb NOT NULL,
    created_at  timestamptz NOT NULL
);
ALTER TABLE requests
    ADD COLUMN simulation_id text REFERENCES simulations (id),
    ADD COLUMN simulation_reviewed_at timestamptz,
    ADD COLUMN simulation_reviewed_by bigint REFERENCES staff_users (id);

-- +goose Down
ALTER TABLE requests DROP COLUMN simulation_id, DROP COLUMN simulation_reviewed_at, DROP COLUMN simulation_reviewed_by;
DROP TABLE simulations;
DROP TABLE zones;
DROP TABLE zoning_imports;
DROP TABLE aid_versions;
