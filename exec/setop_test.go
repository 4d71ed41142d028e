package exec_test

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/exec"
	. "github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func setOp(kind uint8, all bool) func(*exec.EvalContext, []exec.Operator) exec.Operator {
	return func(ec *exec.EvalContext, in []exec.Operator) exec.Operator {
		return exec.NewSetOp(in[0], in[1], kind, all)
	}
}

func TestSetOp(t *testing.T) {
	l := [][]types.Datum{R(1, "a"), R(1, "a"), R(1, "a"), R(2, nil), R(2, nil), R(3, "c"), R(nil, nil)}
	r := [][]types.Datum{R(1, "a"), R(1, "a"), R(2, nil), R(4, "d"), R(nil, nil), R(nil, nil)}
	in := []Input{In(tsTwo, l), In(tsTwo, r)}
	Run(t, []Case{
		{Name: "intersect", Inputs: in, Make: setOp(exec.SetOpIntersect, false), Want: [][]types.Datum{R(1, "a"), R(2, nil), R(nil, nil)}},
		{Name: "intersect all", Inputs: in, Make: setOp(exec.SetOpIntersect, true), Want: [][]types.Datum{R(1, "a"), R(1, "a"), R(2, nil), R(nil, nil)}},
		{Name: "except", Inputs: in, Make: setOp(exec.SetOpExcept, false), Want: [][]types.Datum{R(3, "c")}},
		{Name: "except all", Inputs: in, Make: setOp(exec.SetOpExcept, true), Want: [][]types.Datum{R(1, "a"), R(2, nil), R(3, "c")}},
		{Name: "except empty right", Inputs: []Input{In(tsTwo, l), In(tsTwo, nil)}, Make: setOp(exec.SetOpExcept, false),
			Want: [][]types.Datum{R(1, "a"), R(2, nil), R(3, "c"), R(nil, nil)}, WantAllNull: [][]types.Datum{R(nil, nil)}},
		{Name: "intersect empty left", Inputs: []Input{In(tsTwo, nil), In(tsTwo, r)}, Make: setOp(exec.SetOpIntersect, true), Want: nil},
		{Name: "intersect all null", Inputs: in, Make: setOp(exec.SetOpIntersect, true), Want: [][]types.Datum{R(1, "a"), R(1, "a"), R(2, nil), R(nil, nil)},
			WantAllNull: [][]types.Datum{R(nil, nil), R(nil, nil), R(nil, nil), R(nil, nil), R(nil, nil), R(nil, nil)}},
	})
}

// countTo is a tiny recursive term: n+1 for each row n of the work table while n < limit.
type countTo struct {
	scan  exec.Operator
	limit int64
}

func (c *countTo) Types() []types.T               { return tsOne }
func (c *countTo) Open(ctx context.Context) error { return c.scan.Open(ctx) }
func (c *countTo) Close() error                   { return c.scan.Close() }
func (c *countTo) Next(ctx context.Context) (*vector.Batch, error) {
	for {
		b, err := c.scan.Next(ctx)
		if b == nil || err != nil {
			return nil, err
		}
		out := vector.NewWithCap(tInt, b.N)
		for i := 0; i < b.N; i++ {
			if x := b.Cols[0].Ints[i]; x < c.limit || c.limit < 0 {
				out.Append((x + 1) % 1000)
			}
		}
		if out.Len() > 0 {
			return &vector.Batch{Cols: []*vector.Vector{out}, N: out.Len()}, nil
		}
	}
}

func TestRecursiveCTE(t *testing.T) {
	mk := func(limit int64, distinct bool) func(*exec.EvalContext, []exec.Operator) exec.Operator {
		return func(ec *exec.EvalContext, in []exec.Operator) exec.Operator {
			w := exec.NewWorkTable(tsOne)
			return exec.NewRecursiveCTE(in[0], w, func() (exec.Operator, error) {
				return &countTo{scan: exec.NewWorkTableScan(w), limit: limit}, nil
			}, distinct)
		}
	}
	Run(t, []Case{
		{Name: "count", Inputs: []Input{In(tsOne, Ints(1))}, Make: mk(5, false), Want: Ints(1, 2, 3, 4, 5), Ordered: true},
		{Name: "two seeds all", Inputs: []Input{In(tsOne, Ints(1, 1))}, Make: mk(3, false), Want: Ints(1, 1, 2, 2, 3, 3)},
		{Name: "two seeds distinct", Inputs: []Input{In(tsOne, Ints(1, 1, 2))}, Make: mk(3, true), Want: Ints(1, 2, 3)},
		{Name: "cycle distinct ends", Inputs: []Input{In(tsOne, Ints(0))}, Make: mk(-1, true), Want: func() [][]types.Datum {
			var out [][]types.Datum
			for i := 0; i < 1000; i++ {
				out = append(out, R(i))
			}
			return out
		}(), BatchSizes: []int{7, 1024}},
		{Name: "empty anchor", Inputs: []Input{In(tsOne, nil)}, Make: mk(3, false), Want: nil},
	})
}
