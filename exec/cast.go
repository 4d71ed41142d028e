package exec

import (
	"math"
	"strconv"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// CanCast reports whether a value of type from converts to type to
// implicitly (explicit false) or with CAST (explicit true).
func CanCast(from, to types.T, explicit bool) bool {
	f, t := from.ID, to.ID
	switch {
	case f == types.Unknown:
		return true
	case f == t, from.IsString() && to.IsString():
		return true
	case from.IsNumeric() && to.IsNumeric():
		if explicit {
			return true
		}
		if f == types.Decimal && t == types.Decimal {
			return true
		}
		return numRank(to) > numRank(from)
	case isDateLike(from) && isDateLike(to):
		if explicit {
			return true
		}
		return f == types.Date || (f == types.Timestamp && t == types.TimestampTZ)
	case f == types.Time && t == types.Interval:
		return true
	}
	if !explicit {
		return false
	}
	switch {
	case from.IsString() || to.IsString():
		return to.ID != types.Unknown
	case f == types.Bool && t == types.Int32, f == types.Int32 && t == types.Bool:
		return true
	case (f == types.Timestamp || f == types.TimestampTZ) && t == types.Time:
		return true
	case f == types.Interval && t == types.Time:
		return true
	}
	return false
}

// castExpr converts its argument's vectors to another type.
type castExpr struct {
	arg      Expr
	to       types.T
	identity bool
	k        unaryKernel
}

// NewCast converts arg to type to (PostgreSQL cast semantics, 22003/22P02/22007 on bad values).
// intervalFields is the qualifier of INTERVAL 'x' <fields> casts from text.
func NewCast(arg Expr, to types.T, intervalFields string) (Expr, error) {
	from := arg.Type()
	if !CanCast(from, to, true) {
		return nil, sqlerr.Newf(sqlerr.CannotCoerce, "cannot cast type %s to %s", from, to)
	}
	c := &castExpr{arg: arg, to: to}
	k, identity := castKernel(from, to, intervalFields)
	c.k, c.identity = k, identity
	// Fold casts of constants now so kernels see plain constants.
	// (Not when the session time zone matters: it is known only at Eval.)
	if _, ok := constValue(arg); ok && from.ID != types.TimestampTZ && to.ID != types.TimestampTZ {
		d, err := EvalConst(nil, c)
		if err != nil {
			return nil, err
		}
		return &constExpr{v: d, t: to}, nil
	}
	return c, nil
}

func (c *castExpr) Type() types.T { return c.to }

func (c *castExpr) Eval(ec *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	v, err := c.arg.Eval(ec, in)
	if err != nil {
		return nil, err
	}
	n := in.N
	if v.Type.Physical() == types.PhysNull {
		return constVector(c.to, nil, n), nil
	}
	if c.identity {
		if v.Type == c.to {
			return v, nil
		}
		out := *v
		out.Type = c.to
		return &out, nil
	}
	out := vector.New(c.to, n)
	out.Nulls = unionNulls([]*vector.Vector{v}, n)
	if err := c.k(ec, v, out, n); err != nil {
		return nil, err
	}
	return out, nil
}

// castKernel returns the conversion kernel from one type to another and
// whether the conversion leaves values unchanged.
func castKernel(from, to types.T, fields string) (unaryKernel, bool) {
	f, t := from.ID, to.ID
	rows := func(g func(ec *EvalContext, a, out *vector.Vector, i int) error) unaryKernel {
		return func(ec *EvalContext, a, out *vector.Vector, n int) error {
			return eachRow(out, n, func(i int) error { return g(ec, a, out, i) })
		}
	}
	switch {
	case to.IsString():
		if from.IsString() {
			if t == types.Text || (t == types.Varchar && (to.Width == 0 || (f == types.Varchar && from.Width > 0 && from.Width <= to.Width) ||
				(f == types.Char && from.Width <= to.Width))) {
				return nil, true
			}
			return rows(func(_ *EvalContext, a, out *vector.Vector, i int) error {
				out.Strs[i] = fitString(a.Strs[i], to)
				return nil
			}), false
		}
		if f == types.Bool { // boolean casts to text as true/false (its output form is t/f)
			return rows(func(_ *EvalContext, a, out *vector.Vector, i int) error {
				out.Strs[i] = fitString(boolText(a.Bools[i]), to)
				return nil
			}), false
		}
		return rows(func(ec *EvalContext, a, out *vector.Vector, i int) error {
			out.Strs[i] = fitString(string(types.AppendFormat(nil, from, a.Get(i), ec.Loc())), to)
			return nil
		}), false
	case from.IsString():
		return rows(func(ec *EvalContext, a, out *vector.Vector, i int) error {
			s := a.Strs[i]
			if t == types.Interval {
				iv, err := types.ParseInterval(s, fields)
				if err != nil {
					return err
				}
				out.Ivs[i] = iv
				return nil
			}
			if t == types.Bool {
				b, err := types.ParseBool(s)
				out.Bools[i] = b
				return err
			}
			d, err := types.ParseIn(to, s, ec.Loc())
			if err != nil {
				return err
			}
			out.Set(i, d)
			return nil
		}), false
	case from == to:
		return nil, true
	case from.IsNumeric() && to.IsNumeric():
		return numericCast(from, to), false
	case f == types.Bool && to.IsInteger():
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			for i, b := range a.Bools[:n] {
				if b {
					out.Ints[i] = 1
				}
			}
			return nil
		}, false
	case from.IsInteger() && t == types.Bool:
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			for i, x := range a.Ints[:n] {
				out.Bools[i] = x != 0
			}
			return nil
		}, false
	case f == types.Time && t == types.Interval:
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			for i, x := range a.Ints[:n] {
				out.Ivs[i] = types.IntervalValue{Micros: x}
			}
			return nil
		}, false
	case f == types.Interval && t == types.Time:
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			for i, x := range a.Ivs[:n] {
				r := x.Micros % types.MicrosPerDay
				if r < 0 {
					r += types.MicrosPerDay
				}
				out.Ints[i] = r
			}
			return nil
		}, false
	}
	// Date and time conversions.
	conv := func(g func(ec *EvalContext, x int64) int64) unaryKernel {
		return func(ec *EvalContext, a, out *vector.Vector, n int) error {
			for i, x := range a.Ints[:n] {
				out.Ints[i] = g(ec, x)
			}
			return nil
		}
	}
	floorDay := func(x int64) int64 { return types.FloorDiv(x, types.MicrosPerDay) }
	tod := func(x int64) int64 { _, t := types.SplitTimestamp(x); return t }
	switch {
	case f == types.Date && t == types.Timestamp:
		return conv(func(_ *EvalContext, x int64) int64 { return x * types.MicrosPerDay }), false
	case f == types.Date && t == types.TimestampTZ:
		return conv(func(ec *EvalContext, x int64) int64 { return types.LocalToUTC(x*types.MicrosPerDay, ec.Loc()) }), false
	case f == types.Timestamp && t == types.Date:
		return conv(func(_ *EvalContext, x int64) int64 { return floorDay(x) }), false
	case f == types.TimestampTZ && t == types.Date:
		return conv(func(ec *EvalContext, x int64) int64 { return floorDay(types.UTCToLocal(x, ec.Loc())) }), false
	case f == types.Timestamp && t == types.TimestampTZ:
		return conv(func(ec *EvalContext, x int64) int64 { return types.LocalToUTC(x, ec.Loc()) }), false
	case f == types.TimestampTZ && t == types.Timestamp:
		return conv(func(ec *EvalContext, x int64) int64 { return types.UTCToLocal(x, ec.Loc()) }), false
	case f == types.Timestamp && t == types.Time:
		return conv(func(_ *EvalContext, x int64) int64 { return tod(x) }), false
	case f == types.TimestampTZ && t == types.Time:
		return conv(func(ec *EvalContext, x int64) int64 { return tod(types.UTCToLocal(x, ec.Loc())) }), false
	}
	return func(_ *EvalContext, a, out *vector.Vector, n int) error {
		return sqlerr.Newf(sqlerr.CannotCoerce, "cannot cast type %s to %s", from, to)
	}, false
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// fitString applies a CHAR(n)/VARCHAR(n) target: CHAR drops trailing blanks
// (they are not stored) and both truncate to n characters (explicit casts).
func fitString(s string, to types.T) string {
	if to.ID == types.Char {
		for len(s) > 0 && s[len(s)-1] == ' ' {
			s = s[:len(s)-1]
		}
	}
	if to.Width > 0 && len(s) > to.Width {
		k := 0
		for i := range s {
			if k == to.Width {
				s = s[:i]
				break
			}
			k++
		}
		if to.ID == types.Char {
			for len(s) > 0 && s[len(s)-1] == ' ' {
				s = s[:len(s)-1]
			}
		}
	}
	return s
}

// numericCast converts between integer, DECIMAL and floating-point types.
func numericCast(from, to types.T) unaryKernel {
	f, t := from.ID, to.ID
	switch {
	case from.IsInteger() && to.IsInteger():
		lo, hi := intRange(to)
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			for i, x := range a.Ints[:n] {
				if (x < lo || x > hi) && rowValid(out.Nulls, i) {
					return errIntRange(to)
				}
				out.Ints[i] = x
			}
			return nil
		}
	case from.IsInteger() && (t == types.Float64 || t == types.Float32):
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			for i, x := range a.Ints[:n] {
				if t == types.Float32 {
					out.Floats[i] = float64(float32(x))
				} else {
					out.Floats[i] = float64(x)
				}
			}
			return nil
		}
	case (f == types.Float64 || f == types.Float32) && (t == types.Float64 || t == types.Float32):
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			for i, x := range a.Floats[:n] {
				if t == types.Float32 {
					r := float64(float32(x))
					if math.IsInf(r, 0) && !math.IsInf(x, 0) && rowValid(out.Nulls, i) {
						return sqlerr.Newf(sqlerr.NumericValueOutOfRange, "value out of range: overflow")
					}
					x = r
				}
				out.Floats[i] = x
			}
			return nil
		}
	case (f == types.Float64 || f == types.Float32) && to.IsInteger():
		lo, hi := intRange(to)
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			for i, x := range a.Floats[:n] {
				r := math.RoundToEven(x)
				if math.IsNaN(r) || r < float64(lo) || r >= -float64(lo) || r > float64(hi) {
					if rowValid(out.Nulls, i) {
						return errIntRange(to)
					}
					continue
				}
				out.Ints[i] = int64(r)
			}
			return nil
		}
	case f == types.Decimal && (t == types.Float64 || t == types.Float32):
		div := math.Pow10(from.Scale)
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			for i := 0; i < n; i++ {
				var x float64
				if a.Decs != nil {
					x = a.Decs[i].Float64() / div
				} else {
					x = float64(a.Ints[i]) / div
				}
				if t == types.Float32 {
					x = float64(float32(x))
				}
				out.Floats[i] = x
			}
			return nil
		}
	case (f == types.Float64 || f == types.Float32) && t == types.Decimal:
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			var buf [40]byte
			return eachRow(out, n, func(i int) error {
				x := a.Floats[i]
				if math.IsNaN(x) || math.IsInf(x, 0) {
					return sqlerr.Newf(sqlerr.NumericValueOutOfRange, "cannot convert %s to numeric", types.Format(types.Float64Type, x))
				}
				digits := 15
				if f == types.Float32 {
					digits = 6
				}
				s := strconv.AppendFloat(buf[:0], x, 'e', digits-1, 64)
				d, ok, of := types.ParseDecimalParts(string(s), to.Scale)
				if !ok || of || !d.FitsPrecision(to.Precision) {
					return errNumOverflow(to)
				}
				storeDec(out, i, d)
				return nil
			})
		}
	case from.IsInteger() && t == types.Decimal:
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			return eachRow(out, n, func(i int) error {
				d, ok := types.D128(a.Ints[i]).Rescale(0, to.Scale)
				if !ok || !d.FitsPrecision(to.Precision) {
					return errNumOverflow(to)
				}
				storeDec(out, i, d)
				return nil
			})
		}
	case f == types.Decimal && to.IsInteger():
		lo, hi := intRange(to)
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			return eachRow(out, n, func(i int) error {
				d, _ := dec128At(a, i).Rescale(from.Scale, 0)
				x, ok := d.Int64()
				if !ok || x < lo || x > hi {
					return errIntRange(to)
				}
				out.Ints[i] = x
				return nil
			})
		}
	case f == types.Decimal && t == types.Decimal:
		if from.Physical() == types.PhysInt64 && to.Physical() == types.PhysInt64 && to.Scale >= from.Scale &&
			to.Precision-to.Scale >= from.Precision-from.Scale {
			m := types.Pow10(to.Scale - from.Scale)
			return func(_ *EvalContext, a, out *vector.Vector, n int) error {
				for i, x := range a.Ints[:n] {
					out.Ints[i] = x * m
				}
				return nil
			}
		}
		return func(_ *EvalContext, a, out *vector.Vector, n int) error {
			return eachRow(out, n, func(i int) error {
				d, ok := dec128At(a, i).Rescale(from.Scale, to.Scale)
				if !ok || !d.FitsPrecision(to.Precision) {
					return errNumOverflow(to)
				}
				storeDec(out, i, d)
				return nil
			})
		}
	}
	return func(_ *EvalContext, a, out *vector.Vector, n int) error {
		return sqlerr.Newf(sqlerr.CannotCoerce, "cannot cast type %s to %s", from, to)
	}
}

// storeDec writes a DECIMAL value (already checked against the precision).
func storeDec(out *vector.Vector, i int, d types.Decimal128) {
	if out.Decs != nil {
		out.Decs[i] = d
		return
	}
	out.Ints[i], _ = d.Int64()
}
