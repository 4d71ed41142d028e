package block

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/sys/unix"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

const (
	blocksDir   = "blocks"
	rootsDir    = "roots"
	currentFile = "CURRENT"
	lockFile    = "LOCK"
	tmpSuffix   = ".tmp"
)

// Store is an open database directory. Safe for concurrent use.
type Store struct {
	dir  string
	opts Options
	lock *os.File // holds the flock; closing it releases the database

	cur   atomic.Pointer[Root]
	cache *cache
	// syncFS is the platform's syncfs; a field so tests can make it fail
	// and exercise the fsync-per-file fallback.
	syncFS func(fd int) error

	// commitMu serializes Commit and GC's removal of root files.
	commitMu sync.Mutex
	// gcMu lets one GC run at a time.
	gcMu sync.Mutex

	// mu guards the fields below; Put holds it only to record a hash.
	mu sync.Mutex
	// unsynced lists files written since the last commit, for the fallback
	// of fsyncing them one by one when syncfs is unavailable.
	unsynced []string
	// dirty is set by every Put since the last commit: Commit syncs the
	// file system only when some block may be unsynced.
	dirty bool
	// recent holds the hashes Put since the last GC that began with no
	// write under way (see GC and BeginWrite); GC never removes them.
	recent map[string]struct{}
	// writers counts BeginWrite calls not yet released.
	writers int
	closed  bool
}

// Open opens or creates the database directory, takes its LOCK (a second
// opener, in this process or another, gets 55006 object_in_use), removes
// temporary files a crash left and reads the current root.
func Open(ctx context.Context, dir string, o Options) (*Store, error) {
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	for _, d := range []string{dir, filepath.Join(dir, blocksDir), filepath.Join(dir, rootsDir)} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, ioErr(err, "could not create directory \"%s\"", d)
		}
	}
	lock, err := os.OpenFile(filepath.Join(dir, lockFile), os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, ioErr(err, "could not open lock file in \"%s\"", dir)
	}
	// flock locks belong to the open file description, so a second Open in
	// this same process conflicts too, and the kernel drops the lock when the
	// process dies: no stale lock after a crash.
	if err := unix.Flock(int(lock.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		lock.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, sqlerr.Newf(sqlerr.ObjectInUse, "database directory is in use by another process").
				WithDetail("Directory \"%s\" is locked.", dir)
		}
		return nil, ioErr(err, "could not lock \"%s\"", filepath.Join(dir, lockFile))
	}
	s := &Store{dir: dir, opts: o, lock: lock, recent: map[string]struct{}{}, syncFS: syncFS}
	s.cache = newCache(cacheBytes(o.CacheBytes))
	if err := s.removeTemps(); err != nil {
		lock.Close()
		return nil, err
	}
	root, err := s.readCurrent()
	if err != nil {
		lock.Close()
		return nil, err
	}
	s.cur.Store(root)
	return s, nil
}

// Close releases the directory. The Store must not be used afterwards.
func (s *Store) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil
	}
	s.closed = true
	s.mu.Unlock()
	s.cache.clear()
	if err := s.lock.Close(); err != nil {
		return ioErr(err, "could not release the database lock")
	}
	return nil
}

// Dir returns the database directory.
func (s *Store) Dir() string { return s.dir }

// removeTemps deletes the *.tmp files an interrupted Put or Commit left.
func (s *Store) removeTemps() error {
	return filepath.WalkDir(s.dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return ioErr(err, "could not scan \"%s\"", path)
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), tmpSuffix) {
			if err := os.Remove(path); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return ioErr(err, "could not remove temporary file \"%s\"", path)
			}
		}
		return nil
	})
}

func (s *Store) blockPath(hash string) string {
	return filepath.Join(s.dir, blocksDir, hash[:2], hash)
}

// Put stores data under its hash (a no-op when already present) and returns
// the hash. Safe for concurrent use, also with GC: the hash is recorded
// before the file is looked for, and GC checks the record before removing.
func (s *Store) Put(ctx context.Context, data []byte) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", sqlerr.Canceled(ctx)
	}
	hash := Hash(data)
	s.mu.Lock()
	s.recent[hash] = struct{}{}
	s.mu.Unlock()

	path := s.blockPath(hash)
	// A file of the right size is taken as present. One of another size is
	// what a power loss can leave of a file written but never synced (no
	// committed root reaches it): it is rewritten, not trusted.
	if fi, err := os.Stat(path); err == nil && fi.Size() == int64(len(data)) {
		s.mu.Lock()
		s.dirty = true // it may be one a crashed process wrote but never synced
		s.mu.Unlock()
		return hash, nil
	}
	sub := filepath.Dir(path)
	f, err := os.CreateTemp(sub, hash+".*"+tmpSuffix)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(sub, 0o755); err == nil {
			f, err = os.CreateTemp(sub, hash+".*"+tmpSuffix)
		}
	}
	if err != nil {
		return "", ioErr(err, "could not create block file in \"%s\"", sub)
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr != nil || cerr != nil {
		os.Remove(tmp)
		return "", ioErr(errors.Join(werr, cerr), "could not write block file \"%s\"", tmp)
	}
	// No fsync here: Commit syncs everything written since the last commit
	// at once, which is far cheaper than one fsync per block.
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return "", ioErr(err, "could not rename block file to \"%s\"", path)
	}
	s.mu.Lock()
	s.unsynced = append(s.unsynced, path)
	s.dirty = true
	s.mu.Unlock()
	return hash, nil
}

// Get returns the bytes stored under hash after checking they still hash to
// it. A missing or damaged file is XX001.
func (s *Store) Get(ctx context.Context, hash string) ([]byte, error) {
	data, err := s.read(ctx, hash)
	if err != nil {
		return nil, err
	}
	if got := Hash(data); got != hash {
		return nil, sqlerr.Newf(sqlerr.DataCorrupted, "block %s is corrupt: its content hashes to %s", hash, got)
	}
	return data, nil
}

// read returns the file's bytes unverified (Block relies on the block's own
// checksum instead of hashing again).
func (s *Store) read(ctx context.Context, hash string) ([]byte, error) {
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	if !validHash(hash) {
		return nil, sqlerr.Newf(sqlerr.DataCorrupted, "invalid block name \"%s\"", hash)
	}
	data, err := os.ReadFile(s.blockPath(hash))
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, sqlerr.Newf(sqlerr.DataCorrupted, "block %s is missing", hash).
				WithDetail("File \"%s\" does not exist.", s.blockPath(hash))
		}
		return nil, sqlerr.Wrapf(err, sqlerr.DataCorrupted, "could not read block %s", hash)
	}
	return data, nil
}

// Block returns the decoded block through the cache. The vector is shared:
// callers never write into it. Errors are XX001 (corrupt/missing).
func (s *Store) Block(ctx context.Context, hash string, t types.T) (*vector.Vector, error) {
	return s.cache.get(ctx, cacheKey{hash: hash, t: t}, func() (*vector.Vector, error) {
		data, err := s.read(ctx, hash)
		if err != nil {
			return nil, err
		}
		v, err := Decode(data, t)
		if err != nil {
			e := sqlerr.From(err)
			return nil, sqlerr.Wrapf(e, sqlerr.DataCorrupted, "block %s", hash).WithDetail("File \"%s\".", s.blockPath(hash))
		}
		return v, nil
	})
}

// ioErr wraps a file system failure: 53100 when the disk is full, 58030
// otherwise.
func ioErr(err error, format string, args ...any) *sqlerr.Error {
	code := sqlerr.IOError
	if errors.Is(err, unix.ENOSPC) || errors.Is(err, unix.EDQUOT) {
		code = sqlerr.DiskFull
	}
	return sqlerr.Wrapf(err, code, format, args...)
}
