package cost

import "github.com/warehoused/warehoused/planner/plan"

// ColumnRows bounds the number of distinct values column id of n can hold:
// the row count of the table the column is read from (before filters), or
// the estimated rows of the operator that computes it; for an analyzed
// table column, its distinct count. It follows the column
// down through filters, projections that pass it on, sorts and joins.
func (e *Estimator) ColumnRows(n plan.Node, id plan.ColumnID) float64 {
	switch x := n.(type) {
	case *plan.Scan:
		if cs := e.ColumnStats(x, id); cs != nil && cs.Distinct > 0 {
			return min(cs.Distinct, TableRows(x))
		}
		return TableRows(x)
	case *plan.Filter:
		return e.ColumnRows(x.Input, id)
	case *plan.Sort:
		return e.ColumnRows(x.Input, id)
	case *plan.Limit:
		return min(e.ColumnRows(x.Input, id), e.Rows(x))
	case *plan.Project:
		for i, c := range x.Cols {
			if c.ID != id {
				continue
			}
			if r, ok := x.Exprs[i].(*plan.ColRef); ok {
				return e.ColumnRows(x.Input, r.ID)
			}
			break
		}
		return e.Rows(x)
	case *plan.Join:
		if x.Left.Schema().IndexOf(id) >= 0 {
			return e.ColumnRows(x.Left, id)
		}
		if x.Kind != plan.JoinSemi && x.Kind != plan.JoinAnti && x.Right.Schema().IndexOf(id) >= 0 {
			return e.ColumnRows(x.Right, id)
		}
	}
	return e.Rows(n)
}
