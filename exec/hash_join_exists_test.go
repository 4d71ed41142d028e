package exec_test

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/warehoused/warehoused/exec"
	. "github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/types"
)

// TestHashJoinExistsResidual checks semi, anti and mark joins with a residual
// (probed in rounds, stopping at a row's first passing pair) against the
// nested-loop join, on long chains of duplicate keys.
func TestHashJoinExistsResidual(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 9))
	gen := func(n, keys int) [][]types.Datum {
		rows := make([][]types.Datum, n)
		for i := range rows {
			var k types.Datum = int64(r.IntN(keys))
			if r.IntN(12) == 0 {
				k = nil
			}
			rows[i] = R(k, string(rune('a'+r.IntN(26))))
		}
		return rows
	}
	res := func(row []types.Datum) types.Datum {
		p, b := row[1].(string), row[3].(string)
		return (int(p[0])+int(b[0]))%7 == 0
	}
	residual := RowFunc(types.BoolType, res)
	cond := RowFunc(types.BoolType, func(row []types.Datum) types.Datum {
		rv := res(row).(bool)
		if row[0] == nil || row[2] == nil {
			if !rv {
				return false
			}
			return nil
		}
		return row[0] == row[2] && rv
	})
	ctx := context.Background()
	for trial := 0; trial < 5; trial++ {
		probe := gen(1+r.IntN(300), 1+r.IntN(6))
		build := gen(r.IntN(400), 1+r.IntN(6))
		for _, typ := range []exec.JoinType{exec.JoinSemi, exec.JoinAnti, exec.JoinMark} {
			for _, bs := range []int{3, 1024} {
				ec := &exec.EvalContext{BatchSize: bs}
				want, err := Drain(ctx, exec.NewNestedLoopJoin(ec, NewSource(tsTwo, probe, bs), NewSource(tsTwo, build, bs), typ, cond))
				if err != nil {
					t.Fatal(err)
				}
				spec := eqSpec(typ)
				spec.Residual = residual
				cut := len(probe) / 2
				probes := []exec.Operator{NewSource(tsTwo, probe[:cut], bs), NewSource(tsTwo, probe[cut:], bs)}
				got, err := Drain(ctx, exec.NewGather(exec.NewHashJoin(ec, probes, NewSource(tsTwo, build, bs), spec)))
				if err != nil {
					t.Fatal(err)
				}
				if d := Diff(got, want, false); d != "" {
					t.Fatalf("trial %d type %d bs %d:\n%s", trial, typ, bs, d)
				}
			}
		}
	}
}

// TestHashJoinLargeBuild joins against a build side large enough to be
// hashed and chained on two goroutines, with NULL keys and duplicates.
func TestHashJoinLargeBuild(t *testing.T) {
	const n, keys = 1<<17 + 999, 40000
	build := make([][]types.Datum, n)
	count := map[int64]int{}
	for i := range build {
		var k types.Datum
		if i%13 != 0 {
			x := int64(i*7919) % keys
			k = x
			count[x]++
		}
		build[i] = R(k, "b")
	}
	var probe, want [][]types.Datum
	for i := 0; i < 500; i++ {
		x := int64(i * 97)
		probe = append(probe, R(x, "p"))
		for range count[x] {
			want = append(want, R(x, "p", x, "b"))
		}
	}
	probe = append(probe, R(nil, "p"))
	ctx := context.Background()
	ec := &exec.EvalContext{}
	got, err := Drain(ctx, exec.NewGather(exec.NewHashJoin(ec, []exec.Operator{NewSource(tsTwo, probe, 0)}, NewSource(tsTwo, build, 0), eqSpec(exec.JoinInner))))
	if err != nil {
		t.Fatal(err)
	}
	if d := Diff(got, want, false); d != "" {
		t.Fatal(d)
	}
	// NOT IN sees the build side's NULL keys: no row qualifies.
	s := eqSpec(exec.JoinAnti)
	s.NullAware = true
	got, err = Drain(ctx, exec.NewGather(exec.NewHashJoin(ec, []exec.Operator{NewSource(tsTwo, probe, 0)}, NewSource(tsTwo, build, 0), s)))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 0 {
		t.Fatalf("NOT IN kept %d rows", len(got))
	}
}
