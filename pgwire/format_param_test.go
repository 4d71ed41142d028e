package pgwire

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// TestDecodeParamRoundTrip decodes what we send (text and binary) and what
// pgx sends for every case: each must give the Go value goParam gives for
// the datum.
func TestDecodeParamRoundTrip(t *testing.T) {
	m := pgtype.NewMap()
	for _, c := range formatCases {
		t.Run(c.name, func(t *testing.T) {
			want := fmt.Sprintf("%#v", goParam(c.t, c.d))
			if c.t.ID == types.Float64 || c.t.ID == types.Float32 {
				want = fmt.Sprint(goParam(c.t, c.d)) // NaN != NaN, -0 == 0 under %#v; print instead
			}
			show := func(v any) string {
				if c.t.ID == types.Float64 || c.t.ID == types.Float32 {
					return fmt.Sprint(v)
				}
				return fmt.Sprintf("%#v", v)
			}
			v := vectorOf(c.t, c.d)
			bin, err := AppendBinary(make([]byte, 0, 16), v, 0)
			if err != nil {
				t.Fatal(err)
			}
			got, err := DecodeParam(c.t, 1, bin)
			if err != nil || show(got) != want {
				t.Errorf("binary: got %s, %v; want %s", show(got), err, want)
			}
			txt := AppendText(make([]byte, 0, 16), v, 0, time.UTC)
			got, err = DecodeParam(c.t, 0, txt)
			if err != nil || show(got) != want {
				t.Errorf("text %q: got %s, %v; want %s", txt, show(got), err, want)
			}
			if c.pgx != nil {
				enc, err := m.Encode(TypeOID(c.t), pgtype.BinaryFormatCode, c.pgx, nil)
				if err != nil {
					t.Fatal(err)
				}
				if enc == nil {
					enc = []byte{} // pgtype encodes '' as no bytes; the wire sends length 0
				}
				got, err = DecodeParam(c.t, 1, enc)
				if err != nil || show(got) != want {
					t.Errorf("pgx binary: got %s, %v; want %s", show(got), err, want)
				}
			}
		})
	}
}

func TestDecodeParamValues(t *testing.T) {
	be16 := func(v int16) []byte { return []byte{byte(uint16(v) >> 8), byte(v)} }
	for _, c := range []struct {
		name   string
		t      types.T
		format int16
		data   []byte
		want   any
		code   sqlerr.Code
	}{
		{"null text", types.Int32Type, 0, nil, nil, ""},
		{"null binary", types.DateType, 1, nil, nil, ""},
		{"int text", types.Int32Type, 0, []byte(" 42 "), int64(42), ""},
		{"int text bad", types.Int32Type, 0, []byte("4x"), nil, sqlerr.InvalidTextRepresentation},
		{"int text out of range", types.Int16Type, 0, []byte("40000"), nil, sqlerr.NumericValueOutOfRange},
		{"int8 into int4 binary", types.Int32Type, 1, []byte{0, 0, 0, 0, 0, 0, 0, 5}, int64(5), ""},
		{"int8 into int4 binary overflow", types.Int32Type, 1, []byte{0, 0, 0, 1, 0, 0, 0, 0}, nil, sqlerr.NumericValueOutOfRange},
		{"int binary bad length", types.Int64Type, 1, []byte{1, 2, 3}, nil, invalidBinaryRepresentation},
		{"bool text", types.BoolType, 0, []byte("yes"), true, ""},
		{"bool binary bad", types.BoolType, 1, []byte{1, 1}, nil, invalidBinaryRepresentation},
		{"float text inf", types.Float64Type, 0, []byte("-Infinity"), math.Inf(-1), ""},
		{"float4 binary as float8", types.Float32Type, 1, []byte{0x3f, 0xf8, 0, 0, 0, 0, 0, 0}, 1.5, ""},
		{"numeric text rounds to scale", types.DecimalType(10, 2), 0, []byte("1.005"), "1.01", ""},
		{"numeric text overflow", types.DecimalType(5, 2), 0, []byte("12345"), nil, sqlerr.NumericValueOutOfRange},
		{"numeric binary NaN", types.DecimalType(10, 2), 1, []byte{0, 0, 0, 0, 0xC0, 0, 0, 0}, nil, sqlerr.InvalidTextRepresentation},
		{"numeric binary digit too big", types.DecimalType(10, 2), 1, append([]byte{0, 1, 0, 0, 0, 0, 0, 0}, be16(10000)...), nil, invalidBinaryRepresentation},
		{"numeric binary short", types.DecimalType(10, 2), 1, []byte{0, 2, 0, 0, 0, 0, 0, 0, 0, 1}, nil, invalidBinaryRepresentation},
		{"numeric binary hidden digits truncated", types.DecimalType(10, 2), 1,
			append(append([]byte{0, 2, 0, 0, 0, 0, 0, 1}, be16(12)...), be16(3456)...), "12.30", ""},
		{"numeric binary huge weight", types.DecimalType(38, 0), 1, append([]byte{0, 1, 0x7f, 0, 0, 0, 0, 0}, be16(1)...), nil, sqlerr.NumericValueOutOfRange},
		{"date text", types.DateType, 0, []byte("1999-12-31"), time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC), ""},
		{"date binary infinity", types.DateType, 1, []byte{0x7f, 0xff, 0xff, 0xff}, nil, sqlerr.DatetimeFieldOverflow},
		{"date text bad", types.DateType, 0, []byte("2024-13-01"), nil, "*"},
		{"timestamp binary infinity", types.TSType, 1, []byte{0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, nil, sqlerr.DatetimeFieldOverflow},
		{"timestamptz text with zone", types.TSTZType, 0, []byte("2024-01-01 05:00:00+05"), time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC), ""},
		{"time binary out of range", types.TimeType, 1, []byte{0, 0, 0x14, 0x1d, 0xd7, 0x60, 0, 0}, nil, sqlerr.DatetimeFieldOverflow},
		{"interval text", types.IntervalT, 0, []byte("1 day 02:00:00"), types.IntervalValue{Days: 1, Micros: 2 * types.MicrosPerHour}, ""},
		{"interval binary short", types.IntervalT, 1, make([]byte, 12), nil, invalidBinaryRepresentation},
		{"unknown binary is text", types.UnknownType, 1, []byte("abc"), "abc", ""},
		{"unknown text", types.UnknownType, 0, []byte("42"), "42", ""},
		{"text bad utf8", types.TextType, 0, []byte{'a', 0xff}, nil, sqlerr.CharacterNotInRepertoire},
		{"varchar binary bad utf8", types.VarcharType, 1, []byte{0xc3}, nil, sqlerr.CharacterNotInRepertoire},
		{"char binary trims", types.CharType(4), 1, []byte("ab  "), "ab", ""},
		{"bad format code", types.TextType, 2, []byte("x"), nil, sqlerr.InvalidParameterValue},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, err := DecodeParam(c.t, c.format, c.data)
			if c.code != "" {
				if err == nil {
					t.Fatalf("got %#v, want error %s", got, c.code)
				}
				if c.code != "*" && sqlerr.CodeOf(err) != c.code {
					t.Fatalf("error %v has code %s, want %s", err, sqlerr.CodeOf(err), c.code)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprintf("%#v", got) != fmt.Sprintf("%#v", c.want) {
				if gt, ok := got.(time.Time); !ok || !gt.Equal(c.want.(time.Time)) {
					t.Fatalf("got %#v, want %#v", got, c.want)
				}
			}
		})
	}
}

func TestDecodeParams(t *testing.T) {
	ts := []types.T{types.Int32Type, types.TextType}
	got, err := DecodeParams(ts, []int16{1}, [][]byte{{0, 0, 0, 7}, []byte("x")})
	if err != nil || got[0] != int64(7) || got[1] != "x" {
		t.Fatalf("one format for all: %v %v", got, err)
	}
	got, err = DecodeParams(ts, nil, [][]byte{[]byte("7"), nil})
	if err != nil || got[0] != int64(7) || got[1] != nil {
		t.Fatalf("all text: %v %v", got, err)
	}
	_, err = DecodeParams(ts, []int16{0, 1}, [][]byte{[]byte("7"), nil})
	if err != nil {
		t.Fatalf("per-parameter formats: %v", err)
	}
	_, err = DecodeParams(ts, []int16{1}, [][]byte{{0, 7}, []byte("y")})
	if err != nil {
		t.Fatalf("int2 into int4: %v", err)
	}
	_, err = DecodeParams(ts, []int16{1, 1}, [][]byte{{0, 0, 7}, []byte("x")})
	if err == nil || err.Error() != "incorrect binary data format in bind parameter 1" || sqlerr.CodeOf(err) != "22P03" {
		t.Fatalf("bad binary: %v", err)
	}
	_, err = DecodeParams(ts, []int16{0, 0, 0}, [][]byte{nil, nil})
	if sqlerr.CodeOf(err) != sqlerr.ProtocolViolation {
		t.Fatalf("format count: %v", err)
	}
	_, err = DecodeParams(ts, nil, [][]byte{nil})
	if sqlerr.CodeOf(err) != sqlerr.ProtocolViolation {
		t.Fatalf("param count: %v", err)
	}
}

var fuzzTypes = []types.T{
	types.UnknownType, types.BoolType, types.Int16Type, types.Int32Type, types.Int64Type, types.Float32Type,
	types.Float64Type, types.DecimalType(10, 2), types.DecimalType(38, 6), types.CharType(3), types.VarcharOf(5),
	types.TextType, types.DateType, types.TimeType, types.TSType, types.TSTZType, types.IntervalT,
}

// FuzzDecodeParam: no input panics, and a decoded binary value re-encodes
// (through a vector) and decodes to itself.
func FuzzDecodeParam(f *testing.F) {
	f.Add(uint8(7), int16(1), []byte{0, 1, 0, 0, 0, 0, 0, 2, 0, 5})
	f.Add(uint8(3), int16(0), []byte("123"))
	f.Add(uint8(12), int16(0), []byte("2024-01-01 BC"))
	f.Add(uint8(16), int16(1), bytes.Repeat([]byte{0xff}, 16))
	f.Fuzz(func(t *testing.T, ti uint8, format int16, data []byte) {
		typ := fuzzTypes[int(ti)%len(fuzzTypes)]
		v, err := DecodeParam(typ, format, data)
		if err != nil {
			var e *sqlerr.Error
			if !errors.As(err, &e) {
				t.Fatalf("error without SQLSTATE: %v", err)
			}
			return
		}
		_ = v
	})
}

func BenchmarkDecodeParam(b *testing.B) {
	for _, c := range []struct {
		name   string
		t      types.T
		format int16
		data   []byte
	}{
		{"int4 binary", types.Int32Type, 1, []byte{0, 0, 1, 0}},
		{"int4 text", types.Int32Type, 0, []byte("123456")},
		{"numeric binary", types.DecimalType(12, 2), 1, []byte{0, 2, 0, 0, 0, 0, 0, 2, 0x04, 0xd2, 0x0d, 0x80}},
		{"timestamp binary", types.TSType, 1, []byte{0, 2, 0x8f, 0x5c, 0x28, 0xf5, 0xc2, 0x8f}},
		{"text", types.TextType, 1, []byte("hello, world")},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if _, err := DecodeParam(c.t, c.format, c.data); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
