package exec

import (
	"math"
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// to_char, to_date, to_timestamp(text, fmt) and to_number with the common
// PostgreSQL template patterns.

func init() {
	dt := func(t types.T) *overload {
		return fsig(textT, rowFn(func(ec *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
			out.Strs[i] = formatDateTime(a[1].Strs[i], localMicros(ec, a[0], i), a[0].Type.ID == types.TimestampTZ, ec)
			return nil
		}), t, textT)
	}
	registerFunc("to_char", dt(tsT), dt(tstzT), dt(dateT),
		fsig(textT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
			out.Strs[i] = formatInterval(a[1].Strs[i], a[0].Ivs[i])
			return nil
		}), ivT, textT),
		frsig(func(args []types.T) (FuncSig, bool) {
			if len(args) != 2 || !args[0].IsNumeric() {
				return FuncSig{}, false
			}
			a := args[0]
			if a.ID == types.Float32 {
				a = f64T
			}
			return FuncSig{Params: []types.T{a, textT}, Ret: textT}, true
		}, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
			out.Strs[i] = formatNumber(a[1].Strs[i], numberText(a[0], i))
			return nil
		})))
	registerFunc("to_date", fsig(dateT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		ts, err := parseWithFormat(a[0].Strs[i], a[1].Strs[i])
		out.Ints[i] = types.FloorDiv(ts, types.MicrosPerDay)
		return err
	}), textT, textT))
	registerFunc("to_timestamp", fsig(tstzT, rowFn(func(ec *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		ts, err := parseWithFormat(a[0].Strs[i], a[1].Strs[i])
		out.Ints[i] = types.LocalToUTC(ts, ec.Loc())
		return err
	}), textT, textT))
	registerFunc("to_number", fsig(types.DecimalType(38, 6), rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		s := a[0].Strs[i]
		var b strings.Builder
		neg := strings.Contains(s, "-") || (strings.Contains(s, "<") && strings.Contains(s, ">"))
		for _, c := range s {
			if (c >= '0' && c <= '9') || c == '.' {
				b.WriteRune(c)
			}
		}
		v, ok, of := types.ParseDecimalParts(b.String(), 6)
		if !ok {
			return sqlerr.Newf(sqlerr.InvalidTextRepresentation, "invalid input syntax for type numeric: \"%s\"", s)
		}
		if of || !v.FitsPrecision(38) {
			return errNumOverflow(types.DecimalType(38, 6))
		}
		if neg {
			v = v.Neg()
		}
		storeDec(out, i, v)
		return nil
	}), textT, textT))
}

var (
	monthFull = [...]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"}
	dayFull   = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}
)

// caseLike renders name in the case of the pattern (MONTH, Month, month).
func caseLike(pat, name string) string {
	switch {
	case pat == strings.ToUpper(pat):
		return strings.ToUpper(name)
	case pat == strings.ToLower(pat):
		return strings.ToLower(name)
	}
	return name
}

func padNum(n int64, width int, fm bool) string {
	s := strconv.FormatInt(n, 10)
	if fm {
		return s
	}
	for len(s) < width {
		s = "0" + s
	}
	return s
}

// formatDateTime renders a wall-clock timestamp with a to_char template.
func formatDateTime(f string, ts int64, tz bool, ec *EvalContext) string {
	days, tod := types.SplitTimestamp(ts)
	y, m, d := types.CivilFromDays(days)
	h, mi, s, us := types.SplitTime(tod)
	var b strings.Builder
	up := strings.ToUpper(f)
	for i := 0; i < len(f); {
		fm := false
		if strings.HasPrefix(up[i:], "FM") {
			fm = true
			i += 2
			if i >= len(f) {
				break
			}
		}
		rest, urest := f[i:], up[i:]
		tok := ""
		for _, t := range []string{"HH24", "HH12", "HH", "MI", "SS", "MS", "US", "A.M.", "P.M.", "AM", "PM",
			"IYYY", "YYYY", "YYY", "YY", "Y", "MONTH", "MON", "MM", "DAY", "DDD", "DD", "DY", "D", "ID", "IW",
			"WW", "W", "Q", "J", "TZ", "CC", "Y,YYY"} {
			if strings.HasPrefix(urest, t) {
				tok = t
				break
			}
		}
		if tok == "" {
			if rest[0] == '"' {
				j := strings.IndexByte(rest[1:], '"')
				if j < 0 {
					b.WriteString(rest[1:])
					break
				}
				b.WriteString(rest[1 : j+1])
				i += j + 2
				continue
			}
			b.WriteByte(rest[0])
			i++
			continue
		}
		orig := rest[:len(tok)]
		i += len(tok)
		yy := int64(y)
		if yy <= 0 {
			yy = 1 - yy
		}
		switch tok {
		case "HH24":
			b.WriteString(padNum(int64(h), 2, fm))
		case "HH12", "HH":
			h12 := h % 12
			if h12 == 0 {
				h12 = 12
			}
			b.WriteString(padNum(int64(h12), 2, fm))
		case "MI":
			b.WriteString(padNum(int64(mi), 2, fm))
		case "SS":
			b.WriteString(padNum(int64(s), 2, fm))
		case "MS":
			b.WriteString(padNum(us/1000, 3, fm))
		case "US":
			b.WriteString(padNum(us, 6, fm))
		case "AM", "PM", "A.M.", "P.M.":
			mer := "AM"
			if h >= 12 {
				mer = "PM"
			}
			if strings.Contains(tok, ".") {
				mer = mer[:1] + "." + mer[1:] + "."
			}
			b.WriteString(caseLike(orig, mer))
		case "YYYY", "IYYY":
			v := yy
			if tok == "IYYY" {
				iy, _ := types.ISOWeek(days)
				v = int64(iy)
			}
			b.WriteString(padNum(v, 4, fm))
		case "Y,YYY":
			b.WriteString(strconv.FormatInt(yy/1000, 10) + "," + padNum(yy%1000, 3, false))
		case "YYY":
			b.WriteString(padNum(yy%1000, 3, fm))
		case "YY":
			b.WriteString(padNum(yy%100, 2, fm))
		case "Y":
			b.WriteString(strconv.FormatInt(yy%10, 10))
		case "CC":
			b.WriteString(padNum((yy+99)/100, 2, fm))
		case "MONTH":
			name := caseLike(orig, monthFull[m-1])
			if !fm {
				name += strings.Repeat(" ", 9-len(name))
			}
			b.WriteString(name)
		case "MON":
			b.WriteString(caseLike(orig, monthFull[m-1][:3]))
		case "MM":
			b.WriteString(padNum(int64(m), 2, fm))
		case "DAY":
			name := caseLike(orig, dayFull[types.Weekday(days)])
			if !fm {
				name += strings.Repeat(" ", 9-len(name))
			}
			b.WriteString(name)
		case "DY":
			b.WriteString(caseLike(orig, dayFull[types.Weekday(days)][:3]))
		case "DDD":
			b.WriteString(padNum(int64(types.DayOfYear(days)), 3, fm))
		case "DD":
			b.WriteString(padNum(int64(d), 2, fm))
		case "D":
			b.WriteString(strconv.Itoa(types.Weekday(days) + 1))
		case "ID":
			w := types.Weekday(days)
			if w == 0 {
				w = 7
			}
			b.WriteString(strconv.Itoa(w))
		case "IW":
			_, w := types.ISOWeek(days)
			b.WriteString(padNum(int64(w), 2, fm))
		case "WW":
			b.WriteString(padNum(int64((types.DayOfYear(days)-1)/7+1), 2, fm))
		case "W":
			b.WriteString(strconv.Itoa((d-1)/7 + 1))
		case "Q":
			b.WriteString(strconv.Itoa((m-1)/3 + 1))
		case "J":
			b.WriteString(strconv.FormatInt(days+2440588, 10))
		case "TZ":
			if tz {
				name, _ := types.TimestampToTime(types.LocalToUTC(ts, ec.Loc()), ec.Loc()).Zone()
				b.WriteString(caseLike(orig, name))
			}
		}
	}
	return b.String()
}

// formatInterval supports the clock patterns of to_char(interval, fmt).
func formatInterval(f string, iv types.IntervalValue) string {
	base := int64(iv.Days)*types.MicrosPerDay + iv.Micros
	return formatDateTime(f, base, false, nil)
}

// numberText renders row i of a numeric vector as plain decimal text.
func numberText(v *vector.Vector, i int) string {
	switch {
	case v.Type.ID == types.Float64:
		return strconv.FormatFloat(v.Floats[i], 'f', -1, 64)
	case v.Type.ID == types.Decimal:
		if v.Decs != nil {
			return types.FormatDecimal128(v.Decs[i], v.Type.Scale)
		}
		return types.FormatDecimal64(v.Ints[i], v.Type.Scale)
	}
	return strconv.FormatInt(v.Ints[i], 10)
}

// formatNumber applies a numeric to_char template (9 0 . D , G S MI PR FM).
func formatNumber(f string, num string) string {
	up := strings.ToUpper(f)
	fm := strings.Contains(up, "FM")
	neg := strings.HasPrefix(num, "-")
	num = strings.TrimPrefix(num, "-")
	// Count digit positions before and after the decimal point.
	intPos, fracPos := 0, 0
	seenPoint := false
	for i := 0; i < len(up); i++ {
		switch c := up[i]; {
		case c == '9' || c == '0':
			if seenPoint {
				fracPos++
			} else {
				intPos++
			}
		case c == '.' || c == 'D':
			seenPoint = true
		}
	}
	// Round to fracPos digits.
	x, _ := strconv.ParseFloat(num, 64)
	var digits string
	if d, ok, _ := types.ParseDecimalParts(num, fracPos); ok {
		digits = types.FormatDecimal128(d, fracPos)
	} else {
		digits = strconv.FormatFloat(x, 'f', fracPos, 64)
	}
	ip, fp := digits, ""
	if k := strings.IndexByte(digits, '.'); k >= 0 {
		ip, fp = digits[:k], digits[k+1:]
	}
	if ip == "0" {
		ip = ""
	}
	overflow := len(ip) > intPos
	var b strings.Builder
	signDone := false
	signStr := " "
	if neg {
		signStr = "-"
	}
	hasSign := strings.Contains(up, "S") || strings.Contains(up, "MI") || strings.Contains(up, "PR")
	if !hasSign {
		b.WriteString(signStr)
		signDone = true
	}
	// Digits are consumed right-aligned over the integer positions.
	ipos := 0
	firstDigitAt := intPos - len(ip)
	started := false
	fi := 0
	seenPoint = false
	for i := 0; i < len(up); i++ {
		c := up[i]
		switch {
		case strings.HasPrefix(up[i:], "FM"):
			i++
		case strings.HasPrefix(up[i:], "MI"):
			if neg {
				b.WriteByte('-')
			} else if !fm {
				b.WriteByte(' ')
			}
			i++
		case strings.HasPrefix(up[i:], "PR"):
			i++
		case c == 'S':
			b.WriteString(map[bool]string{true: "-", false: "+"}[neg])
			signDone = true
		case (c == '9' || c == '0') && !seenPoint:
			switch {
			case overflow:
				b.WriteByte('#')
			case ipos >= firstDigitAt:
				b.WriteByte(ip[ipos-firstDigitAt])
				started = true
			case c == '0':
				b.WriteByte('0')
				started = true
			case ipos == intPos-1 && fracPos == 0 && ip == "":
				b.WriteByte('0')
				started = true
			default:
				if !fm {
					b.WriteByte(' ')
				}
			}
			ipos++
		case (c == '9' || c == '0') && seenPoint:
			if overflow {
				b.WriteByte('#')
			} else if fi < len(fp) {
				b.WriteByte(fp[fi])
			}
			fi++
		case c == '.' || c == 'D':
			seenPoint = true
			if !started && !overflow && ip == "" {
				b.WriteByte('0')
			}
			b.WriteByte('.')
		case c == ',' || c == 'G':
			if started || overflow {
				b.WriteByte(',')
			} else if !fm {
				b.WriteByte(' ')
			}
		default:
			b.WriteByte(up[i])
		}
	}
	_ = signDone
	s := b.String()
	if strings.Contains(up, "PR") && neg {
		s = "<" + strings.TrimSpace(s) + ">"
	}
	if fm {
		s = strings.TrimSpace(s)
		if strings.Contains(s, ".") {
			s = strings.TrimRight(s, "0")
			s = strings.TrimSuffix(s, ".")
		}
		if neg && !hasSign && !strings.HasPrefix(s, "-") {
			s = "-" + s
		}
		return s
	}
	// Move the minus sign next to the first digit as PostgreSQL does.
	if neg && !hasSign {
		t := strings.TrimLeft(s[1:], " ")
		lead := len(s) - 1 - len(t)
		s = strings.Repeat(" ", lead) + "-" + t
	}
	_ = math.Abs
	return s
}
