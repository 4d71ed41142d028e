package exec

import (
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// TestBinExprReuseWithNulls evaluates (a - 1) * 2 over batches that alternate
// between NULL-free and NULL-holding inputs, so the recycled intermediate
// vector of a - 1 is reused with and without NULLs; results must not see
// stale values, and vectors returned earlier must stay intact.
func TestBinExprReuseWithNulls(t *testing.T) {
	i8 := types.Int64Type
	sub, err := NewCall("-", []Expr{NewColRef(0, i8), NewConst(int64(1), i8)})
	if err != nil {
		t.Fatal(err)
	}
	mul, err := NewCall("*", []Expr{sub, NewConst(int64(2), i8)})
	if err != nil {
		t.Fatal(err)
	}
	var kept []*vector.Vector
	var want [][]types.Datum
	for round := range 6 {
		n := 100 + round*7
		col := vector.New(i8, n)
		for i := range col.Ints {
			col.Ints[i] = int64(i + round)
		}
		if round%2 == 1 {
			for i := 0; i < n; i += 3 {
				col.SetNull(i)
			}
		}
		v, err := mul.Eval(nil, &vector.Batch{N: n, Cols: []*vector.Vector{col}})
		if err != nil {
			t.Fatal(err)
		}
		exp := make([]types.Datum, n)
		for i := range exp {
			if !col.IsNull(i) {
				exp[i] = (int64(i+round) - 1) * 2
			}
		}
		kept, want = append(kept, v), append(want, exp)
	}
	for r, v := range kept {
		if v.Len() != len(want[r]) {
			t.Fatalf("round %d: %d rows, want %d", r, v.Len(), len(want[r]))
		}
		for i, w := range want[r] {
			if got := v.Get(i); got != w {
				t.Fatalf("round %d row %d = %v, want %v", r, i, got, w)
			}
		}
	}
}

// TestBoolExprPaths checks AND/OR three-valued logic through both the
// whole-batch path (comparisons) and the gathered path (a division that must
// not run on rows an earlier argument decided).
func TestBoolExprPaths(t *testing.T) {
	i8 := types.Int64Type
	n := 300
	a, b := vector.New(i8, n), vector.New(i8, n)
	for i := 0; i < n; i++ {
		a.Ints[i] = int64(i % 7)
		b.Ints[i] = int64(i % 5)
		if i%11 == 0 {
			a.SetNull(i)
		}
		if i%13 == 0 {
			b.SetNull(i)
		}
	}
	in := &vector.Batch{N: n, Cols: []*vector.Vector{a, b, vector.New(types.TextType, n)}}
	call := func(op string, x, y Expr) Expr {
		e, err := NewCall(op, []Expr{x, y})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	ca, cb := NewColRef(0, i8), NewColRef(1, i8)
	k := func(v int64) Expr { return NewConst(v, i8) }
	// b <> 0 AND a / b > 0 AND a > 1: the division must skip b = 0.
	guarded := NewAnd([]Expr{call("<>", cb, k(0)), call(">", call("/", ca, cb), k(0)), call(">", ca, k(1))})
	safeAnd := NewAnd([]Expr{call(">", ca, k(2)), call("<", cb, k(3)), call("<>", ca, k(5))})
	safeOr := NewOr([]Expr{call(">", ca, k(4)), call("=", cb, k(1)), NewIsNull(ca, false)})
	tri := func(null bool, v bool) types.Datum {
		if null {
			return nil
		}
		return v
	}
	and3 := func(xs ...types.Datum) types.Datum {
		sawNull := false
		for _, x := range xs {
			if x == nil {
				sawNull = true
			} else if !x.(bool) {
				return false
			}
		}
		return tri(sawNull, true)
	}
	or3 := func(xs ...types.Datum) types.Datum {
		sawNull := false
		for _, x := range xs {
			if x == nil {
				sawNull = true
			} else if x.(bool) {
				return true
			}
		}
		return tri(sawNull, false)
	}
	for name, c := range map[string]struct {
		e    Expr
		want func(i int, an, bn bool, av, bv int64) types.Datum
	}{
		"guarded": {guarded, func(i int, an, bn bool, av, bv int64) types.Datum {
			first := tri(bn, bv != 0)
			if first == false {
				return false
			}
			second := tri(an || bn, !bn && bv != 0 && av/max(bv, 1) > 0)
			return and3(first, second, tri(an, av > 1))
		}},
		"safeAnd": {safeAnd, func(i int, an, bn bool, av, bv int64) types.Datum {
			return and3(tri(an, av > 2), tri(bn, bv < 3), tri(an, av != 5))
		}},
		"safeOr": {safeOr, func(i int, an, bn bool, av, bv int64) types.Datum {
			return or3(tri(an, av > 4), tri(bn, bv == 1), an)
		}},
	} {
		v, err := c.e.Eval(nil, in)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for i := 0; i < n; i++ {
			w := c.want(i, a.IsNull(i), b.IsNull(i), a.Ints[i], b.Ints[i])
			if got := v.Get(i); got != w {
				t.Fatalf("%s row %d (a=%v b=%v) = %v, want %v", name, i, a.Get(i), b.Get(i), got, w)
			}
		}
	}
}
