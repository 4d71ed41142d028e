// Package storage holds table data. This file declares what the executor needs
// from a table; implementations (in-memory now, columnar blocks later) live beside it.
package storage

import (
	"context"

	"github.com/warehoused/warehoused/vector"
)

// ScanRequest asks for one slice of a table.
type ScanRequest struct {
	Slice   int   // which slice to read, 0 <= Slice < Slices()
	Columns []int // table column ordinals to materialise, in output order
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
