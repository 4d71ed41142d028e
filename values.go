package warehoused

import (
	"fmt"
	"math"
	"math/big"
	"strconv"
	"time"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// location returns the session time zone for TIMESTAMPTZ conversions.
func (r *Rows) location() *time.Location {
	if r.conn != nil && r.conn.settings.loc != nil {
		return r.conn.settings.loc
	}
	return time.UTC
}

const microsPerDay = 86400 * 1000000

// GoValue converts a datum of type t to the Go value embedders usually want:
// int64, float64, bool, string, time.Time (DATE, TIMESTAMP[TZ]), DECIMAL and
// INTERVAL and TIME as their text form; nil for NULL.
func GoValue(t types.T, d types.Datum, loc *time.Location) any {
	if d == nil {
		return nil
	}
	switch t.ID {
	case types.Date:
		return time.Unix(d.(int64)*86400, 0).UTC()
	case types.Timestamp:
		return time.UnixMicro(d.(int64)).UTC()
	case types.TimestampTZ:
		if loc == nil {
			loc = time.UTC
		}
		return time.UnixMicro(d.(int64)).In(loc)
	case types.Decimal, types.Time, types.Interval, types.Char:
		return types.Format(t, d)
	case types.Float32:
		return float64(float32(d.(float64)))
	}
	return d
}

// scanInto stores datum v of type t into the pointer dst.
func scanInto(dst any, t types.T, v types.Datum, loc *time.Location) error {
	switch p := dst.(type) {
	case *any:
		*p = GoValue(t, v, loc)
		return nil
	case **string:
		if v == nil {
			*p = nil
			return nil
		}
		s := types.Format(t, v)
		*p = &s
		return nil
	case **int64:
		if v == nil {
			*p = nil
			return nil
		}
		var n int64
		if err := scanInto(&n, t, v, loc); err != nil {
			return err
		}
		*p = &n
		return nil
	case **float64:
		if v == nil {
			*p = nil
			return nil
		}
		var f float64
		if err := scanInto(&f, t, v, loc); err != nil {
			return err
		}
		*p = &f
		return nil
	}
	if v == nil {
		switch p := dst.(type) {
		case *[]byte:
			*p = nil
			return nil
		case *string:
			*p = ""
			return fmt.Errorf("NULL into string")
		}
		return fmt.Errorf("cannot scan NULL into %T", dst)
	}
	switch p := dst.(type) {
	case *string:
		*p = types.Format(t, v)
	case *[]byte:
		*p = []byte(types.Format(t, v))
	case *bool:
		b, ok := v.(bool)
		if !ok {
			return fmt.Errorf("cannot scan %s into bool", t)
		}
		*p = b
	case *int64:
		n, err := datumInt(t, v)
		if err != nil {
			return err
		}
		*p = n
	case *int:
		n, err := datumInt(t, v)
		if err != nil {
			return err
		}
		*p = int(n)
	case *int32:
		n, err := datumInt(t, v)
		if err != nil {
			return err
		}
		if n < math.MinInt32 || n > math.MaxInt32 {
			return fmt.Errorf("value %d out of range for int32", n)
		}
		*p = int32(n)
	case *float64:
		f, err := datumFloat(t, v)
		if err != nil {
			return err
		}
		*p = f
	case *float32:
		f, err := datumFloat(t, v)
		if err != nil {
			return err
		}
		*p = float32(f)
	case *time.Time:
		tv, ok := GoValue(t, v, loc).(time.Time)
		if !ok {
			return fmt.Errorf("cannot scan %s into time.Time", t)
		}
		*p = tv
	case *types.Decimal128:
		switch x := v.(type) {
		case types.Decimal128:
			*p = x
		case int64:
			*p = types.Decimal128{Hi: x >> 63, Lo: uint64(x)}
		default:
			return fmt.Errorf("cannot scan %s into Decimal128", t)
		}
	default:
		return fmt.Errorf("unsupported Scan destination %T", dst)
	}
	return nil
}

func datumInt(t types.T, v types.Datum) (int64, error) {
	switch x := v.(type) {
	case int64:
		if t.ID == types.Decimal && t.Scale > 0 {
			p := int64(math.Pow10(t.Scale))
			if x%p != 0 {
				return 0, fmt.Errorf("decimal %s is not an integer", types.Format(t, v))
			}
			return x / p, nil
		}
		return x, nil
	case float64:
		if x != math.Trunc(x) || math.IsInf(x, 0) || math.IsNaN(x) {
			return 0, fmt.Errorf("float %v is not an integer", x)
		}
		return int64(x), nil
	case bool:
		if x {
			return 1, nil
		}
		return 0, nil
	case string:
		return strconv.ParseInt(x, 10, 64)
	}
	s := types.Format(t, v)
	return strconv.ParseInt(s, 10, 64)
}

func datumFloat(t types.T, v types.Datum) (float64, error) {
	switch x := v.(type) {
	case float64:
		return x, nil
	case int64:
		if t.ID == types.Decimal && t.Scale > 0 {
			return float64(x) / math.Pow10(t.Scale), nil
		}
		return float64(x), nil
	case string:
		return strconv.ParseFloat(x, 64)
	}
	f, _, err := big.ParseFloat(types.Format(t, v), 10, 64, big.ToNearestEven)
	if err != nil {
		return 0, err
	}
	r, _ := f.Float64()
	return r, nil
}

// typedValue is a datum with its type, as EXECUTE passes its arguments.
type typedValue struct {
	t types.T
	d types.Datum
}

// toDatum converts a Go argument to a datum of parameter type t.
func toDatum(t types.T, a any, loc *time.Location) (types.Datum, error) {
	if a == nil {
		return nil, nil
	}
	if tv, ok := a.(typedValue); ok {
		if tv.d == nil {
			return nil, nil
		}
		if tv.t == t || tv.t.Physical() == t.Physical() && tv.t.ID == t.ID {
			return tv.d, nil
		}
		return types.Parse(t, types.Format(tv.t, tv.d))
	}
	if t.ID == types.Unknown {
		t = types.TextType
	}
	switch x := a.(type) {
	case *string:
		if x == nil {
			return nil, nil
		}
		a = *x
	case *int64:
		if x == nil {
			return nil, nil
		}
		a = *x
	case *float64:
		if x == nil {
			return nil, nil
		}
		a = *x
	case *bool:
		if x == nil {
			return nil, nil
		}
		a = *x
	case *time.Time:
		if x == nil {
			return nil, nil
		}
		a = *x
	}
	switch x := a.(type) {
	case string:
		return types.Parse(t, x)
	case []byte:
		if x == nil {
			return nil, nil
		}
		return types.Parse(t, string(x))
	case bool:
		if t.ID == types.Bool {
			return x, nil
		}
		return types.Parse(t, strconv.FormatBool(x))
	case int:
		return intDatum(t, int64(x))
	case int8:
		return intDatum(t, int64(x))
	case int16:
		return intDatum(t, int64(x))
	case int32:
		return intDatum(t, int64(x))
	case int64:
		return intDatum(t, x)
	case uint:
		return intDatum(t, int64(x))
	case uint8:
		return intDatum(t, int64(x))
	case uint16:
		return intDatum(t, int64(x))
	case uint32:
		return intDatum(t, int64(x))
	case uint64:
		if x > math.MaxInt64 {
			return types.Parse(t, strconv.FormatUint(x, 10))
		}
		return intDatum(t, int64(x))
	case float32:
		return floatDatum(t, float64(x))
	case float64:
		return floatDatum(t, x)
	case time.Time:
		switch t.ID {
		case types.Date:
			y, m, d := x.Date()
			return time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400, nil
		case types.Timestamp:
			// Wall-clock time as written.
			y, mo, d := x.Date()
			h, mi, s := x.Clock()
			return time.Date(y, mo, d, h, mi, s, x.Nanosecond(), time.UTC).UnixMicro(), nil
		case types.TimestampTZ:
			return x.UnixMicro(), nil
		case types.Time:
			h, mi, s := x.Clock()
			return int64(h)*3600e6 + int64(mi)*60e6 + int64(s)*1e6 + int64(x.Nanosecond()/1000), nil
		}
		return types.Parse(t, x.Format("2006-01-02 15:04:05.999999-07:00"))
	case types.Decimal128, types.IntervalValue:
		return x, nil
	}
	return nil, sqlerr.Newf(sqlerr.DatatypeMismatch, "cannot use Go value of type %T as parameter of type %s", a, t)
}

func intDatum(t types.T, n int64) (types.Datum, error) {
	switch t.ID {
	case types.Int64:
		return n, nil
	case types.Int32:
		if n < math.MinInt32 || n > math.MaxInt32 {
			return nil, sqlerr.Newf(sqlerr.NumericValueOutOfRange, "integer out of range")
		}
		return n, nil
	case types.Int16:
		if n < math.MinInt16 || n > math.MaxInt16 {
			return nil, sqlerr.Newf(sqlerr.NumericValueOutOfRange, "smallint out of range")
		}
		return n, nil
	case types.Float32, types.Float64:
		return float64(n), nil
	}
	return types.Parse(t, strconv.FormatInt(n, 10))
}

func floatDatum(t types.T, f float64) (types.Datum, error) {
	switch t.ID {
	case types.Float64:
		return f, nil
	case types.Float32:
		return float64(float32(f)), nil
	}
	return types.Parse(t, strconv.FormatFloat(f, 'g', -1, 64))
}
