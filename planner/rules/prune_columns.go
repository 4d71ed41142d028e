// PruneColumns removes columns nobody reads: scan columns, projected
// expressions, aggregates and window functions whose outputs no ancestor
// uses.
//
// Rewrites (one top-down pass carrying the set of needed column IDs, which
// starts as the root's output):
//   - Scan keeps only needed columns and those its pushed filter reads;
//   - Project keeps only needed expressions;
//   - Aggregate keeps its group columns and only needed aggregates;
//   - Window keeps only needed functions (and disappears with none left).
//
// Every node keeps at least one column, so row counts survive (count(*) over
// a scan still sees every row). Set operations and recursive CTEs match
// columns by position, so their inputs keep all their columns.
//
// Why it is correct: a column no ancestor reads cannot influence the result;
// the operators kept compute their remaining outputs the same way.
//
// Example:
//
//	SELECT sum(l_extendedprice) FROM lineitem WHERE l_shipdate < date '1995-01-01'
//	Scan lineitem [16 columns] → Scan lineitem [l_extendedprice, l_shipdate]
package rules

import (
	"context"

	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
)

// PruneColumns is the column pruning rule.
type PruneColumns struct{}

// Name implements Rule.
func (PruneColumns) Name() string { return "prune_columns" }

// Apply implements Rule.
func (PruneColumns) Apply(_ context.Context, n plan.Node, _ *Context) (plan.Node, error) {
	return prune(n, idSet(n.Schema())), nil
}

// addUsed adds the columns es read to need.
func addUsed(need colSet, es ...plan.Expr) colSet {
	out := make(colSet, len(need)+4)
	for k := range need {
		out[k] = true
	}
	for _, e := range es {
		for id := range plan.ColumnsUsed(e) {
			out[id] = true
		}
	}
	return out
}

func sortExprs(keys []plan.SortKey) []plan.Expr {
	out := make([]plan.Expr, len(keys))
	for i, k := range keys {
		out[i] = k.Expr
	}
	return out
}

// prune rewrites n so that it outputs at least the columns of need it has.
func prune(n plan.Node, need colSet) plan.Node {
	switch x := n.(type) {
	case *plan.Scan:
		keep := addUsed(need, x.Filter)
		var cols []int
		var schema plan.Schema
		for i, c := range x.Cols {
			if keep[c.ID] {
				cols = append(cols, x.Columns[i])
				schema = append(schema, c)
			}
		}
		if len(schema) == 0 && len(x.Cols) > 0 {
			i := narrowest(x.Cols)
			cols, schema = []int{x.Columns[i]}, plan.Schema{x.Cols[i]}
		}
		if len(schema) == len(x.Cols) {
			return x
		}
		c := *x
		c.Columns, c.Cols = cols, schema
		return &c
	case *plan.Project:
		var exprs []plan.Expr
		var schema plan.Schema
		for i, c := range x.Cols {
			if need[c.ID] {
				exprs = append(exprs, x.Exprs[i])
				schema = append(schema, c)
			}
		}
		if len(schema) == 0 && len(x.Cols) > 0 {
			i := narrowest(x.Cols)
			exprs, schema = []plan.Expr{x.Exprs[i]}, plan.Schema{x.Cols[i]}
		}
		c := *x
		c.Exprs, c.Cols = exprs, schema
		if in, ok := x.Input.(*plan.Project); ok && onlyColRefs(in.Exprs) {
			// A projection that only renames or reorders (as reorder_joins
			// adds) merges into the one above.
			m := make(map[plan.ColumnID]plan.Expr, len(in.Cols))
			for i, ic := range in.Cols {
				m[ic.ID] = in.Exprs[i]
			}
			for i, e := range c.Exprs {
				c.Exprs[i] = plan.Substitute(e, m)
			}
			c.Input = in.Input
		}
		c.Input = prune(c.Input, addUsed(nil, c.Exprs...))
		return &c
	case *plan.Filter:
		return x.WithChildren([]plan.Node{prune(x.Input, addUsed(need, x.Pred))})
	case *plan.Join:
		childNeed := addUsed(need, x.Cond)
		return x.WithChildren([]plan.Node{prune(x.Left, childNeed), prune(x.Right, childNeed)})
	case *plan.Aggregate:
		c := *x
		c.Aggs = nil
		for _, a := range x.Aggs {
			if need[a.Col.ID] {
				c.Aggs = append(c.Aggs, a)
			}
		}
		if len(c.Aggs) == 0 && len(x.GroupCols) == 0 && x.GroupingIDCol == nil && len(x.Aggs) > 0 {
			c.Aggs = x.Aggs[:1]
		}
		used := append([]plan.Expr{}, x.GroupBy...)
		for _, a := range c.Aggs {
			used = append(used, a.Args...)
			used = append(used, a.Filter)
			used = append(used, sortExprs(a.OrderBy)...)
		}
		c.Input = prune(x.Input, addUsed(nil, used...))
		return &c
	case *plan.Window:
		var funcs []plan.WindowFunc
		var used []plan.Expr
		for _, f := range x.Funcs {
			if need[f.Col.ID] {
				funcs = append(funcs, f)
				used = append(used, f.Args...)
				used = append(used, f.PartitionBy...)
				used = append(used, sortExprs(f.OrderBy)...)
			}
		}
		if len(funcs) == 0 {
			return prune(x.Input, need)
		}
		c := *x
		c.Funcs = funcs
		c.Input = prune(x.Input, addUsed(need, used...))
		return &c
	case *plan.Sort:
		return x.WithChildren([]plan.Node{prune(x.Input, addUsed(need, sortExprs(x.Keys)...))})
	case *plan.Limit, *plan.Max1Row:
		return n.WithChildren([]plan.Node{prune(n.Children()[0], need)})
	}
	// Positional or leaf nodes: every input column is needed.
	return withChildren(n, func(c plan.Node) plan.Node { return prune(c, idSet(c.Schema())) })
}

// narrowest returns the index of the cheapest column to keep.
func narrowest(s plan.Schema) int {
	best := 0
	for i, c := range s {
		if cost.TypeWidth(c.Type) < cost.TypeWidth(s[best].Type) {
			best = i
		}
	}
	return best
}

func onlyColRefs(es []plan.Expr) bool {
	for _, e := range es {
		if _, ok := e.(*plan.ColRef); !ok {
			return false
		}
	}
	return true
}
