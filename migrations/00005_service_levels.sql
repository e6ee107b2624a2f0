-- +goose Up

-- Service-level targets of each queue, in working days.
ALTER TABLE queues
    ADD COLUMN first_response_days integer NOT NULL DEFAULT 2 CHECK (first_response_days BETWEEN 0 AND 60),
    ADD COLUMN resolution_days integer NOT NULL DEFAULT 30 CHECK (resolution_days BETWEEN 1 AND 365);

-- A request's clocks. The due dates move when the request waits for the applicant
-- (paused_at set): the working days of a pause are added when it ends. next_due is the
-- earliest due date still running, NULL when no clock runs (paused, resolved, closed).
ALTER TABLE requests
    ADD COLUMN first_response_due timestamptz,
    ADD COLUMN resolution_due timestamptz,
    ADD COLUMN first_response_at timestamptz,
    ADD COLUMN paused_at timestamptz,
    ADD COLUMN paused_days integer NOT NULL DEFAULT 0,
    ADD COLUMN next_due timestamptz,
    ADD COLUMN closed_at timestamptz;
-- Requests filed before service levels existed get calendar-day approximations.
UPDATE requests SET first_response_due = created_at + interval '2 days', resolution_due = created_at + interval '42 days',
    next_due = CASE WHEN status IN ('new', 'in_progress') THEN created_at + interval '2 days' END,
    paused_at = CASE WHEN status = 'waiting_applicant' THEN updated_at END,
    closed_at = CASE WHEN status IN ('resolved', 'closed') THEN updated_at END;
ALTER TABLE requests ALTER COLUMN first_response_due SET NOT NULL, ALTER COLUMN resolution_due SET NOT NULL;
CREATE INDEX requests_next_due_idx ON requests (next_due, id) WHERE next_due IS NOT NULL;

-- One escalation per breach of a request's service level, never two.
CREATE TABLE escalations (
    request_id bigint NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    breach     text NOT NULL CHECK (breach IN ('first_response', 'resolution')),
    at         timestamptz NOT NULL,
    PRIMARY KEY (request_id, breach)
);

-- +goose Down
DROP TABLE escalations;
DROP INDEX requests_next_due_idx;
ALTER TABLE requests DROP COLUMN first_response_due, DROP COLUMN resolution_due, DROP COLUMN first_response_at,
    DROP COLUMN paused_at, DROP COLUMN paused_days, DROP COLUMN next_due, DROP COLUMN closed_at;
ALTER TABLE queues DROP COLUMN first_response_days, DROP COLUMN resolution_days;
