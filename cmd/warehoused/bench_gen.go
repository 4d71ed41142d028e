package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/warehoused/warehoused/bench"
)

const benchGenUsage = `usage: warehoused bench tpch-gen --sf N --out DIR [--tables t1,t2]

Writes TPC-H <table>.tbl files ('|'-separated, dbgen's rows) for scale
factor N into DIR, in parallel, in memory independent of N.
"warehoused bench tpch --tbl DIR" loads them, as do other engines.

options:
`

// runBenchGen is "warehoused bench tpch-gen": the generator alone.
func runBenchGen(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("bench tpch-gen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	sf := fs.Float64("sf", 1, "scale factor (1 = about 1 GB of text)")
	out := fs.String("out", "", "directory to write <table>.tbl files into (created when missing)")
	tables := fs.String("tables", "", "comma-separated tables to generate (default: all eight)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), benchGenUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			fs.SetOutput(stdout)
			fs.Usage()
			return 0
		}
		return 2
	}
	if *out == "" || fs.NArg() > 0 {
		fmt.Fprintln(stderr, "warehoused bench tpch-gen: --out DIR is required (and no other arguments)")
		return 2
	}
	if !(*sf >= 0.001) {
		fmt.Fprintln(stderr, "warehoused bench tpch-gen: --sf must be at least 0.001")
		return 2
	}
	opts := bench.GenOptions{SF: *sf, Dir: *out}
	for t := range strings.SplitSeq(*tables, ",") {
		if t = strings.TrimSpace(t); t != "" {
			opts.Tables = append(opts.Tables, t)
		}
	}
	prog := newProgress(stderr)
	opts.Progress = bench.GenProgress(prog.report)
	start := time.Now()
	err := bench.Generate(ctx, opts)
	prog.clear()
	if err != nil {
		printError(stderr, err)
		return 1
	}
	fmt.Fprintf(stdout, "generated TPC-H SF %g in %s in %.2f s\n", *sf, *out, time.Since(start).Seconds())
	return 0
}
