package bind

import "github.com/warehoused/warehoused/planner/plan"

// clonePlan copies n's tree with fresh column IDs for every column it
// produces (recorded old → new in m), so the copy can sit in the same plan as
// the original. References to columns from outside the tree stay as they are.
func (b *Binder) clonePlan(n plan.Node, m map[plan.ColumnID]plan.ColumnID, work map[int]int) plan.Node {
	ch := n.Children()
	if len(ch) > 0 {
		newCh := make([]plan.Node, len(ch))
		for i, c := range ch {
			newCh[i] = b.clonePlan(c, m, work)
		}
		n = n.WithChildren(newCh)
	} else {
		n = n.WithChildren(nil)
	}
	fresh := func(s plan.Schema) plan.Schema {
		out := make(plan.Schema, len(s))
		for i, c := range s {
			nc := c
			nc.ID = b.ids.New()
			m[c.ID] = nc.ID
			out[i] = nc
		}
		return out
	}
	freshCol := func(c plan.Column) plan.Column {
		return fresh(plan.Schema{c})[0]
	}
	// Expressions read children's columns, already renamed.
	n = remapPlanNode(n, m)
	switch x := n.(type) {
	case *plan.Scan:
		x.Cols = fresh(x.Cols)
	case *plan.SystemScan:
		x.Cols = fresh(x.Cols)
	case *plan.Values:
		x.Cols = fresh(x.Cols)
	case *plan.Project:
		x.Cols = fresh(x.Cols)
	case *plan.Join:
		if x.Kind == plan.JoinMark {
			x.MarkCol = freshCol(x.MarkCol)
		}
	case *plan.Aggregate:
		x.GroupCols = fresh(x.GroupCols)
		for i := range x.Aggs {
			x.Aggs[i].Col = freshCol(x.Aggs[i].Col)
		}
		if x.GroupingIDCol != nil {
			c := freshCol(*x.GroupingIDCol)
			x.GroupingIDCol = &c
		}
	case *plan.Window:
		for i := range x.Funcs {
			x.Funcs[i].Col = freshCol(x.Funcs[i].Col)
		}
	case *plan.SetOp:
		x.Cols = fresh(x.Cols)
	case *plan.RecursiveCTE:
		x.Cols = fresh(x.Cols)
		if id, ok := work[x.WorkID]; ok {
			x.WorkID = id
		}
	case *plan.WorkTableScan:
		x.Cols = fresh(x.Cols)
		if _, ok := work[x.WorkID]; !ok {
			work[x.WorkID] = b.nextWorkID()
		}
		x.WorkID = work[x.WorkID]
	case *plan.TableFunc:
		x.Cols = fresh(x.Cols)
	}
	return n
}
