package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// fillEmptyGroups completes the decorrelation of an aggregate without GROUP
// BY (which yields one row per outer row, even over no input rows). na is the
// aggregate regrouped by its inner correlation keys and eqs the pulled
// equalities (outer = group key); a group with no input rows would be
// missing from na. The distinct outer values D, computed from a copy of the
// domain (b.domIn), are LEFT joined to na, so every outer value has a row,
// with count() read as 0; the pulled predicates become null-safe D = outer.
// Without a usable domain, na and eqs are returned unchanged.
func (b *Binder) fillEmptyGroups(orig, na *plan.Aggregate, eqs []plan.Expr, outer map[plan.ColumnID]bool) (plan.Node, []plan.Expr, error) {
	if b.domIn == nil || len(eqs) == 0 {
		return na, eqs, nil
	}
	used, ok := outerColumnsUsed(b.domIn.Schema(), eqs, outer)
	if !ok {
		return na, eqs, nil
	}
	d, dm := b.distinctDomain(b.domIn, used)
	// na's aggregates get fresh columns: the projection above re-emits the
	// original ones (consumers read them by ID).
	fresh := &plan.Aggregate{Input: na.Input, GroupBy: na.GroupBy, GroupCols: na.GroupCols}
	proj := &plan.Project{}
	for _, a := range orig.Aggs {
		nc := a
		nc.Col.ID = b.ids.New()
		nc.Col.Nullable = true
		fresh.Aggs = append(fresh.Aggs, nc)
		ref := &plan.ColRef{ID: nc.Col.ID, Typ: nc.Col.Type, Name: nc.Col.Name}
		var e plan.Expr = ref
		if a.Name == "count" || a.Name == "approximate_count_distinct" {
			e = nullAsZero(ref)
		}
		proj.Exprs = append(proj.Exprs, e)
		proj.Cols = append(proj.Cols, a.Col)
	}
	proj.Input = &plan.Join{Kind: plan.JoinLeft, Left: d, Right: fresh, Cond: plan.AndOf(remapExprs(eqs, dm))}
	var preds []plan.Expr
	for i, c := range used {
		dc := d.GroupCols[i]
		pc := plan.Column{ID: b.ids.New(), Name: c.Name, Type: c.Type, Nullable: c.Nullable}
		proj.Exprs = append(proj.Exprs, &plan.ColRef{ID: dc.ID, Typ: dc.Type, Name: dc.Name})
		proj.Cols = append(proj.Cols, pc)
		keys, err := b.nullSafeEq(&plan.ColRef{ID: pc.ID, Typ: pc.Type, Name: pc.Name}, &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name})
		if err != nil {
			return nil, nil, err
		}
		preds = append(preds, keys...)
	}
	return proj, preds, nil
}

// nullSafeEq spells `l IS NOT DISTINCT FROM r` as equalities a hash join can
// key on: (l IS NULL) = (r IS NULL) and coalesce(l, z) = coalesce(r, z) for a
// constant z of the type. Types without such a constant get a plain l = r
// when their columns cannot be NULL, and the CASE form otherwise.
func (b *Binder) nullSafeEq(l, r *plan.ColRef) ([]plan.Expr, error) {
	z := zeroOf(l.Typ)
	if z == nil {
		eq, err := b.binary("=", l, r, -1)
		if err != nil {
			return nil, err
		}
		bothNull := &plan.BoolOp{Op: plan.OpAnd, Args: []plan.Expr{&plan.IsNull{Arg: l}, &plan.IsNull{Arg: r}}}
		return []plan.Expr{&plan.BoolOp{Op: plan.OpOr, Args: []plan.Expr{eq, bothNull}}}, nil
	}
	nulls, err := b.binary("=", &plan.IsNull{Arg: l}, &plan.IsNull{Arg: r}, -1)
	if err != nil {
		return nil, err
	}
	fill := func(c *plan.ColRef) plan.Expr {
		return &plan.Case{Whens: []plan.When{{Cond: &plan.IsNull{Arg: c}, Then: z}}, Else: c, Typ: c.Typ}
	}
	vals, err := b.binary("=", fill(l), fill(r), -1)
	if err != nil {
		return nil, err
	}
	return []plan.Expr{nulls, vals}, nil
}

// zeroOf is some non-NULL constant of type t, nil if none is known.
func zeroOf(t types.T) *plan.Const {
	for _, s := range []string{"0", "", "2000-01-01", "00:00:00", "false"} {
		if v, err := types.Parse(t, s); err == nil && v != nil {
			return &plan.Const{Value: v, Typ: t}
		}
	}
	return nil
}
