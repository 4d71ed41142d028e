package storage

import (
	"context"
	"encoding/base64"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"math"
	"strconv"
	"unicode/utf8"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/block"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
)

// manifestVersion is the format of a table manifest; bump it on any change
// a reader of the old format would misread.
const manifestVersion = 1

// The table manifest is JSON with short keys. Zone-map bounds are typed by
// the column: integers as JSON numbers, strings as JSON strings (or
// {"x": hex} when not valid UTF-8, which JSON cannot carry), floats as
// strconv's shortest round-trip text (NaN and infinities included),
// DECIMAL(p>18) as [hi, lo], intervals as [months, days, micros]. Delete
// vectors are base64 of a bitmap or of delta varints, whichever is smaller.
type manifestJSON struct {
	V      int         `json:"v"`
	Types  [][4]int    `json:"types"` // id, precision, scale, width
	RR     int         `json:"rr,omitempty"`
	Slices []sliceJSON `json:"slices"`
}

type sliceJSON struct {
	Sorted int         `json:"sorted"`
	Groups []groupJSON `json:"groups"`
}

type groupJSON struct {
	Rows   int         `json:"n"`
	Blocks []blockJSON `json:"b"`
	Del    string      `json:"d,omitempty"`
}

type blockJSON struct {
	Hash  string          `json:"h"`
	Enc   encoding.Kind   `json:"e"`
	Nulls int             `json:"z,omitempty"`
	Bytes int64           `json:"s"`
	Min   json.RawMessage `json:"lo,omitempty"`
	Max   json.RawMessage `json:"hi,omitempty"`
}

// Manifest serializes this version: row groups, block metas with their zone
// maps, delete vectors and the sorted regions.
func (t *ColTable) Manifest() ([]byte, error) {
	m := manifestJSON{V: manifestVersion, RR: t.rr, Slices: make([]sliceJSON, len(t.slices))}
	for _, ty := range t.layout.Types {
		m.Types = append(m.Types, [4]int{int(ty.ID), ty.Precision, ty.Scale, ty.Width})
	}
	for si, s := range t.slices {
		sj := sliceJSON{Sorted: s.sorted, Groups: make([]groupJSON, len(s.groups))}
		for gi, g := range s.groups {
			gj := groupJSON{Rows: g.rows, Blocks: make([]blockJSON, len(g.blocks)), Del: encodeDel(g.del, g.rows)}
			for c, b := range g.blocks {
				phys := t.layout.Types[c].Physical()
				bj := blockJSON{Hash: b.Hash, Enc: b.Encoding, Nulls: b.Nulls, Bytes: b.Bytes}
				var err error
				if bj.Min, err = datumJSON(phys, b.Min); err != nil {
					return nil, err
				}
				if bj.Max, err = datumJSON(phys, b.Max); err != nil {
					return nil, err
				}
				gj.Blocks[c] = bj
			}
			sj.Groups[gi] = gj
		}
		m.Slices[si] = sj
	}
	return json.Marshal(&m)
}

// LoadColTable rebuilds a version from its manifest, checking it against the
// table's layout. A manifest that does not parse or does not fit is XX001.
func LoadColTable(ctx context.Context, s *block.Store, l Layout, manifest []byte) (*ColTable, error) {
	if err := ctxErr(ctx); err != nil {
		return nil, err
	}
	l = normLayout(l)
	bad := func(format string, args ...any) error {
		return sqlerr.Newf(sqlerr.DataCorrupted, "manifest of table %q is corrupt: "+format, append([]any{l.Name}, args...)...)
	}
	var m manifestJSON
	if err := json.Unmarshal(manifest, &m); err != nil {
		return nil, bad("%v", err)
	}
	if m.V != manifestVersion {
		return nil, bad("format version %d", m.V)
	}
	if len(m.Types) != len(l.Types) {
		return nil, bad("%d columns, the table has %d", len(m.Types), len(l.Types))
	}
	for i, ts := range m.Types {
		mt := types.T{ID: types.ID(ts[0]), Precision: ts[1], Scale: ts[2], Width: ts[3]}
		lt := l.Types[i]
		if mt.ID != lt.ID || mt.Physical() != lt.Physical() || (lt.ID == types.Decimal && mt != lt) {
			return nil, bad("column %q is %s, the table says %s", l.ColumnNames[i], mt, lt)
		}
	}
	if len(m.Slices) != l.Slices {
		// Not damage: the database was opened with another slice count.
		// Rows cannot move silently (KEY placement depends on the count).
		return nil, sqlerr.Newf(sqlerr.ObjectNotInPrerequisiteState, "table %q is stored on %d slices, not %d", l.Name, len(m.Slices), l.Slices).
			WithHint("Open the database with %d slices.", len(m.Slices))
	}
	t := &ColTable{store: s, layout: l, slices: make([]colSlice, len(m.Slices)), rr: m.RR}
	if t.rr < 0 || t.rr >= l.Slices {
		t.rr = 0
	}
	for si, sj := range m.Slices {
		if sj.Sorted < 0 || sj.Sorted > len(sj.Groups) || len(sj.Groups) >= 1<<batchBits {
			return nil, bad("slice %d has %d row groups, %d sorted", si, len(sj.Groups), sj.Sorted)
		}
		cs := colSlice{sorted: sj.Sorted, groups: make([]*rowGroup, len(sj.Groups))}
		for gi, gj := range sj.Groups {
			if gj.Rows <= 0 || gj.Rows > min(1<<rowBits, block.MaxRows) || len(gj.Blocks) != len(l.Types) {
				return nil, bad("row group %d of slice %d: %d rows, %d blocks", gi, si, gj.Rows, len(gj.Blocks))
			}
			g := &rowGroup{rows: gj.Rows, blocks: make([]block.Meta, len(gj.Blocks))}
			var err error
			if g.del, err = decodeDel(gj.Del, gj.Rows); err != nil {
				return nil, bad("row group %d of slice %d: %v", gi, si, err)
			}
			for c, bj := range gj.Blocks {
				if !validHash(bj.Hash) || bj.Nulls < 0 || bj.Nulls > gj.Rows || bj.Bytes < 0 || int(bj.Enc) >= len(encoding.Kinds()) {
					return nil, bad("block %d of row group %d of slice %d", c, gi, si)
				}
				phys := l.Types[c].Physical()
				meta := block.Meta{Hash: bj.Hash, Encoding: bj.Enc, Rows: gj.Rows, Nulls: bj.Nulls, Bytes: bj.Bytes}
				if meta.Min, err = parseDatumJSON(phys, bj.Min); err != nil {
					return nil, bad("zone map of block %s: %v", bj.Hash, err)
				}
				if meta.Max, err = parseDatumJSON(phys, bj.Max); err != nil {
					return nil, bad("zone map of block %s: %v", bj.Hash, err)
				}
				g.blocks[c] = meta
			}
			cs.groups[gi] = g
		}
		t.slices[si] = cs
	}
	t.recount()
	return t, nil
}

// ManifestRefs lists the block hashes a manifest references (for GC).
func ManifestRefs(manifest []byte) ([]string, error) {
	var m manifestJSON
	if err := json.Unmarshal(manifest, &m); err != nil {
		return nil, sqlerr.Wrapf(err, sqlerr.DataCorrupted, "table manifest is corrupt")
	}
	seen := map[string]struct{}{}
	var out []string
	for _, s := range m.Slices {
		for _, g := range s.Groups {
			for _, b := range g.Blocks {
				if !validHash(b.Hash) {
					return nil, sqlerr.Newf(sqlerr.DataCorrupted, "table manifest is corrupt: block name %q", b.Hash)
				}
				if _, ok := seen[b.Hash]; !ok {
					seen[b.Hash] = struct{}{}
					out = append(out, b.Hash)
				}
			}
		}
	}
	return out, nil
}

func validHash(h string) bool {
	if len(h) != block.HashLen {
		return false
	}
	for i := 0; i < len(h); i++ {
		if c := h[i]; !('0' <= c && c <= '9' || 'a' <= c && c <= 'f') {
			return false
		}
	}
	return true
}

// datumJSON encodes a zone-map bound (nil: absent).
func datumJSON(p types.Physical, d types.Datum) (json.RawMessage, error) {
	if d == nil {
		return nil, nil
	}
	var v any
	switch x := d.(type) {
	case int64:
		v = x
	case bool:
		v = x
	case float64:
		v = strconv.FormatFloat(x, 'g', -1, 64)
	case string:
		if utf8.ValidString(x) {
			v = x
		} else {
			v = map[string]string{"x": hex.EncodeToString([]byte(x))}
		}
	case types.Decimal128:
		v = [2]any{x.Hi, x.Lo}
	case types.IntervalValue:
		v = [3]int64{int64(x.Months), int64(x.Days), x.Micros}
	default:
		return nil, sqlerr.Newf(sqlerr.InternalError, "zone map bound of type %T", d)
	}
	return json.Marshal(v)
}

// parseDatumJSON decodes a bound datumJSON wrote for physical kind p.
func parseDatumJSON(p types.Physical, raw json.RawMessage) (types.Datum, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	switch p {
	case types.PhysInt64:
		var x int64
		err := json.Unmarshal(raw, &x)
		return x, err
	case types.PhysBool:
		var x bool
		err := json.Unmarshal(raw, &x)
		return x, err
	case types.PhysFloat64:
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return nil, err
		}
		return strconv.ParseFloat(s, 64)
	case types.PhysString:
		if raw[0] == '"' {
			var s string
			err := json.Unmarshal(raw, &s)
			return s, err
		}
		var o struct{ X string }
		if err := json.Unmarshal(raw, &o); err != nil {
			return nil, err
		}
		b, err := hex.DecodeString(o.X)
		return string(b), err
	case types.PhysDecimal128:
		var a struct {
			Hi int64
			Lo uint64
		}
		var arr []json.RawMessage
		if err := json.Unmarshal(raw, &arr); err != nil || len(arr) != 2 {
			return nil, sqlerr.Newf(sqlerr.DataCorrupted, "bad decimal bound %s", raw)
		}
		if err := json.Unmarshal(arr[0], &a.Hi); err != nil {
			return nil, err
		}
		if err := json.Unmarshal(arr[1], &a.Lo); err != nil {
			return nil, err
		}
		return types.Decimal128{Hi: a.Hi, Lo: a.Lo}, nil
	case types.PhysInterval:
		var a [3]int64
		if err := json.Unmarshal(raw, &a); err != nil {
			return nil, err
		}
		if a[0] < math.MinInt32 || a[0] > math.MaxInt32 || a[1] < math.MinInt32 || a[1] > math.MaxInt32 {
			return nil, sqlerr.Newf(sqlerr.DataCorrupted, "bad interval bound %s", raw)
		}
		return types.IntervalValue{Months: int32(a[0]), Days: int32(a[1]), Micros: a[2]}, nil
	}
	return nil, sqlerr.Newf(sqlerr.DataCorrupted, "zone map bound for a column of no values")
}

// encodeDel writes a delete vector as base64 of 'b' + a bitmap of rows bits,
// or 'v' + the varint gaps between offsets, whichever is smaller.
func encodeDel(del []uint32, rows int) string {
	if len(del) == 0 {
		return ""
	}
	vs := []byte{'v'}
	prev := uint32(0)
	for i, d := range del {
		gap := d - prev
		if i == 0 {
			gap = d
		}
		vs = binary.AppendUvarint(vs, uint64(gap))
		prev = d
	}
	if bm := 1 + (rows+7)/8; bm < len(vs) {
		b := make([]byte, bm)
		b[0] = 'b'
		for _, d := range del {
			b[1+d/8] |= 1 << (d % 8)
		}
		vs = b
	}
	return base64.StdEncoding.EncodeToString(vs)
}

// decodeDel reads what encodeDel wrote, checking offsets ascend and fit rows.
func decodeDel(s string, rows int) ([]uint32, error) {
	if s == "" {
		return nil, nil
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) == 0 {
		return nil, sqlerr.Newf(sqlerr.DataCorrupted, "bad delete vector")
	}
	var out []uint32
	switch b[0] {
	case 'b':
		if len(b) != 1+(rows+7)/8 {
			return nil, sqlerr.Newf(sqlerr.DataCorrupted, "delete bitmap of %d bytes for %d rows", len(b)-1, rows)
		}
		for i, x := range b[1:] {
			for j := 0; j < 8; j++ {
				if x&(1<<j) != 0 {
					out = append(out, uint32(i*8+j))
				}
			}
		}
	case 'v':
		rest := b[1:]
		var prev uint64
		for len(rest) > 0 {
			gap, n := binary.Uvarint(rest)
			if n <= 0 || (len(out) > 0 && gap == 0) || gap >= uint64(rows) {
				return nil, sqlerr.Newf(sqlerr.DataCorrupted, "bad delete vector")
			}
			rest = rest[n:]
			prev += gap
			if prev >= uint64(rows) {
				return nil, sqlerr.Newf(sqlerr.DataCorrupted, "deleted row %d of %d", prev, rows)
			}
			out = append(out, uint32(prev))
		}
	default:
		return nil, sqlerr.Newf(sqlerr.DataCorrupted, "bad delete vector")
	}
	if len(out) > 0 && int(out[len(out)-1]) >= rows {
		return nil, sqlerr.Newf(sqlerr.DataCorrupted, "deleted row %d of %d", out[len(out)-1], rows)
	}
	if len(out) == 0 {
		return nil, nil
	}
	return out, nil
}
