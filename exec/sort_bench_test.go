package exec_test

import (
	"math/rand/v2"
	"testing"

	"github.com/warehoused/warehoused/exec"
	. "github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/types"
)

// BenchmarkSort sorts 1M random int64 rows (tsTwo inputs of 512K).
func BenchmarkSort(b *testing.B) {
	const n = 1 << 20
	r := rand.New(rand.NewPCG(2, 2))
	vals := make([]int64, n)
	for i := range vals {
		vals[i] = r.Int64()
	}
	ts := []types.T{types.Int64Type, types.Int64Type}
	bs := IntBatches(vals, 2048, 1)
	half := len(bs) / 2
	b.ReportAllocs()
	for b.Loop() {
		op := exec.NewSort(&exec.EvalContext{}, []exec.Operator{NewBatchSource(ts, bs[:half]), NewBatchSource(ts, bs[half:])},
			[]exec.SortSpec{{Col: 0}})
		if got := drainCount(b, op); got != n {
			b.Fatalf("%d rows", got)
		}
	}
}

// BenchmarkTopN keeps the best 100 of 1M rows.
func BenchmarkTopN(b *testing.B) {
	const n = 1 << 20
	r := rand.New(rand.NewPCG(3, 3))
	vals := make([]int64, n)
	for i := range vals {
		vals[i] = r.Int64()
	}
	ts := []types.T{types.Int64Type, types.Int64Type}
	bs := IntBatches(vals, 2048, 1)
	b.ReportAllocs()
	for b.Loop() {
		op := exec.NewTopN(&exec.EvalContext{}, []exec.Operator{NewBatchSource(ts, bs)}, []exec.SortSpec{{Col: 0, Desc: true}}, 100, 0)
		drainCount(b, op)
	}
}

// BenchmarkGather moves 1M rows through a 4-input gather.
func BenchmarkGather(b *testing.B) {
	vals := make([]int64, 1<<18)
	ts := []types.T{types.Int64Type}
	bs := IntBatches(vals, 2048, 0)
	b.ReportAllocs()
	for b.Loop() {
		var ins []exec.Operator
		for i := 0; i < 4; i++ {
			ins = append(ins, NewBatchSource(ts, bs))
		}
		drainCount(b, exec.NewGather(ins))
	}
}
