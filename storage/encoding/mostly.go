package encoding

import "encoding/binary"

// MOSTLY8/16/32 store every value in 1, 2 or 4 signed little-endian bytes.
// The narrow type's minimum is the exception marker: a value that does not
// fit, or equals the marker, is stored in full (type's raw width) in the
// exception area after the narrow values, in row order.

func encodeMostly(dst []byte, c *col, nw int) ([]byte, error) {
	return encodeInts(dst, c, func(dst []byte, vals []int64, w int) []byte {
		lo := -int64(1) << (8*nw - 1)
		hi := -lo - 1
		var exc []int64
		for _, v := range vals {
			x := v
			if v <= lo || v > hi {
				exc = append(exc, v)
				x = lo
			}
			switch nw {
			case 1:
				dst = append(dst, byte(x))
			case 2:
				dst = binary.LittleEndian.AppendUint16(dst, uint16(x))
			default:
				dst = binary.LittleEndian.AppendUint32(dst, uint32(x))
			}
		}
		for _, v := range exc {
			dst = appendFull(dst, v, w)
		}
		return dst
	})
}

func decodeMostly(k Kind, src []byte, c *col, nw int) error {
	return decodeInts(k, src, c, func(src []byte, out []int64, w int) ([]byte, bool) {
		need := len(out) * nw
		if len(src) < need {
			return nil, false
		}
		narrow, exc := src[:need], src[need:]
		nexc := 0
		switch nw {
		case 1:
			for i := range out {
				out[i] = int64(int8(narrow[i]))
			}
		case 2:
			for i := range out {
				out[i] = int64(int16(binary.LittleEndian.Uint16(narrow[2*i:])))
			}
		default:
			for i := range out {
				out[i] = int64(int32(binary.LittleEndian.Uint32(narrow[4*i:])))
			}
		}
		// Patch the exceptions in a second pass: the first stays a
		// branch-free widening loop.
		marker := -int64(1) << (8*nw - 1)
		for i, v := range out {
			if v == marker {
				if len(exc)-nexc*w < w {
					return nil, false
				}
				out[i] = readFull(exc[nexc*w:], w)
				nexc++
			}
		}
		return exc[nexc*w:], true
	})
}

func encodeMostly8(dst []byte, c *col) ([]byte, error)  { return encodeMostly(dst, c, 1) }
func encodeMostly16(dst []byte, c *col) ([]byte, error) { return encodeMostly(dst, c, 2) }
func encodeMostly32(dst []byte, c *col) ([]byte, error) { return encodeMostly(dst, c, 4) }
func decodeMostly8(src []byte, c *col) error            { return decodeMostly(Mostly8, src, c, 1) }
func decodeMostly16(src []byte, c *col) error           { return decodeMostly(Mostly16, src, c, 2) }
func decodeMostly32(src []byte, c *col) error           { return decodeMostly(Mostly32, src, c, 4) }
