package exec

import (
	"math/big"
	"unsafe"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// countAgg is count(*) (star) and count(x).
type countAgg struct {
	star   bool
	counts []int64
}

func (a *countAgg) resize(n int) { a.counts = resizeSlice(a.counts, n) }

func (a *countAgg) update(gids []uint32, args []*vector.Vector, n int) error {
	var nulls vector.Bitmap
	if !a.star {
		if allNull(args[0]) {
			return nil
		}
		nulls = nullsOf(args[0], n)
	}
	counts := a.counts
	switch {
	case gids == nil && nulls == nil:
		counts[0] += int64(n)
	case gids == nil:
		counts[0] += int64(n - nulls.Count(n))
	case nulls == nil:
		for _, g := range gids[:n] {
			counts[g]++
		}
	default:
		for i, g := range gids[:n] {
			if !nulls.IsNull(i) {
				counts[g]++
			}
		}
	}
	return nil
}

func (a *countAgg) merge(src aggFunc, mapping []uint32) {
	for g, c := range src.(*countAgg).counts {
		a.counts[mapping[g]] += c
	}
}

// resultInto writes group g's count into row i of out.
func (a *countAgg) resultInto(g int, out *vector.Vector, i int) error {
	if out.Nulls != nil {
		out.Nulls.SetValid(i)
	}
	out.Ints[i] = a.counts[g]
	return nil
}

func (a *countAgg) finalize(n int) (*vector.Vector, error) {
	out := vector.New(types.Int64Type, n)
	copy(out.Ints, a.counts[:n])
	return out, nil
}

// sumKind is how a sum or average accumulates.
type sumKind uint8

const (
	sumInt   sumKind = iota // int2/int4 into int64 (2^32 rows of int4 max fit)
	sumWide                 // int8 and DECIMAL(≤18) into a wrapping int64 and rare carries (hash_agg_sum_wide.go)
	sumDec                  // DECIMAL(>18) into 128 bits
	sumFloat                // floats into float64
)

// sumAgg is sum(x) and avg(x): a typed running sum and a count per group,
// kept side by side so that updating a group touches one cache line.
type sumAgg struct {
	avg     bool
	kind    sumKind
	inScale int
	ret     types.T
	ints    []intAcc
	decs    []decAcc
	flts    []fltAcc
	carry   map[uint32]int64 // sumWide: high 64 bits of a group's sum beyond ints' sign extension
}

type intAcc struct{ sum, count int64 }

type fltAcc struct {
	sum   float64
	count int64
}

// decAcc is a 128-bit sum and its count in 24 bytes (Q18 keeps 1.5M of
// them): the count's sign bit (decOvf) records that the sum wrapped
// (DECIMAL(38) input only); n and ovf read the two apart.
type decAcc struct {
	sum   types.Decimal128
	count int64
}

// decOvf is the count bit of a decAcc whose sum wrapped.
const decOvf = -1 << 63

func (a *decAcc) n() int64  { return a.count &^ decOvf }
func (a *decAcc) ovf() bool { return a.count < 0 }

func newSumAgg(avg bool, in, ret types.T) (aggFunc, error) {
	a := &sumAgg{avg: avg, ret: ret}
	switch in.ID {
	case types.Int16, types.Int32:
		a.kind = sumInt
	case types.Int64:
		a.kind = sumWide
	case types.Decimal:
		a.kind, a.inScale = sumDec, in.Scale
		if in.Physical() == types.PhysInt64 {
			a.kind = sumWide
		}
	case types.Float32, types.Float64:
		a.kind = sumFloat
	default:
		name := "sum"
		if avg {
			name = "avg"
		}
		return nil, noAgg(name, []types.T{in})
	}
	return a, nil
}

func (a *sumAgg) resize(n int) {
	switch a.kind {
	case sumWide:
		if n < len(a.ints) {
			for g := range a.carry {
				if int(g) >= n {
					delete(a.carry, g)
				}
			}
		}
		a.ints = resizeSlice(a.ints, n)
	case sumInt:
		a.ints = resizeSlice(a.ints, n)
	case sumDec:
		a.decs = resizeSlice(a.decs, n)
	case sumFloat:
		a.flts = resizeSlice(a.flts, n)
	}
}

func (a *sumAgg) update(gids []uint32, args []*vector.Vector, n int) error {
	v := args[0]
	if allNull(v) {
		return nil
	}
	nulls := nullsOf(v, n)
	switch {
	case a.kind == sumWide:
		a.sumWrapping(gids, v.Ints[:n], nulls)
	case a.kind == sumInt:
		sumInts(a.ints, gids, v.Ints[:n], nulls)
	case a.kind == sumFloat:
		sumFloats(a.flts, gids, v.Floats[:n], nulls)
	default:
		sumDecs(a.decs, gids, v.Decs[:n], nulls)
	}
	return nil
}

func sumInts(accs []intAcc, gids []uint32, vals []int64, nulls vector.Bitmap) {
	if gids == nil {
		var s, c int64
		for i, x := range vals {
			if nulls == nil || !nulls.IsNull(i) {
				s += x
				c++
			}
		}
		accs[0].sum += s
		accs[0].count += c
		return
	}
	gids = gids[:len(vals)]
	for i, x := range vals {
		if nulls != nil && nulls.IsNull(i) {
			continue
		}
		acc := &accs[gids[i]]
		acc.sum += x
		acc.count++
	}
}

func sumFloats(accs []fltAcc, gids []uint32, vals []float64, nulls vector.Bitmap) {
	if gids == nil {
		var s float64
		var c int64
		for i, x := range vals {
			if nulls == nil || !nulls.IsNull(i) {
				s += x
				c++
			}
		}
		accs[0].sum += s
		accs[0].count += c
		return
	}
	gids = gids[:len(vals)]
	for i, x := range vals {
		if nulls != nil && nulls.IsNull(i) {
			continue
		}
		acc := &accs[gids[i]]
		acc.sum += x
		acc.count++
	}
}

func sumDecs(accs []decAcc, gids []uint32, vals []types.Decimal128, nulls vector.Bitmap) {
	for i, x := range vals {
		if nulls != nil && nulls.IsNull(i) {
			continue
		}
		var g uint32
		if gids != nil {
			g = gids[i]
		}
		acc := &accs[g]
		s, ok := acc.sum.Add(x)
		acc.sum = s
		acc.count++
		if !ok {
			acc.count |= decOvf
		}
	}
}

func (a *sumAgg) merge(src aggFunc, mapping []uint32) {
	b := src.(*sumAgg)
	switch a.kind {
	case sumWide:
		a.mergeWide(b, mapping)
	case sumInt:
		for g, x := range b.ints {
			acc := &a.ints[mapping[g]]
			acc.sum += x.sum
			acc.count += x.count
		}
	case sumFloat:
		for g, x := range b.flts {
			acc := &a.flts[mapping[g]]
			acc.sum += x.sum
			acc.count += x.count
		}
	case sumDec:
		for g, x := range b.decs {
			acc := &a.decs[mapping[g]]
			s, ok := acc.sum.Add(x.sum)
			acc.sum = s
			ovf := acc.ovf() || x.ovf() || !ok
			acc.count = acc.n() + x.n()
			if ovf {
				acc.count |= decOvf
			}
		}
	}
}

func (a *sumAgg) finalize(n int) (*vector.Vector, error) {
	if a.kind == sumWide && !a.avg && a.ret.Physical() == types.PhysDecimal128 && n >= inPlaceGroups {
		out, err := a.finalizeWideInPlace(n)
		a.ints = nil // consumed: the result holds their memory
		return out, err
	}
	if a.kind == sumDec && !a.avg && a.ret.Physical() == types.PhysDecimal128 && n >= inPlaceGroups {
		out, err := finalizeDecSumsInPlace(a.decs[:n], a.ret)
		a.decs = nil // consumed: the result holds their memory
		return out, err
	}
	out := vector.New(a.ret, n)
	if a.kind == sumDec && !a.avg && a.ret.Physical() == types.PhysDecimal128 {
		return out, finalizeDecSums(a.decs[:n], out)
	}
	for g := 0; g < n; g++ {
		if err := a.resultInto(g, out, g); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// finalizeDecSums is finalize for sums in 128 bits (Q18 finalizes 1.5M):
// one typed loop instead of resultInto's switches per group.
func finalizeDecSums(accs []decAcc, out *vector.Vector) error {
	decs := out.Decs[:len(accs)]
	for g := range accs {
		acc := &accs[g]
		switch {
		case acc.n() == 0:
			out.SetNull(g)
		case acc.ovf() || !acc.sum.FitsPrecision(types.MaxDecimalPrecision):
			return overflowErr()
		default:
			decs[g] = acc.sum
		}
	}
	return nil
}

// inPlaceGroups is the number of groups from which a sum's finalize writes
// its results over its own states instead of into new memory: fresh pages
// cost more than the copy (Q18: 1.5M sums, 24 MB). Windows, which finalize
// one group and go on updating it, stay below it.
const inPlaceGroups = 4096

// finalizeDecSumsInPlace is finalizeDecSums writing the 16-byte results over
// the 24-byte states they come from, front to back: result g ends at byte
// 16g+16, at or before the start of state g+1, and state g is read before
// result g is written. accs must not be used afterwards.
func finalizeDecSumsInPlace(accs []decAcc, ret types.T) (*vector.Vector, error) {
	n := len(accs)
	// The capacity spans the states' whole allocation, for memory accounting.
	decs := unsafe.Slice((*types.Decimal128)(unsafe.Pointer(unsafe.SliceData(accs))), cap(accs)*3/2)[:n]
	var nulls vector.Bitmap
	for g := range n {
		acc := accs[g]
		switch {
		case acc.n() == 0:
			if nulls == nil {
				nulls = vector.NewBitmap(n)
			}
			nulls.SetNull(g)
			decs[g] = types.Decimal128{}
		case acc.ovf() || !acc.sum.FitsPrecision(types.MaxDecimalPrecision):
			return nil, overflowErr()
		default:
			decs[g] = acc.sum
		}
	}
	return &vector.Vector{Type: ret, Decs: decs, Nulls: nulls}, nil
}

// resultInto writes group g's result into row i of out.
func (a *sumAgg) resultInto(g int, out *vector.Vector, i int) error {
	if out.Nulls != nil {
		out.Nulls.SetValid(i)
	}
	switch a.kind {
	case sumFloat:
		acc := a.flts[g]
		switch {
		case acc.count == 0:
			out.SetNull(i)
		case a.avg:
			out.Floats[i] = acc.sum / float64(acc.count)
		default:
			out.Floats[i] = acc.sum
		}
	case sumInt:
		acc := a.ints[g]
		switch {
		case acc.count == 0:
			out.SetNull(i)
		case a.avg:
			out.Decs[i] = avgDecimal(types.D128(acc.sum), acc.count, 0, a.ret.Scale)
		default:
			out.Ints[i] = acc.sum
		}
	case sumWide:
		acc := a.ints[g]
		d := a.wide(uint32(g))
		switch {
		case acc.count == 0:
			out.SetNull(i)
		case !d.FitsPrecision(types.MaxDecimalPrecision):
			return overflowErr()
		case a.avg:
			out.Decs[i] = avgDecimal(d, acc.count, a.inScale, a.ret.Scale)
		default:
			out.Decs[i] = d
		}
	case sumDec:
		acc := a.decs[g]
		switch {
		case acc.n() == 0:
			out.SetNull(i)
		case acc.ovf() || !acc.sum.FitsPrecision(types.MaxDecimalPrecision):
			return overflowErr()
		case a.avg:
			out.Decs[i] = avgDecimal(acc.sum, acc.n(), a.inScale, a.ret.Scale)
		default:
			out.Decs[i] = acc.sum
		}
	}
	return nil
}

// avgDecimal returns sum/count at scale to (sum has scale from), rounded half
// away from zero.
func avgDecimal(sum types.Decimal128, count int64, from, to int) types.Decimal128 {
	if s, ok := sum.Rescale(from, to); ok {
		q, _ := s.QuoRound(types.D128(count))
		return q
	}
	// sum·10^k overflows 128 bits: divide in big integers (rare).
	b := new(big.Int).Lsh(big.NewInt(sum.Hi), 64) // Hi·2^64 + Lo (two's complement)
	b.Add(b, new(big.Int).SetUint64(sum.Lo))
	b.Mul(b, new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(to-from)), nil))
	neg := b.Sign() < 0
	b.Abs(b)
	c := big.NewInt(count)
	q, r := new(big.Int).QuoRem(b, c, new(big.Int))
	if r.Lsh(r, 1).Cmp(c) >= 0 {
		q.Add(q, big.NewInt(1))
	}
	if neg {
		q.Neg(q)
	}
	lo := new(big.Int).And(q, new(big.Int).SetUint64(^uint64(0))).Uint64()
	hi := new(big.Int).Rsh(q, 64).Int64()
	return types.Decimal128{Hi: hi, Lo: lo}
}

func (a *countAgg) reserve(n int) { a.counts = growCap(a.counts, n) }

func (a *sumAgg) reserve(n int) {
	switch a.kind {
	case sumInt, sumWide:
		a.ints = growCap(a.ints, n)
	case sumDec:
		a.decs = growCap(a.decs, n)
	case sumFloat:
		a.flts = growCap(a.flts, n)
	}
}
