-- +goose Up

-- Live queue counts without counting the open requests on every page: each statement that
-- adds, changes or removes requests adds rows of differences here (+n where open requests
-- arrive, -n where they leave), and a queue's counts are the sums of its rows. Adding a
-- row never waits for another transaction (a counter row per queue would make every
-- submission to a queue wait for the previous one's durable commit). A periodic job folds
-- the rows into one per queue, status and assignment, so that the sums stay short.
CREATE TABLE queue_tallies (
    queue_id   bigint NOT NULL,
    status     text NOT NULL,
    unassigned boolean NOT NULL,
    n          integer NOT NULL
);
CREATE INDEX queue_tallies_queue_idx ON queue_tallies (queue_id);

-- +goose StatementBegin
CREATE FUNCTION tally_open_requests() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO queue_tallies (queue_id, status, unassigned, n)
        SELECT queue_id, status, assignee_id IS NULL, count(*) FROM new_rows
        WHERE status IN ('new', 'in_progress', 'waiting_applicant') GROUP BY 1, 2, 3;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO queue_tallies (queue_id, status, unassigned, n)
        SELECT queue_id, status, assignee_id IS NULL, -count(*) FROM old_rows
        WHERE status IN ('new', 'in_progress', 'waiting_applicant') GROUP BY 1, 2, 3;
    ELSE
        INSERT INTO queue_tallies (queue_id, status, unassigned, n)
        SELECT queue_id, status, unassigned, sum(n) FROM (
            SELECT queue_id, status, assignee_id IS NULL AS unassigned, 1 AS n FROM new_rows
            WHERE status IN ('new', 'in_progress', 'waiting_applicant')
            UNION ALL
            SELECT queue_id, status, assignee_id IS NULL, -1 FROM old_rows
            WHERE status IN ('new', 'in_progress', 'waiting_applicant')) d
        GROUP BY 1, 2, 3 HAVING sum(n) <> 0;
    END IF;
    RETURN NULL;
END;
$$;
-- +goose StatementEnd

CREATE TRIGGER requests_tally_insert AFTER INSERT ON requests
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_open_requests();
CREATE TRIGGER requests_tally_update AFTER UPDATE ON requests
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_open_requests();
CREATE TRIGGER requests_tally_delete AFTER DELETE ON requests
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION tally_open_requests();

-- Requests take no part in a change while the tallies start.
LOCK TABLE requests IN SHARE MODE;
INSERT INTO queue_tallies (queue_id, status, unassigned, n)
SELECT queue_id, status, assignee_id IS NULL, count(*) FROM requests
WHERE status IN ('new', 'in_progress', 'waiting_applicant') GROUP BY 1, 2, 3;

-- +goose Down
DROP TRIGGER requests_tally_delete ON requests;
DROP TRIGGER requests_tally_update ON requests;
DROP TRIGGER requests_tally_insert ON requests;
DROP FUNCTION tally_open_requests();
DROP TABLE queue_tallies;
