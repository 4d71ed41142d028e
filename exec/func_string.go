package exec

import (
	"crypto/md5"
	"crypto/sha1"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

var (
	textT = types.TextType
	i32T  = types.Int32Type
	i64T  = types.Int64Type
	f64T  = types.Float64Type
	boolT = types.BoolType
)

// strMap builds a strict text → text function.
func strMap(f func(string) string) builder {
	return unaryOp(func(_ *EvalContext, a, out *vector.Vector, n int) error {
		for i, s := range a.Strs[:n] {
			out.Strs[i] = f(s)
		}
		return nil
	})
}

// rowFn builds a strict function computed row by row (non-NULL rows only).
func rowFn(f func(ec *EvalContext, args []*vector.Vector, out *vector.Vector, i int) error) builder {
	return strictFn(func(ec *EvalContext, args []*vector.Vector, out *vector.Vector, n int) error {
		return eachRow(out, n, func(i int) error { return f(ec, args, out, i) })
	})
}

func init() {
	registerFunc("upper", fsig(textT, strMap(strings.ToUpper), textT))
	registerFunc("lower", fsig(textT, strMap(strings.ToLower), textT))
	registerFunc("initcap", fsig(textT, strMap(initcap), textT))
	registerFunc("reverse", fsig(textT, strMap(reverseString), textT))
	registerFunc("md5", fsig(textT, strMap(func(s string) string { h := md5.Sum([]byte(s)); return hex.EncodeToString(h[:]) }), textT))
	registerFunc("sha1,func_sha1", fsig(textT, strMap(func(s string) string { h := sha1.Sum([]byte(s)); return hex.EncodeToString(h[:]) }), textT))
	registerFunc("quote_ident", fsig(textT, strMap(quoteIdent), textT))
	registerFunc("quote_literal", fsig(textT, strMap(func(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }), textT))
	registerFunc("length,char_length,character_length,len,textlen", fsig(i32T, unaryOp(func(_ *EvalContext, a, out *vector.Vector, n int) error {
		for i, s := range a.Strs[:n] {
			out.Ints[i] = int64(utf8.RuneCountInString(s))
		}
		return nil
	}), textT))
	registerFunc("octet_length", fsig(i32T, unaryOp(func(_ *EvalContext, a, out *vector.Vector, n int) error {
		for i, s := range a.Strs[:n] {
			out.Ints[i] = int64(len(s))
			if a.Type.ID == types.Char { // CHAR(n) counts its (unstored) padding
				if pad := a.Type.Width - utf8.RuneCountInString(s); pad > 0 {
					out.Ints[i] += int64(pad)
				}
			}
		}
		return nil
	}), textT))
	registerFunc("ascii", fsig(i32T, unaryOp(func(_ *EvalContext, a, out *vector.Vector, n int) error {
		for i, s := range a.Strs[:n] {
			if s != "" {
				r, _ := utf8.DecodeRuneInString(s)
				out.Ints[i] = int64(r)
			}
		}
		return nil
	}), textT))
	registerFunc("chr", fsig(textT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		c := a[0].Ints[i]
		if c <= 0 || c > unicode.MaxRune {
			return errInvalidParam("requested character too large for encoding: %d", c)
		}
		out.Strs[i] = string(rune(c))
		return nil
	}), i32T))
	registerFunc("to_hex", fsig(textT, unaryOp(func(_ *EvalContext, a, out *vector.Vector, n int) error {
		for i, x := range a.Ints[:n] {
			out.Strs[i] = strconv.FormatUint(uint64(x), 16)
		}
		return nil
	}), i64T))
	registerFunc("substring,substr", fsig(textT, rowFn(substrRow), textT, i32T, i32T), fsig(textT, rowFn(substrRow), textT, i32T),
		fsig(textT, regexSubstringFn(), textT, textT))
	registerFunc("strpos,position", fsig(i32T, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		out.Ints[i] = int64(runePos(a[0].Strs[i], a[1].Strs[i]))
		return nil
	}), textT, textT))
	registerFunc("charindex", fsig(i32T, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		out.Ints[i] = int64(runePos(a[1].Strs[i], a[0].Strs[i]))
		return nil
	}), textT, textT))
	trim := func(mode int) builder {
		return rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
			cut := " "
			if len(a) > 1 {
				cut = a[1].Strs[i]
			}
			s := a[0].Strs[i]
			if mode <= 0 {
				s = strings.TrimLeft(s, cut)
			}
			if mode >= 0 {
				s = strings.TrimRight(s, cut)
			}
			out.Strs[i] = s
			return nil
		})
	}
	registerFunc("btrim,trim", fsig(textT, trim(0), textT), fsig(textT, trim(0), textT, textT))
	registerFunc("ltrim", fsig(textT, trim(-1), textT), fsig(textT, trim(-1), textT, textT))
	registerFunc("rtrim", fsig(textT, trim(1), textT), fsig(textT, trim(1), textT, textT))
	padFn := func(left bool) builder {
		return rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
			fillS := " "
			if len(a) > 2 {
				fillS = a[2].Strs[i]
			}
			out.Strs[i] = padString(a[0].Strs[i], int(a[1].Ints[i]), fillS, left)
			return nil
		})
	}
	registerFunc("lpad", fsig(textT, padFn(true), textT, i32T), fsig(textT, padFn(true), textT, i32T, textT))
	registerFunc("rpad", fsig(textT, padFn(false), textT, i32T), fsig(textT, padFn(false), textT, i32T, textT))
	registerFunc("left", fsig(textT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		r := []rune(a[0].Strs[i])
		k := int(a[1].Ints[i])
		if k < 0 {
			k = max(len(r)+k, 0)
		}
		out.Strs[i] = string(r[:min(k, len(r))])
		return nil
	}), textT, i32T))
	registerFunc("right", fsig(textT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		r := []rune(a[0].Strs[i])
		k := int(a[1].Ints[i])
		if k < 0 {
			k = max(len(r)+k, 0)
		}
		k = min(k, len(r))
		out.Strs[i] = string(r[len(r)-k:])
		return nil
	}), textT, i32T))
	registerFunc("replace", fsig(textT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		if a[1].Strs[i] == "" {
			out.Strs[i] = a[0].Strs[i]
			return nil
		}
		out.Strs[i] = strings.ReplaceAll(a[0].Strs[i], a[1].Strs[i], a[2].Strs[i])
		return nil
	}), textT, textT, textT))
	registerFunc("translate", fsig(textT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		out.Strs[i] = translate(a[0].Strs[i], a[1].Strs[i], a[2].Strs[i])
		return nil
	}), textT, textT, textT))
	registerFunc("split_part", fsig(textT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		s, d, k := a[0].Strs[i], a[1].Strs[i], a[2].Ints[i]
		if k == 0 {
			return errInvalidParam("field position must not be zero")
		}
		var parts []string
		if d == "" {
			parts = []string{s}
		} else {
			parts = strings.Split(s, d)
		}
		if k < 0 {
			k = int64(len(parts)) + k + 1
		}
		if k >= 1 && int(k) <= len(parts) {
			out.Strs[i] = parts[k-1]
		}
		return nil
	}), textT, textT, i32T))
	registerFunc("repeat", fsig(textT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		k := a[1].Ints[i]
		if k <= 0 {
			return nil
		}
		if int64(len(a[0].Strs[i]))*k > 1<<28 {
			return sqlerr.Newf(sqlerr.ProgramLimitExceeded, "requested length too large")
		}
		out.Strs[i] = strings.Repeat(a[0].Strs[i], int(k))
		return nil
	}), textT, i32T))
	registerFunc("starts_with", fsig(boolT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		out.Bools[i] = strings.HasPrefix(a[0].Strs[i], a[1].Strs[i])
		return nil
	}), textT, textT))
	registerFunc("concat", fvsig(textT, lenientFn(concatKernel(false)), anyT))
	registerFunc("concat_ws", fvsig(textT, lenientFn(concatKernel(true)), textT, anyT))
	registerFunc("||", frsig(resolveConcatOp, strictFn(func(ec *EvalContext, a []*vector.Vector, out *vector.Vector, n int) error {
		x, y, o := a[0].Strs, a[1].Strs, out.Strs[:n]
		for i := range o {
			o[i] = x[i] + y[i]
		}
		return nil
	})))
}

// resolveConcatOp types `a || b`: at least one side a string (or unknown);
// the other is converted to text.
func resolveConcatOp(args []types.T) (FuncSig, bool) {
	if len(args) != 2 {
		return FuncSig{}, false
	}
	a, b := args[0], args[1]
	if !(a.IsString() || a.ID == types.Unknown || b.IsString() || b.ID == types.Unknown) {
		return FuncSig{}, false
	}
	p := func(t types.T) types.T {
		if t.IsString() {
			return t
		}
		return textT
	}
	return FuncSig{Params: []types.T{p(a), p(b)}, Ret: textT}, true
}

// concatKernel is concat(...) (NULLs ignored) and concat_ws(sep, ...) (NULL
// separator gives NULL).
func concatKernel(ws bool) kernel {
	return func(ec *EvalContext, args []*vector.Vector, out *vector.Vector, n int) error {
		var buf []byte
		for i := 0; i < n; i++ {
			buf = buf[:0]
			sep := ""
			vals := args
			if ws {
				if args[0].IsNull(i) || args[0].Type.Physical() == types.PhysNull {
					out.SetNull(i)
					continue
				}
				sep = args[0].Strs[i]
				vals = args[1:]
			}
			first := true
			for _, v := range vals {
				if v.Type.Physical() == types.PhysNull || v.IsNull(i) {
					continue
				}
				if ws && !first {
					buf = append(buf, sep...)
				}
				first = false
				if v.Strs != nil {
					buf = append(buf, v.Strs[i]...)
				} else {
					buf = types.AppendFormat(buf, v.Type, v.Get(i), ec.Loc())
				}
			}
			out.Strs[i] = string(buf)
		}
		return nil
	}
}

// substrRow is substring(s FROM start [FOR count]) with PostgreSQL's rules:
// characters [start, start+count) intersected with the string.
func substrRow(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
	s := a[0].Strs[i]
	start := a[1].Ints[i]
	end := int64(1 << 62)
	if len(a) > 2 {
		cnt := a[2].Ints[i]
		if cnt < 0 {
			return sqlerr.Newf(sqlerr.Code("22011"), "negative substring length not allowed")
		}
		end = start + cnt
	}
	if start < 1 {
		start = 1
	}
	if end <= start {
		out.Strs[i] = ""
		return nil
	}
	out.Strs[i] = runeSlice(s, start-1, end-1)
	return nil
}

// runeSlice returns characters [from, to) of s (0-based, clamped).
func runeSlice(s string, from, to int64) string {
	// ASCII fast path.
	ascii := true
	for j := 0; j < len(s); j++ {
		if s[j] >= utf8.RuneSelf {
			ascii = false
			break
		}
	}
	if ascii {
		l := int64(len(s))
		return s[min(from, l):min(to, l)]
	}
	k := int64(0)
	bs, be := len(s), len(s)
	for j := range s {
		if k == from {
			bs = j
		}
		if k == to {
			be = j
			break
		}
		k++
	}
	if bs > be {
		return ""
	}
	return s[bs:be]
}

// runePos is the 1-based character position of sub in s (0 when absent).
func runePos(s, sub string) int {
	k := strings.Index(s, sub)
	if k < 0 {
		return 0
	}
	return utf8.RuneCountInString(s[:k]) + 1
}

func initcap(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	prevAlnum := false
	for _, r := range s {
		if prevAlnum {
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(unicode.ToUpper(r))
		}
		prevAlnum = unicode.IsLetter(r) || unicode.IsDigit(r)
	}
	return b.String()
}

func reverseString(s string) string {
	r := []rune(s)
	for i, j := 0, len(r)-1; i < j; i, j = i+1, j-1 {
		r[i], r[j] = r[j], r[i]
	}
	return string(r)
}

func quoteIdent(s string) string {
	safe := s != "" && (s[0] == '_' || (s[0] >= 'a' && s[0] <= 'z'))
	for i := 0; safe && i < len(s); i++ {
		c := s[i]
		safe = c == '_' || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
	}
	if safe {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// padString is lpad/rpad: fill to n characters, or truncate to n.
func padString(s string, n int, fill string, left bool) string {
	if n <= 0 {
		return ""
	}
	r := []rune(s)
	if len(r) >= n {
		return string(r[:n])
	}
	f := []rune(fill)
	if len(f) == 0 {
		return s
	}
	padding := make([]rune, 0, n-len(r))
	for k := 0; len(padding) < n-len(r); k++ {
		padding = append(padding, f[k%len(f)])
	}
	if left {
		return string(padding) + s
	}
	return s + string(padding)
}

func translate(s, from, to string) string {
	fr, tr := []rune(from), []rune(to)
	var b strings.Builder
	for _, c := range s {
		k := -1
		for j, x := range fr {
			if x == c {
				k = j
				break
			}
		}
		switch {
		case k < 0:
			b.WriteRune(c)
		case k < len(tr):
			b.WriteRune(tr[k])
		}
	}
	return b.String()
}
