package load

import "github.com/warehoused/warehoused/types"

// The fast parsers below accept the plain forms a generated or exported file
// uses and report false for anything else, which then goes through the types
// package's full parsers (whitespace, signs, exponents, errors).

func inRange(t types.T, x int64) bool {
	switch t.ID {
	case types.Int16:
		return x >= -1<<15 && x < 1<<15
	case types.Int32:
		return x >= -1<<31 && x < 1<<31
	}
	return true
}

// fastInt parses a plain decimal integer of up to 18 digits.
func fastInt(s []byte) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 18 {
		return 0, false
	}
	var x int64
	for _, ch := range s {
		c := ch - '0'
		if c > 9 {
			return 0, false
		}
		x = x*10 + int64(c)
	}
	if neg {
		x = -x
	}
	return x, true
}

// fastDate parses YYYY-MM-DD into days since 1970-01-01.
func fastDate(s []byte) (int64, bool) {
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return 0, false
	}
	y, ok1 := fastInt(s[0:4])
	m, ok2 := fastInt(s[5:7])
	d, ok3 := fastInt(s[8:10])
	if !ok1 || !ok2 || !ok3 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) || y < 1 {
		return 0, false
	}
	return daysFromCivil(y, m, d), true
}

func daysIn(y, m int64) int64 {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is Howard Hinnant's algorithm.
func daysFromCivil(y, m, d int64) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era = (y - 399) / 400
	}
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// pow10s holds 10^0 .. 10^18.
var pow10s = [19]int64{1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18}

// fastDecimal parses [-]digits[.digits] into an unscaled value of the given
// scale when it fits exactly (no rounding needed) within precision.
func fastDecimal(s []byte, prec, scale int) (int64, bool) {
	neg := false
	if len(s) > 0 && (s[0] == '-' || s[0] == '+') {
		neg = s[0] == '-'
		s = s[1:]
	}
	if len(s) == 0 || len(s) > 19 || scale > 18 {
		return 0, false
	}
	var x int64
	digits, frac := 0, -1
	for _, c := range s {
		if c == '.' {
			if frac >= 0 {
				return 0, false
			}
			frac = 0
			continue
		}
		if c < '0' || c > '9' {
			return 0, false
		}
		if frac >= 0 {
			frac++
			if frac > scale {
				return 0, false // needs rounding: let types decide
			}
		}
		x = x*10 + int64(c-'0')
		digits++
	}
	if digits == 0 {
		return 0, false
	}
	if frac < 0 {
		frac = 0
	}
	// digits <= 18 here unless the text had 19 digits and no point.
	if digits+scale-frac > 18 {
		return 0, false
	}
	x *= pow10s[scale-frac]
	if prec < 19 && x >= pow10s[prec] {
		return 0, false
	}
	if neg {
		x = -x
	}
	return x, true
}
