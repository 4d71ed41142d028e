// Package plan is the logical plan: a closed set of relational nodes and bound
// scalar expressions, produced by planner/bind, rewritten by planner/rules and
// turned into exec operators by planner/physical.
//
// Columns are identified by ColumnID, unique within one statement's plan, not by
// position: a node's Schema lists the IDs it outputs, and expressions refer to
// input columns through ColRef{ID}. Nodes are treated as immutable; rules build
// new nodes (WithChildren) rather than editing in place.
package plan

import (
	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/types"
)

// ColumnID names a column within one statement's plan.
type ColumnID int32

// Column is one output column of a node.
type Column struct {
	ID       ColumnID
	Name     string // display name (the SELECT alias for the final projection)
	Table    string // qualifier for display ("" when none)
	Type     types.T
	Nullable bool
}

// Schema is a node's output columns in order.
type Schema []Column

// IDs returns the column IDs of s in order.
func (s Schema) IDs() []ColumnID {
	out := make([]ColumnID, len(s))
	for i, c := range s {
		out[i] = c.ID
	}
	return out
}

// IndexOf returns the position of column id in s, or -1.
func (s Schema) IndexOf(id ColumnID) int {
	for i, c := range s {
		if c.ID == id {
			return i
		}
	}
	return -1
}

// Node is a logical plan node.
type Node interface {
	Schema() Schema
	Children() []Node
	// WithChildren returns a copy of the node with new inputs (same count).
	WithChildren(children []Node) Node
	node()
}

// Scan reads a stored table. Columns are the table ordinals it outputs, Cols
// the matching output columns. Filter, when non-nil, is a conjunction pushed
// into the scan (evaluated over Cols); the scan may use it to skip blocks.
type Scan struct {
	Table   *catalog.Table
	Alias   string
	Columns []int
	Cols    Schema
	Filter  Expr
}

// SystemScan reads a system relation whose rows the engine produces.
type SystemScan struct {
	Table   *catalog.Table
	Alias   string
	Columns []int
	Cols    Schema
}

// Values is a constant relation: VALUES lists, or one empty row for a FROM-less SELECT.
type Values struct {
	Rows [][]Expr
	Cols Schema
}

// Filter keeps rows where Pred is true.
type Filter struct {
	Input Node
	Pred  Expr
}

// Project computes Exprs over its input; Cols[i] is the output of Exprs[i].
type Project struct {
	Input Node
	Exprs []Expr
	Cols  Schema
}

// JoinKind is the kind of a logical join.
type JoinKind uint8

// Join kinds. Semi and Anti output only the left columns; Mark outputs the left
// columns plus MarkCol, a boolean that is TRUE when a match exists, NULL when no
// match exists but a comparison was NULL (SQL IN semantics), FALSE otherwise.
const (
	JoinInner JoinKind = iota
	JoinLeft
	JoinRight
	JoinFull
	JoinSemi
	JoinAnti
	JoinMark
)

// Join combines Left and Right. Cond nil means a cross product. NullAware on
// an Anti join gives NOT IN semantics: if the right side has a NULL key, or a
// left key is NULL and the right side is not empty, the left row is not output.
type Join struct {
	Kind      JoinKind
	Left      Node
	Right     Node
	Cond      Expr
	NullAware bool
	MarkCol   Column // for JoinMark
}

// AggCall is one aggregate of an Aggregate node.
type AggCall struct {
	Name     string // lower-case: count, sum, avg, min, max, ...; "count" with no Args is count(*)
	Args     []Expr
	Distinct bool
	Filter   Expr      // FILTER (WHERE ...); nil when none
	OrderBy  []SortKey // ORDER BY inside the call / WITHIN GROUP
	Col      Column    // output column
}

// Aggregate groups its input by GroupBy and computes Aggs. The output is
// GroupCols (one per GroupBy expression) followed by one column per AggCall,
// followed by GroupingIDCol when GroupingSets is non-nil.
//
// GroupingSets, when non-nil, lists the sets as indexes into GroupBy; group
// columns not in a row's set are NULL there. The grouping id is a BIGINT whose
// bit i is set when GroupBy[i] is NOT part of that row's set.
type Aggregate struct {
	Input         Node
	GroupBy       []Expr
	GroupCols     Schema
	Aggs          []AggCall
	GroupingSets  [][]int
	GroupingIDCol *Column
}

// SortKey is one ordering key.
type SortKey struct {
	Expr       Expr
	Desc       bool
	NullsFirst bool
}

// FrameMode is ROWS, RANGE or GROUPS.
type FrameMode uint8

// Frame modes.
const (
	FrameRange FrameMode = iota
	FrameRows
	FrameGroups
)

// BoundKind is where a frame bound lies.
type BoundKind uint8

// Frame bound kinds.
const (
	UnboundedPreceding BoundKind = iota
	OffsetPreceding
	CurrentRow
	OffsetFollowing
	UnboundedFollowing
)

// FrameBound is one end of a frame; Offset is a constant row count for ROWS.
type FrameBound struct {
	Kind   BoundKind
	Offset int64
}

// Frame is a window frame. The default (no ORDER BY: whole partition; with
// ORDER BY: RANGE UNBOUNDED PRECEDING to CURRENT ROW) is spelled out by bind.
type Frame struct {
	Mode  FrameMode
	Start FrameBound
	End   FrameBound
}

// WindowFunc is one window function call.
type WindowFunc struct {
	Name        string // row_number, rank, dense_rank, percent_rank, cume_dist, ntile, lag, lead, first_value, last_value, nth_value, or an aggregate
	Args        []Expr
	Distinct    bool
	IgnoreNulls bool
	PartitionBy []Expr
	OrderBy     []SortKey
	Frame       Frame
	Col         Column
}

// Window computes Funcs over its input; output is the input columns followed
// by one column per function.
type Window struct {
	Input Node
	Funcs []WindowFunc
}

// Sort orders its input.
type Sort struct {
	Input Node
	Keys  []SortKey
}

// Limit passes at most Count rows after skipping Offset. Count nil: no limit.
// Both are constant expressions (possibly parameters), evaluated before execution.
type Limit struct {
	Input  Node
	Count  Expr
	Offset Expr
}

// SetOpKind is UNION, INTERSECT or EXCEPT.
type SetOpKind uint8

// Set operations.
const (
	Union SetOpKind = iota
	Intersect
	Except
)

// SetOp combines two inputs of equal arity (bind casts them to the common
// types, position by position). Cols are the output columns.
type SetOp struct {
	Kind  SetOpKind
	All   bool
	Left  Node
	Right Node
	Cols  Schema
}

// Max1Row passes its input through but fails with 21000 if it has more than one row
// (a scalar subquery).
type Max1Row struct {
	Input Node
}

// RecursiveCTE evaluates Anchor, then repeatedly Recursive over the rows the
// previous step produced (read by WorkTableScan nodes with the same WorkID),
// until a step produces none. Distinct (UNION rather than UNION ALL) drops rows
// already produced.
type RecursiveCTE struct {
	WorkID    int
	Anchor    Node
	Recursive Node
	Distinct  bool
	Cols      Schema
}

// WorkTableScan reads the working table of the enclosing RecursiveCTE.
type WorkTableScan struct {
	WorkID int
	Cols   Schema
}

// TableFunc is a set-returning function in FROM (generate_series).
type TableFunc struct {
	Name string
	Args []Expr
	Cols Schema
}

// IDGen hands out fresh column IDs for one statement. The binder creates it;
// rules that introduce columns continue from it.
type IDGen struct{ Next ColumnID }

// New returns an unused column ID.
func (g *IDGen) New() ColumnID {
	g.Next++
	return g.Next
}
