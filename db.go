// Package warehoused is the embedding API of the warehoused analytical
// database: Open a database, Connect sessions, run SQL with Query and Exec,
// read results as rows, column batches or Arrow records. It also registers a
// database/sql driver named "warehoused".
package warehoused

import (
	"context"
	"log/slog"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/block"
	"github.com/warehoused/warehoused/vector"
)

// Config configures a database. The zero value is usable.
type Config struct {
	// Slices is the parallelism of scans and loads (Redshift's slices);
	// runtime.NumCPU() when 0.
	Slices int
	// BatchSize is the number of rows a batch aims for; vector.DefaultBatchSize when 0.
	BatchSize int
	// Version is what version() reports and `warehoused version` prints.
	Version string
	// User is the session user name; "rdsdb" when empty.
	User string
	// Database is the database name current_database() returns; "dev" when empty.
	Database string
	// Logger receives internal errors (recovered panics); slog.Default() when nil.
	Logger *slog.Logger
	// CacheBytes bounds the cache of decoded column blocks of a database on
	// disk (0: a quarter of physical memory, at most 8 GiB).
	CacheBytes int64
	// SortMemory bounds the bytes of sorted rows one COPY or INSERT into a
	// table with a sort key keeps in memory before it writes sorted runs to
	// disk and merges them (0: an eighth of physical memory, 256 MiB to 4 GiB).
	SortMemory int64
	// NoSync skips fsync on commit. Only for tests that do not test
	// durability: a crash may then lose or corrupt committed data.
	NoSync bool
}

func (c Config) withDefaults() Config {
	if c.Slices <= 0 {
		c.Slices = runtime.NumCPU()
	}
	if c.BatchSize <= 0 {
		c.BatchSize = vector.DefaultBatchSize
	}
	if c.Version == "" {
		c.Version = "dev"
	}
	if c.User == "" {
		c.User = "rdsdb"
	}
	if c.Database == "" {
		c.Database = "dev"
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

// DB is an open database. It is safe for concurrent use; each session
// (Conn) is used by one goroutine at a time.
type DB struct {
	cfg Config
	dir string

	sessions atomic.Int64 // session ids

	mu     sync.Mutex
	state  *dbState // the latest committed state; replaced, never modified
	closed bool

	// Durable databases (dir != ""): the block store and its current root.
	store          *block.Store
	root           block.Root
	pins           int // transactions and open rows using some snapshot
	commitsSinceGC int
	lastGC         time.Time
	gcRunning      bool
	gcTimer        *time.Timer // a collection scheduled for when gcInterval has passed
	gcWG           sync.WaitGroup
}

// Open opens (creating when needed) the database in dir: tables are kept
// there as compressed column blocks, and every commit is durable. dir "" means
// a purely in-memory database. A directory is used by one process at a time.
// The number of slices is fixed when the database is created; Config.Slices
// applies only then.
func Open(ctx context.Context, dir string, cfg Config) (*DB, error) {
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, sqlerr.Wrapf(err, sqlerr.InternalError, "could not create data directory \"%s\"", dir)
		}
	}
	db := &DB{cfg: cfg.withDefaults(), dir: dir}
	if dir == "" {
		db.state = newState()
		return db, nil
	}
	if err := db.openDurable(ctx); err != nil {
		return nil, err
	}
	return db, nil
}

// Config returns the configuration in effect (defaults filled in).
func (db *DB) Config() Config { return db.cfg }

// Close closes the database. Sessions still open fail afterwards.
func (db *DB) Close() error {
	db.mu.Lock()
	if db.closed {
		db.mu.Unlock()
		return nil
	}
	db.closed = true
	db.stopScheduledCollect()
	db.mu.Unlock()
	db.gcWG.Wait()
	if db.store != nil {
		return db.store.Close()
	}
	return nil
}

// current returns the latest committed state.
func (db *DB) current() (*dbState, error) {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return nil, sqlerr.Newf(sqlerr.ConnectionException, "database is closed")
	}
	return db.state, nil
}

// Query runs sql on a fresh session; the session ends when the rows are closed.
func (db *DB) Query(ctx context.Context, sql string, args ...any) (*Rows, error) {
	c, err := db.Connect(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := c.Query(ctx, sql, args...)
	if err != nil {
		c.Close()
		return nil, err
	}
	rows.onClose = append(rows.onClose, func() { c.Close() })
	return rows, nil
}

// Exec runs a script of statements on a fresh session.
func (db *DB) Exec(ctx context.Context, sql string, args ...any) (Result, error) {
	c, err := db.Connect(ctx)
	if err != nil {
		return Result{}, err
	}
	defer c.Close()
	return c.Exec(ctx, sql, args...)
}

// commit installs a transaction's changes atomically, failing with 40001 when
// another transaction committed a change to a table (or to the catalog) this
// one changed since it started.
func (db *DB) commit(tx *txn) error {
	if !tx.dirty() {
		return nil
	}
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return sqlerr.Newf(sqlerr.ConnectionException, "database is closed")
	}
	cur := db.state
	if tx.wroteCat && cur.catVer != tx.base.catVer {
		return serializationError("the catalog")
	}
	for id := range tx.wrote {
		if cur.data[id] != tx.base.data[id] {
			name := "a table"
			if t := tx.work.cat.ByID(id); t != nil {
				name = t.Name
			} else if t := tx.base.cat.ByID(id); t != nil {
				name = t.Name
			}
			return serializationError(name)
		}
	}
	next := cur.clone()
	if tx.wroteCat {
		next.cat = tx.work.cat
		next.catVer = cur.catVer + 1
	}
	for id := range tx.wrote {
		if d := tx.work.data[id]; d != nil {
			next.data[id] = d
		} else {
			delete(next.data, id)
		}
	}
	if err := db.persist(context.Background(), next, tx.wrote); err != nil {
		return err
	}
	db.state = next
	return nil
}

func serializationError(what string) error {
	return sqlerr.Newf(sqlerr.SerializationFailure, "serializable isolation violation on %s", what).
		WithDetail("Another transaction committed a change to %s after this transaction started.", what)
}

// tableIDs returns the ids of a catalog's relations (used by DROP SCHEMA).
func tableIDs(ts []*catalog.Table) []catalog.TableID {
	out := make([]catalog.TableID, len(ts))
	for i, t := range ts {
		out[i] = t.ID
	}
	return out
}
