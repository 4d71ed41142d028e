package exec

import (
	"math"
	"math/rand/v2"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// floatFn builds a strict DOUBLE PRECISION function of one argument; check,
// when set, validates the argument first.
func floatFn(f func(float64) float64, check func(float64) error) builder {
	return unaryOp(func(_ *EvalContext, a, out *vector.Vector, n int) error {
		for i, x := range a.Floats[:n] {
			if check != nil && rowValid(out.Nulls, i) {
				if err := check(x); err != nil {
					return err
				}
			}
			out.Floats[i] = f(x)
		}
		return nil
	})
}

func errLog(x float64) error {
	switch {
	case x == 0:
		return sqlerr.Newf(sqlerr.Code("2201E"), "cannot take logarithm of zero")
	case x < 0:
		return sqlerr.Newf(sqlerr.Code("2201E"), "cannot take logarithm of a negative number")
	}
	return nil
}

// sameNumeric resolves f(x) returning x's own numeric type.
func sameNumeric(extra ...types.T) func(args []types.T) (FuncSig, bool) {
	return func(args []types.T) (FuncSig, bool) {
		if len(args) != 1+len(extra) {
			return FuncSig{}, false
		}
		a := args[0]
		if a.ID == types.Unknown {
			a = f64T
		}
		if !a.IsNumeric() {
			return FuncSig{}, false
		}
		if a.ID == types.Float32 {
			a = f64T
		}
		for i, e := range extra {
			if !(args[1+i].IsInteger() || args[1+i].ID == types.Unknown) {
				return FuncSig{}, false
			}
			_ = e
		}
		return FuncSig{Params: append([]types.T{a}, extra...), Ret: a}, true
	}
}

func init() {
	registerFunc("abs,@", frsig(sameNumeric(), unaryOp(absKernel)))
	// round/trunc/ceil/floor keep the argument's type; for DECIMAL the value
	// is rounded to n digits (0 by default) and kept at the input scale.
	for _, name := range []string{"round", "trunc", "truncate", "ceil", "ceiling", "floor"} {
		mode := name
		switch name {
		case "truncate":
			mode = "trunc"
		case "ceiling":
			mode = "ceil"
		}
		registerFunc(name, frsig(widenDecimal(sameNumeric()), strictFn(roundKernel(mode))))
		if mode == "round" || mode == "trunc" {
			registerFunc(name, frsig(widenDecimal(sameNumeric(i32T)), strictFn(roundKernel(mode))))
		}
	}
	registerFunc("sign", frsig(sameNumeric(), unaryOp(func(_ *EvalContext, a, out *vector.Vector, n int) error {
		t := a.Type
		for i := 0; i < n; i++ {
			var s int
			switch {
			case t.ID == types.Float64:
				x := a.Floats[i]
				if x > 0 {
					s = 1
				} else if x < 0 {
					s = -1
				}
				out.Floats[i] = float64(s)
				continue
			case a.Decs != nil:
				s = a.Decs[i].Sign()
			default:
				x := a.Ints[i]
				if x > 0 {
					s = 1
				} else if x < 0 {
					s = -1
				}
			}
			if t.ID == types.Decimal {
				d, _ := types.D128(int64(s)).Rescale(0, t.Scale)
				storeDec(out, i, d)
			} else {
				out.Ints[i] = int64(s)
			}
		}
		return nil
	})))
	registerFunc("mod", frsig(func(args []types.T) (FuncSig, bool) { return resolveArith("%", args) }, buildArith("%")))
	pow := fsig(f64T, binaryOp(floatArith("^")), f64T, f64T)
	registerFunc("power,pow", pow)
	registerFunc("sqrt,|/", fsig(f64T, floatFn(math.Sqrt, func(x float64) error {
		if x < 0 {
			return sqlerr.Newf(sqlerr.Code("2201F"), "cannot take square root of a negative number")
		}
		return nil
	}), f64T))
	registerFunc("cbrt,||/", fsig(f64T, floatFn(math.Cbrt, nil), f64T))
	registerFunc("exp", fsig(f64T, floatFn(math.Exp, nil), f64T))
	registerFunc("ln,dlog1", fsig(f64T, floatFn(math.Log, errLog), f64T))
	registerFunc("log,dlog10,log10", fsig(f64T, floatFn(math.Log10, errLog), f64T),
		fsig(f64T, binaryOp(func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			for i := 0; i < n; i++ {
				b, x := av.Floats[i&ma], bv.Floats[i&mb]
				if rowValid(out.Nulls, i) {
					if err := errLog(b); err != nil {
						return err
					}
					if err := errLog(x); err != nil {
						return err
					}
					if b == 1 {
						return errDivZero()
					}
				}
				out.Floats[i] = math.Log(x) / math.Log(b)
			}
			return nil
		}), f64T, f64T))
	registerFunc("pi", fsig(f64T, lenientFn(func(_ *EvalContext, _ []*vector.Vector, out *vector.Vector, n int) error {
		fillAll(out.Floats[:n], math.Pi)
		return nil
	})))
	registerFunc("random", fsig(f64T, lenientFn(func(_ *EvalContext, _ []*vector.Vector, out *vector.Vector, n int) error {
		for i := range out.Floats[:n] {
			out.Floats[i] = rand.Float64()
		}
		return nil
	})))
	registerFunc("degrees", fsig(f64T, floatFn(func(x float64) float64 { return x * 180 / math.Pi }, nil), f64T))
	registerFunc("radians", fsig(f64T, floatFn(func(x float64) float64 { return x * math.Pi / 180 }, nil), f64T))
	registerFunc("sin", fsig(f64T, floatFn(math.Sin, nil), f64T))
	registerFunc("cos", fsig(f64T, floatFn(math.Cos, nil), f64T))
	registerFunc("tan", fsig(f64T, floatFn(math.Tan, nil), f64T))
	registerFunc("cot", fsig(f64T, floatFn(func(x float64) float64 { return 1 / math.Tan(x) }, nil), f64T))
	inUnit := func(x float64) error {
		if x < -1 || x > 1 {
			return sqlerr.Newf(sqlerr.NumericValueOutOfRange, "input is out of range")
		}
		return nil
	}
	registerFunc("asin", fsig(f64T, floatFn(math.Asin, inUnit), f64T))
	registerFunc("acos", fsig(f64T, floatFn(math.Acos, inUnit), f64T))
	registerFunc("atan", fsig(f64T, floatFn(math.Atan, nil), f64T))
	registerFunc("atan2", fsig(f64T, binaryOp(func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
		for i := 0; i < n; i++ {
			out.Floats[i] = math.Atan2(av.Floats[i&ma], bv.Floats[i&mb])
		}
		return nil
	}), f64T, f64T))
	registerFunc("width_bucket", fsig(i32T, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		x, lo, hi, cnt := a[0].Floats[i], a[1].Floats[i], a[2].Floats[i], a[3].Ints[i]
		if cnt <= 0 {
			return sqlerr.Newf(sqlerr.Code("2201G"), "count must be greater than zero")
		}
		if lo == hi {
			return sqlerr.Newf(sqlerr.Code("2201G"), "lower bound cannot equal upper bound")
		}
		switch {
		case (lo < hi && x < lo) || (lo > hi && x > lo):
			out.Ints[i] = 0
		case (lo < hi && x >= hi) || (lo > hi && x <= hi):
			out.Ints[i] = cnt + 1
		default:
			out.Ints[i] = int64((x-lo)/(hi-lo)*float64(cnt)) + 1
		}
		return nil
	}), f64T, f64T, f64T, i32T))
}

// widenDecimal gives DECIMAL results one more integer digit (9.99 rounds to 10.00).
func widenDecimal(r func(args []types.T) (FuncSig, bool)) func(args []types.T) (FuncSig, bool) {
	return func(args []types.T) (FuncSig, bool) {
		s, ok := r(args)
		if ok && s.Ret.ID == types.Decimal && s.Ret.Precision < types.MaxDecimalPrecision {
			s.Ret = types.DecimalType(s.Ret.Precision+1, s.Ret.Scale)
		}
		return s, ok
	}
}

func absKernel(_ *EvalContext, a, out *vector.Vector, n int) error {
	t := a.Type
	switch {
	case t.ID == types.Float64:
		for i, x := range a.Floats[:n] {
			out.Floats[i] = math.Abs(x)
		}
	case a.Decs != nil:
		for i, x := range a.Decs[:n] {
			out.Decs[i] = x.Abs()
		}
	default:
		for i, x := range a.Ints[:n] {
			if x < 0 {
				if x == math.MinInt64 || (t.ID == types.Int32 && x == math.MinInt32) || (t.ID == types.Int16 && x == math.MinInt16) {
					if rowValid(out.Nulls, i) {
						return errIntRange(t)
					}
				}
				x = -x
			}
			out.Ints[i] = x
		}
	}
	return nil
}

// roundKernel is round/trunc/ceil/floor(x [, digits]). DECIMAL rounds half
// away from zero, floats round half to even (PostgreSQL's rint) without
// digits and half away from zero with them.
func roundKernel(mode string) kernel {
	return func(_ *EvalContext, args []*vector.Vector, out *vector.Vector, n int) error {
		a := args[0]
		t := a.Type
		digits := func(i int) int64 {
			if len(args) > 1 {
				return args[1].Ints[i]
			}
			return 0
		}
		switch {
		case t.ID == types.Float64:
			for i, x := range a.Floats[:n] {
				d := digits(i)
				out.Floats[i] = roundFloat(mode, x, d, len(args) > 1)
			}
		case t.IsInteger():
			for i, x := range a.Ints[:n] {
				d := digits(i)
				if d >= 0 || mode == "ceil" || mode == "floor" {
					out.Ints[i] = x
					continue
				}
				if d < -18 {
					out.Ints[i] = 0
					continue
				}
				p := types.Pow10(int(-d))
				out.Ints[i] = roundInt(mode, x, p)
			}
		default: // DECIMAL
			return eachRow(out, n, func(i int) error {
				x := dec128At(a, i)
				d := digits(i)
				drop := int64(t.Scale) - d // digits to clear
				if drop <= 0 {
					storeDec(out, i, x)
					return nil
				}
				if drop > 38 {
					storeDec(out, i, types.Decimal128{})
					return nil
				}
				p := types.Pow10D128(int(drop))
				q, r, _ := x.QuoTrunc(p)
				switch mode {
				case "round":
					r2, _ := r.Abs().Add(r.Abs())
					if r2.Cmp(p) >= 0 {
						if x.Sign() < 0 {
							q, _ = q.Sub(types.D128(1))
						} else {
							q, _ = q.Add(types.D128(1))
						}
					}
				case "ceil":
					if r.Sign() > 0 {
						q, _ = q.Add(types.D128(1))
					}
				case "floor":
					if r.Sign() < 0 {
						q, _ = q.Sub(types.D128(1))
					}
				}
				res, ok := q.Mul(p)
				if !ok || !res.FitsPrecision(out.Type.Precision) {
					return errNumOverflow(out.Type)
				}
				storeDec(out, i, res)
				return nil
			})
		}
		return nil
	}
}

func roundInt(mode string, x, p int64) int64 {
	q, r := x/p, x%p
	switch mode {
	case "round":
		if 2*abs64(r) >= p {
			if x < 0 {
				q--
			} else {
				q++
			}
		}
	case "ceil":
		if r > 0 {
			q++
		}
	case "floor":
		if r < 0 {
			q--
		}
	}
	return q * p
}

func abs64(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func roundFloat(mode string, x float64, d int64, withDigits bool) float64 {
	scale := math.Pow(10, float64(d))
	y := x * scale
	switch mode {
	case "round":
		if withDigits {
			y = math.Round(y)
		} else {
			y = math.RoundToEven(y)
		}
	case "trunc":
		y = math.Trunc(y)
	case "ceil":
		y = math.Ceil(y)
	case "floor":
		y = math.Floor(y)
	}
	return y / scale
}
