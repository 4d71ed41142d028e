package exec_test

import (
	"math"
	"testing"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/types"
)

// TestSumWideCarries checks BIGINT sums whose int64 accumulators wrap
// (hash_agg_sum_wide.go): within a batch, across batches, only when inputs are
// combined, back and forth, without GROUP BY, and finalized in place.
func TestSumWideCarries(t *testing.T) {
	ts := []types.T{types.Int64Type, types.Int64Type}
	const p62 = int64(1) << 62
	d := func(hi int64, lo uint64) types.Decimal128 { return types.Decimal128{Hi: hi, Lo: lo} }
	rep := func(g, x int64, n int) [][]types.Datum {
		var rows [][]types.Datum
		for range n {
			rows = append(rows, exectest.R(g, x))
		}
		return rows
	}
	cat := func(parts ...[][]types.Datum) [][]types.Datum {
		var out [][]types.Datum
		for _, p := range parts {
			out = append(out, p...)
		}
		return out
	}
	one := cat(
		rep(1, p62, 4),                  // 2^64
		rep(2, -p62, 5),                 // -5·2^62
		rep(3, p62, 2), rep(3, -p62, 2), // wraps, then back to 0
		rep(4, math.MaxInt64, 3), // 3·(2^63-1)
		[][]types.Datum{exectest.R(5, nil)},
	)
	want := [][]types.Datum{
		exectest.R(1, d(1, 0)),
		exectest.R(2, d(-2, 3<<62)), // -5·2^62 = -2·2^64 + 3·2^62
		exectest.R(3, d(0, 0)),
		exectest.R(4, d(1, 1<<63-3)), // 3·2^63 - 3 = 2^64 + 2^63 - 3
		exectest.R(5, nil),
	}
	sum := func(groups []int) func(*exec.EvalContext, []exec.Operator) exec.Operator {
		return func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
			return exec.NewHashAgg(ec, ins, groups, []exec.AggSpec{agg("sum", 1)}, nil)
		}
	}
	half := cat(rep(1, p62, 1), rep(1, p62-1, 1)) // 2^63-1 in each input: wraps only combined
	nogroup := cat(rep(0, p62, 4), rep(0, 5, 1))
	var many [][]types.Datum
	var manyWant [][]types.Datum
	for g := int64(0); g < 5000; g++ {
		many = append(many, exectest.R(g, g))
		manyWant = append(manyWant, exectest.R(g, d(0, uint64(g))))
	}
	many = append(many, rep(7, p62, 2)...) // group 7: 7 + 2^63
	manyWant[7] = exectest.R(int64(7), d(0, 1<<63+7))
	exectest.Run(t, []exectest.Case{
		{Name: "one_input", Inputs: []exectest.Input{{Types: ts, Rows: one}}, Make: sum([]int{0}), Want: want},
		{Name: "split_inputs", Inputs: []exectest.Input{{Types: ts, Rows: one[:7]}, {Types: ts, Rows: one[7:]}}, Make: sum([]int{0}), Want: want},
		{Name: "wraps_combined", Inputs: []exectest.Input{{Types: ts, Rows: half}, {Types: ts, Rows: half}}, Make: sum([]int{0}),
			Want: [][]types.Datum{exectest.R(1, d(0, 1<<64-2))}},
		{Name: "no_group", Inputs: []exectest.Input{{Types: ts, Rows: nogroup}, {Types: ts, Rows: nogroup}}, Make: sum(nil),
			Want: [][]types.Datum{exectest.R(d(2, 10))}},
		{Name: "many_groups", Inputs: []exectest.Input{{Types: ts, Rows: many}}, BatchSizes: []int{1024}, Make: sum([]int{0}), Want: manyWant},
	})
	ret, err := exec.LookupAgg("avg", []types.T{types.Int64Type}, false)
	if err != nil {
		t.Fatal(err)
	}
	avg, _ := types.D128(p62).Mul(types.Pow10D128(ret.Scale))
	exectest.Run(t, []exectest.Case{{
		Name: "avg", Inputs: []exectest.Input{{Types: ts, Rows: rep(1, p62, 4)}},
		Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
			return exec.NewHashAgg(ec, ins, []int{0}, []exec.AggSpec{agg("avg", 1)}, nil)
		},
		Want: [][]types.Datum{exectest.R(1, avg)},
	}})
}
