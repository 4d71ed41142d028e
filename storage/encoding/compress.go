package encoding

import (
	"encoding/binary"
	"sync"

	"github.com/klauspost/compress/zstd"
	"github.com/pierrec/lz4/v4"

	"github.com/warehoused/warehoused/sqlerr"
)

// LZO and ZSTD compress the raw encoding of the block as a whole. Layout:
//
//	mode byte: 0 = stored (raw bytes follow: compression did not pay),
//	           1 = compressed
//	uvarint length of the raw encoding
//	payload
//
// LZO is served by LZ4, which fills the same niche (fast, byte-oriented LZ77
// without entropy coding); the name stays Redshift's.

const (
	modeStored     = 0
	modeCompressed = 1
	// maxStrRowBytes bounds the average raw bytes per string row a decoder
	// accepts before allocating, so a corrupt length cannot ask for
	// terabytes. It is far above Redshift's 65535-byte VARCHAR limit.
	maxStrRowBytes = 1 << 24
	// zstdMaxBlock is zstd's largest decompressed block (the format's
	// Block_Maximum_Size).
	zstdMaxBlock = 128 << 10
)

// lz4Compressors pools LZ4 compressors: a Compressor keeps a hash table
// between calls and is not safe for concurrent use, and allocating its
// tables per block would dominate small blocks.
var lz4Compressors = sync.Pool{New: func() any { return new(lz4.Compressor) }}

// zstdCodecs builds the shared zstd encoder and decoder once. Both are
// immutable after construction and documented safe for concurrent use by
// EncodeAll/DecodeAll (each call borrows an internal per-call state from a
// channel sized by the concurrency option), so one pair serves the process.
// The decoder limits DecodeAll to the capacity of the destination, which we
// size from the validated raw length, so corrupt frames cannot make it
// allocate beyond that.
var zstdCodecs = sync.OnceValue(func() zstdPair {
	enc, err := zstd.NewWriter(nil, zstd.WithEncoderLevel(zstd.SpeedDefault), zstd.WithEncoderConcurrency(0))
	if err != nil {
		return zstdPair{err: err}
	}
	dec, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(0), zstd.WithDecodeAllCapLimit(true))
	return zstdPair{enc: enc, dec: dec, err: err}
})

type zstdPair struct {
	enc *zstd.Encoder
	dec *zstd.Decoder
	err error // options rejected: cannot happen with the static options above
}

func zstdErr(err error) error {
	return sqlerr.Wrapf(err, sqlerr.InternalError, "encoding: zstd setup")
}

// rawScratch pools the buffers LZ4 and ZSTD hold a block's raw encoding in
// while they compress it: a block's worth of garbage per block otherwise.
var rawScratch = sync.Pool{New: func() any { return new([]byte) }}

// withRaw calls f with the raw encoding of c in a pooled buffer, which f
// must not keep.
func withRaw(c *col, f func(raw []byte) ([]byte, error)) ([]byte, error) {
	p := rawScratch.Get().(*[]byte)
	defer rawScratch.Put(p)
	raw, err := appendRaw((*p)[:0], c)
	*p = raw
	if err != nil {
		return nil, err
	}
	return f(raw)
}

func encodeLZ4(dst []byte, c *col) ([]byte, error) {
	return withRaw(c, func(raw []byte) ([]byte, error) { return compressLZ4(dst, raw) })
}

func compressLZ4(dst, raw []byte) ([]byte, error) {
	start := len(dst)
	dst = append(dst, modeCompressed)
	dst = binary.AppendUvarint(dst, uint64(len(raw)))
	hdr := len(dst)
	bound := lz4.CompressBlockBound(len(raw))
	dst = grow(dst, bound)
	comp := lz4Compressors.Get().(*lz4.Compressor)
	m, err := comp.CompressBlock(raw, dst[hdr:hdr+bound])
	lz4Compressors.Put(comp)
	if err != nil || m == 0 || m >= len(raw) {
		// Incompressible (LZ4 reports 0): store raw instead.
		dst = dst[:start]
		dst = append(dst, modeStored)
		dst = binary.AppendUvarint(dst, uint64(len(raw)))
		return append(dst, raw...), nil
	}
	return dst[:hdr+m], nil
}

func decodeLZ4(src []byte, c *col) error {
	mode, rawLen, payload, err := compressedHeader(LZO, src, c)
	if err != nil {
		return err
	}
	raw := payload
	if mode == modeCompressed {
		// LZ4 cannot expand a byte more than 255-fold.
		if rawLen > uint64(len(payload))*255+16 {
			return corrupt(LZO, "raw length %d impossible for %d compressed bytes", rawLen, len(payload))
		}
		raw = make([]byte, rawLen)
		m, err := lz4.UncompressBlock(payload, raw)
		if err != nil || uint64(m) != rawLen {
			return corrupt(LZO, "bad lz4 payload")
		}
	}
	return decodeInner(LZO, raw, c)
}

func encodeZstd(dst []byte, c *col) ([]byte, error) {
	return withRaw(c, func(raw []byte) ([]byte, error) { return compressZstd(dst, raw) })
}

func compressZstd(dst, raw []byte) ([]byte, error) {
	z := zstdCodecs()
	if z.err != nil {
		return dst, zstdErr(z.err)
	}
	start := len(dst)
	dst = append(dst, modeCompressed)
	dst = binary.AppendUvarint(dst, uint64(len(raw)))
	hdr := len(dst)
	dst = z.enc.EncodeAll(raw, dst)
	if len(dst)-hdr >= len(raw) {
		dst = dst[:start]
		dst = append(dst, modeStored)
		dst = binary.AppendUvarint(dst, uint64(len(raw)))
		return append(dst, raw...), nil
	}
	return dst, nil
}

func decodeZstd(src []byte, c *col) error {
	mode, rawLen, payload, err := compressedHeader(Zstd, src, c)
	if err != nil {
		return err
	}
	raw := payload
	if mode == modeCompressed {
		// A zstd block inflates to at most 128 KiB and costs at least 3
		// header bytes plus 1 (an RLE block), which bounds what a payload
		// can honestly expand to before we allocate for it.
		if rawLen > (uint64(len(payload))/3+1)*zstdMaxBlock {
			return corrupt(Zstd, "raw length %d impossible for %d compressed bytes", rawLen, len(payload))
		}
		z := zstdCodecs()
		if z.err != nil {
			return zstdErr(z.err)
		}
		raw, err = z.dec.DecodeAll(payload, make([]byte, 0, rawLen))
		if err != nil || uint64(len(raw)) != rawLen {
			return corrupt(Zstd, "bad zstd payload")
		}
	}
	return decodeInner(Zstd, raw, c)
}

// compressedHeader parses the mode and raw length and checks the length is
// plausible for n values of the column's type before anyone allocates it.
func compressedHeader(k Kind, src []byte, c *col) (mode byte, rawLen uint64, payload []byte, err error) {
	if len(src) < 1 {
		return 0, 0, nil, corrupt(k, "empty block")
	}
	mode = src[0]
	rawLen, m := binary.Uvarint(src[1:])
	if m <= 0 || mode > modeCompressed {
		return 0, 0, nil, corrupt(k, "bad header")
	}
	payload = src[1+m:]
	if want := rawSize(c.t, c.n); want >= 0 {
		if rawLen != uint64(want) {
			return 0, 0, nil, corrupt(k, "raw length %d, want %d", rawLen, want)
		}
	} else if rawLen > uint64(c.n)*(maxStrRowBytes+binary.MaxVarintLen64) {
		return 0, 0, nil, corrupt(k, "raw length %d too large for %d rows", rawLen, c.n)
	}
	if mode == modeStored && uint64(len(payload)) != rawLen {
		return 0, 0, nil, corrupt(k, "stored length %d, want %d", len(payload), rawLen)
	}
	return mode, rawLen, payload, nil
}

// decodeInner decodes the raw encoding inside a compressed block.
func decodeInner(k Kind, raw []byte, c *col) error {
	rest, ok := readRaw(raw, c)
	if !ok || len(rest) != 0 {
		return corrupt(k, "malformed values")
	}
	return nil
}

// grow extends dst's length by n bytes, reallocating when needed.
func grow(dst []byte, n int) []byte {
	if cap(dst)-len(dst) < n {
		nd := make([]byte, len(dst), 2*cap(dst)+n)
		copy(nd, dst)
		dst = nd
	}
	return dst[:len(dst)+n]
}
