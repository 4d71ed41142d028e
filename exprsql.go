package warehoused

import (
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/types"
)

// exprSQL renders an expression back to SQL text (column DEFAULTs are kept as
// text in the catalog and re-parsed when bound). Every sub-expression is
// parenthesised where precedence could matter.
func exprSQL(e ast.Expr) string {
	var b strings.Builder
	writeExpr(&b, e)
	return b.String()
}

func quoteLit(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

func quoteIdent(s string) string {
	simple := s != ""
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || i > 0 && (r >= '0' && r <= '9' || r == '$')) {
			simple = false
			break
		}
	}
	if simple {
		return s
	}
	return "\"" + strings.ReplaceAll(s, "\"", "\"\"") + "\""
}

func typeSQL(t types.T) string {
	switch t.ID {
	case types.Decimal:
		return "numeric(" + strconv.Itoa(t.Precision) + "," + strconv.Itoa(t.Scale) + ")"
	case types.Char:
		return "char(" + strconv.Itoa(max(t.Width, 1)) + ")"
	case types.Varchar:
		if t.Width == 0 {
			return "varchar"
		}
		return "varchar(" + strconv.Itoa(t.Width) + ")"
	}
	return t.String()
}

func writeList(b *strings.Builder, es []ast.Expr) {
	for i, a := range es {
		if i > 0 {
			b.WriteString(", ")
		}
		writeExpr(b, a)
	}
}

func writeExpr(b *strings.Builder, e ast.Expr) {
	switch x := e.(type) {
	case *ast.Const:
		switch x.Kind {
		case ast.ConstNull:
			b.WriteString("NULL")
		case ast.ConstInt:
			b.WriteString(strconv.FormatInt(x.Int, 10))
		case ast.ConstNumeric:
			b.WriteString(x.Text)
		case ast.ConstBool:
			if x.Bool {
				b.WriteString("true")
			} else {
				b.WriteString("false")
			}
		case ast.ConstBitString:
			b.WriteString("B" + quoteLit(x.Text))
		default:
			b.WriteString(quoteLit(x.Text))
		}
	case *ast.TypedNull:
		b.WriteString("NULL::" + typeSQL(x.Type))
	case *ast.ParamRef:
		b.WriteString("$" + strconv.Itoa(x.Number))
	case *ast.ColumnRef:
		for i, p := range x.Parts {
			if i > 0 {
				b.WriteByte('.')
			}
			b.WriteString(quoteIdent(p))
		}
		if x.Star {
			if len(x.Parts) > 0 {
				b.WriteByte('.')
			}
			b.WriteByte('*')
		}
	case *ast.BinaryExpr:
		b.WriteByte('(')
		writeExpr(b, x.L)
		b.WriteString(" " + x.Op + " ")
		writeExpr(b, x.R)
		b.WriteByte(')')
	case *ast.UnaryExpr:
		b.WriteString("(" + x.Op)
		writeExpr(b, x.Arg)
		b.WriteByte(')')
	case *ast.BoolExpr:
		if x.Op == ast.Not {
			b.WriteString("(NOT ")
			writeExpr(b, x.Args[0])
			b.WriteByte(')')
			return
		}
		op := " AND "
		if x.Op == ast.Or {
			op = " OR "
		}
		b.WriteByte('(')
		for i, a := range x.Args {
			if i > 0 {
				b.WriteString(op)
			}
			writeExpr(b, a)
		}
		b.WriteByte(')')
	case *ast.CastExpr:
		b.WriteString("CAST(")
		writeExpr(b, x.Arg)
		b.WriteString(" AS " + typeSQL(x.Type.Type))
		if x.Type.IntervalFields != "" {
			b.WriteString(" " + x.Type.IntervalFields)
		}
		b.WriteByte(')')
	case *ast.FuncCall:
		if x.Schema != "" {
			b.WriteString(quoteIdent(x.Schema) + ".")
		}
		b.WriteString(quoteIdent(x.Name))
		switch x.Name {
		case "current_date", "current_timestamp", "localtimestamp", "current_time", "current_user",
			"session_user", "user", "current_schema", "current_catalog", "sysdate":
			if len(x.Args) == 0 {
				return
			}
		}
		b.WriteByte('(')
		if x.Distinct {
			b.WriteString("DISTINCT ")
		}
		if x.Star {
			b.WriteByte('*')
		}
		writeList(b, x.Args)
		b.WriteByte(')')
	case *ast.CaseExpr:
		b.WriteString("CASE")
		if x.Arg != nil {
			b.WriteByte(' ')
			writeExpr(b, x.Arg)
		}
		for _, w := range x.Whens {
			b.WriteString(" WHEN ")
			writeExpr(b, w.Cond)
			b.WriteString(" THEN ")
			writeExpr(b, w.Result)
		}
		if x.Else != nil {
			b.WriteString(" ELSE ")
			writeExpr(b, x.Else)
		}
		b.WriteString(" END")
	case *ast.IsNullExpr:
		b.WriteByte('(')
		writeExpr(b, x.Arg)
		if x.Not {
			b.WriteString(" IS NOT NULL)")
		} else {
			b.WriteString(" IS NULL)")
		}
	case *ast.InExpr:
		b.WriteByte('(')
		writeExpr(b, x.Arg)
		if x.Not {
			b.WriteString(" NOT")
		}
		b.WriteString(" IN (")
		writeList(b, x.List)
		b.WriteString("))")
	case *ast.BetweenExpr:
		b.WriteByte('(')
		writeExpr(b, x.Arg)
		if x.Not {
			b.WriteString(" NOT")
		}
		b.WriteString(" BETWEEN ")
		writeExpr(b, x.Lo)
		b.WriteString(" AND ")
		writeExpr(b, x.Hi)
		b.WriteByte(')')
	case *ast.CollateExpr:
		writeExpr(b, x.Arg)
	default:
		b.WriteString("NULL")
	}
}
