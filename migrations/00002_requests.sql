-- +goose Up

-- Queues of case officers; exactly one catches the requests no rule routes.
CREATE TABLE queues (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name             text NOT NULL UNIQUE,
    description      text NOT NULL DEFAULT '',
    policy           text NOT NULL CHECK (policy IN ('claim', 'round_robin', 'least_loaded')),
    is_default       boolean NOT NULL DEFAULT false,
    last_assigned_id bigint REFERENCES staff_users (id) ON DELETE SET NULL,
    created_at       timestamptz NOT NULL
);
CREATE UNIQUE INDEX queues_one_default ON queues (is_default) WHERE is_default;
-- Every installation starts with the queue that catches everything; supervisors add others.
INSERT INTO queues (name, description, policy, is_default, created_at)
VALUES ('Accueil', 'Toutes les demandes qu''aucune règle n''oriente ailleurs.', 'claim', true, now());

CREATE TABLE queue_members (
    queue_id bigint NOT NULL REFERENCES queues (id) ON DELETE CASCADE,
    staff_id bigint NOT NULL REFERENCES staff_users (id) ON DELETE CASCADE,
    PRIMARY KEY (queue_id, staff_id)
);
CREATE INDEX queue_members_staff_idx ON queue_members (staff_id);

-- Ordered routing rules: an empty array is a condition that always holds.
CREATE TABLE routing_rules (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    position   integer NOT NULL,
    name       text NOT NULL,
    queue_id   bigint NOT NULL REFERENCES queues (id),
    audiences  text[] NOT NULL DEFAULT '{}',
    needs      text[] NOT NULL DEFAULT '{}',
    situations text[] NOT NULL DEFAULT '{}',
    epcis      text[] NOT NULL DEFAULT '{}',
    enabled    boolean NOT NULL DEFAULT true
);

-- The last reference number given each year (BD-2026-00042).
CREATE TABLE reference_counters (
    year integer PRIMARY KEY,
    last integer NOT NULL
);

CREATE TABLE requests (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reference        text NOT NULL UNIQUE,
    form_key         text NOT NULL UNIQUE, -- makes a resubmitted form give the same request
    audience         text NOT NULL CHECK (audience IN ('doctor', 'student', 'highschool')),
    status           text NOT NULL DEFAULT 'new'
                     CHECK (status IN ('new', 'in_progress', 'waiting_applicant', 'resolved', 'closed')),
    outcome          text CHECK (outcome IN ('installed', 'internship_found', 'informed', 'withdrawn')),
    priority         text NOT NULL DEFAULT 'normal' CHECK (priority IN ('low', 'normal', 'high')),
    queue_id         bigint NOT NULL REFERENCES queues (id),
    rule_id          bigint REFERENCES routing_rules (id) ON DELETE SET NULL,
    rule_name        text NOT NULL DEFAULT '',
    assignee_id      bigint REFERENCES staff_users (id) ON DELETE SET NULL,
    lang             text NOT NULL DEFAULT 'fr',
    first_name       text NOT NULL,
    last_name        text NOT NULL,
    email            text NOT NULL,
    phone            text NOT NULL DEFAULT '',
    situation        text NOT NULL,
    practice_mode    text NOT NULL DEFAULT '',
    timeframe        text NOT NULL DEFAULT '',
    target_epcis     text[] NOT NULL DEFAULT '{}',
    target_communes  text[] NOT NULL DEFAULT '{}',
    open_to_anywhere boolean NOT NULL DEFAULT false,
    spouse_field     text NOT NULL DEFAULT '',
    children_levels  text NOT NULL DEFAULT '',
    organisation     text NOT NULL DEFAULT '',
    message          text NOT NULL DEFAULT '',
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL
);
CREATE INDEX requests_queue_idx ON requests (queue_id, id DESC);
CREATE INDEX requests_assignee_idx ON requests (assignee_id, id DESC) WHERE assignee_id IS NOT NULL;
CREATE INDEX requests_email_idx ON requests (lower(email));
CREATE INDEX requests_open_idx ON requests (queue_id, status, id DESC);

CREATE TABLE request_needs (
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    kind       text NOT NULL,
    status     text NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'in_progress', 'done', 'not_needed')),
    PRIMARY KEY (request_id, kind)
);
CREATE INDEX request_needs_kind_idx ON request_needs (kind, request_id);

-- Everything that happens to a request: its history and, for the public events, the
-- applicant's timeline. Internal events (notes, assignments) are never shown to them.
CREATE TABLE request_events (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id     bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    at             timestamptz NOT NULL,
    actor          text NOT NULL CHECK (actor IN ('applicant', 'staff', 'system')),
    actor_staff_id bigint REFERENCES staff_users (id) ON DELETE SET NULL,
    kind           text NOT NULL,
    internal       boolean NOT NULL,
    detail         text NOT NULL DEFAULT '',
    body           text NOT NULL DEFAULT ''
);
CREATE INDEX request_events_request_idx ON request_events (request_id, id);

-- Private links to a request's tracking page; only a hash of the token is kept.
CREATE TABLE tracking_tokens (
    token_hash bytea PRIMARY KEY,
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL
);
CREATE INDEX tracking_tokens_request_idx ON tracking_tokens (request_id);

-- Emails kept instead of sent when no SMTP server is configured (demonstration, tests).
CREATE TABLE captured_emails (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    to_address  text NOT NULL,
    subject     text NOT NULL,
    body        text NOT NULL,
    captured_at timestamptz NOT NULL
);

-- +goose Down
DROP TABLE captured_emails;
DROP TABLE tracking_tokens;
DROP TABLE request_events;
DROP TABLE request_needs;
DROP TABLE requests;
DROP TABLE reference_counters;
DROP TABLE routing_rules;
DROP TABLE queue_members;
DROP TABLE queues;
