package encoding

import (
	"github.com/warehoused/warehoused/types"
)

// The integer codecs (AZ64, DELTA, DELTA32K, MOSTLYn) work on int64 values
// with a byte width for values stored in full (the raw width of the type).
// DECIMAL(p>18) columns are Decimal128: a leading byte says whether every
// value of the block fits an int64 (0: the int64 codec follows, width 8) or
// not (1: raw 16-byte values follow), the graceful fallback Redshift's
// "store outliers raw" suggests.
type intEncoder func(dst []byte, vals []int64, w int) []byte

// intDecoder fills out and returns the rest of src; ok is false on
// malformed input.
type intDecoder func(src []byte, out []int64, w int) (rest []byte, ok bool)

const (
	decAsInt64 = 0
	decRaw128  = 1
)

func encodeInts(dst []byte, c *col, enc intEncoder) ([]byte, error) {
	if c.t.Physical() == types.PhysDecimal128 {
		ints := make([]int64, len(c.decs))
		for i, d := range c.decs {
			if d.Hi != int64(d.Lo)>>63 {
				dst = append(dst, decRaw128)
				return appendDecs(dst, c.decs), nil
			}
			ints[i] = int64(d.Lo)
		}
		dst = append(dst, decAsInt64)
		return enc(dst, ints, 8), nil
	}
	w := intWidth(c.t)
	if err := checkWidth(c.ints, w, c.t); err != nil {
		return dst, err
	}
	return enc(dst, c.ints, w), nil
}

// checkWidth fails when a value does not fit its type's raw width (a bug
// upstream: SMALLINT columns hold SMALLINT values), rather than let a codec
// store it truncated.
func checkWidth(vals []int64, w int, t types.T) error {
	switch w {
	case 2:
		for _, v := range vals {
			if v != int64(int16(v)) {
				return outOfRange(t, v)
			}
		}
	case 4:
		for _, v := range vals {
			if v != int64(int32(v)) {
				return outOfRange(t, v)
			}
		}
	}
	return nil
}

func decodeInts(k Kind, src []byte, c *col, dec intDecoder) error {
	if c.t.Physical() == types.PhysDecimal128 {
		if len(src) < 1 {
			return corrupt(k, "empty block")
		}
		switch src[0] {
		case decRaw128:
			rest, ok := readDecs(src[1:], c.decs)
			if !ok || len(rest) != 0 {
				return corrupt(k, "malformed values")
			}
			return nil
		case decAsInt64:
			ints := make([]int64, len(c.decs))
			rest, ok := dec(src[1:], ints, 8)
			if !ok || len(rest) != 0 {
				return corrupt(k, "malformed values")
			}
			for i, v := range ints {
				c.decs[i] = types.Decimal128{Hi: v >> 63, Lo: uint64(v)}
			}
			return nil
		}
		return corrupt(k, "bad decimal mode %d", src[0])
	}
	rest, ok := dec(src, c.ints, intWidth(c.t))
	if !ok || len(rest) != 0 {
		return corrupt(k, "malformed values")
	}
	return nil
}
