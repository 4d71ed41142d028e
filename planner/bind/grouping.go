package bind

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// grouping is the GROUP BY of an aggregating query level.
type grouping struct {
	exprs   []plan.Expr
	cols    plan.Schema
	keys    map[string]int
	fromIDs map[plan.ColumnID]bool // the level's input columns: not readable after grouping
	sets    [][]int
	gid     *plan.Column
}

// replace rewrites an expression bound over the input so that it reads the
// aggregate's output: grouped expressions become group columns; any other
// input column is a grouping error (42803).
func (g *grouping) replace(e plan.Expr) (plan.Expr, error) {
	if e == nil {
		return nil, nil
	}
	if i, ok := g.keys[exprKey(e)]; ok {
		c := g.cols[i]
		return &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}, nil
	}
	switch x := e.(type) {
	case *plan.ColRef:
		if g.fromIDs[x.ID] {
			return nil, sqlerr.Newf(sqlerr.GroupingError, "column \"%s\" must appear in the GROUP BY clause or be used in an aggregate function", x.Name)
		}
		return x, nil
	case *plan.Subquery:
		// Outer references to grouped columns read the group columns instead.
		m := map[plan.ColumnID]plan.ColumnID{}
		for _, id := range x.Outer {
			if !g.fromIDs[id] {
				continue
			}
			i, ok := g.keys[exprKey(&plan.ColRef{ID: id})]
			if !ok {
				name := ""
				walkPlanRefs(x.Plan, func(c *plan.ColRef) {
					if c.ID == id && name == "" {
						name = c.Name
					}
				})
				return nil, sqlerr.Newf(sqlerr.GroupingError, "subquery uses ungrouped column \"%s\" from outer query", name)
			}
			m[id] = g.cols[i].ID
		}
		if len(m) > 0 {
			x = remapSubquery(x, m)
			e = x
		}
	}
	return mapChildren(e, g.replace)
}

// bindGroupBy binds the GROUP BY clause of sel over ctx's scope.
func (b *Binder) bindGroupBy(sel *ast.Select, ctx *exprCtx) (*grouping, error) {
	g := &grouping{keys: map[string]int{}, fromIDs: ctx.sc.ids()}
	gctx := &exprCtx{sc: ctx.sc, env: ctx.env, clause: "GROUP BY", named: ctx.named}
	add := func(e ast.Expr) (int, error) {
		x, err := b.bindGroupExpr(e, sel.Targets, gctx)
		if err != nil {
			return 0, err
		}
		if x, err = b.resolveUnknown(x); err != nil {
			return 0, err
		}
		k := exprKey(x)
		if i, ok := g.keys[k]; ok {
			return i, nil
		}
		g.keys[k] = len(g.exprs)
		g.exprs = append(g.exprs, x)
		name := "?column?"
		if c, ok := x.(*plan.ColRef); ok {
			name = c.Name
		}
		g.cols = append(g.cols, plan.Column{ID: b.ids.New(), Name: name, Type: x.Type(), Nullable: true})
		return g.keys[k], nil
	}
	hasSets := false
	var sets [][]int = [][]int{{}}
	for _, el := range sel.GroupBy {
		var elSets [][]int
		switch x := el.(type) {
		case *ast.GroupExpr:
			i, err := add(x.Expr)
			if err != nil {
				return nil, err
			}
			elSets = [][]int{{i}}
		case *ast.GroupingSet:
			hasSets = true
			s, err := b.groupingSets(x, add)
			if err != nil {
				return nil, err
			}
			elSets = s
		}
		var next [][]int
		for _, a := range sets {
			for _, s := range elSets {
				next = append(next, union(a, s))
			}
		}
		sets = next
	}
	if hasSets {
		g.sets = sets
		g.gid = &plan.Column{ID: b.ids.New(), Name: "grouping", Type: types.Int64Type}
	}
	return g, nil
}

func union(a, s []int) []int {
	out := append([]int(nil), a...)
	for _, i := range s {
		dup := false
		for _, j := range out {
			dup = dup || i == j
		}
		if !dup {
			out = append(out, i)
		}
	}
	return out
}

// groupingSets expands ROLLUP, CUBE, GROUPING SETS and () into index sets.
func (b *Binder) groupingSets(gs *ast.GroupingSet, add func(ast.Expr) (int, error)) ([][]int, error) {
	// items turns each item into a list of group indexes (a "row").
	row := func(el ast.GroupingElement) ([]int, error) {
		switch x := el.(type) {
		case *ast.GroupExpr:
			i, err := add(x.Expr)
			return []int{i}, err
		case *ast.GroupingSet:
			var out []int
			for _, it := range x.Items {
				ge, ok := it.(*ast.GroupExpr)
				if !ok {
					return nil, errAt(notSupported("nested grouping sets here are not supported"), gs.Loc)
				}
				i, err := add(ge.Expr)
				if err != nil {
					return nil, err
				}
				out = append(out, i)
			}
			return out, nil
		}
		return nil, nil
	}
	switch gs.Kind {
	case ast.EmptyGroupingSet:
		return [][]int{{}}, nil
	case ast.Rollup, ast.Cube:
		var rows [][]int
		for _, it := range gs.Items {
			r, err := row(it)
			if err != nil {
				return nil, err
			}
			rows = append(rows, r)
		}
		var out [][]int
		if gs.Kind == ast.Rollup {
			for k := len(rows); k >= 0; k-- {
				var s []int
				for _, r := range rows[:k] {
					s = union(s, r)
				}
				out = append(out, s)
			}
			return out, nil
		}
		n := len(rows)
		if n > 12 {
			return nil, errAt(sqlerr.Newf(sqlerr.ProgramLimitExceeded, "CUBE is limited to 12 elements"), gs.Loc)
		}
		for mask := (1 << n) - 1; mask >= 0; mask-- {
			var s []int
			for i := 0; i < n; i++ {
				if mask&(1<<(n-1-i)) != 0 {
					s = union(s, rows[i])
				}
			}
			out = append(out, s)
		}
		return out, nil
	}
	var out [][]int
	for _, it := range gs.Items {
		switch x := it.(type) {
		case *ast.GroupExpr:
			i, err := add(x.Expr)
			if err != nil {
				return nil, err
			}
			out = append(out, []int{i})
		case *ast.GroupingSet:
			if x.Kind == ast.GroupingSets && len(x.Items) > 0 && gs.Kind == ast.GroupingSets {
				// A parenthesised row inside GROUPING SETS: ((a, b)).
				allExprs := true
				for _, e := range x.Items {
					if _, ok := e.(*ast.GroupExpr); !ok {
						allExprs = false
					}
				}
				if allExprs {
					r, err := row(x)
					if err != nil {
						return nil, err
					}
					out = append(out, r)
					continue
				}
			}
			s, err := b.groupingSets(x, add)
			if err != nil {
				return nil, err
			}
			out = append(out, s...)
		}
	}
	return out, nil
}

// bindGroupExpr resolves a GROUP BY item: an ordinal, an input column, an
// output column name, or an expression over the input.
func (b *Binder) bindGroupExpr(e ast.Expr, targets []*ast.Target, ctx *exprCtx) (plan.Expr, error) {
	if c, ok := e.(*ast.Const); ok && c.Kind == ast.ConstInt {
		if c.Int < 1 || int(c.Int) > len(targets) {
			return nil, errAt(sqlerr.Newf(sqlerr.InvalidColumnReference, "GROUP BY position %d is not in select list", c.Int), c.Loc)
		}
		t := targets[c.Int-1]
		if cr, ok := t.Expr.(*ast.ColumnRef); ok && cr.Star {
			return nil, errAt(notSupported("GROUP BY position of a * target"), c.Loc)
		}
		return b.bindExpr(t.Expr, ctx)
	}
	if cr, ok := e.(*ast.ColumnRef); ok && len(cr.Parts) == 1 && !cr.Star {
		if _, found, _ := ctx.sc.lookupLocal(cr.Parts, cr.Loc); !found {
			for _, t := range targets {
				if targetName(t) == cr.Parts[0] {
					return b.bindExpr(t.Expr, ctx)
				}
			}
		}
	}
	return b.bindExpr(e, ctx)
}

// walkPlanRefs calls fn on every column reference in n's tree.
func walkPlanRefs(n plan.Node, fn func(*plan.ColRef)) {
	for _, e := range nodeExprs(n) {
		plan.WalkExpr(e, func(x plan.Expr) bool {
			switch c := x.(type) {
			case *plan.ColRef:
				fn(c)
			case *plan.Subquery:
				walkPlanRefs(c.Plan, fn)
			}
			return true
		})
	}
	for _, c := range n.Children() {
		walkPlanRefs(c, fn)
	}
}
