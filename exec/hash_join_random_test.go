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
