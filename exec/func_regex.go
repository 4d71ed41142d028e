package exec

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// POSIX regular expressions (~, ~*, !~, !~*) and the regexp_* functions, on
// Go's RE2 engine (PostgreSQL's ARE syntax for common patterns).

func init() {
	for _, op := range []string{"~", "~*", "!~", "!~*"} {
		fold := strings.HasSuffix(op, "*")
		neg := strings.HasPrefix(op, "!")
		registerFunc(op, fsig(boolT, func(args []Expr, ret types.T) (Expr, error) {
			return newRegexMatch(args, fold, neg, nil)
		}, textT, textT))
	}
	registerFunc("regexp_replace",
		fsig(textT, regexFn(regexpReplace), textT, textT),
		fsig(textT, regexFn(regexpReplace), textT, textT, textT),
		fsig(textT, regexFn(regexpReplace), textT, textT, textT, textT),
		fsig(textT, regexFn(regexpReplace), textT, textT, textT, i32T),
		fsig(textT, regexFn(regexpReplace), textT, textT, textT, i32T, textT))
	registerFunc("regexp_substr",
		fsig(textT, regexFn(regexpSubstr), textT, textT),
		fsig(textT, regexFn(regexpSubstr), textT, textT, i32T),
		fsig(textT, regexFn(regexpSubstr), textT, textT, i32T, i32T),
		fsig(textT, regexFn(regexpSubstr), textT, textT, i32T, i32T, textT))
	registerFunc("regexp_count",
		fsig(i32T, regexFn(regexpCount), textT, textT),
		fsig(i32T, regexFn(regexpCount), textT, textT, i32T),
		fsig(i32T, regexFn(regexpCount), textT, textT, i32T, textT))
	registerFunc("regexp_instr",
		fsig(i32T, regexFn(regexpInstr), textT, textT),
		fsig(i32T, regexFn(regexpInstr), textT, textT, i32T),
		fsig(i32T, regexFn(regexpInstr), textT, textT, i32T, i32T),
		fsig(i32T, regexFn(regexpInstr), textT, textT, i32T, i32T, i32T),
		fsig(i32T, regexFn(regexpInstr), textT, textT, i32T, i32T, i32T, textT))
}

func compileRegex(p string, fold bool) (*regexp.Regexp, error) {
	if fold {
		p = "(?i)" + p
	}
	re, err := regexp.Compile(p)
	if err != nil {
		return nil, sqlerr.Newf(sqlerr.InvalidRegularExpression, "invalid regular expression: %s", err.Error())
	}
	return re, nil
}

// regexCache compiles patterns, remembering the last one (patterns are
// usually constant).
type regexCache struct {
	p    string
	fold bool
	re   *regexp.Regexp
}

func (c *regexCache) get(p string, fold bool) (*regexp.Regexp, error) {
	if c.re != nil && c.p == p && c.fold == fold {
		return c.re, nil
	}
	re, err := compileRegex(p, fold)
	if err != nil {
		return nil, err
	}
	c.p, c.fold, c.re = p, fold, re
	return re, nil
}

type regexMatch struct {
	args  []Expr
	fold  bool
	neg   bool
	xlate func(p, esc string) string // SIMILAR TO translation, nil for POSIX
	re    *regexp.Regexp
}

func newRegexMatch(args []Expr, fold, neg bool, xlate func(p, esc string) string) (Expr, error) {
	e := &regexMatch{args: args, fold: fold, neg: neg, xlate: xlate}
	p, ok := constValue(args[1])
	esc := types.Datum("")
	if len(args) > 2 {
		var ok2 bool
		esc, ok2 = constValue(args[2])
		ok = ok && ok2
	}
	if ok && p != nil && esc != nil {
		re, err := compileRegex(e.pattern(p.(string), esc.(string)), fold)
		if err != nil {
			return nil, err
		}
		e.re = re
	}
	return e, nil
}

func (e *regexMatch) pattern(p, esc string) string {
	if e.xlate != nil {
		return e.xlate(p, esc)
	}
	return p
}

func (e *regexMatch) Type() types.T { return boolT }

func (e *regexMatch) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	n := in.N
	args, err := evalArgs(ec, e.args, in)
	if err != nil {
		return nil, err
	}
	for _, a := range args {
		if a.Type.Physical() == types.PhysNull {
			return constVector(boolT, nil, n), nil
		}
	}
	out := vector.New(boolT, n)
	out.Nulls = unionNulls(args, n)
	var cache regexCache
	err = eachRow(out, n, func(i int) error {
		re := e.re
		if re == nil {
			esc := ""
			if len(args) > 2 {
				esc = args[2].Strs[i]
			}
			var err error
			if re, err = cache.get(e.pattern(args[1].Strs[i], esc), e.fold); err != nil {
				return err
			}
		}
		out.Bools[i] = re.MatchString(args[0].Strs[i]) != e.neg
		return nil
	})
	return out, err
}

// regexFn builds a strict regexp_* function: f gets the compiled pattern.
func regexFn(f func(re *regexp.Regexp, a []*vector.Vector, out *vector.Vector, i int) error) builder {
	return func(args []Expr, ret types.T) (Expr, error) {
		flagsArg := -1
		for k, a := range args {
			if k >= 2 && a.Type().IsString() && !(k == 2 && ret.IsString()) {
				flagsArg = k
			}
		}
		// A constant pattern (and flags) is compiled once, here.
		var pre regexCache
		if p, ok := constValue(args[1]); ok && p != nil {
			fold, okFlags := false, true
			if flagsArg >= 0 {
				fv, ok := constValue(args[flagsArg])
				okFlags = ok && fv != nil
				if okFlags {
					fold = strings.Contains(fv.(string), "i")
				}
			}
			if okFlags {
				if _, err := pre.get(p.(string), fold); err != nil {
					return nil, err
				}
			}
		}
		return &callExpr{args: args, t: ret, strict: true, k: func(ec *EvalContext, a []*vector.Vector, out *vector.Vector, n int) error {
			cache := pre
			return eachRow(out, n, func(i int) error {
				fold := false
				if flagsArg >= 0 {
					fold = strings.Contains(a[flagsArg].Strs[i], "i")
				}
				re, err := cache.get(a[1].Strs[i], fold)
				if err != nil {
					return err
				}
				return f(re, a, out, i)
			})
		}}, nil
	}
}

// startAt returns the byte offset of 1-based character position pos.
func startAt(s string, pos int64) (int, error) {
	if pos < 1 {
		return 0, errInvalidParam("argument must be greater than zero")
	}
	k := int64(1)
	for j := range s {
		if k == pos {
			return j, nil
		}
		k++
	}
	return len(s), nil
}

// pgReplacement converts \1 and & in a PostgreSQL replacement to Go's ${1}.
func pgReplacement(r string) string {
	var b strings.Builder
	for i := 0; i < len(r); i++ {
		c := r[i]
		switch {
		case c == '\\' && i+1 < len(r) && r[i+1] >= '0' && r[i+1] <= '9':
			b.WriteString("${" + string(r[i+1]) + "}")
			i++
		case c == '\\' && i+1 < len(r) && r[i+1] == '&':
			b.WriteByte('&')
			i++
		case c == '\\' && i+1 < len(r) && r[i+1] == '\\':
			b.WriteByte('\\')
			i++
		case c == '&':
			b.WriteString("${0}")
		case c == '$':
			b.WriteString("$$")
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// regexpReplace: regexp_replace(s, pat [, rep [, flags | position [, params]]]).
// Without PostgreSQL flags every match is replaced (Redshift); with a flags
// argument only the first unless it has 'g'.
func regexpReplace(re *regexp.Regexp, a []*vector.Vector, out *vector.Vector, i int) error {
	s := a[0].Strs[i]
	rep := ""
	if len(a) > 2 {
		rep = pgReplacement(a[2].Strs[i])
	}
	prefix := ""
	global := true
	if len(a) > 3 {
		if a[3].Strs != nil {
			global = strings.Contains(a[3].Strs[i], "g")
		} else {
			off, err := startAt(s, a[3].Ints[i])
			if err != nil {
				return err
			}
			prefix, s = s[:off], s[off:]
		}
	}
	if global {
		out.Strs[i] = prefix + re.ReplaceAllString(s, rep)
		return nil
	}
	loc := re.FindStringSubmatchIndex(s)
	if loc == nil {
		out.Strs[i] = prefix + s
		return nil
	}
	var dst []byte
	dst = re.ExpandString(dst, rep, s, loc)
	out.Strs[i] = prefix + s[:loc[0]] + string(dst) + s[loc[1]:]
	return nil
}

// occurrenceArgs reads the optional position and occurrence arguments.
func occurrenceArgs(a []*vector.Vector, i int) (off int, occ int64, err error) {
	s := a[0].Strs[i]
	occ = 1
	if len(a) > 2 {
		if off, err = startAt(s, a[2].Ints[i]); err != nil {
			return 0, 0, err
		}
	}
	if len(a) > 3 && a[3].Ints != nil {
		occ = a[3].Ints[i]
		if occ < 1 {
			return 0, 0, errInvalidParam("argument must be greater than zero")
		}
	}
	return off, occ, nil
}

// regexpSubstr returns the occurrence-th match (” when none, as Redshift).
func regexpSubstr(re *regexp.Regexp, a []*vector.Vector, out *vector.Vector, i int) error {
	off, occ, err := occurrenceArgs(a, i)
	if err != nil {
		return err
	}
	m := re.FindAllString(a[0].Strs[i][off:], int(occ))
	if int64(len(m)) >= occ {
		out.Strs[i] = m[occ-1]
	}
	return nil
}

func regexpCount(re *regexp.Regexp, a []*vector.Vector, out *vector.Vector, i int) error {
	off, _, err := occurrenceArgs(a[:min(len(a), 3)], i)
	if err != nil {
		return err
	}
	out.Ints[i] = int64(len(re.FindAllStringIndex(a[0].Strs[i][off:], -1)))
	return nil
}

// regexpInstr returns the 1-based character position of the occurrence-th
// match (option 1: just after it), 0 when none.
func regexpInstr(re *regexp.Regexp, a []*vector.Vector, out *vector.Vector, i int) error {
	off, occ, err := occurrenceArgs(a, i)
	if err != nil {
		return err
	}
	s := a[0].Strs[i]
	m := re.FindAllStringIndex(s[off:], int(occ))
	if int64(len(m)) < occ {
		out.Ints[i] = 0
		return nil
	}
	at := off + m[occ-1][0]
	if len(a) > 4 && a[4].Ints != nil && a[4].Ints[i] == 1 {
		at = off + m[occ-1][1]
	}
	out.Ints[i] = int64(utf8.RuneCountInString(s[:at])) + 1
	return nil
}

// regexSubstringFn is substring(s FROM pattern): the first parenthesised
// group when the pattern has one, else the whole match; NULL when none.
func regexSubstringFn() builder {
	return regexFn(func(re *regexp.Regexp, a []*vector.Vector, out *vector.Vector, i int) error {
		m := re.FindStringSubmatchIndex(a[0].Strs[i])
		switch {
		case m == nil:
			out.SetNull(i)
		case len(m) >= 4:
			if m[2] < 0 {
				out.SetNull(i)
			} else {
				out.Strs[i] = a[0].Strs[i][m[2]:m[3]]
			}
		default:
			out.Strs[i] = a[0].Strs[i][m[0]:m[1]]
		}
		return nil
	})
}
