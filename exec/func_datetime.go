package exec

import (
	"math"
	"strings"
	"time"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

var (
	dateT = types.DateType
	tsT   = types.TSType
	tstzT = types.TSTZType
	timeT = types.TimeType
	ivT   = types.IntervalT
)

func init() {
	ext := frsig(func(args []types.T) (FuncSig, bool) {
		if len(args) != 2 || !(args[0].IsString() || args[0].ID == types.Unknown) {
			return FuncSig{}, false
		}
		t := args[1]
		switch t.ID {
		case types.Date, types.Timestamp, types.TimestampTZ, types.Time, types.Interval:
		case types.Unknown:
			t = tsT
		default:
			return FuncSig{}, false
		}
		return FuncSig{Params: []types.T{textT, t}, Ret: f64T}, true
	}, buildExtract)
	registerFunc("extract,date_part,datepart,pgdate_part", ext)
	registerFunc("date_trunc", fsig(tsT, rowFn(dateTruncRow), textT, tsT), fsig(tstzT, rowFn(dateTruncRow), textT, tstzT),
		fsig(ivT, rowFn(dateTruncRow), textT, ivT))
	registerFunc("dateadd,date_add", fsig(tsT, rowFn(dateAddRow), textT, i64T, tsT), fsig(tstzT, rowFn(dateAddRow), textT, i64T, tstzT),
		fsig(tsT, rowFn(dateAddRow), textT, i64T, dateT))
	registerFunc("datediff,date_diff", fsig(i64T, rowFn(dateDiffRow), textT, tsT, tsT), fsig(i64T, rowFn(dateDiffRow), textT, tstzT, tstzT),
		fsig(i64T, rowFn(dateDiffRow), textT, timeT, timeT))
	registerFunc("add_months", fsig(tsT, rowFn(addMonthsRow), tsT, i64T), fsig(tsT, rowFn(addMonthsRow), dateT, i64T))
	registerFunc("months_between", fsig(f64T, rowFn(monthsBetweenRow), dateT, dateT))
	registerFunc("last_day", fsig(dateT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		y, m, _ := types.CivilFromDays(dayOf(a[0], i))
		out.Ints[i] = types.DaysFromCivil(y, m, types.DaysInMonth(y, m))
		return nil
	}), dateT), fsig(dateT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		y, m, _ := types.CivilFromDays(dayOf(a[0], i))
		out.Ints[i] = types.DaysFromCivil(y, m, types.DaysInMonth(y, m))
		return nil
	}), tsT))
	registerFunc("trunc", fsig(dateT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		out.Ints[i] = dayOf(a[0], i)
		return nil
	}), tsT))
	registerFunc("make_date", fsig(dateT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		y, m, d := int(a[0].Ints[i]), int(a[1].Ints[i]), int(a[2].Ints[i])
		if y < 0 {
			y++ // -44 is 44 BC
		}
		if y == 0 || m < 1 || m > 12 || d < 1 || d > types.DaysInMonth(y, m) {
			return sqlerr.Newf(sqlerr.DatetimeFieldOverflow, "date field value out of range: %d-%02d-%02d", a[0].Ints[i], m, d)
		}
		out.Ints[i] = types.DaysFromCivil(y, m, d)
		return nil
	}), i32T, i32T, i32T))
	registerFunc("age", fsig(ivT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		out.Ivs[i] = ageOf(a[0].Ints[i], a[1].Ints[i])
		return nil
	}), tsT, tsT), fsig(ivT, rowFn(func(ec *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		now := time.Now()
		if ec != nil && !ec.Now.IsZero() {
			now = ec.Now
		}
		today := types.FloorDiv(types.UTCToLocal(now.UnixMicro(), ec.Loc()), types.MicrosPerDay) * types.MicrosPerDay
		out.Ivs[i] = ageOf(today, a[0].Ints[i])
		return nil
	}), tsT))
	registerFunc("convert_timezone", fsig(tsT, rowFn(convertTZRow), textT, tsT), fsig(tsT, rowFn(convertTZRow), textT, textT, tsT))
	registerFunc("timezone", fsig(tsT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		loc, err := tzByName(a[0].Strs[i])
		if err != nil {
			return err
		}
		out.Ints[i] = types.UTCToLocal(a[1].Ints[i], loc)
		return nil
	}), textT, tstzT), fsig(tstzT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		loc, err := tzByName(a[0].Strs[i])
		if err != nil {
			return err
		}
		out.Ints[i] = types.LocalToUTC(a[1].Ints[i], loc)
		return nil
	}), textT, tsT))
	// Current date and time: statement start (ec.Now) or transaction start (ec.TxStart).
	nowFn := func(t types.T, tx bool) *overload {
		return fsig(t, lenientFn(func(ec *EvalContext, _ []*vector.Vector, out *vector.Vector, n int) error {
			if ec == nil {
				ec = &EvalContext{}
			}
			at := ec.Now
			if at.IsZero() {
				at = time.Now()
			}
			if tx && !ec.TxStart.IsZero() {
				at = ec.TxStart
			}
			us := at.UnixMicro()
			local := types.UTCToLocal(us, ec.Loc())
			var v int64
			switch t.ID {
			case types.TimestampTZ:
				v = us
			case types.Timestamp:
				v = local
				if !tx { // getdate() has second precision in Redshift
					v -= v % types.MicrosPerSecond
				}
			case types.Date:
				v = types.FloorDiv(local, types.MicrosPerDay)
			case types.Time:
				_, v = types.SplitTimestamp(local)
			}
			fillAll(out.Ints[:n], v)
			return nil
		}))
	}
	registerFunc("now,transaction_timestamp", nowFn(tstzT, true))
	registerFunc("current_timestamp,statement_timestamp,clock_timestamp", nowFn(tstzT, false))
	registerFunc("getdate", nowFn(tsT, false))
	registerFunc("sysdate,localtimestamp", nowFn(tsT, true))
	registerFunc("current_date", nowFn(dateT, false))
	registerFunc("current_time,localtime", nowFn(timeT, false))
	// date(x): function-style cast.
	toDate := func(args []Expr, ret types.T) (Expr, error) { return NewCast(args[0], dateT, "") }
	registerFunc("date", fsig(dateT, toDate, dateT), fsig(dateT, toDate, tsT), fsig(dateT, toDate, tstzT), fsig(dateT, toDate, textT))
	registerFunc("to_timestamp", fsig(tstzT, rowFn(func(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
		f := a[0].Floats[i]
		if math.IsNaN(f) || math.IsInf(f, 0) || math.Abs(f) > 9e12 {
			return sqlerr.Newf(sqlerr.DatetimeFieldOverflow, "timestamp out of range")
		}
		out.Ints[i] = int64(math.Round(f * 1e6))
		return nil
	}), f64T))
}

// dayOf returns the date (days) of row i of a DATE or TIMESTAMP vector.
func dayOf(v *vector.Vector, i int) int64 {
	if v.Type.ID == types.Date {
		return v.Ints[i]
	}
	return types.FloorDiv(v.Ints[i], types.MicrosPerDay)
}

// localMicros returns row i as wall-clock microseconds (session zone for TIMESTAMPTZ).
func localMicros(ec *EvalContext, v *vector.Vector, i int) int64 {
	switch v.Type.ID {
	case types.Date:
		return v.Ints[i] * types.MicrosPerDay
	case types.TimestampTZ:
		return types.UTCToLocal(v.Ints[i], ec.Loc())
	}
	return v.Ints[i]
}

// truncTS truncates a wall-clock timestamp to a field.
func truncTS(field string, ts int64) (int64, error) {
	days, tod := types.SplitTimestamp(ts)
	y, m, _ := types.CivilFromDays(days)
	switch field {
	case "microsecond":
		return ts, nil
	case "millisecond":
		return types.FloorDiv(ts, 1000) * 1000, nil
	case "second":
		return days*types.MicrosPerDay + tod/types.MicrosPerSecond*types.MicrosPerSecond, nil
	case "minute":
		return days*types.MicrosPerDay + tod/types.MicrosPerMinute*types.MicrosPerMinute, nil
	case "hour":
		return days*types.MicrosPerDay + tod/types.MicrosPerHour*types.MicrosPerHour, nil
	case "day":
		return days * types.MicrosPerDay, nil
	case "week":
		wd := types.Weekday(days)
		if wd == 0 {
			wd = 7
		}
		return (days - int64(wd-1)) * types.MicrosPerDay, nil
	case "month":
		return types.DaysFromCivil(y, m, 1) * types.MicrosPerDay, nil
	case "quarter":
		return types.DaysFromCivil(y, (m-1)/3*3+1, 1) * types.MicrosPerDay, nil
	case "year":
		return types.DaysFromCivil(y, 1, 1) * types.MicrosPerDay, nil
	case "decade":
		return types.DaysFromCivil(int(types.FloorDiv(int64(y), 10)*10), 1, 1) * types.MicrosPerDay, nil
	case "century":
		c := types.FloorDiv(int64(y-1), 100)*100 + 1
		return types.DaysFromCivil(int(c), 1, 1) * types.MicrosPerDay, nil
	case "millennium":
		c := types.FloorDiv(int64(y-1), 1000)*1000 + 1
		return types.DaysFromCivil(int(c), 1, 1) * types.MicrosPerDay, nil
	}
	return 0, sqlerr.Newf(sqlerr.InvalidParameterValue, "unit \"%s\" not supported", field)
}

func dateTruncRow(ec *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
	field, err := datePart(a[0].Strs[i])
	if err != nil {
		return err
	}
	v := a[1]
	switch v.Type.ID {
	case types.Interval:
		iv := v.Ivs[i]
		switch field {
		case "year":
			out.Ivs[i] = types.IntervalValue{Months: iv.Months / 12 * 12}
		case "month", "quarter":
			out.Ivs[i] = types.IntervalValue{Months: iv.Months}
		case "day":
			out.Ivs[i] = types.IntervalValue{Months: iv.Months, Days: iv.Days}
		default:
			r, err := truncTS(field, iv.Micros)
			if err != nil {
				return err
			}
			out.Ivs[i] = types.IntervalValue{Months: iv.Months, Days: iv.Days, Micros: r}
		}
		return nil
	case types.TimestampTZ:
		r, err := truncTS(field, types.UTCToLocal(v.Ints[i], ec.Loc()))
		if err != nil {
			return err
		}
		out.Ints[i] = types.LocalToUTC(r, ec.Loc())
		return nil
	}
	r, err := truncTS(field, v.Ints[i])
	out.Ints[i] = r
	return err
}

func dateAddRow(ec *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
	field, err := datePart(a[0].Strs[i])
	if err != nil {
		return err
	}
	n := a[1].Ints[i]
	v := a[2]
	ts := v.Ints[i]
	if v.Type.ID == types.Date {
		ts *= types.MicrosPerDay
	}
	var iv types.IntervalValue
	switch field {
	case "millennium":
		iv.Months = int32(n * 12000)
	case "century":
		iv.Months = int32(n * 1200)
	case "decade":
		iv.Months = int32(n * 120)
	case "year":
		iv.Months = int32(n * 12)
	case "quarter":
		iv.Months = int32(n * 3)
	case "month":
		iv.Months = int32(n)
	case "week":
		iv.Days = int32(n * 7)
	case "day", "doy", "dow":
		iv.Days = int32(n)
	case "hour":
		iv.Micros = n * types.MicrosPerHour
	case "minute":
		iv.Micros = n * types.MicrosPerMinute
	case "second":
		iv.Micros = n * types.MicrosPerSecond
	case "millisecond":
		iv.Micros = n * 1000
	case "microsecond":
		iv.Micros = n
	default:
		return sqlerr.Newf(sqlerr.InvalidParameterValue, "dateadd: unit \"%s\" not supported", field)
	}
	out.Ints[i] = addInterval(ec, ts, iv, v.Type.ID == types.TimestampTZ)
	return nil
}

// dateDiffRow counts the field boundaries crossed from a to b (Redshift DATEDIFF).
func dateDiffRow(ec *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
	field, err := datePart(a[0].Strs[i])
	if err != nil {
		return err
	}
	x, y := localMicros(ec, a[1], i), localMicros(ec, a[2], i)
	dx, _ := types.SplitTimestamp(x)
	dy, _ := types.SplitTimestamp(y)
	yx, mx, _ := types.CivilFromDays(dx)
	yy, my, _ := types.CivilFromDays(dy)
	var r int64
	switch field {
	case "millennium", "century", "decade", "year":
		div := map[string]int64{"millennium": 1000, "century": 100, "decade": 10, "year": 1}[field]
		r = types.FloorDiv(int64(yy), div) - types.FloorDiv(int64(yx), div)
	case "quarter":
		r = int64(yy*4+(my-1)/3) - int64(yx*4+(mx-1)/3)
	case "month":
		r = int64(yy*12+my) - int64(yx*12+mx)
	case "week":
		tx, _ := truncTS("week", x)
		ty, _ := truncTS("week", y)
		r = (ty - tx) / (7 * types.MicrosPerDay)
	case "day", "doy", "dow":
		r = dy - dx
	case "hour":
		r = types.FloorDiv(y, types.MicrosPerHour) - types.FloorDiv(x, types.MicrosPerHour)
	case "minute":
		r = types.FloorDiv(y, types.MicrosPerMinute) - types.FloorDiv(x, types.MicrosPerMinute)
	case "second":
		r = types.FloorDiv(y, types.MicrosPerSecond) - types.FloorDiv(x, types.MicrosPerSecond)
	case "millisecond":
		r = types.FloorDiv(y, 1000) - types.FloorDiv(x, 1000)
	case "microsecond":
		r = y - x
	default:
		return sqlerr.Newf(sqlerr.InvalidParameterValue, "datediff: unit \"%s\" not supported", field)
	}
	out.Ints[i] = r
	return nil
}

// addMonthsRow is Redshift ADD_MONTHS: the last day of a month maps to the
// last day of the result month.
func addMonthsRow(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
	ts := a[0].Ints[i]
	if a[0].Type.ID == types.Date {
		ts *= types.MicrosPerDay
	}
	days, tod := types.SplitTimestamp(ts)
	y, m, d := types.CivilFromDays(days)
	nd := types.AddMonthsToDays(days, int(a[1].Ints[i]))
	if d == types.DaysInMonth(y, m) {
		ny, nm, _ := types.CivilFromDays(nd)
		nd = types.DaysFromCivil(ny, nm, types.DaysInMonth(ny, nm))
	}
	out.Ints[i] = nd*types.MicrosPerDay + tod
	return nil
}

func monthsBetweenRow(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
	d1, d2 := a[0].Ints[i], a[1].Ints[i]
	y1, m1, dd1 := types.CivilFromDays(d1)
	y2, m2, dd2 := types.CivilFromDays(d2)
	months := float64((y1-y2)*12 + (m1 - m2))
	last1 := dd1 == types.DaysInMonth(y1, m1)
	last2 := dd2 == types.DaysInMonth(y2, m2)
	if dd1 == dd2 || (last1 && last2) {
		out.Floats[i] = months
		return nil
	}
	out.Floats[i] = months + float64(dd1-dd2)/31
	return nil
}

// age is PostgreSQL's symbolic difference in years, months and days.
func ageOf(a, b int64) types.IntervalValue {
	neg := a < b
	if neg {
		a, b = b, a
	}
	da, ta := types.SplitTimestamp(a)
	db, tb := types.SplitTimestamp(b)
	ya, ma, dda := types.CivilFromDays(da)
	yb, mb, ddb := types.CivilFromDays(db)
	us := ta - tb
	days := dda - ddb
	months := (ya-yb)*12 + (ma - mb)
	if us < 0 {
		us += types.MicrosPerDay
		days--
	}
	if days < 0 {
		days += types.DaysInMonth(yb, mb)
		months--
	}
	iv := types.IntervalValue{Months: int32(months), Days: int32(days), Micros: us}
	if neg {
		iv = types.IntervalValue{Months: -iv.Months, Days: -iv.Days, Micros: -iv.Micros}
	}
	return iv
}

// zone resolves a time zone name or a fixed offset like '+05:30'.
func tzByName(name string) (*time.Location, error) {
	n := strings.TrimSpace(name)
	if n != "" && (n[0] == '+' || n[0] == '-') {
		if off, ok := parseOffset(n); ok {
			return time.FixedZone(n, off), nil
		}
	}
	switch strings.ToUpper(n) {
	case "UTC", "GMT", "Z", "ZULU":
		return time.UTC, nil
	}
	loc, err := time.LoadLocation(n)
	if err != nil {
		for _, cand := range []string{strings.ToUpper(n)} {
			if loc, err = time.LoadLocation(cand); err == nil {
				return loc, nil
			}
		}
		return nil, sqlerr.Newf(sqlerr.InvalidParameterValue, "time zone \"%s\" not recognized", name)
	}
	return loc, nil
}

func parseOffset(s string) (int, bool) {
	sign := 1
	if s[0] == '-' {
		sign = -1
	}
	parts := strings.SplitN(s[1:], ":", 2)
	h, ok := atoiSmall(parts[0])
	if !ok {
		return 0, false
	}
	m := 0
	if len(parts) == 2 {
		if m, ok = atoiSmall(parts[1]); !ok {
			return 0, false
		}
	}
	return sign * (h*3600 + m*60), true
}

func atoiSmall(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// convertTZRow is Redshift CONVERT_TIMEZONE([source,] target, ts): the wall
// clock ts in source (UTC when omitted) shown in target.
func convertTZRow(_ *EvalContext, a []*vector.Vector, out *vector.Vector, i int) error {
	src := time.UTC
	tgtName := a[0].Strs[i]
	ts := a[len(a)-1].Ints[i]
	if len(a) == 3 {
		var err error
		if src, err = tzByName(a[0].Strs[i]); err != nil {
			return err
		}
		tgtName = a[1].Strs[i]
	}
	tgt, err := tzByName(tgtName)
	if err != nil {
		return err
	}
	out.Ints[i] = types.UTCToLocal(types.LocalToUTC(ts, src), tgt)
	return nil
}
