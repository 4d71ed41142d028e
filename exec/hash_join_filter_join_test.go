package exec_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/warehoused/warehoused/exec"
	. "github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/types"
)

// TestHashJoinFilterSameResults runs every join kind the hash join supports
// with its join filter and without, over int, text, two-column and
// NULL-equal keys, with NULLs, an empty build side, all rows matching, few
// rows matching, a match rate that changes along the input (so the adaptive
// use of the filter turns off and on again), and with a residual.
func TestHashJoinFilterSameResults(t *testing.T) {
	ts := []types.T{tInt, tText, tText}
	r := rand.New(rand.NewPCG(3, 8))
	// gen makes n rows (key, key as text, tag); key(i) < 0 makes a NULL key.
	gen := func(n int, key func(i int) int64, tag string) [][]types.Datum {
		rows := make([][]types.Datum, n)
		for i := range rows {
			k := key(i)
			var ki, ks types.Datum = k, fmt.Sprint(k)
			if k < 0 {
				ki, ks = nil, nil
			}
			rows[i] = R(ki, ks, tag+fmt.Sprint(r.IntN(5)))
		}
		return rows
	}
	withNulls := func(keys int) func(int) int64 {
		return func(int) int64 {
			if r.IntN(8) == 0 {
				return -1
			}
			return int64(r.IntN(keys))
		}
	}
	const big = 6000
	cases := []struct {
		name         string
		probe, build [][]types.Datum
	}{
		{"sparse", gen(2000, func(i int) int64 { return int64(i) * 3 }, "p"), gen(50, func(i int) int64 { return int64(i) * 1000 }, "b")},
		{"nulls", gen(1500, withNulls(300), "p"), gen(40, withNulls(300), "b")},
		{"all-match", gen(2000, func(i int) int64 { return int64(i % 100) }, "p"), gen(100, func(i int) int64 { return int64(i) }, "b")},
		{"empty-build", gen(500, withNulls(10), "p"), nil},
		{"empty-probe", nil, gen(50, withNulls(10), "b")},
		{"null-build-only", gen(300, withNulls(10), "p"), gen(5, func(int) int64 { return -1 }, "b")},
		// All rows match in the first half, none in the second: with
		// frequent samples, the filter is switched off on the first half
		// and sampled again (and kept) on the second.
		{"phases", gen(big, func(i int) int64 {
			if i < big/2 {
				return int64(i % 500)
			}
			return int64(i) + 1000
		}, "p"), gen(500, func(i int) int64 { return int64(i) }, "b")},
	}
	specs := []struct {
		name string
		spec exec.JoinSpec
	}{
		{"int", exec.JoinSpec{ProbeKeys: []int{0}, BuildKeys: []int{0}}},
		{"text", exec.JoinSpec{ProbeKeys: []int{1}, BuildKeys: []int{1}}},
		{"two", exec.JoinSpec{ProbeKeys: []int{0, 1}, BuildKeys: []int{0, 1}}},
		{"int-int", exec.JoinSpec{ProbeKeys: []int{0, 0}, BuildKeys: []int{0, 0}}},
		{"nulleq", exec.JoinSpec{ProbeKeys: []int{0}, BuildKeys: []int{0}, NullEq: []bool{true}}},
		{"residual", exec.JoinSpec{ProbeKeys: []int{0}, BuildKeys: []int{0}, Residual: Cmp(2, "<", 5)}},
	}
	kinds := []struct {
		name      string
		typ       exec.JoinType
		nullAware bool
	}{
		{"inner", exec.JoinInner, false}, {"left", exec.JoinLeft, false}, {"right", exec.JoinRight, false},
		{"full", exec.JoinFull, false}, {"semi", exec.JoinSemi, false}, {"anti", exec.JoinAnti, false},
		{"notin", exec.JoinAnti, true}, {"mark", exec.JoinMark, false},
		{"rightsemi", exec.JoinRightSemi, false}, {"rightanti", exec.JoinRightAnti, false},
	}
	ctx := context.Background()
	run := func(c int, spec exec.JoinSpec, filter bool) [][]types.Datum {
		bs := 1024
		if cases[c].name == "phases" {
			bs = 64
		}
		probe := cases[c].probe
		cut := len(probe) / 3
		probes := []exec.Operator{NewSource(ts, probe[:cut], bs), NewSource(ts, probe[cut:], bs)}
		ops := exec.NewHashJoin(&exec.EvalContext{BatchSize: bs}, probes, NewSource(ts, cases[c].build, bs), spec)
		for _, op := range ops {
			if !filter {
				exec.DisableJoinFilter(op)
			} else if cases[c].name == "phases" {
				exec.SampleJoinFilterOften(op, 256, 2)
			}
		}
		got, err := Drain(ctx, exec.NewGather(ops))
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	for c, tc := range cases {
		for _, sp := range specs {
			for _, jt := range kinds {
				if jt.nullAware && sp.spec.NullEq != nil {
					continue // NOT IN compares with SQL equality
				}
				spec := sp.spec
				spec.Type, spec.NullAware = jt.typ, jt.nullAware
				want := run(c, spec, false)
				got := run(c, spec, true)
				if d := Diff(got, want, false); d != "" {
					t.Fatalf("%s %s %s: with filter vs without:\n%s", tc.name, sp.name, jt.name, d)
				}
			}
		}
	}
}
