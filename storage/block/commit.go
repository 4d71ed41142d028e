package block

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
)

// Current returns the root manifest in effect (Version 0 with empty maps for
// a new database). It is shared: callers must not modify it.
func (s *Store) Current() Root { return *s.cur.Load() }

// Commit makes r (r.Version must be Current().Version+1) the current root:
// it syncs the blocks written since the last commit (one syncfs), writes the
// root file (temp, fsync, rename), fsyncs the roots directory, switches
// CURRENT the same way and fsyncs the database directory. Killed at any
// point, the database reopens at either the old or the new root: until the
// rename of CURRENT lands it names the old root file, which is intact.
func (s *Store) Commit(ctx context.Context, r Root) error {
	s.commitMu.Lock()
	defer s.commitMu.Unlock()
	if err := ctx.Err(); err != nil {
		return sqlerr.Canceled(ctx)
	}
	cur := s.cur.Load()
	if r.Version != cur.Version+1 {
		return sqlerr.Newf(sqlerr.InternalError, "commit of root version %d, but the current version is %d", r.Version, cur.Version)
	}
	for id, h := range r.Tables {
		if !validHash(h) {
			return sqlerr.Newf(sqlerr.InternalError, "commit: table %d names invalid manifest \"%s\"", id, h)
		}
	}
	s.mu.Lock()
	unsynced, dirty := s.unsynced, s.dirty
	s.unsynced, s.dirty = nil, false
	s.mu.Unlock()

	if err := s.commit(r, dirty, unsynced); err != nil {
		// Keep the list: the next commit syncs these files again.
		s.mu.Lock()
		s.unsynced = append(unsynced, s.unsynced...)
		s.dirty = s.dirty || dirty
		s.mu.Unlock()
		return err
	}
	s.cur.Store(cloneRoot(r))
	return nil
}

func (s *Store) commit(r Root, dirty bool, unsynced []string) error {
	sync := !s.opts.NoSync
	if sync && dirty {
		if err := s.syncData(unsynced); err != nil {
			return err
		}
	}
	name := rootFileName(r.Version)
	roots := filepath.Join(s.dir, rootsDir)
	if err := writeFileAtomic(roots, name, marshalRoot(&r), sync); err != nil {
		return err
	}
	if sync {
		if err := syncDir(roots); err != nil {
			return err
		}
	}
	if err := writeFileAtomic(s.dir, currentFile, []byte(name+"\n"), sync); err != nil {
		return err
	}
	if sync {
		return syncDir(s.dir)
	}
	return nil
}

// syncData makes the given new block files durable: one syncfs of the file
// system, or, where that fails, an fsync of each file and of the directories
// holding their names.
func (s *Store) syncData(paths []string) error {
	d, err := os.Open(s.dir)
	if err != nil {
		return ioErr(err, "could not open \"%s\"", s.dir)
	}
	err = s.syncFS(int(d.Fd()))
	d.Close()
	if err == nil {
		return nil
	}
	dirs := map[string]bool{filepath.Join(s.dir, blocksDir): true}
	for _, p := range paths {
		if err := syncFile(p); err != nil {
			return err
		}
		dirs[filepath.Dir(p)] = true
	}
	for dir := range dirs {
		if err := syncDir(dir); err != nil {
			return err
		}
	}
	return nil
}

func syncFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return ioErr(err, "could not open \"%s\" to sync it", path)
	}
	err = f.Sync()
	f.Close()
	if err != nil {
		return ioErr(err, "could not fsync \"%s\"", path)
	}
	return nil
}

func syncDir(dir string) error { return syncFile(dir) }

// writeFileAtomic replaces dir/name with data: a temporary file (fsynced
// when sync), then a rename, so readers see the old or the new file whole.
func writeFileAtomic(dir, name string, data []byte, sync bool) error {
	f, err := os.CreateTemp(dir, name+".*"+tmpSuffix)
	if err != nil {
		return ioErr(err, "could not create a temporary file in \"%s\"", dir)
	}
	tmp := f.Name()
	_, err = f.Write(data)
	if err == nil && sync {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp)
		return ioErr(err, "could not write \"%s\"", filepath.Join(dir, name))
	}
	return nil
}

// readCurrent loads the root CURRENT names; no CURRENT is a new database.
func (s *Store) readCurrent() (*Root, error) {
	data, err := os.ReadFile(filepath.Join(s.dir, currentFile))
	if errors.Is(err, fs.ErrNotExist) {
		return &Root{Tables: map[uint64]string{}, Extra: map[string][]byte{}}, nil
	}
	if err != nil {
		return nil, ioErr(err, "could not read \"%s\"", filepath.Join(s.dir, currentFile))
	}
	name := strings.TrimSuffix(string(data), "\n")
	version, ok := parseRootFileName(name)
	if !ok {
		return nil, sqlerr.Newf(sqlerr.DataCorrupted, "database directory \"%s\" is corrupt: CURRENT holds %q, not a root manifest name", s.dir, truncate(string(data), 40))
	}
	path := filepath.Join(s.dir, rootsDir, name)
	rdata, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, sqlerr.Newf(sqlerr.DataCorrupted, "database directory \"%s\" is corrupt: root manifest \"%s\" named by CURRENT is missing", s.dir, path)
		}
		return nil, ioErr(err, "could not read \"%s\"", path)
	}
	root, err := unmarshalRoot(rdata)
	if err != nil {
		return nil, sqlerr.Wrapf(err, sqlerr.DataCorrupted, "database directory \"%s\" is corrupt: \"%s\"", s.dir, path)
	}
	if root.Version != version {
		return nil, sqlerr.Newf(sqlerr.DataCorrupted, "database directory \"%s\" is corrupt: \"%s\" holds version %d", s.dir, path, root.Version)
	}
	return root, nil
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
