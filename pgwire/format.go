package pgwire

import "github.com/warehoused/warehoused/types"

// Type metadata clients read from RowDescription and ParameterDescription.
//
// Clients pick their decoders by type OID (pgx, pgjdbc, psycopg, asyncpg), and
// pgjdbc/ODBC read the type modifier for precision, scale and length in
// ResultSetMetaData, so these must match what PostgreSQL reports for the same
// declared type.

// PostgreSQL type OIDs of the types we send or accept.
const (
	oidBool        uint32 = 16
	oidChar        uint32 = 18 // "char", the one-byte internal type
	oidName        uint32 = 19
	oidInt8        uint32 = 20
	oidInt2        uint32 = 21
	oidInt4        uint32 = 23
	oidText        uint32 = 25
	oidOID         uint32 = 26
	oidFloat4      uint32 = 700
	oidFloat8      uint32 = 701
	oidUnknown     uint32 = 705
	oidBPChar      uint32 = 1042
	oidVarchar     uint32 = 1043
	oidDate        uint32 = 1082
	oidTime        uint32 = 1083
	oidTimestamp   uint32 = 1114
	oidTimestampTZ uint32 = 1184
	oidInterval    uint32 = 1186
	oidNumeric     uint32 = 1700
)

// TypeOID returns the PostgreSQL type OID a column or parameter of type t is
// described with (705 "unknown" for an untyped NULL or literal).
func TypeOID(t types.T) uint32 { return t.OID() }

// TypeSize returns pg_type.typlen of t's OID: the fixed width in bytes, -1 for
// variable-length types and -2 for "unknown" (a C string), as PostgreSQL
// reports it in RowDescription.
func TypeSize(t types.T) int16 {
	switch t.ID {
	case types.Bool:
		return 1
	case types.Int16:
		return 2
	case types.Int32, types.Float32, types.Date:
		return 4
	case types.Int64, types.Float64, types.Time, types.Timestamp, types.TimestampTZ:
		return 8
	case types.Interval:
		return 16
	case types.Unknown:
		return -2
	}
	return -1 // numeric, bpchar, varchar, text
}

// TypeMod returns the atttypmod PostgreSQL reports for t: VARCHAR(n) and
// CHAR(n) are n+4, NUMERIC(p,s) is ((p<<16)|s)+4, everything else -1. (The 4
// is PostgreSQL's VARHDRSZ, which it folds into every length modifier.)
func TypeMod(t types.T) int32 {
	switch t.ID {
	case types.Varchar, types.Char:
		if t.Width > 0 {
			return int32(t.Width) + 4
		}
	case types.Decimal:
		if t.Precision > 0 {
			return int32(t.Precision)<<16 | int32(t.Scale) + 4
		}
	}
	return -1
}

// TypeFromOID maps a parameter type OID a client sent in Parse to our type.
// OID 0 (unspecified) and 705 give Unknown: the server infers the type.
// NUMERIC without a modifier becomes DECIMAL(18,0) (Redshift's default) and
// VARCHAR/BPCHAR get no length limit; "name" is text and "oid" is BIGINT (an
// oid does not fit INTEGER's range). ok is false for types we do not have
// (bytea, json, arrays, timetz, ...): the server should reply 0A000 or 42704.
func TypeFromOID(oid uint32) (types.T, bool) {
	switch oid {
	case 0, oidUnknown:
		return types.UnknownType, true
	case oidBool:
		return types.BoolType, true
	case oidInt2:
		return types.Int16Type, true
	case oidInt4:
		return types.Int32Type, true
	case oidInt8, oidOID:
		return types.Int64Type, true
	case oidFloat4:
		return types.Float32Type, true
	case oidFloat8:
		return types.Float64Type, true
	case oidNumeric:
		return types.DecimalType(18, 0), true
	case oidChar:
		return types.CharType(1), true
	case oidBPChar:
		return types.T{ID: types.Char}, true
	case oidVarchar:
		return types.VarcharType, true
	case oidText, oidName:
		return types.TextType, true
	case oidDate:
		return types.DateType, true
	case oidTime:
		return types.TimeType, true
	case oidTimestamp:
		return types.TSType, true
	case oidTimestampTZ:
		return types.TSTZType, true
	case oidInterval:
		return types.IntervalT, true
	}
	return types.T{}, false
}
