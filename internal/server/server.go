// Package server is the portal's web layer: routes, middleware and one handler file per
// resource. Handlers parse, call the store, build a view model and render it.
package server

import (
	"bytes"
	"log/slog"
	"net/http"
	"sync"
	"time"

	"github.com/alexedwards/scs/pgxstore"
	"github.com/alexedwards/scs/v2"

	"github.com/bienvenue-sante/bienvenue/internal/i18n"
	"github.com/bienvenue-sante/bienvenue/internal/mapsvg"
	"github.com/bienvenue-sante/bienvenue/internal/observatory"
	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/internal/territory"
	"github.com/bienvenue-sante/bienvenue/web"
)

// Config is what the web layer needs from the portal's configuration.
type Config struct {
	Brand              string // e.g. « Bienvenue Docteur ! »
	Departement        string // the département's name, e.g. Lot-et-Garonne
	Secure             bool   // served over https: cookies get the Secure flag, HSTS is sent
	Demo               bool   // the database holds demonstration content
	SessionIdleTimeout time.Duration
	BaseURL            string         // the portal's public address, for links in emails
	ReferencePrefix    string         // of request references: BD gives BD-2026-00042
	RetentionYears     int            // how long closed requests are kept, as the privacy notice says
	TimeZone           *time.Location // where dates are written for
}

// Server serves the portal.
type Server struct {
	cfg       Config
	db        *postgres.DB
	territory *territory.Index
	atAGlance web.TerritoryView // the home page's figures, drawn once from the territory
	// The territory's intercommunalities by name and its communes as forms suggest them,
	// listed once: the territory does not change while the portal runs.
	epciOptions   []web.Option
	communeLabels []string
	catalog       *i18n.Catalog
	sessions      *scs.SessionManager
	log           *slog.Logger
	maps          map[string]mapsvg.Map // the observatory's maps, by level
	centroids     map[string][2]float64 // each commune's centroid on those maps, where its structures are marked
	public        *publicCache          // what public pages read, for a few seconds
	rendered      *renderedTexts        // the HTML of the Markdown texts read last
	buffers       sync.Pool             // the buffers pages are rendered into
}

// New builds the server. Close releases the session store's cleanup goroutine.
func New(cfg Config, db *postgres.DB, t *territory.Index, catalog *i18n.Catalog, log *slog.Logger) *Server {
	s := &Server{cfg: cfg, db: db, territory: t, atAGlance: territoryView(t.Territory), catalog: catalog, log: log,
		public: newPublicCache(), rendered: newRendered(16 << 20)}
	s.buffers.New = func() any { return new(bytes.Buffer) }
	maps, err := buildMaps(t.Code)
	if err != nil {
		log.Error("observatory maps", "error", err) // the observatory then shows its tables only
	}
	s.maps = maps
	s.epciOptions, s.communeLabels = territoryOptions(t)
	s.centroids = map[string][2]float64{}
	for _, shape := range maps[observatory.Commune].Shapes {
		s.centroids[shape.Code] = [2]float64{shape.CX, shape.CY}
	}
	sm := scs.New()
	sm.Store = pgxstore.NewWithCleanupInterval(db.Pool, 10*time.Minute)
	sm.Codec = sessionCodec{}
	sm.Lifetime = 12 * time.Hour
	sm.Cookie.Name = "bienvenue_session"
	sm.Cookie.HttpOnly = true
	sm.Cookie.SameSite = http.SameSiteLaxMode
	sm.Cookie.Secure = cfg.Secure
	sm.ErrorFunc = s.sessionError
	s.sessions = sm
	return s
}

// Close stops the background cleanup of expired sessions.
func (s *Server) Close() {
	if store, ok := s.sessions.Store.(*pgxstore.PostgresStore); ok {
		store.StopCleanup()
	}
}
