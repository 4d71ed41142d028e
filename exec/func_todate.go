package exec

import (
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// parseWithFormat reads text with a to_date/to_timestamp template into a
// wall-clock timestamp. Separators in the input are matched loosely.
func parseWithFormat(s, f string) (int64, error) {
	up := strings.ToUpper(f)
	y, m, d := 1, 1, 1
	h, mi, sec, us := 0, 0, 0, int64(0)
	pm, has12 := false, false
	si := 0
	bad := func() (int64, error) {
		return 0, sqlerr.Newf(sqlerr.InvalidDatetimeFormat, "invalid value \"%s\" for \"%s\"", s, f)
	}
	num := func(maxLen int) (int, bool) {
		for si < len(s) && s[si] == ' ' {
			si++
		}
		j := si
		neg := false
		if j < len(s) && s[j] == '-' && maxLen >= 4 {
			neg = true
			j++
		}
		st := j
		for j < len(s) && j-st < maxLen && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		if j == st {
			return 0, false
		}
		v, _ := strconv.Atoi(s[st:j])
		si = j
		if neg {
			v = -v
		}
		return v, true
	}
	for i := 0; i < len(up); {
		if strings.HasPrefix(up[i:], "FM") {
			i += 2
			continue
		}
		var ok bool
		switch {
		case strings.HasPrefix(up[i:], "YYYY"):
			y, ok = num(4)
			i += 4
		case strings.HasPrefix(up[i:], "YY"):
			y, ok = num(2)
			y += 2000
			if y > 2069 {
				y -= 100
			}
			i += 2
		case strings.HasPrefix(up[i:], "MONTH"), strings.HasPrefix(up[i:], "MON"):
			ok = false
			for k, name := range monthFull {
				for _, cand := range []string{name, name[:3]} {
					if len(s)-si >= len(cand) && strings.EqualFold(s[si:si+len(cand)], cand) {
						m, ok = k+1, true
						si += len(cand)
						break
					}
				}
				if ok {
					break
				}
			}
			if strings.HasPrefix(up[i:], "MONTH") {
				i += 5
			} else {
				i += 3
			}
		case strings.HasPrefix(up[i:], "MM"):
			m, ok = num(2)
			i += 2
		case strings.HasPrefix(up[i:], "DDD"):
			var doy int
			doy, ok = num(3)
			m, d = 1, doy
			i += 3
		case strings.HasPrefix(up[i:], "DD"):
			d, ok = num(2)
			i += 2
		case strings.HasPrefix(up[i:], "DAY"), strings.HasPrefix(up[i:], "DY"):
			for si < len(s) && ((s[si] >= 'a' && s[si] <= 'z') || (s[si] >= 'A' && s[si] <= 'Z')) {
				si++
			}
			ok = true
			if strings.HasPrefix(up[i:], "DAY") {
				i += 3
			} else {
				i += 2
			}
		case strings.HasPrefix(up[i:], "HH24"):
			h, ok = num(2)
			i += 4
		case strings.HasPrefix(up[i:], "HH12"), strings.HasPrefix(up[i:], "HH"):
			h, ok = num(2)
			has12 = true
			if strings.HasPrefix(up[i:], "HH12") {
				i += 4
			} else {
				i += 2
			}
		case strings.HasPrefix(up[i:], "MI"):
			mi, ok = num(2)
			i += 2
		case strings.HasPrefix(up[i:], "SS"):
			sec, ok = num(2)
			i += 2
		case strings.HasPrefix(up[i:], "MS"), strings.HasPrefix(up[i:], "US"):
			st := si
			var v int
			v, ok = num(6)
			digits := si - st
			frac := int64(v)
			want := 3
			if strings.HasPrefix(up[i:], "US") {
				want = 6
			}
			for ; digits < want; digits++ {
				frac *= 10
			}
			if want == 3 {
				frac *= 1000
			}
			us = frac
			i += 2
		case strings.HasPrefix(up[i:], "AM"), strings.HasPrefix(up[i:], "PM"):
			for si < len(s) && s[si] == ' ' {
				si++
			}
			if si+2 <= len(s) {
				pm = strings.EqualFold(s[si:si+2], "PM")
				si += 2
			}
			ok = true
			i += 2
		default:
			// A literal or separator: skip one separator char in the input.
			c := up[i]
			i++
			if c == '"' {
				j := strings.IndexByte(up[i:], '"')
				if j >= 0 {
					si += j
					i += j + 1
				}
				continue
			}
			if si < len(s) && !(s[si] >= '0' && s[si] <= '9') {
				si++
			}
			continue
		}
		if !ok {
			return bad()
		}
		// Skip separators between fields.
		for si < len(s) && strings.IndexByte(" -/:.,T", s[si]) >= 0 && (i >= len(up) || strings.IndexByte(" -/:.,T\"", up[i]) < 0) {
			si++
		}
	}
	if has12 {
		if h == 12 {
			h = 0
		}
		if pm {
			h += 12
		}
	}
	if m < 1 || m > 12 || d < 1 || (d > types.DaysInMonth(y, m) && !(m == 1 && d <= 366)) || h > 24 || mi > 59 || sec > 60 {
		return 0, sqlerr.Newf(sqlerr.DatetimeFieldOverflow, "date/time field value out of range: \"%s\"", s)
	}
	days := types.DaysFromCivil(y, m, 1) + int64(d-1)
	return days*types.MicrosPerDay + int64(h)*types.MicrosPerHour + int64(mi)*types.MicrosPerMinute +
		int64(sec)*types.MicrosPerSecond + us, nil
}
