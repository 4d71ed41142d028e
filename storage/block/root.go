package block

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"maps"
	"slices"

	"github.com/warehoused/warehoused/sqlerr"
)

// Root file layout: magic "WHR1", version (8 bytes LE), catalog (uvarint
// length + bytes), tables (uvarint count, then per table a uvarint id and a
// uvarint-length-prefixed hash, ids ascending), extra (uvarint count, then
// length-prefixed key and value, keys ascending), and a CRC-32C of all of it.
// Binary rather than JSON: the catalog is opaque bytes, and a checksum over
// exact bytes is simpler to trust than a re-encoding.
const rootMagic = "WHR1"

// rootFileName names the root file of a version (zero-padded so a listing
// reads in order; wider versions simply take more digits).
func rootFileName(v uint64) string { return fmt.Sprintf("%010d", v) }

// parseRootFileName is the inverse of rootFileName.
func parseRootFileName(name string) (uint64, bool) {
	if len(name) < 10 || len(name) > 20 {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		d := uint64(c - '0')
		if v > (^uint64(0)-d)/10 {
			return 0, false
		}
		v = v*10 + d
	}
	return v, true
}

func marshalRoot(r *Root) []byte {
	b := append([]byte(nil), rootMagic...)
	b = binary.LittleEndian.AppendUint64(b, r.Version)
	b = appendBytes(b, r.Catalog)
	ids := slices.Sorted(maps.Keys(r.Tables))
	b = binary.AppendUvarint(b, uint64(len(ids)))
	for _, id := range ids {
		b = binary.AppendUvarint(b, id)
		b = appendBytes(b, []byte(r.Tables[id]))
	}
	keys := slices.Sorted(maps.Keys(r.Extra))
	b = binary.AppendUvarint(b, uint64(len(keys)))
	for _, k := range keys {
		b = appendBytes(b, []byte(k))
		b = appendBytes(b, r.Extra[k])
	}
	return binary.LittleEndian.AppendUint32(b, crc32.Checksum(b, castagnoli))
}

func appendBytes(b, x []byte) []byte {
	return append(binary.AppendUvarint(b, uint64(len(x))), x...)
}

// rootReader reads the fields of a root file, remembering the first failure.
type rootReader struct {
	b   []byte
	bad bool
}

func (r *rootReader) uvarint() uint64 {
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.bad = true
		return 0
	}
	r.b = r.b[n:]
	return v
}

func (r *rootReader) bytes() []byte {
	n := r.uvarint()
	if r.bad || n > uint64(len(r.b)) {
		r.bad = true
		return nil
	}
	x := r.b[:n:n]
	r.b = r.b[n:]
	return x
}

// count reads an element count, rejecting one the remaining bytes cannot
// hold (each element takes at least two bytes), so a damaged count cannot
// make the reader allocate wildly.
func (r *rootReader) count() int {
	n := r.uvarint()
	if r.bad || n > uint64(len(r.b))/2 {
		r.bad = true
		return 0
	}
	return int(n)
}

func unmarshalRoot(data []byte) (*Root, error) {
	bad := func(what string) (*Root, error) {
		return nil, sqlerr.Newf(sqlerr.DataCorrupted, "root manifest is corrupt: %s", what)
	}
	if len(data) < len(rootMagic)+8+4 || string(data[:4]) != rootMagic {
		return bad("bad magic number or too short")
	}
	body := data[:len(data)-4]
	if crc32.Checksum(body, castagnoli) != binary.LittleEndian.Uint32(data[len(body):]) {
		return bad("checksum mismatch")
	}
	root := &Root{Version: binary.LittleEndian.Uint64(body[4:]), Tables: map[uint64]string{}, Extra: map[string][]byte{}}
	r := &rootReader{b: body[12:]}
	if c := r.bytes(); len(c) > 0 {
		root.Catalog = slices.Clone(c)
	}
	for n := r.count(); n > 0 && !r.bad; n-- {
		id := r.uvarint()
		root.Tables[id] = string(r.bytes())
	}
	for n := r.count(); n > 0 && !r.bad; n-- {
		k := string(r.bytes())
		root.Extra[k] = slices.Clone(r.bytes())
	}
	if r.bad || len(r.b) != 0 {
		return bad("malformed contents")
	}
	return root, nil
}

// cloneRoot copies r's maps and catalog, so a caller changing its Root after
// Commit cannot change the committed one.
func cloneRoot(r Root) *Root {
	c := &Root{Version: r.Version, Catalog: slices.Clone(r.Catalog), Tables: maps.Clone(r.Tables), Extra: map[string][]byte{}}
	if c.Tables == nil {
		c.Tables = map[uint64]string{}
	}
	for k, v := range r.Extra {
		c.Extra[k] = slices.Clone(v)
	}
	return c
}
