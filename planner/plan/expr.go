package plan

import "github.com/warehoused/warehoused/types"

// Expr is a bound, typed scalar expression.
type Expr interface {
	Type() types.T
	expr()
}

// ColRef reads an input column.
type ColRef struct {
	ID   ColumnID
	Typ  types.T
	Name string // for EXPLAIN
}

// Const is a literal of type Typ; Value is a types.Datum (nil for NULL).
type Const struct {
	Value types.Datum
	Typ   types.T
}

// Param is statement parameter $Index+1, of type Typ.
type Param struct {
	Index int
	Typ   types.T
}

// Call is a scalar function or operator, by the name the function registry
// (exec.LookupFunc) knows it: "+", "=", "like", "substring", "date_trunc", ...
// Args already have the parameter types of the resolved overload.
type Call struct {
	Name string
	Args []Expr
	Typ  types.T
}

// Cast converts Arg to To. IntervalFields carries the qualifier of
// `INTERVAL '3' MONTH` ("" when none).
type Cast struct {
	Arg            Expr
	To             types.T
	IntervalFields string
}

// BoolOpKind is AND or OR.
type BoolOpKind uint8

// Boolean connectives.
const (
	OpAnd BoolOpKind = iota
	OpOr
)

// BoolOp is AND/OR over two or more args, with SQL three-valued logic.
type BoolOp struct {
	Op   BoolOpKind
	Args []Expr
}

// Not is logical negation (NULL stays NULL).
type Not struct{ Arg Expr }

// IsNull is `Arg IS [NOT] NULL`.
type IsNull struct {
	Arg Expr
	Neg bool
}

// When is one arm of a searched CASE.
type When struct {
	Cond Expr
	Then Expr
}

// Case is a searched CASE: the first arm whose Cond is true gives the value;
// Else (NULL when nil) otherwise. Arms are evaluated only on the rows that reach them.
type Case struct {
	Whens []When
	Else  Expr
	Typ   types.T
}

// InList is `Arg [NOT] IN (List...)` with SQL NULL semantics.
type InList struct {
	Arg  Expr
	List []Expr
	Neg  bool
}

// SubqueryKind is how a subquery expression uses its query.
type SubqueryKind uint8

// Subquery expression kinds.
const (
	SubExists SubqueryKind = iota
	SubScalar
	SubAny
	SubAll
)

// Subquery is a subquery inside an expression. It exists only inside the
// binder: decorrelation turns every Subquery into joins before the plan leaves
// planner/bind.
type Subquery struct {
	Kind  SubqueryKind
	Plan  Node
	Test  Expr   // left operand of ANY/ALL
	Op    string // comparison of ANY/ALL
	Typ   types.T
	Outer []ColumnID // outer columns the subquery refers to (empty: uncorrelated)
}

func (e *ColRef) Type() types.T   { return e.Typ }
func (e *Const) Type() types.T    { return e.Typ }
func (e *Param) Type() types.T    { return e.Typ }
func (e *Call) Type() types.T     { return e.Typ }
func (e *Cast) Type() types.T     { return e.To }
func (e *BoolOp) Type() types.T   { return types.BoolType }
func (e *Not) Type() types.T      { return types.BoolType }
func (e *IsNull) Type() types.T   { return types.BoolType }
func (e *Case) Type() types.T     { return e.Typ }
func (e *InList) Type() types.T   { return types.BoolType }
func (e *Subquery) Type() types.T { return e.Typ }

func (*ColRef) expr()   {}
func (*Const) expr()    {}
func (*Param) expr()    {}
func (*Call) expr()     {}
func (*Cast) expr()     {}
func (*BoolOp) expr()   {}
func (*Not) expr()      {}
func (*IsNull) expr()   {}
func (*Case) expr()     {}
func (*InList) expr()   {}
func (*Subquery) expr() {}
