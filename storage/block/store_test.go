package block

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
)

func openTest(t testing.TB, dir string, o Options) *Store {
	t.Helper()
	s, err := Open(context.Background(), dir, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func putBlock(t testing.TB, s *Store, typ types.T, n int, seed uint64) (string, []byte) {
	t.Helper()
	v := makeVector(typ, n, 5, seed)
	data, meta, err := Encode(v, 0, n, encoding.Raw)
	if err != nil {
		t.Fatal(err)
	}
	h, err := s.Put(context.Background(), data)
	if err != nil {
		t.Fatal(err)
	}
	if h != meta.Hash {
		t.Fatalf("Put returned %s, Encode said %s", h, meta.Hash)
	}
	return h, data
}

// manifest is the test's table manifest: hashes one per line.
func manifest(hashes ...string) []byte { return []byte(strings.Join(hashes, "\n")) }

func manifestRefs(m []byte) ([]string, error) {
	if len(m) == 0 {
		return nil, nil
	}
	return strings.Split(string(m), "\n"), nil
}

func TestPutGetBlock(t *testing.T) {
	ctx := context.Background()
	s := openTest(t, t.TempDir(), Options{NoSync: true})
	if r := s.Current(); r.Version != 0 || r.Tables == nil || r.Extra == nil {
		t.Fatalf("new database root %+v", r)
	}
	for i, typ := range testTypes {
		v := makeVector(typ, 300, 4, uint64(i))
		data, meta, err := Encode(v, 0, 300, encoding.Raw)
		if err != nil {
			t.Fatal(err)
		}
		for range 2 { // the second Put finds the file
			h, err := s.Put(ctx, data)
			if err != nil || h != meta.Hash {
				t.Fatalf("Put: %s, %v", h, err)
			}
		}
		got, err := s.Get(ctx, meta.Hash)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("Get: %v", err)
		}
		for range 2 { // load, then cache hit
			bv, err := s.Block(ctx, meta.Hash, typ)
			if err != nil {
				t.Fatal(err)
			}
			sameRows(t, v, 0, 300, bv)
		}
	}
	for _, h := range []string{strings.Repeat("0", HashLen), "../../etc/passwd", ""} {
		_, err := s.Get(ctx, h)
		wantCode(t, err, sqlerr.DataCorrupted)
		_, err = s.Block(ctx, h, types.Int64Type)
		wantCode(t, err, sqlerr.DataCorrupted)
	}
	if n, err := s.DiskBytes(); err != nil || n <= 0 {
		t.Fatalf("DiskBytes = %d, %v", n, err)
	}
}

func TestLockExclusive(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(context.Background(), dir, Options{NoSync: true})
	if err != nil {
		t.Fatal(err)
	}
	_, err = Open(context.Background(), dir, Options{NoSync: true})
	wantCode(t, err, sqlerr.ObjectInUse)
	if !strings.Contains(err.Error(), "in use by another process") {
		t.Fatalf("message %q", err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(context.Background(), dir, Options{NoSync: true})
	if err != nil {
		t.Fatalf("reopen after Close: %v", err)
	}
	s2.Close()
}

// TestCorruptDatabase damages files on disk: every read must fail with
// XX001, never return wrong rows.
func TestCorruptDatabase(t *testing.T) {
	ctx := context.Background()
	damage := map[string]func(path string, data []byte) error{
		"flipped byte": func(p string, d []byte) error {
			d = slices.Clone(d)
			d[len(d)/2] ^= 0x10
			return os.WriteFile(p, d, 0o644)
		},
		"truncated": func(p string, d []byte) error { return os.WriteFile(p, d[:len(d)-3], 0o644) },
		"empty":     func(p string, d []byte) error { return os.WriteFile(p, nil, 0o644) },
		"missing":   func(p string, d []byte) error { return os.Remove(p) },
	}
	for name, hurt := range damage {
		t.Run("block/"+name, func(t *testing.T) {
			s := openTest(t, t.TempDir(), Options{NoSync: true})
			h, data := putBlock(t, s, types.TextType, 200, 3)
			if err := hurt(s.blockPath(h), data); err != nil {
				t.Fatal(err)
			}
			_, err := s.Block(ctx, h, types.TextType)
			wantCode(t, err, sqlerr.DataCorrupted)
			if !strings.Contains(err.Error(), h) {
				t.Fatalf("error %q does not name the block", err)
			}
			_, err = s.Get(ctx, h)
			wantCode(t, err, sqlerr.DataCorrupted)
			// Putting the bytes again repairs a file of the wrong size
			// (what a power loss leaves of an unsynced file).
			if _, err := s.Put(ctx, data); err != nil {
				t.Fatal(err)
			}
			_, err = s.Block(ctx, h, types.TextType)
			if name == "flipped byte" {
				wantCode(t, err, sqlerr.DataCorrupted)
			} else if err != nil {
				t.Fatalf("after re-Put: %v", err)
			}
		})
	}
	for name, hurt := range damage {
		for _, file := range []string{"CURRENT", "root"} {
			t.Run(file+"/"+name, func(t *testing.T) {
				dir := t.TempDir()
				s, err := Open(ctx, dir, Options{NoSync: true})
				if err != nil {
					t.Fatal(err)
				}
				if err := s.Commit(ctx, Root{Version: 1, Catalog: []byte("c")}); err != nil {
					t.Fatal(err)
				}
				s.Close()
				path := filepath.Join(dir, currentFile)
				if file == "root" {
					path = filepath.Join(dir, rootsDir, rootFileName(1))
				}
				data, err := os.ReadFile(path)
				if err != nil {
					t.Fatal(err)
				}
				if err := hurt(path, data); err != nil {
					t.Fatal(err)
				}
				s, err = Open(ctx, dir, Options{NoSync: true})
				if file == "CURRENT" && name == "missing" {
					// No CURRENT is a new database; that is the documented meaning.
					if err != nil {
						t.Fatal(err)
					}
					s.Close()
					return
				}
				wantCode(t, err, sqlerr.DataCorrupted)
			})
		}
	}
}

func TestOpenRemovesTemporaries(t *testing.T) {
	dir := t.TempDir()
	s := openTest(t, dir, Options{NoSync: true})
	h, _ := putBlock(t, s, types.Int64Type, 10, 1)
	s.Close()
	temps := []string{
		filepath.Join(dir, blocksDir, h[:2], h+".123.tmp"),
		filepath.Join(dir, rootsDir, "0000000001.9.tmp"),
		filepath.Join(dir, "CURRENT.5.tmp"),
	}
	for _, p := range temps {
		if err := os.WriteFile(p, []byte("junk"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	s = openTest(t, dir, Options{NoSync: true})
	for _, p := range temps {
		if _, err := os.Stat(p); !os.IsNotExist(err) {
			t.Fatalf("%s survived Open: %v", p, err)
		}
	}
	if _, err := s.Get(context.Background(), h); err != nil {
		t.Fatal(err)
	}
}
