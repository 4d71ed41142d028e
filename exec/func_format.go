package exec

import (
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// format(fmt, args...) is PostgreSQL's format: %s (text, NULL as empty),
// %I (identifier, quoted when needed), %L (literal, NULL unquoted) and %%.
// Positions (%1$s) and widths are not supported.
func init() {
	registerFunc("format", frsig(anyArgs(1, 100, textT), lenientFn(func(_ *EvalContext, args []*vector.Vector, out *vector.Vector, n int) error {
		for i := 0; i < n; i++ {
			if args[0].IsNull(i) {
				out.SetNull(i)
				continue
			}
			s, err := formatRow(args, i)
			if err != nil {
				return err
			}
			out.Strs[i] = s
		}
		return nil
	})))
}

func formatRow(args []*vector.Vector, row int) (string, error) {
	f := args[0].Strs[row]
	var sb strings.Builder
	next := 1
	for i := 0; i < len(f); i++ {
		if f[i] != '%' {
			sb.WriteByte(f[i])
			continue
		}
		i++
		if i >= len(f) {
			return "", sqlerr.Newf(sqlerr.InvalidParameterValue, "unterminated format() type specifier")
		}
		if f[i] == '%' {
			sb.WriteByte('%')
			continue
		}
		if next >= len(args) {
			return "", sqlerr.Newf(sqlerr.InvalidParameterValue, "too few arguments for format()")
		}
		a := args[next]
		next++
		var val string
		isNull := a.IsNull(row) || a.Type.Physical() == types.PhysNull
		if !isNull {
			val = types.Format(a.Type, a.Get(row))
		}
		switch f[i] {
		case 's':
			sb.WriteString(val)
		case 'I':
			if isNull {
				return "", sqlerr.Newf(sqlerr.NullValueNotAllowed, "null values cannot be formatted as an SQL identifier")
			}
			sb.WriteString(quoteIdent(val))
		case 'L':
			if isNull {
				sb.WriteString("NULL")
			} else {
				sb.WriteString("'" + strings.ReplaceAll(val, "'", "''") + "'")
			}
		default:
			return "", sqlerr.Newf(sqlerr.InvalidParameterValue, "unrecognized format() type specifier \"%c\"", f[i])
		}
	}
	return sb.String(), nil
}

// json_build_object(k1, v1, ...) builds a JSON object as text (the engine
// has no json type): NULL is null, booleans and numbers are bare, the rest
// quoted strings. SQLAlchemy's column reflection reads identity options so.
func init() {
	registerFunc("json_build_object", frsig(anyArgs(0, 100, textT), lenientFn(func(_ *EvalContext, args []*vector.Vector, out *vector.Vector, n int) error {
		if len(args)%2 != 0 {
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "argument list must have even number of elements")
		}
		for i := 0; i < n; i++ {
			var sb strings.Builder
			sb.WriteByte('{')
			for k := 0; k < len(args); k += 2 {
				if args[k].IsNull(i) || args[k].Type.Physical() == types.PhysNull {
					return sqlerr.Newf(sqlerr.NullValueNotAllowed, "null value not allowed for object key")
				}
				if k > 0 {
					sb.WriteString(", ")
				}
				sb.WriteString(jsonString(types.Format(args[k].Type, args[k].Get(i))))
				sb.WriteString(" : ")
				sb.WriteString(jsonValue(args[k+1], i))
			}
			sb.WriteByte('}')
			out.Strs[i] = sb.String()
		}
		return nil
	})))
}

func jsonValue(v *vector.Vector, i int) string {
	if v.IsNull(i) || v.Type.Physical() == types.PhysNull {
		return "null"
	}
	s := types.Format(v.Type, v.Get(i))
	switch {
	case v.Type.ID == types.Bool:
		if v.Bools[i] {
			return "true"
		}
		return "false"
	case v.Type.IsNumeric():
		return s
	}
	return jsonString(s)
}

func jsonString(s string) string {
	var sb strings.Builder
	sb.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"':
			sb.WriteString(`\"`)
		case '\\':
			sb.WriteString(`\\`)
		case '\n':
			sb.WriteString(`\n`)
		case '\t':
			sb.WriteString(`\t`)
		case '\r':
			sb.WriteString(`\r`)
		default:
			if r < 0x20 {
				sb.WriteString(`\u00`)
				sb.WriteByte("0123456789abcdef"[r>>4])
				sb.WriteByte("0123456789abcdef"[r&15])
				continue
			}
			sb.WriteRune(r)
		}
	}
	sb.WriteByte('"')
	return sb.String()
}
