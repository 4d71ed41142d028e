package cost

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// Bound is a conjunct `column op constant` in a normal form: the column on
// the left (`5 > x` becomes `x < 5`). Op is one of = < <= > >=.
type Bound struct {
	Col   *plan.ColRef
	Op    string
	Value types.Datum // non-NULL, in the column's representation
}

// flipped maps an operator to its mirror image (a op b == b flip(op) a).
var flipped = map[string]string{"=": "=", "<": ">", "<=": ">=", ">": "<", ">=": "<="}

// BoundOf recognises c as `col op const` or `const op col` whose constant
// has the column's value representation (SameRepr); ok is false otherwise.
func BoundOf(c plan.Expr) (Bound, bool) {
	call, ok := c.(*plan.Call)
	if !ok || len(call.Args) != 2 {
		return Bound{}, false
	}
	if _, ok := flipped[call.Name]; !ok {
		return Bound{}, false
	}
	op, k := call.Name, call.Args[1]
	ref, ok := call.Args[0].(*plan.ColRef)
	if !ok {
		op, k = flipped[op], call.Args[0]
		if ref, ok = call.Args[1].(*plan.ColRef); !ok {
			return Bound{}, false
		}
	}
	v, ok := ConstOf(k, ref.Typ)
	if !ok {
		return Bound{}, false
	}
	return Bound{Col: ref, Op: op, Value: v}, true
}

// ConstOf returns the value of e when e is a non-NULL constant whose type
// stores values like t does.
func ConstOf(e plan.Expr, t types.T) (types.Datum, bool) {
	k, ok := e.(*plan.Const)
	if !ok || k.Value == nil || !SameRepr(k.Typ, t) {
		return nil, false
	}
	return k.Value, true
}

// SameRepr reports whether values of a and b are stored alike, so that
// their Go values compare as the SQL values do: equal types, integers of
// any width, strings, or decimals of one scale and physical kind.
func SameRepr(a, b types.T) bool {
	switch {
	case a.ID == b.ID && a.ID != types.Decimal:
		return true
	case a.IsInteger() && b.IsInteger():
		return true
	case a.IsString() && b.IsString():
		return true
	case a.ID == types.Decimal && b.ID == types.Decimal:
		return a.Scale == b.Scale && a.Physical() == b.Physical()
	}
	return false
}
