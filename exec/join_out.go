package exec

import (
	"slices"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Join output shared by the hash and nested-loop joins: matches are
// collected as pairs of row indexes (probe row, build row; -1 for a NULL
// side) and materialised by gathers, one type switch per column per batch.

// joinTypes returns the output column types of a join.
func joinTypes(typ JoinType, probe, build []types.T) []types.T {
	switch typ {
	case JoinSemi, JoinAnti:
		return probe
	case JoinMark:
		return append(append([]types.T(nil), probe...), types.BoolType)
	case JoinRightSemi, JoinRightAnti:
		return build
	}
	return append(append([]types.T(nil), probe...), build...)
}

// hasPairs reports whether a join type outputs matched pairs as they are found.
func hasPairs(typ JoinType) bool {
	return typ == JoinInner || typ == JoinLeft || typ == JoinRight || typ == JoinFull
}

// tracksBuild reports whether a join type needs matched flags on build rows.
func tracksBuild(typ JoinType) bool {
	return typ == JoinRight || typ == JoinFull || isRightSemi(typ)
}

// isRightSemi reports whether a join type outputs only build rows, after probing.
func isRightSemi(typ JoinType) bool { return typ == JoinRightSemi || typ == JoinRightAnti }

// joinOut accumulates the output rows of one probe batch.
type joinOut struct {
	probeSel []int32
	buildSel []int32
	mark     []int8 // JoinMark: 1 TRUE, 0 FALSE, -1 NULL
	// spare is a handed-back output batch whose vectors the next flush
	// gathers into (see HashJoin.recycle); used once, then dropped.
	spare *vector.Batch
}

// gatherCol gathers output column i from v, into the spare batch's column i
// when it has one that fits.
func (o *joinOut) gatherCol(i int, v *vector.Vector, t types.T, sel []int32) *vector.Vector {
	if o.spare == nil || i >= len(o.spare.Cols) || slices.ContainsFunc(sel, func(s int32) bool { return s < 0 }) {
		return gatherNullable(v, t, sel)
	}
	return gatherInto(o.spare.Cols[i], v, sel)
}

func (o *joinOut) reset() {
	o.probeSel, o.buildSel, o.mark = o.probeSel[:0], o.buildSel[:0], o.mark[:0]
}

func (o *joinOut) len() int { return len(o.probeSel) }

// flush materialises the accumulated rows (nil when there are none) and resets.
// probe is the current probe batch; build holds the build columns. When
// final (the probe batch is done) and every probe row is output in order,
// the probe vectors are handed on without a copy.
func (o *joinOut) flush(typ JoinType, probe *vector.Batch, probeTs []types.T, build *colStore, final bool) *vector.Batch {
	n := len(o.probeSel)
	if n == 0 {
		return nil
	}
	out := &vector.Batch{N: n}
	switch {
	case isRightSemi(typ): // build columns only
	case probe == nil: // unmatched build rows: NULL probe side
		for _, t := range probeTs {
			out.Cols = append(out.Cols, nullVector(t, n))
		}
	case final && n == probe.N && isIdentity(o.probeSel):
		out.Cols = append(out.Cols, probe.Cols...)
	default:
		for c, v := range probe.Cols {
			out.Cols = append(out.Cols, o.gatherCol(len(out.Cols), v, probeTs[c], o.probeSel))
		}
	}
	switch {
	case typ == JoinMark:
		m := vector.New(types.BoolType, n)
		for i, x := range o.mark {
			if x < 0 {
				m.SetNull(i)
			} else {
				m.Bools[i] = x == 1
			}
		}
		out.Cols = append(out.Cols, m)
	case hasPairs(typ) || isRightSemi(typ):
		for c, v := range build.cols {
			out.Cols = append(out.Cols, o.gatherCol(len(out.Cols), v, build.ts[c], o.buildSel))
		}
	}
	o.spare = nil
	o.reset()
	return out
}

func isIdentity(sel []int32) bool {
	for i, s := range sel {
		if int(s) != i {
			return false
		}
	}
	return true
}

// finishProbeBatch appends the rows a join type emits once every match of a
// probe batch is known: unmatched rows (Left, Full), matched rows (Semi),
// unmatched rows (Anti), every row with its mark (Mark). unknown reports, for
// an unmatched row, whether some comparison was NULL (NOT IN / IN semantics);
// it is only called when needed.
func (o *joinOut) finishProbeBatch(typ JoinType, n int, matched []bool, nullAware bool, unknown func(i int) bool) {
	switch typ {
	case JoinLeft, JoinFull:
		for i := 0; i < n; i++ {
			if !matched[i] {
				o.probeSel = append(o.probeSel, int32(i))
				o.buildSel = append(o.buildSel, -1)
			}
		}
	case JoinSemi:
		for i := 0; i < n; i++ {
			if matched[i] {
				o.probeSel = append(o.probeSel, int32(i))
			}
		}
	case JoinAnti:
		for i := 0; i < n; i++ {
			if !matched[i] && !(nullAware && unknown(i)) {
				o.probeSel = append(o.probeSel, int32(i))
			}
		}
	case JoinMark:
		for i := 0; i < n; i++ {
			o.probeSel = append(o.probeSel, int32(i))
			var m int8
			switch {
			case matched[i]:
				m = 1
			case unknown(i):
				m = -1
			}
			o.mark = append(o.mark, m)
		}
	}
}

// pairBatch gathers candidate pairs into one batch (probe columns ++ build
// columns) for evaluating a join condition. Only the columns in used are
// gathered (all when used is nil); the others are left nil.
func pairBatch(probe *vector.Batch, build *colStore, ps, bs []int32, used []bool) *vector.Batch {
	b := &vector.Batch{Cols: make([]*vector.Vector, 0, len(probe.Cols)+len(build.cols)), N: len(ps)}
	need := func(c int) bool { return used == nil || (c < len(used) && used[c]) }
	for c, v := range probe.Cols {
		var g *vector.Vector
		if need(c) {
			g = v.Gather(ps)
		}
		b.Cols = append(b.Cols, g)
	}
	for c, v := range build.cols {
		var g *vector.Vector
		if need(len(probe.Cols) + c) {
			g = v.Gather(bs)
		}
		b.Cols = append(b.Cols, g)
	}
	return b
}

// filterPairs evaluates cond over the pairs and keeps those where it is TRUE;
// when sawNull is non-nil, it marks probe rows of pairs where cond was NULL.
func filterPairs(ec *EvalContext, cond Expr, probe *vector.Batch, build *colStore, ps, bs []int32, sawNull []bool) ([]int32, []int32, error) {
	if len(ps) == 0 {
		return ps, bs, nil
	}
	v, err := cond.Eval(ec, pairBatch(probe, build, ps, bs, usedColumns(cond)))
	if err != nil {
		return nil, nil, err
	}
	k := 0
	for j := range ps {
		isNull := v.Type.Physical() != types.PhysBool || v.IsNull(j)
		if isNull {
			if sawNull != nil {
				sawNull[ps[j]] = true
			}
			continue
		}
		if v.Bools[j] {
			ps[k], bs[k] = ps[j], bs[j]
			k++
		}
	}
	return ps[:k], bs[:k], nil
}
