package encoding

import (
	"encoding/binary"
	"math"

	"github.com/warehoused/warehoused/types"
)

// RUNLENGTH stores (value, count) runs:
//
//	uvarint number of runs r
//	r uvarint run lengths (each >= 1, summing to the row count)
//	r run values in raw encoding

func encodeRunlength(dst []byte, c *col) ([]byte, error) {
	var starts []int
	switch c.t.Physical() {
	case types.PhysBool:
		starts = runStarts(c.bools)
	case types.PhysInt64:
		starts = runStarts(c.ints)
	case types.PhysFloat64:
		// Compare bit patterns: keeps -0 apart from 0 and NaN payloads intact.
		bits := make([]uint64, len(c.floats))
		for i, f := range c.floats {
			bits[i] = math.Float64bits(f)
		}
		starts = runStarts(bits)
	case types.PhysDecimal128:
		starts = runStarts(c.decs)
	case types.PhysString:
		starts = runStarts(c.strs)
	case types.PhysInterval:
		starts = runStarts(c.ivs)
	}
	dst = binary.AppendUvarint(dst, uint64(len(starts)))
	for i, s := range starts {
		end := c.n
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		dst = binary.AppendUvarint(dst, uint64(end-s))
	}
	vals := gather(c, starts)
	return appendRaw(dst, &vals)
}

// runStarts returns the index where each run of equal values begins.
func runStarts[E comparable](s []E) []int {
	var starts []int
	for i := range s {
		if i == 0 || s[i] != s[i-1] {
			starts = append(starts, i)
		}
	}
	return starts
}

func decodeRunlength(src []byte, c *col) error {
	r, m := binary.Uvarint(src)
	if m <= 0 || r > uint64(c.n) || (r == 0) != (c.n == 0) {
		return corrupt(Runlength, "bad run count")
	}
	src = src[m:]
	lens := make([]int, r)
	total := 0
	for i := range lens {
		l, m := binary.Uvarint(src)
		if m <= 0 || l == 0 || l > uint64(c.n-total) {
			return corrupt(Runlength, "bad run length")
		}
		lens[i] = int(l)
		total += int(l)
		src = src[m:]
	}
	if total != c.n {
		return corrupt(Runlength, "runs cover %d rows, want %d", total, c.n)
	}
	vals := newCol(c.t, int(r))
	rest, ok := readRaw(src, &vals)
	if !ok || len(rest) != 0 {
		return corrupt(Runlength, "malformed run values")
	}
	switch c.t.Physical() {
	case types.PhysBool:
		expandRuns(c.bools, vals.bools, lens)
	case types.PhysInt64:
		expandRuns(c.ints, vals.ints, lens)
	case types.PhysFloat64:
		expandRuns(c.floats, vals.floats, lens)
	case types.PhysDecimal128:
		expandRuns(c.decs, vals.decs, lens)
	case types.PhysString:
		expandRuns(c.strs, vals.strs, lens)
	case types.PhysInterval:
		expandRuns(c.ivs, vals.ivs, lens)
	}
	return nil
}

func expandRuns[E any](out, vals []E, lens []int) {
	p := 0
	for i, l := range lens {
		v := vals[i]
		run := out[p : p+l]
		for j := range run {
			run[j] = v
		}
		p += l
	}
}
