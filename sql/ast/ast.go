// Package ast is warehoused's own syntax tree: what package sql produces from
// pg_query's parse tree (plus the Redshift extensions) and what the binder reads.
// It holds no behaviour beyond the node types. Loc fields are 0-based byte offsets
// into the statement text, -1 when unknown.
package ast

import "github.com/warehoused/warehoused/types"

// Node is any syntax tree node.
type Node interface{ node() }

// Stmt is a top-level statement.
type Stmt interface {
	Node
	stmt()
}

// Expr is a scalar expression.
type Expr interface {
	Node
	expr()
}

// TableExpr is an item of a FROM clause.
type TableExpr interface {
	Node
	tableExpr()
}

// ---------------------------------------------------------------- queries

// SetOpKind says how a Select combines its Left and Right.
type SetOpKind uint8

// Set operations.
const (
	SetNone SetOpKind = iota
	SetUnion
	SetIntersect
	SetExcept
)

// Select is a query. It is one of three shapes, exactly as PostgreSQL's grammar
// builds it:
//   - a plain SELECT (Targets, From, Where, GroupBy, Having, Windows, Distinct);
//   - VALUES (Values non-nil);
//   - a set operation (Op != SetNone; Left and Right hold the operands).
//
// With, OrderBy, Limit and Offset may decorate any of the three.
type Select struct {
	With *With

	Distinct   bool
	DistinctOn []Expr // DISTINCT ON (...); Distinct is also true
	Targets    []*Target
	From       []TableExpr
	Where      Expr
	GroupBy    []GroupingElement
	Having     Expr
	Windows    []*WindowDef // WINDOW w AS (...), each with Name set

	Values [][]Expr

	Op    SetOpKind
	All   bool // UNION ALL etc.
	Left  *Select
	Right *Select

	OrderBy []*OrderItem
	Limit   Expr // nil: no LIMIT (LIMIT ALL is nil too)
	Offset  Expr
	Loc     int
}

// With is a WITH clause.
type With struct {
	Recursive bool
	CTEs      []*CTE
}

// CTE is one WITH item: name [(cols)] AS (query).
type CTE struct {
	Name    string
	Columns []string
	Query   *Select
	Loc     int
}

// Target is one SELECT list item. Star targets (`*`, `t.*`) are ColumnRef
// expressions with Star set.
type Target struct {
	Expr  Expr
	Alias string // "" when not given
	Loc   int
}

// OrderItem is one ORDER BY key.
type OrderItem struct {
	Expr  Expr
	Desc  bool
	Nulls NullsOrder
}

// NullsOrder is NULLS FIRST/LAST or the default (last for ASC, first for DESC).
type NullsOrder uint8

// NULLS placement.
const (
	NullsDefault NullsOrder = iota
	NullsFirst
	NullsLast
)

// GroupingElement is one GROUP BY item.
type GroupingElement interface {
	Node
	grouping()
}

// GroupExpr is a plain GROUP BY expression.
type GroupExpr struct{ Expr Expr }

// GroupingSetKind distinguishes ROLLUP, CUBE and GROUPING SETS.
type GroupingSetKind uint8

// Grouping set kinds.
const (
	GroupingSets GroupingSetKind = iota
	Rollup
	Cube
	EmptyGroupingSet // ()
)

// GroupingSet is ROLLUP(...), CUBE(...), GROUPING SETS(...) or ().
// Items of ROLLUP and CUBE are expressions or parenthesised lists
// (GroupingSet with Kind GroupingSets meaning "a row of expressions");
// GROUPING SETS items are GroupExpr, nested GroupingSet or ().
type GroupingSet struct {
	Kind  GroupingSetKind
	Items []GroupingElement
	Loc   int
}

// WindowDef is an OVER clause or a WINDOW definition.
type WindowDef struct {
	Name        string // WINDOW name AS (...)
	RefName     string // OVER (w ...) or OVER w: refers to a named window
	PartitionBy []Expr
	OrderBy     []*OrderItem
	Frame       *Frame // nil: default frame
	Loc         int
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

// Frame bounds.
const (
	UnboundedPreceding BoundKind = iota
	OffsetPreceding
	CurrentRow
	OffsetFollowing
	UnboundedFollowing
)

// FrameBound is one end of a window frame.
type FrameBound struct {
	Kind   BoundKind
	Offset Expr // for OffsetPreceding/OffsetFollowing
}

// Frame is a window frame clause.
type Frame struct {
	Mode  FrameMode
	Start FrameBound
	End   FrameBound // CurrentRow when only a start was written
}

// ---------------------------------------------------------------- FROM items

// TableName is a (possibly schema-qualified) table, view or CTE reference.
type TableName struct {
	Schema string // "" when unqualified
	Name   string
	Alias  *Alias
	Loc    int
}

// Alias is AS name [(col, ...)].
type Alias struct {
	Name    string
	Columns []string
}

// SubqueryTable is a derived table: [LATERAL] (SELECT ...) AS alias.
type SubqueryTable struct {
	Query   *Select
	Alias   *Alias
	Lateral bool
	Loc     int
}

// FuncTable is a set-returning function in FROM, e.g. generate_series(1, 10).
type FuncTable struct {
	Call  *FuncCall
	Alias *Alias
	Loc   int
}

// JoinKind is the kind of an explicit JOIN.
type JoinKind uint8

// Join kinds.
const (
	JoinInner JoinKind = iota
	JoinLeft
	JoinRight
	JoinFull
	JoinCross
)

// JoinExpr is an explicit JOIN.
type JoinExpr struct {
	Kind    JoinKind
	Left    TableExpr
	Right   TableExpr
	On      Expr     // nil for CROSS, NATURAL and USING joins
	Using   []string // USING (a, b)
	Natural bool
	Alias   *Alias // (a JOIN b) AS x
	Loc     int
}

func (*TableName) node()      {}
func (*SubqueryTable) node()  {}
func (*FuncTable) node()      {}
func (*JoinExpr) node()       {}
func (*TableName) tableExpr() {}

func (*SubqueryTable) tableExpr() {}
func (*FuncTable) tableExpr()     {}
func (*JoinExpr) tableExpr()      {}

func (*GroupExpr) node()       {}
func (*GroupingSet) node()     {}
func (*GroupExpr) grouping()   {}
func (*GroupingSet) grouping() {}

// ---------------------------------------------------------------- column types

// TypeName is a type as written, already resolved to a types.T by the parser.
// IntervalFields keeps an interval qualifier such as "month" or "day to second"
// ("" when none) because `INTERVAL '3' MONTH` means 3 months.
type TypeName struct {
	Type           types.T
	IntervalFields string
	Loc            int
	// Name is the type's name as written (lower-cased, pg_catalog dropped,
	// "[]" appended for arrays) when Type is Unknown because the engine has
	// no such type but catalog queries use it: "oid", "regclass", "text[]"...
	// Empty otherwise. (Added by the parser helper.)
	Name string
}
