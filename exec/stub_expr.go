package exec

// STUBS owned by the expressions/functions helper: replace each with a real
// implementation in its own file and delete it from here.

import (
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func stub(name string) error {
	return sqlerr.Newf(sqlerr.FeatureNotSupported, "%s is not implemented yet", name)
}

// WhenExpr is one arm of a compiled searched CASE.
type WhenExpr struct{ Cond, Then Expr }

// FuncSig is the resolved signature of a scalar function or operator: the
// parameter types its arguments must be cast to, and its result type.
type FuncSig struct {
	Params []types.T
	Ret    types.T
}

// NewColRef reads input column idx.
func NewColRef(idx int, t types.T) Expr { panic(stub("NewColRef")) }

// NewConst is a constant (v is a types.Datum of t's physical kind, or nil).
func NewConst(v types.Datum, t types.T) Expr { panic(stub("NewConst")) }

// NewParam reads statement parameter idx (0-based) from EvalContext.Params.
func NewParam(idx int, t types.T) Expr { panic(stub("NewParam")) }

// NewCall compiles a call of a registered scalar function or operator whose
// args already have the types LookupFunc returned.
func NewCall(name string, args []Expr) (Expr, error) { return nil, stub("NewCall " + name) }

// NewCast converts arg to type to (PostgreSQL cast semantics, 22003/22P02/22007 on bad values).
func NewCast(arg Expr, to types.T, intervalFields string) (Expr, error) { return nil, stub("NewCast") }

// NewAnd is three-valued AND.
func NewAnd(args []Expr) Expr { panic(stub("NewAnd")) }

// NewOr is three-valued OR.
func NewOr(args []Expr) Expr { panic(stub("NewOr")) }

// NewNot is three-valued NOT.
func NewNot(arg Expr) Expr { panic(stub("NewNot")) }

// NewIsNull is IS [NOT] NULL.
func NewIsNull(arg Expr, neg bool) Expr { panic(stub("NewIsNull")) }

// NewCase is a searched CASE; each arm is evaluated only on rows that reach it.
func NewCase(whens []WhenExpr, els Expr, t types.T) Expr { panic(stub("NewCase")) }

// NewInList is arg [NOT] IN (list) with SQL NULL semantics.
func NewInList(arg Expr, list []Expr, neg bool) (Expr, error) { return nil, stub("NewInList") }

// LookupFunc resolves a scalar function or operator by name and argument types
// (42883 when none fits, 42725 when ambiguous).
func LookupFunc(name string, args []types.T) (FuncSig, error) {
	return FuncSig{}, stub("LookupFunc " + name)
}

// CanCast reports whether a value of type from converts to type to
// implicitly (explicit false) or with CAST (explicit true).
func CanCast(from, to types.T, explicit bool) bool { return false }

// EvalConst evaluates an expression that reads no columns.
func EvalConst(ec *EvalContext, e Expr) (types.Datum, error) { return nil, stub("EvalConst") }

// NewFilter keeps the rows where pred is TRUE.
func NewFilter(ec *EvalContext, input Operator, pred Expr) Operator { panic(stub("NewFilter")) }

// NewProject computes exprs over each input batch.
func NewProject(ec *EvalContext, input Operator, exprs []Expr) Operator { panic(stub("NewProject")) }
