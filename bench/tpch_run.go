package bench

import (
	"context"
	"embed"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	warehoused "github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

// Schema is the DDL of the eight TPC-H tables (spec data types).
//
//go:embed schema.sql
var Schema string

//go:embed queries/*.sql
var queryFiles embed.FS

// Query returns the text of TPC-H query n (1..22) with the default
// substitution parameters.
func Query(n int) (string, error) {
	b, err := queryFiles.ReadFile(fmt.Sprintf("queries/q%02d.sql", n))
	if err != nil {
		return "", sqlerr.Newf(sqlerr.InvalidParameterValue, "no TPC-H query %d", n)
	}
	return strings.TrimSpace(string(b)), nil
}

// RunOptions configures RunTPCH.
type RunOptions struct {
	// SF is the scale factor to generate (ignored with TblDir).
	SF float64
	// DataDir is the database directory; "" runs in memory.
	DataDir string
	// TblDir holds <table>.tbl files to load instead of generating data.
	TblDir string
	// Queries are the query numbers to run; all 22 when empty.
	Queries []int
	// Runs is the number of timed runs per query after one warm-up; 3 when 0.
	Runs int
	// CheckDir holds expected answers qNN.csv to check results against.
	CheckDir string
	// Out receives progress lines; nil for none.
	Out io.Writer
	// Progress, when set, is called while tables are generated and loaded
	// (several times a second for a large table, and once when each table is
	// done). Calls come from one goroutine at a time.
	Progress func(Progress)
	// SkipLoad runs the queries on the tables an earlier run left in DataDir
	// (kept with --data), without generating or loading anything.
	SkipLoad bool
	// OnPhase, when set, is called as each phase starts: "generate", "load",
	// "analyze", "queries", and "done" after the last query (for example to
	// profile the queries alone).
	OnPhase func(phase string)
}

// QueryReport is the outcome of one query.
type QueryReport struct {
	Query   int       `json:"query"`
	MedianS float64   `json:"median_s"`
	MinS    float64   `json:"min_s"`
	RunsS   []float64 `json:"runs_s"`
	Rows    int64     `json:"rows"`
	// PeakRSSBytes is the highest resident set size of the process while the
	// query ran (warm-up and timed runs; it includes the loaded tables).
	PeakRSSBytes int64 `json:"peak_rss_bytes"`
	// PeakHeapBytes is the largest Go heap sampled (every 5 ms) while it
	// ran, and BaseHeapBytes the live heap before it (after a GC; the loaded
	// tables): the query itself needed about the difference.
	PeakHeapBytes int64 `json:"peak_heap_bytes"`
	BaseHeapBytes int64 `json:"base_heap_bytes"`
	// AllocBytes is the mean number of bytes allocated by one timed run.
	AllocBytes int64 `json:"alloc_bytes"`
	// Check is "ok", "mismatch: …" or "" when no answer was checked.
	Check string `json:"check,omitempty"`
	Error string `json:"error,omitempty"`
}

// Report is the outcome of a TPC-H run.
type Report struct {
	SF       float64       `json:"sf"`
	GenS     float64       `json:"gen_s,omitempty"`
	LoadS    float64       `json:"load_s"`
	DBBytes  int64         `json:"db_bytes"`
	Analyze  string        `json:"analyze_error,omitempty"`
	Queries  []QueryReport `json:"queries"`
	Warnings []string      `json:"warnings,omitempty"`
}

// RunTPCH generates (or takes) TPC-H data, loads it into a database, runs
// the queries and reports their timings.
func RunTPCH(ctx context.Context, opts RunOptions) (*Report, error) {
	out := opts.Out
	if out == nil {
		out = io.Discard
	}
	runs := opts.Runs
	if runs <= 0 {
		runs = 3
	}
	queries := opts.Queries
	if len(queries) == 0 {
		for q := 1; q <= 22; q++ {
			queries = append(queries, q)
		}
	}
	texts := make([]string, len(queries))
	for i, q := range queries {
		t, err := Query(q)
		if err != nil {
			return nil, err
		}
		texts[i] = t
	}
	rep := &Report{SF: opts.SF}
	phase := func(name string) {
		if opts.OnPhase != nil {
			opts.OnPhase(name)
		}
	}

	if opts.SkipLoad && opts.DataDir == "" {
		return nil, sqlerr.Newf(sqlerr.InvalidParameterValue, "skipping the load needs the database directory of an earlier run")
	}
	tblDir := opts.TblDir
	if tblDir == "" && !opts.SkipLoad {
		dir, err := os.MkdirTemp("", "tpch-tbl-")
		if err != nil {
			return nil, sqlerr.Wrapf(err, sqlerr.InternalError, "could not create a temporary directory")
		}
		defer os.RemoveAll(dir)
		start := time.Now()
		fmt.Fprintf(out, "generating TPC-H SF %g ...\n", opts.SF)
		phase("generate")
		gen := GenOptions{SF: opts.SF, Dir: dir}
		if opts.Progress != nil {
			gen.Progress = GenProgress(opts.Progress)
		}
		if err := Generate(ctx, gen); err != nil {
			return nil, err
		}
		rep.GenS = time.Since(start).Seconds()
		fmt.Fprintf(out, "generated in %.2f s\n", rep.GenS)
		tblDir = dir
	}

	db, err := warehoused.Open(ctx, opts.DataDir, warehoused.Config{})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	conn, err := db.Connect(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()

	if opts.SkipLoad {
		if _, err := queryCount(ctx, conn, "select count(*) from lineitem"); err != nil {
			return nil, sqlerr.Wrapf(err, sqlerr.UndefinedTable, "no TPC-H tables in %q to run on: load them first (without skipping the load)", opts.DataDir)
		}
		if n, err := queryCount(ctx, conn, "select 1 from supplier"); err == nil && n > 0 {
			rep.SF = float64(n) / 10000 // supplier has SF x 10,000 rows
		}
	} else {
		phase("load")
		if err := load(ctx, conn, tblDir, rep, out, opts.Progress, phase); err != nil {
			return nil, err
		}
	}
	if opts.DataDir != "" {
		// What the database occupies, without blocks only superseded
		// versions (a sorted load's intermediate runs) used.
		if err := db.CollectGarbage(ctx); err != nil {
			return nil, err
		}
		rep.DBBytes = dirSize(opts.DataDir)
	}

	phase("queries")
	defer phase("done")
	for i, q := range queries {
		if err := ctx.Err(); err != nil {
			return rep, sqlerr.Canceled(ctx)
		}
		qr := runQuery(ctx, conn, q, texts[i], runs, opts.CheckDir)
		rep.Queries = append(rep.Queries, qr)
		status := qr.Check
		if qr.Error != "" {
			status = "error: " + qr.Error
		}
		fmt.Fprintf(out, "Q%02d %8.3f s %6d rows %s\n", q, qr.MedianS, qr.Rows, status)
	}
	return rep, nil
}

// GenProgress adapts Generate's progress callback to Progress reports
// (rate-limited; the last report of each table has Done set).
func GenProgress(report func(Progress)) func(table string, rows, total int64) {
	var table string
	var start, last time.Time
	return func(t string, rows, total int64) {
		now := time.Now()
		if t != table {
			table, start, last = t, now, time.Time{}
		}
		done := rows >= total
		if !done && now.Sub(last) < progressInterval {
			return
		}
		last = now
		report(Progress{Phase: "generate", Table: t, Rows: rows, TotalRows: total, Elapsed: now.Sub(start), Done: done})
	}
}

// load creates the schema, COPYs the tables and runs ANALYZE.
func load(ctx context.Context, conn *warehoused.Conn, tblDir string, rep *Report, out io.Writer, progress func(Progress), phase func(string)) error {
	for _, t := range slices.Backward(Tables) {
		if _, err := conn.Exec(ctx, "DROP TABLE IF EXISTS "+t); err != nil {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("drop %s: %v", t, err))
		}
	}
	if _, err := conn.Exec(ctx, Schema); err != nil {
		return err
	}
	start := time.Now()
	for _, t := range Tables {
		file, err := filepath.Abs(filepath.Join(tblDir, t+".tbl"))
		if err != nil {
			return sqlerr.Wrapf(err, sqlerr.InternalError, "bad path %q", tblDir)
		}
		copyStart := time.Now()
		var res warehoused.Result
		if progress != nil {
			res, err = copyWithProgress(ctx, conn, t, file, progress)
		} else {
			res, err = conn.Exec(ctx, fmt.Sprintf("COPY %s FROM '%s' DELIMITER '|'", t, strings.ReplaceAll(file, "'", "''")))
		}
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "loaded %-8s %10d rows in %.2f s\n", t, res.RowsAffected, time.Since(copyStart).Seconds())
	}
	rep.LoadS = time.Since(start).Seconds()
	phase("analyze")
	if _, err := conn.Exec(ctx, "ANALYZE"); err != nil {
		rep.Analyze = err.Error()
	}
	return nil
}

// copyWithProgress runs the COPY of file into table and reports how far
// the engine has read the file (its file offset, see fileOffset) while it runs.
func copyWithProgress(ctx context.Context, conn *warehoused.Conn, table, file string, report func(Progress)) (warehoused.Result, error) {
	var size int64
	if st, err := os.Stat(file); err == nil {
		size = st.Size()
	}
	width := rowWidth(file)
	real, err := filepath.EvalSymlinks(file) // as /proc/self/fd shows it
	if err != nil {
		real = file
	}
	start := time.Now()
	wctx, stop := context.WithCancel(ctx)
	watched := make(chan struct{})
	go func() {
		defer close(watched)
		watchLoad(wctx, table, real, size, width, start, report)
	}()
	res, err := conn.Exec(ctx, fmt.Sprintf("COPY %s FROM '%s' DELIMITER '|'", table, strings.ReplaceAll(file, "'", "''")))
	stop()
	<-watched
	if err == nil {
		report(Progress{Phase: "load", Table: table, Rows: res.RowsAffected, TotalRows: res.RowsAffected,
			Elapsed: time.Since(start), Done: true})
	}
	return res, err
}

// runQuery runs a query once to warm up (and check its answer), then runs
// times for timing.
func runQuery(ctx context.Context, conn *warehoused.Conn, q int, text string, runs int, checkDir string) (qr QueryReport) {
	qr = QueryReport{Query: q, RunsS: []float64{}}
	// Start each query with a collected heap: its memory is then measured
	// from the live data alone, and it does not pay for the garbage of the
	// query before it.
	runtime.GC()
	qr.BaseHeapBytes = heapObjects()
	mem := startMemSampler()
	defer func() { qr.PeakRSSBytes, qr.PeakHeapBytes = mem.finish() }()
	got, err := queryText(ctx, conn, text)
	if err != nil {
		qr.Error = err.Error()
		return qr
	}
	qr.Rows = int64(len(got))
	if checkDir != "" {
		qr.Check = checkAnswer(filepath.Join(checkDir, fmt.Sprintf("q%02d.csv", q)), got)
	}
	allocStart := allocatedBytes()
	for range runs {
		start := time.Now()
		n, err := queryCount(ctx, conn, text)
		d := time.Since(start).Seconds()
		if err != nil {
			qr.Error = err.Error()
			break
		}
		qr.Rows = n
		qr.RunsS = append(qr.RunsS, d)
	}
	if len(qr.RunsS) > 0 {
		qr.AllocBytes = int64((allocatedBytes() - allocStart) / uint64(len(qr.RunsS)))
		sorted := slices.Sorted(slices.Values(qr.RunsS))
		qr.MinS = sorted[0]
		qr.MedianS = median(sorted)
	}
	return qr
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}

// queryText runs a query and returns its rows as text; NULL is "", as in
// the answer files.
func queryText(ctx context.Context, conn *warehoused.Conn, text string) ([][]string, error) {
	rows, err := conn.Query(ctx, text)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := rows.Columns()
	var out [][]string
	for rows.Next() {
		vals := rows.Values()
		r := make([]string, len(cols))
		for i, v := range vals {
			if v != nil {
				r[i] = types.Format(cols[i].Type, v)
			}
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// queryCount runs a query and counts its rows without formatting them.
func queryCount(ctx context.Context, conn *warehoused.Conn, text string) (int64, error) {
	rows, err := conn.Query(ctx, text)
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	var n int64
	for {
		b, err := rows.NextBatch()
		if err != nil {
			return n, err
		}
		if b == nil {
			return n, nil
		}
		n += int64(b.N)
	}
}

// dirSize is the total size of the files under dir.
func dirSize(dir string) int64 {
	var n int64
	_ = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}
