package exec

import (
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// stub is the error other helpers' stubs return until implemented.
func stub(name string) error {
	return sqlerr.Newf(sqlerr.FeatureNotSupported, "%s is not implemented yet", name)
}

func errDivZero() error { return sqlerr.Newf(sqlerr.DivisionByZero, "division by zero") }

// errIntRange is PostgreSQL's overflow error for an integer type.
func errIntRange(t types.T) error {
	switch t.ID {
	case types.Int16:
		return sqlerr.Newf(sqlerr.NumericValueOutOfRange, "smallint out of range")
	case types.Int64:
		return sqlerr.Newf(sqlerr.NumericValueOutOfRange, "bigint out of range")
	}
	return sqlerr.Newf(sqlerr.NumericValueOutOfRange, "integer out of range")
}

func errNumOverflow(t types.T) error { return types.NumericOverflow(t.Precision, t.Scale) }

func errFloatRange() error {
	return sqlerr.Newf(sqlerr.NumericValueOutOfRange, "value out of range: overflow")
}

func errInvalidParam(format string, args ...any) error {
	return sqlerr.Newf(sqlerr.InvalidParameterValue, format, args...)
}

// intRange returns the bounds of an integer type.
func intRange(t types.T) (lo, hi int64) {
	switch t.ID {
	case types.Int16:
		return -1 << 15, 1<<15 - 1
	case types.Int32:
		return -1 << 31, 1<<31 - 1
	}
	return -1 << 63, 1<<63 - 1
}
