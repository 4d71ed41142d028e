package bind

import "github.com/warehoused/warehoused/planner/plan"

// Several decorrelations (aggregate subqueries with general correlation,
// empty-group filling, the scalar-subquery cardinality check) build the same
// "domain": the distinct outer values the correlated predicates read,
// computed from a copy of the outer input. These helpers hold that shape.

// outerColumnsUsed returns the columns of in that preds read from outer, in
// first-use order without repeats. ok is false when some outer column is not
// in in (it comes from further up).
func outerColumnsUsed(in plan.Schema, preds []plan.Expr, outer map[plan.ColumnID]bool) (used []plan.Column, ok bool) {
	seen := map[plan.ColumnID]bool{}
	for _, p := range preds {
		for _, id := range sortedIDs(plan.ColumnsUsed(p)) {
			if !outer[id] || seen[id] {
				continue
			}
			seen[id] = true
			i := in.IndexOf(id)
			if i < 0 {
				return nil, false
			}
			used = append(used, in[i])
		}
	}
	return used, true
}

// distinctDomain builds D: a copy of in grouped by the copies of used. dm
// maps each used column to D's group column standing for it.
func (b *Binder) distinctDomain(in plan.Node, used []plan.Column) (d *plan.Aggregate, dm map[plan.ColumnID]plan.ColumnID) {
	m := map[plan.ColumnID]plan.ColumnID{}
	d = &plan.Aggregate{Input: b.clonePlan(in, m, map[int]int{})}
	dm = map[plan.ColumnID]plan.ColumnID{}
	for _, c := range used {
		d.GroupBy = append(d.GroupBy, &plan.ColRef{ID: m[c.ID], Typ: c.Type, Name: c.Name})
		nc := plan.Column{ID: b.ids.New(), Name: c.Name, Type: c.Type, Nullable: c.Nullable}
		d.GroupCols = append(d.GroupCols, nc)
		dm[c.ID] = nc.ID
	}
	return d, dm
}

// remapExprs applies remapExpr to each of es (nil for none).
func remapExprs(es []plan.Expr, m map[plan.ColumnID]plan.ColumnID) []plan.Expr {
	var out []plan.Expr
	for _, e := range es {
		out = append(out, remapExpr(e, m))
	}
	return out
}

// nullAsZero reads ref (a count() column) as 0 where it is NULL: the group
// had no row and went missing from a LEFT join.
func nullAsZero(ref *plan.ColRef) plan.Expr {
	return &plan.Case{Whens: []plan.When{{Cond: &plan.IsNull{Arg: ref}, Then: &plan.Const{Value: int64(0), Typ: ref.Typ}}}, Else: ref, Typ: ref.Typ}
}
