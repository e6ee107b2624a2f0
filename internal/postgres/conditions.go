package postgres

import (
	"fmt"
	"strconv"
	"strings"
)

// conditions builds a WHERE clause from optional filters: each clause's ? placeholders
// are numbered after the arguments already there.
type conditions struct {
	clauses []string
	args    []any
}

func (c *conditions) add(clause string, args ...any) {
	for _, a := range args {
		c.args = append(c.args, a)
		clause = strings.Replace(clause, "?", fmt.Sprintf("$%d", len(c.args)), 1)
	}
	c.clauses = append(c.clauses, clause)
}

// where is the WHERE clause, or "" without conditions.
func (c *conditions) where() string {
	if len(c.clauses) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.clauses, " AND ")
}

// limit is a LIMIT of n, written in the statement rather than passed as an argument:
// with a parameter for it, PostgreSQL prices a generic plan at a tenth of the table,
// never picks it, and plans the statement again at every call (0.3 ms for a queue page,
// three times its execution).
func (c *conditions) limit(n int) string {
	return " LIMIT " + strconv.Itoa(n)
}
