package importer_test

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/bienvenue-sante/bienvenue/internal/importer"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/rpps"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// BenchmarkImportRPPS imports a synthetic national extract (BENCH_RPPS_ROWS rows, two
// million by default, like France's) and, in the same run, has PostgreSQL COPY the same
// file into an unindexed table. It reports the ratio and the importer's peak heap.
func BenchmarkImportRPPS(b *testing.B) {
	rows := 2_000_000
	if n, err := strconv.Atoi(os.Getenv("BENCH_RPPS_ROWS")); err == nil {
		rows = n
	}
	terr, err := territory.Shipped("47")
	if err != nil {
		b.Fatal(err)
	}
	ix := territory.NewIndex(terr)
	insee := make([]string, len(terr.Communes))
	for i, c := range terr.Communes {
		insee[i] = c.INSEE
	}
	path := filepath.Join(b.TempDir(), "PS_LibreAcces_Personne_activite_SYNTHETIQUE_202601010000.txt")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	if err := rpps.WriteSynthetic(f, rows, insee, 1); err != nil {
		b.Fatal(err)
	}
	f.Close()
	db := pgtest.New(b)
	ctx := context.Background()
	columns := ""
	for i := range len(rpps.Header) + 1 { // the trailing | makes one more, empty column
		columns += fmt.Sprintf(", c%d text", i)
	}
	if _, err := db.Pool.Exec(ctx, `CREATE TABLE copied (`+columns[2:]+`)`); err != nil {
		b.Fatal(err)
	}
	var imported, copied time.Duration
	var peak uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		stop := watchHeap(&peak)
		start := time.Now()
		in, _ := os.Open(path)
		res, err := importer.RPPS(ctx, db, in, filepath.Base(path), time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), ix, 0)
		in.Close()
		imported += time.Since(start)
		stop()
		if err != nil || res.Read != rows {
			b.Fatalf("import: %v, %d rows read", err, res.Read)
		}

		start = time.Now()
		in, _ = os.Open(path)
		err = copyFile(ctx, db.Pool, in)
		in.Close()
		copied += time.Since(start)
		if err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(imported.Seconds()/float64(b.N), "import-s")
	b.ReportMetric(copied.Seconds()/float64(b.N), "copy-s")
	b.ReportMetric(imported.Seconds()/copied.Seconds(), "import/copy-ratio")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}

// copyFile is PostgreSQL's own bulk load of the file, the baseline.
func copyFile(ctx context.Context, pool *pgxpool.Pool, r io.Reader) error {
	conn, err := pool.Acquire(ctx)
	if err != nil {
		return err
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `TRUNCATE copied`); err != nil {
		return err
	}
	_, err = conn.Conn().PgConn().CopyFrom(ctx, r,
		`COPY copied FROM STDIN WITH (FORMAT csv, DELIMITER '|', HEADER true, QUOTE E'\x01')`)
	return err
}

// watchHeap samples the heap until stopped, keeping the peak.
func watchHeap(peak *uint64) func() {
	var done atomic.Bool
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		for !done.Load() {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > *peak {
				*peak = m.HeapInuse
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	return func() { done.Store(true); <-finished }
}

func TestImportKeepsTheEarlierSnapshotWhenTheNewFileIsTruncated(t *testing.T) {
	t.Parallel()
	db := pgtest.New(t)
	ctx := context.Background()
	terr, _ := territory.Shipped("47")
	ix := territory.NewIndex(terr)
	var b strings.Builder
	rpps.WriteSynthetic(&b, 4000, []string{"47001", "47157"}, 9)
	res, err := importer.RPPS(ctx, db, strings.NewReader(b.String()), "a.txt", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), ix, 0)
	if err != nil || res.Practices == 0 {
		t.Fatalf("import: %v, %+v", err, res)
	}
	cut := b.String()[:b.Len()/2]
	if _, err := importer.RPPS(ctx, db, strings.NewReader(cut), "b.txt", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), ix, 0); err == nil {
		t.Fatal("a truncated file was imported")
	}
	snapshots, err := db.Snapshots(ctx)
	if err != nil || len(snapshots) != 1 || snapshots[0].Source != "a.txt" {
		t.Errorf("snapshots %+v (%v), want a.txt only", snapshots, err)
	}
}
