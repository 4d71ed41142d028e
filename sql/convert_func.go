package sql

import (
	"strings"

	pg_query "github.com/pganalyze/pg_query_go/v6"
	"github.com/warehoused/warehoused/sql/ast"
)

// datePartFuncs take a date part as their first argument; Redshift lets it
// be written as a bare word (`dateadd(day, 1, d)`), which we turn into a
// string constant.
var datePartFuncs = map[string]bool{
	"dateadd": true, "datediff": true, "date_part": true, "date_trunc": true, "datepart": true,
	"date_add": true, "date_diff": true,
}

func (c *converter) funcCall(f *pg_query.FuncCall) ast.Expr {
	names := stripCatalog(strs(f.GetFuncname()))
	if len(names) == 0 {
		c.unsupported(f.GetLocation(), "function call without a name")
		return nil
	}
	fc := &ast.FuncCall{
		Name:        strings.ToLower(names[len(names)-1]),
		Star:        f.GetAggStar(),
		Distinct:    f.GetAggDistinct(),
		WithinGroup: f.GetAggWithinGroup(),
		Loc:         c.loc(f.GetLocation()),
	}
	if len(names) > 1 {
		fc.Schema = names[len(names)-2]
	}
	if c.shifts != nil && fc.Loc >= 0 {
		// Redshift spellings the rewrite layer blanked out of the text.
		if fc.Name == "listagg" && c.shifts.IsBlankedDistinct(fc.Loc) {
			fc.Distinct = true
		}
		if fc.Name == "count" && fc.Distinct && c.shifts.IsApproxCount(fc.Loc) {
			fc.Name, fc.Distinct = "approximate_count_distinct", false
		}
	}
	if f.GetFuncVariadic() {
		c.unsupported(f.GetLocation(), "VARIADIC is not supported")
		return nil
	}
	args := f.GetArgs()
	fc.Args = make([]ast.Expr, 0, len(args))
	for i, a := range args {
		if i == 0 && datePartFuncs[fc.Name] && len(args) >= 2 {
			if cr := a.GetColumnRef(); cr != nil && len(cr.GetFields()) == 1 && cr.GetFields()[0].GetString_() != nil {
				fc.Args = append(fc.Args, &ast.Const{Kind: ast.ConstString, Text: str(cr.GetFields()[0]), Loc: c.loc(cr.GetLocation())})
				continue
			}
		}
		if na := a.GetNamedArgExpr(); na != nil {
			c.unsupported(na.GetLocation(), "named function arguments are not supported")
			return nil
		}
		if e := c.expr(a); e != nil {
			fc.Args = append(fc.Args, e)
		}
	}
	if len(fc.Args) == 0 {
		fc.Args = nil
	}
	fc.OrderBy = c.orderBy(f.GetAggOrder())
	fc.Filter = c.expr(f.GetAggFilter())
	if f.GetOver() != nil {
		fc.Over = c.windowDef(f.GetOver())
		if fc.Over.Name != "" && fc.Over.RefName == "" {
			// OVER w: a reference to a WINDOW clause entry
			fc.Over.RefName, fc.Over.Name = fc.Over.Name, ""
		}
	}
	return fc
}

func (c *converter) subLink(s *pg_query.SubLink) ast.Expr {
	loc := c.loc(s.GetLocation())
	q := c.selectNode(s.GetSubselect())
	if q == nil {
		return nil
	}
	se := &ast.SubqueryExpr{Query: q, Loc: loc}
	switch s.GetSubLinkType() {
	case pg_query.SubLinkType_EXISTS_SUBLINK:
		se.Kind = ast.SubExists
	case pg_query.SubLinkType_EXPR_SUBLINK:
		se.Kind = ast.SubScalar
	case pg_query.SubLinkType_ARRAY_SUBLINK:
		se.Kind = ast.SubArray
	case pg_query.SubLinkType_ANY_SUBLINK, pg_query.SubLinkType_ALL_SUBLINK:
		se.Kind = ast.SubAny
		if s.GetSubLinkType() == pg_query.SubLinkType_ALL_SUBLINK {
			se.Kind = ast.SubAll
		}
		se.Test = c.expr(s.GetTestexpr())
		se.Op = opName(s.GetOperName())
		if se.Op == "" {
			se.Op = "="
		}
	default:
		c.unsupported(s.GetLocation(), "this kind of subquery is not supported")
		return nil
	}
	return se
}

// orderBy converts a list of SortBy nodes.
func (c *converter) orderBy(ns []*pg_query.Node) []*ast.OrderItem {
	if len(ns) == 0 {
		return nil
	}
	out := make([]*ast.OrderItem, 0, len(ns))
	for _, n := range ns {
		sb := n.GetSortBy()
		if sb == nil {
			continue
		}
		item := &ast.OrderItem{Expr: c.expr(sb.GetNode())}
		switch sb.GetSortbyDir() {
		case pg_query.SortByDir_SORTBY_DESC:
			item.Desc = true
		case pg_query.SortByDir_SORTBY_USING:
			switch opName(sb.GetUseOp()) {
			case ">", ">=":
				item.Desc = true
			case "<", "<=":
			default:
				c.unsupported(sb.GetLocation(), "ORDER BY USING is not supported")
			}
		}
		switch sb.GetSortbyNulls() {
		case pg_query.SortByNulls_SORTBY_NULLS_FIRST:
			item.Nulls = ast.NullsFirst
		case pg_query.SortByNulls_SORTBY_NULLS_LAST:
			item.Nulls = ast.NullsLast
		}
		out = append(out, item)
	}
	return out
}

// Frame option bits of PostgreSQL's WindowDef.frameOptions.
const (
	frameNonDefault     = 0x00001
	frameRange          = 0x00002
	frameRows           = 0x00004
	frameGroups         = 0x00008
	frameStartUnbPrec   = 0x00020
	frameEndUnbPrec     = 0x00040
	frameStartUnbFoll   = 0x00080
	frameEndUnbFoll     = 0x00100
	frameStartCurrent   = 0x00200
	frameEndCurrent     = 0x00400
	frameStartOffPrec   = 0x00800
	frameEndOffPrec     = 0x01000
	frameStartOffFoll   = 0x02000
	frameEndOffFoll     = 0x04000
	frameExclusionFlags = 0x08000 | 0x10000 | 0x20000
)

func (c *converter) windowDef(w *pg_query.WindowDef) *ast.WindowDef {
	wd := &ast.WindowDef{
		Name:        w.GetName(),
		RefName:     w.GetRefname(),
		PartitionBy: c.exprs(w.GetPartitionClause()),
		OrderBy:     c.orderBy(w.GetOrderClause()),
		Loc:         c.loc(w.GetLocation()),
	}
	opts := w.GetFrameOptions()
	if opts&frameNonDefault == 0 {
		return wd
	}
	if opts&frameExclusionFlags != 0 {
		c.unsupported(w.GetLocation(), "frame EXCLUDE is not supported")
		return wd
	}
	fr := &ast.Frame{Mode: ast.FrameRange}
	switch {
	case opts&frameRows != 0:
		fr.Mode = ast.FrameRows
	case opts&frameGroups != 0:
		fr.Mode = ast.FrameGroups
	}
	switch {
	case opts&frameStartUnbPrec != 0:
		fr.Start.Kind = ast.UnboundedPreceding
	case opts&frameStartUnbFoll != 0:
		fr.Start.Kind = ast.UnboundedFollowing
	case opts&frameStartOffPrec != 0:
		fr.Start = ast.FrameBound{Kind: ast.OffsetPreceding, Offset: c.expr(w.GetStartOffset())}
	case opts&frameStartOffFoll != 0:
		fr.Start = ast.FrameBound{Kind: ast.OffsetFollowing, Offset: c.expr(w.GetStartOffset())}
	default:
		fr.Start.Kind = ast.CurrentRow
	}
	switch {
	case opts&frameEndUnbFoll != 0:
		fr.End.Kind = ast.UnboundedFollowing
	case opts&frameEndUnbPrec != 0:
		fr.End.Kind = ast.UnboundedPreceding
	case opts&frameEndOffPrec != 0:
		fr.End = ast.FrameBound{Kind: ast.OffsetPreceding, Offset: c.expr(w.GetEndOffset())}
	case opts&frameEndOffFoll != 0:
		fr.End = ast.FrameBound{Kind: ast.OffsetFollowing, Offset: c.expr(w.GetEndOffset())}
	default:
		fr.End.Kind = ast.CurrentRow
	}
	wd.Frame = fr
	return wd
}
