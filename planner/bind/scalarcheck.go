package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// cardinalityCheck guards a decorrelated scalar subquery (right, joined to in
// by preds) against returning more than one row for an outer row, which
// PostgreSQL reports as 21000. It returns a node that yields no rows, or
// fails with 21000 (Max1Row) when some outer value has two or more matches:
//
//	Max1Row(Filter(count(*) > 1, Aggregate by D (D ⋈ right)) × two rows)
//
// where D is the distinct outer values read by preds, from a copy of in.
// It returns nil when the check cannot be built (outer columns from further
// up); the subquery then runs unchecked.
func (b *Binder) cardinalityCheck(in, right plan.Node, preds []plan.Expr, outer map[plan.ColumnID]bool) (plan.Node, error) {
	used, ok := outerColumnsUsed(in.Schema(), preds, outer)
	if !ok || len(used) == 0 {
		return nil, nil
	}
	d, rm := b.distinctDomain(in, used)
	rc := b.clonePlan(right, rm, map[int]int{})
	a := &plan.Aggregate{Input: &plan.Join{Kind: plan.JoinInner, Left: d, Right: rc, Cond: plan.AndOf(remapExprs(preds, rm))}}
	for _, dc := range d.GroupCols {
		a.GroupBy = append(a.GroupBy, &plan.ColRef{ID: dc.ID, Typ: dc.Type, Name: dc.Name})
		a.GroupCols = append(a.GroupCols, plan.Column{ID: b.ids.New(), Name: dc.Name, Type: dc.Type, Nullable: dc.Nullable})
	}
	cnt := plan.Column{ID: b.ids.New(), Name: "count", Type: types.Int64Type}
	a.Aggs = []plan.AggCall{{Name: "count", Col: cnt}}
	many, err := b.call(">", []plan.Expr{&plan.ColRef{ID: cnt.ID, Typ: cnt.Type, Name: cnt.Name}, &plan.Const{Value: int64(1), Typ: types.Int64Type}}, -1)
	if err != nil {
		return nil, err
	}
	bad := &plan.Filter{Input: a, Pred: many}
	twice := &plan.Join{Kind: plan.JoinInner, Left: bad, Right: &plan.Values{Rows: [][]plan.Expr{{}, {}}}}
	return &plan.Max1Row{Input: twice}, nil
}

// atMostOneRow reports whether a subquery plan yields at most one row per
// outer row once decorrelated (LIMIT 0 or 1 on top).
func atMostOneRow(n plan.Node) bool {
	for {
		switch x := n.(type) {
		case *plan.Project:
			n = x.Input
		case *plan.Sort:
			n = x.Input
		case *plan.Limit:
			c, ok := x.Count.(*plan.Const)
			if !ok {
				return false
			}
			v, ok := c.Value.(int64)
			return ok && v <= 1
		default:
			return false
		}
	}
}
