package exec

// STUBS owned by the aggregation/window helper: replace each with a real
// implementation in its own file and delete it here.

import "github.com/warehoused/warehoused/types"

// LookupAgg resolves an aggregate's result type (42883 when unknown).
func LookupAgg(name string, args []types.T, distinct bool) (types.T, error) {
	return types.T{}, stub("LookupAgg " + name)
}

// IsAgg reports whether name is an aggregate function.
func IsAgg(name string) bool { return false }

// NewHashAgg groups the union of its inputs (consumed in parallel, one
// goroutine each, then merged) by groupCols and computes aggs. Output: group
// columns, then one column per agg, then — when groupingSets is non-nil — a
// BIGINT grouping id (bit i set: groupCols[i] not in the row's set). With no
// group columns and no grouping sets it yields exactly one row, also for empty input.
func NewHashAgg(ec *EvalContext, inputs []Operator, groupCols []int, aggs []AggSpec, groupingSets [][]int) Operator {
	panic(stub("NewHashAgg"))
}

// LookupWindow resolves a window function's result type (ranking, offset and
// value functions, and every aggregate).
func LookupWindow(name string, args []types.T) (types.T, error) {
	return types.T{}, stub("LookupWindow " + name)
}

// NewWindow computes funcs, which share one PARTITION BY and ORDER BY, and
// outputs the input columns followed by one column per func.
func NewWindow(ec *EvalContext, input Operator, partitionBy []int, orderBy []SortSpec, funcs []WindowSpec) Operator {
	panic(stub("NewWindow"))
}
