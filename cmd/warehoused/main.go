// Command warehoused runs the warehoused database: `warehoused sql` is an
// interactive SQL shell (or runs -c/-f scripts), `warehoused bench tpch` runs
// the TPC-H benchmark, `warehoused version` prints the version. This is the only place that reads flags and the environment.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

const usage = `usage: warehoused <command> [options]

commands:
  sql       run SQL: warehoused sql [--data DIR] [-c SQL | -f FILE] [--format table|csv] [--on-error stop|continue]
  serve     run the PostgreSQL-protocol server: warehoused serve --data DIR [--listen 127.0.0.1:5439]
            [--user NAME --password PASS] [--tls-self-signed | --tls-cert F --tls-key F] (--help for all)
  bench     run benchmarks: warehoused bench tpch [--sf N] [--tbl DIR] [--queries 1,3] [--runs 3]
            [--check DIR] [--json FILE] [--html FILE] [--baseline FILE] (--help for all)
  version   print the version
`

// run is the whole program behind main, testable with buffers.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "sql":
		return runSQL(ctx, args[1:], stdin, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "warehoused %s\n", version)
		return 0
	case "bench":
		return runBench(ctx, args[1:], stdout, stderr)
	case "serve":
		return runServe(ctx, args[1:], stderr)
	case "snapshot", "compute":
		fmt.Fprintf(stderr, "warehoused %s: not implemented yet\n", args[0])
		return 1
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return 0
	}
	fmt.Fprintf(stderr, "warehoused: unknown command %q\n%s", args[0], usage)
	return 2
}
