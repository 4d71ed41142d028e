package types

import (
	"github.com/warehoused/warehoused/sqlerr"
)

// AppendDecimal64 appends the unscaled value v with scale digits after the point.
func AppendDecimal64(buf []byte, v int64, scale int) []byte {
	if v < 0 {
		buf = append(buf, '-')
		return appendUnsignedScaled(buf, u128{0, uint64(-v)}, scale)
	}
	return appendUnsignedScaled(buf, u128{0, uint64(v)}, scale)
}

// AppendDecimal128 appends the unscaled value v with scale digits after the point.
func AppendDecimal128(buf []byte, v Decimal128, scale int) []byte {
	m, neg := v.mag()
	if neg {
		buf = append(buf, '-')
	}
	return appendUnsignedScaled(buf, m, scale)
}

// FormatDecimal64 renders an int64-held DECIMAL value.
func FormatDecimal64(v int64, scale int) string { return string(AppendDecimal64(nil, v, scale)) }

// FormatDecimal128 renders a Decimal128-held DECIMAL value.
func FormatDecimal128(v Decimal128, scale int) string {
	return string(AppendDecimal128(nil, v, scale))
}

func appendUnsignedScaled(buf []byte, m u128, scale int) []byte {
	var tmp [48]byte
	i := len(tmp)
	if m.hi == 0 {
		x := m.lo
		for x != 0 {
			i--
			tmp[i] = byte('0' + x%10)
			x /= 10
		}
	} else {
		for !m.isZero() {
			q, r := m.quoRem(u128{0, 1e18})
			chunk := r.lo
			for k := 0; k < 18; k++ {
				i--
				tmp[i] = byte('0' + chunk%10)
				chunk /= 10
				if q.isZero() && chunk == 0 {
					break
				}
			}
			m = q
		}
	}
	digits := tmp[i:]
	if len(digits) <= scale {
		buf = append(buf, '0')
		if scale > 0 {
			buf = append(buf, '.')
			for k := len(digits); k < scale; k++ {
				buf = append(buf, '0')
			}
			buf = append(buf, digits...)
		}
		return buf
	}
	ip := len(digits) - scale
	buf = append(buf, digits[:ip]...)
	if scale > 0 {
		buf = append(buf, '.')
		buf = append(buf, digits[ip:]...)
	}
	return buf
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// TrimSpace trims ASCII white space without allocating.
func TrimSpace(s string) string {
	i, j := 0, len(s)
	for i < j && isSpace(s[i]) {
		i++
	}
	for j > i && isSpace(s[j-1]) {
		j--
	}
	return s[i:j]
}

// ParseDecimalParts parses decimal text into an unscaled value at the given
// scale (rounding half away from zero), returning it as a Decimal128. It does
// not check precision. ok is false on bad syntax; overflow is false when the
// value exceeds 128 bits.
func ParseDecimalParts(s string, scale int) (v Decimal128, ok, overflow bool) {
	s = TrimSpace(s)
	if s == "" {
		return v, false, false
	}
	neg := false
	switch s[0] {
	case '-':
		neg = true
		s = s[1:]
	case '+':
		s = s[1:]
	}
	var m u128
	nd := 0  // significant digits kept
	exp := 0 // power of ten applied to m
	roundUp := false
	dropped := false
	seenDigit, seenPoint := false, false
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if seenPoint {
				return v, false, false
			}
			seenPoint = true
			continue
		}
		if c < '0' || c > '9' {
			break
		}
		seenDigit = true
		d := uint64(c - '0')
		if nd >= 38 {
			if !dropped {
				roundUp = d >= 5
				dropped = true
			}
			if !seenPoint {
				exp++
			}
			continue
		}
		if m.hi == 0 && m.lo < 1e18 {
			m.lo = m.lo*10 + d
		} else {
			m, _ = m.mul(u128{0, 10})
			m, _ = m.add(u128{0, d})
		}
		if !m.isZero() {
			nd++
		}
		if seenPoint {
			exp--
		}
	}
	if !seenDigit {
		return v, false, false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		eneg := false
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			eneg = s[i] == '-'
			i++
		}
		if i >= len(s) {
			return v, false, false
		}
		e := 0
		for ; i < len(s) && s[i] >= '0' && s[i] <= '9'; i++ {
			if e < 10000 {
				e = e*10 + int(s[i]-'0')
			}
		}
		if eneg {
			e = -e
		}
		exp += e
	}
	if i != len(s) {
		return v, false, false
	}
	if roundUp {
		m, _ = m.add(u128{0, 1})
	}
	shift := exp + scale
	r, good := fromMag(m, false)
	if !good {
		return v, true, true
	}
	if shift > 0 {
		if m.isZero() {
			return Decimal128{}, true, false
		}
		if shift > 38 {
			return v, true, true
		}
		r, good = r.Mul(pow10D128[shift])
		if !good {
			return v, true, true
		}
	} else if shift < 0 {
		if -shift > 38 {
			r = Decimal128{}
		} else {
			r, _ = r.QuoRound(pow10D128[-shift])
		}
	}
	if neg {
		r = r.Neg()
	}
	return r, true, false
}

// ParseDecimal parses text as DECIMAL(p,s): an int64 datum for p <= 18,
// Decimal128 otherwise. Errors: 22P02 bad syntax, 22003 numeric field overflow.
func ParseDecimal(t T, s string) (Datum, error) {
	if t.Precision <= MaxInt64DecimalPrecision {
		v, err := ParseDecimal64(s, t.Precision, t.Scale)
		if err != nil {
			return nil, err
		}
		return v, nil
	}
	v, ok, of := ParseDecimalParts(s, t.Scale)
	if !ok {
		return nil, badSyntax("numeric", s)
	}
	if of || !v.FitsPrecision(t.Precision) {
		return nil, NumericOverflow(t.Precision, t.Scale)
	}
	return v, nil
}

// ParseDecimal64 parses text into an int64 unscaled DECIMAL(p,s) value
// without allocating on success.
func ParseDecimal64(s string, p, scale int) (int64, error) {
	// Fast path: plain [-]digits[.digits] with few digits.
	if v, ok := fastDecimal64(s, scale); ok {
		if p > 0 && !FitsPrecision64(v, p) {
			return 0, NumericOverflow(p, scale)
		}
		return v, nil
	}
	d, ok, of := ParseDecimalParts(s, scale)
	if !ok {
		return 0, badSyntax("numeric", s)
	}
	v, fits := d.Int64()
	if of || !fits || (p > 0 && !FitsPrecision64(v, p)) {
		return 0, NumericOverflow(p, scale)
	}
	return v, nil
}

func fastDecimal64(s string, scale int) (int64, bool) {
	if len(s) == 0 || len(s) > 17 {
		return 0, false
	}
	i := 0
	neg := false
	if s[0] == '-' {
		neg = true
		i = 1
	}
	var v int64
	frac := -1
	digits := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c == '.' {
			if frac >= 0 {
				return 0, false
			}
			frac = 0
			continue
		}
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + int64(c-'0')
		digits++
		if frac >= 0 {
			frac++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if frac < 0 {
		frac = 0
	}
	if frac > scale || digits+scale-frac > 18 {
		return 0, false
	}
	v *= pow10I64[scale-frac]
	if neg {
		v = -v
	}
	return v, true
}

// NumericOverflow is the 22003 error for a value too large for DECIMAL(p,s).
func NumericOverflow(p, s int) *sqlerr.Error {
	return sqlerr.Newf(sqlerr.NumericValueOutOfRange, "numeric field overflow").WithDetail(
		"A field with precision %d, scale %d must round to an absolute value less than 10^%d.", p, s, p-s)
}

func badSyntax(typ, s string) *sqlerr.Error {
	return sqlerr.Newf(sqlerr.InvalidTextRepresentation, "invalid input syntax for type %s: \"%s\"", typ, s)
}
