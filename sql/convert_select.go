package sql

import (
	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/warehoused/warehoused/sql/ast"
)

// selectNode converts a node that must be a SELECT.
func (c *converter) selectNode(n *pg_query.Node) *ast.Select {
	s := n.GetSelectStmt()
	if s == nil {
		if c.err == nil {
			c.unsupported(-1, "expected a query, found %s", nodeName(n))
		}
		return nil
	}
	return c.selectStmt(s)
}

func (c *converter) selectStmt(s *pg_query.SelectStmt) *ast.Select {
	if s == nil || c.err != nil {
		return nil
	}
	sel := &ast.Select{Loc: -1, With: c.with(s.GetWithClause())}
	if len(s.GetLockingClause()) > 0 {
		c.unsupported(-1, "SELECT FOR UPDATE/SHARE is not supported")
		return nil
	}
	switch s.GetOp() {
	case pg_query.SetOperation_SETOP_UNION, pg_query.SetOperation_SETOP_INTERSECT, pg_query.SetOperation_SETOP_EXCEPT:
		sel.Op = ast.SetUnion
		switch s.GetOp() {
		case pg_query.SetOperation_SETOP_INTERSECT:
			sel.Op = ast.SetIntersect
		case pg_query.SetOperation_SETOP_EXCEPT:
			sel.Op = ast.SetExcept
		}
		sel.All = s.GetAll()
		sel.Left = c.selectStmt(s.GetLarg())
		sel.Right = c.selectStmt(s.GetRarg())
		if sel.Left == nil || sel.Right == nil {
			return nil
		}
	default:
		if len(s.GetValuesLists()) > 0 {
			for _, row := range s.GetValuesLists() {
				sel.Values = append(sel.Values, c.valuesRow(row.GetList().GetItems()))
			}
			break
		}
		if len(s.GetDistinctClause()) > 0 {
			sel.Distinct = true
			for _, d := range s.GetDistinctClause() {
				if d.GetNode() != nil {
					sel.DistinctOn = append(sel.DistinctOn, c.expr(d))
				}
			}
		}
		sel.Targets = c.targets(s.GetTargetList())
		sel.From = c.fromList(s.GetFromClause())
		sel.Where = c.expr(s.GetWhereClause())
		sel.GroupBy = c.groupBy(s.GetGroupClause())
		sel.Having = c.expr(s.GetHavingClause())
		for _, w := range s.GetWindowClause() {
			if wd := w.GetWindowDef(); wd != nil {
				sel.Windows = append(sel.Windows, c.windowDef(wd))
			}
		}
	}
	sel.OrderBy = c.orderBy(s.GetSortClause())
	if s.GetLimitOption() == pg_query.LimitOption_LIMIT_OPTION_WITH_TIES {
		c.unsupported(-1, "FETCH ... WITH TIES is not supported")
		return nil
	}
	if lc := s.GetLimitCount(); lc != nil && !(lc.GetAConst() != nil && lc.GetAConst().GetIsnull()) {
		sel.Limit = c.expr(lc)
	}
	sel.Offset = c.expr(s.GetLimitOffset())
	if c.err != nil {
		return nil
	}
	return sel
}

// valuesRow converts one VALUES row; DEFAULT is a nil entry in INSERT's
// VALUES and an error elsewhere.
func (c *converter) valuesRow(items []*pg_query.Node) []ast.Expr {
	row := make([]ast.Expr, 0, len(items))
	for _, it := range items {
		if c.allowDefault && it.GetSetToDefault() != nil {
			row = append(row, nil)
			continue
		}
		row = append(row, c.expr(it))
	}
	return row
}

func (c *converter) with(w *pg_query.WithClause) *ast.With {
	if w == nil {
		return nil
	}
	out := &ast.With{Recursive: w.GetRecursive()}
	for _, n := range w.GetCtes() {
		cte := n.GetCommonTableExpr()
		if cte == nil {
			continue
		}
		if cte.GetSearchClause() != nil || cte.GetCycleClause() != nil {
			c.unsupported(cte.GetLocation(), "SEARCH and CYCLE clauses are not supported")
			return nil
		}
		q := c.selectNode(cte.GetCtequery())
		out.CTEs = append(out.CTEs, &ast.CTE{
			Name:    cte.GetCtename(),
			Columns: strs(cte.GetAliascolnames()),
			Query:   q,
			Loc:     c.loc(cte.GetLocation()),
		})
	}
	return out
}

func (c *converter) targets(ns []*pg_query.Node) []*ast.Target {
	if len(ns) == 0 {
		return nil
	}
	out := make([]*ast.Target, 0, len(ns))
	for _, n := range ns {
		rt := n.GetResTarget()
		if rt == nil {
			continue
		}
		if len(rt.GetIndirection()) > 0 {
			c.unsupported(rt.GetLocation(), "target indirection is not supported")
			return nil
		}
		out = append(out, &ast.Target{Expr: c.expr(rt.GetVal()), Alias: rt.GetName(), Loc: c.loc(rt.GetLocation())})
	}
	return out
}

func (c *converter) groupBy(ns []*pg_query.Node) []ast.GroupingElement {
	if len(ns) == 0 {
		return nil
	}
	out := make([]ast.GroupingElement, 0, len(ns))
	for _, n := range ns {
		if g := c.groupingElement(n, false); g != nil {
			out = append(out, g)
		}
	}
	return out
}

// groupingElement converts a GROUP BY item; inside grouping sets a row
// constructor (a, b) is a parenthesised list of expressions.
func (c *converter) groupingElement(n *pg_query.Node, inSet bool) ast.GroupingElement {
	if gs := n.GetGroupingSet(); gs != nil {
		g := &ast.GroupingSet{Loc: c.loc(gs.GetLocation())}
		switch gs.GetKind() {
		case pg_query.GroupingSetKind_GROUPING_SET_EMPTY:
			g.Kind = ast.EmptyGroupingSet
			return g
		case pg_query.GroupingSetKind_GROUPING_SET_ROLLUP:
			g.Kind = ast.Rollup
		case pg_query.GroupingSetKind_GROUPING_SET_CUBE:
			g.Kind = ast.Cube
		default:
			g.Kind = ast.GroupingSets
		}
		for _, item := range gs.GetContent() {
			if e := c.groupingElement(item, true); e != nil {
				g.Items = append(g.Items, e)
			}
		}
		return g
	}
	if row := n.GetRowExpr(); row != nil && inSet {
		g := &ast.GroupingSet{Kind: ast.GroupingSets, Loc: c.loc(row.GetLocation())}
		for _, a := range row.GetArgs() {
			if e := c.expr(a); e != nil {
				g.Items = append(g.Items, &ast.GroupExpr{Expr: e})
			}
		}
		return g
	}
	e := c.expr(n)
	if e == nil {
		return nil
	}
	return &ast.GroupExpr{Expr: e}
}

func (c *converter) alias(a *pg_query.Alias) *ast.Alias {
	if a == nil {
		return nil
	}
	return &ast.Alias{Name: a.GetAliasname(), Columns: strs(a.GetColnames())}
}

func (c *converter) rangeVar(r *pg_query.RangeVar) *ast.TableName {
	if r == nil {
		return nil
	}
	return &ast.TableName{Schema: r.GetSchemaname(), Name: r.GetRelname(), Alias: c.alias(r.GetAlias()), Loc: c.loc(r.GetLocation())}
}

func (c *converter) fromList(ns []*pg_query.Node) []ast.TableExpr {
	if len(ns) == 0 {
		return nil
	}
	out := make([]ast.TableExpr, 0, len(ns))
	for _, n := range ns {
		if t := c.tableExpr(n); t != nil {
			out = append(out, t)
		}
	}
	return out
}

func (c *converter) tableExpr(n *pg_query.Node) ast.TableExpr {
	if c.err != nil || n == nil {
		return nil
	}
	switch x := n.GetNode().(type) {
	case *pg_query.Node_RangeVar:
		return c.rangeVar(x.RangeVar)
	case *pg_query.Node_RangeSubselect:
		q := c.selectNode(x.RangeSubselect.GetSubquery())
		if q == nil {
			return nil
		}
		return &ast.SubqueryTable{Query: q, Alias: c.alias(x.RangeSubselect.GetAlias()), Lateral: x.RangeSubselect.GetLateral(), Loc: -1}
	case *pg_query.Node_RangeFunction:
		rf := x.RangeFunction
		if rf.GetOrdinality() || rf.GetIsRowsfrom() || len(rf.GetFunctions()) != 1 {
			c.unsupported(-1, "ROWS FROM and WITH ORDINALITY are not supported")
			return nil
		}
		items := rf.GetFunctions()[0].GetList().GetItems()
		if len(items) == 0 {
			c.unsupported(-1, "malformed function in FROM")
			return nil
		}
		fc, ok := c.expr(items[0]).(*ast.FuncCall)
		if !ok {
			if c.err == nil {
				c.unsupported(-1, "only function calls are supported in FROM")
			}
			return nil
		}
		ft := &ast.FuncTable{Call: fc, Alias: c.alias(rf.GetAlias()), Loc: fc.Loc}
		if defs := rf.GetColdeflist(); len(defs) > 0 && ft.Alias != nil && len(ft.Alias.Columns) == 0 {
			// f() AS x(a type, ...): keep the column names; the types are
			// the function's business.
			for _, d := range defs {
				ft.Alias.Columns = append(ft.Alias.Columns, d.GetColumnDef().GetColname())
			}
		}
		return ft
	case *pg_query.Node_JoinExpr:
		return c.joinExpr(x.JoinExpr)
	}
	c.unsupported(-1, "FROM item %s is not supported", nodeName(n))
	return nil
}

func (c *converter) joinExpr(j *pg_query.JoinExpr) ast.TableExpr {
	je := &ast.JoinExpr{
		Left:    c.tableExpr(j.GetLarg()),
		Right:   c.tableExpr(j.GetRarg()),
		On:      c.expr(j.GetQuals()),
		Using:   strs(j.GetUsingClause()),
		Natural: j.GetIsNatural(),
		Alias:   c.alias(j.GetAlias()),
		Loc:     -1,
	}
	if je.Left == nil || je.Right == nil {
		return nil
	}
	switch j.GetJointype() {
	case pg_query.JoinType_JOIN_INNER:
		je.Kind = ast.JoinInner
		if je.On == nil && !je.Natural && len(je.Using) == 0 {
			je.Kind = ast.JoinCross
		}
	case pg_query.JoinType_JOIN_LEFT:
		je.Kind = ast.JoinLeft
	case pg_query.JoinType_JOIN_RIGHT:
		je.Kind = ast.JoinRight
	case pg_query.JoinType_JOIN_FULL:
		je.Kind = ast.JoinFull
	default:
		c.unsupported(-1, "join type is not supported")
		return nil
	}
	return je
}
