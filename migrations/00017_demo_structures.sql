-- +goose Up

-- An import of invented maisons and centres de santé, loaded by the demonstration: pages
-- must not attribute it to FINESS.
ALTER TABLE finess_imports ADD COLUMN demo boolean NOT NULL DEFAULT false;

-- +goose Down
ALTER TABLE finess_imports DROP COLUMN demo;
