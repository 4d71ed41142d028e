package types

import (
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/warehoused/warehoused/sqlerr"
)

// Parse reads s in PostgreSQL's text input format for type t (what COPY FROM
// and casts from text accept); errors carry 22P02, 22007, 22008 or 22003.
// TIMESTAMPTZ text without a zone is read as UTC; see ParseIn.
func Parse(t T, s string) (Datum, error) { return ParseIn(t, s, time.UTC) }

// ParseIn is Parse with TIMESTAMPTZ text lacking a zone read in loc.
func ParseIn(t T, s string, loc *time.Location) (Datum, error) {
	switch t.ID {
	case Bool:
		b, err := ParseBool(s)
		if err != nil {
			return nil, err
		}
		return b, nil
	case Int16, Int32, Int64:
		v, err := ParseInt(t, s)
		if err != nil {
			return nil, err
		}
		return v, nil
	case Float32, Float64:
		f, err := ParseFloat(t, s)
		if err != nil {
			return nil, err
		}
		return f, nil
	case Decimal:
		return ParseDecimal(t, s)
	case Char:
		// CHAR is stored without trailing blanks.
		s = strings.TrimRight(s, " ")
		if t.Width > 0 && len(s) > t.Width {
			s = truncRunes(s, t.Width)
		}
		return s, nil
	case Varchar, Text, Unknown:
		return s, nil
	case Date:
		d, err := ParseDate(s)
		if err != nil {
			return nil, err
		}
		return d, nil
	case Time:
		v, err := ParseTime(s)
		if err != nil {
			return nil, err
		}
		return v, nil
	case Timestamp:
		v, _, _, err := ParseTimestamp(s)
		if err != nil {
			return nil, err
		}
		return v, nil
	case TimestampTZ:
		v, off, hasZone, err := ParseTimestamp(s)
		if err != nil {
			return nil, err
		}
		if hasZone {
			return v - int64(off)*MicrosPerSecond, nil
		}
		return LocalToUTC(v, loc), nil
	case Interval:
		iv, err := ParseInterval(s, "")
		if err != nil {
			return nil, err
		}
		return iv, nil
	}
	return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "cannot parse values of type %s", t)
}

func truncRunes(s string, n int) string {
	i := 0
	for k := range s {
		if i == n {
			return s[:k]
		}
		i++
	}
	return s
}

// ParseBool reads t/true/yes/on/1 and f/false/no/off/0 (any case, blanks trimmed).
func ParseBool(s string) (bool, error) {
	v := TrimSpace(s)
	if len(v) <= 5 {
		var b [5]byte
		for i := 0; i < len(v); i++ {
			c := v[i]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			b[i] = c
		}
		switch string(b[:len(v)]) {
		case "t", "true", "y", "yes", "on", "1":
			return true, nil
		case "f", "false", "n", "no", "of", "off", "0":
			return false, nil
		}
	}
	return false, badSyntax("boolean", s)
}

// ParseInt reads a SMALLINT, INTEGER or BIGINT without allocating on success.
func ParseInt(t T, s string) (int64, error) {
	v := TrimSpace(s)
	if v == "" {
		return 0, badSyntax(t.String(), s)
	}
	i := 0
	neg := false
	if v[0] == '-' || v[0] == '+' {
		neg = v[0] == '-'
		i = 1
	}
	if i == len(v) {
		return 0, badSyntax(t.String(), s)
	}
	var u uint64
	over := false
	for ; i < len(v); i++ {
		c := v[i]
		if c == '_' && i+1 < len(v) && i > 0 && v[i-1] >= '0' && v[i-1] <= '9' {
			continue
		}
		if c < '0' || c > '9' {
			return 0, badSyntax(t.String(), s)
		}
		if u > (math.MaxUint64-9)/10 {
			over = true
			continue
		}
		u = u*10 + uint64(c-'0')
	}
	lim := uint64(math.MaxInt64)
	switch t.ID {
	case Int16:
		lim = math.MaxInt16
	case Int32:
		lim = math.MaxInt32
	}
	if over || (!neg && u > lim) || (neg && u > lim+1) {
		return 0, sqlerr.Newf(sqlerr.NumericValueOutOfRange, "value \"%s\" is out of range for type %s", s, t)
	}
	if neg {
		return -int64(u), nil
	}
	return int64(u), nil
}

// ParseFloat reads a REAL or DOUBLE PRECISION ('1e5', 'NaN', 'Infinity').
func ParseFloat(t T, s string) (float64, error) {
	v := TrimSpace(s)
	switch strings.ToLower(v) {
	case "infinity", "+infinity", "inf", "+inf":
		return math.Inf(1), nil
	case "-infinity", "-inf":
		return math.Inf(-1), nil
	case "nan":
		return math.NaN(), nil
	}
	bits := 64
	if t.ID == Float32 {
		bits = 32
	}
	f, err := strconv.ParseFloat(v, bits)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, sqlerr.Newf(sqlerr.NumericValueOutOfRange, "\"%s\" is out of range for type %s", s, t)
		}
		return 0, badSyntax(t.String(), s)
	}
	return f, nil
}

func dtErr(typ, s string) *sqlerr.Error {
	return sqlerr.Newf(sqlerr.InvalidDatetimeFormat, "invalid input syntax for type %s: \"%s\"", typ, s)
}

func dtRange(s string) *sqlerr.Error {
	return sqlerr.Newf(sqlerr.DatetimeFieldOverflow, "date/time field value out of range: \"%s\"", s)
}

func digits(s string) (int, bool) {
	if s == "" || len(s) > 9 {
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

// ParseDate reads a DATE: 'YYYY-MM-DD', 'YYYYMMDD', 'MM/DD/YYYY', optionally
// followed by a time (ignored) or ' BC'. Allocation-free on success.
func ParseDate(s string) (int64, error) {
	v := TrimSpace(s)
	// Fast path: YYYY-MM-DD.
	if len(v) == 10 && v[4] == '-' && v[7] == '-' {
		y, ok1 := digits(v[:4])
		m, ok2 := digits(v[5:7])
		d, ok3 := digits(v[8:10])
		if ok1 && ok2 && ok3 {
			if m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m) {
				return 0, dtRange(s)
			}
			return DaysFromCivil(y, m, d), nil
		}
	}
	days, _, _, _, err := parseDateTime(v, s, "date")
	return days, err
}

// ParseTimestamp reads 'YYYY-MM-DD[ T]HH:MM[:SS[.f]][zone]'. It returns the
// wall-clock value, the zone offset in seconds east of UTC, and whether a
// zone was present.
func ParseTimestamp(s string) (ts int64, off int, hasZone bool, err error) {
	days, tod, off, hasZone, err := parseDateTime(TrimSpace(s), s, "timestamp")
	if err != nil {
		return 0, 0, false, err
	}
	return days*MicrosPerDay + tod, off, hasZone, nil
}

func parseDateTime(v, orig, typ string) (days, tod int64, off int, hasZone bool, err error) {
	bc := false
	lv := len(v)
	if lv > 3 && (strings.EqualFold(v[lv-3:], " BC")) {
		bc = true
		v = TrimSpace(v[:lv-3])
	} else if lv > 3 && strings.EqualFold(v[lv-3:], " AD") {
		v = TrimSpace(v[:lv-3])
	}
	switch strings.ToLower(v) {
	case "epoch":
		return 0, 0, 0, false, nil
	}
	// Date part ends at ' ' or 'T'.
	end := len(v)
	for i := 0; i < len(v); i++ {
		if v[i] == ' ' || ((v[i] == 'T' || v[i] == 't') && i >= 8) {
			end = i
			break
		}
	}
	dp := v[:end]
	rest := ""
	if end < len(v) {
		rest = TrimSpace(v[end+1:])
	}
	var y, m, d int
	var ok bool
	switch {
	case strings.Count(dp, "-") == 2:
		p := strings.SplitN(dp, "-", 3)
		var o1, o2, o3 bool
		y, o1 = digits(p[0])
		m, o2 = digits(p[1])
		d, o3 = digits(p[2])
		ok = o1 && o2 && o3
		if !ok {
			if mm := monthByName(p[1]); mm > 0 { // 01-Jan-2020
				d, o1 = digits(p[0])
				y, o3 = digits(p[2])
				m, ok = mm, o1 && o3
			}
		}
	case strings.Count(dp, "/") == 2:
		p := strings.SplitN(dp, "/", 3)
		var o1, o2, o3 bool
		if len(p[0]) == 4 {
			y, o1 = digits(p[0])
			m, o2 = digits(p[1])
		} else {
			m, o1 = digits(p[0])
			d, o2 = digits(p[1])
		}
		if len(p[0]) == 4 {
			d, o3 = digits(p[2])
		} else {
			y, o3 = digits(p[2])
		}
		ok = o1 && o2 && o3
	case len(dp) == 8:
		y, ok = digits(dp[:4])
		if ok {
			var o2, o3 bool
			m, o2 = digits(dp[4:6])
			d, o3 = digits(dp[6:])
			ok = o2 && o3
		}
	}
	if !ok {
		if v, allDigits := digits(dp); allDigits && v > 31 {
			return 0, 0, 0, false, dtRange(orig) // PostgreSQL reads '42' as a day out of range
		}
		return 0, 0, 0, false, dtErr(typ, orig)
	}
	if bc {
		y = 1 - y
	}
	if m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m) {
		return 0, 0, 0, false, dtRange(orig)
	}
	days = DaysFromCivil(y, m, d)
	if rest == "" {
		return days, 0, 0, false, nil
	}
	// Time, then optional zone.
	k := 0
	for k < len(rest) && (rest[k] == ':' || rest[k] == '.' || (rest[k] >= '0' && rest[k] <= '9')) {
		k++
	}
	if k > 0 {
		us, good := parseClockStrict(rest[:k])
		if !good {
			if clockShaped(rest[:k]) {
				return 0, 0, 0, false, dtRange(orig)
			}
			return 0, 0, 0, false, dtErr(typ, orig)
		}
		if us > MicrosPerDay {
			return 0, 0, 0, false, dtRange(orig)
		}
		tod = us
	}
	zone := TrimSpace(rest[k:])
	if zone == "" {
		return days, tod, 0, false, nil
	}
	off, good := parseZone(zone, days*MicrosPerDay+tod)
	if !good {
		return 0, 0, 0, false, dtErr(typ, orig)
	}
	return days, tod, off, true, nil
}

var monthNames = [...]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}

func monthByName(s string) int {
	if len(s) < 3 {
		return 0
	}
	for i, n := range monthNames {
		if strings.EqualFold(s[:3], n) {
			return i + 1
		}
	}
	return 0
}

// clockShaped reports whether s looks like H:M[:S[.f]] (digits and colons),
// so that a failure to read it is a field out of range, not bad syntax.
func clockShaped(s string) bool {
	p := strings.Split(s, ":")
	if len(p) < 2 || len(p) > 3 {
		return false
	}
	for i, x := range p {
		if i == 2 {
			x, _, _ = strings.Cut(x, ".")
		}
		if _, ok := digits(x); !ok {
			return false
		}
	}
	return true
}

// parseClockStrict reads HH:MM[:SS[.ffffff]].
func parseClockStrict(s string) (int64, bool) {
	p := strings.SplitN(s, ":", 3)
	if len(p) < 2 {
		return 0, false
	}
	h, ok1 := digits(p[0])
	m, ok2 := digits(p[1])
	if !ok1 || !ok2 || h > 24 || m > 59 {
		return 0, false
	}
	us := int64(h)*MicrosPerHour + int64(m)*MicrosPerMinute
	if len(p) == 3 {
		sp := p[2]
		frac := ""
		if k := strings.IndexByte(sp, '.'); k >= 0 {
			sp, frac = sp[:k], sp[k+1:]
		}
		sec, ok := digits(sp)
		if !ok || sec > 60 {
			return 0, false
		}
		us += int64(sec) * MicrosPerSecond
		var f int64
		for i := 0; i < 7 && i < len(frac); i++ {
			c := frac[i]
			if c < '0' || c > '9' {
				return 0, false
			}
			if i < 6 {
				f = f*10 + int64(c-'0')
			} else if c >= '5' {
				f++
			}
		}
		for i := len(frac); i < 6; i++ {
			f *= 10
		}
		us += f
	}
	return us, true
}

// parseZone reads Z, UTC, GMT, +HH, -HH:MM, +HHMM or an IANA zone name; the
// offset is seconds east of UTC (for named zones, at wall time ts).
func parseZone(z string, ts int64) (int, bool) {
	switch strings.ToUpper(z) {
	case "Z", "UTC", "GMT", "UT":
		return 0, true
	}
	if z[0] == '+' || z[0] == '-' {
		sign := 1
		if z[0] == '-' {
			sign = -1
		}
		b := strings.ReplaceAll(z[1:], ":", "")
		var h, m int
		var ok bool
		switch len(b) {
		case 1, 2:
			h, ok = digits(b)
		case 3, 4:
			h, ok = digits(b[:len(b)-2])
			if ok {
				m, ok = digits(b[len(b)-2:])
			}
		}
		if !ok || h > 15 || m > 59 {
			return 0, false
		}
		return sign * (h*3600 + m*60), true
	}
	loc, err := time.LoadLocation(z)
	if err != nil {
		return 0, false
	}
	u := LocalToUTC(ts, loc)
	return int((ts - u) / MicrosPerSecond), true
}

// ParseTime reads a TIME: HH:MM[:SS[.f]].
func ParseTime(s string) (int64, error) {
	v := TrimSpace(s)
	// Allow a leading date as PostgreSQL does.
	if k := strings.IndexByte(v, ' '); k >= 0 && strings.Count(v[:k], "-") == 2 {
		v = TrimSpace(v[k+1:])
	}
	us, ok := parseClockStrict(v)
	if !ok {
		return 0, dtErr("time", s)
	}
	if us > MicrosPerDay {
		return 0, dtRange(s)
	}
	return us, nil
}
