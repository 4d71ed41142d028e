package types

import (
	"math"
	"math/bits"
)

// Arithmetic on Decimal128 (a signed 128-bit two's-complement integer).
// Every operation reports overflow of the 128-bit range with ok=false;
// precision limits (|x| < 10^p) are checked by callers with FitsPrecision.

// D128 converts an int64 to a Decimal128.
func D128(v int64) Decimal128 { return Decimal128{Hi: v >> 63, Lo: uint64(v)} }

// IsZero reports whether a is 0.
func (a Decimal128) IsZero() bool { return a.Hi == 0 && a.Lo == 0 }

// Sign returns -1, 0 or +1.
func (a Decimal128) Sign() int {
	switch {
	case a.Hi < 0:
		return -1
	case a.Hi == 0 && a.Lo == 0:
		return 0
	}
	return 1
}

// Neg returns -a (wrapping for the minimum value, which callers never reach
// because precision 38 stays far below 2^127).
func (a Decimal128) Neg() Decimal128 {
	lo := ^a.Lo + 1
	hi := ^a.Hi
	if lo == 0 {
		hi++
	}
	return Decimal128{Hi: hi, Lo: lo}
}

// Abs returns |a|.
func (a Decimal128) Abs() Decimal128 {
	if a.Hi < 0 {
		return a.Neg()
	}
	return a
}

// Add returns a+b.
func (a Decimal128) Add(b Decimal128) (Decimal128, bool) {
	lo, c := bits.Add64(a.Lo, b.Lo, 0)
	hi := a.Hi + b.Hi + int64(c)
	r := Decimal128{Hi: hi, Lo: lo}
	// Overflow when both operands have the same sign and the result differs.
	if (a.Hi < 0) == (b.Hi < 0) && (r.Hi < 0) != (a.Hi < 0) {
		return r, false
	}
	return r, true
}

// Sub returns a-b.
func (a Decimal128) Sub(b Decimal128) (Decimal128, bool) {
	lo, br := bits.Sub64(a.Lo, b.Lo, 0)
	hi := a.Hi - b.Hi - int64(br)
	r := Decimal128{Hi: hi, Lo: lo}
	if (a.Hi < 0) != (b.Hi < 0) && (r.Hi < 0) != (a.Hi < 0) {
		return r, false
	}
	return r, true
}

// Cmp compares a and b (-1, 0, +1).
func (a Decimal128) Cmp(b Decimal128) int {
	switch {
	case a.Hi < b.Hi:
		return -1
	case a.Hi > b.Hi:
		return 1
	case a.Lo < b.Lo:
		return -1
	case a.Lo > b.Lo:
		return 1
	}
	return 0
}

// u128 is an unsigned 128-bit magnitude.
type u128 struct{ hi, lo uint64 }

func (a Decimal128) mag() (u128, bool) {
	neg := a.Hi < 0
	if neg {
		a = a.Neg()
	}
	return u128{uint64(a.Hi), a.Lo}, neg
}

func fromMag(m u128, neg bool) (Decimal128, bool) {
	if m.hi>>63 != 0 {
		return Decimal128{}, false
	}
	r := Decimal128{Hi: int64(m.hi), Lo: m.lo}
	if neg {
		r = r.Neg()
	}
	return r, true
}

func (a u128) isZero() bool { return a.hi == 0 && a.lo == 0 }

func (a u128) cmp(b u128) int {
	switch {
	case a.hi < b.hi:
		return -1
	case a.hi > b.hi:
		return 1
	case a.lo < b.lo:
		return -1
	case a.lo > b.lo:
		return 1
	}
	return 0
}

func (a u128) sub(b u128) u128 {
	lo, br := bits.Sub64(a.lo, b.lo, 0)
	return u128{a.hi - b.hi - br, lo}
}

func (a u128) add(b u128) (u128, bool) {
	lo, c := bits.Add64(a.lo, b.lo, 0)
	hi, c2 := bits.Add64(a.hi, b.hi, c)
	return u128{hi, lo}, c2 == 0
}

func (a u128) mul(b u128) (u128, bool) {
	if a.hi != 0 && b.hi != 0 {
		return u128{}, false
	}
	hi, lo := bits.Mul64(a.lo, b.lo)
	h1, l1 := bits.Mul64(a.hi, b.lo)
	h2, l2 := bits.Mul64(a.lo, b.hi)
	if h1 != 0 || h2 != 0 {
		return u128{}, false
	}
	hi, c := bits.Add64(hi, l1, 0)
	if c != 0 {
		return u128{}, false
	}
	hi, c = bits.Add64(hi, l2, 0)
	if c != 0 {
		return u128{}, false
	}
	return u128{hi, lo}, true
}

func (a u128) shl(n uint) u128 {
	if n >= 64 {
		return u128{a.lo << (n - 64), 0}
	}
	if n == 0 {
		return a
	}
	return u128{a.hi<<n | a.lo>>(64-n), a.lo << n}
}

func (a u128) shr(n uint) u128 {
	if n >= 64 {
		return u128{0, a.hi >> (n - 64)}
	}
	if n == 0 {
		return a
	}
	return u128{a.hi >> n, a.lo>>n | a.hi<<(64-n)}
}

// quoRem divides a by b (b != 0).
func (a u128) quoRem(b u128) (q, r u128) {
	if b.hi == 0 {
		var rem uint64
		q.hi, rem = bits.Div64(0, a.hi, b.lo)
		q.lo, rem = bits.Div64(rem, a.lo, b.lo)
		return q, u128{0, rem}
	}
	n := uint(bits.LeadingZeros64(b.hi))
	v1 := b.shl(n)
	u1 := a.shr(1)
	tq, _ := bits.Div64(u1.hi, u1.lo, v1.hi)
	tq >>= 63 - n
	if tq != 0 {
		tq--
	}
	q = u128{0, tq}
	p, _ := b.mul(q)
	r = a.sub(p)
	if r.cmp(b) >= 0 {
		q, _ = q.add(u128{0, 1})
		r = r.sub(b)
	}
	return q, r
}

// Mul returns a*b.
func (a Decimal128) Mul(b Decimal128) (Decimal128, bool) {
	am, an := a.mag()
	bm, bn := b.mag()
	p, ok := am.mul(bm)
	if !ok {
		return Decimal128{}, false
	}
	return fromMag(p, an != bn)
}

// MulInt64 returns the exact 128-bit product of two int64s.
func MulInt64(a, b int64) Decimal128 {
	neg := (a < 0) != (b < 0)
	ua, ub := uint64(a), uint64(b)
	if a < 0 {
		ua = uint64(-a)
	}
	if b < 0 {
		ub = uint64(-b)
	}
	hi, lo := bits.Mul64(ua, ub)
	r := Decimal128{Hi: int64(hi), Lo: lo}
	if neg {
		r = r.Neg()
	}
	return r
}

// QuoRound returns a/b rounded half away from zero; ok is false when b is 0.
func (a Decimal128) QuoRound(b Decimal128) (Decimal128, bool) {
	if b.IsZero() {
		return Decimal128{}, false
	}
	am, an := a.mag()
	bm, bn := b.mag()
	q, r := am.quoRem(bm)
	// Round: 2r >= b  ⇒ bump.
	r2 := r.shl(1)
	if r.hi>>63 != 0 || r2.cmp(bm) >= 0 {
		q, _ = q.add(u128{0, 1})
	}
	res, _ := fromMag(q, an != bn)
	return res, true
}

// QuoTrunc returns a/b truncated toward zero and the remainder (sign of a).
func (a Decimal128) QuoTrunc(b Decimal128) (q, r Decimal128, ok bool) {
	if b.IsZero() {
		return Decimal128{}, Decimal128{}, false
	}
	am, an := a.mag()
	bm, bn := b.mag()
	qm, rm := am.quoRem(bm)
	q, _ = fromMag(qm, an != bn)
	r, _ = fromMag(rm, an)
	return q, r, true
}

// Int64 returns a as an int64 when it fits.
func (a Decimal128) Int64() (int64, bool) {
	if (a.Hi == 0 && a.Lo>>63 == 0) || (a.Hi == -1 && a.Lo>>63 == 1) {
		return int64(a.Lo), true
	}
	return 0, false
}

// Float64 converts the unscaled value to float64.
func (a Decimal128) Float64() float64 {
	m, neg := a.mag()
	f := float64(m.hi)*18446744073709551616.0 + float64(m.lo)
	if neg {
		return -f
	}
	return f
}

// D128FromFloat converts a float64 holding an integral value to Decimal128;
// ok is false when it is out of range or not finite.
func D128FromFloat(f float64) (Decimal128, bool) {
	if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) >= 1.7e38 {
		return Decimal128{}, false
	}
	neg := f < 0
	f = math.Abs(math.Round(f))
	hi := math.Floor(f / 18446744073709551616.0)
	lo := f - hi*18446744073709551616.0
	m := u128{uint64(hi), uint64(lo)}
	return fromMag(m, neg)
}

var pow10D128 = func() (t [39]Decimal128) {
	t[0] = D128(1)
	for i := 1; i < len(t); i++ {
		t[i], _ = t[i-1].Mul(D128(10))
	}
	return t
}()

// Pow10D128 returns 10^n for 0 <= n <= 38.
func Pow10D128(n int) Decimal128 { return pow10D128[n] }

var pow10I64 = [19]int64{1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
	10000000000, 100000000000, 1000000000000, 10000000000000, 100000000000000, 1000000000000000,
	10000000000000000, 100000000000000000, 1000000000000000000}

// Pow10 returns 10^n as an int64 for 0 <= n <= 18.
func Pow10(n int) int64 { return pow10I64[n] }

// FitsPrecision reports whether |a| < 10^p.
func (a Decimal128) FitsPrecision(p int) bool {
	if p >= 39 {
		return true
	}
	return a.Abs().Cmp(pow10D128[p]) < 0
}

// FitsPrecision64 reports whether |v| < 10^p for an int64 unscaled value.
func FitsPrecision64(v int64, p int) bool {
	if p > 18 {
		return true
	}
	lim := pow10I64[p]
	return v < lim && v > -lim
}

// Rescale changes the scale of an unscaled value from `from` to `to` digits,
// rounding half away from zero when digits are dropped.
func (a Decimal128) Rescale(from, to int) (Decimal128, bool) {
	switch {
	case to == from:
		return a, true
	case to > from:
		d := to - from
		if d > 38 {
			return a, a.IsZero()
		}
		return a.Mul(pow10D128[d])
	}
	d := from - to
	if d > 38 {
		return Decimal128{}, true
	}
	return a.QuoRound(pow10D128[d])
}

// Rescale64 changes the scale of an int64 unscaled value; ok is false when the
// result does not fit in an int64.
func Rescale64(v int64, from, to int) (int64, bool) {
	switch {
	case to == from:
		return v, true
	case to > from:
		d := to - from
		if d > 18 {
			return 0, v == 0
		}
		p := pow10I64[d]
		r := v * p
		if v != 0 && (r/p != v) {
			return 0, false
		}
		return r, true
	}
	d := from - to
	if d > 18 {
		return 0, true
	}
	return DivRound64(v, pow10I64[d]), true
}

// DivRound64 divides rounding half away from zero (b != 0).
func DivRound64(a, b int64) int64 {
	q, r := a/b, a%b
	if r < 0 {
		r = -r
	}
	bb := b
	if bb < 0 {
		bb = -bb
	}
	if r >= bb-r {
		if (a < 0) != (b < 0) {
			q--
		} else {
			q++
		}
	}
	return q
}
