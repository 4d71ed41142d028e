// Package block keeps a database directory's durable bytes: immutable,
// checksummed, content-addressed column blocks and blobs (table manifests),
// a decoded-block cache, and the root manifest that a commit switches
// atomically. It knows nothing of tables: the storage package above builds
// tables from blocks and hands the root manifest its opaque parts.
//
// Directory layout (dir is the database directory):
//
//	dir/blocks/ab/abcdef…   one block or blob per file, named by its content hash
//	dir/roots/0000000042    root manifests by version
//	dir/CURRENT             the name of the current root manifest (switched by rename)
//	dir/LOCK                flock'ed while a process has the database open
//
// CONTRACT: this file holds the types and signatures the other packages build
// against. The implementation lives in the other files of this package.
package block

import (
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
)

// Meta is what a block's header says about it, also kept in the table
// manifest so zone maps are read without opening the block.
type Meta struct {
	Hash     string // content hash (hex), also the file name
	Encoding encoding.Kind
	Rows     int
	Nulls    int
	// Min and Max are the zone map over non-NULL values, of the column's
	// type; nil when every row is NULL. A string bound may be shortened (Min
	// to a prefix; Max dropped to nil = unknown) so zone maps stay small.
	Min, Max types.Datum
	Bytes    int64 // size of the block file
}

// Root is one committed version of the whole database.
type Root struct {
	Version uint64
	// Catalog is the root package's serialized catalog (opaque here).
	Catalog []byte
	// Tables maps a table id to the blob hash of its table manifest.
	Tables map[uint64]string
	// Extra is for later features (snapshot schedule, ...); opaque here.
	Extra map[string][]byte
}

// Options configure a Store.
type Options struct {
	// CacheBytes bounds the decoded-block cache (0: 1/4 of physical memory, at
	// most 8 GiB).
	CacheBytes int64
	// NoSync skips fsync (tests that do not test durability; never the default).
	NoSync bool
}

// Signatures (implemented in this package):
//
//   // Encode builds a block of v's rows [from, to) with encoding enc: header
//   // (magic, format version, type physical kind, encoding, rows, nulls,
//   // min/max, payload length), NULL bitmap, encoded values, CRC-32C of all
//   // of it. Meta.Hash is the hash of the returned bytes.
//   func Encode(v *vector.Vector, from, to int, enc encoding.Kind) ([]byte, Meta, error)
//
//   // Decode checks the checksum and header and returns the block's rows as a
//   // vector of type t. Any mismatch or malformed content is XX001
//   // (sqlerr.DataCorrupted), never a panic and never wrong rows.
//   func Decode(data []byte, t types.T) (*vector.Vector, error)
//
//   type Store struct{ ... }
//   // Open opens or creates the database directory, takes its LOCK (a second
//   // process gets 55006 object_in_use), removes temporary files a crash left.
//   func Open(ctx context.Context, dir string, o Options) (*Store, error)
//   func (s *Store) Close() error
//   func (s *Store) Dir() string
//   // Put stores bytes under their hash (no-op when present) and returns the
//   // hash. Safe for concurrent use, also concurrently with GC: a Put that
//   // found its file present must never see it removed by a GC in progress.
//   func (s *Store) Put(ctx context.Context, data []byte) (string, error)
//   func (s *Store) Get(ctx context.Context, hash string) ([]byte, error) // missing: XX001
//   // Block returns the decoded block through the cache. The vector is shared:
//   // callers never write into it. Errors are XX001 (corrupt/missing).
//   func (s *Store) Block(ctx context.Context, hash string, t types.T) (*vector.Vector, error)
//   // Current returns the root manifest in effect (Version 0, empty maps for a new database).
//   func (s *Store) Current() Root
//   // Commit makes r (r.Version must be Current().Version+1) the current root:
//   // sync the blocks put since the last commit (syncfs), write the root file,
//   // fsync it, rename CURRENT, fsync the directory. Killed at any point,
//   // the database reopens at either the old or the new root.
//   func (s *Store) Commit(ctx context.Context, r Root) error
//   // GC removes every block and blob not reachable from live roots: a root
//   // reaches its table manifests, and refs lists what a table manifest
//   // reaches. Old root files but the current one are removed too.
//   func (s *Store) GC(ctx context.Context, live []Root, refs func(manifest []byte) ([]string, error)) (removed int, err error)
//   // Stats reports block files and bytes on disk.
//   func (s *Store) DiskBytes() (int64, error)
//
// Added by the implementation (additive):
//
//   // BeginWrite protects every hash Put from now until release() from any
//   // GC, however many run meanwhile: a table writer calls it before its
//   // first Put and releases after the root reaching its blocks is
//   // committed (or on abort). Without it, a Put is protected only from the
//   // GC running during it and the next one to start.
//   func (s *Store) BeginWrite() (release func())
//   // ReadMeta returns the Meta a block's header holds (zone map included)
//   // without decoding its values; errors as Decode.
//   func ReadMeta(data []byte, t types.T) (Meta, error)
//   // AppendDatum / ParseDatum: the compact binary form of one non-NULL
//   // datum of a physical kind (zone maps in headers; manifests may use it).
//   func AppendDatum(dst []byte, p types.Physical, d types.Datum) []byte
//   func ParseDatum(src []byte, p types.Physical) (types.Datum, int, error)
//   // Hash is the content hash Put names files by (hex SHA-256/128).
//   func Hash(data []byte) string
//   // IntervalCmp orders intervals as PostgreSQL does (zone maps use it).
//   func IntervalCmp(a, b types.IntervalValue) int
//   // CacheStats reports the decoded-block cache (entries, bytes, limit,
//   // hits, misses) for system views.
//   func (s *Store) CacheStats() CacheStats
//   const MaxRows       // rows per block at most (Encode fails with 54000 above)
//   const MaxZoneString // longest string bound a zone map keeps
