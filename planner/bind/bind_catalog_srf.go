package bind

import (
	"strings"

	"github.com/warehoused/warehoused/sql/ast"
)

// srfIndexCol names the series column expandArraySRFs adds.
const srfIndexCol = "__srf_i"

// expandArraySRFs rewrites the set-returning array functions clients put in
// a select list — unnest(arr), generate_subscripts(arr, 1) and
// information_schema._pg_expandarray(arr) with its fields .x and .n
// (SQLAlchemy and pgjdbc read pg_index.indkey so) — into a join with
// generate_series(1, maxArrayLen) and a subscript, one output row per
// element:
//
//	SELECT unnest(ix.indkey) a, generate_subscripts(ix.indkey, 1) o FROM pg_index ix
//	→ SELECT ix.indkey[__srf_i] a, __srf_i o FROM pg_index ix, generate_series(1, 1600) __srf(__srf_i)
//	  WHERE __srf_i <= cardinality(ix.indkey)
//
// Only a single array column per select list is expanded; anything else
// is left alone (and fails at run time if it meets an array).
func expandArraySRFs(sel *ast.Select) *ast.Select {
	if len(sel.From) == 0 || len(sel.GroupBy) > 0 || sel.Having != nil || sel.Op != ast.SetNone || sel.Values != nil {
		return sel
	}
	var arr *ast.ColumnRef
	ok := true
	for _, t := range sel.Targets {
		walkSRFs(t.Expr, func(c *ast.ColumnRef) {
			if arr == nil {
				arr = c
			} else if strings.Join(arr.Parts, ".") != strings.Join(c.Parts, ".") {
				ok = false
			}
		})
	}
	if arr == nil || !ok {
		return sel
	}
	idx := &ast.ColumnRef{Parts: []string{"__srf", srfIndexCol}, Loc: -1}
	out := *sel
	out.Targets = make([]*ast.Target, len(sel.Targets))
	for i, t := range sel.Targets {
		nt := *t
		nt.Expr = replaceSRFs(t.Expr, idx)
		if nt.Alias == "" {
			nt.Alias = srfName(t.Expr)
		}
		out.Targets[i] = &nt
	}
	series := &ast.FuncTable{
		Call: &ast.FuncCall{Name: "generate_series", Args: []ast.Expr{
			&ast.Const{Kind: ast.ConstInt, Int: 1, Loc: -1}, &ast.Const{Kind: ast.ConstInt, Int: maxArrayLen, Loc: -1}}, Loc: -1},
		Alias: &ast.Alias{Name: "__srf", Columns: []string{srfIndexCol}},
		Loc:   -1,
	}
	out.From = append(append([]ast.TableExpr(nil), sel.From...), series)
	bound := &ast.BinaryExpr{Op: "<=", L: idx, R: &ast.FuncCall{Name: "cardinality", Args: []ast.Expr{arr}, Loc: -1}, Loc: -1}
	if out.Where == nil {
		out.Where = bound
	} else {
		out.Where = &ast.BoolExpr{Op: ast.And, Args: []ast.Expr{out.Where, bound}, Loc: -1}
	}
	return &out
}

// srfCall reports whether f is an array SRF over a column, and that column.
func srfCall(f *ast.FuncCall) (*ast.ColumnRef, bool) {
	if f.Over != nil || len(f.Args) == 0 {
		return nil, false
	}
	c, ok := f.Args[0].(*ast.ColumnRef)
	if !ok || c.Star {
		return nil, false
	}
	switch {
	case f.Name == "unnest" && len(f.Args) == 1, f.Name == "_pg_expandarray" && len(f.Args) == 1:
		return c, true
	case f.Name == "generate_subscripts" && len(f.Args) == 2:
		if k, ok := f.Args[1].(*ast.Const); ok && k.Kind == ast.ConstInt && k.Int == 1 {
			return c, true
		}
	}
	return nil, false
}

// walkSRFs calls f with the array column of every SRF call in e.
func walkSRFs(e ast.Expr, f func(*ast.ColumnRef)) {
	switch x := e.(type) {
	case *ast.FuncCall:
		if c, ok := srfCall(x); ok {
			f(c)
			return
		}
		for _, a := range x.Args {
			walkSRFs(a, f)
		}
	case *ast.CastExpr:
		walkSRFs(x.Arg, f)
	case *ast.BinaryExpr:
		walkSRFs(x.L, f)
		walkSRFs(x.R, f)
	}
}

// replaceSRFs substitutes the element and index for the SRF calls in e.
func replaceSRFs(e ast.Expr, idx *ast.ColumnRef) ast.Expr {
	switch x := e.(type) {
	case *ast.FuncCall:
		if x.Name == "record_field" && len(x.Args) == 2 {
			if inner, ok := x.Args[0].(*ast.FuncCall); ok && inner.Name == "_pg_expandarray" {
				if c, ok := srfCall(inner); ok {
					if k, ok := x.Args[1].(*ast.Const); ok && k.Text == "n" {
						return idx
					}
					return &ast.FuncCall{Name: "array_subscript", Args: []ast.Expr{c, subscriptOf(c, idx)}, Loc: -1}
				}
			}
		}
		if c, ok := srfCall(x); ok {
			switch x.Name {
			case "unnest":
				return &ast.FuncCall{Name: "array_subscript", Args: []ast.Expr{c, subscriptOf(c, idx)}, Loc: -1}
			case "generate_subscripts":
				return subscriptOf(c, idx)
			}
			// _pg_expandarray(arr) as a value: the record (x, n) as '{x,n}'.
			return &ast.FuncCall{Name: "array_elem_pair", Args: []ast.Expr{c, idx}, Loc: -1}
		}
		cp := *x
		cp.Args = make([]ast.Expr, len(x.Args))
		for i, a := range x.Args {
			cp.Args[i] = replaceSRFs(a, idx)
		}
		return &cp
	case *ast.CastExpr:
		cp := *x
		cp.Arg = replaceSRFs(x.Arg, idx)
		return &cp
	case *ast.BinaryExpr:
		cp := *x
		cp.L, cp.R = replaceSRFs(x.L, idx), replaceSRFs(x.R, idx)
		return &cp
	}
	return e
}

// subscriptOf is the subscript of the idx-th element (1-based) of arr:
// vectors count from 0.
func subscriptOf(arr ast.Expr, idx *ast.ColumnRef) ast.Expr {
	if isVectorExpr(arr) {
		return &ast.BinaryExpr{Op: "-", L: idx, R: &ast.Const{Kind: ast.ConstInt, Int: 1, Loc: -1}, Loc: -1}
	}
	return idx
}

// srfName is the output name PostgreSQL gives a bare SRF target.
func srfName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.FuncCall:
		if x.Name == "record_field" && len(x.Args) == 2 {
			if k, ok := x.Args[1].(*ast.Const); ok {
				return k.Text
			}
		}
		if _, ok := srfCall(x); ok {
			return x.Name
		}
	}
	return ""
}
