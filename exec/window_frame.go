package exec

import (
	"sort"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Frame modes and bound kinds (the values of plan.FrameMode and plan.BoundKind).
const (
	frameRange  = 0
	frameRows   = 1
	frameGroups = 2

	boundUnboundedPreceding = 0
	boundOffsetPreceding    = 1
	boundCurrentRow         = 2
	boundOffsetFollowing    = 3
	boundUnboundedFollowing = 4
)

// frame computes each row's window frame as a half-open row range.
type frame struct {
	spec FrameSpec
	p    *partitionInfo
	// RANGE with offsets: the single ORDER BY key, its direction, and its
	// NULL rows' placement.
	key        *vector.Vector
	desc       bool
	nullsFirst bool
	hasNulls   bool
	// the non-NULL rows [n0, n1) of partition [cacheP0, cacheP1)
	cacheP0, cacheP1, n0, n1 int
}

// newFrame prepares frame computations over the sorted rows. RANGE frames
// with offsets need exactly one ORDER BY key of an integer-like (integers,
// DATE in days, TIME/TIMESTAMP in microseconds, DECIMAL in unscaled units) or
// floating-point type; the offsets are in the key's physical units.
func newFrame(fs *FrameSpec, p *partitionInfo, orderBy []SortSpec, cols []*vector.Vector) (*frame, error) {
	f := &frame{spec: *fs, p: p}
	if f.spec.EndKind == boundUnboundedPreceding {
		// The zero FrameSpec (an invalid frame in SQL) means the default:
		// RANGE UNBOUNDED PRECEDING to CURRENT ROW.
		f.spec.EndKind = boundCurrentRow
	}
	if f.spec.StartOffset < 0 || f.spec.EndOffset < 0 {
		return nil, sqlerr.Newf(sqlerr.Code("22013"), "frame offset must not be negative")
	}
	if f.spec.Mode == frameRange && (isOffset(f.spec.StartKind) || isOffset(f.spec.EndKind)) {
		if len(orderBy) != 1 {
			return nil, sqlerr.Newf(sqlerr.WindowingError, "RANGE with offset PRECEDING/FOLLOWING requires exactly one ORDER BY column")
		}
		k := orderBy[0]
		f.key, f.desc, f.nullsFirst = cols[k.Col], k.Desc, k.NullsFirst
		f.hasNulls = f.key.Nulls.Any(f.key.Len())
		f.cacheP0 = -1
		if ph := f.key.Type.Physical(); ph != types.PhysInt64 && ph != types.PhysFloat64 {
			return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "RANGE with offset PRECEDING/FOLLOWING is not supported for column type %s", f.key.Type)
		}
	}
	return f, nil
}

func isOffset(k uint8) bool { return k == boundOffsetPreceding || k == boundOffsetFollowing }

// bounds returns the frame [fs, fe) of row i in partition [p0, p1).
func (f *frame) bounds(i, p0, p1 int) (fs, fe int) {
	fs = f.bound(f.spec.StartKind, f.spec.StartOffset, i, p0, p1, true)
	fe = f.bound(f.spec.EndKind, f.spec.EndOffset, i, p0, p1, false)
	if fe < fs {
		fe = fs
	}
	return fs, fe
}

// bound returns a frame start (start=true: first row in the frame) or end
// (first row after the frame).
func (f *frame) bound(kind uint8, off int64, i, p0, p1 int, start bool) int {
	p := f.p
	switch kind {
	case boundUnboundedPreceding:
		return p0
	case boundUnboundedFollowing:
		return p1
	}
	if f.spec.Mode == frameRows {
		j := int64(i)
		switch kind {
		case boundOffsetPreceding:
			j -= off
		case boundOffsetFollowing:
			j += off
		}
		if !start {
			j++
		}
		return int(max(int64(p0), min(j, int64(p1))))
	}
	if f.spec.Mode == frameRange && f.key != nil && isOffset(kind) {
		return f.rangeBound(kind, off, i, p0, p1, start)
	}
	// RANGE (CURRENT ROW) and GROUPS: whole peer groups.
	g := int64(p.peer[i])
	switch kind {
	case boundOffsetPreceding:
		g -= off
	case boundOffsetFollowing:
		g += off
	}
	first, last := int64(p.peer[p0]), int64(p.peer[p1-1])
	switch {
	case g < first:
		return p0
	case g > last:
		return p1
	case start:
		return p.groupStart[g]
	}
	return p.groupStart[g+1]
}

// frameAgg computes an aggregate over each row's frame. Consecutive rows with
// the same frame share the value; a frame that keeps its start and grows
// (running aggregates, whole partitions) is updated incrementally; any other
// frame is recomputed from its rows.
func (w *windowOp) frameAgg(f *WindowSpec, cols []*vector.Vector, out *vector.Vector, p *partitionInfo) error {
	spec := AggSpec{Name: f.Name, Args: f.Args, ArgTypes: f.ArgTypes, Distinct: f.Distinct,
		Filter: -1, Consts: f.Consts, Ret: f.Ret}
	a, err := newAggFunc(&spec, w.in)
	if err != nil {
		return err
	}
	fr, err := newFrame(&f.Frame, p, w.orderBy, cols)
	if err != nil {
		return err
	}
	inputs := aggInputs(&spec)
	args := make([]*vector.Vector, len(inputs))
	for k := 0; k+1 < len(p.parts); k++ {
		p0, p1 := p.parts[k], p.parts[k+1]
		valid := false
		var curS, curE int
		for i := p0; i < p1; i++ {
			fs, fe := fr.bounds(i, p0, p1)
			if valid && fs == curS && fe == curE {
				copyValue(out, i, out, i-1)
				continue
			}
			if !valid || fs != curS || fe < curE {
				a.resize(0)
				a.resize(1)
				curS, curE = fs, fs
			}
			if fe > curE {
				for j, c := range inputs {
					args[j] = cols[c].Slice(curE, fe)
				}
				if err := a.update(nil, args, fe-curE); err != nil {
					return err
				}
				curE = fe
			}
			if r, ok := a.(aggResulter); ok {
				if err := r.resultInto(0, out, i); err != nil {
					return err
				}
			} else {
				res, err := a.finalize(1)
				if err != nil {
					return err
				}
				copyValue(out, i, res, 0)
			}
			valid = true
		}
	}
	return nil
}

// rangeBound is a RANGE offset bound: rows whose key lies within off of the
// current row's key (a NULL current row's frame bound is its NULL peers').
func (f *frame) rangeBound(kind uint8, off int64, i, p0, p1 int, start bool) int {
	k := f.key
	if k.IsNull(i) {
		g := f.p.peer[i]
		if start {
			return f.p.groupStart[g]
		}
		return f.p.groupStart[g+1]
	}
	// The non-NULL rows of the partition, sorted by key (found once per partition).
	if f.cacheP0 != p0 || f.cacheP1 != p1 {
		f.cacheP0, f.cacheP1, f.n0, f.n1 = p0, p1, p0, p1
		if f.hasNulls {
			if f.nullsFirst {
				for f.n0 < p1 && k.IsNull(f.n0) {
					f.n0++
				}
			} else {
				for f.n1 > p0 && k.IsNull(f.n1-1) {
					f.n1--
				}
			}
		}
	}
	n0, n1 := f.n0, f.n1
	// In row order the key rises (ASC) or falls (DESC); s·key always rises.
	s := 1.0
	if f.desc {
		s = -1
	}
	var at func(j int) float64
	if k.Type.Physical() == types.PhysInt64 {
		at = func(j int) float64 { return s * float64(k.Ints[j]) }
	} else {
		at = func(j int) float64 { return s * k.Floats[j] }
	}
	target := at(i)
	if kind == boundOffsetPreceding {
		target -= float64(off)
	} else {
		target += float64(off)
	}
	// start: first row with s·key >= target; end: first row with s·key > target.
	return n0 + sort.Search(n1-n0, func(j int) bool {
		if start {
			return at(n0+j) >= target
		}
		return at(n0+j) > target
	})
}
