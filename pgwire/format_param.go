package pgwire

import (
	"encoding/binary"
	"math"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// invalidBinaryRepresentation is SQLSTATE 22P03, what PostgreSQL reports for
// a Bind parameter whose binary value has the wrong length or content.
const invalidBinaryRepresentation sqlerr.Code = "22P03"

// DecodeParam decodes one Bind parameter value sent for a parameter of type t
// in format 0 (text) or 1 (binary). nil data is SQL NULL and gives nil.
//
// The result is a Go value the root package's Conn.Run takes as an argument
// and converts exactly (see toDatum in values.go): bool, int64, float64,
// string (text types; DECIMAL as its exact text, which the root package
// re-reads at the parameter's scale), time.Time (DATE at UTC midnight, TIME
// on 2000-01-01 UTC, TIMESTAMP as wall clock in UTC, TIMESTAMPTZ as the
// instant) and types.IntervalValue. A parameter of type Unknown gives a
// string in both formats (PostgreSQL's unknownrecv reads the bytes as text).
//
// Text is read as types.Parse reads it (TIMESTAMPTZ text without a zone is
// UTC), with PostgreSQL's errors (22P02, 22007, 22008, 22003); text that is
// not UTF-8 is 22021. A binary value of the wrong length or shape is 22P03
// "incorrect binary data format"; DecodeParams adds the parameter number as
// PostgreSQL words it.
func DecodeParam(t types.T, format int16, data []byte) (any, error) {
	if data == nil {
		return nil, nil
	}
	switch format {
	case 0:
		return decodeTextParam(t, data)
	case 1:
		return decodeBinaryParam(t, data)
	}
	return nil, sqlerr.Newf(sqlerr.InvalidParameterValue, "unsupported format code: %d", format)
}

// DecodeParams decodes all parameters of a Bind message: formats holds zero
// codes (all text), one (for every parameter) or one per parameter, as the
// protocol allows. Errors carry PostgreSQL's wording, including the 1-based
// parameter number for bad binary values.
func DecodeParams(ts []types.T, formats []int16, values [][]byte) ([]any, error) {
	if len(formats) > 1 && len(formats) != len(values) {
		return nil, sqlerr.Newf(sqlerr.ProtocolViolation, "bind message has %d parameter formats but %d parameters", len(formats), len(values))
	}
	if len(ts) != len(values) {
		return nil, sqlerr.Newf(sqlerr.ProtocolViolation, "bind message supplies %d parameters, but prepared statement requires %d", len(values), len(ts))
	}
	out := make([]any, len(values))
	for i, data := range values {
		var f int16
		switch {
		case len(formats) == 1:
			f = formats[0]
		case len(formats) > 1:
			f = formats[i]
		}
		v, err := DecodeParam(ts[i], f, data)
		if err != nil {
			if e := sqlerr.From(err); e != nil && e.Code == invalidBinaryRepresentation {
				return nil, sqlerr.Newf(invalidBinaryRepresentation, "incorrect binary data format in bind parameter %d", i+1)
			}
			return nil, err
		}
		out[i] = v
	}
	return out, nil
}

func badBinary() error {
	return sqlerr.Newf(invalidBinaryRepresentation, "incorrect binary data format")
}

func badEncoding(data []byte) error {
	// PostgreSQL names the first offending bytes; one is enough to find it.
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n <= 1 {
			return sqlerr.Newf(sqlerr.CharacterNotInRepertoire, "invalid byte sequence for encoding \"UTF8\": 0x%02x", data[i])
		}
		i += n
	}
	return nil
}

func decodeTextParam(t types.T, data []byte) (any, error) {
	if !utf8.Valid(data) {
		return nil, badEncoding(data)
	}
	if t.ID == types.Unknown || t.ID == types.Varchar || t.ID == types.Text {
		return string(data), nil
	}
	d, err := types.Parse(t, string(data))
	if err != nil {
		return nil, err
	}
	return goParam(t, d), nil
}

// goParam converts a datum of type t to the Go value DecodeParam returns.
func goParam(t types.T, d types.Datum) any {
	switch t.ID {
	case types.Decimal:
		return types.Format(t, d)
	case types.Date:
		return time.Unix(d.(int64)*86400, 0).UTC()
	case types.Time:
		return time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(d.(int64)) * time.Microsecond)
	case types.Timestamp, types.TimestampTZ:
		return time.UnixMicro(d.(int64)).UTC()
	}
	return d
}

func decodeBinaryParam(t types.T, data []byte) (any, error) {
	switch t.ID {
	case types.Unknown, types.Varchar, types.Text, types.Char:
		if !utf8.Valid(data) {
			return nil, badEncoding(data)
		}
		if t.ID == types.Char {
			return types.Parse(t, string(data))
		}
		return string(data), nil
	case types.Bool:
		if len(data) != 1 {
			return nil, badBinary()
		}
		return data[0] != 0, nil
	case types.Int16, types.Int32, types.Int64:
		return decodeBinaryInt(t, data)
	case types.Float32, types.Float64:
		var f float64
		switch len(data) {
		case 4:
			f = float64(math.Float32frombits(binary.BigEndian.Uint32(data)))
		case 8:
			f = math.Float64frombits(binary.BigEndian.Uint64(data))
		default:
			return nil, badBinary()
		}
		if t.ID == types.Float32 {
			f = float64(float32(f))
		}
		return f, nil
	case types.Decimal:
		s, err := numericText(data)
		if err != nil {
			return nil, err
		}
		d, err := types.Parse(t, s)
		if err != nil {
			return nil, err
		}
		return types.Format(t, d), nil
	case types.Date:
		if len(data) != 4 {
			return nil, badBinary()
		}
		days := int64(int32(binary.BigEndian.Uint32(data)))
		if days == math.MaxInt32 || days == math.MinInt32 { // PostgreSQL's +/-infinity
			return nil, sqlerr.Newf(sqlerr.DatetimeFieldOverflow, "date out of range")
		}
		return goParam(t, days+pgEpochDays), nil
	case types.Time:
		if len(data) != 8 {
			return nil, badBinary()
		}
		us := int64(binary.BigEndian.Uint64(data))
		if us < 0 || us >= types.MicrosPerDay {
			return nil, sqlerr.Newf(sqlerr.DatetimeFieldOverflow, "time out of range")
		}
		return goParam(t, us), nil
	case types.Timestamp, types.TimestampTZ:
		if len(data) != 8 {
			return nil, badBinary()
		}
		us := int64(binary.BigEndian.Uint64(data))
		// +/-infinity are the extreme int64s; adding the epoch shift to
		// anything that close would overflow anyway.
		if us > math.MaxInt64-pgEpochMicros || us == math.MinInt64 {
			return nil, sqlerr.Newf(sqlerr.DatetimeFieldOverflow, "timestamp out of range")
		}
		return goParam(t, us+pgEpochMicros), nil
	case types.Interval:
		if len(data) != 16 {
			return nil, badBinary()
		}
		return types.IntervalValue{
			Micros: int64(binary.BigEndian.Uint64(data)),
			Days:   int32(binary.BigEndian.Uint32(data[8:])),
			Months: int32(binary.BigEndian.Uint32(data[12:])),
		}, nil
	}
	return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "binary input of type %s is not supported", t)
}

// decodeBinaryInt reads a 2-, 4- or 8-byte integer whatever the parameter's
// integer width (a client that sent int8 for an int4 parameter still gets
// its value, or "integer out of range" as PostgreSQL's casts say).
func decodeBinaryInt(t types.T, data []byte) (any, error) {
	var n int64
	switch len(data) {
	case 2:
		n = int64(int16(binary.BigEndian.Uint16(data)))
	case 4:
		n = int64(int32(binary.BigEndian.Uint32(data)))
	case 8:
		n = int64(binary.BigEndian.Uint64(data))
	default:
		return nil, badBinary()
	}
	switch {
	case t.ID == types.Int16 && (n < math.MinInt16 || n > math.MaxInt16):
		return nil, sqlerr.Newf(sqlerr.NumericValueOutOfRange, "smallint out of range")
	case t.ID == types.Int32 && (n < math.MinInt32 || n > math.MaxInt32):
		return nil, sqlerr.Newf(sqlerr.NumericValueOutOfRange, "integer out of range")
	}
	return n, nil
}

// numericText decodes PostgreSQL's binary NUMERIC into its decimal text:
// int16 ndigits, int16 weight, uint16 sign, uint16 dscale, base-10000 digits.
func numericText(data []byte) (string, error) {
	if len(data) < 8 {
		return "", badBinary()
	}
	nd := int(binary.BigEndian.Uint16(data))
	weight := int(int16(binary.BigEndian.Uint16(data[2:])))
	sign := binary.BigEndian.Uint16(data[4:])
	dscale := int(binary.BigEndian.Uint16(data[6:]))
	if len(data) != 8+2*nd || dscale > 0x3FFF {
		return "", badBinary()
	}
	switch sign {
	case numericPos, numericNeg:
	case numericNaN:
		return "", sqlerr.Newf(sqlerr.InvalidTextRepresentation, "invalid input syntax for type numeric: \"NaN\"")
	case numericPInf, numericNInf:
		return "", sqlerr.Newf(sqlerr.InvalidTextRepresentation, "invalid input syntax for type numeric: \"Infinity\"")
	default:
		return "", badBinary()
	}
	// Far beyond DECIMAL(38)'s range: refuse before building a huge string.
	if nd > 0 && (weight > 10 || weight < -20 || dscale > 80) {
		return "", sqlerr.Newf(sqlerr.NumericValueOutOfRange, "numeric field overflow")
	}
	digits := make([]int, nd)
	for i := range digits {
		d := int(binary.BigEndian.Uint16(data[8+2*i:]))
		if d >= 10000 {
			return "", badBinary()
		}
		digits[i] = d
	}
	// Integer groups are weights weight..0; fraction groups -1, -2, ...
	buf := make([]byte, 0, 8+4*(nd+max(weight, 0)))
	if sign == numericNeg {
		buf = append(buf, '-')
	}
	group := func(w int) int {
		i := weight - w
		if i < 0 || i >= nd {
			return 0
		}
		return digits[i]
	}
	if weight < 0 {
		buf = append(buf, '0')
	} else {
		buf = strconv.AppendInt(buf, int64(group(weight)), 10)
		for w := weight - 1; w >= 0; w-- {
			buf = append4(buf, group(w))
		}
	}
	if dscale > 0 {
		buf = append(buf, '.')
		var frac []byte
		for w := -1; len(frac) < dscale; w-- {
			frac = append4(frac, group(w))
		}
		buf = append(buf, frac[:dscale]...)
	}
	return string(buf), nil
}

func append4(buf []byte, d int) []byte {
	return append(buf, byte('0'+d/1000), byte('0'+d/100%10), byte('0'+d/10%10), byte('0'+d%10))
}
