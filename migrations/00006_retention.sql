-- +goose Up

-- Personal data leaves a request when its retention period ends or when the applicant's
-- request for deletion is confirmed; the rest stays for statistics.
ALTER TABLE requests
    ADD COLUMN anonymised_at timestamptz,
    ADD COLUMN deletion_requested_at timestamptz;
CREATE INDEX requests_closed_idx ON requests (closed_at) WHERE closed_at IS NOT NULL AND anonymised_at IS NULL;

-- Anonymisation by the portal itself has no staff member behind it.
ALTER TABLE audit_log ADD CONSTRAINT audit_log_actor CHECK (staff_id IS NOT NULL OR action = 'anonymise');

-- +goose Down
ALTER TABLE audit_log DROP CONSTRAINT audit_log_actor;
DROP INDEX requests_closed_idx;
ALTER TABLE requests DROP COLUMN anonymised_at, DROP COLUMN deletion_requested_at;
