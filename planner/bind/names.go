package bind

import (
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/types"
)

// targetName is the output column name PostgreSQL gives a SELECT item.
func targetName(t *ast.Target) string {
	if t.Alias != "" {
		return t.Alias
	}
	if n := exprName(t.Expr); n != "" {
		return n
	}
	return "?column?"
}

// exprName follows PostgreSQL's FigureColname: "" when it has no opinion.
func exprName(e ast.Expr) string {
	switch x := e.(type) {
	case *ast.ColumnRef:
		if len(x.Parts) > 0 && !x.Star {
			return x.Parts[len(x.Parts)-1]
		}
	case *ast.FuncCall:
		if x.Name == "approximate count" || x.Name == "approximate_count_distinct" {
			return "count"
		}
		return x.Name
	case *ast.CastExpr:
		if n := exprName(x.Arg); n != "" {
			return n
		}
		if x.Type.Type.ID == types.Unknown && x.Type.Name != "" {
			return x.Type.Name
		}
		return pgTypeName(x.Type.Type)
	case *ast.CaseExpr:
		return "case"
	case *ast.SubqueryExpr:
		switch x.Kind {
		case ast.SubExists:
			return "exists"
		case ast.SubArray:
			return "array"
		case ast.SubScalar:
			if x.Query != nil && len(x.Query.Targets) > 0 && x.Query.Op == ast.SetNone {
				return exprName(x.Query.Targets[0].Expr)
			}
		}
	case *ast.CollateExpr:
		return exprName(x.Arg)
	}
	return ""
}

// pgTypeName is the internal type name PostgreSQL shows for a cast column.
func pgTypeName(t types.T) string {
	switch t.ID {
	case types.Bool:
		return "bool"
	case types.Int16:
		return "int2"
	case types.Int32:
		return "int4"
	case types.Int64:
		return "int8"
	case types.Float32:
		return "float4"
	case types.Float64:
		return "float8"
	case types.Decimal:
		return "numeric"
	case types.Char:
		return "bpchar"
	case types.Varchar:
		return "varchar"
	case types.Text:
		return "text"
	case types.Date:
		return "date"
	case types.Time:
		return "time"
	case types.Timestamp:
		return "timestamp"
	case types.TimestampTZ:
		return "timestamptz"
	case types.Interval:
		return "interval"
	}
	return "?column?"
}
