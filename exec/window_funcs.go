package exec

import (
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// windowArg is argument k of a window call: Args[k] when k < len(Args) (a
// column), else Consts[k-len(Args)] (a constant); ok is false when absent.
func windowArg(f *WindowSpec, cols []*vector.Vector, k int) (col *vector.Vector, c types.Datum, ok bool) {
	if k < len(f.Args) {
		return cols[f.Args[k]], nil, true
	}
	if k -= len(f.Args); k < len(f.Consts) {
		return nil, f.Consts[k], true
	}
	return nil, nil, false
}

// intArg reads integer argument k at row i (NULL: ok false).
func intArg(f *WindowSpec, cols []*vector.Vector, k, i int, def int64) (int64, bool) {
	col, c, ok := windowArg(f, cols, k)
	if !ok {
		return def, true
	}
	if col != nil {
		if col.IsNull(i) || col.Type.Physical() != types.PhysInt64 {
			return 0, false
		}
		return col.Ints[i], true
	}
	switch x := c.(type) {
	case int64:
		return x, true
	case float64:
		return int64(x), true
	}
	return 0, false
}

// compute returns the values of one window function for every row.
func (w *windowOp) compute(f *WindowSpec, cols []*vector.Vector, n int, p *partitionInfo) (*vector.Vector, error) {
	out := vector.New(f.Ret, n)
	switch f.Name {
	case "row_number", "rank", "dense_rank", "percent_rank", "cume_dist":
		rankFuncs(f.Name, out, p)
		return out, nil
	case "ntile":
		return out, ntile(f, cols, out, p)
	case "lag", "lead":
		return out, lagLead(f, cols, out, p)
	case "first_value", "last_value", "nth_value":
		return out, w.valueFunc(f, cols, out, p)
	case "ratio_to_report":
		return out, ratioToReport(f, cols, out, p)
	}
	if IsAgg(f.Name) {
		return out, w.frameAgg(f, cols, out, p)
	}
	return nil, noAgg(f.Name, f.ArgTypes)
}

// rankFuncs computes the ranking functions, which depend only on partitions
// and peer groups.
func rankFuncs(name string, out *vector.Vector, p *partitionInfo) {
	for k := 0; k+1 < len(p.parts); k++ {
		p0, p1 := p.parts[k], p.parts[k+1]
		firstPeer := p.peer[p0]
		for i := p0; i < p1; i++ {
			g := p.peer[i]
			ps, pe := p.groupStart[g], p.groupStart[g+1]
			switch name {
			case "row_number":
				out.Ints[i] = int64(i - p0 + 1)
			case "rank":
				out.Ints[i] = int64(ps - p0 + 1)
			case "dense_rank":
				out.Ints[i] = int64(g - firstPeer + 1)
			case "percent_rank":
				if p1-p0 > 1 {
					out.Floats[i] = float64(ps-p0) / float64(p1-p0-1)
				} else {
					out.Floats[i] = 0
				}
			case "cume_dist":
				out.Floats[i] = float64(pe-p0) / float64(p1-p0)
			}
		}
	}
}

// ntile splits each partition into n buckets whose sizes differ by at most
// one, the larger ones first.
func ntile(f *WindowSpec, cols []*vector.Vector, out *vector.Vector, p *partitionInfo) error {
	for k := 0; k+1 < len(p.parts); k++ {
		p0, p1 := p.parts[k], p.parts[k+1]
		buckets, ok := intArg(f, cols, 0, p0, 1)
		if !ok {
			for i := p0; i < p1; i++ {
				out.SetNull(i)
			}
			continue
		}
		if buckets <= 0 {
			return sqlerr.Newf(sqlerr.Code("22014"), "argument of ntile must be greater than zero")
		}
		rows := int64(p1 - p0)
		size, rem := rows/buckets, rows%buckets
		bucket, left := int64(1), size
		if rem > 0 {
			left++
		}
		for i := p0; i < p1; i++ {
			if left == 0 {
				bucket++
				left = size
				if bucket <= rem {
					left++
				}
			}
			out.Ints[i] = bucket
			left--
		}
	}
	return nil
}

// lagLead returns the value offset rows before (lag) or after (lead) within
// the partition, or the default (NULL when none).
func lagLead(f *WindowSpec, cols []*vector.Vector, out *vector.Vector, p *partitionInfo) error {
	val, _, _ := windowArg(f, cols, 0)
	defCol, defConst, hasDef := windowArg(f, cols, 2)
	sign := -1
	if f.Name == "lead" {
		sign = 1
	}
	for k := 0; k+1 < len(p.parts); k++ {
		p0, p1 := p.parts[k], p.parts[k+1]
		for i := p0; i < p1; i++ {
			off, ok := intArg(f, cols, 1, i, 1)
			if !ok {
				out.SetNull(i)
				continue
			}
			j := -1
			if f.IgnoreNulls {
				step := sign
				if off < 0 {
					step, off = -sign, -off
				}
				j = i
				for off > 0 {
					j += step
					if j < p0 || j >= p1 {
						break
					}
					if !val.IsNull(j) {
						off--
					}
				}
			} else {
				j = i + sign*int(off)
			}
			switch {
			case j >= p0 && j < p1:
				copyValue(out, i, val, j)
			case hasDef && defCol != nil:
				copyValue(out, i, defCol, i)
			case hasDef && defConst != nil:
				if out.Nulls != nil {
					out.Nulls.SetValid(i)
				}
				out.Set(i, defConst)
			default:
				out.SetNull(i)
			}
		}
	}
	return nil
}

// valueFunc computes first_value, last_value and nth_value over each row's frame.
func (w *windowOp) valueFunc(f *WindowSpec, cols []*vector.Vector, out *vector.Vector, p *partitionInfo) error {
	val, _, _ := windowArg(f, cols, 0)
	fr, err := newFrame(&f.Frame, p, w.orderBy, cols)
	if err != nil {
		return err
	}
	for k := 0; k+1 < len(p.parts); k++ {
		p0, p1 := p.parts[k], p.parts[k+1]
		for i := p0; i < p1; i++ {
			fs, fe := fr.bounds(i, p0, p1)
			j := -1
			switch f.Name {
			case "first_value":
				j = scanFrame(val, fs, fe, 1, 1, f.IgnoreNulls)
			case "last_value":
				j = scanFrame(val, fe-1, fs-1, -1, 1, f.IgnoreNulls)
			case "nth_value":
				nth, ok := intArg(f, cols, 1, i, 1)
				if !ok {
					break
				}
				if nth <= 0 {
					return sqlerr.Newf(sqlerr.Code("22016"), "argument of nth_value must be greater than zero")
				}
				j = scanFrame(val, fs, fe, 1, int(nth), f.IgnoreNulls)
			}
			if j < 0 {
				out.SetNull(i)
			} else {
				copyValue(out, i, val, j)
			}
		}
	}
	return nil
}

// scanFrame returns the nth row (1-based) from `from` toward `to` (exclusive)
// in direction step, counting only non-NULL rows when ignoreNulls; -1 if none.
func scanFrame(v *vector.Vector, from, to, step, nth int, ignoreNulls bool) int {
	if !ignoreNulls {
		j := from + step*(nth-1)
		if (step > 0 && j < to) || (step < 0 && j > to) {
			return j
		}
		return -1
	}
	for j := from; j != to; j += step {
		if !v.IsNull(j) {
			if nth--; nth == 0 {
				return j
			}
		}
	}
	return -1
}

// ratioToReport is Redshift's ratio_to_report(x): x divided by the sum of x
// over the whole partition (NULL when that sum is NULL or zero).
func ratioToReport(f *WindowSpec, cols []*vector.Vector, out *vector.Vector, p *partitionInfo) error {
	val, _, _ := windowArg(f, cols, 0)
	if val == nil || allNull(val) {
		for i := 0; i < out.Len(); i++ {
			out.SetNull(i)
		}
		return nil
	}
	var buf []float64
	xs := toFloats(val, val.Len(), &buf)
	for k := 0; k+1 < len(p.parts); k++ {
		p0, p1 := p.parts[k], p.parts[k+1]
		var sum float64
		for i := p0; i < p1; i++ {
			if !val.IsNull(i) {
				sum += xs[i]
			}
		}
		for i := p0; i < p1; i++ {
			if val.IsNull(i) || sum == 0 {
				out.SetNull(i)
				continue
			}
			out.Floats[i] = xs[i] / sum
		}
	}
	return nil
}
