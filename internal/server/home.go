package server

import (
	"net/http"

	"github.com/bienvenue-sante/bienvenue/internal/postgres"
	"github.com/bienvenue-sante/bienvenue/web"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	t, err := s.db.Territory(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, web.Home(s.page(r, "home.title"), territoryView(t)))
}

func territoryView(t postgres.TerritorySummary) web.TerritoryView {
	v := web.TerritoryView{Name: t.Name, Communes: t.Communes, Population: t.Population,
		EPCICount: len(t.EPCIs), Attribution: t.Attribution}
	for _, e := range t.EPCIs {
		v.EPCIs = append(v.EPCIs, web.EPCIRow{Name: e.Name, Kind: e.Kind, Communes: e.Communes,
			Population: e.Population, LargestTown: e.LargestTown})
	}
	return v
}
