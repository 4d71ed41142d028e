package encoding

import "encoding/binary"

// DELTA and DELTA32K store each value as its difference from the previous
// one (the first from zero) in one signed byte or two signed little-endian
// bytes. The most negative code (-128 / -32768) is the escape: the value
// follows in full at the type's raw width.

const (
	esc8  = -128
	esc16 = -32768
)

func encodeDelta8(dst []byte, c *col) ([]byte, error) {
	return encodeInts(dst, c, func(dst []byte, vals []int64, w int) []byte {
		var prev int64
		for _, v := range vals {
			d := v - prev // wraps; the decoder wraps the same way
			if d > esc8 && d <= 127 {
				dst = append(dst, byte(int8(d)))
			} else {
				dst = append(dst, byte(0x80))
				dst = appendFull(dst, v, w)
			}
			prev = v
		}
		return dst
	})
}

func decodeDelta8(src []byte, c *col) error {
	return decodeInts(Delta, src, c, func(src []byte, out []int64, w int) ([]byte, bool) {
		var prev int64
		p := 0
		for i := range out {
			if p >= len(src) {
				return nil, false
			}
			b := int8(src[p])
			p++
			if b != esc8 {
				prev += int64(b)
			} else {
				if len(src)-p < w {
					return nil, false
				}
				prev = readFull(src[p:], w)
				p += w
			}
			out[i] = prev
		}
		return src[p:], true
	})
}

func encodeDelta16(dst []byte, c *col) ([]byte, error) {
	return encodeInts(dst, c, func(dst []byte, vals []int64, w int) []byte {
		var prev int64
		for _, v := range vals {
			d := v - prev
			if d > esc16 && d <= 32767 {
				dst = binary.LittleEndian.AppendUint16(dst, uint16(int16(d)))
			} else {
				dst = binary.LittleEndian.AppendUint16(dst, 0x8000)
				dst = appendFull(dst, v, w)
			}
			prev = v
		}
		return dst
	})
}

func decodeDelta16(src []byte, c *col) error {
	return decodeInts(Delta32K, src, c, func(src []byte, out []int64, w int) ([]byte, bool) {
		var prev int64
		p := 0
		for i := range out {
			if len(src)-p < 2 {
				return nil, false
			}
			d := int16(binary.LittleEndian.Uint16(src[p:]))
			p += 2
			if d != esc16 {
				prev += int64(d)
			} else {
				if len(src)-p < w {
					return nil, false
				}
				prev = readFull(src[p:], w)
				p += w
			}
			out[i] = prev
		}
		return src[p:], true
	})
}

// appendFull appends v at width w (2, 4 or 8 bytes; v is known to fit).
func appendFull(dst []byte, v int64, w int) []byte {
	switch w {
	case 2:
		return binary.LittleEndian.AppendUint16(dst, uint16(v))
	case 4:
		return binary.LittleEndian.AppendUint32(dst, uint32(v))
	}
	return binary.LittleEndian.AppendUint64(dst, uint64(v))
}

// readFull reads a value of width w; src holds at least w bytes.
func readFull(src []byte, w int) int64 {
	switch w {
	case 2:
		return int64(int16(binary.LittleEndian.Uint16(src)))
	case 4:
		return int64(int32(binary.LittleEndian.Uint32(src)))
	}
	return int64(binary.LittleEndian.Uint64(src))
}
