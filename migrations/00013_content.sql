-- +goose Up

-- Who changed what in published content (offers, housing, opportunities, events,
-- testimonials, pages, care structures): one row per creation, edit, publication.
CREATE TABLE content_changes (
    id       bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind     text NOT NULL,
    item_id  text NOT NULL,
    staff_id bigint REFERENCES staff_users (id),
    at       timestamptz NOT NULL,
    action   text NOT NULL CHECK (action IN ('create', 'edit', 'publish', 'unpublish', 'delete')),
    fields   text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX content_changes_item_idx ON content_changes (kind, item_id, at);

-- Internship offers (offres de stage). Every published table shares the same four
-- publication columns: a draft until published; published_at is the first publication.
CREATE TABLE offers (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title          text NOT NULL,
    host_kind      text NOT NULL CHECK (host_kind IN ('cabinet', 'msp', 'centre', 'hopital')),
    host_name      text NOT NULL,
    commune_insee  text NOT NULL,
    epci_siren     text NOT NULL,
    specialty      text NOT NULL,
    level          text NOT NULL CHECK (level IN ('externe', 'interne_socle', 'interne_approfondissement', 'docteur_junior')),
    semester_start date NOT NULL CHECK (extract(day FROM semester_start) = 1 AND extract(month FROM semester_start) IN (5, 11)),
    supervisor     text NOT NULL,
    housing        boolean NOT NULL,
    travel_help    boolean NOT NULL,
    description    text NOT NULL,
    published      boolean NOT NULL DEFAULT false,
    published_at   timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    updated_by     bigint REFERENCES staff_users (id)
);
-- The public list: published offers of a semester onwards, soonest first; its count of
-- matches reads the filtered columns from the index alone.
CREATE INDEX offers_public_idx ON offers (semester_start, id) INCLUDE (level, specialty, epci_siren, housing) WHERE published;

-- Housing for trainees (internats, logements communaux, colocations).
CREATE TABLE trainee_housing (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    title         text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('internat', 'communal', 'colocation', 'habitant')),
    commune_insee text NOT NULL,
    epci_siren    text NOT NULL,
    audience      text NOT NULL CHECK (audience IN ('externes', 'internes', 'tous')),
    monthly_rent  integer NOT NULL CHECK (monthly_rent >= 0),
    capacity      integer NOT NULL CHECK (capacity > 0),
    contact       text NOT NULL,
    description   text NOT NULL,
    published     boolean NOT NULL DEFAULT false,
    published_at  timestamptz,
    created_at    timestamptz NOT NULL,
    updated_at    timestamptz NOT NULL,
    updated_by    bigint REFERENCES staff_users (id)
);

-- Practice opportunities for doctors: salaried posts, structures seeking a GP,
-- practices to take over, locums.
CREATE TABLE opportunities (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind           text NOT NULL CHECK (kind IN ('salarie', 'structure', 'succession', 'remplacement')),
    title          text NOT NULL,
    structure_name text NOT NULL,
    commune_insee  text NOT NULL,
    epci_siren     text NOT NULL,
    starts_on      date,
    contact        text NOT NULL,
    description    text NOT NULL,
    published      boolean NOT NULL DEFAULT false,
    published_at   timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    updated_by     bigint REFERENCES staff_users (id)
);

-- A request can come from an offer (« je suis intéressé·e ») or an opportunity.
ALTER TABLE requests
    ADD COLUMN offer_id bigint REFERENCES offers (id),
    ADD COLUMN opportunity_id bigint REFERENCES opportunities (id);

-- +goose Down
ALTER TABLE requests DROP COLUMN offer_id, DROP COLUMN opportunity_id;
DROP TABLE opportunities;
DROP TABLE trainee_housing;
DROP TABLE offers;
DROP TABLE content_changes;
