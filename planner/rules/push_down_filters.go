// PushDownFilters moves each conjunct of a filter as close to the data as its
// columns allow.
//
// Rewrites (one top-down pass carrying the predicates being pushed):
//   - Filter over Filter: merged;
//   - through Project: column references are replaced by the projected
//     expressions;
//   - into joins: for INNER joins (including comma joins, which thereby get
//     their equi-join condition) a conjunct over one input goes into it, one
//     over both inputs goes into the join condition, and the condition's own
//     single-input conjuncts move into that input. For LEFT joins, WHERE
//     conjuncts over the left input go left, and ON conjuncts over the right
//     input go right; RIGHT joins mirror that; FULL joins keep everything.
//     SEMI/ANTI/MARK joins take left-only WHERE conjuncts into the left input
//     and right-only ON conjuncts into the right (a semi join also takes
//     left-only ON conjuncts);
//   - into Aggregate input, when the conjunct reads only group columns
//     (substituted by the group expressions) and there are no grouping sets;
//   - through Sort;
//   - into both inputs of UNION/INTERSECT/EXCEPT (columns matched by
//     position: these operations compare whole rows, so filtering each input
//     filters the result);
//   - into Scan.Filter, which the physical plan applies exactly (so no Filter
//     remains above the scan).
//
// Why it is correct: a conjunct evaluated lower removes exactly the rows it
// would remove higher, as long as the operators it crosses neither invent the
// rows it tests (the NULL-extended side of an outer join, the single row of a
// scalar aggregate) nor depend on the rows it removes (LIMIT, windows). Those
// cases keep the conjunct above.
//
// Example:
//
//	SELECT * FROM orders, lineitem WHERE o_orderkey = l_orderkey AND l_shipdate > date '1995-03-15'
//	Filter(Join Inner(orders, lineitem)) →
//	Join Inner on (o_orderkey = l_orderkey)(Scan orders, Scan lineitem filter=(l_shipdate > ...))
package rules

import (
	"context"

	"github.com/warehoused/warehoused/planner/plan"
)

// PushDownFilters is the predicate pushdown rule.
type PushDownFilters struct{}

// Name implements Rule.
func (PushDownFilters) Name() string { return "push_down_filters" }

// Apply implements Rule.
func (PushDownFilters) Apply(_ context.Context, n plan.Node, _ *Context) (plan.Node, error) {
	return pushDown(n, nil), nil
}

// pushDown places preds (which read only columns of n) at or below n.
func pushDown(n plan.Node, preds []plan.Expr) plan.Node {
	switch x := n.(type) {
	case *plan.Filter:
		return pushDown(x.Input, append(append([]plan.Expr{}, preds...), plan.Conjuncts(x.Pred)...))
	case *plan.Project:
		m := make(map[plan.ColumnID]plan.Expr, len(x.Cols))
		for i, c := range x.Cols {
			m[c.ID] = x.Exprs[i]
		}
		var down, keep []plan.Expr
		for _, p := range preds {
			if readsVolatile(p, m) {
				keep = append(keep, p)
				continue
			}
			down = append(down, plan.Substitute(p, m))
		}
		return wrapFilter(x.WithChildren([]plan.Node{pushDown(x.Input, down)}), keep)
	case *plan.Join:
		return pushJoin(x, preds)
	case *plan.Aggregate:
		var down, keep []plan.Expr
		if len(x.GroupBy) > 0 && x.GroupingSets == nil {
			m := make(map[plan.ColumnID]plan.Expr, len(x.GroupCols))
			for i, c := range x.GroupCols {
				m[c.ID] = x.GroupBy[i]
			}
			for _, p := range preds {
				used := plan.ColumnsUsed(p)
				ok := len(used) > 0
				for id := range used {
					if _, g := m[id]; !g {
						ok = false
					}
				}
				if ok && !readsVolatile(p, m) {
					down = append(down, plan.Substitute(p, m))
				} else {
					keep = append(keep, p)
				}
			}
		} else {
			keep = preds
		}
		return wrapFilter(x.WithChildren([]plan.Node{pushDown(x.Input, down)}), keep)
	case *plan.Sort:
		return x.WithChildren([]plan.Node{pushDown(x.Input, preds)})
	case *plan.SetOp:
		// Set operations compare whole rows, so a row predicate can filter
		// each input (columns matched by position).
		sides := []plan.Node{x.Left, x.Right}
		for i, side := range sides {
			ss := side.Schema()
			m := make(map[plan.ColumnID]plan.Expr, len(x.Cols))
			for k, c := range x.Cols {
				m[c.ID] = &plan.ColRef{ID: ss[k].ID, Typ: ss[k].Type, Name: ss[k].Name}
			}
			down := make([]plan.Expr, len(preds))
			for k, p := range preds {
				down[k] = plan.Substitute(p, m)
			}
			sides[i] = pushDown(side, down)
		}
		return x.WithChildren(sides)
	case *plan.Scan:
		if len(preds) == 0 {
			return x
		}
		c := *x
		c.Filter = plan.AndOf(append(plan.Conjuncts(x.Filter), preds...))
		return &c
	}
	return wrapFilter(withChildren(n, func(c plan.Node) plan.Node { return pushDown(c, nil) }), preds)
}

// pushJoin distributes preds (from above) and the join condition's conjuncts
// over the join's inputs, condition and a Filter kept above.
func pushJoin(x *plan.Join, preds []plan.Expr) plan.Node {
	l, r := idSet(x.Left.Schema()), idSet(x.Right.Schema())
	cond := plan.Conjuncts(x.Cond)
	var lp, rp, on, keep []plan.Expr
	onlyL := func(e plan.Expr) bool { return len(plan.ColumnsUsed(e)) > 0 && within(e, l) }
	onlyR := func(e plan.Expr) bool { return len(plan.ColumnsUsed(e)) > 0 && within(e, r) }
	switch x.Kind {
	case plan.JoinInner:
		for _, p := range append(append([]plan.Expr{}, preds...), cond...) {
			switch {
			case onlyL(p):
				lp = append(lp, p)
			case onlyR(p):
				rp = append(rp, p)
			default:
				on = append(on, p)
			}
		}
	case plan.JoinLeft, plan.JoinRight:
		preserved, preservedSet, nullable := &lp, onlyL, &rp
		nullableSet := onlyR
		if x.Kind == plan.JoinRight {
			preserved, preservedSet, nullable, nullableSet = &rp, onlyR, &lp, onlyL
		}
		for _, p := range preds {
			if preservedSet(p) {
				*preserved = append(*preserved, p)
			} else {
				keep = append(keep, p)
			}
		}
		for _, c := range cond {
			if nullableSet(c) {
				*nullable = append(*nullable, c)
			} else {
				on = append(on, c)
			}
		}
	case plan.JoinSemi, plan.JoinAnti, plan.JoinMark:
		for _, p := range preds {
			if onlyL(p) {
				lp = append(lp, p)
			} else {
				keep = append(keep, p)
			}
		}
		for _, c := range cond {
			switch {
			case onlyR(c):
				rp = append(rp, c)
			case x.Kind == plan.JoinSemi && onlyL(c):
				lp = append(lp, c)
			default:
				on = append(on, c)
			}
		}
	default: // FULL: nothing crosses it
		keep = preds
		on = cond
	}
	j := *x
	j.Left = pushDown(x.Left, lp)
	j.Right = pushDown(x.Right, rp)
	j.Cond = plan.AndOf(on)
	return wrapFilter(&j, keep)
}

// readsVolatile reports whether p reads a column that m maps to an expression
// calling a volatile function (which must not be evaluated more often).
func readsVolatile(p plan.Expr, m map[plan.ColumnID]plan.Expr) bool {
	for id := range plan.ColumnsUsed(p) {
		e, ok := m[id]
		if !ok {
			continue
		}
		bad := false
		plan.WalkExpr(e, func(x plan.Expr) bool {
			if c, ok := x.(*plan.Call); ok && volatile[c.Name] {
				bad = true
			}
			return !bad
		})
		if bad {
			return true
		}
	}
	return false
}
