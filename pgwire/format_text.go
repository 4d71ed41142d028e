package pgwire

import (
	"strconv"
	"time"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// AppendText appends row's value of v in PostgreSQL's text output format
// (format code 0): booleans t/f, floats shortest-exact with Infinity/NaN,
// numerics exact at their scale, dates ISO with " BC", timestamps
// 'YYYY-MM-DD HH:MM:SS[.ffffff]', TIMESTAMPTZ with its UTC offset in the
// session time zone loc (nil means UTC), intervals in the "postgres" style.
// These are the same strings types.Format produces (and psql shows).
//
// The caller checks v.IsNull(row) first and sends length -1 for NULL;
// AppendText appends nothing for a NULL. It reads the vector's slices
// directly so encoding a result column does not box every value.
func AppendText(buf []byte, v *vector.Vector, row int, loc *time.Location) []byte {
	if v.IsNull(row) {
		return buf
	}
	t := v.Type
	switch t.ID {
	case types.Bool:
		if v.Bools[row] {
			return append(buf, 't')
		}
		return append(buf, 'f')
	case types.Int16, types.Int32, types.Int64:
		return strconv.AppendInt(buf, v.Ints[row], 10)
	case types.Float32:
		return types.AppendFloat(buf, v.Floats[row], 32)
	case types.Float64:
		return types.AppendFloat(buf, v.Floats[row], 64)
	case types.Decimal:
		if t.Physical() == types.PhysDecimal128 {
			return types.AppendDecimal128(buf, v.Decs[row], t.Scale)
		}
		return types.AppendDecimal64(buf, v.Ints[row], t.Scale)
	case types.Char:
		return appendBPChar(buf, v.Strs[row], t.Width)
	case types.Varchar, types.Text:
		return append(buf, v.Strs[row]...)
	case types.Date:
		return types.AppendDate(buf, v.Ints[row])
	case types.Time:
		return appendTimeOfDay(buf, v.Ints[row])
	case types.Timestamp:
		return types.AppendTimestamp(buf, v.Ints[row], false, 0)
	case types.TimestampTZ:
		ts := v.Ints[row]
		off := 0
		if loc != nil && loc != time.UTC {
			_, off = time.UnixMicro(ts).In(loc).Zone()
		}
		return types.AppendTimestamp(buf, ts+int64(off)*types.MicrosPerSecond, true, off)
	case types.Interval:
		return types.AppendInterval(buf, v.Ivs[row])
	}
	// Any other physical form: the slow, general path.
	return types.AppendFormat(buf, t, v.Get(row), loc)
}

// appendBPChar appends a CHAR(n) value blank-padded to n characters: CHAR is
// stored without its trailing blanks, but PostgreSQL sends them.
func appendBPChar(buf []byte, s string, width int) []byte {
	buf = append(buf, s...)
	if width <= 0 {
		return buf
	}
	n := 0
	for range s {
		n++
	}
	for ; n < width; n++ {
		buf = append(buf, ' ')
	}
	return buf
}

// appendTimeOfDay appends a TIME (microseconds since midnight) as
// HH:MM:SS[.ffffff]. It formats the time on 1970-01-01 with the types
// package's timestamp formatter and drops the date, which keeps the exact
// same clock rules without a second copy of them.
func appendTimeOfDay(buf []byte, us int64) []byte {
	if us < 0 || us >= types.MicrosPerDay {
		return types.AppendFormat(buf, types.TimeType, us, nil)
	}
	start := len(buf)
	buf = types.AppendTimestamp(buf, us, false, 0) // "1970-01-01 HH:MM:SS..."
	const datePrefix = len("1970-01-01 ")
	n := copy(buf[start:], buf[start+datePrefix:])
	return buf[:start+n]
}
