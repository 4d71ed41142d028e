package encoding

import (
	"encoding/binary"
	"math"
	"slices"
	"unsafe"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// RAW stores values uncompressed, little-endian, at the type's natural width
// (SMALLINT 2 bytes, INTEGER and DATE 4, other int64-backed types 8, REAL 4,
// DOUBLE 8, BOOLEAN 1 bit, DECIMAL(p>18) and INTERVAL 16); strings are a
// uvarint byte length followed by the bytes. The same layout serves as the
// "plain" sub-encoding of other codecs (dictionaries, exceptions, run values)
// and as the input of LZO and ZSTD.

// nativeLE is true on little-endian hosts, where 8-byte values are copied
// between vectors and raw bytes with one memmove instead of a loop. Set once
// at package initialisation, never written after.
var nativeLE = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// bytesOf views an int64 or float64 slice as its bytes (8 per element).
func bytesOf[E int64 | float64](s []E) []byte {
	if len(s) == 0 {
		return nil
	}
	return unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), 8*len(s))
}

// intWidth is the byte width of t's int64 values in raw storage.
func intWidth(t types.T) int {
	switch t.ID {
	case types.Int16:
		return 2
	case types.Int32, types.Date:
		return 4
	}
	return 8
}

func outOfRange(t types.T, v int64) error {
	return sqlerr.Newf(sqlerr.NumericValueOutOfRange, "value %d out of range for type %s", v, t)
}

// appendInts appends vals at width w, failing when a value does not fit.
func appendInts(dst []byte, vals []int64, w int, t types.T) ([]byte, error) {
	switch w {
	case 2:
		for _, v := range vals {
			if v != int64(int16(v)) {
				return dst, outOfRange(t, v)
			}
			dst = binary.LittleEndian.AppendUint16(dst, uint16(v))
		}
	case 4:
		for _, v := range vals {
			if v != int64(int32(v)) {
				return dst, outOfRange(t, v)
			}
			dst = binary.LittleEndian.AppendUint32(dst, uint32(v))
		}
	default:
		if nativeLE {
			return append(dst, bytesOf(vals)...), nil
		}
		for _, v := range vals {
			dst = binary.LittleEndian.AppendUint64(dst, uint64(v))
		}
	}
	return dst, nil
}

// readInts fills out from src at width w and returns the rest of src; ok is
// false when src is too short.
func readInts(src []byte, out []int64, w int) (rest []byte, ok bool) {
	need := len(out) * w
	if need < 0 || len(src) < need {
		return src, false
	}
	b := src[:need]
	switch w {
	case 2:
		// Shrinking b as we go lets the compiler drop the bounds checks.
		for i := 0; i < len(out) && len(b) >= 2; i++ {
			out[i] = int64(int16(binary.LittleEndian.Uint16(b)))
			b = b[2:]
		}
	case 4:
		for i := 0; i < len(out) && len(b) >= 4; i++ {
			out[i] = int64(int32(binary.LittleEndian.Uint32(b)))
			b = b[4:]
		}
	default:
		if nativeLE {
			copy(bytesOf(out), b)
			break
		}
		for i := range out {
			out[i] = int64(binary.LittleEndian.Uint64(b[8*i:]))
		}
	}
	return src[need:], true
}

func appendFloats(dst []byte, vals []float64, t types.T) []byte {
	if t.ID == types.Float32 {
		for _, v := range vals {
			dst = binary.LittleEndian.AppendUint32(dst, math.Float32bits(float32(v)))
		}
		return dst
	}
	if nativeLE {
		return append(dst, bytesOf(vals)...)
	}
	for _, v := range vals {
		dst = binary.LittleEndian.AppendUint64(dst, math.Float64bits(v))
	}
	return dst
}

func readFloats(src []byte, out []float64, t types.T) ([]byte, bool) {
	if t.ID == types.Float32 {
		need := 4 * len(out)
		if len(src) < need {
			return src, false
		}
		b := src[:need]
		for i := 0; i < len(out) && len(b) >= 4; i++ {
			out[i] = float64(math.Float32frombits(binary.LittleEndian.Uint32(b)))
			b = b[4:]
		}
		return src[need:], true
	}
	need := 8 * len(out)
	if len(src) < need {
		return src, false
	}
	b := src[:need]
	if nativeLE {
		copy(bytesOf(out), b)
		return src[need:], true
	}
	for i := range out {
		out[i] = math.Float64frombits(binary.LittleEndian.Uint64(b[8*i:]))
	}
	return src[need:], true
}

// appendBools packs one bit per value, least significant bit first.
func appendBools(dst []byte, vals []bool) []byte {
	for i := 0; i < len(vals); i += 8 {
		var b byte
		for j := 0; j < 8 && i+j < len(vals); j++ {
			if vals[i+j] {
				b |= 1 << j
			}
		}
		dst = append(dst, b)
	}
	return dst
}

func readBools(src []byte, out []bool) ([]byte, bool) {
	need := (len(out) + 7) / 8
	if len(src) < need {
		return src, false
	}
	for i := range out {
		out[i] = src[i>>3]&(1<<(i&7)) != 0
	}
	return src[need:], true
}

func appendDecs(dst []byte, vals []types.Decimal128) []byte {
	for _, v := range vals {
		dst = binary.LittleEndian.AppendUint64(dst, v.Lo)
		dst = binary.LittleEndian.AppendUint64(dst, uint64(v.Hi))
	}
	return dst
}

func readDecs(src []byte, out []types.Decimal128) ([]byte, bool) {
	need := 16 * len(out)
	if len(src) < need {
		return src, false
	}
	b := src[:need]
	for i := range out {
		out[i] = types.Decimal128{Lo: binary.LittleEndian.Uint64(b[16*i:]), Hi: int64(binary.LittleEndian.Uint64(b[16*i+8:]))}
	}
	return src[need:], true
}

func appendIvs(dst []byte, vals []types.IntervalValue) []byte {
	for _, v := range vals {
		dst = binary.LittleEndian.AppendUint32(dst, uint32(v.Months))
		dst = binary.LittleEndian.AppendUint32(dst, uint32(v.Days))
		dst = binary.LittleEndian.AppendUint64(dst, uint64(v.Micros))
	}
	return dst
}

func readIvs(src []byte, out []types.IntervalValue) ([]byte, bool) {
	need := 16 * len(out)
	if len(src) < need {
		return src, false
	}
	b := src[:need]
	for i := range out {
		p := b[16*i:]
		out[i] = types.IntervalValue{
			Months: int32(binary.LittleEndian.Uint32(p)),
			Days:   int32(binary.LittleEndian.Uint32(p[4:])),
			Micros: int64(binary.LittleEndian.Uint64(p[8:])),
		}
	}
	return src[need:], true
}

func appendStrs(dst []byte, vals []string) []byte {
	for _, s := range vals {
		dst = binary.AppendUvarint(dst, uint64(len(s)))
		dst = append(dst, s...)
	}
	return dst
}

// readStrs decodes len(out) strings. All of them share one allocation: the
// bytes they span are converted to a single string once and sliced.
func readStrs(src []byte, out []string) ([]byte, bool) {
	// First pass: find where the strings end, validating every length.
	pos := 0
	for range out {
		l, k := strLen(src[pos:])
		if k <= 0 || l > uint64(len(src)-pos-k) {
			return src, false
		}
		pos += k + int(l)
	}
	all := string(src[:pos])
	pos = 0
	for i := range out {
		l, k := strLen(src[pos:])
		pos += k
		out[i] = all[pos : pos+int(l)]
		pos += int(l)
	}
	return src[pos:], true
}

// strLen is binary.Uvarint with the one-byte case (strings under 128
// bytes, nearly all of them) inlined.
func strLen(b []byte) (uint64, int) {
	if len(b) > 0 && b[0] < 0x80 {
		return uint64(b[0]), 1
	}
	return binary.Uvarint(b)
}

// appendRaw appends the raw encoding of every row of c. It grows dst once,
// to the exact size: growing a block's worth of strings by doubling cost a
// seventh of a bulk load's CPU.
func appendRaw(dst []byte, c *col) ([]byte, error) {
	dst = slices.Grow(dst, rawLen(c))
	switch c.t.Physical() {
	case types.PhysBool:
		return appendBools(dst, c.bools), nil
	case types.PhysInt64:
		return appendInts(dst, c.ints, intWidth(c.t), c.t)
	case types.PhysFloat64:
		return appendFloats(dst, c.floats, c.t), nil
	case types.PhysDecimal128:
		return appendDecs(dst, c.decs), nil
	case types.PhysString:
		return appendStrs(dst, c.strs), nil
	case types.PhysInterval:
		return appendIvs(dst, c.ivs), nil
	}
	return dst, nil // PhysNull: nothing to store
}

// readRaw fills every row of c from src and returns the rest of src.
func readRaw(src []byte, c *col) ([]byte, bool) {
	switch c.t.Physical() {
	case types.PhysBool:
		return readBools(src, c.bools)
	case types.PhysInt64:
		return readInts(src, c.ints, intWidth(c.t))
	case types.PhysFloat64:
		return readFloats(src, c.floats, c.t)
	case types.PhysDecimal128:
		return readDecs(src, c.decs)
	case types.PhysString:
		return readStrs(src, c.strs)
	case types.PhysInterval:
		return readIvs(src, c.ivs)
	}
	return src, true
}

// rawLen is the exact size of c's raw encoding.
func rawLen(c *col) int {
	if n := rawSize(c.t, c.n); n >= 0 {
		return n
	}
	total := 0
	for _, s := range c.strs {
		total += uvarintLen(uint64(len(s))) + len(s)
	}
	return total
}

// rawSize is the exact raw size of n values of t, or -1 for strings.
func rawSize(t types.T, n int) int {
	switch t.Physical() {
	case types.PhysBool:
		return (n + 7) / 8
	case types.PhysInt64:
		return n * intWidth(t)
	case types.PhysFloat64:
		if t.ID == types.Float32 {
			return 4 * n
		}
		return 8 * n
	case types.PhysDecimal128, types.PhysInterval:
		return 16 * n
	case types.PhysString:
		return -1
	}
	return 0
}

func encodeRaw(dst []byte, c *col) ([]byte, error) { return appendRaw(dst, c) }

func decodeRaw(src []byte, c *col) error {
	rest, ok := readRaw(src, c)
	if !ok {
		return corrupt(Raw, "truncated values")
	}
	if len(rest) != 0 {
		return corrupt(Raw, "%d trailing bytes", len(rest))
	}
	return nil
}
