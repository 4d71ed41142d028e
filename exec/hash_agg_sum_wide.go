package exec

import (
	"math/bits"
	"unsafe"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Wide sums of 64-bit values (BIGINT, DECIMAL up to 18 digits) need 128
// bits, but nearly every group's sum fits in 64. Each group keeps a wrapping
// int64 sum and a count (16 bytes, where a 128-bit sum and count took 24:
// Q18 keeps 1.5M of them); an addition that wraps records a carry, the high
// 64 bits beyond the sum's sign extension, in a map that stays empty in
// practice (a DECIMAL(15,2) group needs 9223 rows of its largest values to
// wrap once). A group's exact sum is carry·2⁶⁴ + the sum sign-extended;
// 2⁶³ rows of 64-bit values cannot overflow 128 bits.

// addCarry records that adding x to group g's sum wrapped.
func (a *sumAgg) addCarry(g uint32, x int64) {
	if a.carry == nil {
		a.carry = map[uint32]int64{}
	}
	if x >= 0 {
		a.carry[g]++ // wrapped past the largest int64
	} else {
		a.carry[g]--
	}
}

// wide returns group g's exact sum.
func (a *sumAgg) wide(g uint32) types.Decimal128 {
	s := a.ints[g].sum
	return types.Decimal128{Hi: s>>63 + a.carry[g], Lo: uint64(s)}
}

// sumWrapping folds vals into groups gids[i] (nil: group 0).
func (a *sumAgg) sumWrapping(gids []uint32, vals []int64, nulls vector.Bitmap) {
	accs := a.ints
	if gids == nil {
		// One group: sum the batch in 128 bits, then add it in.
		var hi int64
		var lo uint64
		var c int64
		for i, x := range vals {
			if nulls != nil && nulls.IsNull(i) {
				continue
			}
			var carry uint64
			lo, carry = bits.Add64(lo, uint64(x), 0)
			hi += x>>63 + int64(carry)
			c++
		}
		d := a.wide(0)
		var carry uint64
		d.Lo, carry = bits.Add64(d.Lo, lo, 0)
		d.Hi += hi + int64(carry)
		a.setWide(0, d)
		accs[0].count += c
		return
	}
	gids = gids[:len(vals)]
	for i, x := range vals {
		if nulls != nil && nulls.IsNull(i) {
			continue
		}
		acc := &accs[gids[i]]
		s := acc.sum
		r := s + x
		acc.sum = r
		acc.count++
		if (s^r)&(x^r) < 0 {
			a.addCarry(gids[i], x)
		}
	}
}

// setWide stores d as group g's sum.
func (a *sumAgg) setWide(g uint32, d types.Decimal128) {
	s := int64(d.Lo)
	a.ints[g].sum = s
	if c := d.Hi - s>>63; c != 0 || a.carry[g] != 0 {
		if a.carry == nil {
			a.carry = map[uint32]int64{}
		}
		a.carry[g] = c
	}
}

// mergeWide folds b's groups into groups mapping[g].
func (a *sumAgg) mergeWide(b *sumAgg, mapping []uint32) {
	for g, x := range b.ints {
		m := mapping[g]
		acc := &a.ints[m]
		s := acc.sum
		r := s + x.sum
		acc.sum = r
		acc.count += x.count
		if (s^r)&(x.sum^r) < 0 {
			a.addCarry(m, x.sum)
		}
	}
	for g, c := range b.carry {
		if c != 0 {
			if a.carry == nil {
				a.carry = map[uint32]int64{}
			}
			a.carry[mapping[g]] += c
		}
	}
}

// finalizeWideInPlace is finalize for sums of many groups, writing each
// 16-byte result over the 16-byte state it comes from (read first). The
// states must not be used afterwards.
func (a *sumAgg) finalizeWideInPlace(n int) (*vector.Vector, error) {
	accs := a.ints[:n]
	decs := unsafe.Slice((*types.Decimal128)(unsafe.Pointer(unsafe.SliceData(accs))), cap(accs))[:n]
	var nulls vector.Bitmap
	for g := range n {
		acc := accs[g]
		switch {
		case acc.count == 0:
			if nulls == nil {
				nulls = vector.NewBitmap(n)
			}
			nulls.SetNull(g)
			decs[g] = types.Decimal128{}
		case a.carry == nil:
			decs[g] = types.Decimal128{Hi: acc.sum >> 63, Lo: uint64(acc.sum)}
		default:
			d := types.Decimal128{Hi: acc.sum>>63 + a.carry[uint32(g)], Lo: uint64(acc.sum)}
			if !d.FitsPrecision(types.MaxDecimalPrecision) {
				return nil, overflowErr()
			}
			decs[g] = d
		}
	}
	return &vector.Vector{Type: a.ret, Decs: decs, Nulls: nulls}, nil
}
