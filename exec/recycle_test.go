package exec

import (
	"context"
	"fmt"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// TestRecyclePipeline runs scan → filter → project → hash aggregate, where
// the aggregate hands batches back and the filter and project reuse their
// memory, and checks the sums against a direct computation.
func TestRecyclePipeline(t *testing.T) {
	i8, txt := types.Int64Type, types.TextType
	ts := []types.T{i8, txt, i8}
	var batches []*vector.Batch
	type acc struct{ n, s1, s2 int64 }
	want := map[string]*acc{}
	row := 0
	for bi := range 7 {
		n := 500 + 37*bi
		b := vector.NewBatch(ts, n)
		for i := 0; i < n; i++ {
			a := int64(row)
			row++
			b.Cols[0].Ints[i] = a
			b.Cols[1].Strs[i] = fmt.Sprint("g", a%4)
			b.Cols[2].Ints[i] = a % 10
			if a%17 == 0 {
				b.Cols[2].SetNull(i)
			}
			// filter: a % 3 <> 0 (all rows pass in odd batches)
			if bi%2 == 0 && a%3 == 0 {
				continue
			}
			w := want[b.Cols[1].Strs[i]]
			if w == nil {
				w = &acc{}
				want[b.Cols[1].Strs[i]] = w
			}
			w.n++
			w.s1 += a * 2
			if a%17 != 0 {
				w.s2 += a%10 + 1
			}
		}
		batches = append(batches, b)
	}
	call := func(op string, x, y Expr) Expr {
		e, err := NewCall(op, []Expr{x, y})
		if err != nil {
			t.Fatal(err)
		}
		return e
	}
	k := func(v int64) Expr { return NewConst(v, i8) }
	ec := &EvalContext{}
	// Rows of odd batches all pass: the filter then hands its input on.
	keep := &batchParity{}
	pred := NewOr([]Expr{call("<>", call("%", NewColRef(0, i8), k(3)), k(0)), keep})
	src := &countingSource{Operator: NewBatches(ts, batches), parity: keep}
	f := NewFilter(ec, src, pred)
	p := NewProject(ec, f, []Expr{NewColRef(1, txt), call("*", NewColRef(0, i8), k(2)), call("+", NewColRef(2, i8), k(1))})
	agg := NewHashAgg(ec, []Operator{p}, []int{0}, []AggSpec{
		{Name: "count", Filter: -1, Ret: i8},
		{Name: "sum", Args: []int{1}, ArgTypes: []types.T{i8}, Filter: -1, Ret: types.DecimalType(38, 0)},
		{Name: "sum", Args: []int{2}, ArgTypes: []types.T{i8}, Filter: -1, Ret: types.DecimalType(38, 0)},
	}, nil)
	ctx := context.Background()
	if err := agg.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer agg.Close()
	got := 0
	for {
		b, err := agg.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if b == nil {
			break
		}
		for i := 0; i < b.N; i++ {
			r := b.Row(i)
			w := want[r[0].(string)]
			if w == nil {
				t.Fatalf("unexpected group %v", r)
			}
			if s := fmt.Sprint(r[1:]); s != fmt.Sprint([]any{w.n, types.D128(w.s1), types.D128(w.s2)}) {
				t.Fatalf("group %v: got %s, want %d %d %d", r[0], s, w.n, w.s1, w.s2)
			}
			got++
		}
	}
	if got != len(want) {
		t.Fatalf("%d groups, want %d", got, len(want))
	}
	if f.(*filterOp).spare == nil {
		t.Fatal("the aggregate did not hand the filter's last batch back")
	}
}

// batchParity is a BOOLEAN expression TRUE on every row of odd batches.
type batchParity struct{ odd bool }

func (e *batchParity) Type() types.T { return types.BoolType }
func (e *batchParity) Eval(_ *EvalContext, in *vector.Batch) (*vector.Vector, error) {
	return constVector(types.BoolType, e.odd, in.N), nil
}

// countingSource flips parity before each batch.
type countingSource struct {
	Operator
	parity *batchParity
	i      int
}

func (s *countingSource) Next(ctx context.Context) (*vector.Batch, error) {
	s.parity.odd = s.i%2 == 1
	s.i++
	return s.Operator.Next(ctx)
}
