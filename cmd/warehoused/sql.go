package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
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
}

func runSQL(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("sql", flag.ContinueOnError)
	fs.SetOutput(stderr)
	data := fs.String("data", "", "data directory (empty: in-memory)")
	command := fs.String("c", "", "run this SQL and exit")
	file := fs.String("f", "", "run the SQL in this file and exit")
	format := fs.String("format", "table", "output format: table or csv")
	slices := fs.Int("slices", 0, "parallelism (default: number of CPUs)")
	if err := fs.Parse(args); err != nil {
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
	sh := &shell{conn: conn, out: stdout, errw: stderr, format: *format, in: stdin}
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

// script runs every statement of text, stopping at the first error.
func (sh *shell) script(ctx context.Context, text string) int {
	if err := sh.runText(ctx, text); err != nil {
		printError(sh.errw, err)
		return 1
	}
	return 0
}

func (sh *shell) runText(ctx context.Context, text string) error {
	stmts, err := sh.conn.Parse(text)
	if err != nil {
		return err
	}
	for _, st := range stmts {
		rows, err := sh.conn.RunCopy(ctx, st, sh.in, sh.out)
		if err != nil {
			return err
		}
		if err := sh.print(rows); err != nil {
			return err
		}
	}
	return nil
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

// interactive reads statements (ending in ';') from in until EOF or \q.
func (sh *shell) interactive(ctx context.Context, in io.Reader) int {
	tty := false
	if f, ok := in.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 {
			tty = true
		}
	}
	prompt := func(cont bool) {
		if !tty {
			return
		}
		if cont {
			fmt.Fprint(sh.out, "warehoused-> ")
		} else {
			fmt.Fprint(sh.out, "warehoused=> ")
		}
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	var history []string
	var buf strings.Builder
	status := 0
	prompt(false)
	for sc.Scan() {
		line := sc.Text()
		trim := strings.TrimSpace(line)
		if buf.Len() == 0 && strings.HasPrefix(trim, `\`) {
			switch {
			case trim == `\q`:
				return status
			case trim == `\s`:
				for i, h := range history {
					fmt.Fprintf(sh.out, "%d  %s\n", i+1, h)
				}
			case trim == `\?`:
				fmt.Fprintln(sh.out, `\q quit, \s history`)
			default:
				fmt.Fprintf(sh.errw, "invalid command %s\n", trim)
			}
			prompt(false)
			continue
		}
		if buf.Len() > 0 {
			buf.WriteByte('\n')
		}
		buf.WriteString(line)
		if !complete(buf.String()) {
			prompt(buf.Len() > 0 && strings.TrimSpace(buf.String()) != "")
			continue
		}
		text := buf.String()
		buf.Reset()
		history = append(history, text)
		if err := sh.runText(ctx, text); err != nil {
			printError(sh.errw, err)
			status = 1
			if errors.Is(err, context.Canceled) {
				return status
			}
		}
		prompt(false)
	}
	if rest := strings.TrimSpace(buf.String()); rest != "" {
		if err := sh.runText(ctx, rest); err != nil {
			printError(sh.errw, err)
			status = 1
		}
	}
	return status
}

// complete reports whether text ends with a ';' outside quotes and comments.
func complete(text string) bool {
	last := false
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '\'' || c == '"':
			end := strings.IndexByte(text[i+1:], c)
			if end < 0 {
				return false
			}
			i += end + 1
			last = false
		case c == '-' && i+1 < len(text) && text[i+1] == '-':
			end := strings.IndexByte(text[i:], '\n')
			if end < 0 {
				return last
			}
			i += end
		case c == ';':
			last = true
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
		default:
			last = false
		}
	}
	return last
}
