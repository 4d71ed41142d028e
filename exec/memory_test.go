package exec

import (
	"context"
	"fmt"
	"testing"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// memTypes is the schema of memRows: k BIGINT (n/2 distinct), s VARCHAR, x BIGINT.
var memTypes = []types.T{types.Int64Type, types.VarcharType, types.Int64Type}

// memRows returns rows [from, to) of the memory tests' input in batches of 1000.
func memRows(from, to int) Operator {
	var bs []*vector.Batch
	for lo := from; lo < to; lo += 1000 {
		hi := min(lo+1000, to)
		b := vector.NewBatch(memTypes, hi-lo)
		for i := lo; i < hi; i++ {
			b.Cols[0].Ints[i-lo] = int64(i / 2)
			b.Cols[1].Strs[i-lo] = fmt.Sprintf("value-%08d", i)
			b.Cols[2].Ints[i-lo] = int64(i)
		}
		b.N = hi - lo
		bs = append(bs, b)
	}
	return NewBatches(memTypes, bs)
}

// memSplit returns n rows as k inputs (slices).
func memSplit(n, k int) []Operator {
	ops := make([]Operator, k)
	for i := range ops {
		ops[i] = memRows(n*i/k, n*(i+1)/k)
	}
	return ops
}

// memDrain runs ops (one after the other) wrapped in Instrumented and returns
// each one's stats.
func memDrain(t *testing.T, ops []Operator) []*OpStats {
	t.Helper()
	ctx := context.Background()
	stats := make([]*OpStats, len(ops))
	for i, op := range ops {
		stats[i] = &OpStats{}
		in := NewInstrumented(op, stats[i])
		if err := in.Open(ctx); err != nil {
			t.Fatal(err)
		}
		for {
			b, err := in.Next(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if b == nil {
				break
			}
		}
		if err := in.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return stats
}

// TestOperatorMemory checks that every operator holding data reports its
// memory, and that it grows with the input (no exact numbers: they are
// estimates).
func TestOperatorMemory(t *testing.T) {
	ec := &EvalContext{}
	joinSpec := JoinSpec{Type: JoinInner, ProbeKeys: []int{0}, BuildKeys: []int{0}}
	cases := []struct {
		name   string
		slices bool // reports per-input memory (SliceMemoryReporter)
		build  func(n int) []Operator
	}{
		{"hash_agg", true, func(n int) []Operator {
			aggs := []AggSpec{{Name: "count", Filter: -1}, {Name: "max", Args: []int{1}, Filter: -1},
				{Name: "sum", Args: []int{2}, Filter: -1}}
			return []Operator{NewHashAgg(ec, memSplit(n, 3), []int{0}, aggs, nil)}
		}},
		{"hash_agg_strings", true, func(n int) []Operator {
			return []Operator{NewHashAgg(ec, memSplit(n, 2), []int{1}, []AggSpec{{Name: "count", Filter: -1}}, nil)}
		}},
		{"hash_agg_one_input", true, func(n int) []Operator {
			return []Operator{NewHashAgg(ec, memSplit(n, 1), []int{0}, []AggSpec{{Name: "count", Filter: -1}}, nil)}
		}},
		{"hash_agg_distinct", true, func(n int) []Operator {
			aggs := []AggSpec{{Name: "count", Args: []int{2}, Distinct: true, Filter: -1},
				{Name: "listagg", Args: []int{1}, Filter: -1}}
			return []Operator{NewHashAgg(ec, memSplit(n, 2), []int{0}, aggs, nil)}
		}},
		{"sort", true, func(n int) []Operator {
			return []Operator{NewSort(ec, memSplit(n, 3), []SortSpec{{Col: 1, Desc: true}})}
		}},
		{"sort_int_key", true, func(n int) []Operator {
			return []Operator{NewSort(ec, memSplit(n, 1), []SortSpec{{Col: 2}})}
		}},
		{"top_n", true, func(n int) []Operator {
			return []Operator{NewTopN(ec, memSplit(n, 2), []SortSpec{{Col: 2, Desc: true}}, int64(n/4), 0)}
		}},
		{"window", false, func(n int) []Operator {
			f := []WindowSpec{{Name: "row_number", Ret: types.Int64Type}}
			return []Operator{NewWindow(ec, memRows(0, n), []int{0}, []SortSpec{{Col: 2}}, f)}
		}},
		{"intersect", false, func(n int) []Operator {
			return []Operator{NewSetOp(memRows(0, 10), memRows(0, n), SetOpIntersect, false)}
		}},
		{"except_all", false, func(n int) []Operator {
			return []Operator{NewSetOp(memRows(0, 10), memRows(0, n), SetOpExcept, true)}
		}},
		{"nested_loop", false, func(n int) []Operator {
			return []Operator{NewNestedLoopJoin(ec, memRows(0, 2), memRows(0, n), JoinLeft, nil)}
		}},
		{"recursive_union", false, func(n int) []Operator {
			w := NewWorkTable(memTypes)
			step := func() (Operator, error) { return NewWorkTableScan(w), nil }
			return []Operator{NewRecursiveCTE(memRows(0, n), w, step, true)}
		}},
		{"recursive_union_all", false, func(n int) []Operator {
			w := NewWorkTable(memTypes)
			step := func() (Operator, error) { return memRows(0, 0), nil }
			return []Operator{NewRecursiveCTE(memRows(0, n), w, step, false)}
		}},
		{"hash_join", false, func(n int) []Operator {
			return NewHashJoin(ec, memSplit(1000, 3), memRows(0, n), joinSpec)
		}},
		{"hash_join_full", false, func(n int) []Operator {
			spec := joinSpec
			spec.Type = JoinFull
			return NewHashJoin(ec, memSplit(1000, 2), memRows(0, n), spec)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var prev int64
			for _, n := range []int{2000, 20000} {
				stats := memDrain(t, tc.build(n))
				var total int64
				for _, st := range stats {
					if !st.MemKnown.Load() {
						t.Fatalf("n=%d: memory not reported", n)
					}
					total += st.PeakMemory.Load()
				}
				if total <= prev {
					t.Errorf("n=%d: peak %d bytes, not above %d for fewer rows", n, total, prev)
				}
				prev = total
				if tc.slices {
					sm := stats[0].SliceMemory.Load()
					if sm == nil {
						t.Fatalf("n=%d: no per-slice memory", n)
					}
					var sum int64
					for i, m := range *sm {
						if m <= 0 {
							t.Errorf("n=%d: slice %d reports %d bytes", n, i, m)
						}
						sum += m
					}
					if sum != total {
						t.Errorf("n=%d: slices sum to %d, operator reports %d", n, sum, total)
					}
				}
			}
		})
	}
}

// TestHashJoinMemoryOnce checks that the shared build table is reported by
// one probe operator only.
func TestHashJoinMemoryOnce(t *testing.T) {
	ec := &EvalContext{}
	spec := JoinSpec{Type: JoinInner, ProbeKeys: []int{0}, BuildKeys: []int{0}}
	stats := memDrain(t, NewHashJoin(ec, memSplit(3000, 3), memRows(0, 5000), spec))
	owners := 0
	for _, st := range stats {
		if st.PeakMemory.Load() > 0 {
			owners++
		}
	}
	if owners != 1 {
		t.Errorf("%d probes report the shared table, want 1", owners)
	}
}

// TestMemoryEstimates checks the byte estimates against hand counts.
func TestMemoryEstimates(t *testing.T) {
	ints := vector.New(types.Int64Type, 100)
	strs := vector.New(types.VarcharType, 100)
	for i := range strs.Strs {
		strs.Strs[i] = "abcd"
	}
	cases := []struct {
		name string
		got  int64
		want int64
	}{
		{"ints", valuesBytes(ints, 100) - vectorBytes, 800},
		{"strings", valuesBytes(strs, 100) - vectorBytes, 100*strHeader + 400},
		{"string_sample", strContent(strs.Strs), 400},
		{"short_strings", strContent([]string{"a", "bc"}), 3},
		{"empty", strContent(nil), 0},
		{"batch", batchBytes(&vector.Batch{Cols: []*vector.Vector{ints, strs}, N: 100}),
			2*vectorBytes + 800 + 100*strHeader + 400},
		{"nil", batchBytes(nil), 0},
	}
	for _, tc := range cases {
		if tc.got != tc.want {
			t.Errorf("%s: %d bytes, want %d", tc.name, tc.got, tc.want)
		}
	}
}
