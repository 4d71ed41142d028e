package block

import (
	"container/list"
	"context"
	"sync"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// cacheKey names a decoded block: the same bytes decoded as two types that
// share a physical kind (INTEGER and DATE) give vectors of different Type.
type cacheKey struct {
	hash string
	t    types.T
}

type cacheEntry struct {
	key  cacheKey
	v    *vector.Vector
	size int64
	err  error
	done chan struct{} // closed when the load finished
	elem *list.Element // in the LRU list once loaded successfully
}

// cache keeps decoded blocks, least recently used evicted first, bounded by
// an approximate byte count. Concurrent misses of one block load it once:
// later callers wait on the first caller's load.
type cache struct {
	mu           sync.Mutex
	limit        int64
	used         int64
	m            map[cacheKey]*cacheEntry
	lru          list.List // front = most recently used
	hits, misses int64
}

// CacheStats describes the decoded-block cache (for system views).
type CacheStats struct {
	Entries      int
	Bytes        int64 // approximate memory held
	Limit        int64 // Options.CacheBytes as resolved
	Hits, Misses int64 // since Open; a wait on another caller's load is a hit
}

// CacheStats reports the decoded-block cache's state.
func (s *Store) CacheStats() CacheStats {
	c := s.cache
	c.mu.Lock()
	defer c.mu.Unlock()
	return CacheStats{Entries: c.lru.Len(), Bytes: c.used, Limit: c.limit, Hits: c.hits, Misses: c.misses}
}

func newCache(limit int64) *cache {
	return &cache{limit: limit, m: map[cacheKey]*cacheEntry{}}
}

// cacheBytes resolves Options.CacheBytes: 0 means 1/4 of physical memory, at
// most 8 GiB.
func cacheBytes(o int64) int64 {
	if o > 0 {
		return o
	}
	const maxDefault = 8 << 30
	return min(PhysicalMemory()/4, maxDefault)
}

func (c *cache) get(ctx context.Context, key cacheKey, load func() (*vector.Vector, error)) (*vector.Vector, error) {
	for {
		c.mu.Lock()
		e := c.m[key]
		if e != nil && e.elem != nil {
			c.lru.MoveToFront(e.elem)
			c.hits++
			c.mu.Unlock()
			return e.v, nil
		}
		if e == nil {
			c.misses++
			return c.fill(key, load)
		}
		c.hits++
		c.mu.Unlock()
		select {
		case <-e.done:
		case <-ctx.Done():
			return nil, sqlerr.Canceled(ctx)
		}
		if e.err == nil {
			return e.v, nil
		}
		// The loading caller was canceled: that is no reason for this one to
		// fail, so it loads the block itself.
		if sqlerr.CodeOf(e.err) == sqlerr.QueryCanceled && ctx.Err() == nil {
			continue
		}
		return nil, e.err
	}
}

// fill loads a missing entry; it is called with c.mu held and releases it.
func (c *cache) fill(key cacheKey, load func() (*vector.Vector, error)) (*vector.Vector, error) {
	e := &cacheEntry{key: key, done: make(chan struct{})}
	c.m[key] = e
	c.mu.Unlock()

	v, err := load()

	c.mu.Lock()
	if err != nil {
		e.err = err
		delete(c.m, key) // failures are not cached: the next caller retries
	} else {
		e.v, e.size = v, vectorBytes(v)
		e.elem = c.lru.PushFront(e)
		c.used += e.size
		c.evict()
	}
	c.mu.Unlock()
	close(e.done)
	return v, err
}

// evict drops least recently used blocks until the cache fits its limit (a
// block larger than the whole limit is returned to its caller but not kept).
func (c *cache) evict() {
	for c.used > c.limit && c.lru.Len() > 0 {
		e := c.lru.Remove(c.lru.Back()).(*cacheEntry)
		delete(c.m, e.key)
		c.used -= e.size
	}
}

func (c *cache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for e := c.lru.Front(); e != nil; e = e.Next() {
		delete(c.m, e.Value.(*cacheEntry).key)
	}
	c.lru.Init()
	c.used = 0
}

// vectorBytes approximates the memory a decoded vector holds.
func vectorBytes(v *vector.Vector) int64 {
	n := int64(128 + 8*len(v.Nulls))
	n += int64(len(v.Bools)) + 8*int64(len(v.Ints)+len(v.Floats)) + 16*int64(len(v.Decs)+len(v.Ivs))
	for _, s := range v.Strs {
		n += 16 + int64(len(s))
	}
	return n
}
