package rules

import (
	"strings"

	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
)

// The reducers reduce_aggregates may recompute, and how it copies them.

// candidate is a plan whose rows hold a superset of the join input's key
// values, with the key pairs re-expressed over its columns.
type candidate struct {
	node  plan.Node
	pairs []keyPair
}

// maxCandidates bounds the reducers considered for one join.
const maxCandidates = 32

// candidates lists the repeatable plans whose key values (pairs' Other
// expressions) are a superset of those of n: n itself; the input of a
// filter or projection; the input of a join that holds all key columns
// (an inner join's rows pair rows of each input, a semi or anti join keeps
// some of its left rows, a left join all of them); and, through an equality c = z of an inner or
// semi join, the input holding z for the key c alone (TPC-H Q20: a
// partsupp row whose ps_partkey is IN the 'forest%' parts has a key among
// those parts' keys, so the parts alone reduce lineitem by l_partkey).
func candidates(n plan.Node, pairs []keyPair) []candidate {
	var out []candidate
	var rec func(n plan.Node, pairs []keyPair)
	rec = func(n plan.Node, pairs []keyPair) {
		if len(out) >= maxCandidates {
			return
		}
		if repeatable(n) {
			out = append(out, candidate{node: n, pairs: pairs})
		}
		switch x := n.(type) {
		case *plan.Filter:
			rec(x.Input, pairs)
		case *plan.Project:
			m := map[plan.ColumnID]plan.Expr{}
			for i, c := range x.Cols {
				m[c.ID] = x.Exprs[i]
			}
			mapped := make([]keyPair, len(pairs))
			for i, p := range pairs {
				o := plan.Substitute(p.Other, m)
				if len(plan.ColumnsUsed(o)) == 0 || !deterministicExpr(o) {
					return
				}
				mapped[i] = p
				mapped[i].Other = o
			}
			rec(x.Input, mapped)
		case *plan.Join:
			switch x.Kind {
			case plan.JoinInner, plan.JoinSemi, plan.JoinAnti, plan.JoinLeft:
			default:
				return
			}
			lcols, rcols := idSet(x.Left.Schema()), idSet(x.Right.Schema())
			if pairsWithin(pairs, lcols) {
				rec(x.Left, pairs)
			} else if x.Kind == plan.JoinInner && pairsWithin(pairs, rcols) {
				rec(x.Right, pairs)
			}
			if x.Kind == plan.JoinAnti || x.Kind == plan.JoinLeft {
				return // a left row may match nothing on the right
			}
			for _, p := range pairs {
				c, ok := p.Other.(*plan.ColRef)
				if !ok {
					continue
				}
				for _, conj := range plan.Conjuncts(x.Cond) {
					z, zSide := equalTo(conj, c, x, lcols, rcols)
					if z == nil {
						continue
					}
					q := p
					q.Other = z
					rec(zSide, []keyPair{q})
				}
			}
		}
	}
	rec(n, pairs)
	return out
}

// equalTo returns z and its input when conj is c = z (or z = c) with c and
// z columns of the same type on opposite inputs of join x; for a semi join
// z must be on the right (c is then one of its output columns).
func equalTo(conj plan.Expr, c *plan.ColRef, x *plan.Join, lcols, rcols map[plan.ColumnID]bool) (*plan.ColRef, plan.Node) {
	eq, ok := conj.(*plan.Call)
	if !ok || eq.Name != "=" || len(eq.Args) != 2 {
		return nil, nil
	}
	for i, a := range eq.Args {
		ra, ok1 := a.(*plan.ColRef)
		z, ok2 := eq.Args[1-i].(*plan.ColRef)
		if !ok1 || !ok2 || ra.ID != c.ID || z.Typ != c.Typ {
			continue
		}
		switch {
		case lcols[c.ID] && rcols[z.ID]:
			return z, x.Right
		case x.Kind == plan.JoinInner && rcols[c.ID] && lcols[z.ID]:
			return z, x.Left
		}
	}
	return nil, nil
}

func pairsWithin(pairs []keyPair, cols map[plan.ColumnID]bool) bool {
	for _, p := range pairs {
		if !within(p.Other, cols) {
			return false
		}
	}
	return true
}

// repeatable reports whether evaluating n a second time yields the same
// rows at a cost its scans bound: scans, constant rows, filters,
// projections and inner, left, semi and anti joins of those, with no
// volatile function.
func repeatable(n plan.Node) bool {
	switch x := n.(type) {
	case *plan.Scan:
		return deterministicExpr(x.Filter)
	case *plan.Values:
		for _, r := range x.Rows {
			for _, e := range r {
				if !deterministicExpr(e) {
					return false
				}
			}
		}
		return true
	case *plan.Filter:
		return deterministicExpr(x.Pred) && repeatable(x.Input)
	case *plan.Project:
		for _, e := range x.Exprs {
			if !deterministicExpr(e) {
				return false
			}
		}
		return repeatable(x.Input)
	case *plan.Join:
		switch x.Kind {
		case plan.JoinInner, plan.JoinLeft, plan.JoinSemi, plan.JoinAnti:
			return deterministicExpr(x.Cond) && repeatable(x.Left) && repeatable(x.Right)
		}
	}
	return false
}

// deterministicExpr reports whether e calls no volatile function and holds
// no subquery.
func deterministicExpr(e plan.Expr) bool {
	ok := true
	plan.WalkExpr(e, func(x plan.Expr) bool {
		switch c := x.(type) {
		case *plan.Call:
			switch strings.ToLower(c.Name) {
			case "random", "nextval", "uuid", "gen_random_uuid", "clock_timestamp", "timeofday":
				ok = false
			}
		case *plan.Subquery:
			ok = false
		}
		return ok
	})
	return ok
}

// scannedRows estimates the rows evaluating n reads from its leaves.
func scannedRows(n plan.Node, est *cost.Estimator) float64 {
	switch x := n.(type) {
	case nil:
		return 0
	case *plan.Scan:
		return cost.TableRows(x)
	case *plan.Values:
		return float64(len(x.Rows))
	}
	total := 0.0
	for _, c := range n.Children() {
		total += scannedRows(c, est)
	}
	return total
}

// cloneFresh copies a repeatable plan with fresh IDs for every column it
// produces (recorded old → new in m), so the copy can sit in the same plan
// as the original.
func cloneFresh(n plan.Node, ids *plan.IDGen, m map[plan.ColumnID]plan.ColumnID) plan.Node {
	ch := n.Children()
	nc := make([]plan.Node, len(ch))
	for i, c := range ch {
		nc[i] = cloneFresh(c, ids, m)
	}
	n = n.WithChildren(nc) // a copy, also for leaves
	n = plan.MapNodeExprs(n, func(e plan.Expr) plan.Expr { return remapExpr(e, m) })
	fresh := func(s plan.Schema) plan.Schema {
		out := make(plan.Schema, len(s))
		for i, c := range s {
			out[i] = c
			out[i].ID = ids.New()
			m[c.ID] = out[i].ID
		}
		return out
	}
	switch x := n.(type) {
	case *plan.Scan:
		x.Cols = fresh(x.Cols)
		x.Filter = remapExpr(x.Filter, m) // it reads the scan's own columns
	case *plan.Values:
		x.Cols = fresh(x.Cols)
	case *plan.Project:
		x.Cols = fresh(x.Cols)
	}
	return n
}

// remapExpr renames the columns of e that m maps.
func remapExpr(e plan.Expr, m map[plan.ColumnID]plan.ColumnID) plan.Expr {
	if e == nil {
		return nil
	}
	return plan.RewriteExpr(e, func(x plan.Expr) plan.Expr {
		if c, ok := x.(*plan.ColRef); ok {
			if id, ok := m[c.ID]; ok {
				r := *c
				r.ID = id
				return &r
			}
		}
		return x
	})
}
