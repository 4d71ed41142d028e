// SimplifyOuterJoins turns outer joins into inner (or less outer) joins when a
// predicate above them rejects the NULL-extended rows anyway.
//
// Rewrites: LEFT JOIN → INNER when a WHERE conjunct (or the condition of an
// enclosing inner join, or the ON condition of an enclosing outer join over
// this side) is null-rejecting on a column of the right input; RIGHT JOIN
// mirrored; FULL JOIN → LEFT/RIGHT/INNER depending on which sides' columns are
// rejected.
//
// Why it is correct: a null-rejecting predicate (a strict comparison, IS NOT
// NULL, IN, an AND containing one, an OR all of whose arms are) is never TRUE
// when the columns it reads are NULL, so every row the outer join adds with
// NULLs for the right side is removed above: the remaining rows are exactly
// the inner join's. Predicates are only carried through operators that keep
// rows unchanged (Filter, Project of column references, Sort, inner joins);
// LIMIT, aggregates and windows stop them.
//
// Example:
//
//	SELECT * FROM customer c LEFT JOIN orders o ON c.c_custkey = o.o_custkey
//	WHERE o.o_totalprice > 1000
//	→ customer INNER JOIN orders ... (then push_down_filters moves the
//	  predicate into the orders scan)
package rules

import (
	"context"

	"github.com/warehoused/warehoused/planner/plan"
)

// SimplifyOuterJoins is the outer-join simplification rule.
type SimplifyOuterJoins struct{}

// Name implements Rule.
func (SimplifyOuterJoins) Name() string { return "simplify_outer_joins" }

// Apply implements Rule.
func (SimplifyOuterJoins) Apply(_ context.Context, n plan.Node, _ *Context) (plan.Node, error) {
	return simplifyOuter(n, nil), nil
}

type colSet = map[plan.ColumnID]bool

// simplifyOuter rewrites n knowing that rows where any column of rejected is
// NULL are dropped above n.
func simplifyOuter(n plan.Node, rejected colSet) plan.Node {
	switch x := n.(type) {
	case *plan.Filter:
		rej := union(rejected, nullRejected(x.Pred))
		return x.WithChildren([]plan.Node{simplifyOuter(x.Input, rej)})
	case *plan.Sort:
		return x.WithChildren([]plan.Node{simplifyOuter(x.Input, rejected)})
	case *plan.Project:
		var rej colSet
		for i, c := range x.Cols {
			if rejected[c.ID] {
				if ref, ok := x.Exprs[i].(*plan.ColRef); ok {
					rej = union(rej, colSet{ref.ID: true})
				}
			}
		}
		return x.WithChildren([]plan.Node{simplifyOuter(x.Input, rej)})
	case *plan.Join:
		return simplifyJoin(x, rejected)
	}
	return withChildren(n, func(c plan.Node) plan.Node { return simplifyOuter(c, nil) })
}

func simplifyJoin(x *plan.Join, rejected colSet) plan.Node {
	l, r := idSet(x.Left.Schema()), idSet(x.Right.Schema())
	kind := x.Kind
	lr, rr := intersects(rejected, l), intersects(rejected, r)
	switch kind {
	case plan.JoinLeft:
		if rr {
			kind = plan.JoinInner
		}
	case plan.JoinRight:
		if lr {
			kind = plan.JoinInner
		}
	case plan.JoinFull:
		switch {
		case lr && rr:
			kind = plan.JoinInner
		case lr:
			kind = plan.JoinLeft
		case rr:
			kind = plan.JoinRight
		}
	}
	condRej := nullRejected(x.Cond)
	var lrej, rrej colSet
	switch kind {
	case plan.JoinInner:
		all := union(rejected, condRej)
		lrej, rrej = all, all
	case plan.JoinLeft:
		lrej, rrej = rejected, condRej
	case plan.JoinRight:
		lrej, rrej = condRej, rejected
	case plan.JoinSemi:
		lrej, rrej = union(rejected, condRej), condRej
	case plan.JoinAnti, plan.JoinMark:
		lrej = rejected
	}
	j := *x
	j.Kind = kind
	j.Left = simplifyOuter(x.Left, lrej)
	j.Right = simplifyOuter(x.Right, rrej)
	return &j
}

// strictOps return NULL when any argument is NULL.
var strictOps = map[string]bool{
	"=": true, "<>": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true,
	"+": true, "-": true, "*": true, "/": true, "%": true, "||": true,
	"like": true, "not like": true, "ilike": true, "not ilike": true, "~~": true, "!~~": true,
	"~~*": true, "!~~*": true, "~": true, "!~": true, "similar to": true,
	"substring": true, "substr": true, "upper": true, "lower": true, "trim": true, "btrim": true,
	"extract": true, "date_part": true, "date_trunc": true, "abs": true, "length": true,
}

// strictCols returns columns whose NULL makes e NULL.
func strictCols(e plan.Expr) colSet {
	switch x := e.(type) {
	case *plan.ColRef:
		return colSet{x.ID: true}
	case *plan.Cast:
		return strictCols(x.Arg)
	case *plan.Call:
		if !strictOps[x.Name] {
			return nil
		}
		var out colSet
		for _, a := range x.Args {
			out = union(out, strictCols(a))
		}
		return out
	}
	return nil
}

// nullRejected returns columns such that e is not TRUE when any of them is NULL.
func nullRejected(e plan.Expr) colSet {
	switch x := e.(type) {
	case nil:
		return nil
	case *plan.Call:
		return strictCols(x)
	case *plan.IsNull:
		if x.Neg {
			return strictCols(x.Arg)
		}
	case *plan.InList:
		return strictCols(x.Arg)
	case *plan.Not:
		if c, ok := x.Arg.(*plan.Call); ok {
			return strictCols(c)
		}
	case *plan.BoolOp:
		if x.Op == plan.OpAnd {
			var out colSet
			for _, a := range x.Args {
				out = union(out, nullRejected(a))
			}
			return out
		}
		var out colSet
		for i, a := range x.Args {
			s := nullRejected(a)
			if i == 0 {
				out = s
				continue
			}
			out = intersect(out, s)
		}
		return out
	}
	return nil
}

func union(a, b colSet) colSet {
	if len(b) == 0 {
		return a
	}
	if len(a) == 0 {
		return b
	}
	out := make(colSet, len(a)+len(b))
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

func intersect(a, b colSet) colSet {
	out := colSet{}
	for k := range a {
		if b[k] {
			out[k] = true
		}
	}
	return out
}

func intersects(a, b colSet) bool {
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}
