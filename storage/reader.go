// Package storage holds table data. This file declares what the executor needs
// from a table; implementations (in-memory MemTable, durable ColTable) live beside it.
package storage

import (
	"context"
	"sync/atomic"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// ScanRequest asks for one slice of a table.
type ScanRequest struct {
	Slice   int   // which slice to read, 0 <= Slice < Slices()
	Columns []int // table column ordinals to materialise, in output order
	// Ranges are conjunctive restrictions the planner proved on table
	// columns: a reader may skip any block whose zone map shows none of its
	// rows can satisfy them. They are hints: rows outside them may still be
	// returned (the filter above the scan stays).
	Ranges []ColumnRange
	// Stats, when not nil, counts blocks read and skipped (shared by all
	// slices of one scan; updated atomically).
	Stats *ScanStats
}

// ColumnRange restricts one table column: Lo <= col <= Hi (or < / > when not
// inclusive); a nil bound is open. Values are of the column's type.
type ColumnRange struct {
	Col            int
	Lo, Hi         types.Datum
	LoIncl, HiIncl bool
}

// ScanStats counts zone-map work of one scan.
type ScanStats struct {
	BlocksRead    atomic.Int64
	BlocksSkipped atomic.Int64
	RowsRead      atomic.Int64
}

// TableReader streams a table's rows, slice by slice, at the snapshot it was
// obtained for.
type TableReader interface {
	Slices() int
	Scan(ctx context.Context, req ScanRequest) (BatchIterator, error)
}

// BatchIterator yields batches; (nil, nil) at the end.
type BatchIterator interface {
	Next(ctx context.Context) (*vector.Batch, error)
	Close() error
}
