package exec

import (
	"math"
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// skipFirst makes a rowStore skip rows whose first column is NULL (read only).
var skipFirst = []int{0}

// collectAgg is listagg/string_agg (ordered concatenation) and the
// ordered-set aggregates median, percentile_cont and percentile_disc: rows
// are collected per group and sorted once at finalize.
//
// Collected columns: listagg/string_agg — value[, delimiter column], then the
// ORDER BY keys; percentiles — the value (the WITHIN GROUP key).
type collectAgg struct {
	name     string
	ret      types.T
	distinct bool
	rows     rowStore
	order    []SortSpec // over collected column positions
	delimCol int        // collected column of a per-row delimiter, -1 for a constant
	delim    string
	frac     float64
}

func newCollectAgg(s *AggSpec, in []types.T, ret types.T) (aggFunc, error) {
	a := &collectAgg{name: s.Name, ret: ret, distinct: s.Distinct, delimCol: -1}
	cols := aggInputs(s)
	ts := make([]types.T, len(cols))
	for i := range cols {
		ts[i] = aggArgType(s, in, i)
		if ts[i].ID == types.Unknown {
			ts[i] = types.TextType
		}
	}
	a.rows = newRowStore(ts)
	switch s.Name {
	case "listagg", "string_agg":
		if len(s.Args) == 0 {
			return nil, noAgg(s.Name, nil)
		}
		if len(s.Args) >= 2 {
			a.delimCol = 1
		}
		if len(s.Consts) > 0 {
			if d, ok := s.Consts[0].(string); ok {
				a.delim = d
			}
		}
		for i, o := range s.OrderBy {
			a.order = append(a.order, SortSpec{Col: len(s.Args) + i, Desc: o.Desc, NullsFirst: o.NullsFirst})
		}
	default:
		if len(cols) == 0 {
			return nil, noAgg(s.Name, nil)
		}
		a.frac = 0.5
		if s.Name != "median" && len(s.Consts) > 0 {
			switch f := s.Consts[0].(type) {
			case float64:
				a.frac = f
			case int64:
				a.frac = float64(f)
			case types.Decimal128:
				a.frac = f.Float64()
			case nil:
				return nil, sqlerr.Newf(sqlerr.NumericValueOutOfRange, "percentile value must not be NULL")
			}
		}
		if a.frac < 0 || a.frac > 1 || math.IsNaN(a.frac) {
			return nil, sqlerr.Newf(sqlerr.NumericValueOutOfRange, "percentile value %g is not between 0 and 1", a.frac)
		}
		desc := len(s.OrderBy) > 0 && s.OrderBy[0].Desc
		a.order = []SortSpec{{Col: 0, Desc: desc}}
		if !ts[0].IsNumeric() && s.Name != "percentile_disc" {
			return nil, noAgg(s.Name, ts)
		}
	}
	return a, nil
}

func (a *collectAgg) resize(n int) { a.rows.resize(n) }

func (a *collectAgg) update(gids []uint32, args []*vector.Vector, n int) error {
	a.rows.add(gids, args, n, skipFirst)
	return nil
}

func (a *collectAgg) merge(src aggFunc, mapping []uint32) {
	a.rows.merge(&src.(*collectAgg).rows, mapping)
}

func (a *collectAgg) finalize(n int) (*vector.Vector, error) {
	var tie []int
	if a.distinct {
		tie = []int{0}
	}
	perm := a.rows.sorted(a.order, tie)
	out := vector.New(a.ret, n)
	if out.Nulls == nil {
		out.Nulls = vector.NewBitmap(n)
	}
	for g := 0; g < n; g++ {
		out.Nulls.SetNull(g)
	}
	gids := a.rows.gids
	for lo := 0; lo < len(perm); {
		g := gids[perm[lo]]
		hi := lo + 1
		for hi < len(perm) && gids[perm[hi]] == g {
			hi++
		}
		if int(g) < n {
			rows := perm[lo:hi]
			if a.distinct {
				rows = a.dedup(rows)
			}
			out.Nulls.SetValid(int(g))
			switch a.name {
			case "listagg", "string_agg":
				out.Strs[g] = a.concat(rows)
			default:
				a.percentile(out, int(g), rows)
			}
		}
		lo = hi
	}
	return out, nil
}

// dedup drops rows whose value equals the previous kept row's value.
func (a *collectAgg) dedup(rows []int32) []int32 {
	v := a.rows.cols[0]
	out := make([]int32, 0, len(rows))
	for _, r := range rows {
		if len(out) > 0 && ValueEqual(v, int(out[len(out)-1]), v, int(r), true) {
			continue
		}
		out = append(out, r)
	}
	return out
}

func (a *collectAgg) concat(rows []int32) string {
	var b strings.Builder
	v := a.rows.cols[0]
	for i, r := range rows {
		if i > 0 {
			if a.delimCol >= 0 {
				d := a.rows.cols[a.delimCol]
				if !d.Nulls.IsNull(int(r)) {
					b.WriteString(d.Strs[r])
				}
			} else {
				b.WriteString(a.delim)
			}
		}
		b.WriteString(v.Strs[r])
	}
	return b.String()
}

// percentile writes the median/percentile of the sorted rows into out[g].
func (a *collectAgg) percentile(out *vector.Vector, g int, rows []int32) {
	v := a.rows.cols[0]
	k := len(rows)
	if a.name == "percentile_disc" {
		idx := int(math.Ceil(a.frac*float64(k))) - 1
		idx = max(0, min(idx, k-1))
		copyValue(out, g, v, int(rows[idx]))
		return
	}
	pos := a.frac * float64(k-1)
	lo := int(math.Floor(pos))
	hi := int(math.Ceil(pos))
	f := pos - float64(lo)
	rl, rh := int(rows[lo]), int(rows[hi])
	switch {
	case out.Type.Physical() == types.PhysFloat64:
		x, y := numAsFloat(v, rl), numAsFloat(v, rh)
		out.Floats[g] = x + (y-x)*f
	case out.Type.Physical() == types.PhysInt64:
		x, y := v.Ints[rl], v.Ints[rh]
		out.Ints[g] = x + int64(math.Round(float64(y-x)*f))
	case out.Type.Physical() == types.PhysDecimal128:
		x, y := v.Decs[rl], v.Decs[rh]
		d, _ := y.Sub(x)
		step, ok := types.D128FromFloat(d.Float64() * f)
		if !ok {
			step = types.Decimal128{}
		}
		out.Decs[g], _ = x.Add(step)
	}
}

// numAsFloat reads row i of a numeric vector as float64.
func numAsFloat(v *vector.Vector, i int) float64 {
	switch v.Type.Physical() {
	case types.PhysFloat64:
		return v.Floats[i]
	case types.PhysInt64:
		if v.Type.ID == types.Decimal {
			return float64(v.Ints[i]) / math.Pow10(v.Type.Scale)
		}
		return float64(v.Ints[i])
	case types.PhysDecimal128:
		return v.Decs[i].Float64() / math.Pow10(v.Type.Scale)
	}
	return 0
}
