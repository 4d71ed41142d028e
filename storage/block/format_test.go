package block

import (
	"encoding/binary"
	"hash/crc32"
	"math"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// encodingsFor lists the encodings to try for t (PhysNull blocks carry no
// payload, so only Raw).
func encodingsFor(t types.T) []encoding.Kind {
	if t.Physical() == types.PhysNull {
		return []encoding.Kind{encoding.Raw}
	}
	var out []encoding.Kind
	for _, k := range encoding.Kinds() {
		if encoding.Supports(k, t) {
			out = append(out, k)
		}
	}
	return out
}

func TestRoundTrip(t *testing.T) {
	shapes := []struct {
		name               string
		n, nullEvery, from int
		to                 int // 0: n
	}{
		{"empty", 0, 0, 0, 0},
		{"one", 1, 0, 0, 0},
		{"no nulls", 1000, 0, 0, 0},
		{"nulls", 1000, 7, 0, 0},
		{"unaligned range", 1000, 3, 13, 900},
		{"all null", 130, 1, 0, 0},
	}
	for _, typ := range testTypes {
		for _, enc := range encodingsFor(typ) {
			for _, sh := range shapes {
				t.Run(typ.String()+"/"+enc.String()+"/"+sh.name, func(t *testing.T) {
					v := makeVector(typ, sh.n, sh.nullEvery, uint64(sh.n))
					to := sh.to
					if to == 0 {
						to = sh.n
					}
					data, meta, err := Encode(v, sh.from, to, enc)
					if sqlerr.CodeOf(err) == sqlerr.FeatureNotSupported {
						t.Skipf("encoding not available yet: %v", err)
					}
					if err != nil {
						t.Fatal(err)
					}
					if meta.Hash != Hash(data) || meta.Bytes != int64(len(data)) || meta.Rows != to-sh.from || meta.Encoding != enc {
						t.Fatalf("bad meta %+v", meta)
					}
					wantNulls := 0
					for i := sh.from; i < to; i++ {
						if v.IsNull(i) {
							wantNulls++
						}
					}
					if meta.Nulls != wantNulls {
						t.Fatalf("meta.Nulls = %d, want %d", meta.Nulls, wantNulls)
					}
					got, err := Decode(data, typ)
					if err != nil {
						t.Fatal(err)
					}
					sameRows(t, v, sh.from, to, got)
					if typ.Physical() != types.PhysNull && (got.Nulls != nil) != (wantNulls > 0) {
						t.Fatalf("NULL bitmap present = %v with %d NULLs", got.Nulls != nil, wantNulls)
					}
					m2, err := ReadMeta(data, typ)
					if err != nil {
						t.Fatal(err)
					}
					if m2.Hash != meta.Hash || m2.Rows != meta.Rows || m2.Nulls != meta.Nulls ||
						!sameDatum(m2.Min, meta.Min) || !sameDatum(m2.Max, meta.Max) {
						t.Fatalf("ReadMeta %+v, Encode said %+v", m2, meta)
					}
				})
			}
		}
	}
}

func TestZoneMap(t *testing.T) {
	long := strings.Repeat("é", 40) // 80 bytes
	cases := []struct {
		name     string
		typ      types.T
		vals     []types.Datum
		min, max types.Datum
	}{
		{"ints", types.Int64Type, []types.Datum{int64(5), nil, int64(-3), int64(9), nil}, int64(-3), int64(9)},
		{"all null", types.Int32Type, []types.Datum{nil, nil}, nil, nil},
		{"bools", types.BoolType, []types.Datum{true, nil, true}, true, true},
		{"bools both", types.BoolType, []types.Datum{true, false}, false, true},
		{"floats NaN greatest", types.Float64Type, []types.Datum{1.5, math.NaN(), -2.0}, -2.0, math.NaN()},
		{"only NaN", types.Float64Type, []types.Datum{math.NaN()}, math.NaN(), math.NaN()},
		{"strings", types.TextType, []types.Datum{"pear", "apple", nil, "zoo"}, "apple", "zoo"},
		{"long strings", types.TextType, []types.Datum{long, long + "z"}, strings.Repeat("é", 32), nil},
		{"decimals", types.DecimalType(30, 0), []types.Datum{types.D128(-1), types.MulInt64(1<<62, 8)}, types.D128(-1), types.MulInt64(1<<62, 8)},
		{"intervals", types.IntervalT, []types.Datum{
			types.IntervalValue{Months: 1}, types.IntervalValue{Days: 31}, types.IntervalValue{Micros: -1},
		}, types.IntervalValue{Micros: -1}, types.IntervalValue{Days: 31}},
		{"unknown", types.UnknownType, []types.Datum{nil, nil}, nil, nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			v := vector.NewWithCap(c.typ, len(c.vals))
			for _, d := range c.vals {
				v.Append(d)
			}
			data, meta, err := Encode(v, 0, v.Len(), encoding.Raw)
			if err != nil {
				t.Fatal(err)
			}
			if !sameDatum(meta.Min, c.min) || !sameDatum(meta.Max, c.max) {
				t.Fatalf("zone map [%v, %v], want [%v, %v]", meta.Min, meta.Max, c.min, c.max)
			}
			m, err := ReadMeta(data, c.typ)
			if err != nil {
				t.Fatal(err)
			}
			if !sameDatum(m.Min, c.min) || !sameDatum(m.Max, c.max) {
				t.Fatalf("ReadMeta zone map [%v, %v], want [%v, %v]", m.Min, m.Max, c.min, c.max)
			}
		})
	}
}

func TestDecodeRejectsDamage(t *testing.T) {
	v := makeVector(types.TextType, 40, 3, 1)
	data, _, err := Encode(v, 0, 40, encoding.Raw)
	if err != nil {
		t.Fatal(err)
	}
	t.Run("flipped bytes", func(t *testing.T) {
		for i := range data {
			bad := append([]byte(nil), data...)
			bad[i] ^= 0x40
			if _, err := Decode(bad, types.TextType); sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
				t.Fatalf("flip at %d: got %v, want XX001", i, err)
			}
		}
	})
	t.Run("truncated", func(t *testing.T) {
		for n := 0; n < len(data); n++ {
			_, err := Decode(data[:n], types.TextType)
			wantCode(t, err, sqlerr.DataCorrupted)
		}
	})
	t.Run("appended", func(t *testing.T) {
		_, err := Decode(append(append([]byte(nil), data...), 0), types.TextType)
		wantCode(t, err, sqlerr.DataCorrupted)
	})
	t.Run("wrong type", func(t *testing.T) {
		_, err := Decode(data, types.Int64Type)
		wantCode(t, err, sqlerr.DataCorrupted)
	})
	t.Run("bad header under a valid checksum", func(t *testing.T) {
		mutations := map[string]func(b []byte){
			"version":   func(b []byte) { b[4] = 9 },
			"encoding":  func(b []byte) { b[6] = 200 },
			"flags":     func(b []byte) { b[7] = 0x80 },
			"rows":      func(b []byte) { binary.LittleEndian.PutUint32(b[8:], MaxRows+1) },
			"nulls":     func(b []byte) { binary.LittleEndian.PutUint32(b[12:], 41) },
			"nullcount": func(b []byte) { binary.LittleEndian.PutUint32(b[12:], 5) },
			"bitmap":    func(b []byte) { binary.LittleEndian.PutUint32(b[16:], 16) },
			"payload":   func(b []byte) { binary.LittleEndian.PutUint32(b[24:], 1<<31) },
		}
		for name, mut := range mutations {
			bad := append([]byte(nil), data...)
			mut(bad)
			resum(bad)
			if _, err := Decode(bad, types.TextType); sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
				t.Fatalf("%s: got %v, want XX001", name, err)
			}
		}
	})
}

// resum rewrites a block's CRC after a deliberate change, so tests and the
// fuzzer reach the checks behind the checksum.
func resum(b []byte) {
	if len(b) >= trailerSize {
		body := b[:len(b)-trailerSize]
		binary.LittleEndian.PutUint32(b[len(body):], crc32.Checksum(body, castagnoli))
	}
}

func TestEncodeRange(t *testing.T) {
	v := makeVector(types.Int64Type, 10, 0, 1)
	for _, r := range [][2]int{{-1, 3}, {5, 4}, {0, 11}} {
		_, _, err := Encode(v, r[0], r[1], encoding.Raw)
		wantCode(t, err, sqlerr.InternalError)
	}
	_, _, err := Encode(v, 0, 10, encoding.Text255)
	wantCode(t, err, sqlerr.FeatureNotSupported)

	// A NULL bitmap shorter than the vector (rows past it are not NULL)
	// must neither panic nor invent NULLs.
	w := makeVector(types.Int64Type, 200, 0, 2)
	w.Nulls = vector.Bitmap{1 << 5}
	data, meta, err := Encode(w, 3, 200, encoding.Raw)
	if err != nil {
		t.Fatal(err)
	}
	if meta.Nulls != 1 {
		t.Fatalf("%d NULLs, want 1", meta.Nulls)
	}
	got, err := Decode(data, types.Int64Type)
	if err != nil {
		t.Fatal(err)
	}
	for i := range 197 {
		if got.IsNull(i) != (i == 2) || !got.IsNull(i) && got.Ints[i] != w.Ints[i+3] {
			t.Fatalf("row %d: %v", i, got.Get(i))
		}
	}
}

func FuzzDecode(f *testing.F) {
	for i, typ := range testTypes {
		v := makeVector(typ, 100, 5, uint64(i))
		for _, enc := range encodingsFor(typ) {
			if data, _, err := Encode(v, 0, 100, enc); err == nil {
				f.Add(data, uint8(i), false)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte, ti uint8, fixCRC bool) {
		typ := testTypes[int(ti)%len(testTypes)]
		if fixCRC {
			resum(data)
		}
		v, err := Decode(data, typ)
		if err != nil {
			if sqlerr.CodeOf(err) != sqlerr.DataCorrupted {
				t.Fatalf("got %s (%v), want XX001", sqlerr.CodeOf(err), err)
			}
			return
		}
		_, _ = ReadMeta(data, typ)
		if v.Nulls != nil && v.Nulls.Count(v.Len()) == 0 {
			t.Fatal("decoded an empty NULL bitmap")
		}
	})
}

func benchVector() *vector.Vector { return makeVector(types.Int64Type, 1<<15, 0, 1) }

func BenchmarkEncodeBlock(b *testing.B) {
	v := benchVector()
	for _, enc := range []encoding.Kind{encoding.Raw, encoding.LZO, encoding.Zstd, encoding.AZ64} {
		b.Run(enc.String(), func(b *testing.B) {
			if _, _, err := Encode(v, 0, v.Len(), enc); err != nil {
				b.Skip(err)
			}
			b.SetBytes(int64(8 * v.Len()))
			for b.Loop() {
				if _, _, err := Encode(v, 0, v.Len(), enc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkDecodeBlock(b *testing.B) {
	v := benchVector()
	for _, enc := range []encoding.Kind{encoding.Raw, encoding.LZO, encoding.Zstd, encoding.AZ64} {
		b.Run(enc.String(), func(b *testing.B) {
			data, _, err := Encode(v, 0, v.Len(), enc)
			if err != nil {
				b.Skip(err)
			}
			b.SetBytes(int64(8 * v.Len()))
			for b.Loop() {
				if _, err := Decode(data, types.Int64Type); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
