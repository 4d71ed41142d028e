package exec_test

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// Input schema of the aggregate tests: g INT, x INT, s VARCHAR, f FLOAT8,
// d DECIMAL(10,2), b BOOLEAN, k BIGINT.
var aggIn = []types.T{types.Int32Type, types.Int32Type, types.VarcharType, types.Float64Type,
	types.DecimalType(10, 2), types.BoolType, types.Int64Type}

var aggRows = [][]types.Datum{
	exectest.R(1, 10, "a", 1.5, int64(150), true, 5),
	exectest.R(1, 20, "b", 2.5, int64(250), false, 7),
	exectest.R(1, nil, nil, nil, nil, nil, nil),
	exectest.R(2, 5, "c", 4.0, int64(-100), true, 1),
	exectest.R(nil, 7, "d", 0.5, int64(1), true, 2),
	exectest.R(nil, 7, "d", 0.5, int64(1), true, 2),
}

func agg(name string, args ...int) exec.AggSpec {
	return exec.AggSpec{Name: name, Args: args, Filter: -1}
}

func dec(x int64) types.Decimal128 { return types.D128(x) }

// decS returns x·10^k as an unscaled DECIMAL value.
func decS(x int64, k int) types.Decimal128 {
	d, _ := types.D128(x).Mul(types.Pow10D128(k))
	return d
}

func TestHashAggFunctions(t *testing.T) {
	in := []exectest.Input{{Types: aggIn, Rows: aggRows}}
	one := func(spec exec.AggSpec) func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
		return func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
			return exec.NewHashAgg(ec, ins, []int{0}, []exec.AggSpec{spec}, nil)
		}
	}
	ordered := func(name string, arg int, desc bool, consts ...types.Datum) exec.AggSpec {
		s := agg(name, arg)
		s.OrderBy = []exec.SortSpec{{Col: arg, Desc: desc}}
		s.Consts = consts
		return s
	}
	pct := func(name string, col int, f float64) exec.AggSpec {
		return exec.AggSpec{Name: name, Filter: -1, OrderBy: []exec.SortSpec{{Col: col}}, Consts: []types.Datum{f}}
	}
	cases := []struct {
		name string
		spec exec.AggSpec
		want [][]types.Datum
	}{
		{"count_star", agg("count"), [][]types.Datum{exectest.R(1, 3), exectest.R(2, 1), exectest.R(nil, 2)}},
		{"count_x", agg("count", 1), [][]types.Datum{exectest.R(1, 2), exectest.R(2, 1), exectest.R(nil, 2)}},
		{"sum_int4", agg("sum", 1), [][]types.Datum{exectest.R(1, 30), exectest.R(2, 5), exectest.R(nil, 14)}},
		{"sum_int8", agg("sum", 6), [][]types.Datum{exectest.R(1, dec(12)), exectest.R(2, dec(1)), exectest.R(nil, dec(4))}},
		{"sum_dec", agg("sum", 4), [][]types.Datum{exectest.R(1, dec(400)), exectest.R(2, dec(-100)), exectest.R(nil, dec(2))}},
		{"sum_float", agg("sum", 3), [][]types.Datum{exectest.R(1, 4.0), exectest.R(2, 4.0), exectest.R(nil, 1.0)}},
		{"avg_int", agg("avg", 1), [][]types.Datum{exectest.R(1, decS(15, 16)), exectest.R(2, decS(5, 16)), exectest.R(nil, decS(7, 16))}},
		{"avg_dec", agg("avg", 4), [][]types.Datum{exectest.R(1, decS(2, 16)), exectest.R(2, decS(-1, 16)), exectest.R(nil, decS(1, 14))}},
		{"avg_float", agg("avg", 3), [][]types.Datum{exectest.R(1, 2.0), exectest.R(2, 4.0), exectest.R(nil, 0.5)}},
		{"min_int", agg("min", 1), [][]types.Datum{exectest.R(1, 10), exectest.R(2, 5), exectest.R(nil, 7)}},
		{"max_str", agg("max", 2), [][]types.Datum{exectest.R(1, "b"), exectest.R(2, "c"), exectest.R(nil, "d")}},
		{"max_dec", agg("max", 4), [][]types.Datum{exectest.R(1, 250), exectest.R(2, -100), exectest.R(nil, 1)}},
		{"bool_and", agg("bool_and", 5), [][]types.Datum{exectest.R(1, false), exectest.R(2, true), exectest.R(nil, true)}},
		{"bool_or", agg("bool_or", 5), [][]types.Datum{exectest.R(1, true), exectest.R(2, true), exectest.R(nil, true)}},
		{"every", agg("every", 5), [][]types.Datum{exectest.R(1, false), exectest.R(2, true), exectest.R(nil, true)}},
		{"any_value", agg("any_value", 6), [][]types.Datum{exectest.R(1, 5), exectest.R(2, 1), exectest.R(nil, 2)}},
		{"var_pop", agg("var_pop", 1), [][]types.Datum{exectest.R(1, 25.0), exectest.R(2, 0.0), exectest.R(nil, 0.0)}},
		{"var_samp", agg("var_samp", 1), [][]types.Datum{exectest.R(1, 50.0), exectest.R(2, nil), exectest.R(nil, 0.0)}},
		{"stddev_pop", agg("stddev_pop", 4), [][]types.Datum{exectest.R(1, 0.5), exectest.R(2, 0.0), exectest.R(nil, 0.0)}},
		{"listagg_desc", ordered("listagg", 2, true, ","), [][]types.Datum{exectest.R(1, "b,a"), exectest.R(2, "c"), exectest.R(nil, "d,d")}},
		{"string_agg", ordered("string_agg", 2, false, "-"), [][]types.Datum{exectest.R(1, "a-b"), exectest.R(2, "c"), exectest.R(nil, "d-d")}},
		{"median_int", agg("median", 1), [][]types.Datum{exectest.R(1, 15.0), exectest.R(2, 5.0), exectest.R(nil, 7.0)}},
		{"median_dec", agg("median", 4), [][]types.Datum{exectest.R(1, 200), exectest.R(2, -100), exectest.R(nil, 1)}},
		{"pct_cont", pct("percentile_cont", 1, 0.25), [][]types.Datum{exectest.R(1, 12.5), exectest.R(2, 5.0), exectest.R(nil, 7.0)}},
		{"pct_disc", pct("percentile_disc", 1, 0.5), [][]types.Datum{exectest.R(1, 10), exectest.R(2, 5), exectest.R(nil, 7)}},
		{"bit_and", agg("bit_and", 6), [][]types.Datum{exectest.R(1, 5), exectest.R(2, 1), exectest.R(nil, 2)}},
		{"bit_or", agg("bit_or", 6), [][]types.Datum{exectest.R(1, 7), exectest.R(2, 1), exectest.R(nil, 2)}},
		{"approx_cd", agg("approximate_count_distinct", 2), [][]types.Datum{exectest.R(1, 2), exectest.R(2, 1), exectest.R(nil, 1)}},
	}
	var cs []exectest.Case
	for _, c := range cases {
		cs = append(cs, exectest.Case{Name: c.name, Inputs: in, Make: one(c.spec), Want: c.want})
	}
	exectest.Run(t, cs)
}

func TestHashAggSpecial(t *testing.T) {
	in := []exectest.Input{{Types: aggIn, Rows: aggRows}}
	empty := []exectest.Input{{Types: aggIn}}
	distinct := func(name string, arg int) exec.AggSpec {
		s := agg(name, arg)
		s.Distinct = true
		return s
	}
	filtered := func(s exec.AggSpec, col int) exec.AggSpec { s.Filter = col; return s }
	make0 := func(groups []int, sets [][]int, aggs ...exec.AggSpec) func(*exec.EvalContext, []exec.Operator) exec.Operator {
		return func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
			return exec.NewHashAgg(ec, ins, groups, aggs, sets)
		}
	}
	exectest.Run(t, []exectest.Case{
		{Name: "nogroup", Inputs: in, Make: make0(nil, nil, agg("count"), agg("sum", 1), agg("min", 2)),
			Want: [][]types.Datum{exectest.R(6, 49, "a")}},
		{Name: "nogroup_allnull", Inputs: in,
			Make: make0(nil, nil, agg("count"), agg("count", 1), agg("sum", 6), agg("avg", 4), agg("min", 2), agg("listagg", 2),
				agg("stddev", 3), agg("variance", 1), agg("bool_and", 5), agg("approximate_count_distinct", 2), agg("median", 3), distinct("count", 1)),
			Want:        [][]types.Datum{exectest.R(6, 5, dec(17), decS(604, 13), "a", "abcdd", 1.4832396974191326, 35.7, false, 4, 1.5, 4)},
			WantAllNull: [][]types.Datum{exectest.R(6, 0, nil, nil, nil, nil, nil, nil, nil, 0, nil, 0)}},
		{Name: "nogroup_empty", Inputs: empty, Make: make0(nil, nil, agg("count"), agg("count", 1), agg("sum", 1), agg("avg", 4), agg("listagg", 2)),
			Want: [][]types.Datum{exectest.R(0, 0, nil, nil, nil)}},
		{Name: "group_empty", Inputs: empty, Make: make0([]int{0}, nil, agg("count")), Want: nil},
		{Name: "distinct", Inputs: in, Make: make0([]int{0}, nil, distinct("count", 1), distinct("sum", 1), distinct("listagg", 2)),
			Want: [][]types.Datum{exectest.R(1, 2, 30, "ab"), exectest.R(2, 1, 5, "c"), exectest.R(nil, 1, 7, "d")}},
		{Name: "distinct_nogroup", Inputs: in, Make: make0(nil, nil, distinct("count", 1), distinct("avg", 3)),
			Want: [][]types.Datum{exectest.R(4, 2.125)}},
		{Name: "filter", Inputs: in, Make: make0([]int{0}, nil, filtered(agg("count"), 5), filtered(agg("sum", 1), 5)),
			Want: [][]types.Datum{exectest.R(1, 1, 10), exectest.R(2, 1, 5), exectest.R(nil, 2, 14)}},
		{Name: "two_keys", Inputs: in, Make: make0([]int{0, 2}, nil, agg("count")),
			Want: [][]types.Datum{exectest.R(1, "a", 1), exectest.R(1, "b", 1), exectest.R(1, nil, 1), exectest.R(2, "c", 1), exectest.R(nil, "d", 2)}},
		{Name: "rollup", Inputs: in, Make: make0([]int{0, 5}, [][]int{{0, 1}, {0}, {}}, agg("count")),
			Want: [][]types.Datum{
				exectest.R(1, true, 1, 0), exectest.R(1, false, 1, 0), exectest.R(1, nil, 1, 0), exectest.R(2, true, 1, 0), exectest.R(nil, true, 2, 0),
				exectest.R(1, nil, 3, 2), exectest.R(2, nil, 1, 2), exectest.R(nil, nil, 2, 2),
				exectest.R(nil, nil, 6, 3)}},
		{Name: "rollup_empty", Inputs: empty, Make: make0([]int{0}, [][]int{{0}, {}}, agg("count")),
			Want: [][]types.Datum{exectest.R(nil, 0, 1)}},
		{Name: "sum_overflow", Inputs: []exectest.Input{{Types: []types.T{types.DecimalType(38, 0)},
			Rows: [][]types.Datum{{types.Pow10D128(37)}, {types.Pow10D128(37)}, {types.Pow10D128(37)}, {types.Pow10D128(37)}, {types.Pow10D128(37)}, {types.Pow10D128(37)}, {types.Pow10D128(37)}, {types.Pow10D128(37)}, {types.Pow10D128(37)}, {types.Pow10D128(37)}}}},
			Make: make0(nil, nil, agg("sum", 0)), WantErr: sqlerr.NumericValueOutOfRange},
	})
}

// TestHashAggParallel checks that 1–4 inputs give the same groups as one.
func TestHashAggParallel(t *testing.T) {
	var rows [][]types.Datum
	for i := 0; i < 3000; i++ {
		rows = append(rows, exectest.R(i%37, i, "s", float64(i), int64(i), i%2 == 0, int64(i%5)))
	}
	want := map[int64][]types.Datum{}
	for i := 0; i < 3000; i++ {
		g := int64(i % 37)
		if want[g] == nil {
			want[g] = []types.Datum{g, int64(0), int64(0), int64(i), map[int64]bool{}}
		}
		w := want[g]
		w[1] = w[1].(int64) + 1
		w[2] = w[2].(int64) + int64(i)
		w[4].(map[int64]bool)[int64(i%5)] = true
	}
	var wantRows [][]types.Datum
	for _, w := range want {
		g := w[0].(int64)
		n := (3000 - g + 36) / 37 // values g, g+37, ... below 3000
		median := float64(g) + 37*float64(n-1)/2
		wantRows = append(wantRows, []types.Datum{w[0], w[1], w[2], w[3], int64(len(w[4].(map[int64]bool))), median})
	}
	cd := agg("count", 6)
	cd.Distinct = true
	for n := 1; n <= 4; n++ {
		ins := make([]exectest.Input, n)
		for i := range ins {
			ins[i].Types = aggIn
		}
		for i, r := range rows {
			ins[i%n].Rows = append(ins[i%n].Rows, r)
		}
		exectest.Run(t, []exectest.Case{{
			Name: "parallel", Inputs: ins, BatchSizes: []int{7, 1024},
			Make: func(ec *exec.EvalContext, ops []exec.Operator) exec.Operator {
				return exec.NewHashAgg(ec, ops, []int{0}, []exec.AggSpec{agg("count"), agg("sum", 1), agg("min", 1), cd, agg("median", 1)}, nil)
			},
			Want: wantRows,
		}})
	}
}

func TestLookupAgg(t *testing.T) {
	cases := []struct {
		name string
		args []types.T
		want types.T
		err  bool
	}{
		{"count", nil, types.Int64Type, false},
		{"sum", []types.T{types.Int32Type}, types.Int64Type, false},
		{"sum", []types.T{types.Int64Type}, types.DecimalType(38, 0), false},
		{"sum", []types.T{types.DecimalType(12, 3)}, types.DecimalType(38, 3), false},
		{"avg", []types.T{types.DecimalType(12, 8)}, types.DecimalType(38, 16), false},
		{"avg", []types.T{types.DecimalType(38, 6)}, types.DecimalType(38, 6), false},
		{"avg", []types.T{types.DecimalType(30, 2)}, types.DecimalType(38, 10), false},
		{"avg", []types.T{types.Int16Type}, types.DecimalType(38, 16), false},
		{"avg", []types.T{types.Float32Type}, types.Float64Type, false},
		{"sum", []types.T{types.TextType}, types.T{}, true},
		{"min", []types.T{types.DateType}, types.DateType, false},
		{"median", []types.T{types.DecimalType(12, 2)}, types.DecimalType(12, 2), false},
		{"percentile_cont", []types.T{types.Float64Type, types.Int32Type}, types.Float64Type, false},
		{"listagg", []types.T{types.VarcharOf(10), types.VarcharType}, types.VarcharType, false},
		{"nosuch", nil, types.T{}, true},
	}
	for _, c := range cases {
		got, err := exec.LookupAgg(c.name, c.args, false)
		if c.err {
			if sqlerr.CodeOf(err) != sqlerr.UndefinedFunction {
				t.Errorf("%s%v: err %v, want 42883", c.name, c.args, err)
			}
			continue
		}
		if err != nil || got != c.want {
			t.Errorf("%s%v = %v, %v; want %v", c.name, c.args, got, err, c.want)
		}
	}
}

func TestHashAggErrors(t *testing.T) {
	boom := sqlerr.Newf(sqlerr.DivisionByZero, "boom")
	var rows [][]types.Datum
	for i := 0; i < 100; i++ {
		rows = append(rows, exectest.R(i%3, i, "x", 1.0, int64(i), true, int64(i)))
	}
	for _, n := range []int{1, 3} {
		srcs := []*exectest.Source{exectest.Failing(aggIn, rows, 10, 2, boom)}
		for i := 1; i < n; i++ {
			srcs = append(srcs, exectest.NewSource(aggIn, rows, 10))
		}
		ops := make([]exec.Operator, len(srcs))
		for i, s := range srcs {
			ops[i] = s
		}
		op := exec.NewHashAgg(&exec.EvalContext{}, ops, []int{0}, []exec.AggSpec{agg("count")}, nil)
		_, err := exectest.Drain(context.Background(), op)
		if sqlerr.CodeOf(err) != sqlerr.DivisionByZero {
			t.Errorf("%d inputs: err = %v, want 22012", n, err)
		}
		for i, s := range srcs {
			if s.Closed == 0 {
				t.Errorf("%d inputs: input %d not closed", n, i)
			}
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	op := exec.NewHashAgg(&exec.EvalContext{}, []exec.Operator{exectest.NewSource(aggIn, rows, 10), exectest.NewSource(aggIn, rows, 10)},
		nil, []exec.AggSpec{agg("count")}, nil)
	if _, err := exectest.Drain(ctx, op); sqlerr.CodeOf(err) != sqlerr.QueryCanceled {
		t.Errorf("canceled: err = %v, want 57014", err)
	}
}
