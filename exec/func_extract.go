package exec

import (
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// extract / date_part: fields of dates, timestamps, times and intervals, as
// DOUBLE PRECISION (date_part's type; extract(year ...) prints as 1995).

// datePart normalises a field name (PostgreSQL and Redshift spellings).
func datePart(s string) (string, error) {
	p := strings.ToLower(strings.TrimSpace(s))
	switch p {
	case "millennium", "millennia", "millenniums", "mil", "mils":
		return "millennium", nil
	case "century", "centuries", "c", "cent", "cents":
		return "century", nil
	case "decade", "decades", "dec", "decs":
		return "decade", nil
	case "year", "years", "y", "yr", "yrs", "yy", "yyyy":
		return "year", nil
	case "isoyear":
		return "isoyear", nil
	case "quarter", "quarters", "qtr", "qtrs", "q":
		return "quarter", nil
	case "month", "months", "mon", "mons", "mm":
		return "month", nil
	case "week", "weeks", "w", "wk", "wks":
		return "week", nil
	case "day", "days", "d", "dd":
		return "day", nil
	case "dow", "dayofweek", "dw", "weekday":
		return "dow", nil
	case "isodow":
		return "isodow", nil
	case "doy", "dayofyear", "dy":
		return "doy", nil
	case "hour", "hours", "h", "hr", "hrs", "hh":
		return "hour", nil
	case "minute", "minutes", "m", "min", "mins", "mi":
		return "minute", nil
	case "second", "seconds", "s", "sec", "secs", "ss":
		return "second", nil
	case "millisecond", "milliseconds", "ms", "msec", "msecs", "msecond", "mseconds":
		return "millisecond", nil
	case "microsecond", "microseconds", "us", "usec", "usecs", "microsec", "useconds":
		return "microsecond", nil
	case "epoch":
		return "epoch", nil
	case "timezone", "timezone_hour", "timezone_minute":
		return p, nil
	case "julian":
		return p, nil
	}
	return "", sqlerr.Newf(sqlerr.InvalidParameterValue, "unit \"%s\" not recognized", s)
}

// buildExtract specialises extract with a constant field on DATE and
// TIMESTAMP (the common case): the field is parsed once, and calendar fields
// of dates are computed without the per-row general path.
func buildExtract(args []Expr, ret types.T) (Expr, error) {
	fv, ok := constValue(args[0])
	at := args[1].Type()
	if !ok || fv == nil || (at.ID != types.Date && at.ID != types.Timestamp) {
		return rowFn(extractRow)(args, ret)
	}
	field, err := datePart(fv.(string))
	if err != nil {
		return nil, err
	}
	isDate := at.ID == types.Date
	return &callExpr{args: args[1:], t: ret, strict: true, k: func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, n int) error {
		in, o := a[0].Ints[:n], out.Floats[:n]
		if isDate {
			switch field {
			case "year", "month", "day", "quarter":
				for i, d := range in {
					y, m, dd := types.CivilFromDays(d)
					switch field {
					case "year":
						if y <= 0 {
							y--
						}
						o[i] = float64(y)
					case "month":
						o[i] = float64(m)
					case "day":
						o[i] = float64(dd)
					default:
						o[i] = float64((m-1)/3 + 1)
					}
				}
				return nil
			case "epoch":
				for i, d := range in {
					o[i] = float64(d * 86400)
				}
				return nil
			case "hour", "minute", "second", "millisecond", "microsecond":
				return nil
			}
		}
		for i, x := range in {
			if isDate {
				x *= types.MicrosPerDay
			}
			if field == "epoch" {
				o[i] = float64(x) / 1e6
				continue
			}
			v, err := extractTS(field, x)
			if err != nil {
				return err
			}
			o[i] = v
		}
		return nil
	}}, nil
}

func extractRow(ec *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
	field, err := datePart(a[0].Strs[i])
	if err != nil {
		return err
	}
	v := a[1]
	switch v.Type.ID {
	case types.Interval:
		out.Floats[i], err = extractInterval(field, v.Ivs[i])
		return err
	case types.Time:
		h, m, s, f := types.SplitTime(v.Ints[i])
		switch field {
		case "hour":
			out.Floats[i] = float64(h)
		case "minute":
			out.Floats[i] = float64(m)
		case "second":
			out.Floats[i] = float64(s) + float64(f)/1e6
		case "millisecond":
			out.Floats[i] = float64(s)*1e3 + float64(f)/1e3
		case "microsecond":
			out.Floats[i] = float64(s)*1e6 + float64(f)
		case "epoch":
			out.Floats[i] = float64(v.Ints[i]) / 1e6
		default:
			return sqlerr.Newf(sqlerr.InvalidParameterValue, "unit \"%s\" not supported for type time without time zone", field)
		}
		return nil
	}
	if field == "epoch" {
		us := v.Ints[i]
		if v.Type.ID == types.Date {
			us *= types.MicrosPerDay
		}
		out.Floats[i] = float64(us) / 1e6
		return nil
	}
	if v.Type.ID == types.Date {
		switch field {
		case "hour", "minute", "second", "millisecond", "microsecond":
			out.Floats[i] = 0
			return nil
		}
	}
	out.Floats[i], err = extractTS(field, localMicros(ec, v, i))
	return err
}

// extractTS extracts a field from a wall-clock timestamp.
func extractTS(field string, ts int64) (float64, error) {
	days, tod := types.SplitTimestamp(ts)
	y, m, d := types.CivilFromDays(days)
	h, mi, s, f := types.SplitTime(tod)
	yy := y
	if yy <= 0 {
		yy-- // no year 0: 1 BC is -1
	}
	switch field {
	case "millennium":
		if y > 0 {
			return float64((y + 999) / 1000), nil
		}
		return -float64((999 - y + 1000) / 1000), nil
	case "century":
		if y > 0 {
			return float64((y + 99) / 100), nil
		}
		return -float64((99 - (y - 1) + 1) / 100), nil
	case "decade":
		return float64(types.FloorDiv(int64(y), 10)), nil
	case "year":
		return float64(yy), nil
	case "isoyear":
		iy, _ := types.ISOWeek(days)
		return float64(iy), nil
	case "quarter":
		return float64((m-1)/3 + 1), nil
	case "month":
		return float64(m), nil
	case "week":
		_, w := types.ISOWeek(days)
		return float64(w), nil
	case "day":
		return float64(d), nil
	case "dow":
		return float64(types.Weekday(days)), nil
	case "isodow":
		w := types.Weekday(days)
		if w == 0 {
			w = 7
		}
		return float64(w), nil
	case "doy":
		return float64(types.DayOfYear(days)), nil
	case "hour":
		return float64(h), nil
	case "minute":
		return float64(mi), nil
	case "second":
		return float64(s) + float64(f)/1e6, nil
	case "millisecond":
		return float64(s)*1e3 + float64(f)/1e3, nil
	case "microsecond":
		return float64(s)*1e6 + float64(f), nil
	case "julian":
		return float64(days+2440588) + float64(tod)/float64(types.MicrosPerDay), nil
	case "timezone", "timezone_hour", "timezone_minute":
		return 0, nil
	}
	return 0, sqlerr.Newf(sqlerr.InvalidParameterValue, "unit \"%s\" not supported", field)
}

func extractInterval(field string, iv types.IntervalValue) (float64, error) {
	us := iv.Micros
	switch field {
	case "millennium":
		return float64(iv.Months / 12000), nil
	case "century":
		return float64(iv.Months / 1200), nil
	case "decade":
		return float64(iv.Months / 120), nil
	case "year":
		return float64(iv.Months / 12), nil
	case "quarter":
		return float64(iv.Months%12/3 + 1), nil
	case "month":
		return float64(iv.Months % 12), nil
	case "day":
		return float64(iv.Days), nil
	case "hour":
		return float64(us / types.MicrosPerHour), nil
	case "minute":
		return float64(us % types.MicrosPerHour / types.MicrosPerMinute), nil
	case "second":
		return float64(us%types.MicrosPerMinute) / 1e6, nil
	case "millisecond":
		return float64(us%types.MicrosPerMinute) / 1e3, nil
	case "microsecond":
		return float64(us % types.MicrosPerMinute), nil
	case "epoch":
		return float64(iv.Months/12)*365.25*86400 + float64(iv.Months%12)*30*86400 + float64(iv.Days)*86400 + float64(us)/1e6, nil
	}
	return 0, sqlerr.Newf(sqlerr.InvalidParameterValue, "unit \"%s\" not supported for type interval", field)
}
