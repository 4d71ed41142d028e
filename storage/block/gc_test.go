package block

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
)

func TestGC(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir, Options{NoSync: true})
	a, _ := putBlock(t, s, types.Int64Type, 10, 1)
	b, _ := putBlock(t, s, types.Int64Type, 10, 2)
	c, _ := putBlock(t, s, types.Int64Type, 10, 3)
	m1, _ := s.Put(ctx, manifest(a, b))
	m2, _ := s.Put(ctx, manifest(b))
	if err := s.Commit(ctx, Root{Version: 1, Tables: map[uint64]string{1: m1}}); err != nil {
		t.Fatal(err)
	}
	v1 := s.Current()
	if err := s.Commit(ctx, Root{Version: 2, Tables: map[uint64]string{1: m2}}); err != nil {
		t.Fatal(err)
	}
	// Every block was Put since the last GC: only root file 1 goes (a
	// reader pinning root 1 holds it in memory; only CURRENT's root file
	// must stay).
	if n, err := s.GC(ctx, nil, manifestRefs); err != nil || n != 1 {
		t.Fatalf("first GC removed %d, %v", n, err)
	}
	if _, err := os.Stat(filepath.Join(dir, rootsDir, rootFileName(1))); !os.IsNotExist(err) {
		t.Fatalf("root 1 survived: %v", err)
	}
	// v1 still pinned by a reader: a, m1 and its root file stay; c goes.
	n, err := s.GC(ctx, []Root{v1}, manifestRefs)
	if err != nil || n != 1 {
		t.Fatalf("GC with v1 live removed %d, %v", n, err)
	}
	for _, h := range []string{a, b, m1, m2} {
		if _, err := s.Get(ctx, h); err != nil {
			t.Fatalf("reachable %s: %v", h, err)
		}
	}
	if _, err := s.Get(ctx, c); err == nil {
		t.Fatal("unreachable block survived GC")
	}
	// v1 released: a and m1 go.
	n, err = s.GC(ctx, nil, manifestRefs)
	if err != nil || n != 2 {
		t.Fatalf("GC removed %d, %v; want a and m1", n, err)
	}
	if _, err := s.Block(ctx, b, types.Int64Type); err != nil {
		t.Fatal(err)
	}
	s.Close()
	s = openTest(t, dir, Options{NoSync: true})
	if s.Current().Tables[1] != m2 {
		t.Fatal("reopen after GC lost the current root")
	}
	// A manifest that cannot be read stops GC before it removes anything.
	os.Remove(s.blockPath(m2))
	_, err = s.GC(ctx, nil, manifestRefs)
	wantCode(t, err, sqlerr.DataCorrupted)
	if _, err := s.Get(ctx, b); err != nil {
		t.Fatal("GC removed a block after failing to read a manifest")
	}
}

func TestGCKeepsWritesInProgress(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir(), Options{NoSync: true})
	release := s.BeginWrite()
	h, _ := putBlock(t, s, types.Int64Type, 10, 1)
	for range 3 {
		if n, err := s.GC(ctx, nil, manifestRefs); err != nil || n != 0 {
			t.Fatalf("GC removed %d, %v", n, err)
		}
	}
	release()
	release() // idempotent
	s.GC(ctx, nil, manifestRefs)
	if n, err := s.GC(ctx, nil, manifestRefs); err != nil || n != 1 {
		t.Fatalf("GC after release removed %d, %v", n, err)
	}
	if _, err := s.Get(ctx, h); err == nil {
		t.Fatal("abandoned block survived")
	}
}

// TestConcurrentPutGC runs writers (Put blocks and a manifest, commit a root
// reaching them, read everything back) against a GC loop, under -race.
func TestConcurrentPutGC(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir(), Options{NoSync: true})
	writers, rounds := 4, 40
	if testing.Short() {
		rounds = 10
	}
	var commitMu sync.Mutex
	stop := make(chan struct{})
	gcDone := make(chan error, 1)
	go func() {
		for {
			select {
			case <-stop:
				gcDone <- nil
				return
			default:
			}
			if _, err := s.GC(ctx, nil, manifestRefs); err != nil {
				gcDone <- err
				return
			}
		}
	}()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for r := range rounds {
				release := s.BeginWrite()
				var hs []string
				for i := range 3 {
					// Shared seeds: writers Put the same blocks, so some
					// Puts find the file present while GC runs.
					v := makeVector(types.Int64Type, 50, 0, uint64(r*3+i))
					data, _, err := Encode(v, 0, 50, encoding.Raw)
					if err != nil {
						errs <- err
						return
					}
					h, err := s.Put(ctx, data)
					if err != nil {
						errs <- err
						return
					}
					hs = append(hs, h)
				}
				m, err := s.Put(ctx, manifest(hs...))
				if err != nil {
					errs <- err
					return
				}
				commitMu.Lock()
				cur := s.Current()
				next := cloneRoot(cur)
				next.Version++
				next.Tables[uint64(w)] = m
				err = s.Commit(ctx, *next)
				commitMu.Unlock()
				release()
				if err != nil {
					errs <- err
					return
				}
				for _, h := range hs {
					if _, err := s.Get(ctx, h); err != nil {
						// Only the next commit of this writer may drop it.
						errs <- fmt.Errorf("writer %d round %d: %w", w, r, err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(stop)
	if err := <-gcDone; err != nil {
		t.Fatal(err)
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	cur := s.Current()
	for _, m := range cur.Tables {
		data, err := s.Get(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		hs, _ := manifestRefs(data)
		for _, h := range hs {
			if _, err := s.Block(ctx, h, types.Int64Type); err != nil {
				t.Fatal(err)
			}
		}
	}
}
