package server_test

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/bienvenue-sante/bienvenue/internal/routing"
	"github.com/bienvenue-sante/bienvenue/internal/staff"
)

func TestOpeningAndChangingARequestIsAuditedAndTheLogCannotBeEdited(t *testing.T) {
	t.Parallel()
	d := newDesk(t, routing.PolicyClaim)
	id, ref := d.file(t, "cle-audit-00000001", "a@example.org", "200096956")
	path := fmt.Sprintf("/espace/demandes/%d", id)
	claire := d.client(t)
	d.signIn(t, claire, "claire@cd47.fr", password)
	d.get(t, claire, path)
	d.post(t, claire, path+"/note", url.Values{"note": {"Rappeler"}})
	d.post(t, claire, path+"/priorite", url.Values{"priorite": {"high"}})

	d.createStaff(t, "admin@cd47.fr", staff.RoleAdmin, password)
	admin := d.client(t)
	d.signIn(t, admin, "admin@cd47.fr", password)
	log := d.get(t, admin, "/espace/journal?reference="+ref)
	assertStatus(t, log, http.StatusOK)
	assertContains(t, log, "consultation", "modification", "note", "priority", "Test officer", ref)
	assertLacks(t, d.get(t, admin, "/espace/journal?reference="+ref+"&action=export"), "Test officer")
	assertStatus(t, d.get(t, claire, "/espace/journal"), http.StatusForbidden)

	n := d.countRows(t, `SELECT count(*) FROM audit_log WHERE request_id = $1`, id)
	if n != 3 {
		t.Errorf("%d audit lines, want 3 (view, note, priority)", n)
	}
	for _, sql := range []string{`UPDATE audit_log SET detail = 'x'`, `DELETE FROM audit_log`, `TRUNCATE audit_log`} {
		if _, err := d.db.Pool.Exec(context.Background(), sql); err == nil {
			t.Errorf("%s went through", sql)
		}
	}
}
