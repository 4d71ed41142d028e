package block

import (
	"context"
	"strings"
	"sync"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func TestBlockCacheSingleLoadAndEviction(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir(), Options{NoSync: true, CacheBytes: 64 << 10})
	h, _ := putBlock(t, s, types.Int64Type, 1000, 1)
	var wg sync.WaitGroup
	got := make([]any, 8)
	for i := range got {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v, err := s.Block(ctx, h, types.Int64Type)
			if err != nil {
				t.Error(err)
				return
			}
			got[i] = v
		}()
	}
	wg.Wait()
	for _, v := range got[1:] {
		if v != got[0] {
			t.Fatal("concurrent loads of one block returned different vectors")
		}
	}
	// The same bytes as another type sharing the physical kind: its own entry.
	d, err := s.Block(ctx, h, types.TSType)
	if err != nil || d.Type != types.TSType || d == got[0] {
		t.Fatalf("as timestamp: %v", err)
	}
	// Fill well past the limit: usage stays bounded.
	for i := range 40 {
		h, _ := putBlock(t, s, types.Int64Type, 1000, uint64(100+i))
		if _, err := s.Block(ctx, h, types.Int64Type); err != nil {
			t.Fatal(err)
		}
	}
	st := s.CacheStats()
	if st.Bytes > 64<<10 || st.Entries > 10 || st.Limit != 64<<10 || st.Misses < 42 || st.Hits < 7 {
		t.Fatalf("cache stats %+v", st)
	}
	// A canceled caller gets 57014.
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err = s.Block(cctx, strings.Repeat("a", HashLen), types.Int64Type)
	wantCode(t, err, sqlerr.QueryCanceled)
}

func BenchmarkBlockCacheHit(b *testing.B) {
	ctx := context.Background()
	s := openTest(b, b.TempDir(), Options{NoSync: true})
	h, _ := putBlock(b, s, types.Int64Type, 1<<15, 1)
	if _, err := s.Block(ctx, h, types.Int64Type); err != nil {
		b.Fatal(err)
	}
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if _, err := s.Block(ctx, h, types.Int64Type); err != nil {
				b.Fatal(err)
			}
		}
	})
}
