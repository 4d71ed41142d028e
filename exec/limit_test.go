package exec_test

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"

	"github.com/warehoused/warehoused/exec"
	. "github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func TestLimitMax1RowGather(t *testing.T) {
	rows := Ints(1, 2, 3, 4, 5, nil, 7)
	limit := func(l, o int64) func(*exec.EvalContext, []exec.Operator) exec.Operator {
		return func(ec *exec.EvalContext, in []exec.Operator) exec.Operator { return exec.NewLimit(in[0], l, o) }
	}
	max1 := func(ec *exec.EvalContext, in []exec.Operator) exec.Operator { return exec.NewMax1Row(in[0]) }
	gather := func(ec *exec.EvalContext, in []exec.Operator) exec.Operator { return exec.NewGather(in) }
	Run(t, []Case{
		{Name: "limit", Inputs: []Input{In(tsOne, rows)}, Make: limit(3, 0), Want: Ints(1, 2, 3), Ordered: true},
		{Name: "limit offset", Inputs: []Input{In(tsOne, rows)}, Make: limit(3, 4), Want: Ints(5, nil, 7), Ordered: true},
		{Name: "offset only", Inputs: []Input{In(tsOne, rows)}, Make: limit(-1, 5), Want: Ints(nil, 7), Ordered: true},
		{Name: "offset past end", Inputs: []Input{In(tsOne, rows)}, Make: limit(2, 50), Want: nil},
		{Name: "limit 0", Inputs: []Input{In(tsOne, rows)}, Make: limit(0, 0), Want: nil},
		{Name: "max1row one", Inputs: []Input{In(tsOne, Ints(9))}, Make: max1, Want: Ints(9)},
		{Name: "max1row none", Inputs: []Input{In(tsOne, nil)}, Make: max1, Want: nil},
		{Name: "max1row two", Inputs: []Input{In(tsOne, Ints(1, 2))}, Make: max1, WantErr: sqlerr.CardinalityViolation},
		{Name: "gather", Inputs: []Input{In(tsOne, rows), In(tsOne, nil), In(tsOne, Ints(8, 9))}, Make: gather, Want: catRows(rows, Ints(8, 9)), WantAllNull: Ints(nil, nil, nil, nil, nil, nil, nil, nil, nil)},
		{Name: "gather one", Inputs: []Input{In(tsOne, rows)}, Make: gather, Want: rows, Ordered: true},
	})
}

func TestGatherErrorAndCancel(t *testing.T) {
	before := runtime.NumGoroutine()
	boom := sqlerr.Newf(sqlerr.DivisionByZero, "boom")
	big := make([][]types.Datum, 5000)
	for i := range big {
		big[i] = R(i)
	}
	srcs := []*Source{NewSource(tsOne, big, 1), Failing(tsOne, big, 1, 3, boom), NewSource(tsOne, big, 1)}
	op := exec.NewGather([]exec.Operator{srcs[0], srcs[1], srcs[2]})
	_, err := Drain(context.Background(), op)
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v", err)
	}
	for i, s := range srcs {
		if s.Closed == 0 {
			t.Errorf("input %d not closed", i)
		}
	}
	// Cancellation: Next fails with 57014, Close returns promptly.
	ctx, cancel := context.WithCancel(context.Background())
	op = exec.NewGather([]exec.Operator{NewSource(tsOne, big, 1), NewSource(tsOne, big, 1)})
	if err := op.Open(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := op.Next(ctx); err != nil {
		t.Fatal(err)
	}
	cancel()
	var nerr error
	for nerr == nil {
		var b any
		b, nerr = op.Next(ctx)
		if b == nil && nerr == nil {
			break
		}
	}
	if sqlerr.CodeOf(nerr) != sqlerr.QueryCanceled {
		t.Errorf("after cancel: %v", nerr)
	}
	op.Close()
	// Closing early (without draining) leaves no goroutine behind.
	op = exec.NewGather([]exec.Operator{NewSource(tsOne, big, 1), NewSource(tsOne, big, 1)})
	op.Open(context.Background())
	op.Next(context.Background())
	op.Close()
	for i := 0; i < 100 && runtime.NumGoroutine() > before; i++ {
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("goroutines leaked: %d > %d", n, before)
	}
}

func TestValuesAndGenerateSeries(t *testing.T) {
	values := func(ec *exec.EvalContext, _ []exec.Operator) exec.Operator {
		return exec.NewValues(ec, tsTwo, [][]exec.Expr{
			{Const(1, tInt), Const("a", tText)},
			{Const(nil, tInt), Const(nil, types.UnknownType)},
			{Const(3, tInt), Const("c", tText)},
		})
	}
	series := func(t types.T, args ...exec.Expr) func(*exec.EvalContext, []exec.Operator) exec.Operator {
		return func(ec *exec.EvalContext, _ []exec.Operator) exec.Operator {
			return exec.NewGenerateSeries(ec, args, t)
		}
	}
	day := int64(86400) * 1e6
	jan31 := int64(1706659200) * 1e6 // 2024-01-31 00:00:00 UTC
	Run(t, []Case{
		{Name: "values", Make: values, Want: [][]types.Datum{R(1, "a"), R(nil, nil), R(3, "c")}, Ordered: true},
		{Name: "series", Make: series(tInt, Const(1, tInt), Const(5, tInt)), Want: Ints(1, 2, 3, 4, 5), Ordered: true},
		{Name: "series step", Make: series(tInt, Const(10, tInt), Const(1, tInt), Const(-4, tInt)), Want: Ints(10, 6, 2), Ordered: true},
		{Name: "series empty", Make: series(tInt, Const(5, tInt), Const(1, tInt)), Want: nil},
		{Name: "series null", Make: series(tInt, Const(nil, tInt), Const(1, tInt)), Want: nil},
		{Name: "series zero step", Make: series(tInt, Const(1, tInt), Const(2, tInt), Const(0, tInt)), WantErr: sqlerr.InvalidParameterValue},
		{Name: "series overflow", Make: series(tInt, Const(int64(9223372036854775806), tInt), Const(int64(9223372036854775807), tInt), Const(5, tInt)),
			Want: Ints(int64(9223372036854775806))},
		{Name: "series timestamps", Make: series(types.TSType, Const(jan31, types.TSType), Const(jan31+70*day, types.TSType), Const(types.IntervalValue{Months: 1}, types.IntervalT)), // iterative, as PostgreSQL: Jan 31, Feb 29, Mar 29
			Want: Ints(jan31, jan31+29*day, jan31+58*day), Ordered: true},
		{Name: "series float", Make: series(tFloat, Const(0.5, tFloat), Const(2.0, tFloat), Const(0.5, tFloat)), Want: [][]types.Datum{R(0.5), R(1.0), R(1.5), R(2.0)}, Ordered: true},
	})
}

// TestCancelStopsOperators checks that a cancelled context ends sorts and
// hash joins with 57014 and that Close leaves no goroutine running.
func TestCancelStopsOperators(t *testing.T) {
	before := runtime.NumGoroutine()
	big := make([][]types.Datum, 3000)
	for i := range big {
		big[i] = R(i, "x")
	}
	mk := []func() exec.Operator{
		func() exec.Operator {
			return exec.NewSort(&exec.EvalContext{BatchSize: 16}, []exec.Operator{NewSource(tsTwo, big, 16), NewSource(tsTwo, big, 16)}, []exec.SortSpec{{Col: 0}})
		},
		func() exec.Operator {
			return exec.NewGather(exec.NewHashJoin(&exec.EvalContext{BatchSize: 16},
				[]exec.Operator{NewSource(tsTwo, big, 16), NewSource(tsTwo, big, 16)}, NewSource(tsTwo, big, 16), eqSpec(exec.JoinFull)))
		},
	}
	for i, f := range mk {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		_, err := Drain(ctx, f())
		if sqlerr.CodeOf(err) != sqlerr.QueryCanceled {
			t.Errorf("operator %d: err = %v", i, err)
		}
	}
	for i := 0; i < 100 && runtime.NumGoroutine() > before; i++ {
		time.Sleep(5 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("goroutines leaked: %d > %d", n, before)
	}
}
