package exec

import (
	"cmp"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Comparison operators: both operands are cast to a common type (numeric
// promotion, DATE < TIMESTAMP < TIMESTAMPTZ, strings as TEXT), and kernels
// compare values of one physical kind.

func init() {
	for _, op := range []string{"=", "<>", "<", "<=", ">", ">="} {
		op := op
		registerFunc(op, frsig(resolveCompare, func(args []Expr, ret types.T) (Expr, error) {
			a, b := unwidenDateCompare(args[0], args[1])
			e := newBinExpr(a, b, types.BoolType, compareKernel(op, a.Type()))
			e.cmp = true
			return e, nil
		}))
	}
}

// unwidenDateCompare turns `date_col::timestamp op TIMESTAMP 'midnight'`
// (what `d <= date '1998-12-01' - interval '90' day` becomes) back into a
// DATE comparison, saving a cast per row.
func unwidenDateCompare(a, b Expr) (Expr, Expr) {
	if ca, ok := a.(*castExpr); ok && ca.to.ID == types.Timestamp && ca.arg.Type().ID == types.Date {
		if cb, ok := b.(*constExpr); ok && cb.v != nil {
			if ts := cb.v.(int64); ts%types.MicrosPerDay == 0 {
				return ca.arg, &constExpr{v: ts / types.MicrosPerDay, t: types.DateType}
			}
		}
	}
	if cb, ok := b.(*castExpr); ok && cb.to.ID == types.Timestamp && cb.arg.Type().ID == types.Date {
		if ca, ok := a.(*constExpr); ok && ca.v != nil {
			if ts := ca.v.(int64); ts%types.MicrosPerDay == 0 {
				return &constExpr{v: ts / types.MicrosPerDay, t: types.DateType}, cb.arg
			}
		}
	}
	return a, b
}

// commonTypeOf returns the type two values are compared (or unified) in.
func commonTypeOf(a, b types.T) (types.T, bool) {
	switch {
	case a.ID == types.Unknown && b.ID == types.Unknown:
		return types.TextType, true
	case a.ID == types.Unknown:
		return b, true
	case b.ID == types.Unknown:
		return a, true
	case a == b:
		return a, true
	case a.IsString() && b.IsString():
		if a.ID == types.Char && b.ID == types.Char {
			return types.CharType(max(a.Width, b.Width)), true
		}
		return types.TextType, true
	case a.IsNumeric() && b.IsNumeric():
		return numericCommon(a, b), true
	case isDateLike(a) && isDateLike(b):
		if a.ID == types.TimestampTZ || b.ID == types.TimestampTZ {
			return types.TSTZType, true
		}
		return types.TSType, true
	case a.ID == b.ID:
		return a, true
	}
	return types.T{}, false
}

func isDateLike(t types.T) bool {
	return t.ID == types.Date || t.ID == types.Timestamp || t.ID == types.TimestampTZ
}

// numericCommon is the type mixed numeric operands are promoted to.
func numericCommon(a, b types.T) types.T {
	if a.ID == types.Float64 || b.ID == types.Float64 || a.ID == types.Float32 || b.ID == types.Float32 {
		if a.ID == types.Float32 && b.ID == types.Float32 {
			return types.Float32Type
		}
		return types.Float64Type
	}
	if a.ID == types.Decimal || b.ID == types.Decimal {
		da, db := asDecimal(a), asDecimal(b)
		s := max(da.Scale, db.Scale)
		p := min(max(da.Precision-da.Scale, db.Precision-db.Scale)+s, types.MaxDecimalPrecision)
		return types.DecimalType(p, min(s, p))
	}
	if numRank(a) >= numRank(b) {
		return a
	}
	return b
}

func resolveCompare(args []types.T) (FuncSig, bool) {
	if len(args) != 2 {
		return FuncSig{}, false
	}
	t, ok := commonTypeOf(args[0], args[1])
	if !ok {
		return FuncSig{}, false
	}
	switch t.ID {
	case types.Bool, types.Int16, types.Int32, types.Int64, types.Float32, types.Float64, types.Decimal,
		types.Char, types.Varchar, types.Text, types.Date, types.Time, types.Timestamp, types.TimestampTZ, types.Interval:
	default:
		return FuncSig{}, false
	}
	pa, pb := t, t
	if t.IsString() { // no casts between string types
		pa, pb = args[0], args[1]
		if pa.ID == types.Unknown {
			pa = types.TextType
		}
		if pb.ID == types.Unknown {
			pb = types.TextType
		}
	}
	return FuncSig{Params: []types.T{pa, pb}, Ret: types.BoolType}, true
}

// compareKernel returns the kernel comparing two operands of type t.
func compareKernel(op string, t types.T) binKernel {
	switch t.Physical() {
	case types.PhysInt64:
		return func(_ *EvalContext, a, b *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			cmpOrdered(op, a.Ints, b.Ints, ma, mb, out.Bools[:n])
			return nil
		}
	case types.PhysFloat64:
		return func(_ *EvalContext, a, b *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			cmpOrdered(op, a.Floats, b.Floats, ma, mb, out.Bools[:n])
			// PostgreSQL orders NaN above every number and equal to itself.
			for i := range out.Bools[:n] {
				x, y := a.Floats[i&ma], b.Floats[i&mb]
				if x != x || y != y {
					out.Bools[i] = cmpResult(op, floatCmpNaN(x, y))
				}
			}
			return nil
		}
	case types.PhysString:
		return func(_ *EvalContext, a, b *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			cmpOrdered(op, a.Strs, b.Strs, ma, mb, out.Bools[:n])
			return nil
		}
	case types.PhysBool:
		return func(_ *EvalContext, a, b *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			cmpFunc(op, a.Bools, b.Bools, ma, mb, out.Bools[:n], func(x, y bool) int {
				switch {
				case x == y:
					return 0
				case !x:
					return -1
				}
				return 1
			})
			return nil
		}
	case types.PhysDecimal128:
		return func(_ *EvalContext, a, b *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			cmpFunc(op, a.Decs, b.Decs, ma, mb, out.Bools[:n], types.Decimal128.Cmp)
			return nil
		}
	case types.PhysInterval:
		return func(_ *EvalContext, a, b *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			cmpFunc(op, a.Ivs, b.Ivs, ma, mb, out.Bools[:n], types.CompareInterval)
			return nil
		}
	}
	return func(_ *EvalContext, a, b *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
		out.Nulls = constVector(types.BoolType, nil, n).Nulls
		return nil
	}
}

// cmpOrdered compares a[i&ma] op b[i&mb] into out; the switch sits outside
// the loops so each loop is a plain comparison.
func cmpOrdered[T cmp.Ordered](op string, a, b []T, ma, mb int, out []bool) {
	if mb == 0 {
		c := b[0]
		a = a[:len(out)]
		switch op {
		case "=":
			for i, x := range a {
				out[i] = x == c
			}
		case "<>":
			for i, x := range a {
				out[i] = x != c
			}
		case "<":
			for i, x := range a {
				out[i] = x < c
			}
		case "<=":
			for i, x := range a {
				out[i] = x <= c
			}
		case ">":
			for i, x := range a {
				out[i] = x > c
			}
		case ">=":
			for i, x := range a {
				out[i] = x >= c
			}
		}
		return
	}
	switch op {
	case "=":
		for i := range out {
			out[i] = a[i&ma] == b[i]
		}
	case "<>":
		for i := range out {
			out[i] = a[i&ma] != b[i]
		}
	case "<":
		for i := range out {
			out[i] = a[i&ma] < b[i]
		}
	case "<=":
		for i := range out {
			out[i] = a[i&ma] <= b[i]
		}
	case ">":
		for i := range out {
			out[i] = a[i&ma] > b[i]
		}
	case ">=":
		for i := range out {
			out[i] = a[i&ma] >= b[i]
		}
	}
}

func cmpFunc[T any](op string, a, b []T, ma, mb int, out []bool, f func(x, y T) int) {
	for i := range out {
		c := f(a[i&ma], b[i&mb])
		out[i] = cmpResult(op, c)
	}
}

func floatCmpNaN(x, y float64) int {
	xn, yn := x != x, y != y
	switch {
	case xn && yn:
		return 0
	case xn:
		return 1
	case yn:
		return -1
	case x < y:
		return -1
	case x > y:
		return 1
	}
	return 0
}

func cmpResult(op string, c int) bool {
	switch op {
	case "=":
		return c == 0
	case "<>":
		return c != 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	}
	return c >= 0
}

// compareVectors compares two full vectors of one type (used by IN lists).
func compareVectors(op string, a, b *vector.Vector, n int) (*vector.Vector, error) {
	out := vector.New(types.BoolType, n)
	if a.Type.Physical() == types.PhysNull || b.Type.Physical() == types.PhysNull ||
		a.Type.Physical() != b.Type.Physical() {
		out.Nulls = constVector(types.BoolType, nil, n).Nulls
		return out, nil
	}
	out.Nulls = unionNulls([]*vector.Vector{a, b}, n)
	err := compareKernel(op, a.Type)(nil, a, b, -1, -1, out, n)
	return out, err
}
