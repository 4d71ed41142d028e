package exectest

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/types"
)

func TestSourceAndDiff(t *testing.T) {
	ts := []types.T{types.Int64Type, types.TextType}
	rows := [][]types.Datum{R(1, "a"), R(nil, nil), R(3, "c")}
	for _, bs := range DefaultBatchSizes {
		got, err := Drain(context.Background(), NewSource(ts, rows, bs))
		if err != nil {
			t.Fatal(err)
		}
		if d := Diff(got, rows, true); d != "" {
			t.Fatal(d)
		}
	}
	if Diff([][]types.Datum{R(1)}, [][]types.Datum{R(1.0)}, false) == "" {
		t.Error("int64 and float64 compare equal")
	}
	if Diff(Ints(1, 2), Ints(2, 1), false) != "" || Diff(Ints(1, 2), Ints(2, 1), true) == "" {
		t.Error("ordering wrong")
	}
	// Run itself, on a passthrough.
	Run(t, []Case{{
		Name:        "identity",
		Inputs:      []Input{In(ts, rows)},
		Make:        func(ec *exec.EvalContext, in []exec.Operator) exec.Operator { return in[0] },
		Want:        rows,
		Ordered:     true,
		WantAllNull: [][]types.Datum{R(nil, nil), R(nil, nil), R(nil, nil)},
	}})
}
