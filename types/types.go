// Package types defines warehoused's SQL types, their physical representation in
// vectors, and the Go values that stand for single SQL values (datums).
//
// Physical representation (one Go element type per physical kind, so kernels
// dispatch once per batch on a handful of kinds):
//
//	BOOLEAN                                  → bool
//	SMALLINT, INTEGER, BIGINT                → int64
//	DATE                                     → int64 days since 1970-01-01
//	TIME                                     → int64 microseconds since midnight
//	TIMESTAMP, TIMESTAMPTZ                   → int64 microseconds since 1970-01-01 00:00:00 (UTC for TZ)
//	DECIMAL(p,s), p <= 18                    → int64 unscaled value (value * 10^s)
//	DECIMAL(p,s), p > 18                     → Decimal128 unscaled value
//	REAL, DOUBLE PRECISION                   → float64 (REAL rounded through float32 on store)
//	CHAR(n), VARCHAR(n), TEXT                → string (CHAR stored without trailing blanks)
//	INTERVAL                                 → IntervalValue
//
// A datum (a single value, e.g. a constant or a row returned to a client) is a Go
// value of the physical element type, or nil for NULL.
package types

import (
	"fmt"
	"strings"
)

// ID names a SQL type family.
type ID uint8

// SQL type families.
const (
	Unknown ID = iota // type of an untyped NULL or string literal before resolution
	Bool
	Int16
	Int32
	Int64
	Float32
	Float64
	Decimal
	Char
	Varchar
	Text
	Date
	Time
	Timestamp
	TimestampTZ
	Interval
)

// Physical is the in-memory element kind of a vector.
type Physical uint8

// Physical kinds.
const (
	PhysNull Physical = iota // Unknown: every value is NULL
	PhysBool
	PhysInt64
	PhysFloat64
	PhysDecimal128
	PhysString
	PhysInterval
)

// MaxDecimalPrecision is the largest DECIMAL precision (Redshift's limit).
const MaxDecimalPrecision = 38

// MaxInt64DecimalPrecision is the largest precision stored in an int64.
const MaxInt64DecimalPrecision = 18

// T is a SQL type. The zero value is Unknown.
type T struct {
	ID        ID
	Precision int // DECIMAL precision (1..38)
	Scale     int // DECIMAL scale (0..Precision)
	Width     int // CHAR/VARCHAR length in characters; 0 means unbounded (VARCHAR without length)
}

// Common types.
var (
	UnknownType = T{ID: Unknown}
	BoolType    = T{ID: Bool}
	Int16Type   = T{ID: Int16}
	Int32Type   = T{ID: Int32}
	Int64Type   = T{ID: Int64}
	Float32Type = T{ID: Float32}
	Float64Type = T{ID: Float64}
	TextType    = T{ID: Text}
	VarcharType = T{ID: Varchar}
	DateType    = T{ID: Date}
	TimeType    = T{ID: Time}
	TSType      = T{ID: Timestamp}
	TSTZType    = T{ID: TimestampTZ}
	IntervalT   = T{ID: Interval}
)

// DecimalType returns DECIMAL(p,s).
func DecimalType(p, s int) T { return T{ID: Decimal, Precision: p, Scale: s} }

// CharType returns CHAR(n).
func CharType(n int) T { return T{ID: Char, Width: n} }

// VarcharOf returns VARCHAR(n); n == 0 means unbounded.
func VarcharOf(n int) T { return T{ID: Varchar, Width: n} }

// Physical reports how values of t are held in memory.
func (t T) Physical() Physical {
	switch t.ID {
	case Bool:
		return PhysBool
	case Int16, Int32, Int64, Date, Time, Timestamp, TimestampTZ:
		return PhysInt64
	case Float32, Float64:
		return PhysFloat64
	case Decimal:
		if t.Precision > MaxInt64DecimalPrecision {
			return PhysDecimal128
		}
		return PhysInt64
	case Char, Varchar, Text:
		return PhysString
	case Interval:
		return PhysInterval
	}
	return PhysNull
}

// IsNumeric reports whether t is an integer, decimal or floating-point type.
func (t T) IsNumeric() bool {
	switch t.ID {
	case Int16, Int32, Int64, Float32, Float64, Decimal:
		return true
	}
	return false
}

// IsInteger reports whether t is SMALLINT, INTEGER or BIGINT.
func (t T) IsInteger() bool { return t.ID == Int16 || t.ID == Int32 || t.ID == Int64 }

// IsString reports whether t is CHAR, VARCHAR or TEXT.
func (t T) IsString() bool { return t.ID == Char || t.ID == Varchar || t.ID == Text }

// IsTemporal reports whether t is DATE, TIME, TIMESTAMP or TIMESTAMPTZ.
func (t T) IsTemporal() bool {
	return t.ID == Date || t.ID == Time || t.ID == Timestamp || t.ID == TimestampTZ
}

// Equal reports whether two types are identical, modifiers included.
func (t T) Equal(o T) bool { return t == o }

// String returns the type as PostgreSQL's format_type prints it.
func (t T) String() string {
	switch t.ID {
	case Unknown:
		return "unknown"
	case Bool:
		return "boolean"
	case Int16:
		return "smallint"
	case Int32:
		return "integer"
	case Int64:
		return "bigint"
	case Float32:
		return "real"
	case Float64:
		return "double precision"
	case Decimal:
		return fmt.Sprintf("numeric(%d,%d)", t.Precision, t.Scale)
	case Char:
		return fmt.Sprintf("character(%d)", max(t.Width, 1))
	case Varchar:
		if t.Width == 0 {
			return "character varying"
		}
		return fmt.Sprintf("character varying(%d)", t.Width)
	case Text:
		return "text"
	case Date:
		return "date"
	case Time:
		return "time without time zone"
	case Timestamp:
		return "timestamp without time zone"
	case TimestampTZ:
		return "timestamp with time zone"
	case Interval:
		return "interval"
	}
	return fmt.Sprintf("type(%d)", t.ID)
}

// OID returns the PostgreSQL type OID clients see for t.
func (t T) OID() uint32 {
	switch t.ID {
	case Bool:
		return 16
	case Int16:
		return 21
	case Int32:
		return 23
	case Int64:
		return 20
	case Float32:
		return 700
	case Float64:
		return 701
	case Decimal:
		return 1700
	case Char:
		return 1042
	case Varchar:
		return 1043
	case Text:
		return 25
	case Date:
		return 1082
	case Time:
		return 1083
	case Timestamp:
		return 1114
	case TimestampTZ:
		return 1184
	case Interval:
		return 1186
	}
	return 705 // unknown
}

// FromName resolves a type name as written in SQL (already lower-cased, schema
// qualifier "pg_catalog" dropped) and its modifiers, e.g. ("numeric", [15 2]),
// ("varchar", [25]), ("int4", nil). ok is false for names we do not know.
func FromName(name string, mods []int) (t T, ok bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	switch name {
	case "bool", "boolean":
		return BoolType, true
	case "int2", "smallint":
		return Int16Type, true
	case "int4", "int", "integer":
		return Int32Type, true
	case "int8", "bigint":
		return Int64Type, true
	case "float4", "real":
		return Float32Type, true
	case "float8", "double precision", "float":
		if name == "float" && len(mods) == 1 && mods[0] <= 24 {
			return Float32Type, true
		}
		return Float64Type, true
	case "numeric", "decimal":
		p, s := 18, 0 // Redshift's default DECIMAL is (18,0)
		if len(mods) >= 1 {
			p = mods[0]
		}
		if len(mods) >= 2 {
			s = mods[1]
		}
		return DecimalType(p, s), true
	case "bpchar", "char", "character", "nchar":
		n := 1
		if len(mods) >= 1 {
			n = mods[0]
		}
		return CharType(n), true
	case "varchar", "character varying", "nvarchar":
		n := 0
		if len(mods) >= 1 {
			n = mods[0]
		}
		return VarcharOf(n), true
	case "text", "name", "bpchar_unbounded":
		return TextType, true
	case "date":
		return DateType, true
	case "time", "time without time zone":
		return TimeType, true
	case "timestamp", "timestamp without time zone":
		return TSType, true
	case "timestamptz", "timestamp with time zone":
		return TSTZType, true
	case "interval":
		return IntervalT, true
	}
	return T{}, false
}

// Column is a named, typed column of a schema.
type Column struct {
	Name     string
	Type     T
	Nullable bool
}

// Schema is an ordered list of columns.
type Schema []Column
