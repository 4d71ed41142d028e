package block

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func TestCommitReopen(t *testing.T) {
	ctx := context.Background()
	for _, noSync := range []bool{true, false} {
		t.Run(fmt.Sprintf("nosync=%v", noSync), func(t *testing.T) {
			dir := t.TempDir()
			s, err := Open(ctx, dir, Options{NoSync: noSync})
			if err != nil {
				t.Fatal(err)
			}
			h, _ := putBlock(t, s, types.Int64Type, 100, 1)
			m, err := s.Put(ctx, manifest(h))
			if err != nil {
				t.Fatal(err)
			}
			r := Root{Version: 1, Catalog: []byte("cat1"), Tables: map[uint64]string{7: m}, Extra: map[string][]byte{"k": []byte("v")}}
			if err := s.Commit(ctx, r); err != nil {
				t.Fatal(err)
			}
			r.Tables[8] = m // the caller's map is not the committed one
			wantCode(t, s.Commit(ctx, Root{Version: 3}), sqlerr.InternalError)
			wantCode(t, s.Commit(ctx, Root{Version: 1}), sqlerr.InternalError)
			wantCode(t, s.Commit(ctx, Root{Version: 2, Tables: map[uint64]string{1: "nope"}}), sqlerr.InternalError)
			s.Close()

			s = openTest(t, dir, Options{NoSync: noSync})
			cur := s.Current()
			if cur.Version != 1 || string(cur.Catalog) != "cat1" || len(cur.Tables) != 1 || cur.Tables[7] != m || string(cur.Extra["k"]) != "v" {
				t.Fatalf("reopened at %+v", cur)
			}
			if err := s.Commit(ctx, Root{Version: 2, Catalog: []byte("cat2")}); err != nil {
				t.Fatal(err)
			}
			if v := s.Current().Version; v != 2 {
				t.Fatalf("version %d", v)
			}
		})
	}
}

func TestRootFormat(t *testing.T) {
	roots := []Root{
		{Version: 1, Tables: map[uint64]string{}, Extra: map[string][]byte{}},
		{Version: 1 << 60, Catalog: []byte{0, 1, 2}, Tables: map[uint64]string{1: "a", 1 << 40: "b"}, Extra: map[string][]byte{"x": nil, "y": []byte("z")}},
	}
	for _, r := range roots {
		data := marshalRoot(&r)
		got, err := unmarshalRoot(data)
		if err != nil {
			t.Fatal(err)
		}
		if got.Version != r.Version || !bytes.Equal(got.Catalog, r.Catalog) || len(got.Tables) != len(r.Tables) || len(got.Extra) != len(r.Extra) {
			t.Fatalf("got %+v, want %+v", got, r)
		}
		for i := range data {
			bad := slices.Clone(data)
			bad[i] ^= 1
			if _, err := unmarshalRoot(bad); sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
				t.Fatalf("flip at %d: %v", i, err)
			}
		}
		for n := range data {
			if _, err := unmarshalRoot(data[:n]); sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
				t.Fatalf("truncated to %d: %v", n, err)
			}
		}
	}
	if name := rootFileName(42); name != "0000000042" {
		t.Fatalf("rootFileName(42) = %q", name)
	}
	for _, v := range []uint64{0, 42, 1<<64 - 1} {
		if got, ok := parseRootFileName(rootFileName(v)); !ok || got != v {
			t.Fatalf("parse(%d) = %d, %v", v, got, ok)
		}
	}
}

func FuzzRoot(f *testing.F) {
	f.Add(marshalRoot(&Root{Version: 3, Catalog: []byte("c"), Tables: map[uint64]string{1: "h"}, Extra: map[string][]byte{"e": {1}}}))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4 {
			resum(data)
		}
		if _, err := unmarshalRoot(data); err != nil && sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
			t.Fatal(err)
		}
	})
}

func BenchmarkCommit(b *testing.B) {
	ctx := context.Background()
	for _, noSync := range []bool{true, false} {
		b.Run(fmt.Sprintf("nosync=%v", noSync), func(b *testing.B) {
			s := openTest(b, b.TempDir(), Options{NoSync: noSync})
			cat := bytes.Repeat([]byte("c"), 4096)
			for b.Loop() {
				// One new block and manifest per commit, as a small INSERT.
				h, _ := putBlock(b, s, types.Int64Type, 100, s.Current().Version)
				m, err := s.Put(ctx, manifest(h))
				if err != nil {
					b.Fatal(err)
				}
				r := Root{Version: s.Current().Version + 1, Catalog: cat, Tables: map[uint64]string{1: m}}
				if err := s.Commit(ctx, r); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestCommitWithoutSyncfs takes the fallback that fsyncs each new block file
// and its directory when syncfs fails.
func TestCommitWithoutSyncfs(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := openTest(t, dir, Options{})
	calls := 0
	s.syncFS = func(int) error { calls++; return errors.New("no syncfs here") }
	h, _ := putBlock(t, s, types.Int64Type, 10, 1)
	m, err := s.Put(ctx, manifest(h))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Commit(ctx, Root{Version: 1, Tables: map[uint64]string{1: m}}); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Fatalf("syncfs called %d times", calls)
	}
	// Nothing new since: the next commit does not sync blocks.
	if err := s.Commit(ctx, Root{Version: 2, Tables: map[uint64]string{1: m}}); err != nil {
		t.Fatal(err)
	}
	if calls != 1 {
		t.Fatalf("syncfs called %d times", calls)
	}
	s.Close()
	s = openTest(t, dir, Options{})
	if _, err := s.Block(ctx, h, types.Int64Type); err != nil || s.Current().Version != 2 {
		t.Fatalf("reopen: version %d, %v", s.Current().Version, err)
	}
}
