-- +goose Up
-- Reference numbers come from one sequence per year (request_references_2026, …), created
-- by the portal the first time a year needs one. A sequence hands out numbers without a
-- lock held until commit, so submissions no longer take turns on a counter's row; a
-- request that fails leaves a gap, never a repeat. The counters' last numbers carry over.
-- +goose StatementBegin
DO $$
DECLARE c record;
BEGIN
    FOR c IN SELECT year, last FROM reference_counters LOOP
        EXECUTE format('CREATE SEQUENCE request_references_%s AS integer START %s', c.year, c.last + 1);
    END LOOP;
END $$;
-- +goose StatementEnd
DROP TABLE reference_counters;

-- +goose Down
CREATE TABLE reference_counters (
    year integer PRIMARY KEY,
    last integer NOT NULL
);
-- +goose StatementBegin
DO $$
DECLARE s record;
BEGIN
    FOR s IN SELECT sequencename, last_value FROM pg_sequences WHERE sequencename LIKE 'request_references_%' LOOP
        INSERT INTO reference_counters VALUES (substr(s.sequencename, 20)::integer, coalesce(s.last_value, 0));
        EXECUTE format('DROP SEQUENCE %I', s.sequencename);
    END LOOP;
END $$;
-- +goose StatementEnd
