package pgwire

import (
	"bytes"
	"fmt"
	"math"
	"math/big"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgtype"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// formatCase is one value of one type: what PostgreSQL prints for it, and
// (pgx non-nil) the value whose pgtype binary encoding must equal ours, or
// for NUMERIC the value pgtype must decode ours to.
type formatCase struct {
	name string
	t    types.T
	d    types.Datum
	text string
	pgx  any
}

func dec128(s string) types.Decimal128 {
	b, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic(s)
	}
	lo := new(big.Int).And(b, new(big.Int).SetUint64(math.MaxUint64)).Uint64()
	hi := new(big.Int).Rsh(b, 64).Int64()
	return types.Decimal128{Hi: hi, Lo: lo}
}

func pgNumeric(unscaled string, scale int) pgtype.Numeric {
	b, _ := new(big.Int).SetString(unscaled, 10)
	return pgtype.Numeric{Int: b, Exp: int32(-scale), Valid: true}
}

func days(y, m, d int) int64 { return types.DaysFromCivil(y, m, d) }

func micros(y, mo, d, h, mi, s, us int) int64 {
	return days(y, mo, d)*types.MicrosPerDay + int64(h)*types.MicrosPerHour + int64(mi)*types.MicrosPerMinute + int64(s)*types.MicrosPerSecond + int64(us)
}

var formatCases = []formatCase{
	{"bool true", types.BoolType, true, "t", true},
	{"bool false", types.BoolType, false, "f", false},
	{"int2 min", types.Int16Type, int64(-32768), "-32768", int16(-32768)},
	{"int4", types.Int32Type, int64(2147483647), "2147483647", int32(2147483647)},
	{"int4 negative", types.Int32Type, int64(-7), "-7", int32(-7)},
	{"int8 min", types.Int64Type, int64(math.MinInt64), "-9223372036854775808", int64(math.MinInt64)},
	{"float4", types.Float32Type, float64(float32(1.1)), "1.1", float32(1.1)},
	{"float4 big", types.Float32Type, float64(float32(1.5e7)), "1.5e+07", float32(1.5e7)},
	{"float8 third", types.Float64Type, 1.0 / 3, "0.3333333333333333", 1.0 / 3},
	{"float8 small", types.Float64Type, 1.5e-5, "1.5e-05", 1.5e-5},
	{"float8 big", types.Float64Type, 1e15, "1e+15", 1e15},
	{"float8 under limit", types.Float64Type, 123456789012345.0, "123456789012345", 123456789012345.0},
	{"float8 inf", types.Float64Type, math.Inf(1), "Infinity", math.Inf(1)},
	{"float8 -inf", types.Float64Type, math.Inf(-1), "-Infinity", math.Inf(-1)},
	{"float8 nan", types.Float64Type, math.NaN(), "NaN", math.NaN()},
	{"float8 -0", types.Float64Type, math.Copysign(0, -1), "-0", math.Copysign(0, -1)},
	{"numeric(10,2)", types.DecimalType(10, 2), int64(12345), "123.45", pgNumeric("12345", 2)},
	{"numeric(10,2) negative", types.DecimalType(10, 2), int64(-5), "-0.05", pgNumeric("-5", 2)},
	{"numeric(10,2) zero", types.DecimalType(10, 2), int64(0), "0.00", pgNumeric("0", 2)},
	{"numeric(18,0)", types.DecimalType(18, 0), int64(10000), "10000", pgNumeric("10000", 0)},
	{"numeric(18,4) trailing zeros", types.DecimalType(18, 4), int64(10000), "1.0000", pgNumeric("10000", 4)},
	{"numeric(18,8) tiny", types.DecimalType(18, 8), int64(1), "0.00000001", pgNumeric("1", 8)},
	{"numeric(18,3) groups", types.DecimalType(18, 3), int64(123456789), "123456.789", pgNumeric("123456789", 3)},
	{"numeric(38,0) max", types.DecimalType(38, 0), dec128("99999999999999999999999999999999999999"),
		"99999999999999999999999999999999999999", pgNumeric("99999999999999999999999999999999999999", 0)},
	{"numeric(38,10) negative", types.DecimalType(38, 10), dec128("-12345678901234567890123456789012345678"),
		"-1234567890123456789012345678.9012345678", pgNumeric("-12345678901234567890123456789012345678", 10)},
	{"numeric(38,38)", types.DecimalType(38, 38), dec128("1"), "0." + string(bytes.Repeat([]byte("0"), 37)) + "1", pgNumeric("1", 38)},
	{"numeric(20,2) zero", types.DecimalType(20, 2), dec128("0"), "0.00", pgNumeric("0", 2)},
	{"char padded", types.CharType(5), "ab", "ab   ", "ab   "},
	{"char multibyte", types.CharType(3), "é", "é  ", "é  "},
	{"varchar", types.VarcharOf(10), "héllo", "héllo", "héllo"},
	{"text empty", types.TextType, "", "", ""},
	{"date", types.DateType, days(2024, 2, 29), "2024-02-29", pgtype.Date{Time: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), Valid: true}},
	{"date 1970", types.DateType, int64(0), "1970-01-01", pgtype.Date{Time: time.Date(1970, 1, 1, 0, 0, 0, 0, time.UTC), Valid: true}},
	{"date before 2000", types.DateType, days(1899, 12, 31), "1899-12-31", pgtype.Date{Time: time.Date(1899, 12, 31, 0, 0, 0, 0, time.UTC), Valid: true}},
	{"date BC", types.DateType, days(-43, 3, 15), "0044-03-15 BC", nil},
	{"time", types.TimeType, int64(13*types.MicrosPerHour + 5*types.MicrosPerMinute + 7*types.MicrosPerSecond + 500000), "13:05:07.5",
		pgtype.Time{Microseconds: 13*3600e6 + 5*60e6 + 7e6 + 500000, Valid: true}},
	{"time midnight", types.TimeType, int64(0), "00:00:00", pgtype.Time{Valid: true}},
	{"timestamp", types.TSType, micros(2024, 1, 2, 3, 4, 5, 123456), "2024-01-02 03:04:05.123456", time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC)},
	{"timestamp before 1970", types.TSType, micros(1969, 12, 31, 23, 59, 59, 0), "1969-12-31 23:59:59", time.Date(1969, 12, 31, 23, 59, 59, 0, time.UTC)},
	{"timestamp frac trimmed", types.TSType, micros(2000, 1, 1, 0, 0, 0, 100000), "2000-01-01 00:00:00.1", time.Date(2000, 1, 1, 0, 0, 0, 100000000, time.UTC)},
	{"timestamptz utc", types.TSTZType, micros(2024, 6, 1, 12, 0, 0, 0), "2024-06-01 12:00:00+00", time.Date(2024, 6, 1, 12, 0, 0, 0, time.UTC)},
	{"interval", types.IntervalT, types.IntervalValue{Months: 14, Days: 3, Micros: 4*types.MicrosPerHour + 5*types.MicrosPerMinute + 6*types.MicrosPerSecond},
		"1 year 2 mons 3 days 04:05:06", pgtype.Interval{Months: 14, Days: 3, Microseconds: 4*3600e6 + 5*60e6 + 6e6, Valid: true}},
	{"interval negative", types.IntervalT, types.IntervalValue{Days: -1, Micros: 2 * types.MicrosPerHour}, "-1 days +02:00:00",
		pgtype.Interval{Days: -1, Microseconds: 2 * 3600e6, Valid: true}},
	{"interval zero", types.IntervalT, types.IntervalValue{}, "00:00:00", pgtype.Interval{Valid: true}},
}

func vectorOf(t types.T, d types.Datum) *vector.Vector {
	v := vector.New(t, 2)
	v.Set(0, d)
	v.SetNull(1)
	return v
}

func TestAppendText(t *testing.T) {
	for _, c := range formatCases {
		t.Run(c.name, func(t *testing.T) {
			v := vectorOf(c.t, c.d)
			got := string(AppendText([]byte("x"), v, 0, time.UTC))
			if got != "x"+c.text {
				t.Errorf("AppendText = %q, want %q", got[1:], c.text)
			}
			if want := "x" + types.FormatIn(c.t, c.d, time.UTC); got != want && c.t.ID != types.Char {
				t.Errorf("AppendText = %q, types.Format = %q", got, want)
			}
			if got := AppendText([]byte("x"), v, 1, time.UTC); string(got) != "x" {
				t.Errorf("NULL appended %q", got)
			}
		})
	}
}

func TestAppendTextTimeZones(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Skip("no tzdata:", err)
	}
	kolkata, _ := time.LoadLocation("Asia/Kolkata")
	ts := micros(2024, 1, 15, 12, 0, 0, 0)
	for _, c := range []struct {
		loc  *time.Location
		want string
	}{
		{nil, "2024-01-15 12:00:00+00"},
		{time.UTC, "2024-01-15 12:00:00+00"},
		{ny, "2024-01-15 07:00:00-05"},
		{kolkata, "2024-01-15 17:30:00+05:30"},
	} {
		got := string(AppendText(nil, vectorOf(types.TSTZType, ts), 0, c.loc))
		if got != c.want {
			t.Errorf("%v: got %q, want %q", c.loc, got, c.want)
		}
	}
}

// TestAppendBinaryPgx checks our binary output against pgx, a real client
// codec: byte-for-byte against pgtype's own encoding where there is one, and
// pgtype must decode our binary to the same value as our text.
func TestAppendBinaryPgx(t *testing.T) {
	m := pgtype.NewMap()
	for _, c := range formatCases {
		t.Run(c.name, func(t *testing.T) {
			v := vectorOf(c.t, c.d)
			bin, err := AppendBinary(make([]byte, 0, 16), v, 0)
			if err != nil {
				t.Fatal(err)
			}
			oid := TypeOID(c.t)
			// pgtype does not strip zero base-10000 digits as PostgreSQL's
			// numeric_send does, so NUMERIC is checked by decoding only.
			// Nor does it canonicalize NaN's payload as PostgreSQL does.
			if c.pgx != nil && c.t.ID != types.Decimal && c.name != "float8 nan" {
				want, err := m.Encode(oid, pgtype.BinaryFormatCode, c.pgx, nil)
				if err != nil {
					t.Fatalf("pgtype encode: %v", err)
				}
				if !bytes.Equal(bin, want) {
					t.Errorf("binary = % x, pgtype = % x", bin, want)
				}
			}
			if c.pgx != nil && c.t.ID == types.Decimal {
				got, err := m.Encode(oid, pgtype.BinaryFormatCode, c.pgx, nil) // decodable by us too
				if err != nil {
					t.Fatal(err)
				}
				back, err := DecodeParam(c.t, 1, got)
				if err != nil || back != c.text {
					t.Errorf("DecodeParam(pgtype's encoding) = %v, %v; want %s", back, err, c.text)
				}
			}
			typ, ok := m.TypeForOID(oid)
			if !ok {
				t.Fatalf("pgtype has no OID %d", oid)
			}
			fromBin, err := typ.Codec.DecodeValue(m, oid, pgtype.BinaryFormatCode, bin)
			if err != nil {
				t.Fatalf("pgtype decode binary: %v", err)
			}
			if c.name == "date BC" {
				return // pgtype's text decoder does not read " BC"
			}
			fromText, err := typ.Codec.DecodeValue(m, oid, pgtype.TextFormatCode, []byte(c.text))
			if err != nil {
				t.Fatalf("pgtype decode text %q: %v", c.text, err)
			}
			if a, b := normalize(fromBin), normalize(fromText); a != b {
				t.Errorf("binary decodes to %s, text to %s", a, b)
			}
		})
	}
}

// normalize prints a decoded value comparably (times as UTC instants, NaN
// equal to itself).
func normalize(v any) string {
	switch x := v.(type) {
	case time.Time:
		return x.UTC().Format(time.RFC3339Nano)
	case pgtype.Numeric:
		// PostgreSQL sends zero with no digits (whatever its scale), which
		// pgtype reads back without the scale: compare exact values.
		r := new(big.Rat).SetInt(x.Int)
		scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(max(x.Exp, -x.Exp))), nil)
		if x.Exp < 0 {
			r.Quo(r, new(big.Rat).SetInt(scale))
		} else {
			r.Mul(r, new(big.Rat).SetInt(scale))
		}
		return r.RatString()
	}
	return fmt.Sprintf("%#v", v)
}

func TestAppendBinaryNull(t *testing.T) {
	v := vectorOf(types.Int32Type, int64(1))
	got, err := AppendBinary([]byte{9}, v, 1)
	if err != nil || !bytes.Equal(got, []byte{9}) {
		t.Fatalf("NULL: %v %v", got, err)
	}
}

func TestTypeMetadata(t *testing.T) {
	for _, c := range []struct {
		t    types.T
		oid  uint32
		size int16
		mod  int32
	}{
		{types.BoolType, 16, 1, -1},
		{types.Int16Type, 21, 2, -1},
		{types.Int32Type, 23, 4, -1},
		{types.Int64Type, 20, 8, -1},
		{types.Float32Type, 700, 4, -1},
		{types.Float64Type, 701, 8, -1},
		{types.DecimalType(15, 2), 1700, -1, 15<<16 | 2 + 4},
		{types.DecimalType(38, 0), 1700, -1, 38<<16 + 4},
		{types.CharType(10), 1042, -1, 14},
		{types.VarcharOf(256), 1043, -1, 260},
		{types.VarcharOf(0), 1043, -1, -1},
		{types.TextType, 25, -1, -1},
		{types.DateType, 1082, 4, -1},
		{types.TimeType, 1083, 8, -1},
		{types.TSType, 1114, 8, -1},
		{types.TSTZType, 1184, 8, -1},
		{types.IntervalT, 1186, 16, -1},
		{types.UnknownType, 705, -2, -1},
	} {
		if got := TypeOID(c.t); got != c.oid {
			t.Errorf("TypeOID(%s) = %d, want %d", c.t, got, c.oid)
		}
		if got := TypeSize(c.t); got != c.size {
			t.Errorf("TypeSize(%s) = %d, want %d", c.t, got, c.size)
		}
		if got := TypeMod(c.t); got != c.mod {
			t.Errorf("TypeMod(%s) = %d, want %d", c.t, got, c.mod)
		}
		back, ok := TypeFromOID(c.oid)
		if !ok || back.ID != c.t.ID {
			t.Errorf("TypeFromOID(%d) = %v, %v; want ID of %s", c.oid, back, ok, c.t)
		}
	}
	for _, oid := range []uint32{17, 114, 1266, 3802, 1007} {
		if _, ok := TypeFromOID(oid); ok {
			t.Errorf("TypeFromOID(%d) should be unknown to us", oid)
		}
	}
}

func BenchmarkAppendText(b *testing.B) {
	for _, c := range []formatCase{formatCases[3], formatCases[16], formatCases[23], formatCases[37]} {
		v := vectorOf(c.t, c.d)
		b.Run(c.name, func(b *testing.B) {
			buf := make([]byte, 0, 64)
			for b.Loop() {
				buf = AppendText(buf[:0], v, 0, time.UTC)
			}
		})
	}
}

func BenchmarkAppendBinary(b *testing.B) {
	for _, c := range []formatCase{formatCases[3], formatCases[16], formatCases[23], formatCases[37]} {
		v := vectorOf(c.t, c.d)
		b.Run(c.name, func(b *testing.B) {
			buf := make([]byte, 0, 64)
			for b.Loop() {
				buf, _ = AppendBinary(buf[:0], v, 0)
			}
		})
	}
}
