package server

import (
	"time"

	"github.com/hashicorp/golang-lru/v2/expirable"
)

// listLifetime is how long a public list's query result is kept. Published lists change
// a few times a day and every page of them is the same for every visitor; a change made
// on this instance empties the cache at once, one made on another instance shows within
// this delay.
const listLifetime = 5 * time.Second

// lists keeps public lists' query results by address, bounded in number so that
// addresses typed by visitors cannot grow it.
type lists = expirable.LRU[string, listResult]

type listResult struct {
	items any
	total int
}

func newLists() *lists { return expirable.NewLRU[string, listResult](512, nil, listLifetime) }

// cachedList returns the result of load for key, from the cache when it is fresh.
func cachedList[T any](s *Server, key string, load func() ([]T, int, error)) ([]T, int, error) {
	if r, ok := s.lists.Get(key); ok {
		return r.items.([]T), r.total, nil
	}
	items, total, err := load()
	if err == nil {
		s.lists.Add(key, listResult{items: items, total: total})
	}
	return items, total, err
}
