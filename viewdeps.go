package warehoused

import (
	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// viewDeps lists the relations a view reads: the tables its bound plan scans
// (views are expanded by the binder) plus the views named in its FROM lists.
func (c *Conn) viewDeps(n plan.Node, q *ast.Select) []catalog.TableID {
	seen := map[catalog.TableID]bool{}
	var out []catalog.TableID
	add := func(t *catalog.Table) {
		if t != nil && !seen[t.ID] {
			seen[t.ID] = true
			out = append(out, t.ID)
		}
	}
	var walk func(plan.Node)
	walk = func(n plan.Node) {
		switch x := n.(type) {
		case *plan.Scan:
			add(x.Table)
		case *plan.SystemScan:
			add(x.Table)
		}
		for _, ch := range n.Children() {
			walk(ch)
		}
	}
	if n != nil {
		walk(n)
	}
	var sel func(*ast.Select)
	var from func(ast.TableExpr)
	from = func(te ast.TableExpr) {
		switch x := te.(type) {
		case *ast.TableName:
			if t, err := c.resolve(x); err == nil && t.Kind == catalog.KindView {
				add(t)
			}
		case *ast.JoinExpr:
			from(x.Left)
			from(x.Right)
		case *ast.SubqueryTable:
			sel(x.Query)
		}
	}
	sel = func(s *ast.Select) {
		if s == nil {
			return
		}
		if s.With != nil {
			for _, cte := range s.With.CTEs {
				sel(cte.Query)
			}
		}
		for _, te := range s.From {
			from(te)
		}
		sel(s.Left)
		sel(s.Right)
	}
	sel(q)
	return out
}

// checkDependents refuses to drop a relation views depend on unless cascade,
// and returns those views (to drop with it).
func (c *Conn) checkDependents(t *catalog.Table, what string, cascade bool) ([]catalog.TableID, error) {
	deps := c.tx.work.cat.Dependents(t.ID)
	if len(deps) == 0 || cascade {
		return deps, nil
	}
	v := c.tx.work.cat.ByID(deps[0])
	return nil, sqlerr.Newf(sqlerr.DependentObjectsStillExist, "cannot drop %s %s because other objects depend on it", what, t.Name).
		WithDetail("view %s depends on %s %s", v.Name, what, t.Name).
		WithHint("Use DROP ... CASCADE to drop the dependent objects too.")
}
