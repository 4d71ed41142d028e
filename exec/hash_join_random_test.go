package exec_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/warehoused/warehoused/exec"
	. "github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/types"
)

// TestHashJoinMatchesNestedLoop checks every join type of the hash join
// against the nested-loop join (a different algorithm) on random keys with
// NULLs and duplicates, at several batch sizes and probe parallelism.
func TestHashJoinMatchesNestedLoop(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	gen := func(n, keys int, tag string) [][]types.Datum {
		rows := make([][]types.Datum, n)
		for i := range rows {
			var k types.Datum = int64(r.IntN(keys))
			if r.IntN(10) == 0 {
				k = nil
			}
			rows[i] = R(k, tag+string(rune('a'+i%26)))
		}
		return rows
	}
	ctx := context.Background()
	for trial := 0; trial < 6; trial++ {
		probe := gen(r.IntN(300), 1+r.IntN(40), "p")
		build := gen(r.IntN(200), 1+r.IntN(40), "b")
		if trial == 0 {
			build = nil
		}
		for _, typ := range []exec.JoinType{exec.JoinInner, exec.JoinLeft, exec.JoinRight, exec.JoinFull, exec.JoinSemi, exec.JoinAnti, exec.JoinMark} {
			for _, bs := range []int{5, 1024} {
				ec := &exec.EvalContext{BatchSize: bs}
				want, err := Drain(ctx, exec.NewNestedLoopJoin(ec, NewSource(tsTwo, probe, bs), NewSource(tsTwo, build, bs), typ, Cmp(0, "=", 2)))
				if err != nil {
					t.Fatal(err)
				}
				cut := len(probe) / 3
				probes := []exec.Operator{NewSource(tsTwo, probe[:cut], bs), NewSource(tsTwo, probe[cut:], bs)}
				got, err := Drain(ctx, exec.NewGather(exec.NewHashJoin(ec, probes, NewSource(tsTwo, build, bs), eqSpec(typ))))
				if err != nil {
					t.Fatal(err)
				}
				if d := Diff(got, want, false); d != "" {
					t.Fatalf("trial %d type %d bs %d:\n%s", trial, typ, bs, d)
				}
			}
		}
		// NOT IN (null-aware anti) keeps exactly the rows whose IN mark is FALSE.
		marks, _ := Drain(ctx, exec.NewNestedLoopJoin(&exec.EvalContext{}, NewSource(tsTwo, probe, 0), NewSource(tsTwo, build, 0), exec.JoinMark, Cmp(0, "=", 2)))
		var want [][]types.Datum
		for _, m := range marks {
			if m[2] == false {
				want = append(want, m[:2])
			}
		}
		s := eqSpec(exec.JoinAnti)
		s.NullAware = true
		got, err := Drain(ctx, exec.NewGather(exec.NewHashJoin(&exec.EvalContext{BatchSize: 7}, []exec.Operator{NewSource(tsTwo, probe, 7)}, NewSource(tsTwo, build, 7), s)))
		if err != nil {
			t.Fatal(err)
		}
		if d := Diff(got, want, false); d != "" {
			t.Fatalf("trial %d NOT IN:\n%s", trial, d)
		}
	}
}

// TestHashJoinRightSemiMatchesSemi checks JoinRightSemi/JoinRightAnti (build on
// the tested side, probe with the subquery side in parallel) against
// JoinSemi/JoinAnti with the roles swapped, on random keys with NULLs and
// duplicates on both sides, with and without a residual, and empty sides.
func TestHashJoinRightSemiMatchesSemi(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 3))
	gen := func(n, keys int) [][]types.Datum {
		rows := make([][]types.Datum, n)
		for i := range rows {
			var k types.Datum = int64(r.IntN(keys))
			if r.IntN(10) == 0 {
				k = nil
			}
			rows[i] = R(k, string(rune('a'+r.IntN(26))))
		}
		return rows
	}
	ctx := context.Background()
	total := 0
	for trial := 0; trial < 8; trial++ {
		tested := gen(r.IntN(200), 1+r.IntN(40))
		sub := gen(r.IntN(400), 1+r.IntN(40))
		switch trial {
		case 0:
			tested = nil
		case 1:
			sub = nil
		}
		for _, pair := range [][2]exec.JoinType{{exec.JoinRightSemi, exec.JoinSemi}, {exec.JoinRightAnti, exec.JoinAnti}} {
			for _, resid := range []bool{false, true} {
				for _, bs := range []int{3, 1024} {
					ec := &exec.EvalContext{BatchSize: bs}
					ref := eqSpec(pair[1])
					spec := eqSpec(pair[0])
					if resid {
						// sub.tag < tested.tag: columns tested ++ sub in the
						// reference, sub ++ tested in the right join.
						ref.Residual = Cmp(3, "<", 1)
						spec.Residual = Cmp(1, "<", 3)
					}
					want, err := Drain(ctx, exec.NewGather(exec.NewHashJoin(ec, []exec.Operator{NewSource(tsTwo, tested, bs)}, NewSource(tsTwo, sub, bs), ref)))
					if err != nil {
						t.Fatal(err)
					}
					var probes []exec.Operator
					for k := 0; k < 3; k++ {
						lo, hi := len(sub)*k/3, len(sub)*(k+1)/3
						probes = append(probes, NewSource(tsTwo, sub[lo:hi], bs))
					}
					got, err := Drain(ctx, exec.NewGather(exec.NewHashJoin(ec, probes, NewSource(tsTwo, tested, bs), spec)))
					if err != nil {
						t.Fatal(err)
					}
					if d := Diff(got, want, false); d != "" {
						t.Fatalf("trial %d type %d resid %v bs %d:\n%s", trial, pair[0], resid, bs, d)
					}
					total += len(want)
				}
			}
		}
	}
	if total == 0 {
		t.Fatal("no rows compared")
	}
}
