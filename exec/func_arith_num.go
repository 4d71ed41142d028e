package exec

import (
	"math"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// intArith is integer + - * / % with PostgreSQL's overflow errors. Loops run
// optimistically over every row and recheck non-NULL rows only when some row
// overflowed (NULL rows may hold any value).
func intArith(op string, t types.T) binKernel {
	lo, hi := intRange(t)
	check := func(out *vector.Vector, n int, bad func(i int) bool) error {
		for i := 0; i < n; i++ {
			if rowValid(out.Nulls, i) && bad(i) {
				return errIntRange(t)
			}
		}
		return nil
	}
	switch op {
	case "+", "-":
		sub := op == "-"
		return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			a, b, o := av.Ints, bv.Ints, out.Ints[:n]
			over := false
			for i := range o {
				x, y := a[i&ma], b[i&mb]
				if sub {
					y = -y
				}
				r := x + y
				if (x^r)&(y^r) < 0 || r < lo || r > hi || (sub && y == math.MinInt64) {
					over = true
				}
				o[i] = r
			}
			if !over {
				return nil
			}
			return check(out, n, func(i int) bool {
				x, y := a[i&ma], b[i&mb]
				var r int64
				if sub {
					r = x - y
					return (x^y)&(x^r) < 0 || r < lo || r > hi
				}
				r = x + y
				return (x^r)&(y^r) < 0 || r < lo || r > hi
			})
		}
	case "*":
		return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			a, b, o := av.Ints, bv.Ints, out.Ints[:n]
			over := false
			for i := range o {
				x, y := a[i&ma], b[i&mb]
				r := x * y
				if r < lo || r > hi || (x != 0 && (r/x != y || (x == -1 && y == math.MinInt64))) {
					over = true
				}
				o[i] = r
			}
			if !over {
				return nil
			}
			return check(out, n, func(i int) bool {
				x, y := a[i&ma], b[i&mb]
				r := x * y
				return r < lo || r > hi || (x != 0 && (r/x != y || (x == -1 && y == math.MinInt64)))
			})
		}
	case "/", "%":
		mod := op == "%"
		return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			a, b, o := av.Ints, bv.Ints, out.Ints[:n]
			for i := range o {
				x, y := a[i&ma], b[i&mb]
				if y == 0 {
					if rowValid(out.Nulls, i) {
						return errDivZero()
					}
					continue
				}
				if y == -1 {
					if mod {
						o[i] = 0
						continue
					}
					if x == lo {
						if rowValid(out.Nulls, i) {
							return errIntRange(t)
						}
						continue
					}
				}
				if mod {
					o[i] = x % y
				} else {
					o[i] = x / y
				}
			}
			return nil
		}
	}
	return nil
}

// floatArith is DOUBLE PRECISION arithmetic: division by zero is 22012, an
// infinite result from finite operands 22003.
func floatArith(op string) binKernel {
	return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
		a, b, o := av.Floats, bv.Floats, out.Floats[:n]
		switch op {
		case "+":
			for i := range o {
				o[i] = a[i&ma] + b[i&mb]
			}
		case "-":
			for i := range o {
				o[i] = a[i&ma] - b[i&mb]
			}
		case "*":
			for i := range o {
				o[i] = a[i&ma] * b[i&mb]
			}
		case "/":
			for i := range o {
				y := b[i&mb]
				if y == 0 {
					if rowValid(out.Nulls, i) {
						return errDivZero()
					}
					continue
				}
				o[i] = a[i&ma] / y
			}
		case "^":
			for i := range o {
				x, y := a[i&ma], b[i&mb]
				if x == 0 && y < 0 && rowValid(out.Nulls, i) {
					return sqlerr.Newf(sqlerr.Code("2201F"), "zero raised to a negative power is undefined")
				}
				if x < 0 && y != math.Trunc(y) && rowValid(out.Nulls, i) {
					return sqlerr.Newf(sqlerr.Code("2201F"), "a negative number raised to a non-integer power yields a complex result")
				}
				o[i] = math.Pow(x, y)
			}
		}
		for i, r := range o {
			if math.IsInf(r, 0) && !math.IsInf(a[i&ma], 0) && !math.IsInf(b[i&mb], 0) && rowValid(out.Nulls, i) {
				return errFloatRange()
			}
		}
		return nil
	}
}

// negKernel is unary minus.
func negKernel(t types.T) unaryKernel {
	return func(_ *EvalContext, a *vector.Vector, out *vector.Vector, n int) error {
		switch {
		case t.IsInteger():
			lo, _ := intRange(t)
			for i, x := range a.Ints[:n] {
				if x == lo && rowValid(out.Nulls, i) {
					return errIntRange(t)
				}
				out.Ints[i] = -x
			}
		case t.ID == types.Float32 || t.ID == types.Float64:
			for i, x := range a.Floats[:n] {
				out.Floats[i] = -x
			}
		case t.ID == types.Decimal && t.Physical() == types.PhysInt64:
			for i, x := range a.Ints[:n] {
				out.Ints[i] = -x
			}
		case t.ID == types.Decimal:
			for i, x := range a.Decs[:n] {
				out.Decs[i] = x.Neg()
			}
		case t.ID == types.Interval:
			for i, x := range a.Ivs[:n] {
				out.Ivs[i] = types.IntervalValue{Months: -x.Months, Days: -x.Days, Micros: -x.Micros}
			}
		}
		return nil
	}
}

func bitKernel(op string, t types.T) binKernel {
	lo, hi := intRange(t)
	return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
		a, b, o := av.Ints, bv.Ints, out.Ints[:n]
		for i := range o {
			x, y := a[i&ma], b[i&mb]
			var r int64
			switch op {
			case "&":
				r = x & y
			case "|":
				r = x | y
			case "#":
				r = x ^ y
			case "<<":
				r = x << (uint64(y) & 63)
			case ">>":
				r = x >> (uint64(y) & 63)
			}
			if r < lo || r > hi { // shifts wrap within the type, as in C
				bits := uint(64)
				switch t.ID {
				case types.Int16:
					bits = 16
				case types.Int32:
					bits = 32
				}
				r = r << (64 - bits) >> (64 - bits)
			}
			o[i] = r
		}
		return nil
	}
}

func bitNot(_ *EvalContext, a *vector.Vector, out *vector.Vector, n int) error {
	for i, x := range a.Ints[:n] {
		out.Ints[i] = ^x
	}
	return nil
}
