package exec

import (
	"context"
	"time"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// GenerateSeries yields generate_series(start, stop[, step]).
type GenerateSeries struct {
	ec   *EvalContext
	args []Expr
	t    types.T

	kind      uint8 // 0 int, 1 float, 2 timestamp + interval
	done      bool
	cur, stop int64
	step      int64
	fcur      float64
	fstop     float64
	fstep     float64
	ivStep    types.IntervalValue
	ivDir     int // sign of the interval step
	loc       *time.Location
}

var _ Operator = (*GenerateSeries)(nil)

// NewGenerateSeries yields generate_series(start, stop[, step]) as one column of type t.
func NewGenerateSeries(ec *EvalContext, args []Expr, t types.T) Operator {
	return &GenerateSeries{ec: ec, args: args, t: t}
}

// Types implements Operator.
func (g *GenerateSeries) Types() []types.T { return []types.T{g.t} }

// Open evaluates the arguments.
func (g *GenerateSeries) Open(ctx context.Context) error {
	if len(g.args) < 2 || len(g.args) > 3 {
		return sqlerr.Newf(sqlerr.UndefinedFunction, "function generate_series takes 2 or 3 arguments")
	}
	one := &vector.Batch{N: 1}
	vals := make([]*vector.Vector, len(g.args))
	for i, e := range g.args {
		v, err := e.Eval(g.ec, one)
		if err != nil {
			return err
		}
		if v.IsNull(0) || v.Type.Physical() == types.PhysNull {
			g.done = true // any NULL argument: no rows
			return nil
		}
		vals[i] = v
	}
	switch {
	case g.t.ID == types.Timestamp || g.t.ID == types.TimestampTZ:
		if len(vals) != 3 || vals[2].Type.Physical() != types.PhysInterval {
			return sqlerr.Newf(sqlerr.UndefinedFunction, "function generate_series(timestamp, timestamp) needs an interval step")
		}
		g.kind = 2
		g.cur, g.stop = vals[0].Ints[0], vals[1].Ints[0]
		g.ivStep = vals[2].Ivs[0]
		d, m := normInterval(g.ivStep)
		switch {
		case d > 0 || (d == 0 && m > 0):
			g.ivDir = 1
		case d < 0:
			g.ivDir = -1
		default:
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "step size cannot equal zero")
		}
		g.loc = time.UTC
		if g.t.ID == types.TimestampTZ {
			g.loc = g.ec.Loc()
		}
	case g.t.Physical() == types.PhysInt64:
		g.cur, g.stop, g.step = vals[0].Ints[0], vals[1].Ints[0], 1
		if len(vals) == 3 {
			if vals[2].Type.Physical() != types.PhysInt64 {
				return sqlerr.Newf(sqlerr.DatatypeMismatch, "generate_series step must be of the series type")
			}
			g.step = vals[2].Ints[0]
		}
		if g.step == 0 {
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "step size cannot equal zero")
		}
	case g.t.Physical() == types.PhysFloat64:
		g.kind = 1
		g.fcur, g.fstop, g.fstep = vals[0].Floats[0], vals[1].Floats[0], 1
		if len(vals) == 3 {
			g.fstep = vals[2].Floats[0]
		}
		if g.fstep == 0 {
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "step size cannot equal zero")
		}
	default:
		return sqlerr.Newf(sqlerr.FeatureNotSupported, "generate_series over %s is not supported", g.t)
	}
	return nil
}

// Next implements Operator.
func (g *GenerateSeries) Next(ctx context.Context) (*vector.Batch, error) {
	if g.done {
		return nil, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	size := g.ec.Size()
	out := vector.NewWithCap(g.t, size)
	switch g.kind {
	case 0:
		for out.Len() < size {
			if (g.step > 0 && g.cur > g.stop) || (g.step < 0 && g.cur < g.stop) {
				g.done = true
				break
			}
			out.Ints = append(out.Ints, g.cur)
			next := g.cur + g.step
			if (g.step > 0) != (next > g.cur) { // overflow: the series ends here
				g.done = true
				break
			}
			g.cur = next
		}
	case 1:
		for out.Len() < size {
			if (g.fstep > 0 && g.fcur > g.fstop) || (g.fstep < 0 && g.fcur < g.fstop) || g.fcur != g.fcur {
				g.done = true
				break
			}
			out.Floats = append(out.Floats, g.fcur)
			g.fcur += g.fstep
		}
	case 2:
		for out.Len() < size {
			if (g.ivDir > 0 && g.cur > g.stop) || (g.ivDir < 0 && g.cur < g.stop) {
				g.done = true
				break
			}
			out.Ints = append(out.Ints, g.cur)
			g.cur = addIntervalMicros(g.cur, g.ivStep, g.loc)
		}
	}
	if out.Len() == 0 {
		return nil, nil
	}
	return &vector.Batch{Cols: []*vector.Vector{out}, N: out.Len()}, nil
}

// addIntervalMicros adds iv to a timestamp in microseconds since the epoch,
// months and days on the calendar of loc, as PostgreSQL does.
func addIntervalMicros(ts int64, iv types.IntervalValue, loc *time.Location) int64 {
	if iv.Months != 0 || iv.Days != 0 {
		t := time.UnixMicro(ts).In(loc)
		if iv.Months != 0 {
			// PostgreSQL clamps to the end of the month (Jan 31 + 1 month = Feb 28).
			y, m, d := t.Date()
			first := time.Date(y, m+time.Month(iv.Months), 1, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), loc)
			last := first.AddDate(0, 1, -1).Day()
			t = first.AddDate(0, 0, min(d, last)-1)
		}
		t = t.AddDate(0, 0, int(iv.Days))
		ts = t.UnixMicro()
	}
	return ts + iv.Micros
}

// Close implements Operator.
func (g *GenerateSeries) Close() error {
	g.done = true
	return nil
}
