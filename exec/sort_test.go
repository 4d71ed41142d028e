package exec_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/warehoused/warehoused/exec"
	. "github.com/warehoused/warehoused/exec/exectest"
	"github.com/warehoused/warehoused/types"
)

var (
	tInt   = types.Int64Type
	tText  = types.TextType
	tFloat = types.Float64Type
	tsTwo  = []types.T{tInt, tText}
	tsOne  = []types.T{tInt}
	tsOf   = func(ts ...types.T) []types.T { return ts }
)

func sortOp(keys ...exec.SortSpec) func(*exec.EvalContext, []exec.Operator) exec.Operator {
	return func(ec *exec.EvalContext, in []exec.Operator) exec.Operator { return exec.NewSort(ec, in, keys) }
}

func TestSort(t *testing.T) {
	rowsA := [][]types.Datum{R(3, "c"), R(nil, "n1"), R(1, "a"), R(2, "b"), R(1, "a2"), R(nil, "n0")}
	rowsB := [][]types.Datum{R(5, "e"), R(0, "z"), R(2, "b2")}
	Run(t, []Case{
		{
			Name:    "asc nulls last two keys",
			Inputs:  []Input{In(tsTwo, rowsA)},
			Make:    sortOp(exec.SortSpec{Col: 0}, exec.SortSpec{Col: 1}),
			Ordered: true,
			Want:    [][]types.Datum{R(1, "a"), R(1, "a2"), R(2, "b"), R(3, "c"), R(nil, "n0"), R(nil, "n1")},
		},
		{
			Name:    "desc nulls first, merged inputs",
			Inputs:  []Input{In(tsTwo, rowsA), In(tsTwo, rowsB), In(tsTwo, nil)},
			Make:    sortOp(exec.SortSpec{Col: 0, Desc: true, NullsFirst: true}, exec.SortSpec{Col: 1, Desc: true}),
			Ordered: true,
			Want:    [][]types.Datum{R(nil, "n1"), R(nil, "n0"), R(5, "e"), R(3, "c"), R(2, "b2"), R(2, "b"), R(1, "a2"), R(1, "a"), R(0, "z")},
		},
		{
			Name:    "string key",
			Inputs:  []Input{In(tsTwo, rowsA), In(tsTwo, rowsB)},
			Make:    sortOp(exec.SortSpec{Col: 1}),
			Ordered: true,
			Want:    [][]types.Datum{R(1, "a"), R(1, "a2"), R(2, "b"), R(2, "b2"), R(3, "c"), R(5, "e"), R(nil, "n0"), R(nil, "n1"), R(0, "z")},
		},
		{
			Name:    "float NaN last",
			Inputs:  []Input{In(tsOf(tFloat), [][]types.Datum{R(math.NaN()), R(1.5), R(nil), R(math.Inf(-1))})},
			Make:    sortOp(exec.SortSpec{Col: 0}),
			Ordered: true,
			Want:    [][]types.Datum{R(math.Inf(-1)), R(1.5), R(math.NaN()), R(nil)},
		},
		{
			Name:        "empty",
			Inputs:      []Input{In(tsOne, nil), In(tsOne, nil)},
			Make:        sortOp(exec.SortSpec{Col: 0}),
			Want:        nil,
			WantAllNull: nil,
		},
		{
			Name:   "topn",
			Inputs: []Input{In(tsTwo, rowsA), In(tsTwo, rowsB)},
			Make: func(ec *exec.EvalContext, in []exec.Operator) exec.Operator {
				return exec.NewTopN(ec, in, []exec.SortSpec{{Col: 0}, {Col: 1}}, 3, 1)
			},
			Ordered: true,
			Want:    [][]types.Datum{R(1, "a"), R(1, "a2"), R(2, "b")},
		},
		{
			Name:   "topn desc single input",
			Inputs: []Input{In(tsTwo, rowsA)},
			Make: func(ec *exec.EvalContext, in []exec.Operator) exec.Operator {
				return exec.NewTopN(ec, in, []exec.SortSpec{{Col: 1, Desc: true}}, 2, 0)
			},
			Ordered: true,
			Want:    [][]types.Datum{R(nil, "n1"), R(nil, "n0")},
		},
		{
			Name:   "topn limit 0",
			Inputs: []Input{In(tsTwo, rowsA)},
			Make: func(ec *exec.EvalContext, in []exec.Operator) exec.Operator {
				return exec.NewTopN(ec, in, []exec.SortSpec{{Col: 0}}, 0, 0)
			},
			Want: nil,
		},
	})
}

// TestSortRandom checks large sorts (radix path, ties, NULLs, several runs) against slices.SortFunc.
func TestSortRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	var ins []Input
	var all [][]types.Datum
	for k := 0; k < 3; k++ {
		var rows [][]types.Datum
		for i := 0; i < 3000; i++ {
			var a types.Datum = r.Int64N(200) - 100
			if r.IntN(20) == 0 {
				a = nil
			}
			if r.IntN(50) == 0 {
				a = int64(math.MinInt64)
			}
			rows = append(rows, R(a, int64(r.IntN(1000))))
		}
		ins = append(ins, In(tsOf(tInt, tInt), rows))
		all = append(all, rows...)
	}
	for _, desc := range []bool{false, true} {
		want := slices.Clone(all)
		slices.SortStableFunc(want, func(x, y []types.Datum) int {
			if c := cmpNullable(x[0], y[0], desc); c != 0 {
				return c
			}
			return cmpNullable(x[1], y[1], false)
		})
		Run(t, []Case{{
			Name:       "random",
			Inputs:     ins,
			Make:       sortOp(exec.SortSpec{Col: 0, Desc: desc, NullsFirst: desc}, exec.SortSpec{Col: 1}),
			Ordered:    true,
			Want:       want,
			BatchSizes: []int{7, 1024},
		}})
	}
}

func cmpNullable(x, y types.Datum, desc bool) int {
	switch {
	case x == nil && y == nil:
		return 0
	case x == nil:
		if desc {
			return -1
		}
		return 1
	case y == nil:
		if desc {
			return 1
		}
		return -1
	}
	a, b := x.(int64), y.(int64)
	c := 0
	if a < b {
		c = -1
	} else if a > b {
		c = 1
	}
	if desc {
		c = -c
	}
	return c
}

// TestSortKinds sorts every physical kind over several inputs, comparing
// with a reference order built from exec.CompareValues.
func TestSortKinds(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 5))
	ts := []types.T{tText, tFloat, types.IntervalT, types.DecimalType(30, 2), types.BoolType}
	gen := func() []types.Datum {
		row := []types.Datum{
			string(rune('a' + r.IntN(4))),
			float64(r.IntN(3)) - 1,
			types.IntervalValue{Months: int32(r.IntN(2)), Days: int32(r.IntN(40))},
			types.Decimal128{Hi: int64(r.IntN(3)) - 1, Lo: uint64(r.IntN(3))},
			r.IntN(2) == 0,
		}
		for i := range row {
			if r.IntN(8) == 0 {
				row[i] = nil
			}
		}
		return row
	}
	var ins []Input
	var all [][]types.Datum
	for k := 0; k < 3; k++ {
		var rows [][]types.Datum
		for i := 0; i < 200; i++ {
			rows = append(rows, gen())
		}
		ins = append(ins, In(ts, rows))
		all = append(all, rows...)
	}
	keys := []exec.SortSpec{{Col: 2, Desc: true}, {Col: 0, NullsFirst: true}, {Col: 1}, {Col: 3, Desc: true, NullsFirst: true}, {Col: 4}}
	b := BatchOf(ts, all)
	perm := make([]int, len(all))
	for i := range perm {
		perm[i] = i
	}
	slices.SortStableFunc(perm, func(x, y int) int {
		for _, k := range keys {
			v := b.Cols[k.Col]
			if c := exec.CompareValues(v, x, v, y, k.Desc, k.NullsFirst); c != 0 {
				return c
			}
		}
		return 0
	})
	want := make([][]types.Datum, len(perm))
	for i, p := range perm {
		want[i] = all[p]
	}
	Run(t, []Case{{Name: "kinds", Inputs: ins, Make: sortOp(keys...), Want: want, Ordered: true, BatchSizes: []int{3, 1024}}})
}
