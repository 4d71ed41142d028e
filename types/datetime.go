package types

import "time"

// Time unit constants for the int64 physical forms of DATE, TIME and TIMESTAMP.
const (
	MicrosPerMilli  int64 = 1000
	MicrosPerSecond int64 = 1000000
	MicrosPerMinute       = 60 * MicrosPerSecond
	MicrosPerHour         = 60 * MicrosPerMinute
	MicrosPerDay          = 24 * MicrosPerHour
)

// DaysFromCivil returns the days since 1970-01-01 of the proleptic Gregorian
// date y-m-d (astronomical year numbering: 0 is 1 BC). Allocation-free.
func DaysFromCivil(y, m, d int) int64 {
	yy := int64(y)
	if m <= 2 {
		yy--
	}
	era := yy
	if era < 0 {
		era -= 399
	}
	era /= 400
	yoe := yy - era*400
	mp := int64(m+9) % 12
	doy := (153*mp+2)/5 + int64(d) - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// CivilFromDays is the inverse of DaysFromCivil.
func CivilFromDays(z int64) (y, m, d int) {
	z += 719468
	era := z
	if era < 0 {
		era -= 146096
	}
	era /= 146097
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	yy := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	if mp < 10 {
		m = int(mp + 3)
	} else {
		m = int(mp - 9)
	}
	if m <= 2 {
		yy++
	}
	return int(yy), m, d
}

// IsLeap reports whether year y (astronomical numbering) is a leap year.
func IsLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// DaysInMonth returns the number of days of month m of year y.
func DaysInMonth(y, m int) int {
	switch m {
	case 2:
		if IsLeap(y) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// FloorDiv divides rounding toward negative infinity.
func FloorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// SplitTimestamp splits microseconds since the epoch into days since the epoch
// and microseconds since midnight (always 0 <= tod < MicrosPerDay).
func SplitTimestamp(ts int64) (days, tod int64) {
	days = FloorDiv(ts, MicrosPerDay)
	return days, ts - days*MicrosPerDay
}

// SplitTime splits microseconds since midnight into its clock fields.
func SplitTime(us int64) (h, m, s int, frac int64) {
	h = int(us / MicrosPerHour)
	us -= int64(h) * MicrosPerHour
	m = int(us / MicrosPerMinute)
	us -= int64(m) * MicrosPerMinute
	s = int(us / MicrosPerSecond)
	return h, m, s, us - int64(s)*MicrosPerSecond
}

// Weekday returns the day of week of a date (0 = Sunday).
func Weekday(days int64) int {
	w := (days + 4) % 7 // 1970-01-01 was a Thursday
	if w < 0 {
		w += 7
	}
	return int(w)
}

// DayOfYear returns the 1-based day of the year of a date.
func DayOfYear(days int64) int {
	y, _, _ := CivilFromDays(days)
	return int(days-DaysFromCivil(y, 1, 1)) + 1
}

// ISOWeek returns the ISO 8601 year and week number of a date.
func ISOWeek(days int64) (year, week int) {
	// The Thursday of the date's week decides the ISO year.
	wd := Weekday(days)
	if wd == 0 {
		wd = 7
	}
	thu := days - int64(wd) + 4
	y, _, _ := CivilFromDays(thu)
	return y, int(thu-DaysFromCivil(y, 1, 1))/7 + 1
}

// TimestampToTime converts microseconds since the epoch to a time.Time in loc.
func TimestampToTime(ts int64, loc *time.Location) time.Time {
	if loc == nil {
		loc = time.UTC
	}
	return time.UnixMicro(ts).In(loc)
}

// TimeToTimestamp converts a time.Time to microseconds since the epoch (UTC).
func TimeToTimestamp(t time.Time) int64 { return t.UnixMicro() }

// LocalToUTC converts a wall-clock timestamp in loc to UTC microseconds.
func LocalToUTC(ts int64, loc *time.Location) int64 {
	if loc == nil || loc == time.UTC {
		return ts
	}
	days, tod := SplitTimestamp(ts)
	y, m, d := CivilFromDays(days)
	h, mi, s, f := SplitTime(tod)
	t := time.Date(y, time.Month(m), d, h, mi, s, int(f)*1000, loc)
	return t.UnixMicro()
}

// UTCToLocal converts UTC microseconds to the wall-clock timestamp in loc.
func UTCToLocal(ts int64, loc *time.Location) int64 {
	if loc == nil || loc == time.UTC {
		return ts
	}
	_, off := time.UnixMicro(ts).In(loc).Zone()
	return ts + int64(off)*MicrosPerSecond
}

// AddMonthsToDays adds n months to a date, clamping the day to the month's end
// (PostgreSQL's rule for date + interval 'n months').
func AddMonthsToDays(days int64, n int) int64 {
	y, m, d := CivilFromDays(days)
	mm := y*12 + (m - 1) + n
	ny := mm / 12
	nm := mm%12 + 1
	if mm < 0 && mm%12 != 0 {
		ny--
		nm = mm%12 + 13
	}
	if dim := DaysInMonth(ny, nm); d > dim {
		d = dim
	}
	return DaysFromCivil(ny, nm, d)
}

// AddInterval adds an interval to a timestamp (microseconds): months first
// (clamping the day), then days, then microseconds, as PostgreSQL does.
func AddInterval(ts int64, iv IntervalValue) int64 {
	if iv.Months != 0 {
		days, tod := SplitTimestamp(ts)
		ts = AddMonthsToDays(days, int(iv.Months))*MicrosPerDay + tod
	}
	return ts + int64(iv.Days)*MicrosPerDay + iv.Micros
}
