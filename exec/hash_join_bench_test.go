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
