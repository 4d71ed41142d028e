package bench

import (
	"strconv"
	"time"
)

// alphaNum is the alphabet of dbgen's random strings (addresses).
const alphaNum = "0123456789abcdefghijklmnopqrstuvwxyz ABCDEFGHIJKLMNOPQRSTUVWXYZ,"

// Dates are day offsets from 1992-01-01 (dbgen STARTDATE); totDate days.
const totDate = 2557

var startDate = time.Date(1992, 1, 1, 0, 0, 0, 0, time.UTC)

// currentDate (1995-06-17) splits returned/open lineitems.
var currentDate = int64(time.Date(1995, 6, 17, 0, 0, 0, 0, time.UTC).Sub(startDate).Hours() / 24)

// dateStrings returns "YYYY-MM-DD" for each day offset.
func dateStrings() [][]byte {
	out := make([][]byte, totDate+1)
	for i := range out {
		out[i] = startDate.AddDate(0, 0, i).AppendFormat(nil, "2006-01-02")
	}
	return out
}

// appendMoney appends cents as a decimal with two fraction digits.
func appendMoney(b []byte, cents int64) []byte {
	if cents < 0 {
		b = append(b, '-')
		cents = -cents
	}
	b = strconv.AppendInt(b, cents/100, 10)
	c := cents % 100
	return append(b, '.', byte('0'+c/10), byte('0'+c%10))
}

// appendPadded appends n zero-padded to width digits.
func appendPadded(b []byte, n int64, width int) []byte {
	var tmp [20]byte
	s := strconv.AppendInt(tmp[:0], n, 10)
	for i := len(s); i < width; i++ {
		b = append(b, '0')
	}
	return append(b, s...)
}

func appendInt(b []byte, n int64) []byte { return strconv.AppendInt(b, n, 10) }

func appendField(b []byte, s string) []byte { return append(append(b, s...), '|') }
