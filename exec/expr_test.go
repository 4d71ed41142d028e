package exec

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// col builds a vector of type t from datums (nil = NULL).
func exprCol(t types.T, vals ...types.Datum) *vector.Vector {
	v := vector.New(t, len(vals))
	for i, x := range vals {
		v.Set(i, x)
	}
	return v
}

func exprShow(v *vector.Vector, n int) []string {
	out := make([]string, n)
	for i := range out {
		if v.Type.Physical() == types.PhysNull || v.IsNull(i) {
			out[i] = "NULL"
		} else {
			out[i] = types.Format(v.Type, v.Get(i))
		}
	}
	return out
}

func mustFnCall(t *testing.T, name string, args ...Expr) Expr {
	t.Helper()
	e, err := NewCall(name, args)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return e
}

func exprEq(t *testing.T, got []string, want ...string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range got {
		if got[i] != want[i] {
			t.Fatalf("got %v, want %v", got, want)
		}
	}
}

func TestCaseIsLazy(t *testing.T) {
	i4t := types.Int32Type
	b := &vector.Batch{Cols: []*vector.Vector{exprCol(i4t, int64(10), int64(7), nil, int64(9)), exprCol(i4t, int64(2), int64(0), int64(1), int64(0))}, N: 4}
	a, bb := NewColRef(0, i4t), NewColRef(1, i4t)
	cond := mustFnCall(t, "=", bb, NewConst(int64(0), i4t))
	div := mustFnCall(t, "/", a, bb)
	e := NewCase([]WhenExpr{{Cond: cond, Then: NewConst(int64(0), i4t)}}, div, i4t)
	v, err := e.Eval(nil, b)
	if err != nil {
		t.Fatal(err)
	}
	exprEq(t, exprShow(v, 4), "5", "0", "NULL", "0")
	// Without the guard the division fails.
	if _, err := div.Eval(nil, b); sqlerr.CodeOf(err) != sqlerr.DivisionByZero {
		t.Fatalf("want 22012, got %v", err)
	}
	// No ELSE: unmatched rows are NULL; several arms.
	e2 := NewCase([]WhenExpr{
		{Cond: mustFnCall(t, ">", a, NewConst(int64(8), i4t)), Then: NewConst("big", types.TextType)},
		{Cond: mustFnCall(t, ">", a, NewConst(int64(5), i4t)), Then: NewConst("mid", types.TextType)},
	}, nil, types.TextType)
	v, err = e2.Eval(nil, b)
	if err != nil {
		t.Fatal(err)
	}
	exprEq(t, exprShow(v, 4), "big", "mid", "NULL", "big")
}

func TestThreeValuedLogic(t *testing.T) {
	bt := types.BoolType
	// x: T F N ; y: T F N — all 9 combinations.
	xs := []types.Datum{true, true, true, false, false, false, nil, nil, nil}
	ys := []types.Datum{true, false, nil, true, false, nil, true, false, nil}
	b := &vector.Batch{Cols: []*vector.Vector{exprCol(bt, xs...), exprCol(bt, ys...)}, N: 9}
	x, y := NewColRef(0, bt), NewColRef(1, bt)
	and, err := NewAnd([]Expr{x, y}).Eval(nil, b)
	if err != nil {
		t.Fatal(err)
	}
	exprEq(t, exprShow(and, 9), "t", "f", "NULL", "f", "f", "f", "NULL", "f", "NULL")
	or, _ := NewOr([]Expr{x, y}).Eval(nil, b)
	exprEq(t, exprShow(or, 9), "t", "t", "t", "t", "f", "NULL", "t", "NULL", "NULL")
	not, _ := NewNot(x).Eval(nil, b)
	exprEq(t, exprShow(not, 9), "f", "f", "f", "t", "t", "t", "NULL", "NULL", "NULL")
	isn, _ := NewIsNull(x, false).Eval(nil, b)
	exprEq(t, exprShow(isn, 9), "f", "f", "f", "f", "f", "f", "t", "t", "t")
	isnn, _ := NewIsNull(x, true).Eval(nil, b)
	exprEq(t, exprShow(isnn, 9), "t", "t", "t", "t", "t", "t", "f", "f", "f")
}

func TestAndShortCircuits(t *testing.T) {
	i4t := types.Int32Type
	b := &vector.Batch{Cols: []*vector.Vector{exprCol(i4t, int64(10), int64(7)), exprCol(i4t, int64(2), int64(0))}, N: 2}
	a, bb := NewColRef(0, i4t), NewColRef(1, i4t)
	guard := mustFnCall(t, "<>", bb, NewConst(int64(0), i4t))
	test := mustFnCall(t, ">", mustFnCall(t, "/", a, bb), NewConst(int64(1), i4t))
	v, err := NewAnd([]Expr{guard, test}).Eval(nil, b)
	if err != nil {
		t.Fatal(err)
	}
	exprEq(t, exprShow(v, 2), "t", "f")
}

func TestInList(t *testing.T) {
	i4t := types.Int32Type
	b := &vector.Batch{Cols: []*vector.Vector{exprCol(i4t, int64(1), int64(2), nil)}, N: 3}
	x := NewColRef(0, i4t)
	list := []Expr{NewConst(int64(1), i4t), NewConst(nil, i4t)}
	e, err := NewInList(x, list, false)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := e.Eval(nil, b)
	exprEq(t, exprShow(v, 3), "t", "NULL", "NULL")
	e, _ = NewInList(x, list, true)
	v, _ = e.Eval(nil, b)
	exprEq(t, exprShow(v, 3), "f", "NULL", "NULL")
	e, _ = NewInList(x, []Expr{NewConst(int64(2), i4t), NewConst(int64(3), types.Int64Type)}, true)
	v, _ = e.Eval(nil, b)
	exprEq(t, exprShow(v, 3), "t", "f", "NULL")
	// Non-constant list.
	e, _ = NewInList(x, []Expr{mustFnCall(t, "+", x, NewConst(int64(0), i4t)), NewConst(int64(5), i4t)}, false)
	v, _ = e.Eval(nil, b)
	exprEq(t, exprShow(v, 3), "t", "t", "NULL")
	// substring(c_phone from 1 for 2) in ('13','31')
	s := &vector.Batch{Cols: []*vector.Vector{exprCol(types.CharType(15), "13-123", "25-999", "31-000")}, N: 3}
	sub := mustFnCall(t, "substring", NewColRef(0, types.CharType(15)), NewConst(int64(1), i4t), NewConst(int64(2), i4t))
	e, _ = NewInList(sub, []Expr{NewConst("13", types.TextType), NewConst("31", types.UnknownType)}, false)
	v, err = e.Eval(nil, s)
	if err != nil {
		t.Fatal(err)
	}
	exprEq(t, exprShow(v, 3), "t", "f", "t")
}

func TestNullRowsDoNotRaise(t *testing.T) {
	i4t := types.Int32Type
	// Row 1 is NULL in a; its b is 0: no division by zero.
	av := exprCol(i4t, int64(4), nil)
	bv := exprCol(i4t, int64(2), int64(0))
	b := &vector.Batch{Cols: []*vector.Vector{av, bv}, N: 2}
	v, err := mustFnCall(t, "/", NewColRef(0, i4t), NewColRef(1, i4t)).Eval(nil, b)
	if err != nil {
		t.Fatal(err)
	}
	exprEq(t, exprShow(v, 2), "2", "NULL")
	// Overflow garbage behind NULL is ignored.
	av2 := exprCol(i4t, int64(1), nil)
	av2.Ints[1] = 2147483647
	b2 := &vector.Batch{Cols: []*vector.Vector{av2, exprCol(i4t, int64(1), int64(1))}, N: 2}
	v, err = mustFnCall(t, "+", NewColRef(0, i4t), NewColRef(1, i4t)).Eval(nil, b2)
	if err != nil {
		t.Fatal(err)
	}
	exprEq(t, exprShow(v, 2), "2", "NULL")
}

func TestCasts(t *testing.T) {
	cases := []struct {
		from   types.T
		v      types.Datum
		to     types.T
		fields string
		want   string
		code   sqlerr.Code
	}{
		{types.Float64Type, 2.5, types.Int32Type, "", "2", ""},
		{types.Float64Type, 3.5, types.Int32Type, "", "4", ""},
		{types.Float64Type, 1e10, types.Int32Type, "", "", sqlerr.NumericValueOutOfRange},
		{tD152, int64(250), types.Int32Type, "", "3", ""},
		{tD152, int64(-250), types.Int32Type, "", "-3", ""},
		{tD152, int64(12345), types.DecimalType(5, 1), "", "123.5", ""},
		{tD152, int64(12345), types.DecimalType(3, 1), "", "", sqlerr.NumericValueOutOfRange},
		{tD152, int64(12345), types.DecimalType(30, 4), "", "123.4500", ""},
		{types.Int64Type, int64(1) << 40, types.Int32Type, "", "", sqlerr.NumericValueOutOfRange},
		{types.Int32Type, int64(7), types.DecimalType(15, 2), "", "7.00", ""},
		{types.Float64Type, 0.1, types.DecimalType(10, 3), "", "0.100", ""},
		{types.DecimalType(10, 3), int64(1500), types.Float64Type, "", "1.5", ""},
		{types.TextType, " 42 ", types.Int32Type, "", "42", ""},
		{types.TextType, "4x", types.Int32Type, "", "", sqlerr.InvalidTextRepresentation},
		{types.TextType, "2024-02-30", types.DateType, "", "", sqlerr.DatetimeFieldOverflow},
		{types.TextType, "3", types.IntervalT, "month", "3 mons", ""},
		{types.TextType, "90", types.IntervalT, "day", "90 days", ""},
		{types.TextType, "yes", types.BoolType, "", "t", ""},
		{types.BoolType, true, types.Int32Type, "", "1", ""},
		{types.Int32Type, int64(0), types.BoolType, "", "f", ""},
		{types.TextType, "abcdef", types.VarcharOf(3), "", "abc", ""},
		{types.TextType, "ab   ", types.CharType(4), "", "ab  ", ""},
		{types.Int32Type, int64(-5), types.TextType, "", "-5", ""},
		{tD152, int64(5), types.TextType, "", "0.05", ""},
		{types.DateType, int64(0), types.TSType, "", "1970-01-01 00:00:00", ""},
		{types.TSType, int64(-1), types.DateType, "", "1969-12-31", ""},
		{types.TSType, int64(3600000000), types.TimeType, "", "01:00:00", ""},
		{types.DateType, int64(0), types.TSTZType, "", "1970-01-01 00:00:00+00", ""},
		{types.Float64Type, 1e300, types.Float32Type, "", "", sqlerr.NumericValueOutOfRange},
		{types.UnknownType, nil, types.DateType, "", "NULL", ""},
	}
	for _, c := range cases {
		for _, asConst := range []bool{false, true} {
			var arg Expr = NewColRef(0, c.from)
			if asConst {
				arg = NewConst(c.v, c.from)
			}
			b := &vector.Batch{Cols: []*vector.Vector{exprCol(c.from, c.v)}, N: 1}
			e, err := NewCast(arg, c.to, c.fields)
			var v *vector.Vector
			if err == nil {
				v, err = e.Eval(exprTestEC(), b)
			}
			if c.code != "" {
				if sqlerr.CodeOf(err) != c.code {
					t.Errorf("cast %v::%s: err %v, want %s", c.v, c.to, err, c.code)
				}
				continue
			}
			if err != nil {
				t.Errorf("cast %v::%s: %v", c.v, c.to, err)
				continue
			}
			if got := exprShow(v, 1)[0]; got != c.want {
				t.Errorf("cast %v (%s) ::%s = %q, want %q", c.v, c.from, c.to, got, c.want)
			}
		}
	}
	if _, err := NewCast(NewColRef(0, types.DateType), types.IntervalT, ""); sqlerr.CodeOf(err) != sqlerr.CannotCoerce {
		t.Errorf("date::interval: %v", err)
	}
}

func TestEvalConstAndParam(t *testing.T) {
	e := mustFnCall(t, "*", NewConst(int64(6), types.Int32Type), NewConst(int64(7), types.Int32Type))
	v, err := EvalConst(nil, e)
	if err != nil || v != int64(42) {
		t.Fatalf("EvalConst = %v, %v", v, err)
	}
	p := NewParam(0, types.TextType)
	v, err = EvalConst(&EvalContext{Params: []types.Datum{"x"}}, mustFnCall(t, "upper", p))
	if err != nil || v != "X" {
		t.Fatalf("param = %v, %v", v, err)
	}
	if _, err := EvalConst(&EvalContext{}, p); sqlerr.CodeOf(err) != sqlerr.UndefinedParameter {
		t.Fatalf("missing param: %v", err)
	}
}

type exprSliceOp struct {
	ts      []types.T
	batches []*vector.Batch
}

func (s *exprSliceOp) Open(context.Context) error { return nil }
func (s *exprSliceOp) Close() error               { return nil }
func (s *exprSliceOp) Types() []types.T           { return s.ts }
func (s *exprSliceOp) Next(context.Context) (*vector.Batch, error) {
	if len(s.batches) == 0 {
		return nil, nil
	}
	b := s.batches[0]
	s.batches = s.batches[1:]
	return b, nil
}

func TestFilterProject(t *testing.T) {
	i4t := types.Int32Type
	mk := func(vals ...types.Datum) *vector.Batch {
		return &vector.Batch{Cols: []*vector.Vector{exprCol(i4t, vals...)}, N: len(vals)}
	}
	src := &exprSliceOp{ts: []types.T{i4t}, batches: []*vector.Batch{mk(int64(1), int64(5)), mk(int64(0)), mk(int64(7), nil, int64(9))}}
	x := NewColRef(0, i4t)
	f := NewFilter(nil, src, mustFnCall(t, ">", x, NewConst(int64(2), i4t)))
	p := NewProject(nil, f, []Expr{mustFnCall(t, "*", x, NewConst(int64(10), i4t)), x})
	ctx := context.Background()
	if err := p.Open(ctx); err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		b, err := p.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if b == nil {
			break
		}
		if b.N == 0 {
			t.Fatal("empty batch")
		}
		got = append(got, exprShow(b.Cols[0], b.N)...)
	}
	exprEq(t, got, "50", "70", "90")
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := NewFilter(nil, &exprSliceOp{}, x).Next(cctx); sqlerr.CodeOf(err) != sqlerr.QueryCanceled {
		t.Fatalf("cancel: %v", err)
	}
	if got := p.Types(); len(got) != 2 || got[0] != i4t {
		t.Fatalf("types %v", got)
	}
}

func TestDateTimestampCompareUnwiden(t *testing.T) {
	dcol := exprCol(types.DateType, int64(10), int64(11), nil)
	b := &vector.Batch{Cols: []*vector.Vector{dcol}, N: 3}
	cast, err := NewCast(NewColRef(0, types.DateType), types.TSType, "")
	if err != nil {
		t.Fatal(err)
	}
	e := mustFnCall(t, "<=", cast, NewConst(int64(10)*types.MicrosPerDay, types.TSType))
	if be, ok := e.(*binExpr); !ok || be.a.Type().ID != types.Date {
		t.Fatalf("not unwidened: %T", e)
	}
	v, err := e.Eval(nil, b)
	if err != nil {
		t.Fatal(err)
	}
	exprEq(t, exprShow(v, 3), "t", "f", "NULL")
	// Not at midnight: stays a timestamp comparison.
	e = mustFnCall(t, "<", cast, NewConst(int64(10)*types.MicrosPerDay+1, types.TSType))
	v, _ = e.Eval(nil, b)
	exprEq(t, exprShow(v, 3), "t", "f", "NULL")
}
