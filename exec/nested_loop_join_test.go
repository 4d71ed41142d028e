package exec_test

import (
	"testing"

	"github.com/warehoused/warehoused/exec"
	. "github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/types"
)

func nlj(typ exec.JoinType, cond exec.Expr) func(*exec.EvalContext, []exec.Operator) exec.Operator {
	return func(ec *exec.EvalContext, in []exec.Operator) exec.Operator {
		return exec.NewNestedLoopJoin(ec, in[0], in[1], typ, cond)
	}
}

func TestNestedLoopJoin(t *testing.T) {
	left := catRows(probe1, probe2)
	eq := Cmp(0, "=", 2)
	leftExtra := [][]types.Datum{R(nil, "pn", nil, nil), R(4, "p4", nil, nil)}
	rightExtra := [][]types.Datum{R(nil, nil, 3, "b3"), R(nil, nil, nil, "bn")}
	in := func(l, r [][]types.Datum) []Input { return []Input{In(tsTwo, l), In(tsTwo, r)} }
	var cross [][]types.Datum
	for _, l := range left {
		for _, r := range buildR {
			cross = append(cross, catRows([][]types.Datum{append(append([]types.Datum{}, l...), r...)})...)
		}
	}
	Run(t, []Case{
		{Name: "inner", Inputs: in(left, buildR), Make: nlj(exec.JoinInner, eq), Want: innerRows},
		{Name: "cross", Inputs: in(left, buildR), Make: nlj(exec.JoinInner, nil), Want: cross},
		{Name: "left", Inputs: in(left, buildR), Make: nlj(exec.JoinLeft, eq), Want: catRows(innerRows, leftExtra)},
		{Name: "right", Inputs: in(left, buildR), Make: nlj(exec.JoinRight, eq), Want: catRows(innerRows, rightExtra)},
		{Name: "full", Inputs: in(left, buildR), Make: nlj(exec.JoinFull, eq), Want: catRows(innerRows, leftExtra, rightExtra)},
		{Name: "semi", Inputs: in(left, buildR), Make: nlj(exec.JoinSemi, eq), Want: probe1},
		{Name: "anti", Inputs: in(left, buildR), Make: nlj(exec.JoinAnti, eq), Want: probe2},
		{Name: "mark", Inputs: in(left, buildR), Make: nlj(exec.JoinMark, eq),
			Want: [][]types.Datum{R(1, "p1", true), R(2, "p2", true), R(2, "p2b", true), R(nil, "pn", nil), R(4, "p4", nil)}},
		{Name: "mark no nulls", Inputs: in(left, buildNoNull), Make: nlj(exec.JoinMark, eq),
			Want: [][]types.Datum{R(1, "p1", true), R(2, "p2", true), R(2, "p2b", true), R(nil, "pn", nil), R(4, "p4", false)}},
		{Name: "mark empty", Inputs: in(left, nil), Make: nlj(exec.JoinMark, eq),
			Want: [][]types.Datum{R(1, "p1", false), R(2, "p2", false), R(2, "p2b", false), R(nil, "pn", false), R(4, "p4", false)}},
		{Name: "theta", Inputs: in(left, buildNoNull), Make: nlj(exec.JoinInner, Cmp(0, ">", 2)),
			Want: [][]types.Datum{R(2, "p2", 1, "b1"), R(2, "p2b", 1, "b1"), R(4, "p4", 1, "b1"), R(4, "p4", 2, "b2"), R(4, "p4", 2, "b2b"), R(4, "p4", 3, "b3")}},
		{Name: "left empty right", Inputs: in(left, nil), Make: nlj(exec.JoinLeft, eq), Want: catRows(leftExtra, [][]types.Datum{R(1, "p1", nil, nil), R(2, "p2", nil, nil), R(2, "p2b", nil, nil)})},
		{Name: "inner empty left", Inputs: in(nil, buildR), Make: nlj(exec.JoinInner, eq), Want: nil},
		{Name: "full empty left", Inputs: in(nil, buildR), Make: nlj(exec.JoinFull, eq),
			Want: [][]types.Datum{R(nil, nil, 1, "b1"), R(nil, nil, 2, "b2"), R(nil, nil, 2, "b2b"), R(nil, nil, 3, "b3"), R(nil, nil, nil, "bn")}},
	})
}
