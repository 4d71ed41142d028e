package block

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/warehoused/warehoused/sqlerr"
)

// GC removes every block and blob not reachable from live roots (the
// current root is always live): a root reaches its table manifests, and refs
// lists what a table manifest reaches. Root files of versions not live are
// removed too. It returns how many files went.
//
// It is safe with concurrent Put and Commit: a hash Put since the previous
// GC began (in particular during this one) is never removed, whether or not
// it is reachable, nor one Put during a BeginWrite still open; root files
// are removed under the commit lock. A
// manifest that cannot be read or parsed aborts the GC before anything is
// removed. Callers pass, in live, every root a reader may still use.
func (s *Store) GC(ctx context.Context, live []Root, refs func(manifest []byte) ([]string, error)) (removed int, err error) {
	s.gcMu.Lock()
	defer s.gcMu.Unlock()

	// With no write under way, every hash Put so far belongs to a write that
	// has committed or given up: start a new generation (the old one stays
	// protected for this GC, for Puts racing its start). Otherwise keep
	// accumulating, so a write's blocks survive however many GCs it spans.
	var older map[string]struct{}
	s.mu.Lock()
	if s.writers == 0 {
		older = s.recent
		s.recent = map[string]struct{}{}
	}
	s.mu.Unlock()
	defer func() {
		if err != nil { // keep the protection for the next attempt
			s.mu.Lock()
			for h := range older {
				s.recent[h] = struct{}{}
			}
			s.mu.Unlock()
		}
	}()

	live = append(live[:len(live):len(live)], s.Current())
	reach, err := s.reachable(ctx, live, refs)
	if err != nil {
		return 0, err
	}
	n, err := s.removeBlocks(ctx, reach, older)
	removed += n
	if err != nil {
		return removed, err
	}
	n, err = s.removeRoots(live)
	return removed + n, err
}

// BeginWrite tells GC that a write is under way whose blocks no root
// reaches yet: until release is called, no hash Put after BeginWrite is
// removed by any GC. Writes that commit between two GCs need not call it.
func (s *Store) BeginWrite() (release func()) {
	s.mu.Lock()
	s.writers++
	s.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			s.writers--
			s.mu.Unlock()
		})
	}
}

// reachable lists the hashes live roots reach, reading each manifest once.
func (s *Store) reachable(ctx context.Context, live []Root, refs func([]byte) ([]string, error)) (map[string]struct{}, error) {
	reach := map[string]struct{}{}
	for _, r := range live {
		for id, h := range r.Tables {
			if _, seen := reach[h]; seen {
				continue
			}
			reach[h] = struct{}{}
			data, err := s.Get(ctx, h)
			if err != nil {
				return nil, sqlerr.Wrapf(err, sqlerr.CodeOf(err), "GC: manifest of table %d in root %d", id, r.Version)
			}
			hs, err := refs(data)
			if err != nil {
				return nil, sqlerr.Wrapf(err, sqlerr.CodeOf(err), "GC: manifest %s of table %d", h, id)
			}
			for _, x := range hs {
				reach[x] = struct{}{}
			}
		}
	}
	return reach, nil
}

func (s *Store) removeBlocks(ctx context.Context, reach, older map[string]struct{}) (int, error) {
	base := filepath.Join(s.dir, blocksDir)
	subs, err := os.ReadDir(base)
	if err != nil {
		return 0, ioErr(err, "GC: could not list \"%s\"", base)
	}
	removed := 0
	for _, sub := range subs {
		if !sub.IsDir() {
			continue
		}
		if err := ctx.Err(); err != nil {
			return removed, sqlerr.Canceled(ctx)
		}
		dir := filepath.Join(base, sub.Name())
		files, err := os.ReadDir(dir)
		if err != nil {
			return removed, ioErr(err, "GC: could not list \"%s\"", dir)
		}
		for _, f := range files {
			h := f.Name()
			if _, ok := reach[h]; ok || !validHash(h) {
				continue // temporaries and stray names are not ours to judge
			}
			gone, err := s.removeUnlessFresh(filepath.Join(dir, h), h, older)
			if err != nil {
				return removed, err
			}
			if gone {
				removed++
			}
		}
	}
	return removed, nil
}

// removeUnlessFresh removes an unreachable file unless its hash was Put
// recently. It decides and removes under s.mu: a Put records its hash under
// the same lock before it looks for the file, so either the Put finds the
// file gone and writes it again, or GC sees its record and keeps the file.
func (s *Store) removeUnlessFresh(path, hash string, older map[string]struct{}) (bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.recent[hash]; ok {
		return false, nil
	}
	if _, ok := older[hash]; ok {
		return false, nil
	}
	if err := os.Remove(path); err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return false, nil
		}
		return false, ioErr(err, "GC: could not remove \"%s\"", path)
	}
	return true, nil
}

// removeRoots deletes root files of versions no live root has. It holds the
// commit lock so a root file a Commit is about to name in CURRENT is never
// taken away.
func (s *Store) removeRoots(live []Root) (int, error) {
	s.commitMu.Lock()
	defer s.commitMu.Unlock()
	keep := map[uint64]bool{s.cur.Load().Version: true}
	for _, r := range live {
		keep[r.Version] = true
	}
	dir := filepath.Join(s.dir, rootsDir)
	files, err := os.ReadDir(dir)
	if err != nil {
		return 0, ioErr(err, "GC: could not list \"%s\"", dir)
	}
	removed := 0
	for _, f := range files {
		v, ok := parseRootFileName(f.Name())
		if !ok || keep[v] || strings.HasSuffix(f.Name(), tmpSuffix) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, f.Name())); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, ioErr(err, "GC: could not remove \"%s\"", filepath.Join(dir, f.Name()))
		}
		removed++
	}
	return removed, nil
}

// DiskBytes reports the bytes of every file under the database directory.
func (s *Store) DiskBytes() (int64, error) {
	var total int64
	err := filepath.WalkDir(s.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil // removed by a concurrent GC
			}
			return err
		}
		if d.Type().IsRegular() {
			info, err := d.Info()
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			total += info.Size()
		}
		return nil
	})
	if err != nil {
		return 0, ioErr(err, "could not measure \"%s\"", s.dir)
	}
	return total, nil
}
