package bind

import (
	"fmt"
	"strings"

	"github.com/warehoused/warehoused/planner/plan"
)

// exprKey renders e structurally, so that two bindings of the same SQL text
// (GROUP BY x+1 and SELECT x+1) compare equal.
func exprKey(e plan.Expr) string {
	var sb strings.Builder
	writeKey(&sb, e)
	return sb.String()
}

func writeKey(sb *strings.Builder, e plan.Expr) {
	switch x := e.(type) {
	case nil:
		sb.WriteString("nil")
	case *plan.ColRef:
		fmt.Fprintf(sb, "#%d", x.ID)
	case *plan.Const:
		fmt.Fprintf(sb, "k(%v:%T:%v)", x.Typ, x.Value, x.Value)
	case *plan.Param:
		fmt.Fprintf(sb, "$%d:%v", x.Index, x.Typ)
	case *plan.Call:
		fmt.Fprintf(sb, "%s:%v(", x.Name, x.Typ)
		writeKeys(sb, x.Args)
		sb.WriteString(")")
	case *plan.Cast:
		sb.WriteString("cast(")
		writeKey(sb, x.Arg)
		fmt.Fprintf(sb, " as %v %s)", x.To, x.IntervalFields)
	case *plan.BoolOp:
		fmt.Fprintf(sb, "bool%d(", x.Op)
		writeKeys(sb, x.Args)
		sb.WriteString(")")
	case *plan.Not:
		sb.WriteString("not(")
		writeKey(sb, x.Arg)
		sb.WriteString(")")
	case *plan.IsNull:
		fmt.Fprintf(sb, "isnull%v(", x.Neg)
		writeKey(sb, x.Arg)
		sb.WriteString(")")
	case *plan.Case:
		fmt.Fprintf(sb, "case:%v(", x.Typ)
		for _, w := range x.Whens {
			writeKey(sb, w.Cond)
			sb.WriteString("->")
			writeKey(sb, w.Then)
			sb.WriteString(";")
		}
		writeKey(sb, x.Else)
		sb.WriteString(")")
	case *plan.InList:
		fmt.Fprintf(sb, "in%v(", x.Neg)
		writeKey(sb, x.Arg)
		sb.WriteString(":")
		writeKeys(sb, x.List)
		sb.WriteString(")")
	default:
		fmt.Fprintf(sb, "%T@%p", e, e)
	}
}

func writeKeys(sb *strings.Builder, es []plan.Expr) {
	for i, a := range es {
		if i > 0 {
			sb.WriteString(",")
		}
		writeKey(sb, a)
	}
}

// mapChildren rebuilds e with fn applied to each direct child.
func mapChildren(e plan.Expr, fn func(plan.Expr) (plan.Expr, error)) (plan.Expr, error) {
	var err error
	all := func(es []plan.Expr) []plan.Expr {
		out := make([]plan.Expr, len(es))
		for i, a := range es {
			if err != nil {
				return nil
			}
			out[i], err = fn(a)
		}
		return out
	}
	one := func(a plan.Expr) plan.Expr {
		if a == nil || err != nil {
			return a
		}
		var r plan.Expr
		r, err = fn(a)
		return r
	}
	switch x := e.(type) {
	case *plan.Call:
		c := *x
		c.Args = all(x.Args)
		return &c, err
	case *plan.Cast:
		c := *x
		c.Arg = one(x.Arg)
		return &c, err
	case *plan.BoolOp:
		c := *x
		c.Args = all(x.Args)
		return &c, err
	case *plan.Not:
		return &plan.Not{Arg: one(x.Arg)}, err
	case *plan.IsNull:
		return &plan.IsNull{Arg: one(x.Arg), Neg: x.Neg}, err
	case *plan.Case:
		c := *x
		c.Whens = make([]plan.When, len(x.Whens))
		for i, w := range x.Whens {
			c.Whens[i] = plan.When{Cond: one(w.Cond), Then: one(w.Then)}
		}
		c.Else = one(x.Else)
		return &c, err
	case *plan.InList:
		c := *x
		c.Arg = one(x.Arg)
		c.List = all(x.List)
		return &c, err
	case *plan.Subquery:
		c := *x
		c.Test = one(x.Test)
		return &c, err
	}
	return e, nil
}

// usesAny reports whether e reads a column in set.
func usesAny(e plan.Expr, set map[plan.ColumnID]bool) bool {
	found := false
	plan.WalkExpr(e, func(x plan.Expr) bool {
		if found {
			return false
		}
		switch c := x.(type) {
		case *plan.ColRef:
			if set[c.ID] {
				found = true
			}
		case *plan.Subquery:
			for _, id := range c.Outer {
				if set[id] {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// hasSubquery reports whether e holds a Subquery.
func hasSubquery(e plan.Expr) bool {
	found := false
	plan.WalkExpr(e, func(x plan.Expr) bool {
		if _, ok := x.(*plan.Subquery); ok {
			found = true
		}
		return !found
	})
	return found
}

func boolConst(v bool) *plan.Const { return &plan.Const{Value: v, Typ: boolT} }

// isTrue is `e IS TRUE`: never NULL.
func isTrue(e plan.Expr) plan.Expr {
	return &plan.Case{Whens: []plan.When{{Cond: e, Then: boolConst(true)}}, Else: boolConst(false), Typ: boolT}
}
