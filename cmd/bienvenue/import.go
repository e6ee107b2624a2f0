package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/apl"
	"github.com/bienvenue-sante/bienvenue/internal/importer"
	"github.com/bienvenue-sante/bienvenue/internal/rpps"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
)

// importRPPS imports a national RPPS extract as a snapshot of the département's GPs.
func importRPPS(ctx context.Context, cfg config, log *slog.Logger, args []string, stdout io.Writer) error {
	flags := flag.NewFlagSet("import rpps", flag.ContinueOnError)
	flags.SetOutput(stdout)
	date := flags.String("date", "", "the extract's date, 2025-11-14 (default: from the file name)")
	if err := flags.Parse(args); err != nil {
		return err
	}
	if flags.NArg() != 1 {
		return errors.New("usage: bienvenue import rpps [--date 2025-11-14] PS_LibreAcces_Personne_activite_<date>.txt")
	}
	path := flags.Arg(0)
	takenOn, ok := rpps.DateOf(filepath.Base(path))
	if *date != "" {
		d, err := time.Parse("2006-01-02", *date)
		if err != nil {
			return fmt.Errorf("--date must look like 2025-11-14")
		}
		takenOn, ok = d, true
	}
	if !ok {
		return errors.New("the file name carries no date: give it with --date 2025-11-14")
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	t, err := territory.Shipped(cfg.DepartementCode)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	snapshot, err := importer.RPPS(ctx, db, f, filepath.Base(path), takenOn, territory.NewIndex(t), 0)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "snapshot of %s: %d rows read, %d kept (%d distinct practices)\n",
		takenOn.Format("2006-01-02"), snapshot.Read, snapshot.Kept, snapshot.Practices)
	reasons := make([]string, 0, len(snapshot.Rejected))
	for r := range snapshot.Rejected {
		reasons = append(reasons, r)
	}
	sort.Strings(reasons)
	for _, r := range reasons {
		fmt.Fprintf(stdout, "  left out, %s: %d\n", r, snapshot.Rejected[r])
	}
	return nil
}

// importAPL imports a DREES APL workbook.
func importAPL(ctx context.Context, cfg config, log *slog.Logger, args []string, stdout io.Writer) error {
	if len(args) != 1 {
		return errors.New("usage: bienvenue import apl APL_medecins_generalistes.xlsx")
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	t, err := territory.Shipped(cfg.DepartementCode)
	if err != nil {
		return err
	}
	values, err := apl.Read(f, territory.NewIndex(t).HasCommune)
	if err != nil {
		return err
	}
	db, err := openDB(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.ImportAPL(ctx, filepath.Base(args[0]), values, 0); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "APL: %d commune-years imported\n", len(values))
	return nil
}
