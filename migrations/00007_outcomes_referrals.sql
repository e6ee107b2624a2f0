-- +goose Up

-- How a resolved request ended, for the observatory: where and how a doctor settled,
-- where an intern found a placement.
CREATE TABLE request_outcomes (
    request_id     bigint PRIMARY KEY REFERENCES requests (id) ON DELETE CASCADE,
    outcome        text NOT NULL CHECK (outcome IN ('installed', 'internship_found')),
    commune_insee  text NOT NULL DEFAULT '',
    installed_on   date,
    structure_kind text NOT NULL DEFAULT '' CHECK (structure_kind IN ('', 'msp', 'cds', 'practice', 'hospital', 'other')),
    structure_name text NOT NULL DEFAULT '',
    practice_mode  text NOT NULL DEFAULT '' CHECK (practice_mode IN ('', 'liberal', 'salaried', 'mixed')),
    host           text NOT NULL DEFAULT '',
    semester       text NOT NULL DEFAULT '',
    recorded_at    timestamptz NOT NULL
);
CREATE INDEX request_outcomes_commune_idx ON request_outcomes (commune_insee);

-- An applicant proves their address by opening their private link. A doctor's request
-- whose address was proved is linked to the earlier student requests proved with the
-- same address, to count interns who settled.
ALTER TABLE requests
    ADD COLUMN email_verified_at timestamptz,
    ADD COLUMN earlier_student_request_id bigint REFERENCES requests (id) ON DELETE SET NULL;

-- Partners the one-stop shop refers needs to.
CREATE TABLE partners (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       text NOT NULL UNIQUE,
    kind       text NOT NULL,
    email      text NOT NULL DEFAULT '',
    phone      text NOT NULL DEFAULT '',
    address    text NOT NULL DEFAULT '',
    needs      text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL
);

CREATE TABLE referrals (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    partner_id bigint NOT NULL REFERENCES partners (id),
    need       text NOT NULL,
    message    text NOT NULL,
    status     text NOT NULL DEFAULT 'sent' CHECK (status IN ('sent', 'accepted', 'answered', 'closed')),
    sent_at    timestamptz NOT NULL,
    due_at     timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    staff_id   bigint REFERENCES staff_users (id)
);
CREATE INDEX referrals_request_idx ON referrals (request_id);
CREATE INDEX referrals_open_idx ON referrals (due_at) WHERE status IN ('sent', 'accepted');

-- +goose Down
DROP TABLE referrals;
DROP TABLE partners;
ALTER TABLE requests DROP COLUMN earlier_student_request_id, DROP COLUMN email_verified_at;
DROP TABLE request_outcomes;
