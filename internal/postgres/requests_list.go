package postgres

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/bienvenue-sante/bienvenue/internal/casework"
)

// RequestFilter chooses which requests a queue view lists.
type RequestFilter struct {
	MemberOf int64  // only queues this staff member belongs to; 0 for all queues
	QueueID  int64  // 0 for every visible queue
	View     string // "", "mine", "unassigned" or "todo" (mine, and not waiting for the applicant)
	Me       int64  // the staff member looking, for "mine" and "todo"
	Status   string // "" for every open request, "all", or one status
	Need     string
	EPCI     string
	Priority string
	Search   string // a reference, or part of a name or email
	Due      string // "", "overdue" or "soon" (due within two days): soonest first
	Now      time.Time
	Before   int64 // keyset cursor of the newest-first order: requests with a smaller id
	After    DueCursor
	Limit    int
}

// DueCursor is the keyset cursor of the soonest-due-first order.
type DueCursor struct {
	Due time.Time
	ID  int64
}

// RequestRow is a request as a queue view lists it.
type RequestRow struct {
	ID        int64
	Reference string
	Name      string
	Audience  string
	Status    string
	Priority  string
	Queue     string
	Assignee  string
	CreatedAt time.Time
	NextDue   *time.Time
}

// RequestPage is one page of a queue view; Next (or NextDue, in the soonest-due-first
// order) is the cursor of the following page, zero on the last one.
type RequestPage struct {
	Rows    []RequestRow
	Next    int64
	NextDue DueCursor
}

// CaseList is what a queue page shows: the queues with their live counts, a page of
// requests, the referrals partners have not answered in time.
type CaseList struct {
	Queues        []Queue
	Page          RequestPage
	LateReferrals []casework.Referral
}

// ListCases reads a queue page in one round trip: the queues, the page and the late
// referrals of the queues the filter's staff member sees (every queue when MemberOf is 0).
func (db *DB) ListCases(ctx context.Context, f RequestFilter) (CaseList, error) {
	var l CaseList
	b := &pgx.Batch{}
	batchQueues(b, f.MemberOf, &l.Queues)
	batchRequestPage(b, f, &l.Page)
	batchOverdueReferrals(b, f.Now, f.MemberOf, &l.LateReferrals)
	return l, translate(db.Pool.SendBatch(ctx, b).Close())
}

// batchRequestPage adds to b the reading of a page of requests, newest first, into
// page. Pages are cut by id (keyset pagination), so a page costs the same at the start
// and at the end of 100,000 requests.
func batchRequestPage(b *pgx.Batch, f RequestFilter, page *RequestPage) {
	var c conditions
	f.conditions(&c)
	order := " ORDER BY r.id DESC"
	if f.Due != "" {
		order = " ORDER BY r.next_due, r.id"
		if f.After.ID != 0 {
			c.add("(r.next_due, r.id) > (?, ?)", f.After.Due, f.After.ID)
		}
	} else if f.Before != 0 {
		c.add("r.id < ?", f.Before)
	}
	sql := `SELECT r.id, r.reference, r.first_name || ' ' || r.last_name, r.audience, r.status, r.priority, q.name,
		coalesce(u.name, ''), r.created_at, r.next_due` + requestFrom + c.where() + order + c.limit(f.Limit+1)
	b.Queue(sql, c.args...).Query(func(rows pgx.Rows) error {
		// Scanned into one row's fields, named once: a struct scan works them out by
		// reflection again for each of the page's rows.
		var row RequestRow
		list := make([]RequestRow, 0, f.Limit+1)
		_, err := pgx.ForEachRow(rows, []any{&row.ID, &row.Reference, &row.Name, &row.Audience, &row.Status,
			&row.Priority, &row.Queue, &row.Assignee, &row.CreatedAt, &row.NextDue}, func() error {
			list = append(list, row)
			return nil
		})
		*page = RequestPage{Rows: list}
		if err != nil || len(list) <= f.Limit {
			return err
		}
		page.Rows = list[:f.Limit]
		last := page.Rows[f.Limit-1]
		if f.Due != "" {
			page.NextDue = DueCursor{Due: *last.NextDue, ID: last.ID}
		} else {
			page.Next = last.ID
		}
		return nil
	})
}

// conditions adds the filter's clauses, without its cursor.
func (f RequestFilter) conditions(c *conditions) {
	if f.MemberOf != 0 {
		c.add("r.queue_id IN (SELECT queue_id FROM queue_members WHERE staff_id = ?)", f.MemberOf)
	}
	if f.QueueID != 0 {
		c.add("r.queue_id = ?", f.QueueID)
	}
	switch f.View {
	case "mine":
		c.add("r.assignee_id = ?", f.Me)
	case "todo":
		c.add("r.assignee_id = ? AND r.status IN ('new', 'in_progress')", f.Me)
	case "unassigned":
		c.add("r.assignee_id IS NULL")
	}
	switch f.Status {
	case "":
		c.add("r.status IN ('new', 'in_progress', 'waiting_applicant')") // the open ones, as requests_open_recent_idx names them
	case "all":
	default:
		c.add("r.status = ?", f.Status)
	}
	if f.Need != "" {
		c.add("EXISTS (SELECT FROM request_needs n WHERE n.request_id = r.id AND n.kind = ?)", f.Need)
	}
	if f.EPCI != "" {
		c.add("? = ANY (r.target_epcis)", f.EPCI)
	}
	if f.Priority != "" {
		c.add("r.priority = ?", f.Priority)
	}
	if q := strings.TrimSpace(f.Search); q != "" {
		c.add("(r.reference = upper(?) OR (r.first_name || ' ' || r.last_name || ' ' || r.email) ILIKE '%' || ? || '%')",
			q, likeEscape(q))
	}
	switch f.Due {
	case "overdue":
		c.add("r.next_due < ?", f.Now)
	case "soon":
		c.add("r.next_due >= ? AND r.next_due < ?", f.Now, f.Now.Add(48*time.Hour))
	}
}

// likeEscape makes s match itself in a LIKE pattern.
func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// ExportRequests returns the requests a filter selects, with their personal data and
// needs, and audits the export of each one by staff member actorID, in one transaction.
func (db *DB) ExportRequests(ctx context.Context, f RequestFilter, actorID int64) ([]casework.Request, error) {
	var list []casework.Request
	err := db.inTx(ctx, func(tx pgx.Tx) error {
		var c conditions
		f.conditions(&c)
		rows, err := tx.Query(ctx, `SELECT `+requestColumns+`,
			ARRAY(SELECT kind FROM request_needs n WHERE n.request_id = r.id ORDER BY kind)`+requestFrom+c.where()+
			" ORDER BY r.id DESC"+c.limit(f.Limit), c.args...)
		if err != nil {
			return err
		}
		list, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (casework.Request, error) {
			var needs []string
			r, err := scanRequestWith(row, &needs)
			r.Application.Needs = needs
			return r, err
		})
		if err != nil {
			return err
		}
		ids := make([]int64, len(list))
		for i, r := range list {
			ids[i] = r.ID
		}
		_, err = tx.Exec(ctx, `
			INSERT INTO audit_log (at, staff_id, staff_name, request_id, reference, action, detail)
			SELECT $1, u.id, u.name, r.id, r.reference, 'export', 'csv'
			FROM requests r, staff_users u WHERE r.id = ANY ($2) AND u.id = $3`, db.Now(), ids, actorID)
		return err
	})
	return list, err
}
