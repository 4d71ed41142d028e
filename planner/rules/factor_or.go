// FactorOrPredicates pulls conjuncts shared by every arm of an OR out of it,
// and derives from an OR over a join the single-input predicates it implies.
//
// Rewrites:
//   - (A AND B) OR (A AND C) → A AND (B OR C) (and A alone when an arm
//     becomes empty: A OR (A AND C) is A);
//   - in a Filter directly over an inner join, and in an inner join's
//     condition: for OR(arm1, arm2, ...) where every arm has conjuncts reading
//     only one input, the OR of those conjuncts is added as an extra conjunct
//     (kept alongside the original), so push_down_filters can filter that
//     input early.
//
// Why it is correct: AND distributes over OR, so factoring is an identity in
// three-valued logic too (A is NULL or FALSE makes both sides not TRUE;
// A TRUE reduces both to B OR C). A derived conjunct is implied by the
// original (each arm implies its own part), so adding it removes only rows
// the original removes anyway.
//
// Example (TPC-H Q19):
//
//	WHERE (p_partkey = l_partkey AND p_brand = 'Brand#12' AND l_quantity >= 1 ...)
//	   OR (p_partkey = l_partkey AND p_brand = 'Brand#23' AND l_quantity >= 10 ...)
//	→ p_partkey = l_partkey AND (... OR ...) AND (p_brand = 'Brand#12' OR p_brand = 'Brand#23')
//	  AND (l_quantity >= 1 ... OR l_quantity >= 10 ...): a hash join instead of a nested loop.
package rules

import (
	"context"

	"github.com/warehoused/warehoused/planner/plan"
)

// FactorOrPredicates is the OR factoring rule.
type FactorOrPredicates struct{}

// Name implements Rule.
func (FactorOrPredicates) Name() string { return "factor_or_predicates" }

// Apply implements Rule.
func (FactorOrPredicates) Apply(_ context.Context, n plan.Node, _ *Context) (plan.Node, error) {
	return plan.TransformUp(n, func(x plan.Node) plan.Node {
		x = plan.MapNodeExprs(x, func(e plan.Expr) plan.Expr { return plan.RewriteExpr(e, factorOr) })
		switch y := x.(type) {
		case *plan.Filter:
			if j, ok := y.Input.(*plan.Join); ok && j.Kind == plan.JoinInner {
				c := *y
				c.Pred = deriveSides(y.Pred, j.Left.Schema(), j.Right.Schema())
				return &c
			}
		case *plan.Join:
			if y.Kind == plan.JoinInner && y.Cond != nil {
				c := *y
				c.Cond = deriveSides(y.Cond, y.Left.Schema(), y.Right.Schema())
				return &c
			}
		}
		return x
	}), nil
}

// factorOr extracts the conjuncts common to all arms of an OR.
func factorOr(e plan.Expr) plan.Expr {
	b, ok := e.(*plan.BoolOp)
	if !ok || b.Op != plan.OpOr || len(b.Args) < 2 {
		return e
	}
	arms := make([][]plan.Expr, len(b.Args))
	for i, a := range b.Args {
		arms[i] = plan.Conjuncts(a)
	}
	var common []plan.Expr
	commonKeys := map[string]bool{}
	for _, c := range arms[0] {
		k := exprStr(c)
		if commonKeys[k] {
			continue
		}
		inAll := true
		for _, arm := range arms[1:] {
			if !containsExpr(arm, k) {
				inAll = false
				break
			}
		}
		if inAll {
			common = append(common, c)
			commonKeys[k] = true
		}
	}
	if len(common) == 0 {
		return e
	}
	rest := make([]plan.Expr, 0, len(arms))
	for _, arm := range arms {
		var left []plan.Expr
		for _, c := range arm {
			if !commonKeys[exprStr(c)] {
				left = append(left, c)
			}
		}
		if len(left) == 0 {
			// This arm is just the common part: the OR adds nothing.
			return plan.AndOf(common)
		}
		rest = append(rest, plan.AndOf(left))
	}
	return plan.AndOf(append(common, &plan.BoolOp{Op: plan.OpOr, Args: rest}))
}

func containsExpr(es []plan.Expr, key string) bool {
	for _, e := range es {
		if exprStr(e) == key {
			return true
		}
	}
	return false
}

// deriveSides adds, for each OR conjunct of pred, the implied OR restricted
// to each join input, unless already present.
func deriveSides(pred plan.Expr, left, right plan.Schema) plan.Expr {
	conj := plan.Conjuncts(pred)
	have := map[string]bool{}
	for _, c := range conj {
		have[exprStr(c)] = true
	}
	out := conj
	for _, c := range conj {
		or, ok := c.(*plan.BoolOp)
		if !ok || or.Op != plan.OpOr {
			continue
		}
		for _, side := range []map[plan.ColumnID]bool{idSet(left), idSet(right)} {
			if within(c, side) {
				continue // already single-input
			}
			parts := make([]plan.Expr, 0, len(or.Args))
			for _, arm := range or.Args {
				var mine []plan.Expr
				for _, a := range plan.Conjuncts(arm) {
					if len(plan.ColumnsUsed(a)) > 0 && within(a, side) {
						mine = append(mine, a)
					}
				}
				if len(mine) == 0 {
					parts = nil
					break
				}
				parts = append(parts, plan.AndOf(mine))
			}
			if parts == nil {
				continue
			}
			d := plan.Expr(&plan.BoolOp{Op: plan.OpOr, Args: parts})
			if k := exprStr(d); !have[k] {
				have[k] = true
				out = append(out, d)
			}
		}
	}
	if len(out) == len(conj) {
		return pred
	}
	return plan.AndOf(out)
}
