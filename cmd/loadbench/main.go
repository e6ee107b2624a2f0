// Command loadbench measures how far one machine carries the portal. It starts its own
// durable PostgreSQL, loads volume (100,000 requests, 10,000 internship offers, the territory), runs the built
// portal and, in this process, the TechEmpower « Fortunes » baseline on the same
// database; then a closed-loop load generator alternates baseline and portal runs per
// scenario and prints one table: requests per second of each, their ratio, the portal's
// p50 and p99, errors and its peak memory.
package main

import (
	"context"
	"flag"
	"fmt"
	"html/template"
	"io"
	"log/slog"
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
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"

	"github.com/bienvenue-sante/bienvenue/internal/harness"
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
	flag.Parse()
	if err := run(*duration, *conns, *volume, *offerVolume, *instances); err != nil {
		fmt.Fprintln(os.Stderr, "loadbench:", err)
		os.Exit(1)
	}
}

const password = "mot-de-passe-de-banc-d-essai"

// scenario is one kind of traffic: do makes one user action with a client of its own
// and reports whether it succeeded.
type scenario struct {
	name string
	do   func(c *http.Client, base string) bool
}

func run(duration time.Duration, conns, volume, offerVolume, instances int) error {
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
	portals, err := startPortals(rig, instances)
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

	scenarios := []scenario{
		{"home page", get("/")},
		{"offers list with filters", get("/stages?niveau=interne_socle&specialite=medecine_generale&logement=1")},
		{"offer detail", offerDetail(offerVolume)},
		{"observatory dashboard", get("/observatoire")},
		{"officer's queue page, signed in", signedIn("/espace/demandes")},
		{"request submission (GET form, POST, durable commit)", submit},
	}
	w := tabwriter.NewWriter(os.Stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintf(w, "scenario\tportal req/s\tbaseline req/s\tratio\tp50\tp99\terrors\n")
	for _, s := range scenarios {
		// Interleaved: baseline, portal, baseline, portal; the better run of each counts,
		// as the machine is shared.
		var best, base result
		for range 2 {
			if r := load([]string{baseline}, get("/fortunes"), conns, duration); r.rate() > base.rate() {
				base = r
			}
			if r := load(urls, s.do, conns, duration); r.rate() > best.rate() {
				best = r
			}
		}
		fmt.Fprintf(w, "%s\t%.0f\t%.0f\t%.2f\t%s\t%s\t%d\n", s.name, best.rate(), base.rate(), best.rate()/base.rate(),
			best.quantile(0.50).Round(10*time.Microsecond), best.quantile(0.99).Round(10*time.Microsecond), best.errors)
	}
	w.Flush()
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

// startPortals starts n instances at once on the rig's database, as a deployment would.
func startPortals(rig *harness.Rig, n int) ([]*harness.Portal, error) {
	portals := make([]*harness.Portal, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range portals {
		p, err := rig.Portal("DATABASE_MAX_CONNS=16")
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

var fortunesPage = template.Must(template.New("fortunes").Parse(`<!DOCTYPE html><html><head><title>Fortunes</title></head><body><table><tr><th>id</th><th>message</th></tr>{{range .}}<tr><td>{{.ID}}</td><td>{{.Message}}</td></tr>{{end}}</table></body></html>`))

type fortune struct {
	ID      int
	Message string
}

// startFortunes serves the TechEmpower Fortunes test (net/http, pgx, html/template) on
// the same database and returns its address.
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
func load(bases []string, do func(*http.Client, string) bool, conns int, duration time.Duration) result {
	var mu sync.Mutex
	var all result
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(duration)
	for i := range conns {
		base := bases[i%len(bases)]
		wg.Go(func() {
			jar, _ := cookiejar.New(nil)
			c := &http.Client{Jar: jar, Timeout: 10 * time.Second, Transport: &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1},
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
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
func fetch(c *http.Client, req *http.Request, want int) (string, bool) {
	res, err := c.Do(req)
	if err != nil {
		return "", false
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	return string(body), err == nil && res.StatusCode == want
}

func get(path string) func(*http.Client, string) bool {
	return func(c *http.Client, base string) bool {
		req, _ := http.NewRequest(http.MethodGet, base+path, nil)
		_, ok := fetch(c, req, http.StatusOK)
		return ok
	}
}

// offerDetail reads the page of one of the n offers, a different one each time.
func offerDetail(n int) func(*http.Client, string) bool {
	return func(c *http.Client, base string) bool {
		return get(fmt.Sprintf("/stages/%d", 1+rand.IntN(n)))(c, base)
	}
}

// signedIn reads path as the benchmark's supervisor: one session, signed in once, shared
// by every connection (sign-in itself is slow on purpose and is not what is measured).
func signedIn(path string) func(*http.Client, string) bool {
	var once sync.Once
	var cookies []*http.Cookie
	return func(c *http.Client, base string) bool {
		u, _ := url.Parse(base)
		once.Do(func() {
			jar, _ := cookiejar.New(nil)
			signer := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
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

var formKey = regexp.MustCompile(`name="form_key" value="([^"]+)"`)

// submit files a student's request as a browser does: it opens the form, then posts it
// with the form's key and its own origin.
func submit(c *http.Client, base string) bool {
	req, _ := http.NewRequest(http.MethodGet, base+"/demande/etudiant", nil)
	page, ok := fetch(c, req, http.StatusOK)
	m := formKey.FindStringSubmatch(page)
	if !ok || m == nil {
		return false
	}
	req = harness.FormPost(base, "/demande/etudiant", url.Values{"form_key": {m[1]}, "first_name": {"Banc"}, "last_name": {"Essai"},
		"email": {"banc@example.org"}, "situation": {"extern"}, "needs": {"internship"}})
	_, ok = fetch(c, req, http.StatusSeeOther)
	return ok
}
