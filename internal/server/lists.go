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

// lists keeps public lists' query results and the public observatory's views by
// address, bounded in number so that addresses typed by visitors cannot grow it.
type lists = expirable.LRU[string, any]

func newLists() *lists { return expirable.NewLRU[string, any](512, nil, listLifetime) }

// cached returns what load gives for key, from the cache when it is fresh. What it keeps
// is shared by the requests that read it: they must not change it.
func cached[T any](s *Server, key string, load func() (T, error)) (T, error) {
	if v, ok := s.lists.Get(key); ok {
		return v.(T), nil
	}
	v, err := load()
	if err == nil {
		s.lists.Add(key, v)
	}
	return v, err
}

type listResult[T any] struct {
	items []T
	total int
}

// cachedList returns a page of a list and the list's length, for key.
func cachedList[T any](s *Server, key string, load func() ([]T, int, error)) ([]T, int, error) {
	r, err := cached(s, key, func() (listResult[T], error) {
		items, total, err := load()
		return listResult[T]{items, total}, err
	})
	return r.items, r.total, err
}
