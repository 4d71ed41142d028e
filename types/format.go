package types

import (
	"math"
	"strconv"
	"time"
)

// Format renders d (a datum of type t, nil for NULL) in PostgreSQL's text
// output format: what psql shows and COPY TO writes. NULL renders as "".
// TIMESTAMPTZ renders in UTC ('+00'); use FormatIn for a session time zone.
func Format(t T, d Datum) string {
	if d == nil {
		return ""
	}
	if s, ok := d.(string); ok && t.ID != Char {
		return s
	}
	return string(AppendFormat(nil, t, d, time.UTC))
}

// FormatIn is Format with TIMESTAMPTZ rendered in time zone loc.
func FormatIn(t T, d Datum, loc *time.Location) string {
	if d == nil {
		return ""
	}
	return string(AppendFormat(nil, t, d, loc))
}

// AppendFormat appends the text form of d (see Format) to buf.
func AppendFormat(buf []byte, t T, d Datum, loc *time.Location) []byte {
	if d == nil {
		return buf
	}
	switch t.ID {
	case Bool:
		if d.(bool) {
			return append(buf, 't')
		}
		return append(buf, 'f')
	case Int16, Int32, Int64:
		return strconv.AppendInt(buf, d.(int64), 10)
	case Float32:
		return AppendFloat(buf, d.(float64), 32)
	case Float64:
		return AppendFloat(buf, d.(float64), 64)
	case Decimal:
		switch v := d.(type) {
		case int64:
			return AppendDecimal64(buf, v, t.Scale)
		case Decimal128:
			return AppendDecimal128(buf, v, t.Scale)
		}
	case Char:
		s := d.(string)
		buf = append(buf, s...)
		if t.Width > 0 {
			n := 0
			for range s {
				n++
			}
			for ; n < t.Width; n++ {
				buf = append(buf, ' ')
			}
		}
		return buf
	case Varchar, Text, Unknown:
		if s, ok := d.(string); ok {
			return append(buf, s...)
		}
	case Date:
		return AppendDate(buf, d.(int64))
	case Time:
		return appendClock(buf, d.(int64))
	case Timestamp:
		return AppendTimestamp(buf, d.(int64), false, 0)
	case TimestampTZ:
		ts := d.(int64)
		off := 0
		if loc != nil && loc != time.UTC {
			_, off = time.UnixMicro(ts).In(loc).Zone()
		}
		return AppendTimestamp(buf, ts+int64(off)*MicrosPerSecond, true, off)
	case Interval:
		return AppendInterval(buf, d.(IntervalValue))
	}
	return append(buf, "?"...)
}

// AppendFloat appends f as PostgreSQL prints float4 (bits 32) or float8:
// shortest round-trip digits, exponent form outside 1e-4 .. 1e15 (1e6 for float4).
func AppendFloat(buf []byte, f float64, bitSize int) []byte {
	switch {
	case math.IsNaN(f):
		return append(buf, "NaN"...)
	case math.IsInf(f, 1):
		return append(buf, "Infinity"...)
	case math.IsInf(f, -1):
		return append(buf, "-Infinity"...)
	case f == 0:
		if math.Signbit(f) {
			return append(buf, "-0"...)
		}
		return append(buf, '0')
	}
	var tmp [32]byte
	e := strconv.AppendFloat(tmp[:0], f, 'e', -1, bitSize)
	// e is like -1.2345e+06: find the exponent.
	k := len(e) - 1
	for e[k] != 'e' {
		k--
	}
	exp, _ := strconv.Atoi(string(e[k+1:]))
	limit := 15
	if bitSize == 32 {
		limit = 6
	}
	if exp < -4 || exp >= limit {
		buf = append(buf, e[:k+2]...) // mantissa, 'e', sign
		ed := e[k+2:]
		if len(ed) < 2 {
			buf = append(buf, '0')
		}
		return append(buf, ed...)
	}
	return strconv.AppendFloat(buf, f, 'f', -1, bitSize)
}

func appendYear(buf []byte, y int) []byte {
	if y <= 0 {
		y = 1 - y
	}
	switch {
	case y < 10:
		buf = append(buf, "000"...)
	case y < 100:
		buf = append(buf, "00"...)
	case y < 1000:
		buf = append(buf, '0')
	}
	return strconv.AppendInt(buf, int64(y), 10)
}

// AppendDate appends a DATE (days since 1970-01-01) as YYYY-MM-DD [BC].
func AppendDate(buf []byte, days int64) []byte {
	y, m, d := CivilFromDays(days)
	buf = appendYear(buf, y)
	buf = append(buf, '-')
	buf = append2(buf, int64(m))
	buf = append(buf, '-')
	buf = append2(buf, int64(d))
	if y <= 0 {
		buf = append(buf, " BC"...)
	}
	return buf
}

func appendClock(buf []byte, us int64) []byte {
	h, m, s, f := SplitTime(us)
	buf = append2(buf, int64(h))
	buf = append(buf, ':')
	buf = append2(buf, int64(m))
	buf = append(buf, ':')
	buf = append2(buf, int64(s))
	return appendFrac(buf, f)
}

// AppendTimestamp appends a wall-clock timestamp; with tz it adds the UTC
// offset (in seconds) as PostgreSQL does: +00, +05:30, -03.
func AppendTimestamp(buf []byte, ts int64, tz bool, off int) []byte {
	days, tod := SplitTimestamp(ts)
	y, m, d := CivilFromDays(days)
	buf = appendYear(buf, y)
	buf = append(buf, '-')
	buf = append2(buf, int64(m))
	buf = append(buf, '-')
	buf = append2(buf, int64(d))
	buf = append(buf, ' ')
	buf = appendClock(buf, tod)
	if tz {
		if off < 0 {
			buf = append(buf, '-')
			off = -off
		} else {
			buf = append(buf, '+')
		}
		buf = append2(buf, int64(off/3600))
		if mm := off % 3600 / 60; mm != 0 || off%60 != 0 {
			buf = append(buf, ':')
			buf = append2(buf, int64(mm))
			if ss := off % 60; ss != 0 {
				buf = append(buf, ':')
				buf = append2(buf, int64(ss))
			}
		}
	}
	if y <= 0 {
		buf = append(buf, " BC"...)
	}
	return buf
}
