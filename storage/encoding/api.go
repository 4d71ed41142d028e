package encoding

import (
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Supports reports whether k can encode columns of type t, following
// Redshift's table of valid encodings per data type (Raw, LZO, Zstd and
// Runlength take every type).
func Supports(k Kind, t types.T) bool {
	id := t.ID
	switch k {
	case Raw, LZO, Zstd, Runlength:
		return true
	case AZ64:
		switch id {
		case types.Int16, types.Int32, types.Int64, types.Decimal,
			types.Date, types.Time, types.Timestamp, types.TimestampTZ:
			return true
		}
	case Bytedict:
		switch id {
		case types.Int16, types.Int32, types.Int64, types.Decimal, types.Float32, types.Float64,
			types.Char, types.Varchar, types.Text,
			types.Date, types.Time, types.Timestamp, types.TimestampTZ:
			return true
		}
	case Delta:
		switch id {
		case types.Int16, types.Int32, types.Int64, types.Decimal,
			types.Date, types.Time, types.Timestamp, types.TimestampTZ:
			return true
		}
	case Delta32K:
		switch id {
		case types.Int32, types.Int64, types.Decimal,
			types.Date, types.Time, types.Timestamp, types.TimestampTZ:
			return true
		}
	case Mostly8:
		return id == types.Int16 || id == types.Int32 || id == types.Int64 || id == types.Decimal
	case Mostly16:
		return id == types.Int32 || id == types.Int64 || id == types.Decimal
	case Mostly32:
		return id == types.Int64 || id == types.Decimal
	case Text255, Text32K:
		// Redshift documents TEXT255/TEXT32K as "VARCHAR only" (TEXT is
		// VARCHAR there); CHAR columns reject them.
		return id == types.Varchar || id == types.Text
	}
	return false
}

// Auto is ENCODE AUTO's choice: RAW for the first sort key column, AZ64 for
// integers, dates, times, timestamps and DECIMAL, LZO for strings (ZSTD for
// VARCHAR wider than 255 bytes, including unbounded VARCHAR and TEXT, where
// zstd's stronger compression pays off on long values), RAW for BOOLEAN,
// floats and anything else.
func Auto(t types.T, firstSortKey bool) Kind {
	if firstSortKey {
		return Raw
	}
	switch t.ID {
	case types.Int16, types.Int32, types.Int64, types.Decimal,
		types.Date, types.Time, types.Timestamp, types.TimestampTZ:
		return AZ64
	case types.Char:
		return LZO
	case types.Varchar, types.Text:
		if t.Width == 0 || t.Width > 255 {
			return Zstd
		}
		return LZO
	}
	return Raw
}

// Encode appends the encoding of v's rows [from, to) to dst. NULL rows may
// hold any value: they are encoded as the previous row's value. Fails with
// 0A000 when !Supports(k, v.Type).
func Encode(k Kind, v *vector.Vector, from, to int, dst []byte) ([]byte, error) {
	if !Supports(k, v.Type) {
		return dst, sqlerr.Newf(sqlerr.FeatureNotSupported,
			"compression encoding %s is not supported for type %s", k, v.Type)
	}
	if from < 0 || to < from || to > v.Len() {
		return dst, sqlerr.Newf(sqlerr.InternalError, "encoding: rows [%d, %d) out of range (vector has %d)", from, to, v.Len())
	}
	if v.Type.Physical() == types.PhysNull {
		return dst, nil // every row NULL: nothing to store
	}
	c := encodeCol(v, from, to)
	return encodeKind(k, dst, &c)
}

// Decode fills rows [0, n) of out (already sized, e.g. vector.New(t, n)) from
// src. Corrupt input is XX001 data_corrupted, never a panic; the NULL bitmap
// of out is left alone.
func Decode(k Kind, src []byte, n int, out *vector.Vector) error {
	if k >= numKinds {
		return sqlerr.Newf(sqlerr.DataCorrupted, "unknown compression encoding %d", k)
	}
	if !Supports(k, out.Type) {
		return sqlerr.Newf(sqlerr.DataCorrupted, "compression encoding %s is not valid for type %s", k, out.Type)
	}
	c, err := decodeCol(out, n)
	if err != nil {
		return err
	}
	if out.Type.Physical() == types.PhysNull {
		if len(src) != 0 {
			return sqlerr.Newf(sqlerr.DataCorrupted, "corrupt %s block: values for an all-NULL column", k)
		}
		return nil
	}
	return decodeKind(k, src, &c)
}

// Estimate returns the encoded size in bytes of v's rows [from, to) under k
// (for ANALYZE COMPRESSION). It encodes for real.
func Estimate(k Kind, v *vector.Vector, from, to int) (int, error) {
	b, err := Encode(k, v, from, to, nil)
	return len(b), err
}

// encodeKind and decodeKind dispatch with a switch rather than a table of
// funcs: a direct call lets the column header stay on the stack.
func encodeKind(k Kind, dst []byte, c *col) ([]byte, error) {
	switch k {
	case Raw:
		return encodeRaw(dst, c)
	case AZ64:
		return encodeAZ64(dst, c)
	case Bytedict:
		return encodeBytedict(dst, c)
	case Delta:
		return encodeDelta8(dst, c)
	case Delta32K:
		return encodeDelta16(dst, c)
	case Mostly8:
		return encodeMostly8(dst, c)
	case Mostly16:
		return encodeMostly16(dst, c)
	case Mostly32:
		return encodeMostly32(dst, c)
	case Runlength:
		return encodeRunlength(dst, c)
	case Text255:
		return encodeText255(dst, c)
	case Text32K:
		return encodeText32K(dst, c)
	case LZO:
		return encodeLZ4(dst, c)
	case Zstd:
		return encodeZstd(dst, c)
	}
	return dst, errUnsupported(k, c.t)
}

// decodeKind fills every row of c from src; malformed input is XX001 and
// src must be consumed exactly.
func decodeKind(k Kind, src []byte, c *col) error {
	switch k {
	case Raw:
		return decodeRaw(src, c)
	case AZ64:
		return decodeAZ64(src, c)
	case Bytedict:
		return decodeBytedict(src, c)
	case Delta:
		return decodeDelta8(src, c)
	case Delta32K:
		return decodeDelta16(src, c)
	case Mostly8:
		return decodeMostly8(src, c)
	case Mostly16:
		return decodeMostly16(src, c)
	case Mostly32:
		return decodeMostly32(src, c)
	case Runlength:
		return decodeRunlength(src, c)
	case Text255:
		return decodeText255(src, c)
	case Text32K:
		return decodeText32K(src, c)
	case LZO:
		return decodeLZ4(src, c)
	case Zstd:
		return decodeZstd(src, c)
	}
	return corrupt(k, "unknown encoding")
}
