package exec_test

import (
	"context"
	"slices"
	"testing"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// benchBatches builds rows of (key BIGINT, val BIGINT, price DECIMAL(15,2),
// flag CHAR(1), status CHAR(1)) in batches of 2048.
func benchBatches(rows, groups int) ([]types.T, []*vector.Batch) {
	ts := []types.T{types.Int64Type, types.Int64Type, types.DecimalType(15, 2), types.CharType(1), types.CharType(1)}
	var out []*vector.Batch
	x := uint64(88172645463325252)
	for lo := 0; lo < rows; lo += vector.DefaultBatchSize {
		n := min(vector.DefaultBatchSize, rows-lo)
		b := vector.NewBatch(ts, n)
		for i := 0; i < n; i++ {
			x ^= x << 13
			x ^= x >> 7
			x ^= x << 17
			b.Cols[0].Ints[i] = int64(x % uint64(groups))
			b.Cols[1].Ints[i] = int64(lo + i)
			b.Cols[2].Ints[i] = int64(x % 10000000)
			b.Cols[3].Strs[i] = string("ANR"[x%3])
			b.Cols[4].Strs[i] = string("FO"[(x>>8)%2])
		}
		out = append(out, b)
	}
	return ts, out
}

func runAgg(b *testing.B, ts []types.T, batches []*vector.Batch, inputs int, groups []int, aggs []exec.AggSpec) {
	b.ReportAllocs()
	ctx := context.Background()
	for b.Loop() {
		ins := make([]exec.Operator, inputs)
		for i := range ins {
			var part []*vector.Batch
			for j := i; j < len(batches); j += inputs {
				part = append(part, batches[j])
			}
			ins[i] = exec.NewBatches(ts, slices.Clone(part))
		}
		runToEnd(b, ctx, exec.NewHashAgg(&exec.EvalContext{}, ins, groups, aggs, nil))
	}
}

func BenchmarkHashAggSumInt64(b *testing.B) {
	for _, g := range []struct {
		name   string
		groups int
	}{{"10groups", 10}, {"100Kgroups", 100000}} {
		ts, batches := benchBatches(1<<20, g.groups)
		b.Run(g.name, func(b *testing.B) {
			runAgg(b, ts, batches, 1, []int{0}, []exec.AggSpec{agg("sum", 1)})
		})
	}
}

func BenchmarkHashAggSumDecimalNoGroup(b *testing.B) {
	ts, batches := benchBatches(1<<20, 10)
	runAgg(b, ts, batches, 1, nil, []exec.AggSpec{agg("sum", 2)})
}

// BenchmarkHashAggQ1Shape groups by two CHAR(1) columns into 6 groups with
// TPC-H Q1's mix of aggregates, over two inputs.
func BenchmarkHashAggQ1Shape(b *testing.B) {
	ts, batches := benchBatches(1<<20, 10)
	runAgg(b, ts, batches, 2, []int{3, 4}, []exec.AggSpec{
		agg("sum", 2), agg("sum", 1), agg("avg", 2), agg("avg", 1), agg("count")})
}

func BenchmarkWindowRowNumber(b *testing.B) {
	ts, batches := benchBatches(1<<18, 1000)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		runToEnd(b, ctx, exec.NewWindow(&exec.EvalContext{}, exec.NewBatches(ts, slices.Clone(batches)), []int{0},
			[]exec.SortSpec{{Col: 1}}, []exec.WindowSpec{{Name: "row_number", Ret: types.Int64Type}}))
	}
}

// BenchmarkHashAggQ18Shape groups 1M rows by a BIGINT key into 256K groups
// (TPC-H Q18's lineitem by orderkey, scaled down) summing a DECIMAL, over two inputs.
func BenchmarkHashAggQ18Shape(b *testing.B) {
	ts, batches := benchBatches(1<<20, 1<<18)
	for i, b := range batches {
		for j := range b.Cols[0].Ints {
			b.Cols[0].Ints[j] = int64((i*vector.DefaultBatchSize + j) / 4) // clustered, as lineitem by orderkey
		}
	}
	runAgg(b, ts, batches, 2, []int{0}, []exec.AggSpec{agg("sum", 2)})
}

// q18Inputs builds TPC-H SF1 Q18's inner aggregate input: 6M rows of
// (orderkey BIGINT, quantity DECIMAL(15,2)), 1.5M orderkeys of 1–7 rows each
// (clustered), dealt to two inputs by key as a DISTKEY table is (scaled
// down 16x in -short mode).
func q18Inputs(short bool) ([]types.T, [][]*vector.Batch) {
	ts := []types.T{types.Int64Type, types.DecimalType(15, 2)}
	orders := 1500000
	if short {
		orders /= 16
	}
	ins := make([][]*vector.Batch, 2)
	cur := make([]*vector.Batch, 2)
	x := uint64(88172645463325252)
	for k := 0; k < orders; k++ {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
		s := int(uint64(k)*0x9e3779b97f4a7c15>>63) & 1
		for r := 0; r < int(x%7)+1; r++ {
			b := cur[s]
			if b == nil || b.N == vector.DefaultBatchSize {
				b = vector.NewBatch(ts, vector.DefaultBatchSize)
				b.N = 0
				cur[s] = b
				ins[s] = append(ins[s], b)
			}
			b.Cols[0].Ints[b.N] = int64(k)
			b.Cols[1].Ints[b.N] = int64((x>>8)%5000 + 100)
			b.N++
		}
	}
	for _, part := range ins {
		for _, b := range part {
			for _, c := range b.Cols {
				*c = *c.Slice(0, b.N)
			}
		}
	}
	return ts, ins
}

// BenchmarkHashAggQ18SF1 is Q18's `group by l_orderkey having
// sum(l_quantity) > 300` at SF1: 6M rows into 1.5M groups over two inputs,
// combining the inputs' tables or not (partitioned), with and without the
// planner's estimate of the groups.
func BenchmarkHashAggQ18SF1(b *testing.B) {
	ts, parts := q18Inputs(testing.Short())
	groups := 0
	for _, p := range parts {
		for _, bt := range p {
			groups = max(groups, int(bt.Cols[0].Ints[bt.N-1])+1)
		}
	}
	aggs := []exec.AggSpec{agg("sum", 1)}
	for _, c := range []struct {
		name string
		opts exec.HashAggOptions
	}{
		{"combine", exec.HashAggOptions{Partition: -1}},
		{"partitioned", exec.HashAggOptions{Partition: 0}},
		{"partitioned_hint", exec.HashAggOptions{Partition: 0, Groups: groups}},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			ctx := context.Background()
			for b.Loop() {
				ins := make([]exec.Operator, len(parts))
				for i, p := range parts {
					ins[i] = exec.NewBatches(ts, slices.Clone(p))
				}
				runToEnd(b, ctx, exec.NewHashAggWith(&exec.EvalContext{}, ins, []int{0}, aggs, nil, c.opts))
			}
		})
	}
}

// runToEnd opens op, reads it to the end (discarding batches) and closes it.
func runToEnd(b *testing.B, ctx context.Context, op exec.Operator) {
	if err := op.Open(ctx); err != nil {
		b.Fatal(err)
	}
	for {
		out, err := op.Next(ctx)
		if err != nil {
			b.Fatal(err)
		}
		if out == nil {
			break
		}
	}
	op.Close()
}
