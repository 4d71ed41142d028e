package exec

// STUBS owned by the engine helper.

import (
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// NewScan reads one slice of a table. Column ordinal -1 in req.Columns is the
// row id (BIGINT) UPDATE and DELETE use.
func NewScan(src storage.TableReader, req storage.ScanRequest, ts []types.T) Operator {
	panic(stub("NewScan"))
}

// NewBatches yields prepared batches (system tables, tests).
func NewBatches(ts []types.T, batches []*vector.Batch) Operator { panic(stub("NewBatches")) }
