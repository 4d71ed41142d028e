package bind

import "github.com/warehoused/warehoused/planner/plan"

// remapPlan rewrites every column reference in n's tree (expressions only,
// not output columns) through m: used to re-point a subquery's outer
// references at the aggregate's group columns.
func remapPlan(n plan.Node, m map[plan.ColumnID]plan.ColumnID) plan.Node {
	return plan.TransformUp(n, func(x plan.Node) plan.Node {
		return remapPlanNode(x, m)
	})
}

// remapPlanNode returns a copy of n alone (not its children) with its
// expressions rewritten through m.
func remapPlanNode(n plan.Node, m map[plan.ColumnID]plan.ColumnID) plan.Node {
	return plan.MapNodeExprs(n, func(e plan.Expr) plan.Expr { return remapExprDeep(e, m) })
}

// remapExprDeep rewrites the column references in e through m, including
// the plans and outer references of subqueries inside e.
func remapExprDeep(e plan.Expr, m map[plan.ColumnID]plan.ColumnID) plan.Expr {
	return plan.RewriteExpr(e, func(x plan.Expr) plan.Expr {
		switch c := x.(type) {
		case *plan.ColRef:
			if id, ok := m[c.ID]; ok {
				return &plan.ColRef{ID: id, Typ: c.Typ, Name: c.Name}
			}
		case *plan.Subquery:
			return remapSubquery(c, m)
		}
		return x
	})
}

// remapSubquery returns a copy of x with its plan and outer references
// rewritten through m (its Test operand is left as it is).
func remapSubquery(x *plan.Subquery, m map[plan.ColumnID]plan.ColumnID) *plan.Subquery {
	s := *x
	s.Plan = remapPlan(x.Plan, m)
	s.Outer = make([]plan.ColumnID, len(x.Outer))
	for i, id := range x.Outer {
		if to, ok := m[id]; ok {
			id = to
		}
		s.Outer[i] = id
	}
	return &s
}

// remapExpr rewrites the column references in e through m; subqueries inside
// e are left as they are.
func remapExpr(e plan.Expr, m map[plan.ColumnID]plan.ColumnID) plan.Expr {
	return plan.RewriteExpr(e, func(x plan.Expr) plan.Expr {
		if c, ok := x.(*plan.ColRef); ok {
			if id, ok := m[c.ID]; ok {
				return &plan.ColRef{ID: id, Typ: c.Typ, Name: c.Name}
			}
		}
		return x
	})
}
