package exec

// STUBS owned by the operators helper (joins, sort, limit, set operations,
// gather): replace each with a real implementation in its own file and delete it here.

import "github.com/warehoused/warehoused/types"

// NewGather runs every input in its own goroutine and yields their batches in
// any order (the in-process exchange).
func NewGather(inputs []Operator) Operator { panic(stub("NewGather")) }

// NewLimit skips offset rows and then passes at most limit rows (limit < 0: no limit).
func NewLimit(input Operator, limit, offset int64) Operator { panic(stub("NewLimit")) }

// NewSort sorts the union of its inputs (sorted in parallel, then merged).
func NewSort(ec *EvalContext, inputs []Operator, keys []SortSpec) Operator { panic(stub("NewSort")) }

// NewTopN returns rows [offset, offset+limit) of the sorted union of its inputs.
func NewTopN(ec *EvalContext, inputs []Operator, keys []SortSpec, limit, offset int64) Operator {
	panic(stub("NewTopN"))
}

// NewHashJoin joins each probe input with one shared hash table built from
// build. It returns one operator per probe input, to be run in parallel; they
// share the build (built once, by whichever is opened first) and, for
// JoinRight/JoinFull, exactly one of them emits the unmatched build rows after
// all probes finished.
func NewHashJoin(ec *EvalContext, probes []Operator, build Operator, spec JoinSpec) []Operator {
	panic(stub("NewHashJoin"))
}

// NewNestedLoopJoin joins left and right (materialised) on cond, evaluated
// over left ++ right columns (nil: cross product). All JoinTypes are supported.
func NewNestedLoopJoin(ec *EvalContext, left, right Operator, typ JoinType, cond Expr) Operator {
	panic(stub("NewNestedLoopJoin"))
}

// NewValues yields constant rows, evaluated at Open.
func NewValues(ec *EvalContext, ts []types.T, rows [][]Expr) Operator { panic(stub("NewValues")) }

// NewMax1Row passes through at most one row; a second row fails with 21000.
func NewMax1Row(input Operator) Operator { panic(stub("NewMax1Row")) }

// SetOpKind: 1 INTERSECT, 2 EXCEPT (UNION is Gather plus a distinct HashAgg).
// NewSetOp computes INTERSECT/EXCEPT [ALL]; NULLs compare equal.
func NewSetOp(left, right Operator, kind uint8, all bool) Operator { panic(stub("NewSetOp")) }

// WorkTable holds the rows of the current step of a recursive CTE.
type WorkTable struct{ stubbed bool }

// NewWorkTable returns an empty working table with the given column types.
func NewWorkTable(ts []types.T) *WorkTable { panic(stub("NewWorkTable")) }

// NewWorkTableScan reads the rows w holds when it is opened.
func NewWorkTableScan(w *WorkTable) Operator { panic(stub("NewWorkTableScan")) }

// NewRecursiveCTE yields anchor's rows, then repeatedly builds an operator
// with recursive() (which reads w through WorkTableScans), after loading w
// with the previous step's rows, until a step yields nothing. distinct drops
// rows already yielded (UNION).
func NewRecursiveCTE(anchor Operator, w *WorkTable, recursive func() (Operator, error), distinct bool) Operator {
	panic(stub("NewRecursiveCTE"))
}

// NewGenerateSeries yields generate_series(start, stop[, step]) as one column of type t.
func NewGenerateSeries(ec *EvalContext, args []Expr, t types.T) Operator {
	panic(stub("NewGenerateSeries"))
}
