package exec

import (
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// TestConstOpConst evaluates binary operators whose operands are both
// constants (what the planner produces with constant folding off) over
// batches of several sizes: the result must have N rows, all equal.
func TestConstOpConst(t *testing.T) {
	dec, dec38 := types.DecimalType(15, 2), types.DecimalType(38, 2)
	cases := []struct {
		op   string
		a, b fnArg
		want types.Datum
	}{
		{"=", tI4(1), tI4(1), true},
		{"<>", tI8(1), tI8(2), true},
		{"<", tF8(1), tF8(2), true},
		{">=", tText("a"), tText("b"), false},
		{"=", targ(types.BoolType, true), targ(types.BoolType, true), true},
		{"<=", targ(dec, int64(100)), targ(dec, int64(200)), true},
		{">", targ(dec38, types.Decimal128{Lo: 100}), targ(dec38, types.Decimal128{Lo: 200}), false},
		{"=", targ(types.DateType, int64(10)), targ(types.DateType, int64(10)), true},
		{"+", tI8(2), tI8(3), int64(5)},
		{"*", tF8(2), tF8(3), 6.0},
		{"-", targ(dec, int64(500)), targ(dec, int64(200)), int64(300)},
		{"*", targ(dec, int64(500)), targ(dec, int64(200)), types.Decimal128{Lo: 100000}},
		{"+", targ(dec38, types.Decimal128{Lo: 500}), targ(dec38, types.Decimal128{Lo: 200}), types.Decimal128{Lo: 700}},
		{"=", tNull(types.Int64Type), tI8(1), nil},
	}
	for _, c := range cases {
		call, err := NewCall(c.op, []Expr{NewConst(c.a.v, c.a.t), NewConst(c.b.v, c.b.t)})
		if err != nil {
			t.Fatalf("%s: %v", c.op, err)
		}
		for _, n := range []int{1, 3, 64, 65, 2048} {
			in := &vector.Batch{N: n, Cols: []*vector.Vector{vector.New(types.Int64Type, n)}}
			v, err := call.Eval(nil, in)
			if err != nil {
				t.Fatalf("%v %s %v: %v", c.a.v, c.op, c.b.v, err)
			}
			if v.Len() != n {
				t.Fatalf("%v %s %v: %d rows, want %d", c.a.v, c.op, c.b.v, v.Len(), n)
			}
			for i := 0; i < n; i++ {
				if got := v.Get(i); got != c.want {
					t.Fatalf("%v %s %v row %d = %v, want %v", c.a.v, c.op, c.b.v, i, got, c.want)
				}
			}
		}
	}
}

// TestConstCompareInAnd is `1 = 1 AND ok > 2` evaluated without folding.
func TestConstCompareInAnd(t *testing.T) {
	eq, err := NewCall("=", []Expr{NewConst(int64(1), types.Int32Type), NewConst(int64(1), types.Int32Type)})
	if err != nil {
		t.Fatal(err)
	}
	gt, err := NewCall(">", []Expr{NewColRef(0, types.Int64Type), NewConst(int64(2), types.Int64Type)})
	if err != nil {
		t.Fatal(err)
	}
	and := NewAnd([]Expr{eq, gt})
	n := 100
	col := vector.New(types.Int64Type, n)
	for i := range col.Ints {
		col.Ints[i] = int64(i)
	}
	v, err := and.Eval(nil, &vector.Batch{N: n, Cols: []*vector.Vector{col}})
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if v.Bools[i] != (i > 2) || v.IsNull(i) {
			t.Fatalf("row %d = %v", i, v.Get(i))
		}
	}
}
