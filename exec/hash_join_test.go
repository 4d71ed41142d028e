package exec_test

import (
	"context"
	"errors"
	"testing"

	"github.com/warehoused/warehoused/exec"
	. "github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

var (
	probe1      = [][]types.Datum{R(1, "p1"), R(2, "p2"), R(2, "p2b")}
	probe2      = [][]types.Datum{R(nil, "pn"), R(4, "p4")}
	buildR      = [][]types.Datum{R(1, "b1"), R(2, "b2"), R(2, "b2b"), R(3, "b3"), R(nil, "bn")}
	buildNoNull = buildR[:4]
	innerRows   = [][]types.Datum{
		R(1, "p1", 1, "b1"), R(2, "p2", 2, "b2"), R(2, "p2", 2, "b2b"), R(2, "p2b", 2, "b2"), R(2, "p2b", 2, "b2b"),
	}
)

// hj builds a hash join over inputs [probe..., build], gathered.
func hj(eqSpec exec.JoinSpec) func(*exec.EvalContext, []exec.Operator) exec.Operator {
	return func(ec *exec.EvalContext, in []exec.Operator) exec.Operator {
		ops := exec.NewHashJoin(ec, in[:len(in)-1], in[len(in)-1], eqSpec)
		return exec.NewGather(ops)
	}
}

func eqSpec(typ exec.JoinType) exec.JoinSpec {
	return exec.JoinSpec{Type: typ, ProbeKeys: []int{0}, BuildKeys: []int{0}}
}

func catRows(rs ...[][]types.Datum) [][]types.Datum {
	var out [][]types.Datum
	for _, r := range rs {
		out = append(out, r...)
	}
	return out
}

func joinInputs(build [][]types.Datum) []Input {
	return []Input{In(tsTwo, probe1), In(tsTwo, probe2), In(tsTwo, build)}
}

func TestHashJoinTypes(t *testing.T) {
	leftExtra := [][]types.Datum{R(nil, "pn", nil, nil), R(4, "p4", nil, nil)}
	rightExtra := [][]types.Datum{R(nil, nil, 3, "b3"), R(nil, nil, nil, "bn")}
	allNull5 := [][]types.Datum{R(nil, nil, nil, nil), R(nil, nil, nil, nil), R(nil, nil, nil, nil), R(nil, nil, nil, nil), R(nil, nil, nil, nil)}
	bv := func(r []types.Datum) types.Datum { return r[3] }
	notB2b := RowFunc(types.BoolType, func(r []types.Datum) types.Datum {
		if bv(r) == nil {
			return nil
		}
		return bv(r) != "b2b"
	})
	isB2b := RowFunc(types.BoolType, func(r []types.Datum) types.Datum {
		if bv(r) == nil {
			return nil
		}
		return bv(r) == "b2b"
	})
	withRes := func(typ exec.JoinType, res exec.Expr) exec.JoinSpec {
		s := eqSpec(typ)
		s.Residual = res
		return s
	}
	nullAware := eqSpec(exec.JoinAnti)
	nullAware.NullAware = true
	nullEq := eqSpec(exec.JoinInner)
	nullEq.NullEq = []bool{true}
	Run(t, []Case{
		{Name: "inner", Inputs: joinInputs(buildR), Make: hj(eqSpec(exec.JoinInner)), Want: innerRows, WantAllNull: [][]types.Datum{}},
		{Name: "left", Inputs: joinInputs(buildR), Make: hj(eqSpec(exec.JoinLeft)), Want: catRows(innerRows, leftExtra), WantAllNull: allNull5},
		{Name: "right", Inputs: joinInputs(buildR), Make: hj(eqSpec(exec.JoinRight)), Want: catRows(innerRows, rightExtra), WantAllNull: allNull5},
		{Name: "full", Inputs: joinInputs(buildR), Make: hj(eqSpec(exec.JoinFull)), Want: catRows(innerRows, leftExtra, rightExtra)},
		{Name: "semi", Inputs: joinInputs(buildR), Make: hj(eqSpec(exec.JoinSemi)), Want: probe1},
		{Name: "anti", Inputs: joinInputs(buildR), Make: hj(eqSpec(exec.JoinAnti)), Want: probe2},
		{Name: "anti null-aware build NULL", Inputs: joinInputs(buildR), Make: hj(nullAware), Want: nil},
		{Name: "anti null-aware", Inputs: joinInputs(buildNoNull), Make: hj(nullAware), Want: [][]types.Datum{R(4, "p4")}},
		{Name: "anti null-aware empty build", Inputs: joinInputs(nil), Make: hj(nullAware), Want: catRows(probe1, probe2)},
		{Name: "mark", Inputs: joinInputs(buildR), Make: hj(eqSpec(exec.JoinMark)),
			Want: [][]types.Datum{R(1, "p1", true), R(2, "p2", true), R(2, "p2b", true), R(nil, "pn", nil), R(4, "p4", nil)}},
		{Name: "mark no build NULL", Inputs: joinInputs(buildNoNull), Make: hj(eqSpec(exec.JoinMark)),
			Want: [][]types.Datum{R(1, "p1", true), R(2, "p2", true), R(2, "p2b", true), R(nil, "pn", nil), R(4, "p4", false)}},
		{Name: "mark empty build", Inputs: joinInputs(nil), Make: hj(eqSpec(exec.JoinMark)),
			Want: [][]types.Datum{R(1, "p1", false), R(2, "p2", false), R(2, "p2b", false), R(nil, "pn", false), R(4, "p4", false)}},
		{Name: "null-eq inner", Inputs: joinInputs(buildR), Make: hj(nullEq), Want: catRows(innerRows, [][]types.Datum{R(nil, "pn", nil, "bn")})},
		{Name: "inner residual", Inputs: joinInputs(buildR), Make: hj(withRes(exec.JoinInner, notB2b)),
			Want: [][]types.Datum{R(1, "p1", 1, "b1"), R(2, "p2", 2, "b2"), R(2, "p2b", 2, "b2")}},
		{Name: "left residual", Inputs: joinInputs(buildR), Make: hj(withRes(exec.JoinLeft, isB2b)),
			Want: [][]types.Datum{R(2, "p2", 2, "b2b"), R(2, "p2b", 2, "b2b"), R(1, "p1", nil, nil), R(nil, "pn", nil, nil), R(4, "p4", nil, nil)}},
		{Name: "full residual", Inputs: joinInputs(buildR), Make: hj(withRes(exec.JoinFull, isB2b)),
			Want: [][]types.Datum{R(2, "p2", 2, "b2b"), R(2, "p2b", 2, "b2b"), R(1, "p1", nil, nil), R(nil, "pn", nil, nil), R(4, "p4", nil, nil),
				R(nil, nil, 1, "b1"), R(nil, nil, 2, "b2"), R(nil, nil, 3, "b3"), R(nil, nil, nil, "bn")}},
		{Name: "semi residual", Inputs: joinInputs(buildR), Make: hj(withRes(exec.JoinSemi, isB2b)), Want: probe1[1:]},
		{Name: "anti residual", Inputs: joinInputs(buildR), Make: hj(withRes(exec.JoinAnti, isB2b)), Want: catRows(probe1[:1], probe2)},
		{Name: "mark residual", Inputs: joinInputs(buildNoNull), Make: hj(withRes(exec.JoinMark, isB2b)),
			Want: [][]types.Datum{R(1, "p1", false), R(2, "p2", true), R(2, "p2b", true), R(nil, "pn", nil), R(4, "p4", false)}},
		{Name: "inner empty build", Inputs: joinInputs(nil), Make: hj(eqSpec(exec.JoinInner)), Want: nil},
		{Name: "left empty build", Inputs: joinInputs(nil), Make: hj(eqSpec(exec.JoinLeft)), Want: catRows(leftExtra, [][]types.Datum{R(1, "p1", nil, nil), R(2, "p2", nil, nil), R(2, "p2b", nil, nil)})},
		{Name: "anti empty build", Inputs: joinInputs(nil), Make: hj(eqSpec(exec.JoinAnti)), Want: catRows(probe1, probe2)},
		{Name: "right empty probe", Inputs: []Input{In(tsTwo, nil), In(tsTwo, buildR)}, Make: hj(eqSpec(exec.JoinRight)),
			Want: [][]types.Datum{R(nil, nil, 1, "b1"), R(nil, nil, 2, "b2"), R(nil, nil, 2, "b2b"), R(nil, nil, 3, "b3"), R(nil, nil, nil, "bn")}},
		{Name: "full empty both", Inputs: []Input{In(tsTwo, nil), In(tsTwo, nil)}, Make: hj(eqSpec(exec.JoinFull)), Want: nil},
	})
}

func TestHashJoinMultiKeyAndExpansion(t *testing.T) {
	var probe, build, want [][]types.Datum
	for i := 0; i < 30; i++ {
		probe = append(probe, R(1, i%2, i))
	}
	for j := 0; j < 40; j++ {
		build = append(build, R(1, j%2, j))
	}
	for i := 0; i < 30; i++ {
		for j := 0; j < 40; j++ {
			if i%2 == j%2 {
				want = append(want, R(1, i%2, i, 1, j%2, j))
			}
		}
	}
	ts := []types.T{tInt, tInt, tInt}
	s := exec.JoinSpec{Type: exec.JoinInner, ProbeKeys: []int{0, 1}, BuildKeys: []int{0, 1}}
	Run(t, []Case{{Name: "dup keys", Inputs: []Input{In(ts, probe), In(ts, build)}, Make: hj(s), Want: want}})

	// NOT IN over tsTwo columns: (1, NULL) NOT IN ((1, 2)) is NULL (dropped);
	// (1, NULL) NOT IN ((2, 2)) is TRUE (kept).
	na := exec.JoinSpec{Type: exec.JoinAnti, ProbeKeys: []int{0, 1}, BuildKeys: []int{0, 1}, NullAware: true}
	p := [][]types.Datum{R(1, nil, 0), R(3, 3, 1), R(2, 2, 2)}
	Run(t, []Case{
		{Name: "not in multi", Inputs: []Input{In(ts, p), In(ts, [][]types.Datum{R(1, 2, 0)})}, Make: hj(na), Want: [][]types.Datum{R(3, 3, 1), R(2, 2, 2)}},
		{Name: "not in multi 2", Inputs: []Input{In(ts, p), In(ts, [][]types.Datum{R(2, 2, 0)})}, Make: hj(na), Want: [][]types.Datum{R(1, nil, 0), R(3, 3, 1)}},
		{Name: "not in build null", Inputs: []Input{In(ts, p), In(ts, [][]types.Datum{R(3, nil, 0)})}, Make: hj(na), Want: [][]types.Datum{R(1, nil, 0), R(2, 2, 2)}},
	})
}

func TestHashJoinErrorsAndClose(t *testing.T) {
	boom := sqlerr.Newf(sqlerr.DivisionByZero, "boom")
	for _, failBuild := range []bool{true, false} {
		probes := []exec.Operator{NewSource(tsTwo, probe1, 1), NewSource(tsTwo, probe2, 1)}
		var build exec.Operator = NewSource(tsTwo, buildR, 2)
		if failBuild {
			build = Failing(tsTwo, buildR, 2, 1, boom)
		} else {
			probes[1] = Failing(tsTwo, probe2, 1, 1, boom)
		}
		op := exec.NewGather(exec.NewHashJoin(&exec.EvalContext{}, probes, build, eqSpec(exec.JoinFull)))
		_, err := Drain(context.Background(), op)
		if !errors.Is(err, boom) {
			t.Errorf("failBuild=%v: err = %v", failBuild, err)
		}
		if build.(*Source).Closed == 0 {
			t.Errorf("build not closed")
		}
	}
	// Closing without opening closes every input.
	b := NewSource(tsTwo, buildR, 2)
	p := NewSource(tsTwo, probe1, 2)
	ops := exec.NewHashJoin(&exec.EvalContext{}, []exec.Operator{p}, b, eqSpec(exec.JoinInner))
	ops[0].Close()
	ops[0].Close()
	if b.Closed == 0 || p.Closed == 0 {
		t.Errorf("Close without Open left inputs open")
	}
}
