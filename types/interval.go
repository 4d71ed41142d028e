package types

import (
	"math"
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
)

// AppendInterval appends iv in PostgreSQL's default ("postgres") interval style:
// '1 year 2 mons 3 days 04:05:06', '00:00:00', '-1 days +02:00:00'.
func AppendInterval(buf []byte, iv IntervalValue) []byte {
	isZero, isBefore := true, false
	part := func(v int64, unit string) {
		if v == 0 {
			return
		}
		if !isZero {
			buf = append(buf, ' ')
		}
		if isBefore && v > 0 {
			buf = append(buf, '+')
		}
		buf = strconv.AppendInt(buf, v, 10)
		buf = append(buf, ' ')
		buf = append(buf, unit...)
		if v != 1 {
			buf = append(buf, 's')
		}
		isBefore = v < 0
		isZero = false
	}
	part(int64(iv.Months/12), "year")
	part(int64(iv.Months%12), "mon")
	part(int64(iv.Days), "day")
	if isZero || iv.Micros != 0 {
		us := iv.Micros
		minus := us < 0
		if minus {
			us = -us
		}
		if !isZero {
			buf = append(buf, ' ')
		}
		if minus {
			buf = append(buf, '-')
		} else if isBefore {
			buf = append(buf, '+')
		}
		h := us / MicrosPerHour
		us -= h * MicrosPerHour
		buf = append2(buf, h)
		buf = append(buf, ':')
		m := us / MicrosPerMinute
		us -= m * MicrosPerMinute
		buf = append2(buf, m)
		buf = append(buf, ':')
		buf = append2(buf, us/MicrosPerSecond)
		buf = appendFrac(buf, us%MicrosPerSecond)
	}
	return buf
}

func append2(buf []byte, v int64) []byte {
	if v < 10 {
		buf = append(buf, '0')
	}
	return strconv.AppendInt(buf, v, 10)
}

// appendFrac appends ".ffffff" with trailing zeros removed (nothing for 0).
func appendFrac(buf []byte, f int64) []byte {
	if f == 0 {
		return buf
	}
	var d [6]byte
	for i := 5; i >= 0; i-- {
		d[i] = byte('0' + f%10)
		f /= 10
	}
	n := 6
	for n > 0 && d[n-1] == '0' {
		n--
	}
	buf = append(buf, '.')
	return append(buf, d[:n]...)
}

// ParseInterval reads PostgreSQL interval text: '1 day 2 hours', '3 mons',
// '-1 year +2 days 03:04:05.5', '1-2' (year-month), 'P1Y2M3DT4H5M6S', '@ 1 day ago'.
// fields is the qualifier of INTERVAL 'x' <fields> ("" when none): it gives the
// unit of a bare number and drops fields below its least significant one.
func ParseInterval(s, fields string) (IntervalValue, error) {
	orig := s
	bad := func() (IntervalValue, error) {
		return IntervalValue{}, sqlerr.Newf(sqlerr.InvalidDatetimeFormat, "invalid input syntax for type interval: \"%s\"", orig)
	}
	s = strings.ToLower(TrimSpace(s))
	fields = strings.ToLower(strings.TrimSpace(fields))
	if s == "" {
		return bad()
	}
	if s[0] == 'p' {
		iv, ok := parseISOInterval(s[1:])
		if !ok {
			return bad()
		}
		return iv, nil
	}
	s = strings.TrimPrefix(s, "@")
	toks := strings.Fields(s)
	ago := false
	if len(toks) > 0 && toks[len(toks)-1] == "ago" {
		ago = true
		toks = toks[:len(toks)-1]
	}
	if len(toks) == 0 {
		return bad()
	}
	var months, days float64
	var micros float64
	lowUnit := ""
	add := func(n float64, unit string) bool {
		switch unit {
		case "microsecond", "microseconds", "us", "usec", "usecs", "microsecon":
			micros += n
		case "millisecond", "milliseconds", "ms", "msec", "msecs":
			micros += n * 1000
		case "second", "seconds", "sec", "secs", "s":
			micros += n * 1e6
		case "minute", "minutes", "min", "mins", "m":
			micros += n * 6e7
		case "hour", "hours", "hr", "hrs", "h":
			micros += n * 3.6e9
		case "day", "days", "d":
			days += n
		case "week", "weeks", "w":
			days += n * 7
		case "month", "months", "mon", "mons":
			months += n
		case "year", "years", "yr", "yrs", "y":
			months += n * 12
		case "decade", "decades":
			months += n * 120
		case "century", "centuries":
			months += n * 1200
		case "millennium", "millennia", "millenniums":
			months += n * 12000
		default:
			return false
		}
		return true
	}
	for i := 0; i < len(toks); i++ {
		tok := toks[i]
		if strings.Contains(tok, ":") {
			us, ok := parseClock(tok)
			if !ok {
				return bad()
			}
			micros += float64(us)
			lowUnit = "second"
			continue
		}
		// year-month form '1-2'
		if k := strings.IndexByte(tok[1:], '-'); k >= 0 && len(toks) <= 2 {
			k++
			y, err1 := strconv.Atoi(tok[:k])
			m, err2 := strconv.Atoi(tok[k+1:])
			if err1 == nil && err2 == nil {
				if y < 0 {
					m = -m
				}
				months += float64(y*12 + m)
				continue
			}
		}
		// number possibly glued to its unit: '3days'
		j := 0
		for j < len(tok) && (tok[j] == '-' || tok[j] == '+' || tok[j] == '.' || (tok[j] >= '0' && tok[j] <= '9')) {
			j++
		}
		if j == 0 {
			return bad()
		}
		n, err := strconv.ParseFloat(tok[:j], 64)
		if err != nil {
			return bad()
		}
		unit := tok[j:]
		if unit == "" && i+1 < len(toks) && !strings.ContainsAny(toks[i+1][:1], "0123456789+-.") {
			i++
			unit = toks[i]
		}
		if unit == "" && i+1 < len(toks) && strings.Contains(toks[i+1], ":") {
			unit = "day" // '1 02:03:04'
		}
		if unit == "" {
			unit = lastField(fields)
			if unit == "" {
				unit = "second"
			}
		}
		if !add(n, unit) {
			return bad()
		}
	}
	// Spread fractional months and days downwards as PostgreSQL does.
	wm := math.Trunc(months)
	days += (months - wm) * 30
	wd := math.Trunc(days)
	micros += (days - wd) * float64(MicrosPerDay)
	if math.Abs(wm) > math.MaxInt32 || math.Abs(wd) > math.MaxInt32 || math.Abs(micros) > 9.2e18 {
		return IntervalValue{}, sqlerr.Newf(sqlerr.IntervalFieldOverflow, "interval out of range")
	}
	iv := IntervalValue{Months: int32(wm), Days: int32(wd), Micros: int64(math.Round(micros))}
	iv = truncateFields(iv, fields)
	if ago {
		iv = IntervalValue{Months: -iv.Months, Days: -iv.Days, Micros: -iv.Micros}
	}
	_ = lowUnit
	return iv, nil
}

func lastField(fields string) string {
	if fields == "" {
		return ""
	}
	f := strings.Fields(fields)
	last := f[len(f)-1]
	if k := strings.IndexByte(last, '('); k >= 0 {
		last = last[:k]
	}
	return last
}

// truncateFields drops fields below the qualifier's least significant one.
func truncateFields(iv IntervalValue, fields string) IntervalValue {
	switch lastField(fields) {
	case "year":
		iv.Months = iv.Months / 12 * 12
		iv.Days, iv.Micros = 0, 0
	case "month":
		iv.Days, iv.Micros = 0, 0
	case "day":
		iv.Micros = 0
	case "hour":
		iv.Micros = iv.Micros / MicrosPerHour * MicrosPerHour
	case "minute":
		iv.Micros = iv.Micros / MicrosPerMinute * MicrosPerMinute
	}
	return iv
}

// parseClock reads [-]H:MM[:SS[.f]] as microseconds.
func parseClock(s string) (int64, bool) {
	neg := false
	if s != "" && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	parts := strings.Split(s, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	h, err := strconv.ParseInt(parts[0], 10, 64)
	if err != nil || h < 0 {
		return 0, false
	}
	m, err := strconv.ParseInt(parts[1], 10, 64)
	if err != nil || m < 0 || m > 59 {
		return 0, false
	}
	var us int64
	if len(parts) == 3 {
		f, err := strconv.ParseFloat(parts[2], 64)
		if err != nil || f < 0 || f >= 61 {
			return 0, false
		}
		us = int64(math.Round(f * 1e6))
	}
	v := h*MicrosPerHour + m*MicrosPerMinute + us
	if neg {
		v = -v
	}
	return v, true
}

func parseISOInterval(s string) (IntervalValue, bool) {
	var iv IntervalValue
	inTime := false
	var micros float64
	for s != "" {
		if s[0] == 't' {
			inTime = true
			s = s[1:]
			continue
		}
		j := 0
		for j < len(s) && (s[j] == '-' || s[j] == '.' || (s[j] >= '0' && s[j] <= '9')) {
			j++
		}
		if j == 0 || j >= len(s) {
			return iv, false
		}
		n, err := strconv.ParseFloat(s[:j], 64)
		if err != nil {
			return iv, false
		}
		switch u := s[j]; {
		case u == 'y' && !inTime:
			iv.Months += int32(n * 12)
		case u == 'm' && !inTime:
			iv.Months += int32(n)
		case u == 'w' && !inTime:
			iv.Days += int32(n * 7)
		case u == 'd' && !inTime:
			iv.Days += int32(n)
		case u == 'h' && inTime:
			micros += n * 3.6e9
		case u == 'm' && inTime:
			micros += n * 6e7
		case u == 's' && inTime:
			micros += n * 1e6
		default:
			return iv, false
		}
		s = s[j+1:]
	}
	iv.Micros = int64(math.Round(micros))
	return iv, true
}

// IntervalMicros approximates an interval as microseconds (30-day months), as
// PostgreSQL does to compare and order intervals.
func IntervalMicros(iv IntervalValue) float64 {
	return float64(iv.Months)*30*float64(MicrosPerDay) + float64(iv.Days)*float64(MicrosPerDay) + float64(iv.Micros)
}

// CompareInterval orders intervals as PostgreSQL does (30-day months, 24-hour days).
func CompareInterval(a, b IntervalValue) int {
	// Use 128-bit exact arithmetic through two int64 parts: months*30+days, micros.
	ad := int64(a.Months)*30 + int64(a.Days)
	bd := int64(b.Months)*30 + int64(b.Days)
	x := MulInt64(ad, MicrosPerDay)
	y := MulInt64(bd, MicrosPerDay)
	x, _ = x.Add(D128(a.Micros))
	y, _ = y.Add(D128(b.Micros))
	return x.Cmp(y)
}
