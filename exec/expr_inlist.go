package exec

import (
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// inListExpr is `arg [NOT] IN (list)`. A constant list becomes a hash set;
// otherwise every element is compared with =.
type inListExpr struct {
	arg     Expr
	list    []Expr
	neg     bool
	set     *hashSet // non-nil when every element is constant
	hasNull bool     // the constant list contains NULL
}

type hashSet struct {
	ints   map[int64]struct{}
	floats map[float64]struct{}
	strs   map[string]struct{}
	decs   map[types.Decimal128]struct{}
	ivs    map[ivKey]struct{}
	bools  [2]bool
}

// NewInList is arg [NOT] IN (list) with SQL NULL semantics: when no element
// matches and some element is NULL, the result is NULL.
func NewInList(arg Expr, list []Expr, neg bool) (Expr, error) {
	at := arg.Type()
	fixed := make([]Expr, len(list))
	for i, l := range list {
		lt := l.Type()
		if lt != at && lt.ID != types.Unknown && at.ID != types.Unknown &&
			!(lt.IsString() && at.IsString()) {
			c, err := NewCast(l, at, "")
			if err != nil {
				return nil, err
			}
			l = c
		}
		fixed[i] = l
	}
	e := &inListExpr{arg: arg, list: fixed, neg: neg}
	set := &hashSet{}
	for _, l := range fixed {
		v, ok := constValue(l)
		if !ok {
			if c, isCast := l.(*castExpr); isCast {
				if cv, err := EvalConst(nil, c); err == nil && isConstTree(c.arg) {
					v, ok = cv, true
				}
			}
		}
		if !ok {
			return e, nil
		}
		if v == nil {
			e.hasNull = true
			continue
		}
		if err := set.add(at, v); err != nil {
			return nil, err
		}
	}
	e.set = set
	return e, nil
}

func isConstTree(e Expr) bool {
	switch x := e.(type) {
	case *constExpr:
		return true
	case *castExpr:
		return isConstTree(x.arg)
	}
	return false
}

func (s *hashSet) add(t types.T, v types.Datum) error {
	switch x := v.(type) {
	case int64:
		if s.ints == nil {
			s.ints = map[int64]struct{}{}
		}
		s.ints[x] = struct{}{}
	case float64:
		if s.floats == nil {
			s.floats = map[float64]struct{}{}
		}
		s.floats[x] = struct{}{}
	case string:
		if s.strs == nil {
			s.strs = map[string]struct{}{}
		}
		s.strs[x] = struct{}{}
	case types.Decimal128:
		if s.decs == nil {
			s.decs = map[types.Decimal128]struct{}{}
		}
		s.decs[x] = struct{}{}
	case types.IntervalValue:
		if s.ivs == nil {
			s.ivs = map[ivKey]struct{}{}
		}
		s.ivs[intervalKey(x)] = struct{}{}
	case bool:
		if x {
			s.bools[1] = true
		} else {
			s.bools[0] = true
		}
	default:
		return sqlerr.Newf(sqlerr.DatatypeMismatch, "IN list element of unsupported kind %T", v)
	}
	return nil
}

// ivKey is an interval's comparison key, so equal intervals ('1 mon' and
// '30 days') hash alike.
type ivKey struct{ d, m int64 }

func intervalKey(iv types.IntervalValue) ivKey {
	d, m := normInterval(iv)
	return ivKey{d, m}
}

func (e *inListExpr) Type() types.T { return types.BoolType }

func (e *inListExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	v, err := e.arg.Eval(ec, in)
	if err != nil {
		return nil, err
	}
	n := in.N
	out := vector.New(types.BoolType, n)
	found := out.Bools
	var nulls vector.Bitmap
	if v.Nulls != nil {
		nulls = unionNulls([]*vector.Vector{v}, n)
	}
	if e.set != nil {
		s := e.set
		switch v.Type.Physical() {
		case types.PhysInt64:
			for i, x := range v.Ints[:n] {
				_, found[i] = s.ints[x]
			}
		case types.PhysFloat64:
			for i, x := range v.Floats[:n] {
				_, found[i] = s.floats[x]
			}
		case types.PhysString:
			for i, x := range v.Strs[:n] {
				_, found[i] = s.strs[x]
			}
		case types.PhysDecimal128:
			for i, x := range v.Decs[:n] {
				_, found[i] = s.decs[x]
			}
		case types.PhysInterval:
			for i, x := range v.Ivs[:n] {
				_, found[i] = s.ivs[intervalKey(x)]
			}
		case types.PhysBool:
			for i, x := range v.Bools[:n] {
				if x {
					found[i] = s.bools[1]
				} else {
					found[i] = s.bools[0]
				}
			}
		case types.PhysNull:
			out.Nulls = constVector(types.BoolType, nil, n).Nulls
			return out, nil
		}
		return e.finish(out, nulls, e.hasNull, nil), nil
	}
	// General case: compare with each element.
	var elemNull vector.Bitmap
	for _, l := range e.list {
		lv, err := l.Eval(ec, in)
		if err != nil {
			return nil, err
		}
		eq, err := compareVectors("=", v, lv, n)
		if err != nil {
			return nil, err
		}
		for i := 0; i < n; i++ {
			if !rowValid(eq.Nulls, i) {
				if rowValid(nulls, i) {
					if elemNull == nil {
						elemNull = vector.NewBitmap(n)
					}
					elemNull.SetNull(i)
				}
				continue
			}
			if eq.Bools[i] {
				found[i] = true
			}
		}
	}
	return e.finish(out, nulls, false, elemNull), nil
}

// finish applies NOT and the NULL rules: NULL arg → NULL; no match and a NULL
// element → NULL.
func (e *inListExpr) finish(out *vector.Vector, argNulls vector.Bitmap, listHasNull bool, elemNull vector.Bitmap) *vector.Vector {
	n := len(out.Bools)
	out.Nulls = argNulls
	for i := 0; i < n; i++ {
		if !out.Bools[i] && (listHasNull || elemNull.IsNull(i)) {
			out.SetNull(i)
		}
		if e.neg {
			out.Bools[i] = !out.Bools[i]
		}
	}
	return out
}
