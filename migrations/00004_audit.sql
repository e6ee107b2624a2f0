-- +goose Up

-- Who opened, changed or exported which request's personal data, and when. Rows are
-- only ever added: a trigger refuses every change and deletion.
CREATE TABLE audit_log (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at         timestamptz NOT NULL,
    staff_id   bigint REFERENCES staff_users (id),
    staff_name text NOT NULL,
    request_id bigint,   -- kept even when the request is anonymised
    reference  text NOT NULL DEFAULT '',
    action     text NOT NULL CHECK (action IN ('view', 'change', 'export', 'anonymise')),
    detail     text NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_at_idx ON audit_log (id DESC);
CREATE INDEX audit_log_request_idx ON audit_log (request_id, id DESC);
CREATE INDEX audit_log_staff_idx ON audit_log (staff_id, id DESC);

-- +goose StatementBegin
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the audit log cannot be changed';
END;
$$;
-- +goose StatementEnd
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
    FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- +goose Down
DROP TABLE audit_log;
DROP FUNCTION audit_log_is_append_only();
