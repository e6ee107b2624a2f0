// Command chaos proves that no acknowledged request is lost: it runs the portal on its
// own PostgreSQL, has many clients file distinct requests, and meanwhile kills the portal
// (SIGKILL), crashes PostgreSQL (stop -m immediate) and stops the portal gracefully
// (SIGTERM), restarting each. Clients retry with the same form key, as a browser
// resubmits. It then reads everything back and fails unless nothing acknowledged was
// lost, nothing was stored twice, every stored request has its confirmation email (in
// the outbox, the delivery queue or delivered), the portal answered 503 while PostgreSQL
// was down and recovered within five seconds, and no request in flight failed at SIGTERM.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/harness"
)

func main() {
	duration := flag.Duration("duration", 60*time.Second, "how long clients submit (faults are spread over it)")
	clients := flag.Int("clients", 16, "concurrent clients")
	flag.Parse()
	if err := run(*duration, *clients); err != nil {
		fmt.Fprintln(os.Stderr, "chaos:", err)
		os.Exit(1)
	}
}

// outcome is what a client knows of one request.
type outcome struct {
	key       string
	reference string // set once acknowledged
	attempts  int
}

func run(duration time.Duration, clients int) error {
	ctx := context.Background()
	rig, err := harness.NewRig(ctx)
	if err != nil {
		return err
	}
	defer rig.Close()
	cluster := rig.Cluster
	p, err := rig.Portal()
	if err != nil {
		return err
	}
	if err := p.Start(); err != nil {
		return fmt.Errorf("portal: %w", err)
	}
	defer func() { p.Signal(syscall.SIGTERM) }()

	var mu sync.Mutex
	var outcomes []*outcome
	var sigtermFailures atomic.Int64
	var draining atomic.Bool
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for c := range clients {
		wg.Go(func() {
			client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{DisableKeepAlives: true},
				CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
			for n := 0; ; n++ {
				select {
				case <-stop:
					return
				default:
				}
				o := &outcome{key: fmt.Sprintf("chaos-%02d-%010d", c, n)}
				mu.Lock()
				outcomes = append(outcomes, o)
				mu.Unlock()
				for o.reference == "" && o.attempts < 200 {
					o.attempts++
					ref, inFlightFailure := submit(client, p.URL, o.key)
					if inFlightFailure && draining.Load() {
						sigtermFailures.Add(1)
					}
					if ref != "" {
						o.reference = ref
						break
					}
					select {
					case <-stop:
						return
					case <-time.After(200 * time.Millisecond):
					}
				}
			}
		})
	}

	report := []string{}
	step := duration / 4
	time.Sleep(step)
	report = append(report, "SIGKILL portal")
	p.Signal(syscall.SIGKILL) // ends the process uncleanly, by design
	if err := p.Start(); err != nil {
		return fmt.Errorf("restart after SIGKILL: %w", err)
	}

	time.Sleep(step)
	report = append(report, "PostgreSQL stop -m immediate")
	if err := cluster.Crash(ctx); err != nil {
		return err
	}
	time.Sleep(2 * time.Second)
	readyDown := harness.Status(p.URL+"/readyz") == http.StatusServiceUnavailable
	pageDown, french := page(p.URL + "/aides")
	if err := cluster.Start(ctx); err != nil {
		return err
	}
	back := time.Now()
	recovered := harness.WaitFor(p.URL+"/readyz", http.StatusOK, 30*time.Second) == nil
	recovery := time.Since(back)

	time.Sleep(step)
	report = append(report, "SIGTERM portal")
	// A graceful stop finishes every request the portal has read, then exits cleanly
	// (http.Server.Shutdown returns nil only then).
	draining.Store(true)
	cleanStop := p.Signal(syscall.SIGTERM) == nil
	draining.Store(false)
	if err := p.Start(); err != nil {
		return fmt.Errorf("restart after SIGTERM: %w", err)
	}
	time.Sleep(step)
	close(stop)
	wg.Wait()

	stored, duplicates, noEmail, err := readBack(ctx, cluster.URL("postgres"))
	if err != nil {
		return err
	}
	var acknowledged, lost, wrongRef, unknown, unknownStored int
	for _, o := range outcomes {
		ref, ok := stored[o.key]
		switch {
		case o.reference != "":
			acknowledged++
			if !ok {
				lost++
			} else if ref != o.reference {
				wrongRef++
			}
		default:
			unknown++
			if ok {
				unknownStored++
			}
		}
	}
	fmt.Printf("faults:                          %s\n", strings.Join(report, ", "))
	fmt.Printf("requests sent:                   %d\n", len(outcomes))
	fmt.Printf("acknowledged:                    %d\n", acknowledged)
	fmt.Printf("stored:                          %d\n", len(stored))
	fmt.Printf("lost (acknowledged, not stored): %d\n", lost)
	fmt.Printf("stored under another reference:  %d\n", wrongRef)
	fmt.Printf("duplicates:                      %d\n", duplicates)
	fmt.Printf("unknown outcome at the end:      %d (found stored: %d)\n", unknown, unknownStored)
	fmt.Printf("stored without their email:      %d\n", noEmail)
	fmt.Printf("PostgreSQL down: /readyz 503 %v, pages 503 %v in French %v\n", readyDown, pageDown, french)
	fmt.Printf("recovery after PostgreSQL came back: %s\n", recovery.Round(10*time.Millisecond))
	fmt.Printf("in-flight failures at SIGTERM:   %d (clean exit: %t)\n", sigtermFailures.Load(), cleanStop)

	var failures []string
	if lost > 0 || wrongRef > 0 || duplicates > 0 {
		failures = append(failures, "requests lost or duplicated")
	}
	if noEmail > 0 {
		failures = append(failures, "confirmation emails lost")
	}
	if acknowledged == 0 {
		failures = append(failures, "nothing was acknowledged")
	}
	if !readyDown || !pageDown || !french {
		failures = append(failures, "no French 503 while PostgreSQL was down")
	}
	if !recovered || recovery > 5*time.Second {
		failures = append(failures, "no recovery within 5 s")
	}
	if sigtermFailures.Load() > 0 || !cleanStop {
		failures = append(failures, "requests in flight failed at SIGTERM")
	}
	if len(failures) > 0 {
		return errors.New(strings.Join(failures, "; "))
	}
	fmt.Println("chaos: passed")
	return nil
}

// submit files one student request with key; it returns the reference when the portal
// acknowledged it, and whether its answer was cut short.
func submit(client *http.Client, base, key string) (string, bool) {
	form := url.Values{"form_key": {key}, "first_name": {"Chaos"}, "last_name": {"Test"}, "email": {key + "@example.org"},
		"situation": {"extern"}, "needs": {"internship"}}
	res, err := client.Do(harness.FormPost(base, "/demande/etudiant", form))
	if err != nil {
		// No answer: refused, or reset by a stop before the portal read the request (a
		// connection still in the kernel's queue when the listener closes). The outcome
		// is unknown and the client resends; the read-back says whether anything was lost.
		return "", false
	}
	defer res.Body.Close()
	if _, err := io.Copy(io.Discard, res.Body); err != nil {
		return "", true // an answer cut short: a request in flight failed
	}
	if ref, ok := strings.CutPrefix(res.Header.Get("Location"), "/demande/envoyee/"); ok && res.StatusCode == http.StatusSeeOther {
		return ref, false
	}
	return "", false
}

// readBack reads the chaos requests stored (form key → reference), how many addresses
// were stored twice, and how many stored requests have no confirmation email anywhere:
// not in the outbox, not in the delivery queue, not delivered (kept, as no SMTP is set).
func readBack(ctx context.Context, dbURL string) (stored map[string]string, duplicates, noEmail int, err error) {
	conn, err := pgx.Connect(ctx, dbURL)
	if err != nil {
		return nil, 0, 0, err
	}
	defer conn.Close(ctx)
	rows, err := conn.Query(ctx, `SELECT form_key, reference FROM requests WHERE form_key LIKE 'chaos-%'`)
	if err != nil {
		return nil, 0, 0, err
	}
	stored = map[string]string{}
	var key, ref string
	if _, err := pgx.ForEachRow(rows, []any{&key, &ref}, func() error { stored[key] = ref; return nil }); err != nil {
		return nil, 0, 0, err
	}
	err = conn.QueryRow(ctx, `
		SELECT (SELECT count(*) FROM (SELECT email FROM requests WHERE form_key LIKE 'chaos-%'
				GROUP BY email HAVING count(*) > 1) d),
			(SELECT count(*) FROM requests r WHERE r.form_key LIKE 'chaos-%'
				AND NOT EXISTS (SELECT FROM outbox o WHERE o.message->>'to' = r.email)
				AND NOT EXISTS (SELECT FROM river_job j WHERE j.kind = 'email' AND j.args->'message'->>'to' = r.email)
				AND NOT EXISTS (SELECT FROM captured_emails c WHERE c.to_address = r.email))`).Scan(&duplicates, &noEmail)
	return stored, duplicates, noEmail, err
}

// page reports whether a page answers 503, and in French.
func page(u string) (bool, bool) {
	res, err := http.Get(u)
	if err != nil {
		return false, false
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode == http.StatusServiceUnavailable, strings.Contains(string(body), "Service momentanément indisponible")
}
