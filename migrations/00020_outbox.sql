-- +goose Up

-- Emails wait here from the statement or transaction that decides them (a request filed,
-- a breach escalated, a place at an event) until the worker hands them to its delivery
-- queue, in batches, each in one transaction: an email leaves the outbox only as a queued
-- delivery. Writing a row here is cheaper than queueing a delivery job, and lets a request
-- be filed in one statement.
CREATE TABLE outbox (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    message    jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- +goose Down
DROP TABLE outbox;
