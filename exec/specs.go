package exec

import "github.com/warehoused/warehoused/types"

// SortSpec is one sort key over an input column.
type SortSpec struct {
	Col        int
	Desc       bool
	NullsFirst bool
}

// JoinType is the kind of join from the probe (left) side's point of view.
type JoinType uint8

// Join types. Output columns: probe columns then build columns for Inner,
// Left, Right and Full (build columns NULL for unmatched probe rows and vice
// versa); probe columns only for Semi and Anti; probe columns plus one BOOLEAN
// for Mark (TRUE: a match; NULL: no match but some comparison was NULL, or the
// probe key is NULL and the build side is not empty; FALSE otherwise).
const (
	JoinInner JoinType = iota
	JoinLeft           // keep unmatched probe rows
	JoinRight          // keep unmatched build rows
	JoinFull
	JoinSemi
	JoinAnti
	JoinMark
	// JoinRightSemi and JoinRightAnti build on the tested input and probe with
	// the (larger) subquery input: they output build columns only, once each,
	// for the build rows some probe row matched (RightSemi) or none did
	// (RightAnti), after every probe finished. Never null-aware.
	JoinRightSemi
	JoinRightAnti
)

// JoinSpec describes an equi-join. Keys pair ProbeKeys[i] (probe column index)
// with BuildKeys[i] (build column index); key columns of a pair have the same
// type. Residual, if non-nil, is evaluated over the concatenation probe
// columns ++ build columns and must be true for a pair to match.
type JoinSpec struct {
	Type      JoinType
	ProbeKeys []int
	BuildKeys []int
	// NullEq[i] makes pair i match NULL with NULL (IS NOT DISTINCT FROM);
	// nil means all pairs use ordinary equality (NULL never matches).
	NullEq   []bool
	Residual Expr
	// NullAware gives an Anti join NOT IN semantics: a probe row is dropped when
	// the build side has a NULL key, or its own key is NULL and the build side
	// is not empty.
	NullAware bool
}

// AggSpec is one aggregate over input columns.
type AggSpec struct {
	Name     string // count, sum, avg, min, max, stddev, stddev_samp, stddev_pop, variance, var_samp, var_pop, bool_and, bool_or, every, listagg, string_agg, median, percentile_cont, percentile_disc, approximate_count_distinct ("approximate count(distinct)"), any_value
	Args     []int  // input column indexes (empty for count(*))
	ArgTypes []types.T
	Distinct bool
	Filter   int        // input column index of a BOOLEAN filter, -1 when none
	OrderBy  []SortSpec // ORDER BY / WITHIN GROUP keys over input columns
	// Consts holds constant arguments that are not per-row (the delimiter of
	// listagg, the fraction of percentile_cont), in argument order after Args.
	Consts []types.Datum
	Ret    types.T
}

// FrameSpec is a window frame with constant ROWS offsets.
type FrameSpec struct {
	Mode        uint8 // 0 RANGE, 1 ROWS, 2 GROUPS (plan.FrameMode values)
	StartKind   uint8 // plan.BoundKind values
	StartOffset int64
	EndKind     uint8
	EndOffset   int64
}

// WindowSpec is one window function over a partitioned, ordered input.
type WindowSpec struct {
	Name        string
	Args        []int // input column indexes
	ArgTypes    []types.T
	Consts      []types.Datum // constant args (lag/lead offset and default, ntile count, nth_value n), in order after Args
	Distinct    bool
	IgnoreNulls bool
	Frame       FrameSpec
	Ret         types.T
}
