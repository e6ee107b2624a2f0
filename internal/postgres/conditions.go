package postgres

import (
	"fmt"
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

// limit appends a LIMIT of n as the last argument.
func (c *conditions) limit(n int) string {
	c.args = append(c.args, n)
	return fmt.Sprintf(" LIMIT $%d", len(c.args))
}
