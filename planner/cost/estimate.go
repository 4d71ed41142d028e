// Package cost estimates the cardinality and row width of logical plans, for
// join ordering, build-side choice and EXPLAIN. Estimates are rough guesses
// from table row counts and fixed selectivities; they only need to rank
// alternatives sensibly.
package cost

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// DefaultRows is the row estimate of a table whose RowCount is unknown.
const DefaultRows = 1000

// Estimator memoises estimates per node (plans are immutable, so a node's
// estimate never changes). The zero value is not usable; use New.
type Estimator struct {
	rows  map[plan.Node]float64
	stats map[plan.Node]bool // hasStats memo
}

// New returns an empty estimator.
func New() *Estimator {
	return &Estimator{rows: map[plan.Node]float64{}, stats: map[plan.Node]bool{}}
}

// Rows estimates how many rows n outputs (at least 1 for non-empty guesses).
func (e *Estimator) Rows(n plan.Node) float64 {
	if r, ok := e.rows[n]; ok {
		return r
	}
	r := e.rows1(n)
	if r < 1 {
		r = 1
	}
	e.rows[n] = r
	return r
}

func (e *Estimator) rows1(n plan.Node) float64 {
	switch x := n.(type) {
	case *plan.Scan:
		return TableRows(x) * e.PredSelectivity(x, x.Filter)
	case *plan.SystemScan:
		return 100
	case *plan.Values:
		return float64(len(x.Rows))
	case *plan.Filter:
		return e.Rows(x.Input) * e.PredSelectivity(x.Input, x.Pred)
	case *plan.Project:
		return e.Rows(x.Input)
	case *plan.Join:
		return e.joinRows(x)
	case *plan.Aggregate:
		in := e.Rows(x.Input)
		if len(x.GroupBy) == 0 {
			return 1
		}
		// Each group column divides the input a bit; capped at the input.
		g := in / 10
		for range len(x.GroupBy) - 1 {
			g *= 3
		}
		return min(in, max(g, 1))
	case *plan.Window:
		return e.Rows(x.Input)
	case *plan.Sort:
		return e.Rows(x.Input)
	case *plan.Limit:
		in := e.Rows(x.Input)
		if c, ok := x.Count.(*plan.Const); ok {
			if v, ok := c.Value.(int64); ok {
				return min(in, float64(v))
			}
		}
		return in
	case *plan.SetOp:
		l, r := e.Rows(x.Left), e.Rows(x.Right)
		switch x.Kind {
		case plan.Union:
			return l + r
		case plan.Intersect:
			return min(l, r)
		}
		return l
	case *plan.Max1Row:
		return 1
	case *plan.RecursiveCTE:
		return e.Rows(x.Anchor) * 10
	case *plan.WorkTableScan:
		return 100
	case *plan.TableFunc:
		return 1000
	}
	return DefaultRows
}

func (e *Estimator) joinRows(j *plan.Join) float64 {
	l, r := e.Rows(j.Left), e.Rows(j.Right)
	switch j.Kind {
	case plan.JoinSemi, plan.JoinAnti:
		return l * 0.5
	case plan.JoinMark:
		return l
	}
	out := l * r * e.JoinSelectivity(j.Cond, j.Left, j.Right)
	switch j.Kind {
	case plan.JoinLeft:
		out = max(out, l)
	case plan.JoinRight:
		out = max(out, r)
	case plan.JoinFull:
		out = max(out, l+r)
	}
	return out
}

// JoinSelectivity estimates the fraction of the cross product of left and
// right that cond keeps. An equality between the two sides is taken as a
// key/foreign-key join: it keeps 1/min(base rows) of the pairs, so joining a
// filtered primary-key table to its referencing table keeps the referencing
// rows whose key survived. Several equalities between the same inputs count
// once (composite keys), the other conjuncts use Selectivity. When ANALYZE
// statistics give the distinct values of both key columns, an equality keeps
// 1/max(ndv_left, ndv_right) of the pairs instead (each side's ndv capped by
// its estimated rows).
func (e *Estimator) JoinSelectivity(cond plan.Expr, left, right plan.Node) float64 {
	if cond == nil {
		return 1
	}
	lcols, rcols := idSet(left.Schema()), idSet(right.Schema())
	sel, eq := 1.0, 1.0
	for _, c := range plan.Conjuncts(cond) {
		if IsEquiBetween(c, lcols, rcols) {
			s := 1 / max(1, min(e.BaseRows(left), e.BaseRows(right)))
			if ss, ok := e.statsJoinSel(c, left, right, lcols); ok {
				s = ss
			}
			eq = min(eq, s)
			continue
		}
		sel *= Selectivity(c)
	}
	return sel * eq
}

// BaseRows is the row count of n before its filters: roughly the number of
// distinct keys its key columns can hold.
func (e *Estimator) BaseRows(n plan.Node) float64 {
	switch x := n.(type) {
	case *plan.Scan:
		return TableRows(x)
	case *plan.Filter:
		return e.BaseRows(x.Input)
	case *plan.Project:
		return e.BaseRows(x.Input)
	case *plan.Sort:
		return e.BaseRows(x.Input)
	case *plan.Join:
		if x.Kind == plan.JoinSemi || x.Kind == plan.JoinAnti || x.Kind == plan.JoinMark {
			return e.BaseRows(x.Left)
		}
		return max(e.BaseRows(x.Left), e.BaseRows(x.Right))
	}
	return e.Rows(n)
}

// TableRows is a scan's table row count (DefaultRows when unknown).
func TableRows(s *plan.Scan) float64 {
	if s.Table == nil || s.Table.RowCount < 0 {
		return DefaultRows
	}
	return float64(max(s.Table.RowCount, 1))
}

// IsEquiBetween reports whether c is `a = b` with a reading only columns of
// one set and b only columns of the other (each side reading some column).
func IsEquiBetween(c plan.Expr, l, r map[plan.ColumnID]bool) bool {
	call, ok := c.(*plan.Call)
	if !ok || call.Name != "=" || len(call.Args) != 2 {
		return false
	}
	a, b := plan.ColumnsUsed(call.Args[0]), plan.ColumnsUsed(call.Args[1])
	if len(a) == 0 || len(b) == 0 {
		return false
	}
	return (subset(a, l) && subset(b, r)) || (subset(a, r) && subset(b, l))
}

func subset(a, b map[plan.ColumnID]bool) bool {
	for id := range a {
		if !b[id] {
			return false
		}
	}
	return true
}

func idSet(s plan.Schema) map[plan.ColumnID]bool {
	out := make(map[plan.ColumnID]bool, len(s))
	for _, c := range s {
		out[c.ID] = true
	}
	return out
}

// Width estimates the average bytes of one row of schema s.
func Width(s plan.Schema) int {
	w := 0
	for _, c := range s {
		w += TypeWidth(c.Type)
	}
	return w
}

// TypeWidth is the average byte width of a value of t.
func TypeWidth(t types.T) int {
	switch t.ID {
	case types.Bool:
		return 1
	case types.Int16:
		return 2
	case types.Int32, types.Date, types.Float32:
		return 4
	case types.Int64, types.Float64, types.Time, types.Timestamp, types.TimestampTZ:
		return 8
	case types.Decimal:
		if t.Precision > types.MaxInt64DecimalPrecision {
			return 16
		}
		return 8
	case types.Char, types.Varchar:
		if t.Width > 0 {
			return t.Width
		}
		return 32
	case types.Text:
		return 32
	case types.Interval:
		return 16
	}
	return 8
}

// statsJoinSel is an equality key's selectivity from the distinct counts of
// its two columns; ok is false unless both are plain, analyzed columns.
func (e *Estimator) statsJoinSel(c plan.Expr, left, right plan.Node, lcols map[plan.ColumnID]bool) (float64, bool) {
	call := c.(*plan.Call)
	a, aok := call.Args[0].(*plan.ColRef)
	b, bok := call.Args[1].(*plan.ColRef)
	if !aok || !bok {
		return 0, false
	}
	if !lcols[a.ID] {
		a, b = b, a
	}
	ls, rs := e.ColumnStats(left, a.ID), e.ColumnStats(right, b.ID)
	if ls == nil || rs == nil || ls.Distinct <= 0 || rs.Distinct <= 0 {
		return 0, false
	}
	nl := min(ls.Distinct, e.Rows(left))
	nr := min(rs.Distinct, e.Rows(right))
	// NULL keys never match.
	keep := (1 - ls.NullFrac) * (1 - rs.NullFrac)
	return keep / max(1, nl, nr), true
}
