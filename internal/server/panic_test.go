package server

import (
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/i18n"
)

func TestPanicBecomesTheFrench500PageWithoutDetails(t *testing.T) {
	catalog, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{cfg: Config{Brand: "Bienvenue Docteur !", Departement: "Lot-et-Garonne", TimeZone: time.UTC}, catalog: catalog,
		log: slog.New(slog.DiscardHandler)}
	h := s.locale(s.recoverPanics(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic("pq: relation \"secret_table\" does not exist")
	})))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/", nil))
	body := rec.Body.String()
	if rec.Code != http.StatusInternalServerError || !strings.Contains(body, "Erreur du serveur") {
		t.Fatalf("status %d, body %q", rec.Code, body)
	}
	for _, leak := range []string{"secret_table", "goroutine", ".go:"} {
		if strings.Contains(body, leak) {
			t.Errorf("500 page shows %q", leak)
		}
	}
}
