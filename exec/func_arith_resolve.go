package exec

import "github.com/warehoused/warehoused/types"

// Result types of arithmetic follow PostgreSQL for integers and floats and
// Redshift for DECIMAL:
//
//	+ -  scale max(s1,s2), precision max(p1-s1, p2-s2) + scale + 1
//	*    scale s1+s2,      precision p1+p2+1
//	/    scale max(16, s1+p2-s2+1), precision (p1-s1+s2) + scale; when that
//	     exceeds 38 the scale shrinks (not below 6) to keep the integer digits.
//	     (Redshift's minimum is 4; 16 matches PostgreSQL's 16 significant
//	     digits for results near 1, e.g. 7.0 / 2 = 3.5000000000000000.)
//	%    scale max(s1,s2), precision max(p1-s1, p2-s2) + scale
//
// precision is capped at 38 and scale at the precision. Integers take part in
// DECIMAL arithmetic as DECIMAL(5,0), (10,0) or (19,0).

func init() {
	for _, op := range []string{"+", "-", "*", "/", "%"} {
		op := op
		registerFunc(op, frsig(func(args []types.T) (FuncSig, bool) { return resolveArith(op, args) }, buildArith(op)))
	}
	registerFunc("^", fsig(types.Float64Type, binaryOp(floatArith("^")), types.Float64Type, types.Float64Type))
	for _, op := range []string{"&", "|", "#", "<<", ">>"} {
		op := op
		registerFunc(op, frsig(func(args []types.T) (FuncSig, bool) {
			if len(args) != 2 || !args[0].IsInteger() || !args[1].IsInteger() {
				return FuncSig{}, false
			}
			if op == "<<" || op == ">>" {
				return FuncSig{Params: []types.T{args[0], types.Int32Type}, Ret: args[0]}, true
			}
			w := numericCommon(args[0], args[1])
			return FuncSig{Params: []types.T{w, w}, Ret: w}, true
		}, func(args []Expr, ret types.T) (Expr, error) {
			return newBinExpr(args[0], args[1], ret, bitKernel(op, ret)), nil
		}))
	}
	registerFunc("~", frsig(func(args []types.T) (FuncSig, bool) {
		if len(args) != 1 || !args[0].IsInteger() {
			return FuncSig{}, false
		}
		return FuncSig{Params: []types.T{args[0]}, Ret: args[0]}, true
	}, unaryOp(bitNot)))
}

// decResult computes the DECIMAL result type of a op b.
func decResult(op string, a, b types.T) types.T {
	p1, s1, p2, s2 := a.Precision, a.Scale, b.Precision, b.Scale
	var p, s int
	switch op {
	case "+", "-":
		s = max(s1, s2)
		p = max(p1-s1, p2-s2) + s + 1
	case "*":
		s = s1 + s2
		p = p1 + p2 + 1
	case "/":
		intd := p1 - s1 + s2
		s = max(16, s1+p2-s2+1)
		if intd+s > types.MaxDecimalPrecision {
			s = max(6, types.MaxDecimalPrecision-intd)
		}
		p = intd + s
	case "%":
		s = max(s1, s2)
		p = max(p1-s1, p2-s2) + s
	}
	p = min(max(p, 1), types.MaxDecimalPrecision)
	s = min(s, p)
	return types.DecimalType(p, s)
}

func resolveArith(op string, args []types.T) (FuncSig, bool) {
	if len(args) == 1 {
		a := args[0]
		switch {
		case op == "-" && (a.IsNumeric() || a.ID == types.Interval):
			return FuncSig{Params: []types.T{a}, Ret: a}, true
		case op == "+" && a.IsNumeric():
			return FuncSig{Params: []types.T{a}, Ret: a}, true
		}
		return FuncSig{}, false
	}
	if len(args) != 2 {
		return FuncSig{}, false
	}
	a, b := args[0], args[1]
	mk := func(pa, pb, r types.T) (FuncSig, bool) {
		return FuncSig{Params: []types.T{pa, pb}, Ret: r}, true
	}
	if a.IsNumeric() && b.IsNumeric() {
		c := numericCommon(a, b)
		switch {
		case c.ID == types.Float32 || c.ID == types.Float64:
			if op == "%" {
				return FuncSig{}, false
			}
			return mk(c, c, c)
		case c.ID == types.Decimal:
			da, db := asDecimal(a), asDecimal(b)
			return mk(da, db, decResult(op, da, db))
		}
		return mk(c, c, c)
	}
	iv, ts, tstz, date, tm, f8 := types.IntervalT, types.TSType, types.TSTZType, types.DateType, types.TimeType, types.Float64Type
	A, B := a.ID, b.ID
	switch op {
	case "+":
		switch {
		case A == types.Date && b.IsInteger():
			return mk(date, types.Int32Type, date)
		case a.IsInteger() && B == types.Date:
			return mk(types.Int32Type, date, date)
		case A == types.Date && B == types.Interval:
			return mk(ts, iv, ts)
		case A == types.Interval && B == types.Date:
			return mk(iv, ts, ts)
		case (A == types.Timestamp || A == types.TimestampTZ) && B == types.Interval:
			return mk(a, iv, a)
		case A == types.Interval && (B == types.Timestamp || B == types.TimestampTZ):
			return mk(iv, b, b)
		case A == types.Interval && B == types.Interval:
			return mk(iv, iv, iv)
		case A == types.Date && B == types.Time:
			return mk(date, tm, ts)
		case A == types.Time && B == types.Date:
			return mk(tm, date, ts)
		case A == types.Time && B == types.Interval:
			return mk(tm, iv, tm)
		case A == types.Interval && B == types.Time:
			return mk(iv, tm, tm)
		}
	case "-":
		switch {
		case A == types.Date && b.IsInteger():
			return mk(date, types.Int32Type, date)
		case A == types.Date && B == types.Date:
			return mk(date, date, types.Int32Type)
		case A == types.Date && B == types.Interval:
			return mk(ts, iv, ts)
		case (A == types.Timestamp || A == types.TimestampTZ) && B == types.Interval:
			return mk(a, iv, a)
		case isDateLike(a) && isDateLike(b):
			c, _ := commonTypeOf(a, b)
			return mk(c, c, iv)
		case A == types.Interval && B == types.Interval:
			return mk(iv, iv, iv)
		case A == types.Time && B == types.Interval:
			return mk(tm, iv, tm)
		case A == types.Time && B == types.Time:
			return mk(tm, tm, iv)
		}
	case "*":
		switch {
		case A == types.Interval && b.IsNumeric():
			return mk(iv, f8, iv)
		case a.IsNumeric() && B == types.Interval:
			return mk(f8, iv, iv)
		}
	case "/":
		if A == types.Interval && b.IsNumeric() {
			return mk(iv, f8, iv)
		}
	}
	_ = tstz
	return FuncSig{}, false
}

// buildArith picks the kernel for the resolved operand types.
func buildArith(op string) builder {
	return func(args []Expr, ret types.T) (Expr, error) {
		if len(args) == 1 {
			if op == "+" {
				return args[0], nil
			}
			return (unaryOp(negKernel(ret)))(args, ret)
		}
		a, b := args[0].Type(), args[1].Type()
		var k binKernel
		switch {
		case ret.IsInteger() && a.IsInteger():
			k = intArith(op, ret)
		case ret.ID == types.Float64 || ret.ID == types.Float32:
			k = floatArith(op)
		case ret.ID == types.Decimal:
			k = decArith(op, a, b, ret)
		default:
			k = dateArith(op, a, b, ret)
		}
		return newBinExpr(args[0], args[1], ret, k), nil
	}
}
