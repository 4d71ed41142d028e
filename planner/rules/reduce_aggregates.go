// ReduceAggregates filters the input of an aggregate by the grouping keys
// another join input asks for (a semi-join reduction through the aggregate,
// also called a "magic set" or sideways information passing).
//
// Rewrites: Join(A, X) with A an Aggregate (possibly under projections and
// filters, e.g. HAVING or the arithmetic of a decorrelated scalar subquery)
// and a condition equating grouping columns g of A with expressions x of X
// → the same join with A's input replaced by Semi(input, S) on g = x', where
// S is a copy of X (fresh column IDs) or of a part of X holding a superset
// of X's key values (see candidates). The semi join is then pushed into the
// input of the aggregate's input joins that it reads (push_down_semi_joins).
//
// Applies to inner and semi joins (A on either side), to LEFT joins with A
// on the right and RIGHT joins with A on the left: joins that keep only the
// A rows some X row matches. Never when A is the preserved side of an outer
// join or the right of an anti/mark join, never to GROUPING SETS (a rollup
// row sums over groups the join drops), nor when S is not repeatable
// (volatile functions, operators other than scans, filters, projections and
// joins).
//
// Why it is correct: the join outputs only pairs where g = x holds, which
// is never true for a NULL g, so a group whose key equals no X key
// contributes nothing; the groups of the keys that do occur see all their
// input rows, so their aggregates are unchanged. Filters and projections
// between the aggregate and the join act on each group's row alone. A
// superset of X's keys removes fewer groups but never a needed one.
//
// Why a logical rule rather than the physical planner: the reduction is a
// plain semi join, which the physical planner already builds (on the small
// side, probed in parallel), distributes and shows in EXPLAIN; and the
// pushdown of that semi join below the aggregate input's joins is a logical
// rewrite that already exists. It runs after reorder_joins so that the join
// order is chosen on unreduced estimates (the estimator's semi join guess,
// half the input, would otherwise mislead it) and before prune_columns,
// which trims the copy of S to its key columns.
//
// Example (TPC-H Q17):
//
//	lineitem ⋈ part(Brand#23, MED BOX) WHERE l_quantity < (SELECT 0.2*avg(l_quantity) ... l_partkey = p_partkey)
//	→ the per-part average is computed only for the ~200 selected parts
//	  (lineitem ⋉ part, then aggregate) instead of all 200K.
package rules

import (
	"context"
	"math"

	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
)

// ReduceAggregates is the aggregate semi-join reduction rule.
type ReduceAggregates struct{}

// Name implements Rule.
func (ReduceAggregates) Name() string { return "reduce_aggregates" }

// aggReduceMaxFraction is the largest estimated fraction of the aggregate's
// key values the reducer may keep. Probing a small hash table costs a good
// deal less than updating aggregate state in a large one, but not nothing:
// the reduction must drop most of the input to pay (TPC-H SF1: Q17 keeps
// 0.1% of lineitem, Q20 about 1% of a year's lineitems).
const aggReduceMaxFraction = 1.0 / 8

// Apply implements Rule.
func (ReduceAggregates) Apply(_ context.Context, n plan.Node, rc *Context) (plan.Node, error) {
	if rc.IDs == nil {
		return n, nil // the reducer's copy needs fresh column IDs
	}
	est := rc.Est
	if est == nil {
		est = cost.New()
	}
	changed := false
	out := plan.TransformUp(n, func(n plan.Node) plan.Node {
		j, ok := n.(*plan.Join)
		if !ok || j.Cond == nil || j.NullAware {
			return n
		}
		// aggLeft/aggRight: which inputs may hold the aggregate.
		aggLeft := j.Kind == plan.JoinInner || j.Kind == plan.JoinSemi || j.Kind == plan.JoinRight
		aggRight := j.Kind == plan.JoinInner || j.Kind == plan.JoinSemi || j.Kind == plan.JoinLeft
		c := *j
		if aggLeft {
			if side, ok := reduceSide(j.Left, j.Right, j.Cond, rc.IDs, est); ok {
				c.Left = side
				changed = true
			}
		}
		if aggRight {
			if side, ok := reduceSide(j.Right, j.Left, j.Cond, rc.IDs, est); ok {
				c.Right = side
				changed = true
			}
		}
		if c.Left == j.Left && c.Right == j.Right {
			return n
		}
		return &c
	})
	if !changed {
		return n, nil
	}
	return out, nil
}

// keyPair is one equality of the join condition: group column Group of the
// aggregate (index into GroupBy) equals Other, an expression over the other
// input; GroupFirst tells on which side of eq the group column was.
type keyPair struct {
	Group      int
	Other      plan.Expr
	Eq         *plan.Call
	GroupFirst bool
}

// reduceSide returns side with the aggregate under it reduced by the keys
// of other that cond equates with its grouping columns, or false when no
// aggregate is joined on its keys or the reduction would not pay.
func reduceSide(side, other plan.Node, cond plan.Expr, ids *plan.IDGen, est *cost.Estimator) (plan.Node, bool) {
	sideCols, otherCols := idSet(side.Schema()), idSet(other.Schema())
	var agg *plan.Aggregate
	var pairs []keyPair
	seen := map[int]bool{}
	for _, c := range plan.Conjuncts(cond) {
		eq, ok := c.(*plan.Call)
		if !ok || eq.Name != "=" || len(eq.Args) != 2 {
			continue
		}
		for i, arg := range eq.Args {
			ref, ok := arg.(*plan.ColRef)
			o := eq.Args[1-i]
			if !ok || !sideCols[ref.ID] || len(plan.ColumnsUsed(o)) == 0 || !within(o, otherCols) || !deterministicExpr(o) {
				continue
			}
			a, g := groupColumn(side, ref.ID)
			if a == nil || (agg != nil && a != agg) || seen[g] {
				continue
			}
			agg = a
			seen[g] = true
			pairs = append(pairs, keyPair{Group: g, Other: o, Eq: eq, GroupFirst: i == 0})
			break
		}
	}
	if agg == nil || reduced(agg, pairs) {
		return nil, false
	}
	for _, g := range agg.GroupBy {
		if !deterministicExpr(g) {
			return nil, false
		}
	}
	best, bestFrac := candidate{}, math.Inf(1)
	for _, cd := range candidates(other, pairs) {
		f := est.Rows(cd.node) / keyValues(agg, cd.pairs, est)
		if f < bestFrac || (f == bestFrac && scannedRows(cd.node, est) < scannedRows(best.node, est)) {
			best, bestFrac = cd, f
		}
	}
	if best.node == nil || bestFrac > aggReduceMaxFraction {
		return nil, false
	}
	// Recomputing the reducer must read no more than the aggregate's input
	// does (TPC-H Q2: 200K parts for 800K partsupp rows).
	if scannedRows(best.node, est) > scannedRows(agg.Input, est) {
		return nil, false
	}
	m := map[plan.ColumnID]plan.ColumnID{}
	red := cloneFresh(best.node, ids, m)
	conds := make([]plan.Expr, len(best.pairs))
	for i, p := range best.pairs {
		o := remapExpr(p.Other, m)
		e := *p.Eq
		e.Args = []plan.Expr{agg.GroupBy[p.Group], o}
		if !p.GroupFirst {
			e.Args = []plan.Expr{o, agg.GroupBy[p.Group]}
		}
		conds[i] = &e
	}
	na := *agg
	na.Input = pushSemi(&plan.Join{Kind: plan.JoinSemi, Left: agg.Input, Right: red, Cond: plan.AndOf(conds)})
	return replaceAgg(side, agg, &na), true
}

// groupColumn follows column id of n down through projections that pass it
// on and filters to the Aggregate whose grouping column it is; it returns
// that aggregate and the column's index in GroupBy, or nil.
func groupColumn(n plan.Node, id plan.ColumnID) (*plan.Aggregate, int) {
	switch x := n.(type) {
	case *plan.Aggregate:
		if x.GroupingSets != nil || x.GroupingIDCol != nil {
			return nil, 0
		}
		if i := x.GroupCols.IndexOf(id); i >= 0 {
			return x, i
		}
	case *plan.Filter:
		return groupColumn(x.Input, id)
	case *plan.Project:
		if i := x.Cols.IndexOf(id); i >= 0 {
			if r, ok := x.Exprs[i].(*plan.ColRef); ok {
				return groupColumn(x.Input, r.ID)
			}
		}
	}
	return nil, 0
}

// replaceAgg rebuilds the projection/filter chain n with old replaced by nw.
func replaceAgg(n plan.Node, old, nw *plan.Aggregate) plan.Node {
	if n == plan.Node(old) {
		return nw
	}
	switch n.(type) {
	case *plan.Filter, *plan.Project:
		return n.WithChildren([]plan.Node{replaceAgg(n.Children()[0], old, nw)})
	}
	return n
}

// reduced reports whether agg's input is already reduced on a key of
// pairs: some semi join below the aggregate's input (through the left
// inputs of joins and both inputs of inner joins) equates one of those
// group expressions with something. It keeps the rule idempotent (a
// reduction on one key of several is not followed by another on the rest:
// the first already dropped most groups).
func reduced(agg *plan.Aggregate, pairs []keyPair) bool {
	var conds []plan.Expr
	var walk func(n plan.Node)
	walk = func(n plan.Node) {
		j, ok := n.(*plan.Join)
		if !ok {
			return
		}
		if j.Kind == plan.JoinSemi {
			conds = append(conds, plan.Conjuncts(j.Cond)...)
		}
		walk(j.Left)
		if j.Kind == plan.JoinInner {
			walk(j.Right)
		}
	}
	walk(agg.Input)
	for _, p := range pairs {
		g := agg.GroupBy[p.Group]
		for _, c := range conds {
			if eq, ok := c.(*plan.Call); ok && eq.Name == "=" && len(eq.Args) == 2 &&
				(sameExpr(eq.Args[0], g) || sameExpr(eq.Args[1], g)) {
				return true
			}
		}
	}
	return false
}

// sameExpr compares a group expression with a join key: column references
// by ID, other expressions by their text.
func sameExpr(a, b plan.Expr) bool {
	if ra, ok := a.(*plan.ColRef); ok {
		rb, ok := b.(*plan.ColRef)
		return ok && ra.ID == rb.ID
	}
	return exprStr(a) == exprStr(b)
}

// keyValues estimates how many distinct values the grouping keys of pairs
// take in agg's input: the product of each key column's distinct values,
// capped by the input's rows.
func keyValues(agg *plan.Aggregate, pairs []keyPair, est *cost.Estimator) float64 {
	in := est.Rows(agg.Input)
	v := 1.0
	for _, p := range pairs {
		if r, ok := agg.GroupBy[p.Group].(*plan.ColRef); ok {
			v *= est.ColumnRows(agg.Input, r.ID)
		} else {
			v *= in
		}
	}
	return max(1, min(v, in))
}
