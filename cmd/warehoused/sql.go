package main

import (
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"strings"
	"unicode/utf8"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

type shell struct {
	conn   *warehoused.Conn
	in     io.Reader // COPY ... FROM STDIN reads here (nil in interactive mode)
	out    io.Writer
	errw   io.Writer
	format string
	// keepGoing runs the rest of a script after a statement fails (the
	// exit status is still 1), like psql without ON_ERROR_STOP.
	keepGoing bool
}

func runSQL(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sql", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory (empty: in-memory)")
	command := fs.String("c", "", "run this SQL and exit")
	file := fs.String("f", "", "run the SQL in this file and exit")
	format := fs.String("format", "table", "output format: table or csv")
	slices := fs.Int("slices", 0, "parallelism (default: number of CPUs)")
	onError := fs.String("on-error", "stop", "in -c/-f scripts, after a failed statement: stop, or continue with the next")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if *onError != "stop" && *onError != "continue" {
		fmt.Fprintf(stderr, "warehoused sql: unknown --on-error %q (stop or continue)\n", *onError)
		return 2
	}
	if *format != "table" && *format != "csv" {
		fmt.Fprintf(stderr, "warehoused sql: unknown format %q (table or csv)\n", *format)
		return 2
	}
	if *slices == 0 {
		*slices = runtime.NumCPU()
	}
	db, err := warehoused.Open(ctx, *data, warehoused.Config{Slices: *slices, Version: version})
	if err != nil {
		printError(stderr, err)
		return 1
	}
	defer db.Close()
	conn, err := db.Connect(ctx)
	if err != nil {
		printError(stderr, err)
		return 1
	}
	defer conn.Close()
	sh := &shell{conn: conn, out: stdout, errw: stderr, format: *format, in: stdin, keepGoing: *onError == "continue"}
	switch {
	case *command != "":
		return sh.script(ctx, *command)
	case *file != "":
		text, err := os.ReadFile(*file)
		if err != nil {
			fmt.Fprintf(stderr, "warehoused sql: %v\n", err)
			return 1
		}
		return sh.script(ctx, string(text))
	}
	sh.in = nil // the prompt owns standard input
	return sh.interactive(ctx, stdin)
}

func printError(w io.Writer, err error) {
	e := sqlerr.From(err)
	fmt.Fprintf(w, "ERROR:  %s\n", e.Message)
	if e.Detail != "" {
		fmt.Fprintf(w, "DETAIL:  %s\n", e.Detail)
	}
	if e.Hint != "" {
		fmt.Fprintf(w, "HINT:  %s\n", e.Hint)
	}
	fmt.Fprintf(w, "SQLSTATE: %s\n", e.Code)
}

// script runs every statement of text, stopping at the first error unless
// keepGoing is set.
func (sh *shell) script(ctx context.Context, text string) int {
	stmts, err := sh.conn.Parse(text)
	if err != nil {
		printError(sh.errw, err)
		return 1
	}
	status := 0
	for _, st := range stmts {
		if err := sh.runStmt(ctx, st); err != nil {
			printError(sh.errw, err)
			status = 1
			if !sh.keepGoing || ctx.Err() != nil {
				return status
			}
		}
	}
	return status
}

func (sh *shell) runText(ctx context.Context, text string) error {
	stmts, err := sh.conn.Parse(text)
	if err != nil {
		return err
	}
	for _, st := range stmts {
		if err := sh.runStmt(ctx, st); err != nil {
			return err
		}
	}
	return nil
}

// runStmt runs one statement and prints its result.
func (sh *shell) runStmt(ctx context.Context, st warehoused.Statement) error {
	rows, err := sh.conn.RunCopy(ctx, st, sh.in, sh.out)
	if err != nil {
		return err
	}
	return sh.print(rows)
}

// print writes one statement's result.
func (sh *shell) print(rows *warehoused.Rows) error {
	defer rows.Close()
	cols := rows.Columns()
	if len(cols) == 0 {
		for rows.Next() {
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if sh.format == "table" {
			fmt.Fprintln(sh.out, rows.Tag())
		}
		return nil
	}
	var data [][]string
	var nulls [][]bool
	for rows.Next() {
		vals := rows.Values()
		rec := make([]string, len(vals))
		nl := make([]bool, len(vals))
		for i, v := range vals {
			rec[i] = types.Format(cols[i].Type, v)
			nl[i] = v == nil
		}
		data = append(data, rec)
		nulls = append(nulls, nl)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if sh.format == "csv" {
		w := csv.NewWriter(sh.out)
		hdr := make([]string, len(cols))
		for i, c := range cols {
			hdr[i] = c.Name
		}
		w.Write(hdr)
		w.WriteAll(data)
		return w.Error()
	}
	writeTable(sh.out, cols, data)
	return nil
}

// writeTable prints rows as psql's aligned format does.
func writeTable(w io.Writer, cols []warehoused.Column, data [][]string) {
	width := make([]int, len(cols))
	right := make([]bool, len(cols))
	for i, c := range cols {
		width[i] = utf8.RuneCountInString(c.Name)
		right[i] = c.Type.IsNumeric()
	}
	for _, rec := range data {
		for i, s := range rec {
			width[i] = max(width[i], utf8.RuneCountInString(s))
		}
	}
	var b strings.Builder
	for i, c := range cols {
		if i > 0 {
			b.WriteByte('|')
		}
		n := utf8.RuneCountInString(c.Name)
		left := (width[i] - n) / 2
		b.WriteString(" " + strings.Repeat(" ", left) + c.Name + strings.Repeat(" ", width[i]-n-left) + " ")
	}
	fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	b.Reset()
	for i := range cols {
		if i > 0 {
			b.WriteByte('+')
		}
		b.WriteString(strings.Repeat("-", width[i]+2))
	}
	fmt.Fprintln(w, b.String())
	for _, rec := range data {
		b.Reset()
		for i, s := range rec {
			if i > 0 {
				b.WriteByte('|')
			}
			pad := strings.Repeat(" ", width[i]-utf8.RuneCountInString(s))
			if right[i] {
				b.WriteString(" " + pad + s + " ")
			} else {
				b.WriteString(" " + s + pad + " ")
			}
		}
		fmt.Fprintln(w, strings.TrimRight(b.String(), " "))
	}
	if len(data) == 1 {
		fmt.Fprintln(w, "(1 row)")
	} else {
		fmt.Fprintf(w, "(%d rows)\n", len(data))
	}
	fmt.Fprintln(w)
}
