package bench

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/warehoused/warehoused/sqlerr"
)

// WriteText prints the report as a table: one line per query, then totals.
func (r *Report) WriteText(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "TPC-H SF %g: generate %.2f s, load %.2f s, db %d bytes\n", r.SF, r.GenS, r.LoadS, r.DBBytes); err != nil {
		return err
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "query\tmedian_s\tmin_s\trows\tpeak_rss\tquery_heap\talloc/run\tstatus\t")
	for _, q := range r.Queries {
		status := q.Check
		if q.Error != "" {
			status = "error: " + oneLine(q.Error)
		} else if status == "" {
			status = "-"
		}
		fmt.Fprintf(tw, "Q%02d\t%.3f\t%.3f\t%d\t%s\t%s\t%s\t%s\t\n", q.Query, q.MedianS, q.MinS, q.Rows,
			FormatBytes(q.PeakRSSBytes), FormatBytes(q.QueryHeapBytes()), FormatBytes(q.AllocBytes), status)
	}
	if sum, geomean, ok := r.Summary(); ok > 0 {
		fmt.Fprintf(tw, "sum\t%.3f\t\t\t\t\t\t%d/%d ran\t\n", sum, ok, len(r.Queries))
		fmt.Fprintf(tw, "geomean\t%.4f\t\t\t\t\t\t\t\n", geomean)
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

// FormatBytes prints a byte count for people: "512 B", "1.5 MiB", "2.0 GiB"
// ("-" for 0, which means not measured).
func FormatBytes(n int64) string {
	switch {
	case n <= 0:
		return "-"
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KiB", float64(n)/(1<<10))
	case n < 1<<30:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	}
	return fmt.Sprintf("%.2f GiB", float64(n)/(1<<30))
}

// QueryHeapBytes is the heap the query needed beyond the live data before
// it: its sampled peak less the base (0 when not measured).
func (q QueryReport) QueryHeapBytes() int64 {
	return max(q.PeakHeapBytes-q.BaseHeapBytes, 0)
}

// Failed lists the queries that failed: an error, or an answer that did not
// match (one line each, e.g. "Q05: mismatch: …"). Empty when all went well.
func (r *Report) Failed() []string {
	var out []string
	for _, q := range r.Queries {
		switch {
		case q.Error != "":
			out = append(out, fmt.Sprintf("Q%02d: error: %s", q.Query, oneLine(q.Error)))
		case strings.HasPrefix(q.Check, "mismatch"):
			out = append(out, fmt.Sprintf("Q%02d: %s", q.Query, q.Check))
		}
	}
	return out
}

// Summary returns the sum and geometric mean of the median times of the
// queries that ran without error, and how many those are.
func (r *Report) Summary() (sum, geomean float64, ok int) {
	var logSum float64
	for _, q := range r.Queries {
		if q.Error == "" && len(q.RunsS) > 0 {
			sum += q.MedianS
			logSum += math.Log(max(q.MedianS, 1e-6))
			ok++
		}
	}
	if ok > 0 {
		geomean = math.Exp(logSum / float64(ok))
	}
	return sum, geomean, ok
}

// ReadReport reads a report written as JSON (for example an earlier run to
// compare against).
func ReadReport(file string) (*Report, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil, sqlerr.Wrapf(err, sqlerr.UndefinedFile, "could not read report \"%s\"", file)
	}
	var r Report
	if err := json.Unmarshal(b, &r); err != nil {
		return nil, sqlerr.Wrapf(err, sqlerr.InvalidParameterValue, "report \"%s\" is not valid JSON", file)
	}
	return &r, nil
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
	first := diffRows(got, want)
	if first == "" {
		return "ok"
	}
	// Rows that tie under the query's ORDER BY may come in any order: accept
	// the same rows in another order when both sides sorted agree.
	if diffRows(canonical(got), canonical(want)) == "" {
		return "ok"
	}
	return "mismatch: " + first
}

// CheckAnswer compares rows (NULL as "") with the expected answer file qNN.csv
// as the TPC-H answer checks do (see ../shared/tpch/README.md): rows in
// order, except that ties may come in any order; text compared after
// trimming blanks; numbers within a relative 1e-9 or equal when rounded to
// cents. It returns "ok", "mismatch: …", or "" when the file does not exist.
func CheckAnswer(file string, got [][]string) string { return checkAnswer(file, got) }

// diffRows describes the first difference of two equally long row lists ("" if none).
func diffRows(got, want [][]string) string {
	for i := range want {
		if len(got[i]) != len(want[i]) {
			return fmt.Sprintf("row %d has %d columns, want %d", i+1, len(got[i]), len(want[i]))
		}
		for j := range want[i] {
			if !sameValue(got[i][j], want[i][j]) {
				return fmt.Sprintf("row %d column %d: %q, want %q", i+1, j+1, got[i][j], want[i][j])
			}
		}
	}
	return ""
}

// canonical returns rows with values trimmed, numbers rounded to cents, and
// the rows sorted, so that two results equal up to row order compare equal.
func canonical(rows [][]string) [][]string {
	out := make([][]string, len(rows))
	for i, r := range rows {
		c := make([]string, len(r))
		for j, v := range r {
			c[j] = strings.TrimSpace(v)
			if f, err := strconv.ParseFloat(c[j], 64); err == nil {
				c[j] = strconv.FormatFloat(math.Round(f*100)/100, 'f', 2, 64)
			}
		}
		out[i] = c
	}
	slices.SortFunc(out, slices.Compare)
	return out
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
