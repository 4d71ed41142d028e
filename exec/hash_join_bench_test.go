package exec_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/warehoused/warehoused/exec"
	. "github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/types"
)

// drainCount reads op to the end and returns its row count.
func drainCount(b *testing.B, op exec.Operator) int {
	ctx := context.Background()
	if err := op.Open(ctx); err != nil {
		b.Fatal(err)
	}
	n := 0
	for {
		bt, err := op.Next(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if bt == nil {
			break
		}
		n += bt.N
	}
	op.Close()
	return n
}

// BenchmarkHashJoin joins 1M probe rows with a 1M-row build side on an
// int64 key (each probe row matches tsOne build row), in tsTwo parallel probes.
func BenchmarkHashJoin(b *testing.B) {
	const n = 1 << 20
	r := rand.New(rand.NewPCG(1, 1))
	keys := r.Perm(n)
	build := make([]int64, n)
	probe := make([]int64, n)
	for i := range build {
		build[i] = int64(keys[i]) * 7
		probe[i] = int64(i) * 7
	}
	ts := []types.T{types.Int64Type, types.Int64Type}
	bb := IntBatches(build, 2048, 1)
	pb := IntBatches(probe, 2048, 1)
	half := len(pb) / 2
	b.ReportAllocs()
	for b.Loop() {
		ec := &exec.EvalContext{}
		ops := exec.NewHashJoin(ec, []exec.Operator{NewBatchSource(ts, pb[:half]), NewBatchSource(ts, pb[half:])},
			NewBatchSource(ts, bb), exec.JoinSpec{Type: exec.JoinInner, ProbeKeys: []int{0}, BuildKeys: []int{0}})
		if got := drainCount(b, exec.NewGather(ops)); got != n {
			b.Fatalf("%d rows", got)
		}
	}
}

// BenchmarkHashJoinBuild measures the build alone (a probe side with tsOne row).
func BenchmarkHashJoinBuild(b *testing.B) {
	const n = 1 << 20
	build := make([]int64, n)
	for i := range build {
		build[i] = int64(i) * 7
	}
	ts := []types.T{types.Int64Type, types.Int64Type}
	bb := IntBatches(build, 2048, 1)
	pb := IntBatches([]int64{7}, 2048, 1)
	b.ReportAllocs()
	for b.Loop() {
		ops := exec.NewHashJoin(&exec.EvalContext{}, []exec.Operator{NewBatchSource(ts, pb)},
			NewBatchSource(ts, bb), exec.JoinSpec{Type: exec.JoinInner, ProbeKeys: []int{0}, BuildKeys: []int{0}})
		drainCount(b, ops[0])
	}
}

// BenchmarkHashJoinSparse probes 1M rows (tsTwo parallel probes) against a
// 200-row build side of which 100 keys occur on the probe side: 0.01% of the
// probe rows match, the shape of TPC-H Q17's semi-join-reduced lineitem scan.
func BenchmarkHashJoinSparse(b *testing.B) {
	const n = 1 << 20
	probe := make([]int64, n)
	for i := range probe {
		probe[i] = int64(i) * 7
	}
	r := rand.New(rand.NewPCG(2, 2))
	build := make([]int64, 200)
	for i := range build {
		if i%2 == 0 {
			build[i] = int64(r.IntN(n)) * 7 // occurs once on the probe side
		} else {
			build[i] = -int64(r.IntN(n)) - 1 // never occurs
		}
	}
	ts := []types.T{types.Int64Type, types.Int64Type}
	bb := IntBatches(build, 2048, 1)
	pb := IntBatches(probe, 2048, 1)
	half := len(pb) / 2
	for _, tc := range []struct {
		name string
		typ  exec.JoinType
		want int
	}{
		{"inner", exec.JoinInner, 100},
		{"semi", exec.JoinSemi, 100},
		{"anti", exec.JoinAnti, n - 100},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				ops := exec.NewHashJoin(&exec.EvalContext{}, []exec.Operator{NewBatchSource(ts, pb[:half]), NewBatchSource(ts, pb[half:])},
					NewBatchSource(ts, bb), exec.JoinSpec{Type: tc.typ, ProbeKeys: []int{0}, BuildKeys: []int{0}})
				if got := drainCount(b, exec.NewGather(ops)); got != tc.want {
					b.Fatalf("%d rows, want %d", got, tc.want)
				}
			}
		})
	}
}
