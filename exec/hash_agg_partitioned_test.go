package exec_test

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// partRows is 600 rows of aggIn with key k = i%53 in column 6 (NULL every
// 41st row, when nulls), g = i%4 in column 0 and some NULL values.
func partRows(nulls bool) [][]types.Datum { return partRowsN(600, 53, nulls) }

// partRowsN is partRows with n rows and keys k = i%keys (enough keys grow
// the group tables, rehashing their groups).
func partRowsN(n, keys int, nulls bool) [][]types.Datum {
	var rows [][]types.Datum
	for i := 0; i < n; i++ {
		var k any = int64(i % keys)
		if nulls && i%41 == 0 {
			k = nil
		}
		var x any = i % 17
		if i%13 == 0 {
			x = nil
		}
		rows = append(rows, exectest.R(i%4, x, string(rune('a'+i%5)), float64(i%7), int64(i%11), i%2 == 0, k))
	}
	return rows
}

// deal splits rows over n inputs by their key (column 6) as a DISTSTYLE KEY
// table places them; NULL keys go to nullTo (-1: round-robin over every input).
func deal(rows [][]types.Datum, n, nullTo int) []exectest.Input {
	ins := make([]exectest.Input, n)
	for i := range ins {
		ins[i].Types = aggIn
	}
	nulls := 0
	for _, r := range rows {
		var i int
		switch k, ok := r[6].(int64); {
		case ok:
			i = int(k*7919%int64(n)+int64(n)) % n
		case nullTo >= 0:
			i = nullTo
		default:
			i = nulls % n
			nulls++
		}
		ins[i].Rows = append(ins[i].Rows, r)
	}
	return ins
}

// TestPartitionedHashAgg checks that the no-combine path returns what the
// combining aggregate returns over all rows in one input.
func TestPartitionedHashAgg(t *testing.T) {
	distinct := func(name string, arg int) exec.AggSpec {
		s := agg(name, arg)
		s.Distinct = true
		return s
	}
	listagg := agg("listagg", 2)
	listagg.OrderBy = []exec.SortSpec{{Col: 2}}
	listagg.Consts = []types.Datum{","}
	plain := []exec.AggSpec{agg("count"), agg("sum", 1), agg("avg", 4), agg("min", 2), agg("max", 3), listagg}
	distincts := []exec.AggSpec{distinct("count", 1), distinct("sum", 4), distinct("listagg", 2), agg("count", 1)}
	cases := []struct {
		name   string
		inputs []exectest.Input
		groups []int
		part   int // index into groups
		aggs   []exec.AggSpec
	}{
		{"one_key", deal(partRows(false), 3, 0), []int{6}, 0, plain},
		{"one_input", deal(partRows(false), 1, 0), []int{6}, 0, plain},
		{"null_keys_one_input", deal(partRows(true), 3, 1), []int{6}, 0, plain},
		{"null_keys_every_input", deal(partRows(true), 3, -1), []int{6}, 0, plain},
		{"null_keys_two_keys", deal(partRows(true), 4, -1), []int{0, 6}, 1, plain},
		{"second_key", deal(partRows(true), 2, 0), []int{2, 6}, 1, plain},
		{"distinct", deal(partRows(true), 3, -1), []int{6}, 0, distincts},
		{"distinct_no_nulls", deal(partRows(false), 3, -1), []int{6, 0}, 0, distincts},
		{"empty_inputs", append(deal(partRows(true), 2, 0), exectest.Input{Types: aggIn}, exectest.Input{Types: aggIn}), []int{6}, 0, plain},
		{"all_empty", []exectest.Input{{Types: aggIn}, {Types: aggIn}, {Types: aggIn}}, []int{6}, 0, plain},
		{"many_groups", deal(partRowsN(6000, 2500, true), 3, -1), []int{6}, 0, plain[:3]},
		{"many_groups_two_keys", deal(partRowsN(6000, 2500, true), 2, -1), []int{6, 0}, 0, plain[:3]},
		{"no_inputs_rows_but_nulls", deal([][]types.Datum{exectest.R(1, 2, "x", 1.0, int64(3), true, nil)}, 3, -1), []int{6}, 0, plain},
	}
	for _, c := range cases {
		var all []exectest.Input
		var rows [][]types.Datum
		for _, in := range c.inputs {
			rows = append(rows, in.Rows...)
		}
		all = append(all, exectest.Input{Types: aggIn, Rows: rows})
		want := drainAgg(t, all, c.groups, c.aggs)
		exectest.Run(t, []exectest.Case{{
			Name: c.name, Inputs: c.inputs, BatchSizes: []int{1, 7, 1024},
			Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
				return exec.NewPartitionedHashAgg(ec, ins, c.groups, c.aggs, c.part)
			},
			Want: want,
		}})
	}
}

// drainAgg runs the combining aggregate over inputs.
func drainAgg(t *testing.T, inputs []exectest.Input, groups []int, aggs []exec.AggSpec) [][]types.Datum {
	t.Helper()
	ops := make([]exec.Operator, len(inputs))
	for i, in := range inputs {
		ops[i] = exectest.NewSource(in.Types, in.Rows, 64)
	}
	op := exec.NewHashAgg(&exec.EvalContext{}, ops, groups, aggs, nil)
	defer op.Close()
	rows, err := exectest.Drain(context.Background(), op)
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestPartitionedHashAggErrors checks that an error finalizing one input's
// groups (in its own goroutine) fails the query, and that a failing input
// stops the others.
func TestPartitionedHashAggErrors(t *testing.T) {
	big := types.Pow10D128(37)
	ts := []types.T{types.Int64Type, types.DecimalType(38, 0)}
	ins := []exectest.Input{{Types: ts}, {Types: ts}}
	for i := 0; i < 13; i++ {
		ins[0].Rows = append(ins[0].Rows, exectest.R(int64(i%3), big)) // below 10^38 per group
		ins[1].Rows = append(ins[1].Rows, exectest.R(int64(7), big))   // 13·10^37
	}
	exectest.Run(t, []exectest.Case{{
		Name:   "overflow",
		Inputs: ins,
		Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
			return exec.NewPartitionedHashAgg(ec, ins, []int{0}, []exec.AggSpec{agg("sum", 1)}, 0)
		},
		WantErr: sqlerr.NumericValueOutOfRange,
	}})
	boom := sqlerr.Newf(sqlerr.DivisionByZero, "boom")
	src := partRows(false)
	srcs := []*exectest.Source{exectest.NewSource(aggIn, src, 10), exectest.Failing(aggIn, src, 10, 3, boom)}
	op := exec.NewPartitionedHashAgg(&exec.EvalContext{}, []exec.Operator{srcs[0], srcs[1]}, []int{6}, []exec.AggSpec{agg("count")}, 0)
	if _, err := exectest.Drain(context.Background(), op); sqlerr.CodeOf(err) != sqlerr.DivisionByZero {
		t.Errorf("err = %v, want 22012", err)
	}
	for i, s := range srcs {
		if s.Closed == 0 {
			t.Errorf("input %d not closed", i)
		}
	}
}

// TestHashAggManyGroupsOracle checks grouping by one BIGINT key with NULLs
// (hashes recomputed from the keys when tables grow and combine) against
// counts kept in a map, combined and partitioned.
func TestHashAggManyGroupsOracle(t *testing.T) {
	rows := partRowsN(9000, 3000, true)
	counts := map[any]int64{}
	for _, r := range rows {
		counts[r[6]]++
	}
	var want [][]types.Datum
	for k, n := range counts {
		want = append(want, exectest.R(k, n))
	}
	for _, part := range []int{-1, 0} {
		for _, nullTo := range []int{-1, 2} {
			exectest.Run(t, []exectest.Case{{
				Name: "oracle", Inputs: deal(rows, 3, nullTo), BatchSizes: []int{5, 1024},
				Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
					return exec.NewHashAggWith(ec, ins, []int{6}, []exec.AggSpec{agg("count")}, nil, exec.HashAggOptions{Partition: part})
				},
				Want: want,
			}})
		}
	}
}

// TestPartitionedHashAggSkipsCombine shows the no-combine path at work: told
// (wrongly) that its inputs are partitioned, the aggregate keeps a key that
// arrives on two inputs as two groups; the tables holding a NULL key (the
// second and third) are combined.
func TestPartitionedHashAggSkipsCombine(t *testing.T) {
	ts := []types.T{types.Int64Type}
	ins := []exectest.Input{{Types: ts, Rows: exectest.Ints(1, 2)}, {Types: ts, Rows: exectest.Ints(1, nil)}, {Types: ts, Rows: exectest.Ints(3, nil)}}
	exectest.Run(t, []exectest.Case{{
		Name: "skips_combine", Inputs: ins,
		Make: func(ec *exec.EvalContext, ops []exec.Operator) exec.Operator {
			return exec.NewPartitionedHashAgg(ec, ops, []int{0}, []exec.AggSpec{agg("count")}, 0)
		},
		Want: [][]types.Datum{exectest.R(1, 1), exectest.R(1, 1), exectest.R(2, 1), exectest.R(3, 1), exectest.R(nil, 2)},
	}, {
		Name: "combines_null_tables", Inputs: []exectest.Input{ins[1], ins[2], ins[1]},
		Make: func(ec *exec.EvalContext, ops []exec.Operator) exec.Operator {
			return exec.NewPartitionedHashAgg(ec, ops, []int{0}, []exec.AggSpec{agg("count")}, 0)
		},
		Want: [][]types.Datum{exectest.R(1, 2), exectest.R(3, 1), exectest.R(nil, 3)},
	}})
}

// TestHashAggSumManyGroups checks sums finalized over their own states
// (many groups): NULL for groups of only NULLs, overflow still detected.
func TestHashAggSumManyGroups(t *testing.T) {
	ts := []types.T{types.Int64Type, types.DecimalType(15, 2)}
	const groups = 6000
	var rows [][]types.Datum
	var want [][]types.Datum
	for k := 0; k < groups; k++ {
		if k%10 == 0 {
			rows = append(rows, exectest.R(int64(k), nil), exectest.R(int64(k), nil))
			want = append(want, exectest.R(int64(k), nil))
			continue
		}
		rows = append(rows, exectest.R(int64(k), int64(k)), exectest.R(int64(k), int64(-1)), exectest.R(int64(k), nil))
		want = append(want, exectest.R(int64(k), dec(int64(k-1))))
	}
	big := []exectest.Input{{Types: []types.T{types.Int64Type, types.DecimalType(38, 0)}}}
	for k := 0; k < groups; k++ {
		n := 1
		if k == groups-1 {
			n = 12 // 12·10^37 overflows DECIMAL(38)
		}
		for range n {
			big[0].Rows = append(big[0].Rows, exectest.R(int64(k), types.Pow10D128(37)))
		}
	}
	mk := func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
		return exec.NewHashAgg(ec, ins, []int{0}, []exec.AggSpec{agg("sum", 1)}, nil)
	}
	exectest.Run(t, []exectest.Case{
		{Name: "nulls", Inputs: []exectest.Input{{Types: ts, Rows: rows}}, BatchSizes: []int{1024}, Make: mk, Want: want},
		{Name: "overflow", Inputs: big, BatchSizes: []int{1024}, Make: mk, WantErr: sqlerr.NumericValueOutOfRange},
	})
}
