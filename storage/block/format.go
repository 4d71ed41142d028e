package block

import (
	"encoding/binary"
	"hash/crc32"
	"math/bits"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Block file layout (all integers little-endian):
//
//	off  size
//	0    4    magic "WHB1"
//	4    1    format version (formatVersion)
//	5    1    physical kind of the column type (types.Physical)
//	6    1    encoding kind (encoding.Kind)
//	7    1    flags: bit 0 = zone map has Min, bit 1 = has Max
//	8    4    rows
//	12   4    NULL rows
//	16   4    NULL bitmap length in bytes (0 when there are no NULLs, else 8*ceil(rows/64))
//	20   4    zone map length in bytes (Min then Max, see AppendDatum)
//	24   4    payload length in bytes (encoding.Encode output)
//	28   ...  NULL bitmap words, zone map, payload
//	end-4 4   CRC-32C (Castagnoli) of every byte before it
//
// The header is fixed-size so a reader can validate it before trusting any
// length, and the zone map rides in the block so a manifest can be rebuilt
// from the blocks alone (ReadMeta).
const (
	magic         = "WHB1"
	formatVersion = 1
	headerSize    = 28
	trailerSize   = 4

	flagHasMin = 1 << 0
	flagHasMax = 1 << 1
	flagsKnown = flagHasMin | flagHasMax
)

// MaxRows bounds the rows of one block. It keeps a block's row count in the
// header's 32 bits and bounds what a (crafted) header can make Decode
// allocate; storage blocks hold far fewer (storage.DefaultBlockRows).
const MaxRows = 1 << 22

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// numEncodings is one past the largest encoding.Kind a header may carry.
var numEncodings = len(encoding.Kinds())

// Encode builds a block of v's rows [from, to) with encoding enc (see the
// layout above). Meta.Hash is the content hash of the returned bytes.
func Encode(v *vector.Vector, from, to int, enc encoding.Kind) ([]byte, Meta, error) {
	if v == nil || from < 0 || to < from || to > v.Len() {
		return nil, Meta{}, sqlerr.Newf(sqlerr.InternalError, "block: row range [%d, %d) out of bounds", from, to)
	}
	n := to - from
	if n > MaxRows {
		return nil, Meta{}, sqlerr.Newf(sqlerr.ProgramLimitExceeded, "block: %d rows exceed the limit of %d rows per block", n, MaxRows)
	}
	if int(enc) >= numEncodings {
		return nil, Meta{}, sqlerr.Newf(sqlerr.InternalError, "block: unknown encoding %d", enc)
	}
	phys := v.Type.Physical()
	words := extractBits(v.Nulls, from, n)
	nulls := 0
	for _, w := range words {
		nulls += bits.OnesCount64(w)
	}
	if phys == types.PhysNull && nulls != n {
		return nil, Meta{}, sqlerr.Newf(sqlerr.InternalError, "block: vector of type %s has non-NULL rows", v.Type)
	}
	if nulls == 0 {
		words = nil
	}
	min, max := zoneMap(v, from, to, words)

	buf := make([]byte, headerSize, headerSize+len(words)*8+estimatePayload(v, n)+trailerSize)
	copy(buf, magic)
	buf[4] = formatVersion
	buf[5] = byte(phys)
	buf[6] = byte(enc)
	flags := byte(0)
	if min != nil {
		flags |= flagHasMin
	}
	if max != nil {
		flags |= flagHasMax
	}
	buf[7] = flags
	binary.LittleEndian.PutUint32(buf[8:], uint32(n))
	binary.LittleEndian.PutUint32(buf[12:], uint32(nulls))
	binary.LittleEndian.PutUint32(buf[16:], uint32(len(words)*8))
	for _, w := range words {
		buf = binary.LittleEndian.AppendUint64(buf, w)
	}
	zoneStart := len(buf)
	if min != nil {
		buf = AppendDatum(buf, phys, min)
	}
	if max != nil {
		buf = AppendDatum(buf, phys, max)
	}
	binary.LittleEndian.PutUint32(buf[20:], uint32(len(buf)-zoneStart))
	payStart := len(buf)
	if phys != types.PhysNull && n > 0 {
		var err error
		buf, err = encoding.Encode(enc, v, from, to, buf)
		if err != nil {
			return nil, Meta{}, err
		}
	}
	payLen := len(buf) - payStart
	if uint64(payLen) > 0xFFFFFFFF {
		return nil, Meta{}, sqlerr.Newf(sqlerr.ProgramLimitExceeded, "block: payload of %d bytes is too large", payLen)
	}
	binary.LittleEndian.PutUint32(buf[24:], uint32(payLen))
	buf = binary.LittleEndian.AppendUint32(buf, crc32.Checksum(buf, castagnoli))
	return buf, Meta{
		Hash:     Hash(buf),
		Encoding: enc,
		Rows:     n,
		Nulls:    nulls,
		Min:      min,
		Max:      max,
		Bytes:    int64(len(buf)),
	}, nil
}

// estimatePayload guesses the encoded size so Encode allocates once in the
// common case (raw size; compressed encodings come in under it).
func estimatePayload(v *vector.Vector, n int) int {
	switch v.Type.Physical() {
	case types.PhysBool:
		return n
	case types.PhysInt64, types.PhysFloat64:
		return 8 * n
	case types.PhysDecimal128, types.PhysInterval:
		return 16 * n
	case types.PhysString:
		return 8 * n
	}
	return 0
}

// header is the parsed fixed part of a block.
type header struct {
	phys               types.Physical
	enc                encoding.Kind
	flags              byte
	rows, nulls        int
	bitmap, zone, body []byte
}

func corrupt(format string, args ...any) *sqlerr.Error {
	return sqlerr.Newf(sqlerr.DataCorrupted, "block is corrupt: "+format, args...)
}

// parseHeader checks the checksum and every header field against the block's
// size and the expected type, and slices the block's sections.
func parseHeader(data []byte, t types.T) (header, error) {
	var h header
	if len(data) < headerSize+trailerSize {
		return h, corrupt("%d bytes is shorter than a block header", len(data))
	}
	if string(data[:4]) != magic {
		return h, corrupt("bad magic number")
	}
	body := data[:len(data)-trailerSize]
	if got, want := crc32.Checksum(body, castagnoli), binary.LittleEndian.Uint32(data[len(body):]); got != want {
		return h, corrupt("checksum mismatch (computed %08x, stored %08x)", got, want)
	}
	if data[4] != formatVersion {
		return h, corrupt("unsupported format version %d", data[4])
	}
	h.phys = types.Physical(data[5])
	if h.phys != t.Physical() {
		return h, corrupt("holds physical kind %d, column type %s needs %d", h.phys, t, t.Physical())
	}
	h.enc = encoding.Kind(data[6])
	if int(h.enc) >= numEncodings {
		return h, corrupt("unknown encoding %d", data[6])
	}
	h.flags = data[7]
	if h.flags&^flagsKnown != 0 {
		return h, corrupt("unknown flags %#x", h.flags)
	}
	rows := binary.LittleEndian.Uint32(data[8:])
	nulls := binary.LittleEndian.Uint32(data[12:])
	bmLen := uint64(binary.LittleEndian.Uint32(data[16:]))
	zoneLen := uint64(binary.LittleEndian.Uint32(data[20:]))
	payLen := uint64(binary.LittleEndian.Uint32(data[24:]))
	if rows > MaxRows {
		return h, corrupt("%d rows exceed the limit of %d", rows, MaxRows)
	}
	if nulls > rows {
		return h, corrupt("%d NULLs in %d rows", nulls, rows)
	}
	wantBM := uint64(0)
	if nulls > 0 {
		wantBM = (uint64(rows) + 63) / 64 * 8
	}
	if bmLen != wantBM {
		return h, corrupt("NULL bitmap of %d bytes, expected %d", bmLen, wantBM)
	}
	if headerSize+bmLen+zoneLen+payLen != uint64(len(body)) {
		return h, corrupt("section lengths do not add up to the block size %d", len(data))
	}
	h.rows, h.nulls = int(rows), int(nulls)
	off := uint64(headerSize)
	h.bitmap = body[off : off+bmLen]
	off += bmLen
	h.zone = body[off : off+zoneLen]
	off += zoneLen
	h.body = body[off:]
	if h.phys == types.PhysNull && (h.nulls != h.rows || len(h.body) != 0) {
		return h, corrupt("an all-NULL column block has values")
	}
	if h.rows == 0 && len(h.body) != 0 {
		return h, corrupt("an empty block has values")
	}
	return h, nil
}

// Decode checks the checksum and header and returns the block's rows as a
// vector of type t. Any mismatch or malformed content is XX001
// (sqlerr.DataCorrupted), never a panic and never wrong rows.
func Decode(data []byte, t types.T) (out *vector.Vector, err error) {
	h, err := parseHeader(data, t)
	if err != nil {
		return nil, err
	}
	nullBits, err := parseBitmap(h)
	if err != nil {
		return nil, err
	}
	out = vector.New(t, h.rows)
	if h.phys == types.PhysNull || h.rows == 0 {
		return out, nil
	}
	// The checksum already rules out damage, so a decoder failing here means
	// a bug or a crafted block; either way the caller gets XX001, not a crash.
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, corrupt("%s payload could not be decoded: %v", h.enc, r)
		}
	}()
	if err := encoding.Decode(h.enc, h.body, h.rows, out); err != nil {
		if sqlerr.CodeOf(err) == sqlerr.DataCorrupted {
			return nil, err
		}
		return nil, sqlerr.Wrapf(err, sqlerr.DataCorrupted, "block is corrupt: %s payload", h.enc)
	}
	if out.Len() != h.rows {
		return nil, corrupt("%s payload decoded to %d rows, header says %d", h.enc, out.Len(), h.rows)
	}
	out.Nulls = nullBits
	return out, nil
}

// parseBitmap returns the NULL bitmap (nil without NULLs) after checking it
// agrees with the header's NULL count and has no bits past the last row.
func parseBitmap(h header) (vector.Bitmap, error) {
	if h.nulls == 0 {
		return nil, nil
	}
	words := make(vector.Bitmap, len(h.bitmap)/8)
	count := 0
	for i := range words {
		words[i] = binary.LittleEndian.Uint64(h.bitmap[i*8:])
		count += bits.OnesCount64(words[i])
	}
	if rem := uint(h.rows) & 63; rem != 0 && words[len(words)-1]>>rem != 0 {
		return nil, corrupt("NULL bitmap marks rows past the end")
	}
	if count != h.nulls {
		return nil, corrupt("NULL bitmap has %d NULLs, header says %d", count, h.nulls)
	}
	return words, nil
}

// ReadMeta returns what the block's header says (Hash included) without
// decoding its values, after the same checks Decode makes of the header.
func ReadMeta(data []byte, t types.T) (Meta, error) {
	h, err := parseHeader(data, t)
	if err != nil {
		return Meta{}, err
	}
	if _, err := parseBitmap(h); err != nil {
		return Meta{}, err
	}
	m := Meta{Hash: Hash(data), Encoding: h.enc, Rows: h.rows, Nulls: h.nulls, Bytes: int64(len(data))}
	zone := h.zone
	if h.flags&flagHasMin != 0 {
		d, n, err := ParseDatum(zone, h.phys)
		if err != nil {
			return Meta{}, err
		}
		m.Min, zone = d, zone[n:]
	}
	if h.flags&flagHasMax != 0 {
		d, n, err := ParseDatum(zone, h.phys)
		if err != nil {
			return Meta{}, err
		}
		m.Max, zone = d, zone[n:]
	}
	if len(zone) != 0 {
		return Meta{}, corrupt("%d stray bytes after the zone map", len(zone))
	}
	return m, nil
}

// extractBits returns the NULL bits of rows [from, from+n) as ceil(n/64)
// words starting at bit 0, with no bits set past n.
func extractBits(b vector.Bitmap, from, n int) []uint64 {
	out := make([]uint64, (n+63)/64)
	if b == nil || n == 0 {
		return out
	}
	word := func(i int) uint64 {
		if i < len(b) {
			return b[i]
		}
		return 0
	}
	shift := uint(from) & 63
	base := from >> 6
	for i := range out {
		w := word(base+i) >> shift
		if shift != 0 {
			w |= word(base+i+1) << (64 - shift)
		}
		out[i] = w
	}
	if rem := uint(n) & 63; rem != 0 {
		out[len(out)-1] &= 1<<rem - 1
	}
	return out
}
