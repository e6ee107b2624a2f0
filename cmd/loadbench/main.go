// Command loadbench measures how far one machine carries the portal. It starts its own
// durable PostgreSQL, loads volume (100,000 requests, 10,000 internship offers, the territory), runs the built
// portal and, in this process, the TechEmpower « Fortunes » baseline on the same
// database; then a closed-loop load generator alternates baseline and portal runs per
// scenario and prints one table: requests per second of each, their ratio, the portal's
// p50 and p99, errors and its peak memory.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"html/template"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/bienvenue-sante/bienvenue/internal/harness"
	"github.com/bienvenue-sante/bienvenue/internal/localpg"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
)

func main() {
	duration := flag.Duration("duration", 5*time.Second, "length of each run")
	conns := flag.Int("connections", 64, "concurrent connections (closed loop)")
	volume := flag.Int("requests", 100000, "requests loaded before the runs")
	offerVolume := flag.Int("offers", 10000, "internship offers loaded before the runs")
	instances := flag.Int("instances", 1, "portal instances on the one database; connections are spread over them")
	only := flag.String("only", "", "run only the scenarios whose name matches this regular expression")
	profile := flag.String("cpuprofile", "", "write each portal instance's CPU profile to this file (suffixed -1, -2, … with several instances)")
	pgStats := flag.Bool("pgstats", false, "print the statements PostgreSQL spent most time on during the runs (pg_stat_statements)")
	flag.Parse()
	if err := run(*duration, *conns, *volume, *offerVolume, *instances, regexp.MustCompile(*only), *profile, *pgStats); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

const password = "mot-de-passe-de-banc-d-essai"

// scenario is one kind of traffic: do makes one user action with a client of its own
// and reports whether it succeeded; baseline is what the baseline server does instead.
type scenario struct {
	name     string
	do       func(c *client, base string) bool
	baseline func(c *client, base string) bool
}

func run(duration time.Duration, conns, volume, offerVolume, instances int, only *regexp.Regexp, profile string, pgStats bool) error {
	ctx := context.Background()
	rig, err := harness.NewRig(ctx)
	if err != nil {
		return err
	}
	defer rig.Close()
	dbURL := rig.Cluster.URL("postgres")
	if err := prepare(ctx, dbURL, volume, offerVolume); err != nil {
		return err
	}
	if pgStats {
		if err := trackStatements(ctx, rig.Cluster, dbURL); err != nil {
			return err
		}
	}
	portals, err := startPortals(rig, instances, profile)
	if err != nil {
		return err
	}
	var urls []string
	for _, p := range portals {
		defer p.Signal(syscall.SIGTERM)
		urls = append(urls, p.URL)
	}
	baseline, err := startFortunes(ctx, dbURL)
	if err != nil {
		return err
	}
	caughtUp, err := settle(ctx, dbURL, 5*time.Minute)
	if err != nil {
		return err
	}
	fmt.Printf("background jobs caught up in %s\n", caughtUp.Round(time.Second))
	if pgStats {
		if err := execOn(ctx, dbURL, `SELECT pg_stat_statements_reset()`); err != nil {
			return err
		}
	}

	fortunes := get("/fortunes")
	scenarios := []scenario{
		{"home page", get("/"), fortunes},
		{"offers list with filters", get("/stages?niveau=interne_socle&specialite=medecine_generale&logement=1"), fortunes},
		{"offer detail", offerDetail(offerVolume), fortunes},
		{"observatory dashboard", get("/observatoire"), fortunes},
		{"officer's queue page, signed in", signedIn("/espace/demandes"), fortunes},
		{"request submission (GET form, POST, durable commit) / bare INSERT", submit, insertBare},
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "scenario\tportal req/s\tbaseline req/s\tratio\tp50\tp99\terrors\tbacklog\n")
	for _, s := range scenarios {
		if !only.MatchString(s.name) {
			continue
		}
		// Interleaved: baseline, portal, baseline, portal; the better run of each counts,
		// as the machine is shared. After each portal run, the background work it left
		// (emails to deliver) is done before the next run starts: no run pays for
		// another's, and the portal's backlog is shown. The baseline leaves none.
		var best, base result
		for range 2 {
			if r := load([]string{baseline}, s.baseline, conns, duration); r.rate() > base.rate() {
				base = r
			}
			r := load(urls, s.do, conns, duration)
			if r.backlog, err = settle(ctx, dbURL, 5*time.Minute); err != nil {
				return err
			}
			if r.rate() > best.rate() {
				best = r
			}
		}
		fmt.Fprintf(w, "%s\t%.0f\t%.0f\t%.2f\t%s\t%s\t%d\t%s\n", s.name, best.rate(), base.rate(), best.rate()/base.rate(),
			best.quantile(0.50).Round(10*time.Microsecond), best.quantile(0.99).Round(10*time.Microsecond), best.errors,
			best.backlog.Round(100*time.Millisecond))
	}
	w.Flush()
	if pgStats {
		if err := printStatements(ctx, dbURL, 15); err != nil {
			return err
		}
	}
	fmt.Printf("\n%d connections over %d portal instance(s), %s per run, %d requests loaded; peak memory (VmHWM) of each instance:",
		conns, instances, duration, volume)
	for _, p := range portals {
		peak, err := p.PeakMemory()
		if err != nil {
			return err
		}
		fmt.Printf(" %.0f MB", float64(peak)/(1<<20))
	}
	fmt.Println()
	return nil
}

// startPortals starts n instances at once on the rig's database, as a deployment would;
// with a profile path, each writes its CPU profile there when it stops.
func startPortals(rig *harness.Rig, n int, profile string) ([]*harness.Portal, error) {
	portals := make([]*harness.Portal, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range portals {
		env := []string{"DATABASE_MAX_CONNS=16"}
		if profile != "" && n > 1 {
			env = append(env, fmt.Sprintf("CPU_PROFILE=%s-%d", profile, i+1))
		} else if profile != "" {
			env = append(env, "CPU_PROFILE="+profile)
		}
		p, err := rig.Portal(env...)
		if err != nil {
			return nil, err
		}
		portals[i] = p
		wg.Go(func() { errs[i] = p.Start() })
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return portals, nil
}

// prepare migrates, loads the territory and the volume, the Fortunes table and an officer.
func prepare(ctx context.Context, dbURL string, volume, offerVolume int) error {
	db, err := postgres.Open(ctx, dbURL, postgres.Options{MaxConns: 4, ConnectTimeout: 5 * time.Second})
	if err != nil {
		return err
	}
	defer db.Close()
	t, err := territory.Shipped("47")
	if err != nil {
		return err
	}
	if err := db.Prepare(ctx, t, slog.New(slog.DiscardHandler)); err != nil {
		return err
	}
	if err := harness.FillRequests(ctx, db, volume); err != nil {
		return err
	}
	if err := harness.FillOffers(ctx, db, offerVolume); err != nil {
		return err
	}
	u, err := staff.NewUser("superviseur@banc.example", "Banc d'essai", staff.RoleSupervisor, password)
	if err != nil {
		return err
	}
	if _, err := db.CreateUser(ctx, u); err != nil {
		return err
	}
	_, err = db.Pool.Exec(ctx, `
		CREATE TABLE fortune (id integer PRIMARY KEY, message text NOT NULL);
		INSERT INTO fortune VALUES
			(1, 'fortune: No such file or directory'),
			(2, 'A computer scientist is someone who fixes things that aren''t broken.'),
			(3, 'After enough decimal places, nobody gives a damn.'),
			(4, 'A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1'),
			(5, 'A computer program does what you tell it to do, not what you want it to do.'),
			(6, 'Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen'),
			(7, 'Any program that runs right is obsolete.'),
			(8, 'A list is only as strong as its weakest link. — Donald Knuth'),
			(9, 'Feature: A bug with seniority.'),
			(10, 'Computers make very fast, very accurate mistakes.'),
			(11, '<script>alert("This should not be displayed in a browser alert box.");</script>'),
			(12, 'フレームワークのベンチマーク')`)
	return err
}

// trackStatements restarts the cluster with pg_stat_statements loaded.
func trackStatements(ctx context.Context, cluster *localpg.Cluster, dbURL string) error {
	if err := execOn(ctx, dbURL, `ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`); err != nil {
		return err
	}
	if err := cluster.Stop(ctx); err != nil {
		return err
	}
	if err := cluster.Start(ctx); err != nil {
		return err
	}
	for _, sql := range []string{`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`,
		`ALTER SYSTEM SET pg_stat_statements.track_planning = on`, `SELECT pg_reload_conf()`} {
		if err := execOn(ctx, dbURL, sql); err != nil {
			return err
		}
	}
	return nil
}

func execOn(ctx context.Context, dbURL, sql string) error {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	_, err = conn.Exec(ctx, sql)
	return err
}

// printStatements prints the n statements the server spent most time on.
func printStatements(ctx context.Context, dbURL string, n int) error {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `
		SELECT calls, total_exec_time, mean_exec_time, total_plan_time, left(regexp_replace(query, '\s+', ' ', 'g'), 100)
		FROM pg_stat_statements ORDER BY total_exec_time + total_plan_time DESC LIMIT $1`, n)
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "\ncalls\texecution ms\tmean ms\tplanning ms\tstatement\n")
	var calls int64
	var total, mean, planning float64
	var query string
	_, err = pgx.ForEachRow(rows, []any{&calls, &total, &mean, &planning, &query}, func() error {
		_, err := fmt.Fprintf(w, "%d\t%.0f\t%.3f\t%.0f\t%s\n", calls, total, mean, planning, query)
		return err
	})
	if err != nil {
		return err
	}
	return w.Flush()
}

// settle waits until the portal's background jobs have caught up: at start it escalates
// the loaded backlog's overdue requests and sends those emails (about 10,000 of each),
// once, as after an import; measuring during that would measure the catch-up.
func settle(ctx context.Context, dbURL string, limit time.Duration) (time.Duration, error) {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return 0, err
	}
	defer conn.Close(ctx)
	start := time.Now()
	for {
		var escalated bool
		var pending int
		err := conn.QueryRow(ctx, `
			SELECT EXISTS (SELECT FROM river_job WHERE kind = 'escalate_overdue' AND state = 'completed'),
				(SELECT count(*) FROM river_job WHERE state IN ('available', 'running', 'retryable')
					OR (state = 'scheduled' AND scheduled_at < now() + interval '1 minute')) + (SELECT count(*) FROM outbox)`).Scan(&escalated, &pending)
		switch {
		case err != nil:
			return 0, err
		case escalated && pending == 0:
			return time.Since(start), nil
		case time.Since(start) > limit:
			return 0, fmt.Errorf("background jobs still pending after %s: %d", limit, pending)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

var fortunesPage = template.Must(template.New("fortunes").Parse(`<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>{{range .}}<tr><td>{{.ID}}</td><td>{{.Message}}</td></tr>{{end}}</table></body></html>`))

type fortune struct {
	ID      int
	Message string
}

// startFortunes serves the TechEmpower Fortunes test (net/http, pgx, html/template) and
// the bare INSERT on the same database and returns its address.
func startFortunes(ctx context.Context, dbURL string) (string, error) {
	cfg, err := pgxpool.ParseConfig(dbURL)
	if err != nil {
		return "", err
	}
	cfg.MaxConns = 16
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return "", err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /fortunes", func(w http.ResponseWriter, r *http.Request) {
		rows, err := pool.Query(r.Context(), `SELECT id, message FROM fortune`)
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		var fortunes []fortune
		for rows.Next() {
			var f fortune
			if err := rows.Scan(&f.ID, &f.Message); err != nil {
				http.Error(w, err.Error(), http.StatusInternalServerError)
				return
			}
			fortunes = append(fortunes, f)
		}
		if rows.Err() != nil {
			http.Error(w, rows.Err().Error(), http.StatusInternalServerError)
			return
		}
		fortunes = append(fortunes, fortune{0, "Additional fortune added at request time."})
		slices.SortFunc(fortunes, func(a, b fortune) int { return strings.Compare(a.Message, b.Message) })
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fortunesPage.Execute(w, fortunes)
	})
	// The bare INSERT: the form's row stored by one durable statement, then a redirect.
	var inserted atomic.Int64
	mux.HandleFunc("POST /insert", func(w http.ResponseWriter, r *http.Request) {
		n := inserted.Add(1)
		f := r.PostFormValue
		_, err := pool.Exec(r.Context(), harness.BareInsert, fmt.Sprintf("BARE-%d", n), fmt.Sprintf("bare-form-key-%d", n),
			f("first_name"), f("last_name"), f("email"), f("phone"), f("situation"), "", "", []string{}, []string{}, "", f("message"))
		if err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
		http.Redirect(w, r, "/fortunes", http.StatusSeeOther)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	go http.Serve(ln, mux)
	return "http://" + ln.Addr().String(), nil
}

// result is one run: the latency of each successful action and the failures.
type result struct {
	latencies []time.Duration
	errors    int
	elapsed   time.Duration
	backlog   time.Duration // how long the background work the run left took to finish after it
}

func (r result) rate() float64 {
	if r.elapsed == 0 {
		return 0
	}
	return float64(len(r.latencies)) / r.elapsed.Seconds()
}

func (r result) quantile(q float64) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[int(q*float64(len(r.latencies)-1))]
}

// load runs do in a closed loop on conns connections for duration, connection i
// talking to bases[i % len(bases)].
func load(bases []string, do func(*client, string) bool, conns int, duration time.Duration) result {
	var mu sync.Mutex
	var all result
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(duration)
	for i := range conns {
		base := bases[i%len(bases)]
		wg.Go(func() {
			jar, _ := cookiejar.New(nil)
			c := &client{Client: &http.Client{Jar: jar, Timeout: 10 * time.Second, Transport: &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1},
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
			var mine result
			for time.Now().Before(deadline) {
				t := time.Now()
				if do(c, base) {
					mine.latencies = append(mine.latencies, time.Since(t))
				} else {
					mine.errors++
				}
			}
			mu.Lock()
			all.latencies = append(all.latencies, mine.latencies...)
			all.errors += mine.errors
			mu.Unlock()
		})
	}
	wg.Wait()
	all.elapsed = time.Since(start)
	slices.Sort(all.latencies)
	return all
}

// fetch does one request and reports whether it answered want.
// client is one connection of the load generator, with the buffer it reads answers
// into: the generator shares the cores it measures, so it reads a page without copying
// it (reading each 25 KB queue page into a new string took a fifth of its time).
type client struct {
	*http.Client
	body bytes.Buffer
}

// fetch does one request and reports whether it answered want; the body it returns is
// good until the client's next fetch.
func fetch(c *client, req *http.Request, want int) ([]byte, bool) {
	res, err := c.Do(req)
	if err != nil {
		return nil, false
	}
	defer res.Body.Close()
	c.body.Reset()
	_, err = c.body.ReadFrom(res.Body)
	return c.body.Bytes(), err == nil && res.StatusCode == want
}

func get(path string) func(*client, string) bool {
	return func(c *client, base string) bool {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		_, ok := fetch(c, req, http.StatusOK)
		return ok
	}
}

// offerDetail reads the page of one of the n offers, a different one each time.
func offerDetail(n int) func(*client, string) bool {
	return func(c *client, base string) bool {
		return get(fmt.Sprintf("/stages/%d", 1+rand.IntN(n)))(c, base)
	}
}

// signedIn reads path as the benchmark's supervisor: one session, signed in once, shared
// by every connection (sign-in itself is slow on purpose and is not what is measured).
func signedIn(path string) func(*client, string) bool {
	var once sync.Once
	var cookies []*http.Cookie
	return func(c *client, base string) bool {
		u, _ := url.Parse(base)
		once.Do(func() {
			jar, _ := cookiejar.New(nil)
			signer := &client{Client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
			req := harness.FormPost(base, "/connexion", url.Values{"email": {"superviseur@banc.example"}, "password": {password}})
			if _, ok := fetch(signer, req, http.StatusSeeOther); ok {
				cookies = jar.Cookies(u)
			}
		})
		if len(c.Jar.Cookies(u)) == 0 {
			c.Jar.SetCookies(u, cookies)
		}
		return get(path)(c, base)
	}
}

// studentForm is what submit and insertBare post.
var studentForm = url.Values{"first_name": {"Banc"}, "last_name": {"Essai"}, "email": {"banc@example.org"},
	"situation": {"extern"}, "needs": {"internship"}}

// insertBare posts the same form to the baseline, which stores it with one INSERT.
func insertBare(c *client, base string) bool {
	_, ok := fetch(c, harness.FormPost(base, "/insert", studentForm), http.StatusSeeOther)
	return ok
}

// submit files a student's request as a browser does: it opens the form, then posts it
// with the form's key and its own origin.
func submit(c *client, base string) bool {
	req, _ := http.NewRequest(http.MethodGet, base+"/demande/etudiant", nil)
	page, ok := fetch(c, req, http.StatusOK)
	// The form's key, found without a regular expression: the load generator shares the
	// cores it measures.
	_, rest, found := bytes.Cut(page, []byte(`name="form_key" value="`))
	key, _, closed := bytes.Cut(rest, []byte(`"`))
	if !ok || !found || !closed || len(key) == 0 {
		return false
	}
	form := maps.Clone(studentForm)
	form.Set("form_key", string(key))
	req = harness.FormPost(base, "/demande/etudiant", form)
	_, ok = fetch(c, req, http.StatusSeeOther)
	return ok
}
