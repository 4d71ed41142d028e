// Package exec runs physical plans: vectorized, pull-based operators over
// vector.Batch, and compiled scalar expressions.
//
// exec never imports planner, catalog or sql: operators are built from plain
// values (column indexes, compiled Exprs, specs), so each can be tested alone.
package exec

import (
	"context"
	"time"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Operator produces batches on demand.
//
// Contract:
//   - Open is called once before Next; it opens children.
//   - Next returns (nil, nil) when the input is exhausted and keeps doing so.
//     A returned batch is owned by the caller, has N > 0 rows, and has
//     len(Types()) columns. Its vectors may share memory with stored tables,
//     so callers treat them as read-only. A caller that is completely done
//     with a batch may hand it back (recycleBatch, recycle.go) and the
//     producer may then reuse its memory; without that hand-back a producer
//     never touches a batch it returned.
//   - Next checks ctx once per batch and returns sqlerr 57014 when ctx is done.
//   - Close may be called at any time after construction, more than once; it
//     closes children and stops and awaits any goroutines the operator started.
//   - An operator is used by one goroutine at a time.
type Operator interface {
	Open(ctx context.Context) error
	Next(ctx context.Context) (*vector.Batch, error)
	Close() error
	Types() []types.T
}

// Expr is a compiled scalar expression evaluated over a whole batch.
// Eval returns a vector of in.N rows that the caller may keep and modify
// (an Expr never returns one of the input batch's vectors without copying... except
// ColRef, whose result callers must treat as read-only).
type Expr interface {
	Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error)
	Type() types.T
}

// EvalContext is the per-statement state expressions and operators read.
// It is shared read-only by all goroutines of a statement.
type EvalContext struct {
	Params     []types.Datum  // $1.. values, already converted to the parameter types
	Now        time.Time      // statement start: getdate(), current_timestamp
	TxStart    time.Time      // transaction start: now()
	Location   *time.Location // session TimeZone (UTC when nil)
	User       string
	Database   string
	SearchPath []string
	BatchSize  int // rows per batch operators aim for; vector.DefaultBatchSize when 0
	// Setting returns a session setting by name (current_setting()).
	Setting func(name string) (string, bool)
	// Version is what version() returns.
	Version string
	// Catalog answers the system information functions (regclass casts,
	// pg_table_is_visible, obj_description, set_config ...); nil outside a
	// session, where those functions fail (and so are not constant-folded).
	Catalog CatalogFuncs
}

// Size returns the batch size to use.
func (ec *EvalContext) Size() int {
	if ec == nil || ec.BatchSize <= 0 {
		return vector.DefaultBatchSize
	}
	return ec.BatchSize
}

// Loc returns the session time zone.
func (ec *EvalContext) Loc() *time.Location {
	if ec == nil || ec.Location == nil {
		return time.UTC
	}
	return ec.Location
}
