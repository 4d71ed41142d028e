package exec

import (
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// q1Charge compiles l_extendedprice * (1 - l_discount) * (1 + l_discount)
// over exprBenchBatch's columns (TPC-H Q1's sum_charge shape).
func q1Charge(b *testing.B) Expr {
	tD152 := types.DecimalType(15, 2)
	one, _ := NewCast(NewConst(int64(1), types.Int32Type), types.DecimalType(10, 0), "")
	minus, _ := NewCall("-", []Expr{one, NewColRef(2, tD152)})
	plus, _ := NewCall("+", []Expr{one, NewColRef(2, tD152)})
	disc, _ := NewCall("*", []Expr{NewColRef(1, tD152), minus})
	e, err := NewCall("*", []Expr{disc, plus})
	if err != nil {
		b.Fatal(err)
	}
	return e
}

// BenchmarkQ1Charge evaluates the expression and drops the result.
func BenchmarkQ1Charge(b *testing.B) {
	in := exprBenchBatch(2048)
	e := q1Charge(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(nil, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkQ1ChargeRecycled hands each result back, as a projection under
// an aggregate does.
func BenchmarkQ1ChargeRecycled(b *testing.B) {
	in := exprBenchBatch(2048)
	e := q1Charge(b)
	b.ReportAllocs()
	for b.Loop() {
		v, err := e.Eval(nil, in)
		if err != nil {
			b.Fatal(err)
		}
		if r, ok := e.(interface{ recycleVector(*vector.Vector) }); ok {
			r.recycleVector(v)
		}
	}
}

// BenchmarkAndOfCompares is Q6's filter shape: date range and a decimal
// range, AND-ed.
func BenchmarkAndOfCompares(b *testing.B) {
	in := exprBenchBatch(2048)
	tD152 := types.DecimalType(15, 2)
	cmp := func(op string, col int, t types.T, v int64) Expr {
		e, err := NewCall(op, []Expr{NewColRef(col, t), NewConst(v, t)})
		if err != nil {
			b.Fatal(err)
		}
		return e
	}
	e := NewAnd([]Expr{
		cmp(">=", 0, types.DateType, 8500),
		cmp("<", 0, types.DateType, 9500),
		cmp(">=", 2, tD152, 5),
		cmp("<=", 2, tD152, 7),
	})
	b.ReportAllocs()
	for b.Loop() {
		if _, err := e.Eval(nil, in); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSelectTrue compacts a half-TRUE mask (random pattern).
func BenchmarkSelectTrue(b *testing.B) {
	v := vector.New(types.BoolType, 2048)
	x := uint32(7)
	for i := range v.Bools {
		x = x*1664525 + 1013904223
		v.Bools[i] = x>>31 == 1
	}
	sel := make([]int32, 0, 2048)
	b.ReportAllocs()
	for b.Loop() {
		sel = selectTrue(v, 2048, sel[:0])
	}
}
