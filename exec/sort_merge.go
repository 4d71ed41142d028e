package exec

import (
	"cmp"
	"strings"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// sortRun is one input's rows and the permutation that sorts them.
type sortRun struct {
	s    *colStore
	perm []int32
	lead *leadKeys // nil unless the first key is an int64 column
}

// runCmp orders row a of run ra against row b of run rb.
type runCmp func(ra int, a int32, rb int, b int32) int

// mergeKeyCmp compares one key across runs; the type switch happens once.
func mergeKeyCmp(runs []sortRun, k SortSpec) runCmp {
	sign := 1
	if k.Desc {
		sign = -1
	}
	nullSide := 1
	if k.NullsFirst {
		nullSide = -1
	}
	nulls := make([]vector.Bitmap, len(runs))
	anyNull := false
	for i, r := range runs {
		v := r.s.cols[k.Col]
		if v.Nulls.Any(r.s.n) {
			nulls[i] = v.Nulls
			anyNull = true
		}
	}
	var c runCmp
	switch runs[0].s.ts[k.Col].Physical() {
	case types.PhysInt64:
		xs := collect(runs, k.Col, func(v *vector.Vector) []int64 { return v.Ints })
		c = func(ra int, a int32, rb int, b int32) int { return sign * cmp.Compare(xs[ra][a], xs[rb][b]) }
	case types.PhysString:
		xs := collect(runs, k.Col, func(v *vector.Vector) []string { return v.Strs })
		c = func(ra int, a int32, rb int, b int32) int { return sign * strings.Compare(xs[ra][a], xs[rb][b]) }
	case types.PhysFloat64:
		xs := collect(runs, k.Col, func(v *vector.Vector) []float64 { return v.Floats })
		c = func(ra int, a int32, rb int, b int32) int { return sign * compareFloat(xs[ra][a], xs[rb][b]) }
	case types.PhysDecimal128:
		xs := collect(runs, k.Col, func(v *vector.Vector) []types.Decimal128 { return v.Decs })
		c = func(ra int, a int32, rb int, b int32) int { return sign * compareDecimal(xs[ra][a], xs[rb][b]) }
	case types.PhysBool:
		xs := collect(runs, k.Col, func(v *vector.Vector) []bool { return v.Bools })
		c = func(ra int, a int32, rb int, b int32) int { return sign * compareBool(xs[ra][a], xs[rb][b]) }
	case types.PhysInterval:
		xs := collect(runs, k.Col, func(v *vector.Vector) []types.IntervalValue { return v.Ivs })
		c = func(ra int, a int32, rb int, b int32) int { return sign * compareInterval(xs[ra][a], xs[rb][b]) }
	default:
		return func(int, int32, int, int32) int { return 0 }
	}
	if !anyNull {
		return c
	}
	return func(ra int, a int32, rb int, b int32) int {
		an, bn := nulls[ra].IsNull(int(a)), nulls[rb].IsNull(int(b))
		if an || bn {
			switch {
			case an && bn:
				return 0
			case an:
				return nullSide
			}
			return -nullSide
		}
		return c(ra, a, rb, b)
	}
}

func collect[T any](runs []sortRun, col int, f func(*vector.Vector) []T) [][]T {
	out := make([][]T, len(runs))
	for i, r := range runs {
		out[i] = f(r.s.cols[col])
	}
	return out
}

// merger yields the k-way merge of sorted runs, rows [offset, offset+limit).
type merger struct {
	ts     []types.T
	runs   []sortRun
	pos    []int // next position in each run's perm
	heap   []int // run indexes, ordered by their head rows
	cmps   []runCmp
	offset int64
	limit  int64 // < 0: unlimited
	size   int
	refs   []rowRef
	// useLead: every run has lead keys, compared before the other keys.
	useLead bool
}

type rowRef struct {
	run int32
	idx int32
}

func newMerger(ts []types.T, runs []sortRun, keys []SortSpec, limit, offset int64, size int) *merger {
	live := runs[:0:0]
	for _, r := range runs {
		if len(r.perm) > 0 {
			live = append(live, r)
		}
	}
	m := &merger{ts: ts, runs: live, pos: make([]int, len(live)), limit: limit, offset: offset, size: size}
	if len(live) > 1 {
		for _, k := range keys {
			m.cmps = append(m.cmps, mergeKeyCmp(live, k))
		}
		m.useLead = true
		for i, r := range live {
			m.heap = append(m.heap, i)
			m.useLead = m.useLead && r.lead != nil
		}
		for i := len(m.heap)/2 - 1; i >= 0; i-- {
			m.down(i)
		}
	}
	return m
}

func (m *merger) less(x, y int) bool {
	cmps := m.cmps
	if m.useLead {
		cx, kx := m.runs[x].lead.at(m.pos[x])
		cy, ky := m.runs[y].lead.at(m.pos[y])
		if cx != cy {
			return cx < cy
		}
		if kx != ky && (cx == 1) == m.runs[x].lead.nullsFirst { // both have keys
			return kx < ky
		}
		cmps = cmps[1:]
	}
	a, b := m.runs[x].perm[m.pos[x]], m.runs[y].perm[m.pos[y]]
	for _, c := range cmps {
		if r := c(x, a, y, b); r != 0 {
			return r < 0
		}
	}
	return x < y
}

func (m *merger) down(i int) {
	h := m.heap
	for {
		l := 2*i + 1
		if l >= len(h) {
			return
		}
		j := l
		if r := l + 1; r < len(h) && m.less(h[r], h[l]) {
			j = r
		}
		if !m.less(h[j], h[i]) {
			return
		}
		h[i], h[j] = h[j], h[i]
		i = j
	}
}

// next returns the next output batch, or nil at the end.
func (m *merger) next() *vector.Batch {
	if len(m.runs) == 0 || m.limit == 0 {
		return nil
	}
	if len(m.runs) == 1 {
		return m.nextSingle()
	}
	m.refs = m.refs[:0]
	want := m.size
	if m.limit >= 0 && int64(want) > m.limit {
		want = int(m.limit) // offset rows are skipped before they count
	}
	for len(m.refs) < want && len(m.heap) > 0 {
		r := m.heap[0]
		idx := m.runs[r].perm[m.pos[r]]
		m.pos[r]++
		if m.offset > 0 {
			m.offset--
		} else {
			m.refs = append(m.refs, rowRef{int32(r), idx})
		}
		if m.pos[r] == len(m.runs[r].perm) {
			last := len(m.heap) - 1
			m.heap[0] = m.heap[last]
			m.heap = m.heap[:last]
		}
		if len(m.heap) > 0 {
			m.down(0)
		}
	}
	if len(m.refs) == 0 {
		return nil
	}
	if m.limit > 0 {
		m.limit -= int64(len(m.refs))
	}
	return m.gatherRefs()
}

// nextSingle serves the common single-run case by plain gathers.
func (m *merger) nextSingle() *vector.Batch {
	r := m.runs[0]
	p := m.pos[0]
	if m.offset > 0 {
		skip := min(int64(len(r.perm)-p), m.offset)
		p += int(skip)
		m.offset -= skip
	}
	end := min(p+m.size, len(r.perm))
	if m.limit >= 0 && int64(end-p) > m.limit {
		end = p + int(m.limit)
	}
	m.pos[0] = end
	if end <= p {
		return nil
	}
	if m.limit > 0 {
		m.limit -= int64(end - p)
	}
	sel := r.perm[p:end]
	out := &vector.Batch{Cols: make([]*vector.Vector, len(m.ts)), N: len(sel)}
	for c, v := range r.s.cols {
		out.Cols[c] = v.Gather(sel)
	}
	return out
}

// gatherRefs materialises m.refs, one type switch per column.
func (m *merger) gatherRefs() *vector.Batch {
	n := len(m.refs)
	out := &vector.Batch{Cols: make([]*vector.Vector, len(m.ts)), N: n}
	for c, t := range m.ts {
		v := vector.New(t, n)
		switch t.Physical() {
		case types.PhysInt64:
			gatherRuns(v.Ints, m.runs, c, m.refs, func(v *vector.Vector) []int64 { return v.Ints })
		case types.PhysString:
			gatherRuns(v.Strs, m.runs, c, m.refs, func(v *vector.Vector) []string { return v.Strs })
		case types.PhysFloat64:
			gatherRuns(v.Floats, m.runs, c, m.refs, func(v *vector.Vector) []float64 { return v.Floats })
		case types.PhysDecimal128:
			gatherRuns(v.Decs, m.runs, c, m.refs, func(v *vector.Vector) []types.Decimal128 { return v.Decs })
		case types.PhysBool:
			gatherRuns(v.Bools, m.runs, c, m.refs, func(v *vector.Vector) []bool { return v.Bools })
		case types.PhysInterval:
			gatherRuns(v.Ivs, m.runs, c, m.refs, func(v *vector.Vector) []types.IntervalValue { return v.Ivs })
		}
		if t.Physical() != types.PhysNull {
			var nb vector.Bitmap
			for i, ref := range m.refs {
				if m.runs[ref.run].s.cols[c].Nulls.IsNull(int(ref.idx)) {
					if nb == nil {
						nb = vector.NewBitmap(n)
					}
					nb.SetNull(i)
				}
			}
			v.Nulls = nb
		}
		out.Cols[c] = v
	}
	return out
}

func gatherRuns[T any](dst []T, runs []sortRun, col int, refs []rowRef, f func(*vector.Vector) []T) {
	src := collect(runs, col, f)
	for i, ref := range refs {
		dst[i] = src[ref.run][ref.idx]
	}
}
