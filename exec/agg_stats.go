package exec

import (
	"math"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// varAgg is the stddev/variance family, computed in float64 with Welford's
// update per row and Chan's formula to merge partial states. PostgreSQL
// returns numeric for numeric input; we return DOUBLE PRECISION for all.
type varAgg struct {
	pop, sqrt bool
	in        types.T
	count     []int64
	mean, m2  []float64
	buf       []float64
}

func newVarAgg(name string, in types.T) (aggFunc, error) {
	if !in.IsNumeric() {
		return nil, noAgg(name, []types.T{in})
	}
	a := &varAgg{in: in}
	switch name {
	case "stddev", "stddev_samp":
		a.sqrt = true
	case "stddev_pop":
		a.sqrt, a.pop = true, true
	case "var_pop":
		a.pop = true
	}
	return a, nil
}

func (a *varAgg) resize(n int) {
	a.count = resizeSlice(a.count, n)
	a.mean = resizeSlice(a.mean, n)
	a.m2 = resizeSlice(a.m2, n)
}

// toFloats converts rows [0, n) of a numeric vector to float64 (NULL rows
// hold garbage; callers check the bitmap).
func toFloats(v *vector.Vector, n int, buf *[]float64) []float64 {
	t := v.Type
	if t.Physical() == types.PhysFloat64 {
		return v.Floats[:n]
	}
	if cap(*buf) < n {
		*buf = make([]float64, n)
	}
	out := (*buf)[:n]
	switch t.Physical() {
	case types.PhysInt64:
		div := 1.0
		if t.ID == types.Decimal {
			div = math.Pow10(t.Scale)
		}
		for i, x := range v.Ints[:n] {
			out[i] = float64(x) / div
		}
	case types.PhysDecimal128:
		div := math.Pow10(t.Scale)
		for i, x := range v.Decs[:n] {
			out[i] = x.Float64() / div
		}
	}
	return out
}

func (a *varAgg) update(gids []uint32, args []*vector.Vector, n int) error {
	v := args[0]
	if allNull(v) {
		return nil
	}
	nulls := nullsOf(v, n)
	for i, x := range toFloats(v, n, &a.buf) {
		if nulls != nil && nulls.IsNull(i) {
			continue
		}
		var g uint32
		if gids != nil {
			g = gids[i]
		}
		a.count[g]++
		d := x - a.mean[g]
		a.mean[g] += d / float64(a.count[g])
		a.m2[g] += d * (x - a.mean[g])
	}
	return nil
}

func (a *varAgg) merge(src aggFunc, mapping []uint32) {
	b := src.(*varAgg)
	for g, nb := range b.count {
		if nb == 0 {
			continue
		}
		d := mapping[g]
		na := a.count[d]
		if na == 0 {
			a.count[d], a.mean[d], a.m2[d] = nb, b.mean[g], b.m2[g]
			continue
		}
		n := na + nb
		delta := b.mean[g] - a.mean[d]
		a.mean[d] += delta * float64(nb) / float64(n)
		a.m2[d] += b.m2[g] + delta*delta*float64(na)*float64(nb)/float64(n)
		a.count[d] = n
	}
}

func (a *varAgg) finalize(n int) (*vector.Vector, error) {
	out := vector.New(types.Float64Type, n)
	for g := 0; g < n; g++ {
		c := a.count[g]
		var r float64
		switch {
		case a.pop && c >= 1:
			r = a.m2[g] / float64(c)
		case !a.pop && c >= 2:
			r = a.m2[g] / float64(c-1)
		default:
			out.SetNull(g)
			continue
		}
		if r < 0 {
			r = 0
		}
		if a.sqrt {
			r = math.Sqrt(r)
		}
		out.Floats[g] = r
	}
	return out, nil
}
