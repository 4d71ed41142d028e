package cost

import (
	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// Estimates from ANALYZE statistics (catalog.TableStats). Each rule applies
// only when the column it needs traces back to an analyzed table column;
// otherwise the fixed guesses of Selectivity stand.

// ColumnStats returns the ANALYZE statistics of column id of n: n's column
// traced down to the table column it reads (through filters, sorts, limits,
// projections that pass it on and joins). nil when unknown.
func (e *Estimator) ColumnStats(n plan.Node, id plan.ColumnID) *catalog.ColumnStats {
	for {
		switch x := n.(type) {
		case *plan.Scan:
			i := x.Cols.IndexOf(id)
			if i < 0 || i >= len(x.Columns) || x.Table == nil || stale(x.Table) {
				return nil
			}
			ord := x.Columns[i]
			if ord < 0 || ord >= len(x.Table.Stats.Columns) || !x.Table.Stats.Columns[ord].Analyzed {
				return nil
			}
			return &x.Table.Stats.Columns[ord]
		case *plan.Filter:
			n = x.Input
		case *plan.Sort:
			n = x.Input
		case *plan.Limit:
			n = x.Input
		case *plan.Project:
			i := x.Cols.IndexOf(id)
			if i < 0 {
				return nil
			}
			r, ok := x.Exprs[i].(*plan.ColRef)
			if !ok {
				return nil
			}
			n, id = x.Input, r.ID
		case *plan.Join:
			switch {
			case x.Left.Schema().IndexOf(id) >= 0:
				n = x.Left
			case x.Kind != plan.JoinSemi && x.Kind != plan.JoinAnti && x.Right.Schema().IndexOf(id) >= 0:
				n = x.Right
			default:
				return nil
			}
		default:
			return nil
		}
	}
}

// stale reports whether t has no statistics or statistics taken at a very
// different size (the table since more than doubled or halved): distinct
// counts and min/max would mislead more than the fixed guesses.
func stale(t *catalog.Table) bool {
	st := t.Stats
	if st == nil {
		return true
	}
	if t.RowCount < 0 {
		return false // size unknown: trust ANALYZE
	}
	return float64(t.RowCount) > 2*float64(st.Rows)+10 || float64(t.RowCount) < float64(st.Rows)/2-10
}

// PredSelectivity estimates the fraction of in's rows that pred (over in's
// columns) keeps, from statistics where it can.
func (e *Estimator) PredSelectivity(in plan.Node, pred plan.Expr) float64 {
	if pred == nil {
		return 1
	}
	if !e.hasStats(in) {
		return Selectivity(pred)
	}
	return e.selectivity(in, pred)
}

// hasStats reports whether some table under n was analyzed (memoised; the
// stats-aware path only pays off then).
func (e *Estimator) hasStats(n plan.Node) bool {
	if v, ok := e.stats[n]; ok {
		return v
	}
	v := false
	if s, ok := n.(*plan.Scan); ok {
		v = s.Table != nil && !stale(s.Table)
	} else {
		for _, c := range n.Children() {
			if e.hasStats(c) {
				v = true
				break
			}
		}
	}
	e.stats[n] = v
	return v
}

func (e *Estimator) selectivity(in plan.Node, pred plan.Expr) float64 {
	switch x := pred.(type) {
	case *plan.BoolOp:
		if x.Op == plan.OpAnd {
			return e.andSelectivity(in, x.Args)
		}
		s := 0.0
		for _, a := range x.Args {
			s += e.selectivity(in, a)
		}
		return min(s, 1)
	case *plan.Not:
		return 1 - e.selectivity(in, x.Arg)
	case *plan.IsNull:
		if r, ok := x.Arg.(*plan.ColRef); ok {
			if cs := e.ColumnStats(in, r.ID); cs != nil {
				if x.Neg {
					return 1 - cs.NullFrac
				}
				return cs.NullFrac
			}
		}
	case *plan.InList:
		if r, ok := x.Arg.(*plan.ColRef); ok {
			if cs := e.ColumnStats(in, r.ID); cs != nil {
				s := 0.0
				for _, item := range x.List {
					v, ok := ConstOf(item, r.Typ)
					if !ok {
						return Selectivity(pred)
					}
					s += eqSelectivity(cs, v)
				}
				s = min(s, 1-cs.NullFrac)
				if x.Neg {
					return max(0, 1-cs.NullFrac-s)
				}
				return s
			}
		}
	case *plan.Call:
		return e.callSelectivity(in, x)
	}
	return Selectivity(pred)
}

func (e *Estimator) callSelectivity(in plan.Node, x *plan.Call) float64 {
	if b, ok := BoundOf(x); ok {
		if cs := e.ColumnStats(in, b.Col.ID); cs != nil {
			if b.Op == "=" {
				return eqSelectivity(cs, b.Value)
			}
			var r valueRange
			r.add(b)
			if s, ok := r.selectivity(cs); ok {
				return s
			}
		}
	}
	if len(x.Args) == 2 {
		l, lok := x.Args[0].(*plan.ColRef)
		r, rok := x.Args[1].(*plan.ColRef)
		if lok && rok {
			ls, rs := e.ColumnStats(in, l.ID), e.ColumnStats(in, r.ID)
			if ls != nil && rs != nil && ls.Distinct > 0 && rs.Distinct > 0 {
				eq := 1 / max(ls.Distinct, rs.Distinct)
				switch x.Name {
				case "=":
					return eq
				case "<>", "!=":
					return 1 - eq
				}
			}
		}
	}
	switch x.Name {
	case "<>", "!=":
		if b, ok := neqBound(x); ok {
			if cs := e.ColumnStats(in, b.Col.ID); cs != nil {
				return max(0, 1-cs.NullFrac-eqSelectivity(cs, b.Value))
			}
		}
	}
	return Selectivity(x)
}

// neqBound reads `col <> const` as its `col = const` bound.
func neqBound(x *plan.Call) (Bound, bool) {
	eq := &plan.Call{Name: "=", Args: x.Args, Typ: x.Typ}
	return BoundOf(eq)
}

// andSelectivity multiplies the conjuncts' selectivities, except that range
// bounds on one column (BETWEEN, or a >= and a <) form one interval.
func (e *Estimator) andSelectivity(in plan.Node, args []plan.Expr) float64 {
	s := 1.0
	ranges := map[plan.ColumnID]*valueRange{}
	var order []plan.ColumnID
	for _, a := range args {
		if b, ok := BoundOf(a); ok && b.Op != "=" {
			if cs := e.ColumnStats(in, b.Col.ID); cs != nil {
				r := ranges[b.Col.ID]
				if r == nil {
					r = &valueRange{}
					ranges[b.Col.ID] = r
					order = append(order, b.Col.ID)
				}
				r.add(b)
				continue
			}
		}
		s *= e.selectivity(in, a)
	}
	for _, id := range order {
		cs := e.ColumnStats(in, id)
		if rs, ok := ranges[id].selectivity(cs); ok {
			s *= rs
		} else {
			s *= 0.3
		}
	}
	return s
}

// eqSelectivity is the fraction of rows equal to v: its frequency when it
// is a common value, else an even share of the rest among the other
// distinct values; nearly nothing outside [Min, Max].
func eqSelectivity(cs *catalog.ColumnStats, v types.Datum) float64 {
	if cs.Distinct <= 0 {
		return 0
	}
	if outside(cs, v) {
		return 0
	}
	rest := 1 - cs.NullFrac
	for i, m := range cs.MCV {
		if c, ok := CompareDatum(m, v); ok && c == 0 && i < len(cs.MCVFreq) {
			return cs.MCVFreq[i]
		}
		if i < len(cs.MCVFreq) {
			rest -= cs.MCVFreq[i]
		}
	}
	others := cs.Distinct - float64(len(cs.MCV))
	if others < 1 {
		// Every value is a common one and v is none of them.
		return 0
	}
	return max(rest, 0) / others
}

// outside reports whether v lies outside the column's [Min, Max].
func outside(cs *catalog.ColumnStats, v types.Datum) bool {
	if c, ok := CompareDatum(v, cs.Min); ok && c < 0 {
		return true
	}
	if c, ok := CompareDatum(v, cs.Max); ok && c > 0 {
		return true
	}
	return false
}

// valueRange is the intersection of range bounds on one column.
type valueRange struct {
	lo, hi types.Datum // nil: open
}

func (r *valueRange) add(b Bound) {
	switch b.Op {
	case ">", ">=":
		if r.lo == nil {
			r.lo = b.Value
		} else if c, ok := CompareDatum(b.Value, r.lo); ok && c > 0 {
			r.lo = b.Value
		}
	case "<", "<=":
		if r.hi == nil {
			r.hi = b.Value
		} else if c, ok := CompareDatum(b.Value, r.hi); ok && c < 0 {
			r.hi = b.Value
		}
	}
}

// selectivity interpolates the range linearly between the column's Min and
// Max (numbers, dates, timestamps); ok is false for other kinds of values.
func (r *valueRange) selectivity(cs *catalog.ColumnStats) (float64, bool) {
	mn, ok1 := datumFloat(cs.Min)
	mx, ok2 := datumFloat(cs.Max)
	if !ok1 || !ok2 {
		return 0, false
	}
	lo, hi := mn, mx
	if r.lo != nil {
		v, ok := datumFloat(r.lo)
		if !ok {
			return 0, false
		}
		lo = max(lo, v)
	}
	if r.hi != nil {
		v, ok := datumFloat(r.hi)
		if !ok {
			return 0, false
		}
		hi = min(hi, v)
	}
	nonNull := 1 - cs.NullFrac
	if hi < lo {
		return 0, true
	}
	if mx <= mn {
		return nonNull, true // one value, and the range holds it
	}
	// One distinct value's share at least: a range like x >= max keeps the max.
	frac := max((hi-lo)/(mx-mn), 1/max(cs.Distinct, 1))
	return min(frac, 1) * nonNull, true
}
