package types

// Decimal128 is a signed 128-bit integer holding an unscaled DECIMAL value
// (two's complement across Hi:Lo).
type Decimal128 struct {
	Hi int64
	Lo uint64
}

// IntervalValue is a PostgreSQL interval: months, days and microseconds kept apart,
// because a month has no fixed number of days and a day no fixed number of
// microseconds across DST.
type IntervalValue struct {
	Months int32
	Days   int32
	Micros int64
}

// Datum is a single SQL value: nil (NULL), bool, int64, float64, string,
// Decimal128 or IntervalValue, interpreted by the T it comes with.
type Datum = any
