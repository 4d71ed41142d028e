package exec

import (
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// The engine has no array type. Catalog columns that are arrays in
// PostgreSQL (pg_index.indkey, pg_constraint.conkey, current_schemas(), ...)
// are TEXT holding PostgreSQL's array literal ('{a,b}'), and these functions
// read and write that form. The binder types subscripts by element type.

// FormatTextArray writes elements as a one-dimensional array literal,
// quoting as PostgreSQL's array_out does.
func FormatTextArray(elems []string) string {
	var sb strings.Builder
	sb.WriteByte('{')
	for i, e := range elems {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(quoteArrayElem(e))
	}
	sb.WriteByte('}')
	return sb.String()
}

func quoteArrayElem(e string) string {
	need := e == "" || strings.EqualFold(e, "null")
	for _, r := range e {
		switch r {
		case '{', '}', ',', '"', '\\', ' ', '\t', '\n', '\r', '\v', '\f':
			need = true
		}
	}
	if !need {
		return e
	}
	e = strings.ReplaceAll(e, `\`, `\\`)
	e = strings.ReplaceAll(e, `"`, `\"`)
	return `"` + e + `"`
}

// ParseTextArray reads a one-dimensional array literal; null[i] marks NULL
// elements. An optional "[lo:hi]=" dimension prefix is skipped.
func ParseTextArray(s string) (elems []string, null []bool, err error) {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "="); i > 0 && strings.HasPrefix(s, "[") {
		s = strings.TrimSpace(s[i+1:])
	}
	bad := sqlerr.Newf(sqlerr.InvalidTextRepresentation, "malformed array literal: \"%s\"", s)
	if s != "" && s[0] != '{' && !strings.ContainsAny(s, "{}\"") {
		// int2vector / oidvector text form: space-separated ("1 3").
		elems = strings.Fields(s)
		return elems, make([]bool, len(elems)), nil
	}
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return nil, nil, bad
	}
	body := s[1 : len(s)-1]
	if strings.TrimSpace(body) == "" {
		return nil, nil, nil
	}
	i := 0
	for {
		for i < len(body) && body[i] == ' ' {
			i++
		}
		var sb strings.Builder
		quoted := false
		if i < len(body) && body[i] == '"' {
			quoted = true
			i++
			for i < len(body) && body[i] != '"' {
				if body[i] == '\\' && i+1 < len(body) {
					i++
				}
				sb.WriteByte(body[i])
				i++
			}
			if i >= len(body) {
				return nil, nil, bad
			}
			i++
		} else {
			for i < len(body) && body[i] != ',' {
				if body[i] == '\\' && i+1 < len(body) {
					i++
				}
				sb.WriteByte(body[i])
				i++
			}
		}
		e := sb.String()
		if !quoted {
			e = strings.TrimSpace(e)
		}
		elems = append(elems, e)
		null = append(null, !quoted && strings.EqualFold(e, "null"))
		for i < len(body) && body[i] == ' ' {
			i++
		}
		if i >= len(body) {
			return elems, null, nil
		}
		if body[i] != ',' {
			return nil, nil, bad
		}
		i++
	}
}

// compareArrayElem applies a comparison operator to an element and a value
// in text form, numerically when both are numbers.
func compareArrayElem(op, elem, v string) bool {
	c := 0
	a, errA := strconv.ParseFloat(strings.TrimSpace(elem), 64)
	b, errB := strconv.ParseFloat(strings.TrimSpace(v), 64)
	switch {
	case errA == nil && errB == nil:
		if a < b {
			c = -1
		} else if a > b {
			c = 1
		}
	default:
		c = strings.Compare(v, elem)
		c = -c
	}
	// c compares the element with the value; the operator reads value op element.
	switch op {
	case "=":
		return c == 0
	case "<>", "!=":
		return c != 0
	case "<":
		return c > 0
	case "<=":
		return c >= 0
	case ">":
		return c < 0
	case ">=":
		return c <= 0
	}
	return false
}

// arrayCompare is `v op ANY|ALL (array)` with SQL's NULL rules.
func arrayCompare(op string, all bool, v string, arr string) (types.Datum, error) {
	elems, null, err := ParseTextArray(arr)
	if err != nil {
		return nil, err
	}
	sawNull := false
	for i, e := range elems {
		if null[i] {
			sawNull = true
			continue
		}
		ok := compareArrayElem(op, e, v)
		if ok && !all {
			return true, nil
		}
		if !ok && all {
			return false, nil
		}
	}
	if sawNull {
		return nil, nil
	}
	return all, nil
}

func init() {
	registerFunc("array_any_op", fsig(boolT, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		return arrayCompare(asText(a[0]), false, asText(a[1]), asText(a[2]))
	}), textT, textT, textT))
	registerFunc("array_all_op", fsig(boolT, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		return arrayCompare(asText(a[0]), true, asText(a[1]), asText(a[2]))
	}), textT, textT, textT))
	registerFunc("array_subscript", fsig(textT, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		elems, null, err := ParseTextArray(asText(a[0]))
		if err != nil {
			return nil, err
		}
		i := asInt(a[1]) - 1
		if i < 0 || i >= int64(len(elems)) || null[i] {
			return nil, nil
		}
		return elems[i], nil
	}), textT, i64T))
	arrayDim := func(f func(n int64) types.Datum) *overload {
		return fsig(i32T, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
			elems, _, err := ParseTextArray(asText(a[0]))
			if err != nil {
				return nil, err
			}
			if len(elems) == 0 || asInt(a[1]) != 1 {
				return nil, nil
			}
			return f(int64(len(elems))), nil
		}), textT, i64T)
	}
	registerFunc("array_upper,array_length", arrayDim(func(n int64) types.Datum { return n }))
	registerFunc("array_lower", arrayDim(func(int64) types.Datum { return int64(1) }))
	registerFunc("array_ndims", fsig(i32T, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		elems, _, err := ParseTextArray(asText(a[0]))
		if err != nil || len(elems) == 0 {
			return nil, err
		}
		return int64(1), nil
	}), textT))
	registerFunc("cardinality", fsig(i32T, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		elems, _, err := ParseTextArray(asText(a[0]))
		return int64(len(elems)), err
	}), textT))
	toString := func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		if a[0] == nil || a[1] == nil {
			return nil, nil
		}
		elems, null, err := ParseTextArray(asText(a[0]))
		if err != nil {
			return nil, err
		}
		var parts []string
		for i, e := range elems {
			if null[i] {
				if len(a) < 3 || a[2] == nil {
					continue
				}
				e = asText(a[2])
			}
			parts = append(parts, e)
		}
		return strings.Join(parts, asText(a[1])), nil
	}
	registerFunc("array_to_string", fsig(textT, datumFn(false, toString), textT, textT), fsig(textT, datumFn(false, toString), textT, textT, textT))
	registerFunc("string_to_array", fsig(textT, datumFn(false, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		if a[0] == nil {
			return nil, nil
		}
		s := asText(a[0])
		if s == "" {
			return "{}", nil
		}
		var parts []string
		if a[1] == nil {
			for _, r := range s {
				parts = append(parts, string(r))
			}
		} else if sep := asText(a[1]); sep == "" {
			parts = []string{s}
		} else {
			parts = strings.Split(s, sep)
		}
		return FormatTextArray(parts), nil
	}), textT, textT))
	// array_cat / `||` of two arrays (NULL is an empty array).
	registerFunc("array_cat", fsig(textT, datumFn(false, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		if a[0] == nil && a[1] == nil {
			return nil, nil
		}
		var all []string
		for _, d := range a {
			if d == nil {
				continue
			}
			elems, _, err := ParseTextArray(asText(d))
			if err != nil {
				return nil, err
			}
			all = append(all, elems...)
		}
		return FormatTextArray(all), nil
	}), textT, textT))
	// information_schema._pg_expandarray in a select list is a set-returning
	// function; the engine has none, so it stands for the array itself and
	// (…).x / (…).n read its first element (the binder rewrites them).
	registerFunc("_pg_expandarray", fsig(textT, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) { return a[0], nil }), textT))
}

func init() {
	registerFunc("array_elem_quote", fsig(textT, strMap(quoteArrayElem), textT))
	// array_affix(arr, prefix, suffix) maps every element e to prefix||e||suffix
	// (ARRAY(SELECT 'p' || x FROM unnest(arr) x)); NULL is an empty array.
	registerFunc("array_affix", fsig(textT, datumFn(false, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		if a[0] == nil {
			return "{}", nil
		}
		elems, null, err := ParseTextArray(asText(a[0]))
		if err != nil {
			return nil, err
		}
		out := make([]string, 0, len(elems))
		for i, e := range elems {
			if null[i] {
				continue
			}
			out = append(out, asText(a[1])+e+asText(a[2]))
		}
		return FormatTextArray(out), nil
	}), textT, textT, textT))
}

func init() {
	// unnest/generate_subscripts in a select list (the binder calls these):
	// NULL stays NULL, an array is an error, as the engine cannot return
	// several rows from a scalar expression.
	srf := func(name string) builder {
		return datumFn(true, func(_ *EvalContext, _ []types.Datum) (types.Datum, error) {
			return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "set-returning function %s in a select list is not supported", name)
		})
	}
	registerFunc("srf_unnest", fsig(textT, srf("unnest"), textT))
	registerFunc("srf_generate_subscripts", fsig(i32T, srf("generate_subscripts"), textT, i64T))
}

func init() {
	// array_elem_pair(arr, i) is _pg_expandarray's (x, n) record for element
	// i, carried as the array '{x,i}'.
	registerFunc("array_elem_pair", fsig(textT, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		elems, null, err := ParseTextArray(asText(a[0]))
		if err != nil {
			return nil, err
		}
		i := asInt(a[1])
		if i < 1 || i > int64(len(elems)) || null[i-1] {
			return nil, nil
		}
		return FormatTextArray([]string{elems[i-1], strconv.FormatInt(i, 10)}), nil
	}), textT, i64T))
}
