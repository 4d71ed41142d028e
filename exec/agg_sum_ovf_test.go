package exec_test

import (
	"testing"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// TestSumDecimalWrapAcrossInputs checks that a 128-bit sum that wraps (in an
// input's partial state or only when partial states are combined) is an
// out-of-range error, also when the wrapped value lands back in range.
func TestSumDecimalWrapAcrossInputs(t *testing.T) {
	ts := []types.T{types.Int32Type, types.DecimalType(38, 0)}
	big, _ := types.Pow10D128(37).Mul(types.D128(9))
	neg, _ := types.D128(0).Sub(big)
	var a, b [][]types.Datum
	for i := 0; i < 19; i++ {
		a = append(a, exectest.R(1, big))
		b = append(b, exectest.R(1, big))
	}
	// Group 2 sums to 0 without wrapping: it must not be flagged.
	a = append(a, exectest.R(2, big))
	b = append(b, exectest.R(2, neg))
	mk := func(ec *exec.EvalContext, ops []exec.Operator) exec.Operator {
		return exec.NewHashAgg(ec, ops, []int{0}, []exec.AggSpec{{Name: "sum", Args: []int{1}, Filter: -1}}, nil)
	}
	exectest.Run(t, []exectest.Case{
		{Name: "wrap", Inputs: []exectest.Input{{Types: ts, Rows: a}, {Types: ts, Rows: b}}, Make: mk, WantErr: sqlerr.NumericValueOutOfRange},
		{Name: "no wrap", Inputs: []exectest.Input{{Types: ts, Rows: a[19:]}, {Types: ts, Rows: b[19:]}}, Make: mk,
			Want: [][]types.Datum{exectest.R(2, types.D128(0))}},
	})
}
