package encoding

import (
	"encoding/binary"
	"math/bits"
)

// AZ64 (Amazon's format is proprietary) is served by frame-of-reference
// bit-packing in mini-blocks of 128 values. Each mini-block picks the smaller
// of two layouts:
//
//	FOR:   header byte w (0..64), uvarint zigzag(min),
//	       then each value-min in w bits
//	DELTA: header byte 0x80|w, uvarint zigzag(first), uvarint zigzag(minDelta),
//	       then each (v[i]-v[i-1]-minDelta), i >= 1, in w bits
//
// Bits are packed least significant first into a little-endian byte stream
// of ceil(count*w/8) bytes. All arithmetic wraps modulo 2^64, so the full
// int64 range round-trips. FOR wins on unsorted data with a small range,
// DELTA on sorted data (dates, timestamps, keys), where w is often 0 or 1.
// The decoder unpacks with one unaligned 64-bit load per value from a
// padded scratch copy of the mini-block: no per-value calls, no branches
// beyond the loop.

const (
	az64Block = 128
	az64Delta = 0x80
)

func encodeAZ64(dst []byte, c *col) ([]byte, error) { return encodeInts(dst, c, az64Encode) }

func decodeAZ64(src []byte, c *col) error { return decodeInts(AZ64, src, c, az64Decode) }

func zigzag(v int64) uint64   { return uint64(v<<1) ^ uint64(v>>63) }
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

func uvarintLen(u uint64) int { return (bits.Len64(u|1) + 6) / 7 }

func az64Encode(dst []byte, vals []int64, _ int) []byte {
	for len(vals) > 0 {
		m := min(len(vals), az64Block)
		dst = az64EncodeBlock(dst, vals[:m])
		vals = vals[m:]
	}
	return dst
}

func az64EncodeBlock(dst []byte, v []int64) []byte {
	lo, hi := v[0], v[0]
	for _, x := range v[1:] {
		lo = min(lo, x)
		hi = max(hi, x)
	}
	wFor := bits.Len64(uint64(hi - lo)) // wrapping difference is the true unsigned range
	sizeFor := uvarintLen(zigzag(lo)) + (len(v)*wFor+7)/8

	var dlo, dhi int64
	if len(v) > 1 {
		dlo = v[1] - v[0]
		dhi = dlo
		for i := 2; i < len(v); i++ {
			d := v[i] - v[i-1]
			dlo = min(dlo, d)
			dhi = max(dhi, d)
		}
	}
	wD := bits.Len64(uint64(dhi - dlo))
	sizeD := uvarintLen(zigzag(v[0])) + uvarintLen(zigzag(dlo)) + ((len(v)-1)*wD+7)/8

	var bw bitWriter
	if sizeD < sizeFor {
		dst = append(dst, az64Delta|byte(wD))
		dst = binary.AppendUvarint(dst, zigzag(v[0]))
		dst = binary.AppendUvarint(dst, zigzag(dlo))
		if wD > 0 {
			for i := 1; i < len(v); i++ {
				dst = bw.put(dst, uint64(v[i]-v[i-1]-dlo), uint(wD))
			}
		}
		return bw.flush(dst)
	}
	dst = append(dst, byte(wFor))
	dst = binary.AppendUvarint(dst, zigzag(lo))
	if wFor > 0 {
		for _, x := range v {
			dst = bw.put(dst, uint64(x-lo), uint(wFor))
		}
	}
	return bw.flush(dst)
}

// bitWriter packs values least significant bit first.
type bitWriter struct {
	acc   uint64
	nbits uint // bits pending in acc, < 64
}

func (b *bitWriter) put(dst []byte, x uint64, w uint) []byte {
	b.acc |= x << b.nbits
	if b.nbits+w >= 64 {
		dst = binary.LittleEndian.AppendUint64(dst, b.acc)
		b.acc = x >> (64 - b.nbits) // Go defines x>>64 as 0
		b.nbits = b.nbits + w - 64
		return dst
	}
	b.nbits += w
	return dst
}

func (b *bitWriter) flush(dst []byte) []byte {
	for i := uint(0); i < b.nbits; i += 8 {
		dst = append(dst, byte(b.acc>>i))
	}
	b.acc, b.nbits = 0, 0
	return dst
}

// az64Scratch holds one mini-block's packed bytes plus padding, so every
// value is one unaligned 64-bit load (plus one byte for widths over 56).
type az64Scratch [az64Block*8 + 16]byte

func az64Decode(src []byte, out []int64, _ int) ([]byte, bool) {
	var scratch az64Scratch
	p := 0
	for start := 0; start < len(out); start += az64Block {
		o := out[start:min(start+az64Block, len(out))]
		if p >= len(src) {
			return nil, false
		}
		h := src[p]
		p++
		w := int(h &^ az64Delta)
		if w > 64 {
			return nil, false
		}
		a, m := binary.Uvarint(src[p:])
		if m <= 0 {
			return nil, false
		}
		p += m
		first := unzigzag(a)
		cnt := len(o)
		var dlo int64
		delta := h&az64Delta != 0
		if delta {
			b, m := binary.Uvarint(src[p:])
			if m <= 0 {
				return nil, false
			}
			p += m
			dlo = unzigzag(b)
			cnt--
		}
		nb := (cnt*w + 7) / 8
		if len(src)-p < nb {
			return nil, false
		}
		packed := src[p : p+nb]
		p += nb
		if delta {
			o[0] = first
			unpackDelta(o[1:], packed, w, first, dlo, &scratch)
		} else {
			unpackFOR(o, packed, w, first, &scratch)
		}
	}
	return src[p:], true
}

func unpackFOR(o []int64, packed []byte, w int, base int64, s *az64Scratch) {
	if w == 0 {
		for i := range o {
			o[i] = base
		}
		return
	}
	copy(s[:], packed)
	mask := ^uint64(0) >> (64 - uint(w))
	bp := uint(0)
	if w <= 56 {
		uw := uint(w)
		i := 0
		// Four independent loads per iteration keep the CPU's load ports
		// busy; the scalar loop finishes partial mini-blocks.
		for ; i+4 <= len(o); i += 4 {
			b0, b1, b2, b3 := bp, bp+uw, bp+2*uw, bp+3*uw
			x0 := binary.LittleEndian.Uint64(s[(b0>>3)&(az64Block*8-1):]) >> (b0 & 7)
			x1 := binary.LittleEndian.Uint64(s[(b1>>3)&(az64Block*8-1):]) >> (b1 & 7)
			x2 := binary.LittleEndian.Uint64(s[(b2>>3)&(az64Block*8-1):]) >> (b2 & 7)
			x3 := binary.LittleEndian.Uint64(s[(b3>>3)&(az64Block*8-1):]) >> (b3 & 7)
			q := o[i : i+4 : i+4]
			q[0] = base + int64(x0&mask)
			q[1] = base + int64(x1&mask)
			q[2] = base + int64(x2&mask)
			q[3] = base + int64(x3&mask)
			bp += 4 * uw
		}
		for ; i < len(o); i++ {
			x := binary.LittleEndian.Uint64(s[(bp>>3)&(az64Block*8-1):]) >> (bp & 7)
			o[i] = base + int64(x&mask)
			bp += uw
		}
		return
	}
	for i := range o {
		q := (bp >> 3) & (az64Block*8 - 1)
		sh := bp & 7
		x := binary.LittleEndian.Uint64(s[q:])>>sh | uint64(s[q+8])<<(64-sh)
		o[i] = base + int64(x&mask)
		bp += uint(w)
	}
}

func unpackDelta(o []int64, packed []byte, w int, acc, dlo int64, s *az64Scratch) {
	if w == 0 {
		for i := range o {
			acc += dlo
			o[i] = acc
		}
		return
	}
	copy(s[:], packed)
	mask := ^uint64(0) >> (64 - uint(w))
	bp := uint(0)
	if w <= 56 {
		uw := uint(w)
		i := 0
		for ; i+4 <= len(o); i += 4 {
			b0, b1, b2, b3 := bp, bp+uw, bp+2*uw, bp+3*uw
			x0 := binary.LittleEndian.Uint64(s[(b0>>3)&(az64Block*8-1):]) >> (b0 & 7)
			x1 := binary.LittleEndian.Uint64(s[(b1>>3)&(az64Block*8-1):]) >> (b1 & 7)
			x2 := binary.LittleEndian.Uint64(s[(b2>>3)&(az64Block*8-1):]) >> (b2 & 7)
			x3 := binary.LittleEndian.Uint64(s[(b3>>3)&(az64Block*8-1):]) >> (b3 & 7)
			q := o[i : i+4 : i+4]
			a0 := acc + dlo + int64(x0&mask)
			a1 := a0 + dlo + int64(x1&mask)
			a2 := a1 + dlo + int64(x2&mask)
			a3 := a2 + dlo + int64(x3&mask)
			q[0], q[1], q[2], q[3] = a0, a1, a2, a3
			acc = a3
			bp += 4 * uw
		}
		for ; i < len(o); i++ {
			x := binary.LittleEndian.Uint64(s[(bp>>3)&(az64Block*8-1):]) >> (bp & 7)
			acc += dlo + int64(x&mask)
			o[i] = acc
			bp += uw
		}
		return
	}
	for i := range o {
		q := (bp >> 3) & (az64Block*8 - 1)
		sh := bp & 7
		x := binary.LittleEndian.Uint64(s[q:])>>sh | uint64(s[q+8])<<(64-sh)
		acc += dlo + int64(x&mask)
		o[i] = acc
		bp += uint(w)
	}
}
