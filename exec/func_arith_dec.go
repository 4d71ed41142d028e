package exec

import (
	"math/big"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// decArith is DECIMAL + - * / % between operands of types a and b giving ret
// (see decResult). Values held in int64 take fast paths; everything else goes
// through Decimal128 with overflow checks (22003) against ret's precision.
func decArith(op string, a, b, ret types.T) binKernel {
	s1, s2, S, P := a.Scale, b.Scale, ret.Scale, ret.Precision
	small := func(t types.T) bool { return t.Physical() == types.PhysInt64 }
	switch {
	case (op == "+" || op == "-") && small(a) && small(b) && small(ret):
		fa, fb := types.Pow10(S-s1), types.Pow10(S-s2)
		sub := op == "-"
		return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			x, y, o := av.Ints, bv.Ints, out.Ints[:n]
			if fa == 1 && fb == 1 {
				if sub {
					for i := range o {
						o[i] = x[i&ma] - y[i&mb]
					}
				} else {
					for i := range o {
						o[i] = x[i&ma] + y[i&mb]
					}
				}
				return nil
			}
			gb := fb
			if sub {
				gb = -fb
			}
			for i := range o {
				o[i] = x[i&ma]*fa + y[i&mb]*gb
			}
			return nil
		}
	case op == "*" && small(a) && small(b) && small(ret) && S == s1+s2:
		return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			x, y, o := av.Ints, bv.Ints, out.Ints[:n]
			for i := range o {
				o[i] = x[i&ma] * y[i&mb]
			}
			return nil
		}
	case op == "*" && small(a) && small(b) && !small(ret) && S == s1+s2:
		// p1+p2 <= 36 digits < P: the exact product always fits.
		return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			x, y, o := av.Ints, bv.Ints, out.Decs[:n]
			for i := range o {
				o[i] = types.MulInt64(x[i&ma], y[i&mb])
			}
			return nil
		}
	case op == "*" && !small(ret) && S == s1+s2:
		// 128-bit product at the natural scale: one Mul and a range check a
		// row; rows whose product leaves 128 bits take the general path.
		return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			o := out.Decs[:n]
			for i := range o {
				x, y := dec128At(av, i&ma), dec128At(bv, i&mb)
				r, ok := x.Mul(y)
				if !ok || !r.FitsPrecision(P) {
					if !rowValid(out.Nulls, i) {
						continue
					}
					var err error
					if r, err = decOp(op, x, y, s1, s2, S, ret); err != nil {
						return err
					}
					if !r.FitsPrecision(P) {
						return errNumOverflow(ret)
					}
				}
				o[i] = r
			}
			return nil
		}
	}
	return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
		for i := 0; i < n; i++ {
			if !rowValid(out.Nulls, i) {
				continue
			}
			x, y := dec128At(av, i&ma), dec128At(bv, i&mb)
			r, err := decOp(op, x, y, s1, s2, S, ret)
			if err != nil {
				return err
			}
			if !r.FitsPrecision(P) {
				return errNumOverflow(ret)
			}
			if out.Decs != nil {
				out.Decs[i] = r
			} else {
				out.Ints[i], _ = r.Int64()
			}
		}
		return nil
	}
}

// dec128At reads row i of a DECIMAL vector as a Decimal128.
func dec128At(v *vector.Vector, i int) types.Decimal128 {
	if v.Decs != nil {
		return v.Decs[i]
	}
	return types.D128(v.Ints[i])
}

// decOp computes one DECIMAL operation at result scale S.
func decOp(op string, x, y types.Decimal128, s1, s2, S int, ret types.T) (types.Decimal128, error) {
	var ok bool
	switch op {
	case "+", "-":
		if x, ok = x.Rescale(s1, S); !ok {
			return x, errNumOverflow(ret)
		}
		if y, ok = y.Rescale(s2, S); !ok {
			return y, errNumOverflow(ret)
		}
		var r types.Decimal128
		if op == "+" {
			r, ok = x.Add(y)
		} else {
			r, ok = x.Sub(y)
		}
		if !ok {
			return r, errNumOverflow(ret)
		}
		return r, nil
	case "*":
		r, ok := x.Mul(y)
		if !ok {
			return bigResult(new(big.Int).Mul(bigOf(x), bigOf(y)), s1+s2, S, ret)
		}
		if r, ok = r.Rescale(s1+s2, S); !ok {
			return r, errNumOverflow(ret)
		}
		return r, nil
	case "/":
		if y.IsZero() {
			return x, errDivZero()
		}
		// x/10^s1 ÷ y/10^s2 at scale S: x*10^(S-s1+s2) / y, rounded.
		k := S - s1 + s2
		if k >= 0 && k <= 38 {
			if num, ok := x.Mul(types.Pow10D128(k)); ok {
				r, _ := num.QuoRound(y)
				return r, nil
			}
		}
		num := bigOf(x)
		den := bigOf(y)
		if k >= 0 {
			num.Mul(num, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(k)), nil))
		} else {
			den.Mul(den, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(-k)), nil))
		}
		return bigQuoRound(num, den, ret)
	case "%":
		if y.IsZero() {
			return x, errDivZero()
		}
		if x, ok = x.Rescale(s1, S); !ok {
			return x, errNumOverflow(ret)
		}
		if y, ok = y.Rescale(s2, S); !ok {
			return y, errNumOverflow(ret)
		}
		_, r, _ := x.QuoTrunc(y)
		return r, nil
	}
	return x, nil
}

func bigOf(x types.Decimal128) *big.Int {
	b := new(big.Int).SetInt64(x.Hi)
	b.Lsh(b, 64)
	return b.Add(b, new(big.Int).SetUint64(x.Lo))
}

func bigTo(b *big.Int, ret types.T) (types.Decimal128, error) {
	if b.BitLen() > 126 {
		return types.Decimal128{}, errNumOverflow(ret)
	}
	neg := b.Sign() < 0
	m := new(big.Int).Abs(b)
	lo := new(big.Int).And(m, new(big.Int).SetUint64(^uint64(0))).Uint64()
	hi := new(big.Int).Rsh(m, 64).Uint64()
	r := types.Decimal128{Hi: int64(hi), Lo: lo}
	if neg {
		r = r.Neg()
	}
	return r, nil
}

// bigQuoRound divides rounding half away from zero.
func bigQuoRound(num, den *big.Int, ret types.T) (types.Decimal128, error) {
	q, r := new(big.Int).QuoRem(num, den, new(big.Int))
	r.Abs(r).Lsh(r, 1)
	if r.Cmp(new(big.Int).Abs(den)) >= 0 {
		if (num.Sign() < 0) != (den.Sign() < 0) {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return bigTo(q, ret)
}

// bigResult rescales a wide product from scale from to scale to.
func bigResult(v *big.Int, from, to int, ret types.T) (types.Decimal128, error) {
	if to >= from {
		v.Mul(v, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(to-from)), nil))
		return bigTo(v, ret)
	}
	return bigQuoRound(v, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(from-to)), nil), ret)
}
