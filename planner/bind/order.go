package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// orderResolver maps ORDER BY / DISTINCT ON items to projection columns,
// adding hidden columns for expressions not in the SELECT list.
type orderResolver struct {
	b        *Binder
	items    *[]outItem
	nVisible int
	ctx      *exprCtx
	post     func(plan.Expr, int) (plan.Expr, error)
	distinct bool
}

func (r *orderResolver) resolve(e ast.Expr) (int, error) {
	items := *r.items
	if c, ok := e.(*ast.Const); ok && c.Kind == ast.ConstInt {
		if c.Int < 1 || int(c.Int) > r.nVisible {
			return 0, errAt(sqlerr.Newf(sqlerr.InvalidColumnReference, "ORDER BY position %d is not in select list", c.Int), c.Loc)
		}
		return int(c.Int) - 1, nil
	}
	if cr, ok := e.(*ast.ColumnRef); ok && len(cr.Parts) == 1 && !cr.Star {
		idx := -1
		for i := 0; i < r.nVisible; i++ {
			if items[i].name != cr.Parts[0] {
				continue
			}
			if idx >= 0 && items[idx].key != items[i].key {
				return 0, errAt(sqlerr.Newf(sqlerr.AmbiguousColumn, "ORDER BY \"%s\" is ambiguous", cr.Parts[0]), cr.Loc)
			}
			if idx < 0 {
				idx = i
			}
		}
		if idx >= 0 {
			return idx, nil
		}
	}
	x, err := r.b.bindExpr(e, r.ctx)
	if err != nil {
		return 0, err
	}
	if x, err = r.b.resolveUnknown(x); err != nil {
		return 0, err
	}
	if x, err = r.post(x, exprLoc(e)); err != nil {
		return 0, err
	}
	k := exprKey(x)
	for i, it := range items {
		if it.key == k {
			return i, nil
		}
	}
	if r.distinct {
		return 0, errAt(sqlerr.Newf(sqlerr.InvalidColumnReference, "for SELECT DISTINCT, ORDER BY expressions must appear in select list"), exprLoc(e))
	}
	*r.items = append(items, outItem{expr: x, name: "?column?", key: k})
	return len(*r.items) - 1, nil
}

// hasAgg reports whether e calls an aggregate at this query level.
func (b *Binder) hasAgg(e ast.Expr) bool {
	found := false
	walkAST(e, func(x ast.Expr) bool {
		if f, ok := x.(*ast.FuncCall); ok {
			if f.Over == nil && (b.isAgg(f.Name) || f.Name == "approximate count") {
				found = true
			}
			if f.Name == "grouping" {
				found = true
			}
		}
		return !found
	})
	return found
}

// walkAST calls fn on e and its sub-expressions (pre-order) while fn returns
// true. It does not enter subqueries' queries.
func walkAST(e ast.Expr, fn func(ast.Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	w := func(es ...ast.Expr) {
		for _, c := range es {
			walkAST(c, fn)
		}
	}
	switch x := e.(type) {
	case *ast.BinaryExpr:
		w(x.L, x.R)
	case *ast.UnaryExpr:
		w(x.Arg)
	case *ast.BoolExpr:
		w(x.Args...)
	case *ast.BetweenExpr:
		w(x.Arg, x.Lo, x.Hi)
	case *ast.InExpr:
		w(x.Arg)
		w(x.List...)
	case *ast.LikeExpr:
		w(x.Arg, x.Pattern, x.Escape)
	case *ast.IsNullExpr:
		w(x.Arg)
	case *ast.BoolTestExpr:
		w(x.Arg)
	case *ast.DistinctFromExpr:
		w(x.L, x.R)
	case *ast.FuncCall:
		w(x.Args...)
		w(x.Filter)
		for _, o := range x.OrderBy {
			w(o.Expr)
		}
		if x.Over != nil {
			w(x.Over.PartitionBy...)
			for _, o := range x.Over.OrderBy {
				w(o.Expr)
			}
		}
	case *ast.CastExpr:
		w(x.Arg)
	case *ast.CaseExpr:
		w(x.Arg, x.Else)
		for _, wh := range x.Whens {
			w(wh.Cond, wh.Result)
		}
	case *ast.SubqueryExpr:
		w(x.Test)
	case *ast.CollateExpr:
		w(x.Arg)
	case *ast.ArrayCompareExpr:
		w(x.Arg, x.Array)
	}
}
