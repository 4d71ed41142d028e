package pgwire

import (
	"encoding/binary"
	"math"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// PostgreSQL's binary formats count dates and timestamps from 2000-01-01;
// ours count from 1970-01-01.
const (
	pgEpochDays   = 10957 // days from 1970-01-01 to 2000-01-01
	pgEpochMicros = pgEpochDays * 86400 * 1000000
)

// PostgreSQL sends NaN as the quiet NaN with no payload; Go's math.NaN()
// carries a payload bit, and NaNs computed by kernels may carry anything.
const (
	canonicalNaN32 = 0x7fc00000
	canonicalNaN64 = 0x7ff8000000000000
)

// Sign words of PostgreSQL's binary NUMERIC.
const (
	numericPos  = 0x0000
	numericNeg  = 0x4000
	numericNaN  = 0xC000
	numericPInf = 0xD000
	numericNInf = 0xF000
)

// AppendBinary appends row's value of v in PostgreSQL's binary send format
// (format code 1), without the length word: big-endian integers and IEEE
// floats; NUMERIC as base-10000 digits with weight, sign and display scale;
// DATE as int32 days and TIMESTAMP[TZ] as int64 microseconds since
// 2000-01-01; TIME as int64 microseconds; INTERVAL as int64 microseconds,
// int32 days, int32 months; CHAR blank-padded, VARCHAR and TEXT raw UTF-8.
//
// As with AppendText the caller checks v.IsNull(row) first. The error is 22008
// for a date outside int32 days and 0A000 for a type without a binary form.
func AppendBinary(buf []byte, v *vector.Vector, row int) ([]byte, error) {
	if v.IsNull(row) {
		return buf, nil
	}
	t := v.Type
	switch t.ID {
	case types.Bool:
		if v.Bools[row] {
			return append(buf, 1), nil
		}
		return append(buf, 0), nil
	case types.Int16:
		return binary.BigEndian.AppendUint16(buf, uint16(int16(v.Ints[row]))), nil
	case types.Int32:
		return binary.BigEndian.AppendUint32(buf, uint32(int32(v.Ints[row]))), nil
	case types.Int64:
		return binary.BigEndian.AppendUint64(buf, uint64(v.Ints[row])), nil
	case types.Float32:
		f := v.Floats[row]
		if f != f {
			return binary.BigEndian.AppendUint32(buf, canonicalNaN32), nil
		}
		return binary.BigEndian.AppendUint32(buf, math.Float32bits(float32(f))), nil
	case types.Float64:
		f := v.Floats[row]
		if f != f {
			return binary.BigEndian.AppendUint64(buf, canonicalNaN64), nil
		}
		return binary.BigEndian.AppendUint64(buf, math.Float64bits(f)), nil
	case types.Decimal:
		if t.Physical() == types.PhysDecimal128 {
			return appendNumeric(buf, v.Decs[row], t.Scale), nil
		}
		return appendNumeric(buf, types.D128(v.Ints[row]), t.Scale), nil
	case types.Char:
		return appendBPChar(buf, v.Strs[row], t.Width), nil
	case types.Varchar, types.Text:
		return append(buf, v.Strs[row]...), nil
	case types.Date:
		d := v.Ints[row] - pgEpochDays
		if d < math.MinInt32 || d > math.MaxInt32 {
			return buf, sqlerr.Newf(sqlerr.DatetimeFieldOverflow, "date out of range")
		}
		return binary.BigEndian.AppendUint32(buf, uint32(int32(d))), nil
	case types.Time:
		return binary.BigEndian.AppendUint64(buf, uint64(v.Ints[row])), nil
	case types.Timestamp, types.TimestampTZ:
		ts := v.Ints[row]
		if ts < math.MinInt64+pgEpochMicros {
			return buf, sqlerr.Newf(sqlerr.DatetimeFieldOverflow, "timestamp out of range")
		}
		return binary.BigEndian.AppendUint64(buf, uint64(ts-pgEpochMicros)), nil
	case types.Interval:
		iv := v.Ivs[row]
		buf = binary.BigEndian.AppendUint64(buf, uint64(iv.Micros))
		buf = binary.BigEndian.AppendUint32(buf, uint32(iv.Days))
		return binary.BigEndian.AppendUint32(buf, uint32(iv.Months)), nil
	}
	return buf, sqlerr.Newf(sqlerr.FeatureNotSupported, "binary output of type %s is not supported", t)
}

// appendNumeric encodes the unscaled value u with scale digits after the
// point as PostgreSQL's numeric_send does: int16 ndigits, int16 weight (of the
// first base-10000 digit), uint16 sign, int16 dscale, then ndigits int16
// digits. Leading and trailing zero digits are stripped; zero has no digits.
func appendNumeric(buf []byte, u types.Decimal128, scale int) []byte {
	sign := uint16(numericPos)
	if u.Sign() < 0 {
		sign = numericNeg
		u = u.Neg()
	}
	// Decimal digits of |u|, at most 39 (2^127 < 10^39).
	var tmp [48]byte
	dec := types.AppendDecimal128(tmp[:0], u, 0)
	if len(dec) == 1 && dec[0] == '0' {
		dec = dec[:0]
	}
	// Lay the digits out so the integer part is a whole number of 4-digit
	// groups (zeros on the left) and so is the fraction (zeros on the
	// right): every 4 characters are then one base-10000 digit, aligned on
	// the decimal point.
	intLen := len(dec) - scale // integer digits; <= 0 for |value| < 1
	var padded [96]byte
	p := padded[:0]
	weight := -1
	if intLen > 0 {
		lead := (4 - intLen%4) % 4
		for range lead {
			p = append(p, '0')
		}
		weight = (intLen+lead)/4 - 1
	} else {
		for range -intLen {
			p = append(p, '0')
		}
	}
	p = append(p, dec...)
	for len(p)%4 != 0 {
		p = append(p, '0')
	}
	var digits [24]uint16
	nd := 0
	for i := 0; i+4 <= len(p) && nd < len(digits); i += 4 {
		digits[nd] = uint16(p[i]-'0')*1000 + uint16(p[i+1]-'0')*100 + uint16(p[i+2]-'0')*10 + uint16(p[i+3]-'0')
		nd++
	}
	ds := digits[:nd]
	for len(ds) > 0 && ds[0] == 0 {
		ds = ds[1:]
		weight--
	}
	for len(ds) > 0 && ds[len(ds)-1] == 0 {
		ds = ds[:len(ds)-1]
	}
	if len(ds) == 0 {
		weight = 0
		sign = numericPos
	}
	buf = binary.BigEndian.AppendUint16(buf, uint16(len(ds)))
	buf = binary.BigEndian.AppendUint16(buf, uint16(int16(weight)))
	buf = binary.BigEndian.AppendUint16(buf, sign)
	buf = binary.BigEndian.AppendUint16(buf, uint16(scale))
	for _, d := range ds {
		buf = binary.BigEndian.AppendUint16(buf, d)
	}
	return buf
}
