package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// isUnknown reports whether e's type is still open: an untyped literal, NULL
// or a parameter whose type is not known yet.
func isUnknown(e plan.Expr) bool { return e.Type().ID == types.Unknown }

// coerce converts e to type t where the caller has already decided that the
// conversion is legal (function parameters, common types). Unknown literals
// and parameters take t directly.
func (b *Binder) coerce(e plan.Expr, t types.T) (plan.Expr, error) {
	if e.Type() == t {
		return e, nil
	}
	switch x := e.(type) {
	case *plan.Const:
		if x.Typ.ID == types.Unknown {
			if x.Value == nil {
				return &plan.Const{Typ: t}, nil
			}
			if s, ok := x.Value.(string); ok {
				return literalAs(s, t, "")
			}
		}
		if f := foldConstCast(x, t); f != nil {
			return f, nil
		}
	case *plan.Param:
		if x.Typ.ID == types.Unknown {
			b.setParam(x.Index, t)
			return &plan.Param{Index: x.Index, Typ: t}, nil
		}
	}
	if t.ID == types.Unknown {
		return e, nil
	}
	return &plan.Cast{Arg: e, To: t}, nil
}

// resolveUnknown gives an expression still of unknown type a default type (TEXT).
func (b *Binder) resolveUnknown(e plan.Expr) (plan.Expr, error) {
	if !isUnknown(e) {
		return e, nil
	}
	return b.coerce(e, types.TextType)
}

func (b *Binder) setParam(idx int, t types.T) {
	for len(b.params) <= idx {
		b.params = append(b.params, types.UnknownType)
	}
	b.params[idx] = t
}

// assignCast converts e for storing into a column of type t (INSERT/UPDATE):
// PostgreSQL's assignment casts; the engine checks lengths (22001) and ranges.
func (b *Binder) assignCast(e plan.Expr, t types.T, col string) (plan.Expr, error) {
	from := e.Type()
	if from == t || from.ID == types.Unknown {
		return b.coerce(e, t)
	}
	ok := from.ID == t.ID || b.reg.CanCast(from, t, false) ||
		(from.IsNumeric() && t.IsNumeric()) || t.IsString() ||
		(from.IsTemporal() && t.IsTemporal()) || (from.IsString() && t.IsString())
	if !ok {
		return nil, sqlerr.Newf(sqlerr.DatatypeMismatch, "column \"%s\" is of type %s but expression is of type %s", col, t, from).
			WithHint("You will need to rewrite or cast the expression.")
	}
	return &plan.Cast{Arg: e, To: t}, nil
}

// numericRank orders the numeric types for common-type resolution.
func numericRank(id types.ID) int {
	switch id {
	case types.Int16:
		return 1
	case types.Int32:
		return 2
	case types.Int64:
		return 3
	case types.Decimal:
		return 4
	case types.Float32:
		return 5
	case types.Float64:
		return 6
	}
	return 0
}

// commonType resolves the type a set of values (CASE arms, IN list, UNION
// column, COALESCE args) is converted to, following PostgreSQL's rules closely
// enough: unknowns follow the known ones; numeric types widen; strings of
// different kinds meet at VARCHAR; DATE meets TIMESTAMP at TIMESTAMP.
func (b *Binder) commonType(ts []types.T, what string) (types.T, error) {
	var cur types.T
	for _, t := range ts {
		if t.ID == types.Unknown {
			continue
		}
		if cur.ID == types.Unknown {
			cur = t
			continue
		}
		next, ok := b.meet(cur, t)
		if !ok {
			return types.T{}, sqlerr.Newf(sqlerr.DatatypeMismatch, "%s types %s and %s cannot be matched", what, cur, t)
		}
		cur = next
	}
	if cur.ID == types.Unknown {
		return types.TextType, nil
	}
	return cur, nil
}

func (b *Binder) meet(a, c types.T) (types.T, bool) {
	if a == c {
		return a, true
	}
	switch {
	case a.IsNumeric() && c.IsNumeric():
		if a.ID == types.Decimal && c.ID == types.Decimal {
			s := max(a.Scale, c.Scale)
			ip := max(a.Precision-a.Scale, c.Precision-c.Scale)
			return types.DecimalType(min(ip+s, types.MaxDecimalPrecision), s), true
		}
		if a.ID == types.Decimal && c.IsInteger() {
			return widenDecimalInt(a, c), true
		}
		if c.ID == types.Decimal && a.IsInteger() {
			return widenDecimalInt(c, a), true
		}
		if numericRank(a.ID) >= numericRank(c.ID) {
			return a, true
		}
		return c, true
	case a.IsString() && c.IsString():
		if a.ID == c.ID {
			if a.Width == 0 || c.Width == 0 {
				return types.T{ID: a.ID}, true
			}
			return types.T{ID: a.ID, Width: max(a.Width, c.Width)}, true
		}
		if a.ID == types.Text || c.ID == types.Text {
			return types.TextType, true
		}
		return types.VarcharType, true
	case a.IsTemporal() && c.IsTemporal():
		if a.ID == types.TimestampTZ || c.ID == types.TimestampTZ {
			return types.TSTZType, true
		}
		if a.ID == types.Time || c.ID == types.Time {
			return types.T{}, false
		}
		return types.TSType, true
	}
	if b.reg.CanCast(c, a, false) {
		return a, true
	}
	if b.reg.CanCast(a, c, false) {
		return c, true
	}
	return types.T{}, false
}

func widenDecimalInt(d, i types.T) types.T {
	digits := map[types.ID]int{types.Int16: 5, types.Int32: 10, types.Int64: 19}[i.ID]
	ip := max(d.Precision-d.Scale, digits)
	return types.DecimalType(min(ip+d.Scale, types.MaxDecimalPrecision), d.Scale)
}

// coerceAll converts every expression to t.
func (b *Binder) coerceAll(es []plan.Expr, t types.T) ([]plan.Expr, error) {
	out := make([]plan.Expr, len(es))
	for i, e := range es {
		c, err := b.coerce(e, t)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

func exprTypes(es []plan.Expr) []types.T {
	out := make([]types.T, len(es))
	for i, e := range es {
		out[i] = e.Type()
	}
	return out
}

// foldConstCast converts simple numeric constants at bind time (so LIMIT -1
// and percentile fractions stay constants); nil when it does not apply.
func foldConstCast(c *plan.Const, t types.T) *plan.Const {
	if c.Value == nil {
		return &plan.Const{Typ: t}
	}
	switch v := c.Value.(type) {
	case int64:
		switch {
		case c.Typ.IsInteger() && t.IsInteger():
			if (t.ID == types.Int32 && (v < -1<<31 || v > 1<<31-1)) || (t.ID == types.Int16 && (v < -1<<15 || v > 1<<15-1)) {
				return nil
			}
			return &plan.Const{Value: v, Typ: t}
		case c.Typ.IsInteger() && (t.ID == types.Float64 || t.ID == types.Float32):
			return &plan.Const{Value: float64(v), Typ: t}
		case c.Typ.ID == types.Decimal && c.Typ.Precision <= types.MaxInt64DecimalPrecision && t.ID == types.Float64:
			return &plan.Const{Value: float64(v) / float64(types.Pow10(c.Typ.Scale)), Typ: t}
		case c.Typ.ID == types.Decimal && c.Typ.Precision <= types.MaxInt64DecimalPrecision && t.ID == types.Decimal &&
			t.Precision <= types.MaxInt64DecimalPrecision && t.Scale >= c.Typ.Scale:
			if r, ok := types.Rescale64(v, c.Typ.Scale, t.Scale); ok && types.FitsPrecision64(r, t.Precision) {
				return &plan.Const{Value: r, Typ: t}
			}
		case c.Typ.IsInteger() && t.ID == types.Decimal && t.Precision <= types.MaxInt64DecimalPrecision && t.Scale <= 18:
			if r, ok := types.Rescale64(v, 0, t.Scale); ok && types.FitsPrecision64(r, t.Precision) {
				return &plan.Const{Value: r, Typ: t}
			}
		}
	}
	return nil
}
