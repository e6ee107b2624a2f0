package server

import (
	"io/fs"
	"net/http"

	"github.com/go-chi/chi/v5"
	"github.com/go-chi/chi/v5/middleware"

	"github.com/bienvenue-sante/bienvenue/internal/content"
	"github.com/bienvenue-sante/bienvenue/internal/observatory"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
	"github.com/bienvenue-sante/bienvenue/web"
)

// Handler returns every route of the portal.
func (s *Server) Handler() http.Handler {
	r := chi.NewRouter()
	r.Use(middleware.RequestID, s.logRequests, s.recoverPanics, s.securityHeaders, s.locale, s.crossOrigin, s.parseForms)
	r.NotFound(s.notFound)
	r.MethodNotAllowed(s.methodNotAllowed)

	r.Get("/healthz", s.healthz)
	r.Get("/readyz", s.readyz)
	static, _ := fs.Sub(web.Static, "static")
	r.Method(http.MethodGet, "/static/*", http.StripPrefix("/static/", staticFiles(static)))
	r.Get("/images/{name}", s.image)

	r.Group(func(r chi.Router) {
		r.Use(s.sessions.LoadAndSave, s.loadUser)
		r.Get("/", s.home)
		r.Get("/observatoire", s.observatoryPage)
		r.Get("/observatoire/donnees.csv", s.observatoryCSV)
		r.Get("/observatoire/epci/{code}", s.observatoryArea(observatory.EPCI))
		r.Get("/observatoire/commune/{code}", s.observatoryArea(observatory.Commune))
		r.Get("/demande/{slug}", s.requestForm)
		r.Post("/demande/{slug}", s.submitRequest)
		r.Get("/demande/envoyee/{reference}", s.requestSubmitted)
		r.Get("/suivi/{token}", s.tracking)
		r.Post("/suivi/{token}", s.trackingReply)
		r.Get("/suivi/{token}/donnees", s.trackingData)
		r.Post("/suivi/{token}/effacement", s.trackingDeletion)
		r.Get("/aides", s.aidCatalogue)
		r.Get("/temoignages", s.testimonials)
		r.Get("/lycee", s.lycee)
		r.Get("/lycee/{slug}", s.lyceePage)
		r.Get("/aides/simulateur", s.simulator)
		r.Post("/aides/accompagnement", s.accompany)
		r.Get("/retrouver-ma-demande", s.recoverForm)
		r.Post("/retrouver-ma-demande", s.recoverLinks)
		r.Post("/langue", s.switchLanguage)
		r.Get("/connexion", s.signInForm)
		r.Post("/connexion", s.signIn)
		r.Post("/deconnexion", s.signOut)
		r.Route("/espace", func(r chi.Router) {
			r.Use(s.requireStaff)
			r.Get("/", s.workspace)
			r.With(s.requireRole(staff.RoleAdmin)).Get("/comptes", s.accounts)
			r.With(s.requireRole(staff.RoleAdmin)).Get("/courriels", s.emails)
			r.With(s.requireRole(staff.RoleAdmin)).Get("/journal", s.auditLog)
			r.Group(func(r chi.Router) {
				r.Use(s.requireRole(staff.RoleAdmin))
				r.Get("/partenaires", s.partnerList)
				r.Post("/partenaires", s.savePartner)
				r.Get("/partenaires/{id}", s.partnerEditPage)
				r.Post("/partenaires/{id}", s.savePartner)
				r.Get("/zonage", s.zoningPage)
				r.Post("/zonage", s.previewZoning)
				r.Post("/zonage/confirmer", s.confirmZoning)
				r.Get("/aides", s.aidAdmin)
				r.Get("/observatoire/import", s.rppsPage)
				r.Post("/observatoire/import", s.uploadRPPS)
				r.Post("/observatoire/apl", s.uploadAPL)
				r.Post("/observatoire/ages", s.uploadAges)
				r.Post("/observatoire/finess", s.uploadFINESS)
				r.Post("/aides", s.saveAid)
				r.Get("/temoignages", s.testimonialList)
				r.Get("/temoignages/nouveau", s.newTestimonialPage)
				r.Post("/temoignages", s.saveTestimonial)
				r.Get("/temoignages/{id}", s.testimonialEditPage)
				r.Post("/temoignages/{id}", s.saveTestimonial)
				r.Post("/temoignages/{id}/publication", s.publishItem(content.KindTestimonial, testimonialsBase))
				r.Get("/pages", s.pageList)
				r.Get("/pages/nouvelle", s.newPagePage)
				r.Post("/pages", s.savePage)
				r.Get("/pages/{id}", s.pageEditPage)
				r.Post("/pages/{id}", s.savePage)
				r.Post("/pages/{id}/publication", s.publishItem(content.KindPage, pagesBase))
			})
			r.Group(func(r chi.Router) {
				r.Use(s.requireRole(staff.RoleSupervisor))
				r.Get("/files", s.queueList)
				r.Post("/files", s.createQueue)
				r.Get("/files/{id}", s.queueEditPage)
				r.Post("/files/{id}", s.updateQueue)
				r.Post("/files/{id}/membres", s.setQueueMembers)
				r.Get("/regles", s.ruleList)
				r.Get("/regles/nouvelle", s.newRulePage)
				r.Post("/regles", s.saveRule)
				r.Get("/regles/{id}", s.ruleEditPage)
				r.Post("/regles/{id}", s.saveRule)
				r.Post("/regles/{id}/monter", s.moveRule(true))
				r.Post("/regles/{id}/descendre", s.moveRule(false))
				r.Post("/regles/{id}/supprimer", s.deleteRule)
				r.Get("/demandes/export.csv", s.exportCases)
			})
			r.Group(func(r chi.Router) {
				r.Use(s.requireRole(staff.RoleOfficer, staff.RoleSupervisor))
				r.Get("/demandes", s.requestList)
				r.Route("/demandes/{id}", func(r chi.Router) {
					r.Use(s.loadCase)
					r.Get("/", s.casePage)
					r.Post("/prendre", s.claimCase)
					r.Post("/attribuer", s.assignCase)
					r.Post("/file", s.moveCase)
					r.Post("/statut", s.setCaseStatus)
					r.Post("/resoudre", s.resolveCase)
					r.Post("/priorite", s.setCasePriority)
					r.Post("/besoin", s.setCaseNeed)
					r.Post("/note", s.addCaseNote)
					r.Post("/message", s.sendCaseMessage)
					r.Post("/effacer", s.eraseCase)
					r.Post("/orientations", s.referCase)
					r.Post("/simulation", s.reviewSimulation)
					r.Post("/orientations/{referral}", s.setReferralStatus)
				})
			})
		})
	})
	return r
}
