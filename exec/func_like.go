package exec

import (
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// LIKE, ILIKE and SIMILAR TO. A constant pattern is compiled once into a
// matcher; common shapes (exact, prefix%, %suffix, %contains%) skip the
// general matcher.

func init() {
	for _, name := range []string{"like", "ilike"} {
		fold := name == "ilike"
		b := func(args []Expr, ret types.T) (Expr, error) { return newLikeExpr(args, fold) }
		registerFunc(name, fsig(boolT, b, textT, textT), fsig(boolT, b, textT, textT, textT))
	}
	sim := func(args []Expr, ret types.T) (Expr, error) {
		return newRegexMatch(args, false, false, similarToRegex)
	}
	registerFunc("similar_to", fsig(boolT, sim, textT, textT), fsig(boolT, sim, textT, textT, textT))
}

type likeKind uint8

const (
	likeGeneral likeKind = iota
	likeExact
	likePrefix
	likeSuffix
	likeContains
	likeAll // '%'
)

// likePattern is a compiled LIKE pattern.
type likePattern struct {
	kind  likeKind
	lit   string // literal for the fast kinds
	toks  []likeTok
	fold  bool
	ascii bool
}

type likeTok struct {
	kind byte // 'l' literal, '_' one char, '%' any
	lit  string
}

func compileLike(p, esc string, fold bool) (*likePattern, error) {
	if fold {
		p = strings.ToLower(p)
	}
	escR := rune('\\')
	if esc != "" {
		r, size := utf8.DecodeRuneInString(esc)
		if size != len(esc) {
			return nil, sqlerr.Newf(sqlerr.InvalidEscapeSequence, "invalid escape string").WithHint("Escape string must be empty or one character.")
		}
		escR = r
	}
	var toks []likeTok
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			toks = append(toks, likeTok{kind: 'l', lit: lit.String()})
			lit.Reset()
		}
	}
	rs := []rune(p)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == escR && esc != "-none-":
			if i+1 >= len(rs) {
				return nil, sqlerr.Newf(sqlerr.InvalidEscapeSequence, "LIKE pattern must not end with escape character")
			}
			i++
			lit.WriteRune(rs[i])
		case c == '%':
			flush()
			if len(toks) == 0 || toks[len(toks)-1].kind != '%' {
				toks = append(toks, likeTok{kind: '%'})
			}
		case c == '_':
			flush()
			toks = append(toks, likeTok{kind: '_'})
		default:
			lit.WriteRune(c)
		}
	}
	flush()
	lp := &likePattern{toks: toks, fold: fold}
	switch {
	case len(toks) == 0:
		lp.kind, lp.lit = likeExact, ""
	case len(toks) == 1 && toks[0].kind == 'l':
		lp.kind, lp.lit = likeExact, toks[0].lit
	case len(toks) == 1 && toks[0].kind == '%':
		lp.kind = likeAll
	case len(toks) == 2 && toks[0].kind == 'l' && toks[1].kind == '%':
		lp.kind, lp.lit = likePrefix, toks[0].lit
	case len(toks) == 2 && toks[0].kind == '%' && toks[1].kind == 'l':
		lp.kind, lp.lit = likeSuffix, toks[1].lit
	case len(toks) == 3 && toks[0].kind == '%' && toks[1].kind == 'l' && toks[2].kind == '%':
		lp.kind, lp.lit = likeContains, toks[1].lit
	}
	return lp, nil
}

func (lp *likePattern) match(s string) bool {
	if lp.fold {
		s = strings.ToLower(s)
	}
	switch lp.kind {
	case likeExact:
		return s == lp.lit
	case likePrefix:
		return strings.HasPrefix(s, lp.lit)
	case likeSuffix:
		return strings.HasSuffix(s, lp.lit)
	case likeContains:
		return strings.Contains(s, lp.lit)
	case likeAll:
		return true
	}
	return matchToks(lp.toks, s)
}

// matchToks matches tokens against s, backtracking only to the last '%'.
func matchToks(toks []likeTok, s string) bool {
	if len(toks) == 0 {
		return s == ""
	}
	t := toks[0]
	switch t.kind {
	case 'l':
		if !strings.HasPrefix(s, t.lit) {
			return false
		}
		return matchToks(toks[1:], s[len(t.lit):])
	case '_':
		if s == "" {
			return false
		}
		_, size := utf8.DecodeRuneInString(s)
		return matchToks(toks[1:], s[size:])
	}
	// '%': try every suffix; with a literal next, jump between its occurrences.
	rest := toks[1:]
	if len(rest) == 0 {
		return true
	}
	if rest[0].kind == 'l' {
		lit := rest[0].lit
		for off := 0; ; {
			k := strings.Index(s[off:], lit)
			if k < 0 {
				return false
			}
			if matchToks(rest[1:], s[off+k+len(lit):]) {
				return true
			}
			_, size := utf8.DecodeRuneInString(s[off+k:])
			off += k + size
		}
	}
	for i := 0; i <= len(s); {
		if matchToks(rest, s[i:]) {
			return true
		}
		if i == len(s) {
			break
		}
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return false
}

type likeExpr struct {
	args []Expr
	fold bool
	pat  *likePattern // non-nil for constant pattern and escape
}

func newLikeExpr(args []Expr, fold bool) (Expr, error) {
	e := &likeExpr{args: args, fold: fold}
	p, ok1 := constValue(args[1])
	esc := types.Datum("\\")
	ok2 := true
	if len(args) > 2 {
		esc, ok2 = constValue(args[2])
	}
	if ok1 && ok2 && p != nil && esc != nil {
		lp, err := compileLike(p.(string), escString(esc.(string)), fold)
		if err != nil {
			return nil, err
		}
		e.pat = lp
	}
	return e, nil
}

// escString maps the ESCAPE ” (no escape character) to a sentinel.
func escString(s string) string {
	if s == "" {
		return "-none-"
	}
	return s
}

func (e *likeExpr) Type() types.T { return boolT }

func (e *likeExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	n := in.N
	s, err := e.args[0].Eval(ec, in)
	if err != nil {
		return nil, err
	}
	out := vector.New(boolT, n)
	if s.Type.Physical() == types.PhysNull {
		return constVector(boolT, nil, n), nil
	}
	if e.pat != nil {
		out.Nulls = unionNulls([]*vector.Vector{s}, n)
		lp := e.pat
		strs, o := s.Strs[:n], out.Bools[:n]
		switch lp.kind {
		case likeContains:
			if !lp.fold {
				for i, x := range strs {
					o[i] = strings.Contains(x, lp.lit)
				}
				return out, nil
			}
		case likePrefix:
			if !lp.fold {
				for i, x := range strs {
					o[i] = strings.HasPrefix(x, lp.lit)
				}
				return out, nil
			}
		}
		for i, x := range strs {
			o[i] = lp.match(x)
		}
		return out, nil
	}
	if v, ok := constValue(e.args[1]); ok && v == nil {
		return constVector(boolT, nil, n), nil
	}
	rest, err := evalArgs(ec, e.args[1:], in)
	if err != nil {
		return nil, err
	}
	all := append([]*vector.Vector{s}, rest...)
	for _, v := range all {
		if v.Type.Physical() == types.PhysNull {
			return constVector(boolT, nil, n), nil
		}
	}
	out.Nulls = unionNulls(all, n)
	var last *likePattern
	lastP, lastE := "", ""
	err = eachRow(out, n, func(i int) error {
		p, esc := rest[0].Strs[i], "\\"
		if len(rest) > 1 {
			esc = escString(rest[1].Strs[i])
		}
		if last == nil || p != lastP || esc != lastE {
			lp, err := compileLike(p, esc, e.fold)
			if err != nil {
				return err
			}
			last, lastP, lastE = lp, p, esc
		}
		out.Bools[i] = last.match(s.Strs[i])
		return nil
	})
	return out, err
}

// similarToRegex translates a SQL SIMILAR TO pattern into an anchored regexp.
func similarToRegex(p string, esc string) string {
	var b strings.Builder
	b.WriteString("^(?:")
	escR := '\\'
	if esc != "" {
		escR, _ = utf8.DecodeRuneInString(esc)
	}
	rs := []rune(p)
	inClass := false
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		switch {
		case c == escR && i+1 < len(rs):
			i++
			b.WriteString(regexp.QuoteMeta(string(rs[i])))
		case inClass:
			if c == ']' {
				inClass = false
			}
			b.WriteRune(c)
		case c == '[':
			inClass = true
			b.WriteRune(c)
		case c == '%':
			b.WriteString(".*")
		case c == '_':
			b.WriteString(".")
		case c == '.' || c == '^' || c == '$' || c == '\\':
			b.WriteString(regexp.QuoteMeta(string(c)))
		default:
			b.WriteRune(c)
		}
	}
	b.WriteString(")$")
	return b.String()
}
