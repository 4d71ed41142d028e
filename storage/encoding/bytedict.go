package encoding

import (
	"cmp"
	"encoding/binary"
	"math"
	"slices"

	"github.com/warehoused/warehoused/types"
)

// BYTEDICT keeps a per-block dictionary of up to 255 values and one code
// byte per row; code 255 marks a value outside the dictionary, stored raw
// (as Redshift stores non-dictionary values uncompressed). Layout:
//
//	uvarint dictionary size d (<= 255)
//	d dictionary values, raw
//	n code bytes
//	exception values (one per code 255), raw, in row order
//
// With more than 255 distinct values the most frequent ones get codes.

const (
	dictMax = 255
	dictEsc = 0xFF
)

func encodeBytedict(dst []byte, c *col) ([]byte, error) {
	var dictPos []int
	var codes []byte
	switch c.t.Physical() {
	case types.PhysInt64:
		dictPos, codes = dictCodes(c.ints)
	case types.PhysFloat64:
		bits := make([]uint64, len(c.floats))
		for i, f := range c.floats {
			bits[i] = math.Float64bits(f)
		}
		dictPos, codes = dictCodes(bits)
	case types.PhysDecimal128:
		dictPos, codes = dictCodes(c.decs)
	case types.PhysString:
		dictPos, codes = dictCodes(c.strs)
	default:
		return dst, errUnsupported(Bytedict, c.t)
	}
	var excPos []int
	for i, code := range codes {
		if code == dictEsc {
			excPos = append(excPos, i)
		}
	}
	dst = binary.AppendUvarint(dst, uint64(len(dictPos)))
	dict := gather(c, dictPos)
	dst, err := appendRaw(dst, &dict)
	if err != nil {
		return dst, err
	}
	dst = append(dst, codes...)
	exc := gather(c, excPos)
	return appendRaw(dst, &exc)
}

// dictCodes picks the dictionary (positions of each entry's first
// occurrence) and returns every row's code. One map lookup per row.
func dictCodes[K comparable](keys []K) (dictPos []int, codes []byte) {
	ids := make(map[K]int32)
	var first []int
	var count []int32
	rowID := make([]int32, len(keys))
	for i, k := range keys {
		id, ok := ids[k]
		if !ok {
			id = int32(len(first))
			ids[k] = id
			first = append(first, i)
			count = append(count, 0)
		}
		count[id]++
		rowID[i] = id
	}
	order := make([]int32, len(first))
	for i := range order {
		order[i] = int32(i)
	}
	if len(order) > dictMax {
		// Keep the most frequent values; ties go to the earliest.
		slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(count[b], count[a]) })
		order = order[:dictMax]
	}
	code := make([]byte, len(first))
	for i := range code {
		code[i] = dictEsc
	}
	for c, id := range order {
		code[id] = byte(c)
		dictPos = append(dictPos, first[id])
	}
	codes = make([]byte, len(keys))
	for i, id := range rowID {
		codes[i] = code[id]
	}
	return dictPos, codes
}

func decodeBytedict(src []byte, c *col) error {
	d, m := binary.Uvarint(src)
	if m <= 0 || d > dictMax {
		return corrupt(Bytedict, "bad dictionary size")
	}
	dict := newCol(c.t, int(d))
	rest, ok := readRaw(src[m:], &dict)
	if !ok || len(rest) < c.n {
		return corrupt(Bytedict, "truncated dictionary or codes")
	}
	codes, rest := rest[:c.n], rest[c.n:]
	nexc := 0
	for _, code := range codes {
		if code == dictEsc {
			nexc++
		} else if uint64(code) >= d {
			return corrupt(Bytedict, "code %d outside dictionary of %d", code, d)
		}
	}
	exc := newCol(c.t, nexc)
	rest, ok = readRaw(rest, &exc)
	if !ok || len(rest) != 0 {
		return corrupt(Bytedict, "malformed exceptions")
	}
	switch c.t.Physical() {
	case types.PhysInt64:
		applyDict(c.ints, dict.ints, exc.ints, codes)
	case types.PhysFloat64:
		applyDict(c.floats, dict.floats, exc.floats, codes)
	case types.PhysDecimal128:
		applyDict(c.decs, dict.decs, exc.decs, codes)
	case types.PhysString:
		applyDict(c.strs, dict.strs, exc.strs, codes)
	}
	return nil
}

// applyDict expands codes (already validated) through the dictionary.
func applyDict[E any](out, dict, exc []E, codes []byte) {
	var table [256]E
	copy(table[:], dict)
	j := 0
	for i, code := range codes[:len(out)] {
		if code != dictEsc {
			out[i] = table[code]
		} else {
			out[i] = exc[j]
			j++
		}
	}
}
