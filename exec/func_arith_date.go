package exec

import (
	"math"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// dateArith handles arithmetic on DATE, TIME, TIMESTAMP[TZ] and INTERVAL
// (the operand types resolveArith produced).
func dateArith(op string, a, b, ret types.T) binKernel {
	A, B := a.ID, b.ID
	iv := func(x types.IntervalValue, neg bool) types.IntervalValue {
		if neg {
			return types.IntervalValue{Months: -x.Months, Days: -x.Days, Micros: -x.Micros}
		}
		return x
	}
	loop := func(f func(ec *EvalContext, av, bv *vector.Vector, i, j int, out *vector.Vector, k int)) binKernel {
		return func(ec *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			for k := 0; k < n; k++ {
				f(ec, av, bv, k&ma, k&mb, out, k)
			}
			return nil
		}
	}
	switch {
	case A == types.Date && B == types.Int32:
		sign := int64(1)
		if op == "-" {
			sign = -1
		}
		return dateShift(func(av, bv *vector.Vector, i, j int) int64 { return av.Ints[i] + sign*bv.Ints[j] })
	case A == types.Int32 && B == types.Date:
		return dateShift(func(av, bv *vector.Vector, i, j int) int64 { return av.Ints[i] + bv.Ints[j] })
	case A == types.Date && B == types.Date:
		return loop(func(_ *EvalContext, av, bv *vector.Vector, i, j int, out *vector.Vector, k int) {
			out.Ints[k] = av.Ints[i] - bv.Ints[j]
		})
	case A == types.Date && B == types.Time, A == types.Time && B == types.Date:
		return loop(func(_ *EvalContext, av, bv *vector.Vector, i, j int, out *vector.Vector, k int) {
			if A == types.Date {
				out.Ints[k] = av.Ints[i]*types.MicrosPerDay + bv.Ints[j]
			} else {
				out.Ints[k] = bv.Ints[j]*types.MicrosPerDay + av.Ints[i]
			}
		})
	case (A == types.Timestamp || A == types.TimestampTZ) && B == types.Interval:
		tz := A == types.TimestampTZ
		neg := op == "-"
		return loop(func(ec *EvalContext, av, bv *vector.Vector, i, j int, out *vector.Vector, k int) {
			out.Ints[k] = addInterval(ec, av.Ints[i], iv(bv.Ivs[j], neg), tz)
		})
	case A == types.Interval && (B == types.Timestamp || B == types.TimestampTZ):
		tz := B == types.TimestampTZ
		return loop(func(ec *EvalContext, av, bv *vector.Vector, i, j int, out *vector.Vector, k int) {
			out.Ints[k] = addInterval(ec, bv.Ints[j], av.Ivs[i], tz)
		})
	case (A == types.Timestamp || A == types.TimestampTZ) && B == A:
		return loop(func(_ *EvalContext, av, bv *vector.Vector, i, j int, out *vector.Vector, k int) {
			d := av.Ints[i] - bv.Ints[j]
			out.Ivs[k] = types.IntervalValue{Days: int32(d / types.MicrosPerDay), Micros: d % types.MicrosPerDay}
		})
	case A == types.Interval && B == types.Interval:
		neg := op == "-"
		return loop(func(_ *EvalContext, av, bv *vector.Vector, i, j int, out *vector.Vector, k int) {
			x, y := av.Ivs[i], iv(bv.Ivs[j], neg)
			out.Ivs[k] = types.IntervalValue{Months: x.Months + y.Months, Days: x.Days + y.Days, Micros: x.Micros + y.Micros}
		})
	case A == types.Time && B == types.Interval, A == types.Interval && B == types.Time:
		neg := op == "-"
		return loop(func(_ *EvalContext, av, bv *vector.Vector, i, j int, out *vector.Vector, k int) {
			var t int64
			var x types.IntervalValue
			if A == types.Time {
				t, x = av.Ints[i], iv(bv.Ivs[j], neg)
			} else {
				t, x = bv.Ints[j], av.Ivs[i]
			}
			r := (t + x.Micros) % types.MicrosPerDay
			if r < 0 {
				r += types.MicrosPerDay
			}
			out.Ints[k] = r
		})
	case A == types.Time && B == types.Time:
		return loop(func(_ *EvalContext, av, bv *vector.Vector, i, j int, out *vector.Vector, k int) {
			out.Ivs[k] = types.IntervalValue{Micros: av.Ints[i] - bv.Ints[j]}
		})
	case A == types.Interval && B == types.Float64, A == types.Float64 && B == types.Interval:
		return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
			for k := 0; k < n; k++ {
				var x types.IntervalValue
				var f float64
				if A == types.Interval {
					x, f = av.Ivs[k&ma], bv.Floats[k&mb]
				} else {
					x, f = bv.Ivs[k&mb], av.Floats[k&ma]
				}
				if op == "/" {
					if f == 0 {
						if rowValid(out.Nulls, k) {
							return errDivZero()
						}
						continue
					}
					f = 1 / f
				}
				out.Ivs[k] = scaleInterval(x, f)
			}
			return nil
		}
	}
	return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
		return undefinedFunc(op, []types.T{a, b}, true)
	}
}

// PostgreSQL's DATE range: 4713-11-24 BC .. 5874897-12-31.
var (
	minDate = types.DaysFromCivil(-4712, 11, 24)
	maxDate = types.DaysFromCivil(5874897, 12, 31)
)

// dateShift is date ± integer with PostgreSQL's range check (22008).
func dateShift(f func(av, bv *vector.Vector, i, j int) int64) binKernel {
	return func(_ *EvalContext, av, bv *vector.Vector, ma, mb int, out *vector.Vector, n int) error {
		for k := 0; k < n; k++ {
			r := f(av, bv, k&ma, k&mb)
			if (r < minDate || r > maxDate) && rowValid(out.Nulls, k) {
				return sqlerr.Newf(sqlerr.DatetimeFieldOverflow, "date out of range")
			}
			out.Ints[k] = r
		}
		return nil
	}
}

// addInterval adds iv to a timestamp; for TIMESTAMPTZ months and days move the
// wall clock in the session time zone, as PostgreSQL does.
func addInterval(ec *EvalContext, ts int64, iv types.IntervalValue, tz bool) int64 {
	if !tz || (iv.Months == 0 && iv.Days == 0) {
		return types.AddInterval(ts, iv)
	}
	loc := ec.Loc()
	local := types.UTCToLocal(ts, loc)
	local = types.AddInterval(local, types.IntervalValue{Months: iv.Months, Days: iv.Days})
	return types.LocalToUTC(local, loc) + iv.Micros
}

// scaleInterval multiplies an interval by f, cascading fractions of months
// into days (30 per month) and of days into microseconds, as PostgreSQL does.
func scaleInterval(x types.IntervalValue, f float64) types.IntervalValue {
	m := float64(x.Months) * f
	wm := math.Trunc(m)
	d := float64(x.Days)*f + (m-wm)*30
	wd := math.Trunc(d)
	us := float64(x.Micros)*f + (d-wd)*float64(types.MicrosPerDay)
	return types.IntervalValue{Months: int32(wm), Days: int32(wd), Micros: int64(math.Round(us))}
}
