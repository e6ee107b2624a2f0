// Package importer brings open data files into the store: the RPPS extract becomes a
// dated snapshot of the département's general practitioners, all or nothing.
package importer

import (
	"context"
	"io"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/observatory"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/rpps"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
)

// Result is what an import did.
type Result struct {
	postgres.Snapshot
	Practices int
}

// RPPS reads an extract and stores it as the snapshot of takenOn; a failure leaves the
// earlier snapshots untouched.
func RPPS(ctx context.Context, db *postgres.DB, r io.Reader, name string, takenOn time.Time, ix *territory.Index, staffID int64) (Result, error) {
	practices, report, err := rpps.Read(r, ix)
	if err != nil {
		return Result{}, err
	}
	counts := observatory.Counts(practices, ix.Code, ix.EPCIOf)
	s := postgres.Snapshot{TakenOn: takenOn, Source: name, Read: report.Read, Kept: report.Kept, Rejected: report.Rejected}
	if _, err := db.ImportSnapshot(ctx, s, practices, counts, staffID); err != nil {
		return Result{}, err
	}
	return Result{Snapshot: s, Practices: len(practices)}, nil
}
