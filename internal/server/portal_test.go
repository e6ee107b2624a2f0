package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/localpg"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/server"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
	"github.com/bienvenue-sante/bienvenue/internal/worker"
)

func TestMain(m *testing.M) { os.Exit(pgtest.Main(m)) }

// portal is the real router on a real database, served over HTTP.
type portal struct {
	*httptest.Server
	db  *postgres.DB
	srv *server.Server
}

func newPortal(t *testing.T) *portal {
	t.Helper()
	p := newPortalOn(t, pgtest.New(t))
	p.startWorker(t)
	return p
}

func newPortalOn(t testing.TB, db *postgres.DB) *portal {
	t.Helper()
	return newPortalWith(t, db, false)
}

// newPortalWith serves the portal as if behind https when secure is true.
func newPortalWith(t testing.TB, db *postgres.DB, secure bool) *portal {
	t.Helper()
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	terr, err := territory.Shipped("47")
	if err != nil {
		t.Fatal(err)
	}
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewUnstartedServer(nil)
	ts.Start()
	log := slog.New(slog.DiscardHandler)
	srv := server.New(server.Config{Brand: "Bienvenue Docteur !", Departement: "Lot-et-Garonne",
		Demo: true, Secure: secure, SessionIdleTimeout: 30 * time.Minute, BaseURL: ts.URL,
		ReferencePrefix: "BD", RetentionYears: 3, TimeZone: paris}, db, territory.NewIndex(terr), catalog, log)
	ts.Config.Handler = srv.Handler()
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return &portal{Server: ts, db: db, srv: srv}
}

// startWorker delivers the portal's emails into the capture table, as `make run` does.
func (p *portal) startWorker(t *testing.T) {
	t.Helper()
	w, err := worker.New(p.db, postgres.MailCapture{DB: p.db}, worker.Config{EscalationEmails: p.srv.EscalationEmails,
		EventReminder: p.srv.EventReminderEmail, RetentionYears: 3, Every: time.Hour}, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Stop(context.Background()) })
}

// client is a browser-like client: it keeps cookies and does not follow redirects, so
// that tests see each 303.
func (p *portal) client(t testing.TB) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// response is a finished request: its status, headers and body.
type response struct {
	*http.Response
	body string
}

func (p *portal) get(t *testing.T, c *http.Client, path string) response {
	t.Helper()
	return do(t, c, httptestRequest(t, http.MethodGet, p.URL+path, nil))
}

// getOnceShown reads path until it shows every want, for a change made behind the
// portal's back (an import from the command line): the public lists and the observatory
// show it within five seconds (lists.go). It gives the last answer, to be asserted on.
func (p *portal) getOnceShown(t *testing.T, c *http.Client, path string, wants ...string) response {
	t.Helper()
	deadline := time.Now().Add(6 * time.Second)
	for {
		res := p.get(t, c, path)
		shown := true
		for _, want := range wants {
			shown = shown && strings.Contains(res.body, want)
		}
		if shown || time.Now().After(deadline) {
			return res
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func (p *portal) post(t *testing.T, c *http.Client, path string, form url.Values) response {
	t.Helper()
	req := httptestRequest(t, http.MethodPost, p.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	// What a browser sends for a same-origin form.
	req.Header.Set("Origin", p.URL)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return do(t, c, req)
}

func httptestRequest(t *testing.T, method, url string, body io.Reader) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, body)
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func do(t *testing.T, c *http.Client, req *http.Request) response {
	t.Helper()
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return response{Response: res, body: string(b)}
}

// createStaff stores an account with the given role and password.
func (p *portal) createStaff(t testing.TB, email string, role staff.Role, password string) staff.User {
	t.Helper()
	u, err := staff.NewUser(email, "Test "+string(role), role, password)
	if err != nil {
		t.Fatal(err)
	}
	created, err := p.db.CreateUser(context.Background(), u)
	if err != nil {
		t.Fatal(err)
	}
	return created
}

// signIn signs c in and fails the test unless it lands on the workspace.
func (p *portal) signIn(t *testing.T, c *http.Client, email, password string) {
	t.Helper()
	res := p.post(t, c, "/connexion", url.Values{"email": {email}, "password": {password}})
	if res.StatusCode != http.StatusSeeOther || res.Header.Get("Location") != "/espace" {
		t.Fatalf("sign-in: %d to %q, want 303 to /espace", res.StatusCode, res.Header.Get("Location"))
	}
}

// englishClient is a visitor who chose English.
func (p *portal) englishClient(t *testing.T) *http.Client {
	c := p.client(t)
	u, _ := url.Parse(p.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "lang", Value: "en"}})
	return c
}

func (p *portal) sessionCookie(t *testing.T, c *http.Client) string {
	t.Helper()
	u, _ := url.Parse(p.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "bienvenue_session" {
			return ck.Value
		}
	}
	return ""
}

func assertStatus(t *testing.T, res response, want int) {
	t.Helper()
	if res.StatusCode != want {
		t.Fatalf("%s %s: status %d, want %d\n%s", res.Request.Method, res.Request.URL.Path, res.StatusCode, want, res.body)
	}
}

func assertContains(t *testing.T, res response, wants ...string) {
	t.Helper()
	for _, want := range wants {
		if !strings.Contains(res.body, want) {
			t.Errorf("%s %s: page lacks %q", res.Request.Method, res.Request.URL.Path, want)
		}
	}
}

func assertLacks(t *testing.T, res response, unwanted ...string) {
	t.Helper()
	for _, s := range unwanted {
		if strings.Contains(res.body, s) {
			t.Errorf("%s %s: page shows %q", res.Request.Method, res.Request.URL.Path, s)
		}
	}
}

// unreachableDB is a store whose server does not exist.
func unreachableDB(t *testing.T) *postgres.DB {
	t.Helper()
	port, err := localpg.FreePort()
	if err != nil {
		t.Fatal(err)
	}
	db, err := postgres.Open(context.Background(), "postgres://postgres@127.0.0.1:"+strconv.Itoa(port)+"/none?sslmode=disable",
		postgres.Options{MaxConns: 2, ConnectTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(db.Close)
	return db
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
