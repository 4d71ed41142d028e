package sqllogictest

import (
	"math"
	"slices"
	"strconv"
	"strings"
)

// Value is one result value as text; Null marks SQL NULL.
type Value struct {
	S    string
	Null bool
}

// Result is what a query returned: one type letter per column and the rows.
type Result struct {
	Types string
	Rows  [][]Value
}

// render turns a value into its expected-output spelling.
func render(v Value) string {
	switch {
	case v.Null:
		return "NULL"
	case v.S == "":
		return "(empty)"
	}
	return v.S
}

// renderedRows renders every row and orders rows (or values) by mode.
// Each inner slice is one expected line's values; ValueSort yields one value per line.
func renderedRows(res *Result, mode SortMode) [][]string {
	var out [][]string
	for _, row := range res.Rows {
		r := make([]string, len(row))
		for i, v := range row {
			r[i] = render(v)
		}
		out = append(out, r)
	}
	switch mode {
	case RowSort:
		slices.SortStableFunc(out, slices.Compare)
	case ValueSort:
		var vals []string
		for _, r := range out {
			vals = append(vals, r...)
		}
		slices.Sort(vals)
		out = out[:0]
		for _, v := range vals {
			out = append(out, []string{v})
		}
	}
	return out
}

// joinRow renders one expected line: values separated by single spaces, or by
// tabs when a value contains whitespace (so the line splits back unambiguously).
func joinRow(vals []string) string {
	sep := " "
	if len(vals) > 1 {
		for _, v := range vals {
			if strings.ContainsAny(v, " \t") {
				sep = "\t"
				break
			}
		}
	}
	return strings.Join(vals, sep)
}

// splitRow splits an expected line into values for a result of ncols columns.
func splitRow(line string, ncols int) []string {
	switch {
	case strings.Contains(line, "\t"):
		return strings.Split(line, "\t")
	case ncols <= 1:
		return []string{line}
	}
	return strings.Fields(line)
}

// expectedRows splits a record's expected lines into values, ordered like renderedRows.
func expectedRows(r *Record) [][]string {
	n := len(r.Types)
	if r.Sort == ValueSort {
		n = 1
	}
	var out [][]string
	for _, l := range r.Expected {
		out = append(out, splitRow(l, n))
	}
	if r.Sort == RowSort {
		slices.SortStableFunc(out, slices.Compare)
	}
	return out
}

// floatsMatch reports whether two R values agree within a relative 1e-9.
func floatsMatch(a, b string) bool {
	if a == b {
		return true
	}
	x, err1 := strconv.ParseFloat(a, 64)
	y, err2 := strconv.ParseFloat(b, 64)
	if err1 != nil || err2 != nil || math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) {
		return false
	}
	d := math.Abs(x - y)
	return d <= 1e-9*math.Max(math.Abs(x), math.Abs(y)) || d < 1e-12
}

// rowsMatch compares expected and actual values column by column; R columns
// compare numerically, everything else as exact text.
func rowsMatch(types string, mode SortMode, exp, act [][]string) bool {
	if len(exp) != len(act) {
		return false
	}
	hasR := strings.Contains(types, "R")
	for i := range exp {
		if len(exp[i]) != len(act[i]) {
			return false
		}
		for j := range exp[i] {
			e, a := exp[i][j], act[i][j]
			if e == a {
				continue
			}
			numeric := false
			if mode == ValueSort {
				numeric = hasR
			} else if j < len(types) {
				numeric = types[j] == 'R'
			}
			if !numeric || !floatsMatch(e, a) {
				return false
			}
		}
	}
	return true
}

// formatLines renders rows as the lines of an expected-result block.
func formatLines(rows [][]string) []string {
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = joinRow(r)
	}
	return out
}
