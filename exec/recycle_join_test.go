package exec

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// drainRecycling reads op to the end, copying each batch's rows and then
// handing the batch back, as a recycling consumer does.
func drainRecycling(t *testing.T, op Operator, recycle bool) []string {
	t.Helper()
	ctx := context.Background()
	if err := op.Open(ctx); err != nil {
		t.Fatal(err)
	}
	defer op.Close()
	var rows []string
	for {
		b, err := op.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if b == nil {
			break
		}
		for i := 0; i < b.N; i++ {
			rows = append(rows, fmt.Sprint(b.Row(i)))
		}
		if recycle {
			recycleBatch(op, b)
		}
	}
	slices.Sort(rows)
	return rows
}

// TestRecycleJoinChain runs filter → hash join → hash join for every join
// type, once draining normally and once handing every batch back (so the
// joins and the filter reuse vectors), and expects the same rows.
func TestRecycleJoinChain(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	i8, txt := types.Int64Type, types.TextType
	ts := []types.T{i8, txt}
	gen := func(batches, n, keys int, tag string) []*vector.Batch {
		var out []*vector.Batch
		for range batches {
			b := vector.NewBatch(ts, n)
			for i := 0; i < n; i++ {
				b.Cols[0].Ints[i] = int64(r.IntN(keys))
				if r.IntN(15) == 0 {
					b.Cols[0].SetNull(i)
				}
				b.Cols[1].Strs[i] = fmt.Sprint(tag, r.IntN(1000))
			}
			out = append(out, b)
		}
		return out
	}
	probe := gen(6, 300, 50, "p")
	build1 := gen(2, 100, 40, "b")
	build2 := gen(1, 60, 30, "c")
	ec := &EvalContext{BatchSize: 128}
	gt, err := NewCall(">", []Expr{NewColRef(0, i8), NewConst(int64(3), i8)})
	if err != nil {
		t.Fatal(err)
	}
	for _, typ := range []JoinType{JoinInner, JoinLeft, JoinRight, JoinFull, JoinSemi, JoinAnti, JoinMark} {
		build := func() Operator {
			f := NewFilter(ec, NewBatches(ts, slices.Clone(probe)), gt)
			j1 := NewHashJoin(ec, []Operator{f}, NewBatches(ts, slices.Clone(build1)), JoinSpec{Type: typ, ProbeKeys: []int{0}, BuildKeys: []int{0}})[0]
			spec := JoinSpec{Type: JoinInner, ProbeKeys: []int{0}, BuildKeys: []int{0}}
			if typ == JoinInner {
				spec.Type = JoinSemi // identity pass-through when all rows match
			}
			return NewHashJoin(ec, []Operator{j1}, NewBatches(ts, slices.Clone(build2)), spec)[0]
		}
		want := drainRecycling(t, build(), false)
		again := drainRecycling(t, build(), false)
		if !slices.Equal(again, want) {
			t.Fatalf("join type %d: %d rows on the second run, %d on the first", typ, len(again), len(want))
		}
		got := drainRecycling(t, build(), true)
		if !slices.Equal(got, want) {
			t.Fatalf("join type %d: %d rows with recycling, %d without", typ, len(got), len(want))
		}
		if after := drainRecycling(t, build(), false); !slices.Equal(after, want) {
			t.Fatalf("join type %d: recycling changed the inputs", typ)
		}
	}
}
