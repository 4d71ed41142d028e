package bench

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"testing"
)

// numericCols lists, per table, the 0-based columns summed by the stats:
// keys, quantities, prices, discounts, taxes, balances, costs, sizes.
var numericCols = map[string][]int{
	"region":   {0},
	"nation":   {0, 2},
	"supplier": {0, 3, 5},
	"customer": {0, 3, 5},
	"part":     {0, 5, 7},
	"partsupp": {0, 1, 2, 3},
	"orders":   {0, 1, 3, 7},
	"lineitem": {0, 1, 2, 3, 4, 5, 6, 7},
}

// tableStats summarises a .tbl file: row count, min/max of the first
// column (the key) and the exact sum (in hundredths) of each numeric column.
type tableStats struct {
	rows           int64
	minKey, maxKey int64
	sums           []int64
	commentBytes   int64
}

func (s tableStats) String() string {
	return fmt.Sprintf("rows=%d keys=[%d,%d] sums=%v comment_bytes=%d", s.rows, s.minKey, s.maxKey, s.sums, s.commentBytes)
}

// diff describes how s differs from o in what must match exactly.
func (s tableStats) diff(o tableStats) string {
	var d []string
	if s.rows != o.rows {
		d = append(d, fmt.Sprintf("rows %d vs %d", s.rows, o.rows))
	}
	if s.minKey != o.minKey || s.maxKey != o.maxKey {
		d = append(d, fmt.Sprintf("keys [%d,%d] vs [%d,%d]", s.minKey, s.maxKey, o.minKey, o.maxKey))
	}
	for i := range s.sums {
		if i < len(o.sums) && s.sums[i] != o.sums[i] {
			d = append(d, fmt.Sprintf("sum #%d: %d vs %d", i, s.sums[i], o.sums[i]))
		}
	}
	return strings.Join(d, "; ")
}

// hundredths parses "123", "-4.5" or "17.00" as an integer count of 1/100.
func hundredths(s string) (int64, error) {
	whole, frac, _ := strings.Cut(s, ".")
	n, err := strconv.ParseInt(whole, 10, 64)
	if err != nil {
		return 0, err
	}
	f := int64(0)
	if frac != "" {
		for len(frac) < 2 {
			frac += "0"
		}
		if f, err = strconv.ParseInt(frac[:2], 10, 64); err != nil {
			return 0, err
		}
	}
	if strings.HasPrefix(whole, "-") {
		return n*100 - f, nil
	}
	return n*100 + f, nil
}

func computeStats(table string, data []byte) (tableStats, error) {
	cols := numericCols[table]
	s := tableStats{sums: make([]int64, len(cols)), minKey: 1 << 62, maxKey: -1 << 62}
	for len(data) > 0 {
		lineEnd := bytes.IndexByte(data, '\n')
		if lineEnd < 0 {
			return s, fmt.Errorf("row %d not terminated", s.rows+1)
		}
		fields := strings.Split(string(data[:lineEnd]), "|")
		data = data[lineEnd+1:]
		s.rows++
		key, err := strconv.ParseInt(fields[0], 10, 64)
		if err != nil {
			return s, fmt.Errorf("row %d: key: %v", s.rows, err)
		}
		s.minKey, s.maxKey = min(s.minKey, key), max(s.maxKey, key)
		for i, c := range cols {
			v, err := hundredths(fields[c])
			if err != nil {
				return s, fmt.Errorf("row %d column %d: %v", s.rows, c, err)
			}
			s.sums[i] += v
		}
		s.commentBytes += int64(len(fields[len(fields)-1]))
	}
	return s, nil
}

func TestHundredths(t *testing.T) {
	for s, want := range map[string]int64{"17.00": 1700, "-0.05": -5, "-123.4": -12340, "42": 4200, "0.1": 10} {
		if got, err := hundredths(s); err != nil || got != want {
			t.Errorf("hundredths(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
}
