package types

import (
	"math"
	"testing"
	"time"

	"github.com/warehoused/warehoused/sqlerr"
)

func TestCivilRoundTrip(t *testing.T) {
	for d := int64(-800000); d < 800000; d += 37 {
		y, m, dd := CivilFromDays(d)
		if got := DaysFromCivil(y, m, dd); got != d {
			t.Fatalf("%d -> %d-%d-%d -> %d", d, y, m, dd, got)
		}
	}
	if DaysFromCivil(1970, 1, 1) != 0 || DaysFromCivil(2000, 3, 1) != 11017 {
		t.Fatal("epoch")
	}
	if Weekday(0) != 4 {
		t.Fatal("1970-01-01 is a Thursday")
	}
}

func TestFormat(t *testing.T) {
	day := DaysFromCivil(1998, 12, 1)
	ts := day*MicrosPerDay + 13*MicrosPerHour + 5*MicrosPerMinute + 7*MicrosPerSecond + 250000
	cases := []struct {
		t    T
		d    Datum
		want string
	}{
		{BoolType, true, "t"},
		{BoolType, false, "f"},
		{Int32Type, int64(-42), "-42"},
		{Float64Type, 1.5, "1.5"},
		{Float64Type, 1e20, "1e+20"},
		{Float64Type, 1e15, "1e+15"},
		{Float64Type, 123456789012345.0, "123456789012345"},
		{Float64Type, 0.0001, "0.0001"},
		{Float64Type, 0.00001, "1e-05"},
		{Float64Type, point3(), "0.30000000000000004"},
		{Float64Type, math.Inf(1), "Infinity"},
		{Float64Type, math.Inf(-1), "-Infinity"},
		{Float64Type, math.NaN(), "NaN"},
		{Float32Type, float64(float32(1.1)), "1.1"},
		{Float32Type, 1e6, "1e+06"},
		{DecimalType(15, 2), int64(12345), "123.45"},
		{DecimalType(15, 2), int64(-5), "-0.05"},
		{DecimalType(15, 0), int64(7), "7"},
		{DecimalType(38, 4), D128(-123456), "-12.3456"},
		{DecimalType(38, 2), Pow10D128(37), "100000000000000000000000000000000000.00"},
		{DateType, day, "1998-12-01"},
		{DateType, DaysFromCivil(-43, 3, 15), "0044-03-15 BC"},
		{TimeType, 13*MicrosPerHour + 5, "13:00:00.000005"},
		{TSType, ts, "1998-12-01 13:05:07.25"},
		{TSTZType, ts, "1998-12-01 13:05:07.25+00"},
		{IntervalT, IntervalValue{Months: 14, Days: 3, Micros: 4*MicrosPerHour + 5*MicrosPerMinute + 6*MicrosPerSecond}, "1 year 2 mons 3 days 04:05:06"},
		{IntervalT, IntervalValue{}, "00:00:00"},
		{IntervalT, IntervalValue{Days: -1}, "-1 days"},
		{IntervalT, IntervalValue{Days: -1, Micros: 2 * MicrosPerHour}, "-1 days +02:00:00"},
		{IntervalT, IntervalValue{Months: 1}, "1 mon"},
		{IntervalT, IntervalValue{Micros: -90 * MicrosPerMinute}, "-01:30:00"},
		{CharType(5), "ab", "ab   "},
		{TextType, "x y", "x y"},
		{Int64Type, nil, ""},
	}
	for _, c := range cases {
		if got := Format(c.t, c.d); got != c.want {
			t.Errorf("Format(%s, %v) = %q, want %q", c.t, c.d, got, c.want)
		}
	}
	ny, _ := time.LoadLocation("America/New_York")
	if ny != nil {
		if got := FormatIn(TSTZType, ts, ny); got != "1998-12-01 08:05:07.25-05" {
			t.Errorf("FormatIn NY = %q", got)
		}
	}
}

func TestParse(t *testing.T) {
	cases := []struct {
		t    T
		s    string
		want Datum
		code sqlerr.Code
	}{
		{BoolType, " TRUE ", true, ""},
		{BoolType, "off", false, ""},
		{BoolType, "maybe", nil, sqlerr.InvalidTextRepresentation},
		{Int32Type, " 42 ", int64(42), ""},
		{Int32Type, "-2147483648", int64(-2147483648), ""},
		{Int32Type, "2147483648", nil, sqlerr.NumericValueOutOfRange},
		{Int16Type, "40000", nil, sqlerr.NumericValueOutOfRange},
		{Int64Type, "9223372036854775807", int64(math.MaxInt64), ""},
		{Int64Type, "99999999999999999999", nil, sqlerr.NumericValueOutOfRange},
		{Int32Type, "12a", nil, sqlerr.InvalidTextRepresentation},
		{Int32Type, "", nil, sqlerr.InvalidTextRepresentation},
		{Float64Type, "1e5", 1e5, ""},
		{Float64Type, "-Infinity", math.Inf(-1), ""},
		{Float64Type, "1e999", nil, sqlerr.NumericValueOutOfRange},
		{Float64Type, "abc", nil, sqlerr.InvalidTextRepresentation},
		{DecimalType(15, 2), "  12.5 ", int64(1250), ""},
		{DecimalType(15, 2), "12.345", int64(1235), ""},
		{DecimalType(15, 2), "-12.345", int64(-1235), ""},
		{DecimalType(15, 2), "1e3", int64(100000), ""},
		{DecimalType(5, 2), "1000", nil, sqlerr.NumericValueOutOfRange},
		{DecimalType(15, 2), "1.2.3", nil, sqlerr.InvalidTextRepresentation},
		{DecimalType(38, 2), "123456789012345678901234567890.129", D128(0), ""}, // checked below
		{DateType, "1998-12-01", DaysFromCivil(1998, 12, 1), ""},
		{DateType, "19981201", DaysFromCivil(1998, 12, 1), ""},
		{DateType, "12/01/1998", DaysFromCivil(1998, 12, 1), ""},
		{DateType, "1998-12-01 10:00:00", DaysFromCivil(1998, 12, 1), ""},
		{DateType, "1998-02-30", nil, sqlerr.DatetimeFieldOverflow},
		{DateType, "yesterdayish", nil, sqlerr.InvalidDatetimeFormat},
		{TSType, "1998-12-01 01:02:03.5", DaysFromCivil(1998, 12, 1)*MicrosPerDay + 3723500000, ""},
		{TSType, "1998-12-01T01:02:03", DaysFromCivil(1998, 12, 1)*MicrosPerDay + 3723000000, ""},
		{TSTZType, "1998-12-01 01:00:00+02", DaysFromCivil(1998, 11, 30)*MicrosPerDay + 23*MicrosPerHour, ""},
		{TimeType, "01:02:03", int64(3723000000), ""},
		{IntervalT, "1 day 2 hours", IntervalValue{Days: 1, Micros: 2 * MicrosPerHour}, ""},
		{IntervalT, "3 months", IntervalValue{Months: 3}, ""},
		{IntervalT, "01:02:03", IntervalValue{Micros: 3723000000}, ""},
		{IntervalT, "P1Y2M3DT4H", IntervalValue{Months: 14, Days: 3, Micros: 4 * MicrosPerHour}, ""},
		{IntervalT, "1 year -2 mons", IntervalValue{Months: 10}, ""},
		{IntervalT, "2 days ago", IntervalValue{Days: -2}, ""},
		{IntervalT, "1.5 days", IntervalValue{Days: 1, Micros: 12 * MicrosPerHour}, ""},
		{IntervalT, "fortnight", nil, sqlerr.InvalidDatetimeFormat},
		{CharType(3), "ab  ", "ab", ""},
	}
	for _, c := range cases {
		got, err := Parse(c.t, c.s)
		if c.code != "" {
			if sqlerr.CodeOf(err) != c.code {
				t.Errorf("Parse(%s, %q) err = %v (%s), want %s", c.t, c.s, err, sqlerr.CodeOf(err), c.code)
			}
			continue
		}
		if err != nil {
			t.Errorf("Parse(%s, %q): %v", c.t, c.s, err)
			continue
		}
		if c.t.Precision == 38 {
			if Format(c.t, got) != "123456789012345678901234567890.13" {
				t.Errorf("decimal128 parse = %s", Format(c.t, got))
			}
			continue
		}
		if got != c.want {
			t.Errorf("Parse(%s, %q) = %v, want %v", c.t, c.s, got, c.want)
		}
	}
	iv, err := ParseInterval("3", "month")
	if err != nil || iv != (IntervalValue{Months: 3}) {
		t.Errorf("interval '3' month = %v %v", iv, err)
	}
	iv, err = ParseInterval("90", "day")
	if err != nil || iv != (IntervalValue{Days: 90}) {
		t.Errorf("interval '90' day = %v %v", iv, err)
	}
}

func TestFormatParseRoundTrip(t *testing.T) {
	vals := []struct {
		t T
		d Datum
	}{
		{Float64Type, 0.1}, {Float64Type, -1.234e-300}, {Float64Type, 1e300}, {Float64Type, 123.456},
		{DecimalType(12, 3), int64(-123456789)}, {DecimalType(30, 10), D128(-1).Neg()},
		{DateType, int64(-1000)}, {DateType, int64(20000)},
		{TSType, int64(1234567890123456)}, {TSTZType, int64(-1234567890123)},
		{TimeType, int64(86399999999)},
		{IntervalT, IntervalValue{Months: -13, Days: 5, Micros: -1}},
		{IntervalT, IntervalValue{Months: 25, Days: -3, Micros: 123456789}},
		{Int64Type, int64(math.MinInt64)},
	}
	for _, v := range vals {
		s := Format(v.t, v.d)
		got, err := Parse(v.t, s)
		if err != nil || got != v.d {
			t.Errorf("round trip %s %v -> %q -> %v (%v)", v.t, v.d, s, got, err)
		}
	}
}

func TestDecimal128Arith(t *testing.T) {
	a := Pow10D128(30)
	b := D128(-7)
	p, ok := a.Mul(b)
	if !ok || FormatDecimal128(p, 0) != "-7000000000000000000000000000000" {
		t.Fatalf("mul %v", FormatDecimal128(p, 0))
	}
	q, ok := p.QuoRound(D128(3))
	if !ok || FormatDecimal128(q, 0) != "-2333333333333333333333333333333" {
		t.Fatalf("quo %s", FormatDecimal128(q, 0))
	}
	big := Pow10D128(38)
	if _, ok := big.Mul(big); ok {
		t.Fatal("expected overflow")
	}
	q, _ = big.QuoRound(Pow10D128(20).Neg())
	if FormatDecimal128(q, 0) != "-1000000000000000000" {
		t.Fatalf("big quo %s", FormatDecimal128(q, 0))
	}
	x, _ := D128(15).Rescale(1, 0)  // 1.5 -> 2
	y, _ := D128(-25).Rescale(1, 0) // -2.5 -> -3
	if x != D128(2) || y != D128(-3) {
		t.Fatalf("rescale %v %v", x, y)
	}
	if MulInt64(math.MaxInt64, math.MaxInt64).Float64() < 8.5e37 {
		t.Fatal("MulInt64")
	}
	f, ok := D128FromFloat(-1e30)
	if !ok || math.Abs(f.Float64()+1e30) > 1e15 {
		t.Fatal("from float")
	}
	if CompareInterval(IntervalValue{Months: 1}, IntervalValue{Days: 30}) != 0 {
		t.Fatal("1 mon = 30 days")
	}
}

func TestParseNoAlloc(t *testing.T) {
	dec := DecimalType(15, 2)
	n := testing.AllocsPerRun(100, func() {
		_, _ = ParseDecimal64("12345.67", dec.Precision, dec.Scale)
		_, _ = ParseDate("1998-12-01")
		_, _ = ParseInt(Int64Type, "-1234567")
	})
	if n != 0 {
		t.Fatalf("allocs = %v", n)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1", "1.5e3", "1998-12-01", "1 day 02:00", "P1D", "t", "12:00:00+05", "-", "1e99999", "@ 1 ago"} {
		f.Add(s)
	}
	ts := []T{BoolType, Int16Type, Int32Type, Int64Type, Float32Type, Float64Type, DecimalType(15, 2), DecimalType(38, 6),
		DateType, TimeType, TSType, TSTZType, IntervalT, CharType(4)}
	f.Fuzz(func(t *testing.T, s string) {
		for _, typ := range ts {
			d, err := Parse(typ, s)
			if err == nil {
				_ = Format(typ, d)
			}
		}
		_, _ = ParseInterval(s, "day to second")
	})
}

func point3() float64 {
	a, b := 0.1, 0.2
	return a + b
}

func TestIntervalDayTime(t *testing.T) {
	iv, err := ParseInterval("1 02:03:04", "day to second")
	if err != nil || iv != (IntervalValue{Days: 1, Micros: 2*MicrosPerHour + 3*MicrosPerMinute + 4*MicrosPerSecond}) {
		t.Fatalf("%v %v", iv, err)
	}
	iv, err = ParseInterval("1-2", "year to month")
	if err != nil || iv != (IntervalValue{Months: 14}) {
		t.Fatalf("%v %v", iv, err)
	}
	iv, err = ParseInterval("1 day 5 hours", "day")
	if err != nil || iv != (IntervalValue{Days: 1}) {
		t.Fatalf("%v %v", iv, err)
	}
}
