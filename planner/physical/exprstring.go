package physical

import (
	"fmt"
	"strings"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// ExprString renders e as SQL-like text for EXPLAIN. names, when non-nil,
// names a column reference (e.g. "lineitem.l_orderkey"); otherwise its bound
// name is used.
func ExprString(e plan.Expr, names func(*plan.ColRef) string) string {
	var sb strings.Builder
	writeExpr(&sb, e, names)
	return sb.String()
}

func writeExpr(sb *strings.Builder, e plan.Expr, names func(*plan.ColRef) string) {
	w := func(x plan.Expr) { writeExpr(sb, x, names) }
	switch x := e.(type) {
	case nil:
		sb.WriteString("NULL")
	case *plan.ColRef:
		if names != nil {
			sb.WriteString(names(x))
		} else {
			sb.WriteString(x.Name)
		}
	case *plan.Const:
		sb.WriteString(constString(x))
	case *plan.Param:
		fmt.Fprintf(sb, "$%d", x.Index+1)
	case *plan.Call:
		if isOperator(x.Name) && len(x.Args) == 2 {
			sb.WriteByte('(')
			w(x.Args[0])
			sb.WriteString(" " + x.Name + " ")
			w(x.Args[1])
			sb.WriteByte(')')
			return
		}
		if isOperator(x.Name) && len(x.Args) == 1 {
			sb.WriteString("(" + x.Name)
			w(x.Args[0])
			sb.WriteByte(')')
			return
		}
		sb.WriteString(x.Name + "(")
		for i, a := range x.Args {
			if i > 0 {
				sb.WriteString(", ")
			}
			w(a)
		}
		sb.WriteByte(')')
	case *plan.Cast:
		w(x.Arg)
		sb.WriteString("::" + x.To.String())
	case *plan.BoolOp:
		op := " AND "
		if x.Op == plan.OpOr {
			op = " OR "
		}
		sb.WriteByte('(')
		for i, a := range x.Args {
			if i > 0 {
				sb.WriteString(op)
			}
			w(a)
		}
		sb.WriteByte(')')
	case *plan.Not:
		sb.WriteString("(NOT ")
		w(x.Arg)
		sb.WriteByte(')')
	case *plan.IsNull:
		sb.WriteByte('(')
		w(x.Arg)
		if x.Neg {
			sb.WriteString(" IS NOT NULL)")
		} else {
			sb.WriteString(" IS NULL)")
		}
	case *plan.Case:
		sb.WriteString("CASE")
		for _, wh := range x.Whens {
			sb.WriteString(" WHEN ")
			w(wh.Cond)
			sb.WriteString(" THEN ")
			w(wh.Then)
		}
		if x.Else != nil {
			sb.WriteString(" ELSE ")
			w(x.Else)
		}
		sb.WriteString(" END")
	case *plan.InList:
		sb.WriteByte('(')
		w(x.Arg)
		if x.Neg {
			sb.WriteString(" NOT")
		}
		sb.WriteString(" IN (")
		for i, a := range x.List {
			if i > 0 {
				sb.WriteString(", ")
			}
			w(a)
		}
		sb.WriteString("))")
	case *plan.Subquery:
		sb.WriteString("(SubPlan)")
	default:
		fmt.Fprintf(sb, "%T", e)
	}
}

func isOperator(name string) bool {
	if name == "" {
		return false
	}
	switch name {
	case "like", "ilike", "not like", "not ilike", "similar to", "not similar to":
		return true
	}
	c := name[0]
	return !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_')
}

// constString renders a constant as a SQL literal.
func constString(c *plan.Const) string {
	if c.Value == nil {
		return "NULL"
	}
	s := types.Format(c.Typ, c.Value)
	switch {
	case c.Typ.ID == types.Bool:
		if b, ok := c.Value.(bool); ok {
			if b {
				return "true"
			}
			return "false"
		}
		return s
	case c.Typ.IsNumeric():
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", "''") + "'::" + c.Typ.String()
}
