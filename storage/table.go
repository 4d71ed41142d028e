package storage

import (
	"context"

	"github.com/warehoused/warehoused/storage/block"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Table is one immutable version of a table's contents. Every change returns a
// new version sharing what it did not touch, so a reader holding an old
// version keeps a consistent snapshot. Two implementations: MemTable (purely
// in-memory databases) and ColTable (durable compressed column blocks).
type Table interface {
	TableReader
	Types() []types.T
	Rows() int64
	// Writer starts a new version that appends to this one.
	Writer(ctx context.Context) (TableWriter, error)
	// Delete returns a version without the rows whose ids (scan column -1,
	// read from this version) are given; ids may repeat. It reports how many
	// distinct rows went.
	Delete(ctx context.Context, ids []int64) (Table, int64, error)
	// AddColumn returns a version with one more column, every row holding
	// fill (a datum of type ct; nil for NULL), encoded with enc.
	AddColumn(ctx context.Context, ct types.T, enc encoding.Kind, fill types.Datum) (Table, error)
	// DropColumn returns a version without column i.
	DropColumn(ctx context.Context, i int) (Table, error)
	// Truncated returns an empty version with the same layout.
	Truncated() Table
}

// TableWriter appends rows to a new version of a table. Not safe for
// concurrent use. Memory stays bounded however many rows are appended.
type TableWriter interface {
	// Append adds b's rows (columns in table order). b is retained (MemTable)
	// or copied (ColTable): the caller must not modify it afterwards.
	Append(ctx context.Context, b *vector.Batch) error
	// Finish returns the new version; the writer is done.
	Finish(ctx context.Context) (Table, error)
	// Abort drops what was written (blocks already on disk become garbage
	// that the next GC removes).
	Abort()
}

// Dist is how rows are placed on slices.
type Dist uint8

// Distribution styles (the same order as catalog.DistStyle).
const (
	DistAuto Dist = iota
	DistEven
	DistKey
	DistAll
)

// Layout is what storage needs to know about a table's columns and
// placement (storage does not import catalog; the root package translates).
type Layout struct {
	Name        string // schema.table, for error messages (XX001 names it)
	ColumnNames []string
	Types       []types.T
	Encodings   []encoding.Kind // resolved: ENCODE AUTO already mapped by encoding.Auto
	Dist        Dist
	DistKey     int   // column ordinal for DistKey, else -1
	SortKey     []int // column ordinals; nil when none
	Interleaved bool  // INTERLEAVED SORTKEY (z-order) instead of COMPOUND
	Slices      int
	// BlockRows is the number of rows a block holds (0: DefaultBlockRows).
	BlockRows int
	// SortMemory bounds the bytes of sorted runs one write into a table
	// with a sort key keeps in memory; beyond it, runs are written to disk
	// in cheap encodings and merged from there (0: DefaultSortMemory()).
	SortMemory int64
}

// DefaultSortMemory is an eighth of the machine's memory, between 256 MiB and
// 4 GiB: enough to sort TPC-H SF1's lineitem without writing runs, and a
// bound that keeps a load of any size within memory.
func DefaultSortMemory() int64 {
	return min(max(block.PhysicalMemory()/8, 256<<20), 4<<30)
}

func (l *Layout) sortMemory() int64 {
	if l.SortMemory > 0 {
		return l.SortMemory
	}
	return DefaultSortMemory()
}

// DefaultBlockRows is the fixed row count of one column block (64K rows: half
// the files and per-block work of 32K, and a one-day range on a year-sorted
// column still reads about 2% of its blocks). Every column of
// a row group has one block of exactly this many rows (the last may be short).
const DefaultBlockRows = 1 << 16

// TableInfo describes a stored version for svv_table_info and stv_blocklist.
type TableInfo struct {
	Rows         int64
	DeletedRows  int64 // rows hidden by delete vectors (VACUUM DELETE reclaims them)
	UnsortedRows int64 // rows in the unsorted region (after the sorted prefix)
	SliceRows    []int64
	Blocks       []BlockInfo
	Bytes        int64 // encoded bytes of all blocks
}

// BlockInfo is one row of stv_blocklist.
type BlockInfo struct {
	Slice, Col, RowGroup int
	Rows, Nulls          int
	Encoding             encoding.Kind
	Bytes                int64
	Min, Max             types.Datum // nil when unknown or all NULL
	Sorted               bool        // in the sorted region
	Hash                 string
}

// Described is implemented by tables that can report their block layout.
type Described interface {
	Info() TableInfo
}
