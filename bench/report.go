package bench

import (
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteText prints the report as a table: one line per query, then totals.
func (r *Report) WriteText(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "TPC-H SF %g: generate %.2f s, load %.2f s, db %d bytes\n", r.SF, r.GenS, r.LoadS, r.DBBytes); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "query\tmedian_s\tmin_s\trows\tstatus\t")
	var sum, logSum float64
	ok := 0
	for _, q := range r.Queries {
		status := q.Check
		if q.Error != "" {
			status = "error: " + oneLine(q.Error)
		} else if status == "" {
			status = "-"
		}
		fmt.Fprintf(tw, "Q%02d\t%.3f\t%.3f\t%d\t%s\t\n", q.Query, q.MedianS, q.MinS, q.Rows, status)
		if q.Error == "" && len(q.RunsS) > 0 {
			sum += q.MedianS
			logSum += math.Log(max(q.MedianS, 1e-6))
			ok++
		}
	}
	if ok > 0 {
		fmt.Fprintf(tw, "sum\t%.3f\t\t\t%d/%d ran\t\n", sum, ok, len(r.Queries))
		fmt.Fprintf(tw, "geomean\t%.4f\t\t\t\t\n", math.Exp(logSum/float64(ok)))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if r.Analyze != "" {
		_, err := fmt.Fprintf(w, "ANALYZE failed: %s\n", oneLine(r.Analyze))
		return err
	}
	return nil
}

func oneLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	if len(s) > 80 {
		s = s[:77] + "..."
	}
	return s
}

// checkAnswer compares rows with the expected answer file (CSV with a
// header): row order as given, text trimmed, numbers within a relative
// 1e-9 or equal when rounded to cents. It returns "ok", "mismatch: …", or
// "" when the file does not exist.
func checkAnswer(file string, got [][]string) string {
	raw, err := os.ReadFile(file)
	if err != nil {
		return ""
	}
	want, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
	if err != nil {
		return "mismatch: bad answer file: " + err.Error()
	}
	if len(want) > 0 {
		want = want[1:]
	}
	if len(want) == 0 && strings.Count(string(raw), "\n") >= 2 {
		// A single row of NULLs is an empty line, which encoding/csv skips.
		header, _, _ := strings.Cut(string(raw), "\n")
		want = [][]string{make([]string, strings.Count(header, ",")+1)}
	}
	if len(got) != len(want) {
		return fmt.Sprintf("mismatch: %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			return fmt.Sprintf("mismatch: row %d has %d columns, want %d", i+1, len(got[i]), len(want[i]))
		}
		for j := range want[i] {
			if !sameValue(got[i][j], want[i][j]) {
				return fmt.Sprintf("mismatch: row %d column %d: %q, want %q", i+1, j+1, got[i][j], want[i][j])
			}
		}
	}
	return "ok"
}

// sameValue compares one answer value (see checkAnswer).
func sameValue(got, want string) bool {
	got, want = strings.TrimSpace(got), strings.TrimSpace(want)
	if got == want {
		return true
	}
	g, err1 := strconv.ParseFloat(got, 64)
	w, err2 := strconv.ParseFloat(want, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	if math.Abs(g-w) <= 1e-9*math.Max(1, math.Abs(w)) {
		return true
	}
	return math.Round(g*100) == math.Round(w*100)
}
