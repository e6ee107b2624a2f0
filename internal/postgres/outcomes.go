package postgres

import (
	"context"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
)

// Outcome returns the details recorded when a request was resolved, or false.
func (db *DB) Outcome(ctx context.Context, requestID int64) (casework.OutcomeDetails, bool, error) {
	var d casework.OutcomeDetails
	var installedOn *time.Time
	err := db.Pool.QueryRow(ctx, `SELECT commune_insee, installed_on, structure_kind, structure_name, practice_mode, host, semester
		FROM request_outcomes WHERE request_id = $1`, requestID).
		Scan(&d.CommuneINSEE, &installedOn, &d.StructureKind, &d.StructureName, &d.PracticeMode, &d.Host, &d.Semester)
	if err == pgx.ErrNoRows {
		return d, false, nil
	}
	if installedOn != nil {
		d.InstalledOn = *installedOn
	}
	return d, err == nil, translate(err)
}

// InstallationCount is how many installations the one-stop shop supported in an
// intercommunality in a year.
type InstallationCount struct {
	EPCI  string // SIREN
	Year  int
	Count int
}

// Installations counts the installations recorded, by the EPCI of their commune and year.
func (db *DB) Installations(ctx context.Context) ([]InstallationCount, error) {
	rows, err := db.Pool.Query(ctx, `
		SELECT c.epci_siren, extract(year FROM o.installed_on)::int, count(*)
		FROM request_outcomes o JOIN communes c ON c.insee = o.commune_insee
		WHERE o.outcome = 'installed'
		GROUP BY 1, 2 ORDER BY 2 DESC, 1`)
	if err != nil {
		return nil, translate(err)
	}
	counts, err := pgx.CollectRows(rows, pgx.RowToStructByPos[InstallationCount])
	return counts, translate(err)
}

// InternsConverted counts the doctors who settled after an earlier request as students
// or interns, linked by the email address they proved.
func (db *DB) InternsConverted(ctx context.Context) (int, error) {
	var n int
	err := db.Pool.QueryRow(ctx, `SELECT count(*) FROM requests WHERE earlier_student_request_id IS NOT NULL
		AND outcome = 'installed'`).Scan(&n)
	return n, translate(err)
}

// VerifyEmail records that the applicant opened their private link, which proves their
// address, and links doctors' and students' requests proved with the same address.
func (db *DB) VerifyEmail(ctx context.Context, requestID int64) error {
	return db.inTx(ctx, func(tx pgx.Tx) error {
		var email string
		err := tx.QueryRow(ctx, `UPDATE requests SET email_verified_at = $2 WHERE id = $1 AND email_verified_at IS NULL
			RETURNING email`, requestID, db.Now()).Scan(&email)
		if err == pgx.ErrNoRows {
			return nil // proved already
		} else if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `
			UPDATE requests d SET earlier_student_request_id = (
				SELECT s.id FROM requests s
				WHERE lower(s.email) = lower(d.email) AND s.audience = 'student' AND s.email_verified_at IS NOT NULL
				  AND s.created_at < d.created_at
				ORDER BY s.created_at LIMIT 1)
			WHERE lower(d.email) = lower($1) AND d.audience = 'doctor' AND d.email_verified_at IS NOT NULL
			  AND d.earlier_student_request_id IS NULL`, email)
		return err
	})
}

// MonthCount is the requests received in a month, by audience.
type MonthCount struct {
	Month      time.Time
	Doctor     int
	Student    int
	HighSchool int
}

// RequestsPerMonth counts the requests received in the last months, newest first.
func (db *DB) RequestsPerMonth(ctx context.Context, months int) ([]MonthCount, error) {
	rows, err := db.Pool.Query(ctx, `
		SELECT date_trunc('month', created_at AT TIME ZONE 'Europe/Paris'),
			count(*) FILTER (WHERE audience = 'doctor'), count(*) FILTER (WHERE audience = 'student'),
			count(*) FILTER (WHERE audience = 'highschool')
		FROM requests WHERE created_at > $1
		GROUP BY 1 ORDER BY 1 DESC`, db.Now().AddDate(0, -months, 0))
	if err != nil {
		return nil, translate(err)
	}
	list, err := pgx.CollectRows(rows, pgx.RowToStructByPos[MonthCount])
	return list, translate(err)
}

// MedianFirstResponse is the median time from a request to the officer's first message,
// and false before any first response.
func (db *DB) MedianFirstResponse(ctx context.Context) (time.Duration, bool, error) {
	var seconds *float64
	err := db.Pool.QueryRow(ctx, `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - created_at))
		FROM requests WHERE first_response_at IS NOT NULL`).Scan(&seconds)
	if err != nil || seconds == nil {
		return 0, false, translate(err)
	}
	return time.Duration(*seconds * float64(time.Second)), true, nil
}

// Breakdown counts the requests of the last months by a dimension: need, targeted
// intercommunality, or status.
func (db *DB) Breakdown(ctx context.Context, by string, months int) (map[string]int, error) {
	sql := map[string]string{
		"need":   `SELECT n.kind, count(*) FROM request_needs n JOIN requests r ON r.id = n.request_id WHERE r.created_at > $1 GROUP BY 1`,
		"epci":   `SELECT e, count(*) FROM requests r, unnest(r.target_epcis) e WHERE r.created_at > $1 GROUP BY 1`,
		"status": `SELECT status, count(*) FROM requests WHERE created_at > $1 GROUP BY 1`,
	}[by]
	rows, err := db.Pool.Query(ctx, sql, db.Now().AddDate(0, -months, 0))
	if err != nil {
		return nil, translate(err)
	}
	counts := map[string]int{}
	for rows.Next() {
		var key string
		var n int
		if err := rows.Scan(&key, &n); err != nil {
			return nil, translate(err)
		}
		counts[key] = n
	}
	return counts, translate(rows.Err())
}
