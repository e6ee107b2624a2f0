-- +goose Up

-- Pictures staff upload (portraits of testimonials), re-encoded by internal/images and
-- kept in the database so that every instance of the portal serves them. The name is
-- random, never the uploader's file name.
CREATE TABLE images (
    name         text PRIMARY KEY CHECK (name ~ '^[0-9a-f]{32}\.(jpg|png)$'),
    content_type text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    data         bytea NOT NULL,
    width        integer NOT NULL CHECK (width > 0),
    height       integer NOT NULL CHECK (height > 0),
    created_at   timestamptz NOT NULL,
    created_by   bigint REFERENCES staff_users (id)
);

-- Testimonials of general practitioners who settled in the territory. demo marks the
-- invented ones of `make run`, which pages label as such.
CREATE TABLE testimonials (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    person_name    text NOT NULL,
    commune_insee  text NOT NULL,
    installed_year integer NOT NULL CHECK (installed_year BETWEEN 1950 AND 2100),
    body           text NOT NULL,
    photo          text REFERENCES images (name),
    demo           boolean NOT NULL DEFAULT false,
    published      boolean NOT NULL DEFAULT false,
    published_at   timestamptz,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    updated_by     bigint REFERENCES staff_users (id)
);
-- The public list: published testimonials, latest first.
CREATE INDEX testimonials_public_idx ON testimonials (published_at DESC, id DESC) WHERE published;

-- Editorial pages (the high-school corner: PASS, L.AS, Parcoursup, CESP). to_review marks
-- a page the portal shipped and the administration has not edited yet.
CREATE TABLE pages (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    slug         text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
    title        text NOT NULL,
    summary      text NOT NULL,
    body         text NOT NULL,
    position     integer NOT NULL DEFAULT 0,
    to_review    boolean NOT NULL DEFAULT false,
    published    boolean NOT NULL DEFAULT false,
    published_at timestamptz,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL,
    updated_by   bigint REFERENCES staff_users (id)
);

-- +goose Down
DROP TABLE pages;
DROP TABLE testimonials;
DROP TABLE images;
