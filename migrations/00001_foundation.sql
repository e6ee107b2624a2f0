-- +goose Up

-- Staff accounts: case officers, supervisors, observatory viewers and administrators.
CREATE TABLE staff_users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text NOT NULL,
    name          text NOT NULL,
    role          text NOT NULL CHECK (role IN ('officer', 'supervisor', 'observatory', 'admin')),
    password_hash text NOT NULL,
    demo          boolean NOT NULL DEFAULT false,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX staff_users_email_key ON staff_users (lower(email));

-- Every sign-in attempt, kept to throttle guessing per account and per client address.
CREATE TABLE sign_in_attempts (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email        text NOT NULL,
    client_ip    text NOT NULL,
    succeeded    boolean NOT NULL,
    attempted_at timestamptz NOT NULL
);
CREATE INDEX sign_in_attempts_email_idx ON sign_in_attempts (lower(email), attempted_at);
CREATE INDEX sign_in_attempts_client_idx ON sign_in_attempts (client_ip, attempted_at);

-- Sessions of github.com/alexedwards/scs/pgxstore.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- Territory reference data of the configured département (INSEE COG, DGCL).
CREATE TABLE territories (
    departement_code text PRIMARY KEY,
    name             text NOT NULL,
    attribution      text NOT NULL,
    checksum         text NOT NULL,
    loaded_at        timestamptz NOT NULL
);

CREATE TABLE epcis (
    siren                 text PRIMARY KEY,
    name                  text NOT NULL,
    kind                  text NOT NULL,
    population            integer NOT NULL,
    population_in_dept    integer NOT NULL,
    commune_count_in_dept integer NOT NULL
);

CREATE TABLE communes (
    insee        text PRIMARY KEY,
    name         text NOT NULL,
    postal_codes text[] NOT NULL,
    population   integer NOT NULL,
    epci_siren   text NOT NULL REFERENCES epcis (siren)
);
CREATE INDEX communes_epci_idx ON communes (epci_siren);

-- One row while the database holds demonstration content: every page then says so.
CREATE TABLE demo_content (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    loaded_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE demo_content;
DROP TABLE communes;
DROP TABLE epcis;
DROP TABLE territories;
DROP TABLE sessions;
DROP TABLE sign_in_attempts;
DROP TABLE staff_users;
