-- +goose Up

-- Filing a request read every routing rule and every queue's terms again, a third of
-- its round trip's statements. A number that moves with every change to them lets each
-- instance keep what it read until it moves: filing reads the number with the form key.
-- Only the queues' columns that routing reads move it (handing out a request updates
-- queues.last_assigned_id at every submission to such a queue).
CREATE TABLE routing_version (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    version bigint NOT NULL
);
INSERT INTO routing_version (version) VALUES (1);

-- +goose StatementBegin
CREATE FUNCTION move_routing_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE routing_version SET version = version + 1;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER routing_rules_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON routing_rules
    FOR EACH STATEMENT EXECUTE FUNCTION move_routing_version();
CREATE TRIGGER queues_version
    AFTER INSERT OR DELETE OR TRUNCATE OR UPDATE OF name, policy, is_default, first_response_days, resolution_days ON queues
    FOR EACH STATEMENT EXECUTE FUNCTION move_routing_version();

-- +goose Down
DROP TRIGGER queues_version ON queues;
DROP TRIGGER routing_rules_version ON routing_rules;
DROP FUNCTION move_routing_version();
DROP TABLE routing_version;
