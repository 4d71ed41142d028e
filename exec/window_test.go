package exec_test

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

var winIn = []types.T{types.Int32Type, types.Int32Type, types.Int32Type} // p, o, v

var winRows = [][]types.Datum{
	exectest.R(1, 2, 20),
	exectest.R(2, 5, 5),
	exectest.R(1, 1, 10),
	exectest.R(nil, 1, 1),
	exectest.R(1, 2, 30),
	exectest.R(1, 3, nil),
}

// The frames.test table: id, g, v, d (DATE as days).
var frIn = []types.T{types.Int32Type, types.Int32Type, types.Int32Type, types.DateType}

var frRows = [][]types.Datum{
	exectest.R(1, 1, 1, 19723), exectest.R(2, 1, 2, 19724), exectest.R(3, 1, 2, 19726), exectest.R(4, 1, 5, 19730),
	exectest.R(5, 2, 3, 19723), exectest.R(6, 2, nil, 19725), exectest.R(7, 2, 3, 19725), exectest.R(8, 2, 10, nil),
}

const (
	up = 0 // bound kinds
	op = 1
	cr = 2
	of = 3
	uf = 4
)

func wf(name string, ret types.T, args []int, consts []types.Datum, fr exec.FrameSpec) exec.WindowSpec {
	return exec.WindowSpec{Name: name, Args: args, Consts: consts, Frame: fr, Ret: ret}
}

func TestWindow(t *testing.T) {
	rangeCur := exec.FrameSpec{Mode: 0, StartKind: up, EndKind: cr}
	whole := exec.FrameSpec{Mode: 1, StartKind: up, EndKind: uf}
	rows1 := exec.FrameSpec{Mode: 1, StartKind: op, StartOffset: 1, EndKind: cr}
	groups1 := exec.FrameSpec{Mode: 2, StartKind: op, StartOffset: 1, EndKind: cr}
	i64, f64 := types.Int64Type, types.Float64Type
	funcs := []exec.WindowSpec{
		wf("row_number", i64, nil, nil, rangeCur),
		wf("rank", i64, nil, nil, rangeCur),
		wf("dense_rank", i64, nil, nil, rangeCur),
		wf("percent_rank", f64, nil, nil, rangeCur),
		wf("cume_dist", f64, nil, nil, rangeCur),
		wf("sum", i64, []int{2}, nil, rangeCur),
		wf("count", i64, []int{2}, nil, rows1),
		wf("lag", types.Int32Type, []int{2}, nil, rangeCur),
		wf("lead", types.Int32Type, []int{2}, []types.Datum{int64(1), int64(0)}, rangeCur),
		wf("first_value", types.Int32Type, []int{2}, nil, whole),
		wf("last_value", types.Int32Type, []int{2}, nil, rangeCur),
		wf("ntile", i64, nil, []types.Datum{int64(3)}, rangeCur),
		wf("sum", i64, []int{2}, nil, groups1),
		wf("count", i64, nil, nil, whole),
	}
	third := 1.0 / 3
	want := [][]types.Datum{
		exectest.R(1, 1, 10, 1, 1, 1, 0.0, 0.25, 10, 1, nil, 20, 10, 10, 1, 10, 4),
		exectest.R(1, 2, 20, 2, 2, 2, third, 0.75, 60, 2, 10, 30, 10, 30, 1, 60, 4),
		exectest.R(1, 2, 30, 3, 2, 2, third, 0.75, 60, 2, 20, nil, 10, 30, 2, 60, 4),
		exectest.R(1, 3, nil, 4, 4, 3, 1.0, 1.0, 60, 1, 30, 0, 10, nil, 3, 50, 4),
		exectest.R(2, 5, 5, 1, 1, 1, 0.0, 1.0, 5, 1, nil, 0, 5, 5, 1, 5, 1),
		exectest.R(nil, 1, 1, 1, 1, 1, 0.0, 1.0, 1, 1, nil, 0, 1, 1, 1, 1, 1),
	}
	exectest.Run(t, []exectest.Case{
		{Name: "partitioned", Inputs: []exectest.Input{{Types: winIn, Rows: winRows}}, Ordered: true, Want: want,
			Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
				return exec.NewWindow(ec, ins[0], []int{0}, []exec.SortSpec{{Col: 1}}, funcs)
			}},
		{Name: "unordered", Inputs: []exectest.Input{{Types: winIn, Rows: winRows}},
			Want: [][]types.Datum{
				exectest.R(1, 2, 20, 66, 6), exectest.R(2, 5, 5, 66, 6), exectest.R(1, 1, 10, 66, 6),
				exectest.R(nil, 1, 1, 66, 6), exectest.R(1, 2, 30, 66, 6), exectest.R(1, 3, nil, 66, 6)},
			Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
				return exec.NewWindow(ec, ins[0], nil, nil, []exec.WindowSpec{
					wf("sum", i64, []int{2}, nil, rangeCur), wf("count", i64, nil, nil, exec.FrameSpec{})})
			}},
		{Name: "offsets_ignore_nulls", Inputs: []exectest.Input{{Types: winIn, Rows: winRows}}, Ordered: true,
			Want: [][]types.Datum{
				exectest.R(nil, 1, 1, nil, nil, 10, nil, 1),
				exectest.R(1, 1, 10, nil, nil, 20, 10, 10),
				exectest.R(1, 2, 20, 1, 1, 30, 20, 20),
				exectest.R(1, 2, 30, 10, 10, 5, 30, 30),
				exectest.R(1, 3, nil, 20, 20, 5, nil, 30),
				exectest.R(2, 5, 5, 30, 20, nil, 5, 5)},
			Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
				lag2 := wf("lag", types.Int32Type, []int{2}, []types.Datum{int64(2)}, rangeCur)
				lagIgn := lag2
				lagIgn.IgnoreNulls = true
				leadIgn := wf("lead", types.Int32Type, []int{2}, nil, rangeCur)
				leadIgn.IgnoreNulls = true
				nth := wf("nth_value", types.Int32Type, []int{2}, []types.Datum{int64(2)}, rows1)
				lastIgn := wf("last_value", types.Int32Type, []int{2}, nil, exec.FrameSpec{Mode: 1, StartKind: up, EndKind: cr})
				lastIgn.IgnoreNulls = true
				return exec.NewWindow(ec, ins[0], nil, []exec.SortSpec{{Col: 1}, {Col: 2}}, []exec.WindowSpec{lag2, lagIgn, leadIgn, nth, lastIgn})
			}},
		{Name: "ratio_to_report", Inputs: []exectest.Input{{Types: winIn, Rows: winRows}},
			Want: [][]types.Datum{
				exectest.R(1, 2, 20, 1.0/3), exectest.R(2, 5, 5, 1.0), exectest.R(1, 1, 10, 1.0/6),
				exectest.R(nil, 1, 1, 1.0), exectest.R(1, 2, 30, 0.5), exectest.R(1, 3, nil, nil)},
			Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
				return exec.NewWindow(ec, ins[0], []int{0}, nil, []exec.WindowSpec{wf("ratio_to_report", f64, []int{2}, nil, whole)})
			}},
		{Name: "empty", Inputs: []exectest.Input{{Types: winIn}}, Want: nil,
			Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
				return exec.NewWindow(ec, ins[0], []int{0}, nil, funcs)
			}},
		{Name: "range_offset", Inputs: []exectest.Input{{Types: frIn, Rows: frRows}},
			Want: [][]types.Datum{
				exectest.R(1, 5, 2, 1), exectest.R(2, 11, 3, 2), exectest.R(3, 11, 3, 2), exectest.R(4, 5, 1, 1),
				exectest.R(5, 10, 2, 2), exectest.R(6, nil, 4, 1), exectest.R(7, 10, 4, 2), exectest.R(8, 10, 1, 1)},
			Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
				sumV := exec.NewWindow(ec, ins[0], nil, []exec.SortSpec{{Col: 2, Desc: true, NullsFirst: true}}, []exec.WindowSpec{
					wf("sum", i64, []int{2}, nil, exec.FrameSpec{Mode: 0, StartKind: op, StartOffset: 1, EndKind: of, EndOffset: 1})})
				days := exec.NewWindow(ec, sumV, nil, []exec.SortSpec{{Col: 3}}, []exec.WindowSpec{
					wf("count", i64, []int{2}, nil, exec.FrameSpec{Mode: 0, StartKind: op, StartOffset: 2, EndKind: cr})})
				peers := exec.NewWindow(ec, days, nil, []exec.SortSpec{{Col: 2}}, []exec.WindowSpec{
					wf("count", i64, nil, nil, exec.FrameSpec{Mode: 0, StartKind: cr, EndKind: cr})})
				return &pick{Operator: peers, cols: []int{0, 4, 5, 6}}
			}},
		{Name: "range_offset_two_keys", Inputs: []exectest.Input{{Types: winIn, Rows: winRows}}, WantErr: sqlerr.WindowingError,
			Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
				return exec.NewWindow(ec, ins[0], nil, []exec.SortSpec{{Col: 1}, {Col: 2}}, []exec.WindowSpec{
					wf("sum", i64, []int{2}, nil, exec.FrameSpec{Mode: 0, StartKind: op, StartOffset: 1, EndKind: cr})})
			}},
		{Name: "sliding_avg", Inputs: []exectest.Input{{Types: winIn, Rows: winRows}}, Ordered: true,
			Want: [][]types.Datum{
				exectest.R(nil, 1, 1, decS(55, 15)), exectest.R(1, 1, 10, dec(103333333333333333)), exectest.R(1, 2, 20, decS(20, 16)),
				exectest.R(1, 2, 30, decS(25, 16)), exectest.R(1, 3, nil, decS(175, 15)), exectest.R(2, 5, 5, decS(5, 16))},
			Make: func(ec *exec.EvalContext, ins []exec.Operator) exec.Operator {
				return exec.NewWindow(ec, ins[0], nil, []exec.SortSpec{{Col: 1}, {Col: 2}}, []exec.WindowSpec{
					wf("avg", types.DecimalType(38, 16), []int{2}, nil, exec.FrameSpec{Mode: 1, StartKind: op, StartOffset: 1, EndKind: of, EndOffset: 1})})
			}},
	})
}

func TestLookupWindow(t *testing.T) {
	for _, c := range []struct {
		name string
		args []types.T
		want types.T
	}{
		{"row_number", nil, types.Int64Type},
		{"cume_dist", nil, types.Float64Type},
		{"lag", []types.T{types.TextType, types.Int32Type}, types.TextType},
		{"sum", []types.T{types.Int32Type}, types.Int64Type},
		{"nth_value", []types.T{types.DateType, types.Int64Type}, types.DateType},
	} {
		got, err := exec.LookupWindow(c.name, c.args)
		if err != nil || got != c.want {
			t.Errorf("%s%v = %v, %v; want %v", c.name, c.args, got, err, c.want)
		}
	}
	if _, err := exec.LookupWindow("nosuch", nil); sqlerr.CodeOf(err) != sqlerr.UndefinedFunction {
		t.Errorf("nosuch: %v", err)
	}
}

// pick is a test operator keeping some input columns.
type pick struct {
	exec.Operator
	cols []int
}

func (p *pick) Types() []types.T {
	in := p.Operator.Types()
	out := make([]types.T, len(p.cols))
	for i, c := range p.cols {
		out[i] = in[c]
	}
	return out
}

func (p *pick) Next(ctx context.Context) (*vector.Batch, error) {
	b, err := p.Operator.Next(ctx)
	if b == nil || err != nil {
		return b, err
	}
	out := &vector.Batch{N: b.N}
	for _, c := range p.cols {
		out.Cols = append(out.Cols, b.Cols[c])
	}
	return out, nil
}
