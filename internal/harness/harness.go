// Package harness runs the built portal beside a durable PostgreSQL of its own, for the
// crash test and the load benchmark.
package harness

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/localpg"
	"github.com/bienvenue-sante/bienvenue/internal/offers"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
)

// Rig is a durable cluster and a built portal binary, in temporary directories.
type Rig struct {
	Cluster *localpg.Cluster
	Dir     string // the portal's binary and log
	pgDir   string
}

// NewRig starts the cluster and builds the portal. Close removes both.
func NewRig(ctx context.Context) (*Rig, error) {
	dir, err := os.MkdirTemp("", "bienvenue-rig-")
	if err != nil {
		return nil, err
	}
	// The cluster gets its own directory: the server may run as another OS user, who
	// cannot enter dir.
	pgDir, err := os.MkdirTemp("", "bienvenue-rig-pg-")
	if err != nil {
		return nil, err
	}
	r := &Rig{Dir: dir, pgDir: pgDir}
	if r.Cluster, err = pgtest.StartCluster(ctx, pgDir, false); err != nil { // durable, as in production
		r.Close()
		return nil, err
	}
	if out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "bienvenue"), "./cmd/bienvenue").CombinedOutput(); err != nil {
		r.Close()
		return nil, fmt.Errorf("build: %v\n%s", err, out)
	}
	return r, nil
}

// Close stops the cluster and removes the directories.
func (r *Rig) Close() {
	if r.Cluster != nil {
		r.Cluster.Stop(context.Background())
	}
	os.RemoveAll(r.pgDir)
	os.RemoveAll(r.Dir)
}

// Portal returns a portal on a free local port, serving the rig's database; extra
// environment variables are added to the configuration.
func (r *Rig) Portal(extra ...string) (*Portal, error) {
	port, err := localpg.FreePort()
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	env := append(os.Environ(), "DATABASE_URL="+r.Cluster.URL("postgres"), "ADDR="+addr, "BASE_URL=http://"+addr, "LOG_FORMAT=json")
	return &Portal{bin: filepath.Join(r.Dir, "bienvenue"), log: filepath.Join(r.Dir, "portal.log"),
		URL: "http://" + addr, env: append(env, extra...)}, nil
}

// Portal is the portal's process.
type Portal struct {
	URL      string
	bin, log string
	env      []string
	cmd      *exec.Cmd
}

// Start runs `bienvenue serve` and waits until it is ready.
func (p *Portal) Start() error {
	log, err := os.OpenFile(p.log, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		return err
	}
	p.cmd = exec.Command(p.bin, "serve")
	p.cmd.Env, p.cmd.Stdout, p.cmd.Stderr = p.env, log, log
	if err := p.cmd.Start(); err != nil {
		return err
	}
	if err := WaitFor(p.URL+"/readyz", http.StatusOK, 30*time.Second); err != nil {
		return fmt.Errorf("%w (see %s)", err, p.log)
	}
	return nil
}

// Signal sends sig and waits for the process to end; the error says how it ended when
// that was not a clean exit (a process killed by the signal ends so).
func (p *Portal) Signal(sig os.Signal) error {
	if err := p.cmd.Process.Signal(sig); err != nil {
		return err
	}
	return p.cmd.Wait()
}

// PeakMemory is the most resident memory the process has used so far, in bytes.
func (p *Portal) PeakMemory() (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.cmd.Process.Pid))
	if err != nil {
		return 0, err
	}
	for line := range strings.Lines(string(b)) {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb * 1024, err
		}
	}
	return 0, fmt.Errorf("no VmHWM in /proc/%d/status", p.cmd.Process.Pid)
}

// FormPost is a form posted to base+path as a browser on the portal's own pages posts it.
func FormPost(base, path string, form url.Values) *http.Request {
	req, _ := http.NewRequest(http.MethodPost, base+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Origin", base)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return req
}

// Status is the status a GET of u answers, or 0 when nothing answers.
func Status(u string) int {
	res, err := http.Get(u)
	if err != nil {
		return 0
	}
	res.Body.Close()
	return res.StatusCode
}

// WaitFor waits until a GET of u answers want.
func WaitFor(u string, want int, limit time.Duration) error {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) {
		if Status(u) == want {
			return nil
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("%s did not answer %d within %s", u, want, limit)
}

// FillOffers adds n published internship offers spread over the territory's communes,
// the four levels, the specialties and the semester running now and the next three,
// one in three with housing.
func FillOffers(ctx context.Context, db *postgres.DB, n int) error {
	_, err := db.Pool.Exec(ctx, `
		WITH c AS (SELECT insee, epci_siren, row_number() OVER (ORDER BY insee) - 1 AS k, count(*) OVER () AS total FROM communes)
		INSERT INTO offers (title, host_kind, host_name, commune_insee, epci_siren, specialty, level, semester_start,
			supervisor, housing, travel_help, description, published, published_at, created_at, updated_at)
		SELECT 'Offre de volume ' || i, (ARRAY['cabinet', 'msp', 'centre', 'hopital'])[1 + i % 4], 'Lieu ' || i, c.insee, c.epci_siren,
			(ARRAY['medecine_generale', 'medecine_generale', 'pediatrie', 'urgences', 'geriatrie'])[1 + i % 5],
			(ARRAY['externe', 'interne_socle', 'interne_approfondissement', 'docteur_junior'])[1 + i % 4],
			$2::date + make_interval(months => 6 * (i % 4)), 'Dr Volume', i % 3 = 0, i % 2 = 0,
			'Description de l''offre **' || i || '** : consultations, visites, gardes.', true, now(), now(), now()
		FROM generate_series(1, $1::int) i JOIN c ON c.k = i % c.total`, n, offers.SemesterOf(db.Now()).Start)
	if err == nil {
		_, err = db.Pool.Exec(ctx, `VACUUM ANALYZE offers`)
	}
	return err
}

// FillRequests adds n requests spread over the default queue, the three audiences and
// three intercommunalities, 15 % of them open (years of closed requests pile up), each
// with one need, then analyses the tables as autovacuum would on a live database. The
// open requests past a due date are recorded as escalated when they fell due, as a live
// database has them, so that the portal does not start by escalating a backlog.
func FillRequests(ctx context.Context, db *postgres.DB, n int) error {
	_, err := db.Pool.Exec(ctx, `
		WITH q AS (SELECT id FROM queues WHERE is_default)
		INSERT INTO requests (reference, form_key, audience, status, priority, queue_id, lang, first_name, last_name, email,
			situation, target_epcis, created_at, updated_at, first_response_due, resolution_due, next_due)
		SELECT 'BD-2020-' || lpad(i::text, 6, '0'), 'volume-form-key-' || i, (ARRAY['doctor', 'student', 'highschool'])[1 + i % 3],
			CASE WHEN i % 20 < 3 THEN (ARRAY['new', 'in_progress', 'waiting_applicant'])[1 + i % 20]
				ELSE (ARRAY['resolved', 'closed'])[1 + i % 2] END,
			(ARRAY['low', 'normal', 'high'])[1 + i % 3], (SELECT id FROM q), 'fr', 'Prénom' || i, 'Nom' || i,
			'personne' || i || '@example.org', 'locum', ARRAY[(ARRAY['200096956', '200030674', '200023307'])[1 + i % 3]],
			now() - i * interval '1 minute', now(), now() - i * interval '1 minute' + interval '2 days',
			now() - i * interval '1 minute' + interval '42 days',
			CASE WHEN i % 20 < 2 THEN now() - i * interval '1 minute' + interval '2 days' END
		FROM generate_series(1, $1::int) i`, n)
	if err == nil {
		_, err = db.Pool.Exec(ctx, `
			INSERT INTO request_needs (request_id, kind)
			SELECT id, (ARRAY['housing', 'financial_aid', 'internship', 'studies_question'])[1 + id % 4] FROM requests
			WHERE form_key LIKE 'volume-form-key-%';
			INSERT INTO escalations (request_id, breach, at)
			SELECT r.id, b.kind, b.due FROM requests r
			CROSS JOIN LATERAL (VALUES ('first_response', r.first_response_due), ('resolution', r.resolution_due)) AS b (kind, due)
			WHERE r.form_key LIKE 'volume-form-key-%' AND r.status IN ('new', 'in_progress') AND b.due < now()
			ON CONFLICT DO NOTHING`)
	}
	if err == nil {
		_, err = db.Pool.Exec(ctx, `VACUUM ANALYZE`)
	}
	return err
}

// BareInsert stores a request's row with one INSERT and nothing else (no routing,
// needs, history, link nor email): the rate a submission is compared with. Its
// parameters are the reference, the form key, first name, last name, email, phone,
// situation, practice mode, timeframe, intercommunalities, communes, the spouse's field
// and the message.
const BareInsert = `
	INSERT INTO requests (reference, form_key, audience, queue_id, lang, first_name, last_name, email, phone,
		situation, practice_mode, timeframe, target_epcis, target_communes, spouse_field, message, created_at, updated_at,
		first_response_due, resolution_due)
	VALUES ($1, $2, 'doctor', (SELECT id FROM queues WHERE is_default), 'fr', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13,
		now(), now(), now() + interval '2 days', now() + interval '30 days')`
