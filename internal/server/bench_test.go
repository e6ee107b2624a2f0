package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/harness"
	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

// BenchmarkSubmission files doctors' requests through the real router (validation,
// routing, reference, needs, events, tracking token, queued email: one transaction) and,
// in the same run, inserts the same row bare. It reports the ratio of the two rates.
func BenchmarkSubmission(b *testing.B) {
	p := newBenchPortal(b)
	c := p.client(b)
	ctx := context.Background()
	form := doctorForm("")
	var submit, bare time.Duration
	for i := 0; i < b.N; i++ {
		form.Set("form_key", fmt.Sprintf("bench-form-key-%012d", i))
		start := time.Now()
		res, err := c.PostForm(p.URL+"/demande/medecin", form)
		if err != nil {
			b.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusSeeOther {
			b.Fatalf("submission %d: status %d", i, res.StatusCode)
		}
		submit += time.Since(start)

		start = time.Now()
		_, err = p.db.Pool.Exec(ctx, harness.BareInsert,
			fmt.Sprintf("BARE-%d", i), fmt.Sprintf("bare-key-%d", i), form.Get("first_name"), form.Get("last_name"), form.Get("email"),
			form.Get("phone"), form.Get("situation"), form.Get("practice_mode"), form.Get("timeframe"), form["target_epcis"],
			[]string{"47323"}, form.Get("spouse_field"), form.Get("message"))
		if err != nil {
			b.Fatal(err)
		}
		bare += time.Since(start)
	}
	b.ReportMetric(float64(b.N)/submit.Seconds(), "submissions/s")
	b.ReportMetric(float64(b.N)/bare.Seconds(), "bare-inserts/s")
	b.ReportMetric(bare.Seconds()/submit.Seconds(), "submission/bare-ratio")
}

// BenchmarkQueuePage times a supervisor's queue view over 100,000 requests, 15 % of them
// still open (years of closed requests pile up): the first page, a filtered page, a
// page deep in the list (keyset cursor), a search by email.
func BenchmarkQueuePage(b *testing.B) {
	p := newBenchPortal(b)
	ctx := context.Background()
	if err := harness.FillRequests(ctx, p.db, 100000); err != nil {
		b.Fatal(err)
	}
	p.benchPages(b, "sup@cd47.fr", staff.RoleSupervisor, []benchPage{
		{"first-page", "/espace/demandes"},
		{"need-and-epci", "/espace/demandes?besoin=housing&epci=200030674&statut=all"},
		{"deep-page", "/espace/demandes?avant=1000"},
		{"search-email", "/espace/demandes?q=personne99999%40example.org&statut=all"},
	})
}

func newBenchPortal(b *testing.B) *portal {
	b.Helper()
	return newPortalOn(b, pgtest.New(b))
}

// BenchmarkObservatoryNational renders the dashboard with national-scale data loaded:
// 35,000 communes × 10 snapshots of headcounts.
func BenchmarkObservatoryNational(b *testing.B) {
	p := newBenchPortal(b)
	ctx := context.Background()
	_, err := p.db.Pool.Exec(ctx, `
		INSERT INTO gp_snapshots (taken_on, source, rows_read, rows_kept, imported_at)
		SELECT make_date(2016 + y, 1, 1), 'synthétique', 0, 0, now() FROM generate_series(0, 9) y;
		INSERT INTO gp_counts (snapshot_id, area_kind, area_code, liberal, salaried, mixed, other, total)
		SELECT s.id, 'commune', c.code, 3, 1, 0, 0, 4
		FROM gp_snapshots s,
			(SELECT insee AS code FROM communes UNION ALL
			 SELECT lpad((1 + i % 95)::text, 2, '0') || lpad((i / 95)::text, 3, '0') FROM generate_series(1, 34681) i
			 WHERE lpad((1 + i % 95)::text, 2, '0') <> '47') c;
		INSERT INTO gp_counts (snapshot_id, area_kind, area_code, liberal, salaried, mixed, other, total)
		SELECT s.id, 'epci', e.siren, 30, 5, 1, 0, 36 FROM gp_snapshots s, epcis e;
		INSERT INTO gp_counts (snapshot_id, area_kind, area_code, liberal, salaried, mixed, other, total)
		SELECT s.id, 'departement', '47', 300, 50, 10, 0, 360 FROM gp_snapshots s;
		-- As many maisons and centres de santé as Lot-et-Garonne has (28 and 8), on the map.
		INSERT INTO finess_imports (filename, taken_on, rows_read, imported_at) VALUES ('synthétique', '2026-01-05', 36, now());
		INSERT INTO care_structures (finess, name, category, commune_insee, address, phone, import_id)
		SELECT '4700' || lpad(i::text, 5, '0'), 'Structure ' || i, CASE WHEN i % 4 = 0 THEN '124' ELSE '603' END,
			(SELECT insee FROM communes ORDER BY insee OFFSET i * 8 LIMIT 1), '', '', (SELECT max(id) FROM finess_imports)
		FROM generate_series(1, 36) i`)
	if err == nil {
		_, err = p.db.Pool.Exec(ctx, `VACUUM ANALYZE`)
	}
	if err != nil {
		b.Fatal(err)
	}
	p.benchPages(b, "obs@cd47.fr", staff.RoleObservatory, []benchPage{
		{"public-epci", "/observatoire"},
		{"staff-communes", "/observatoire?niveau=commune&indicateur=density"},
		{"epci-page", "/observatoire/epci/200096956"},
	})
}

type benchPage struct{ name, path string }

// benchPages times each page as a member of staff with role, one sub-benchmark each.
func (p *portal) benchPages(b *testing.B, email string, role staff.Role, pages []benchPage) {
	p.createStaff(b, email, role, password)
	c := p.client(b)
	res, err := c.PostForm(p.URL+"/connexion", url.Values{"email": {email}, "password": {password}})
	if err != nil || res.StatusCode != http.StatusSeeOther {
		b.Fatalf("sign-in: %v %v", err, res)
	}
	for _, page := range pages {
		b.Run(page.name, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				res, err := c.Get(p.URL + page.path)
				if err != nil {
					b.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != http.StatusOK {
					b.Fatalf("%s: status %d", page.path, res.StatusCode)
				}
			}
		})
	}
}

// BenchmarkOfferList reads the public offers list over 10,000 published offers, without
// and with filters, and one offer's page.
func BenchmarkOfferList(b *testing.B) {
	p := newBenchPortal(b)
	if err := harness.FillOffers(context.Background(), p.db, 10000); err != nil {
		b.Fatal(err)
	}
	p.benchPages(b, "lecteur@cd47.fr", staff.RoleObservatory, []benchPage{
		{"all", "/stages"},
		{"filtered", "/stages?niveau=interne_socle&specialite=medecine_generale&logement=1"},
		{"page-50", "/stages?page=50"},
		{"detail", "/stages/5000"},
	})
}
