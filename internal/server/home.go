package server

import (
	"net/http"

	"github.com/bienvenue-sante/bienvenue/internal/territory"
	"github.com/bienvenue-sante/bienvenue/web"
)

func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, web.Home(s.page(r, "home.title"), s.atAGlance))
}

// territoryView is the département at a glance, from the shipped territory (the same
// files the database was loaded from).
func territoryView(t territory.Territory) web.TerritoryView {
	v := web.TerritoryView{Name: t.Name, Communes: len(t.Communes), Population: t.Population(),
		EPCICount: len(t.EPCIs), Attribution: t.Attribution}
	towns := t.LargestTowns()
	for _, e := range t.EPCIsBySize() {
		v.EPCIs = append(v.EPCIs, web.EPCIRow{Name: e.Name, Kind: e.Kind, Communes: e.CommuneCountInDept,
			Population: e.PopulationInDept, LargestTown: towns[e.SIREN]})
	}
	return v
}
