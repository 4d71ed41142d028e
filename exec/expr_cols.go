package exec

import "github.com/warehoused/warehoused/vector"

// Column usage of compiled expressions, so that operators that must copy
// rows before evaluating an expression (AND/OR on undecided rows, join
// conditions on candidate pairs) copy only the columns it reads.

// exprColumns marks in used the input columns e reads (growing used as
// needed) and reports false when e holds an expression kind it cannot see
// into, in which case the caller must assume every column is read.
func exprColumns(e Expr, used []bool) ([]bool, bool) {
	mark := func(x Expr) bool {
		var ok bool
		used, ok = exprColumns(x, used)
		return ok
	}
	markAll := func(xs []Expr) bool {
		for _, x := range xs {
			if !mark(x) {
				return false
			}
		}
		return true
	}
	switch x := e.(type) {
	case nil:
		return used, true
	case *colRef:
		if x.idx < 0 {
			return used, false
		}
		for len(used) <= x.idx {
			used = append(used, false)
		}
		used[x.idx] = true
		return used, true
	case *constExpr, *paramExpr:
		return used, true
	case *binExpr:
		return used, mark(x.a) && mark(x.b)
	case *boolExpr:
		return used, markAll(x.args)
	case *notExpr:
		return used, mark(x.arg)
	case *isNullExpr:
		return used, mark(x.arg)
	case *castExpr:
		return used, mark(x.arg)
	case *callExpr:
		return used, markAll(x.args)
	case *inListExpr:
		return used, mark(x.arg) && markAll(x.list)
	case *likeExpr:
		return used, markAll(x.args)
	case *regexMatch:
		return used, markAll(x.args)
	case *caseExpr:
		for _, w := range x.whens {
			if !mark(w.Cond) || !mark(w.Then) {
				return used, false
			}
		}
		return used, mark(x.els)
	}
	return used, false
}

// usedColumns returns the columns e reads, or nil when that is unknown
// (every column must then be provided).
func usedColumns(e Expr) []bool {
	used, ok := exprColumns(e, nil)
	if !ok {
		return nil
	}
	if used == nil {
		used = []bool{} // reads no column
	}
	return used
}

// gatherUsed is b.Gather(sel) restricted to the columns in used (all when
// used is nil); the other columns are left nil, as no reader touches them.
func gatherUsed(b *vector.Batch, sel []int32, used []bool) *vector.Batch {
	if used == nil {
		return b.Gather(sel)
	}
	out := &vector.Batch{Cols: make([]*vector.Vector, len(b.Cols)), N: len(sel)}
	for i, c := range b.Cols {
		if i < len(used) && used[i] {
			out.Cols[i] = c.Gather(sel)
		}
	}
	return out
}

// safeExpr reports whether e cannot raise an error and is cheap on every
// row, so AND/OR may evaluate it on rows an earlier argument already
// decided instead of copying the undecided rows first.
func safeExpr(e Expr) bool {
	switch x := e.(type) {
	case *colRef, *constExpr, *paramExpr:
		return true
	case *binExpr:
		return x.cmp && safeExpr(x.a) && safeExpr(x.b)
	case *boolExpr:
		for _, a := range x.args {
			if !safeExpr(a) {
				return false
			}
		}
		return true
	case *notExpr:
		return safeExpr(x.arg)
	case *isNullExpr:
		return safeExpr(x.arg)
	case *inListExpr:
		return x.set != nil && safeExpr(x.arg)
	}
	return false
}
