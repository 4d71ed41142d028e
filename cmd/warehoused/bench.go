package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/bench"
)

const benchUsage = `usage: warehoused bench tpch [options]

Generates TPC-H data (or takes .tbl files), loads it with COPY, runs ANALYZE,
then runs each query once to warm up (and check its answer) and --runs times
for timing. Prints per-query median and minimum time, rows and peak memory.
Exits 1 when a query fails or an answer does not match.

options:
`

// benchFlags are the options of "warehoused bench tpch".
type benchFlags struct {
	sf         float64
	data       string
	memory     bool
	tbl        string
	queries    []int
	runs       int
	check      string
	jsonFile   string
	htmlFile   string
	baseline   string
	cpuProfile string
	memProfile string
	skipLoad   bool
	// profilePhase is the phase the CPU profile covers: queries or load.
	profilePhase string
}

func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "tpch-gen" {
		return runBenchGen(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 0 || args[0] != "tpch" {
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			fmt.Fprint(stdout, "usage: warehoused bench tpch [options] | warehoused bench tpch-gen --sf N --out DIR (see --help of each)\n")
			return 0
		}
		fmt.Fprint(stderr, "usage: warehoused bench tpch [options] (see warehoused bench tpch --help)\n")
		return 2
	}
	f, code := parseBenchFlags(args[1:], stdout, stderr)
	if f == nil {
		return code
	}
	return benchTPCH(ctx, f, stdout, stderr)
}

// parseBenchFlags parses the options of "bench tpch"; a nil result comes
// with the exit code (0 after --help).
func parseBenchFlags(args []string, stdout, stderr io.Writer) (*benchFlags, int) {
	fs := flag.NewFlagSet("bench tpch", flag.ContinueOnError)
	fs.SetOutput(stderr)
	f := &benchFlags{}
	fs.Float64Var(&f.sf, "sf", 1, "scale factor to generate (with --tbl: taken from supplier.tbl unless given)")
	fs.StringVar(&f.data, "data", "", "database directory (default: a temporary one, removed at the end)")
	fs.BoolVar(&f.memory, "memory", false, "keep the database in memory instead of on disk")
	fs.StringVar(&f.tbl, "tbl", "", "directory of <table>.tbl files to load instead of generating")
	fs.BoolVar(&f.skipLoad, "skip-load", false, "run on the tables an earlier run left in --data (no generating or loading)")
	queries := fs.String("queries", "", "queries to run, e.g. 1,3,5 or 1-6,9 (default: all 22)")
	fs.IntVar(&f.runs, "runs", 3, "timed runs per query, after one warm-up run")
	fs.StringVar(&f.check, "check", "", "directory of expected answers qNN.csv to check results against")
	fs.StringVar(&f.jsonFile, "json", "", "write the report as JSON to this file")
	fs.StringVar(&f.htmlFile, "html", "", "write the report as a self-contained HTML page to this file")
	fs.StringVar(&f.baseline, "baseline", "", "an earlier --json report to compare with (text and HTML)")
	fs.StringVar(&f.cpuProfile, "cpuprofile", "", "write a CPU profile of the query runs to this file")
	fs.StringVar(&f.profilePhase, "profile-phase", "queries", "what --cpuprofile covers: queries or load")
	fs.StringVar(&f.memProfile, "memprofile", "", "write an allocation profile to this file at the end")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), benchUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fs.SetOutput(stdout)
			fs.Usage()
			return nil, 0
		}
		return nil, 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "warehoused bench tpch: unexpected argument %q\n", fs.Arg(0))
		return nil, 2
	}
	var err error
	if f.queries, err = parseQueries(*queries); err != nil {
		fmt.Fprintf(stderr, "warehoused bench tpch: --queries: %v\n", err)
		return nil, 2
	}
	if f.runs < 1 {
		fmt.Fprintln(stderr, "warehoused bench tpch: --runs must be at least 1")
		return nil, 2
	}
	if f.skipLoad && (f.data == "" || f.memory) {
		fmt.Fprintln(stderr, "warehoused bench tpch: --skip-load needs --data DIR of an earlier run")
		return nil, 2
	}
	if f.profilePhase != "queries" && f.profilePhase != "load" {
		fmt.Fprintln(stderr, "warehoused bench tpch: --profile-phase must be queries or load")
		return nil, 2
	}
	sfGiven := false
	fs.Visit(func(fl *flag.Flag) { sfGiven = sfGiven || fl.Name == "sf" })
	if f.tbl != "" && !sfGiven {
		f.sf = sfOfTbl(f.tbl)
	} else if !(f.sf >= 0.001) {
		fmt.Fprintln(stderr, "warehoused bench tpch: --sf must be at least 0.001")
		return nil, 2
	}
	return f, 0
}

// parseQueries parses "1,3,5" or "1-6,9" (empty: nil, meaning all 22).
func parseQueries(s string) ([]int, error) {
	var out []int
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		lo, hi, isRange := strings.Cut(part, "-")
		a, err := strconv.Atoi(strings.TrimPrefix(strings.ToLower(lo), "q"))
		if err != nil {
			return nil, fmt.Errorf("bad query number %q", part)
		}
		b := a
		if isRange {
			if b, err = strconv.Atoi(strings.TrimPrefix(strings.ToLower(hi), "q")); err != nil {
				return nil, fmt.Errorf("bad query range %q", part)
			}
		}
		if a < 1 || b > 22 || a > b {
			return nil, fmt.Errorf("query %q is not in 1..22", part)
		}
		for q := a; q <= b; q++ {
			out = append(out, q)
		}
	}
	return out, nil
}

// sfOfTbl infers the scale factor of .tbl files from supplier.tbl (10,000
// rows per unit of scale); 0 when it cannot tell.
func sfOfTbl(dir string) float64 {
	b, err := os.ReadFile(filepath.Join(dir, "supplier.tbl"))
	if err != nil {
		return 0
	}
	return float64(bytes.Count(b, []byte{'\n'})) / 10000
}

// benchTPCH runs the benchmark and writes its reports.
func benchTPCH(ctx context.Context, f *benchFlags, stdout, stderr io.Writer) int {
	var base *bench.Report
	if f.baseline != "" {
		var err error
		if base, err = bench.ReadReport(f.baseline); err != nil {
			printError(stderr, err)
			return 1
		}
	}
	if f.data == "" && !f.memory {
		// Measure the storage users get: column blocks on disk.
		dir, err := os.MkdirTemp("", "warehoused-bench-")
		if err != nil {
			printError(stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		f.data = dir
	}
	if f.memory {
		f.data = ""
	}
	prog := newProgress(stderr)
	opts := bench.RunOptions{
		SF: f.sf, DataDir: f.data, TblDir: f.tbl, Queries: f.queries, Runs: f.runs,
		CheckDir: f.check, Out: prog, Progress: prog.report, SkipLoad: f.skipLoad,
	}
	var profErr error
	if f.cpuProfile != "" {
		pf, err := os.Create(f.cpuProfile)
		if err != nil {
			fmt.Fprintf(stderr, "warehoused bench tpch: %v\n", err)
			return 1
		}
		defer pf.Close()
		profiling := false
		opts.OnPhase = func(phase string) {
			switch {
			case phase == f.profilePhase && !profiling:
				profErr = pprof.StartCPUProfile(pf)
				profiling = profErr == nil
			case phase != f.profilePhase && profiling:
				pprof.StopCPUProfile()
				profiling = false
			}
		}
		defer func() {
			if profiling {
				pprof.StopCPUProfile()
			}
		}()
	}
	rep, err := bench.RunTPCH(ctx, opts)
	prog.clear()
	if err != nil {
		printError(stderr, err)
		if rep == nil {
			return 1
		}
	}
	status := 0
	if err != nil {
		status = 1
	}
	if profErr != nil {
		fmt.Fprintf(stderr, "warehoused bench tpch: CPU profile: %v\n", profErr)
		status = 1
	}
	if f.memProfile != "" {
		if err := writeAllocProfile(f.memProfile); err != nil {
			fmt.Fprintf(stderr, "warehoused bench tpch: memory profile: %v\n", err)
			status = 1
		}
	}
	if err := rep.WriteText(stdout); err != nil {
		return 1
	}
	if base != nil {
		writeComparison(stdout, rep, base)
	}
	if f.jsonFile != "" {
		b, err := json.MarshalIndent(rep, "", "  ")
		if err == nil {
			err = os.WriteFile(f.jsonFile, append(b, '\n'), 0o644)
		}
		if err != nil {
			fmt.Fprintf(stderr, "warehoused bench tpch: --json: %v\n", err)
			status = 1
		}
	}
	if f.htmlFile != "" {
		if err := writeHTML(f.htmlFile, rep, base); err != nil {
			fmt.Fprintf(stderr, "warehoused bench tpch: --html: %v\n", err)
			status = 1
		}
	}
	if f.check != "" {
		for _, q := range rep.Queries {
			if q.Error == "" && q.Check == "" {
				fmt.Fprintf(stderr, "warning: Q%02d: no answer file q%02d.csv in %s\n", q.Query, q.Query, f.check)
			}
		}
	}
	if failed := rep.Failed(); len(failed) > 0 {
		fmt.Fprintf(stderr, "%d of %d queries failed:\n", len(failed), len(rep.Queries))
		for _, l := range failed {
			fmt.Fprintln(stderr, "  "+l)
		}
		status = 1
	}
	return status
}

// writeComparison prints each query's change against the baseline report.
func writeComparison(w io.Writer, rep, base *bench.Report) {
	before := map[int]bench.QueryReport{}
	for _, q := range base.Queries {
		before[q.Query] = q
	}
	fmt.Fprintln(w, "change against the baseline (median s):")
	var sum, bsum float64 // over the queries that ran in both
	for _, q := range rep.Queries {
		b, ok := before[q.Query]
		switch {
		case !ok || b.Error != "" || len(b.RunsS) == 0:
			fmt.Fprintf(w, "  Q%02d %8.3f  (no baseline)\n", q.Query, q.MedianS)
		case q.Error != "" || len(q.RunsS) == 0:
			fmt.Fprintf(w, "  Q%02d   failed  (baseline %.3f)\n", q.Query, b.MedianS)
		default:
			sum += q.MedianS
			bsum += b.MedianS
			fmt.Fprintf(w, "  Q%02d %8.3f  baseline %8.3f  %+6.1f%%\n", q.Query, q.MedianS, b.MedianS, change(q.MedianS, b.MedianS))
		}
	}
	if bsum > 0 {
		fmt.Fprintf(w, "  sum %8.3f  baseline %8.3f  %+6.1f%%\n", sum, bsum, change(sum, bsum))
	}
}

// change is the relative change from before to now in percent.
func change(now, before float64) float64 { return (now - before) / max(before, 1e-9) * 100 }

func writeHTML(file string, rep, base *bench.Report) error {
	out, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := rep.WriteHTML(out, base); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// writeAllocProfile writes the heap profile (allocations since the start
// and the memory in use after a GC).
func writeAllocProfile(file string) error {
	out, err := os.Create(file)
	if err != nil {
		return err
	}
	runtime.GC()
	if err := pprof.Lookup("allocs").WriteTo(out, 0); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
