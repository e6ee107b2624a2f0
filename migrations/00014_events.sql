-- +goose Up

-- Events: welcome evenings for interns, discovery days, round tables, high-school
-- forums. In person (a commune and an address), online (a link), or both.
CREATE TABLE events (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title         text NOT NULL,
    starts_at     timestamptz NOT NULL,
    ends_at       timestamptz NOT NULL CHECK (ends_at > starts_at),
    commune_insee text NOT NULL DEFAULT '',
    address       text NOT NULL DEFAULT '',
    online_url    text NOT NULL DEFAULT '',
    audience      text NOT NULL CHECK (audience IN ('externes', 'internes', 'medecins', 'lyceens', 'tous')),
    capacity      integer NOT NULL CHECK (capacity > 0),
    description   text NOT NULL,
    published     boolean NOT NULL DEFAULT false,
    published_at  timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    updated_by    bigint REFERENCES staff_users (id),
    CHECK (commune_insee <> '' OR online_url <> '')
);
-- The public list and the feed: published events not yet over, soonest first.
CREATE INDEX events_public_idx ON events (ends_at, starts_at, id) WHERE published;

-- Registrations. Confirmed up to the event's capacity, then waitlisted in order of
-- arrival (id). Only the SHA-256 of the private cancellation link's token is kept.
-- Six months after the event, identity and contact are blanked (anonymised_at).
CREATE TABLE event_registrations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      bigint NOT NULL REFERENCES events (id),
    name          text NOT NULL,
    email         text NOT NULL,
    phone         text NOT NULL DEFAULT '',
    lang          text NOT NULL,
    status        text NOT NULL CHECK (status IN ('confirmed', 'waitlisted', 'cancelled')),
    token_hash    bytea UNIQUE,
    created_at    timestamptz NOT NULL,
    promoted_at   timestamptz,
    cancelled_at  timestamptz,
    reminded_at   timestamptz,
    anonymised_at timestamptz
);
-- One live registration per address and event: a second one is a conflict.
CREATE UNIQUE INDEX event_registrations_once_idx ON event_registrations (event_id, lower(email))
    WHERE status <> 'cancelled' AND anonymised_at IS NULL;
CREATE INDEX event_registrations_event_idx ON event_registrations (event_id, status, id);
-- The reminder job's search: confirmed registrations not yet reminded.
CREATE INDEX event_registrations_remind_idx ON event_registrations (event_id)
    WHERE status = 'confirmed' AND reminded_at IS NULL;

-- +goose Down
DROP TABLE event_registrations;
DROP TABLE events;
