-- +goose Up

-- Live queue counts read only the open requests, through this index, however many
-- closed ones pile up.
CREATE INDEX requests_open_counts_idx ON requests (queue_id, status, assignee_id)
    WHERE status IN ('new', 'in_progress', 'waiting_applicant');

-- Officers search requests by part of a name or email: trigrams make that an index scan.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX requests_search_idx ON requests
    USING gin ((first_name || ' ' || last_name || ' ' || email) gin_trgm_ops);

-- +goose Down
DROP INDEX requests_search_idx;
DROP INDEX requests_open_counts_idx;
