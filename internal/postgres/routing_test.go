package postgres_test

import (
	"context"
	"testing"
	"time"

	"github.com/bienvenue-sante/bienvenue/internal/pgtest"
	"github.com/bienvenue-sante/bienvenue/internal/routing"
)

// Filing keeps the routing it read until a change moves its version: rules created,
// changed or deleted through another instance, and a queue's new service level, apply
// to the very next request filed here.
func TestFilingFollowsRoutingChangedOnAnotherInstance(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := pgtest.NewURL(t)
	here, there := pgtest.Open(t, url), pgtest.Open(t, url)
	filed := func(key string) (queue, rule string, workingDays int) {
		t.Helper()
		id, err := submit(ctx, here, key)
		if err != nil {
			t.Fatalf("filing %s: %v", key, err)
		}
		var created, due time.Time
		if err := here.Pool.QueryRow(ctx, `SELECT q.name, r.rule_name, r.created_at, r.resolution_due
			FROM requests r JOIN queues q ON q.id = r.queue_id WHERE r.id = $1`, id).Scan(&queue, &rule, &created, &due); err != nil {
			t.Fatal(err)
		}
		return queue, rule, here.Calendar.WorkingDaysBetween(created, due)
	}
	before, _, _ := filed("routage-cle-000001")

	queueID, err := there.CreateQueue(ctx, routing.QueueSpec{Name: "Stages", Policy: routing.PolicyClaim,
		FirstResponseDays: 2, ResolutionDays: 20})
	if err != nil {
		t.Fatal(err)
	}
	ruleID, err := there.CreateRule(ctx, routing.Rule{Name: "Les étudiants aux stages", QueueID: queueID,
		Audiences: []string{"student"}, Enabled: true})
	if err != nil {
		t.Fatal(err)
	}
	if queue, rule, days := filed("routage-cle-000002"); queue != "Stages" || rule != "Les étudiants aux stages" || days != 20 {
		t.Errorf("after a rule made elsewhere: queue %q by %q, due in %d working days; want Stages by the new rule, 20", queue, rule, days)
	}

	if err := there.UpdateQueue(ctx, queueID, routing.QueueSpec{Name: "Stages", Policy: routing.PolicyClaim,
		FirstResponseDays: 2, ResolutionDays: 10}); err != nil {
		t.Fatal(err)
	}
	if _, _, days := filed("routage-cle-000003"); days != 10 {
		t.Errorf("after the queue's service level changed elsewhere: due in %d working days, want 10", days)
	}

	if err := there.DeleteRule(ctx, ruleID); err != nil {
		t.Fatal(err)
	}
	if queue, rule, _ := filed("routage-cle-000004"); queue != before || rule != "" {
		t.Errorf("after the rule was deleted elsewhere: queue %q by %q, want %q by none", queue, rule, before)
	}
}
