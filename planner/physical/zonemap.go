package physical

import (
	"math"

	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
)

// Zone maps: a scan's pushed filter restricts some columns to ranges of
// values; storage skips the blocks whose min/max show no row can be in them.
// The filter still runs on the rows read, so the ranges only need to be
// implied by the filter, not equivalent to it.

// scanRanges derives the column ranges that s.Filter implies from its
// conjuncts `col op const` (=, <, <=, >, >=; BETWEEN arrives as >= AND <=)
// and `col IN (consts)`, one range per table column, intersected.
func scanRanges(s *plan.Scan) []storage.ColumnRange {
	if s.Filter == nil {
		return nil
	}
	var out []storage.ColumnRange
	at := map[int]int{} // table column → index in out
	for _, c := range plan.Conjuncts(s.Filter) {
		ref, r, ok := conjunctRange(c)
		if !ok {
			continue
		}
		i := s.Cols.IndexOf(ref.ID)
		if i < 0 || i >= len(s.Columns) || s.Columns[i] < 0 || !zoneMappable(s.Cols[i].Type) || !cost.SameRepr(ref.Typ, s.Cols[i].Type) {
			continue
		}
		if s.Table != nil && s.Columns[i] < len(s.Table.Columns) && s.Table.Columns[s.Columns[i]].Type.Physical() != s.Cols[i].Type.Physical() {
			continue
		}
		r.Col = s.Columns[i]
		if k, seen := at[r.Col]; seen {
			out[k] = intersect(out[k], r)
			continue
		}
		at[r.Col] = len(out)
		out = append(out, r)
	}
	return out
}

// zoneMappable reports whether the stored values of type t order as the SQL
// values do. CHAR compares ignoring trailing blanks, so it is left out.
func zoneMappable(t types.T) bool {
	switch t.Physical() {
	case types.PhysInt64, types.PhysFloat64, types.PhysDecimal128:
		return true
	case types.PhysString:
		return t.ID != types.Char
	}
	return false
}

// conjunctRange is the range one conjunct restricts its column to.
func conjunctRange(c plan.Expr) (*plan.ColRef, storage.ColumnRange, bool) {
	if in, ok := c.(*plan.InList); ok {
		return inListRange(in)
	}
	b, ok := cost.BoundOf(c)
	if !ok || isNaN(b.Value) {
		return nil, storage.ColumnRange{}, false
	}
	var r storage.ColumnRange
	switch b.Op {
	case "=":
		r = storage.ColumnRange{Lo: b.Value, Hi: b.Value, LoIncl: true, HiIncl: true}
	case "<":
		r = storage.ColumnRange{Hi: b.Value}
	case "<=":
		r = storage.ColumnRange{Hi: b.Value, HiIncl: true}
	case ">":
		r = storage.ColumnRange{Lo: b.Value}
	case ">=":
		r = storage.ColumnRange{Lo: b.Value, LoIncl: true}
	default:
		return nil, r, false
	}
	return b.Col, r, true
}

// inListRange is [min, max] of a constant IN list.
func inListRange(in *plan.InList) (*plan.ColRef, storage.ColumnRange, bool) {
	ref, ok := in.Arg.(*plan.ColRef)
	if !ok || in.Neg || len(in.List) == 0 {
		return nil, storage.ColumnRange{}, false
	}
	var lo, hi types.Datum
	for _, e := range in.List {
		v, ok := cost.ConstOf(e, ref.Typ)
		if !ok || isNaN(v) {
			return nil, storage.ColumnRange{}, false
		}
		if lo == nil {
			lo, hi = v, v
			continue
		}
		if c, ok := cost.CompareDatum(v, lo); !ok {
			return nil, storage.ColumnRange{}, false
		} else if c < 0 {
			lo = v
		}
		if c, _ := cost.CompareDatum(v, hi); c > 0 {
			hi = v
		}
	}
	return ref, storage.ColumnRange{Lo: lo, Hi: hi, LoIncl: true, HiIncl: true}, true
}

// intersect narrows a by b (both on one column).
func intersect(a, b storage.ColumnRange) storage.ColumnRange {
	if b.Lo != nil {
		c, ok := cost.CompareDatum(b.Lo, a.Lo)
		switch {
		case a.Lo == nil || (ok && c > 0):
			a.Lo, a.LoIncl = b.Lo, b.LoIncl
		case ok && c == 0:
			a.LoIncl = a.LoIncl && b.LoIncl
		}
	}
	if b.Hi != nil {
		c, ok := cost.CompareDatum(b.Hi, a.Hi)
		switch {
		case a.Hi == nil || (ok && c < 0):
			a.Hi, a.HiIncl = b.Hi, b.HiIncl
		case ok && c == 0:
			a.HiIncl = a.HiIncl && b.HiIncl
		}
	}
	return a
}

func isNaN(d types.Datum) bool {
	f, ok := d.(float64)
	return ok && math.IsNaN(f)
}
