package warehoused

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/csv"
	"io"
	"os"
	"regexp"
	"strings"

	"github.com/klauspost/compress/zstd"
	"github.com/warehoused/warehoused/load"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// pgCopyOptionsRE recognises PostgreSQL's parenthesised option list after the file name.
var pgCopyOptionsRE = regexp.MustCompile(`(?is)'\s*(WITH\s*)?\(`)

func (c *Conn) copy(ctx context.Context, s *ast.CopyStmt, args []any) (*Rows, error) {
	if s.Stdio && (s.From && c.copyIn == nil || !s.From && c.copyOut == nil) {
		return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "COPY FROM STDIN / TO STDOUT needs a client stream (Conn.RunCopy); use a file")
	}
	if strings.Contains(s.File, "://") {
		return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "COPY from \"%s\" is not supported yet: only local files", s.File)
	}
	if !s.From {
		return c.copyTo(ctx, s, args)
	}
	return c.copyFrom(ctx, s)
}

// copyOptions turns the statement's options into the loader's.
func copyOptions(s *ast.CopyStmt, pgForm bool) (load.Options, error) {
	o := load.Options{File: s.File, Format: strings.ToLower(s.Format), Compression: s.Compression,
		EmptyAsNull: s.EmptyAsNull, BlanksAsNull: s.BlanksAsNull, Truncate: s.TruncateColumns}
	if o.Format == "" {
		o.Format = "text"
	}
	if o.Format != "text" && o.Format != "csv" {
		return o, sqlerr.Newf(sqlerr.FeatureNotSupported, "COPY format %s is not supported", strings.ToUpper(o.Format))
	}
	switch {
	case s.Delimiter != nil:
		d := *s.Delimiter
		if d == `\t` {
			d = "\t"
		}
		if len(d) != 1 {
			return o, sqlerr.Newf(sqlerr.FeatureNotSupported, "COPY delimiter must be a single one-byte character")
		}
		o.Delim = d[0]
	case o.Format == "csv":
		o.Delim = ','
	case pgForm:
		o.Delim = '\t'
	default:
		o.Delim = '|'
	}
	if s.Quote != nil && len(*s.Quote) == 1 {
		o.Quote = (*s.Quote)[0]
	}
	if s.Null != nil {
		o.Null = *s.Null
	} else if o.Format == "text" {
		o.Null = `\N`
	}
	o.Escapes = o.Format == "text" && (pgForm || s.Escape != nil)
	o.Header = s.IgnoreHeader
	if s.Header && o.Header == 0 {
		o.Header = 1
	}
	return o, nil
}

func (c *Conn) copyFrom(ctx context.Context, s *ast.CopyStmt) (*Rows, error) {
	t, err := c.targetTable(s.Table)
	if err != nil {
		return nil, err
	}
	o, err := copyOptions(s, c.copyIsPG)
	if err != nil {
		return nil, err
	}
	o.BatchSize = c.db.cfg.BatchSize
	o.Workers = c.db.cfg.Slices
	if s.Stdio {
		o.File, o.Reader = "STDIN", c.copyIn
	}
	// Which table column each file field fills.
	targets := make([]int, 0, len(t.Columns))
	if len(s.Columns) == 0 {
		for i, col := range t.Columns {
			if col.Identity == nil {
				targets = append(targets, i)
			}
		}
	} else {
		for _, name := range s.Columns {
			i := t.ColumnIndex(name)
			if i < 0 {
				return nil, sqlerr.Newf(sqlerr.UndefinedColumn, "column \"%s\" of relation \"%s\" does not exist", name, t.Name)
			}
			targets = append(targets, i)
		}
	}
	fields := make([]load.Field, len(targets))
	given := make([]bool, len(t.Columns))
	for i, ti := range targets {
		fields[i] = load.Field{Name: t.Columns[ti].Name, Type: t.Columns[ti].Type}
		given[ti] = true
	}
	// Columns not in the file get their DEFAULT (a constant) or NULL.
	fill := make([]types.Datum, len(t.Columns))
	for i, col := range t.Columns {
		if given[i] || col.DefaultSQL == "" {
			continue
		}
		e, err := (&bindCatalog{}).ParseExpr(col.DefaultSQL)
		if err != nil {
			return nil, err
		}
		if fill[i], err = c.evalConst(ctx, e, col.Type); err != nil {
			return nil, err
		}
	}
	d := c.tx.work.data[t.ID]
	var w storage.TableWriter
	if wantsCompUpdate(s, t, d) {
		w = &compUpdateWriter{c: c, t: t, d: d}
	} else if w, err = d.tab.Writer(ctx); err != nil {
		return nil, err
	}
	defer w.Abort()
	next := copyNext(d.next)
	n, err := load.Read(ctx, o, fields, func(b *vector.Batch) error {
		full := &vector.Batch{Cols: make([]*vector.Vector, len(t.Columns)), N: b.N}
		for i, ti := range targets {
			full.Cols[ti] = b.Cols[i]
		}
		for i, col := range t.Columns {
			if full.Cols[i] == nil {
				v := vector.New(col.Type, b.N)
				for r := 0; r < b.N; r++ {
					v.Set(r, fill[i])
				}
				full.Cols[i] = v
			}
		}
		fillIdentity(full, t, next)
		if err := checkAssign(full, t); err != nil {
			return sqlerr.From(err).WithDetail("while loading file \"%s\"", s.File)
		}
		return w.Append(ctx, full)
	})
	if err != nil {
		return nil, err
	}
	tab, err := w.Finish(ctx)
	if err != nil {
		return nil, err
	}
	c.tx.setData(t.ID, d.replaced(tab, next, n))
	r := emptyRows("COPY " + itoa(n))
	r.affected = n
	return r, nil
}

// copyTo writes a table or query result to a file.
func (c *Conn) copyTo(ctx context.Context, s *ast.CopyStmt, args []any) (*Rows, error) {
	sel := s.Query
	if sel == nil {
		t, err := c.resolve(s.Table)
		if err != nil {
			return nil, err
		}
		sel = &ast.Select{From: []ast.TableExpr{&ast.TableName{Schema: t.Schema, Name: t.Name}}}
		if len(s.Columns) == 0 {
			sel.Targets = []*ast.Target{{Expr: &ast.ColumnRef{Star: true}}}
		}
		for _, col := range s.Columns {
			sel.Targets = append(sel.Targets, &ast.Target{Expr: &ast.ColumnRef{Parts: []string{col}}})
		}
	}
	o, err := copyOptions(s, c.copyIsPG)
	if err != nil {
		return nil, err
	}
	rows, err := c.query(ctx, sel, args)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var f io.WriteCloser
	if s.Stdio {
		f = nopWriteCloser{c.copyOut}
	} else {
		file, err := os.Create(s.File)
		if err != nil {
			return nil, sqlerr.Wrapf(err, sqlerr.InternalError, "could not open file \"%s\" for writing", s.File)
		}
		defer file.Close()
		f = file
	}
	var w io.Writer = f
	var closer io.Closer
	comp := s.Compression
	if comp == "" {
		if strings.HasSuffix(s.File, ".gz") {
			comp = "gzip"
		} else if strings.HasSuffix(s.File, ".zst") {
			comp = "zstd"
		}
	}
	switch comp {
	case "gzip":
		zw := gzip.NewWriter(f)
		w, closer = zw, zw
	case "zstd":
		zw, err := zstd.NewWriter(f)
		if err != nil {
			return nil, sqlerr.From(err)
		}
		w, closer = zw, zw
	}
	bw := bufio.NewWriterSize(w, 1<<20)
	n, err := writeRows(bw, rows, o)
	if err != nil {
		return nil, err
	}
	if err := bw.Flush(); err != nil {
		return nil, sqlerr.From(err)
	}
	if closer != nil {
		if err := closer.Close(); err != nil {
			return nil, sqlerr.From(err)
		}
	}
	if err := f.Close(); err != nil {
		return nil, sqlerr.From(err)
	}
	r := emptyRows("COPY " + itoa(n))
	r.affected = n
	return r, nil
}

func writeRows(w *bufio.Writer, rows *Rows, o load.Options) (int64, error) {
	cols := rows.Columns()
	var n int64
	var cw *csv.Writer
	if o.Format == "csv" {
		cw = csv.NewWriter(w)
		cw.Comma = rune(o.Delim)
		if o.Header > 0 {
			rec := make([]string, len(cols))
			for i, col := range cols {
				rec[i] = col.Name
			}
			cw.Write(rec)
		}
	}
	rec := make([]string, len(cols))
	for {
		b, err := rows.NextBatch()
		if err != nil {
			return 0, err
		}
		if b == nil {
			break
		}
		for r := 0; r < b.N; r++ {
			for i, v := range b.Cols {
				if v.IsNull(r) {
					rec[i] = o.Null
					continue
				}
				s := types.Format(cols[i].Type, v.Get(r))
				if cw == nil && o.Escapes {
					s = escapeText(s, o.Delim)
				}
				rec[i] = s
			}
			if cw != nil {
				if err := cw.Write(rec); err != nil {
					return 0, sqlerr.From(err)
				}
				continue
			}
			for i, s := range rec {
				if i > 0 {
					w.WriteByte(o.Delim)
				}
				w.WriteString(s)
			}
			w.WriteByte('\n')
		}
		n += int64(b.N)
	}
	if cw != nil {
		cw.Flush()
		if err := cw.Error(); err != nil {
			return 0, sqlerr.From(err)
		}
	}
	return n, nil
}

func escapeText(s string, d byte) string {
	if !strings.ContainsAny(s, "\\\n\r\t"+string(d)) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			b.WriteString(`\\`)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			if d == '\t' {
				b.WriteString(`\t`)
			} else {
				b.WriteByte(c)
			}
		default:
			if c == d {
				b.WriteByte('\\')
			}
			b.WriteByte(c)
		}
	}
	return b.String()
}

type nopWriteCloser struct{ io.Writer }

func (nopWriteCloser) Close() error { return nil }

// RunCopy runs one statement with the streams COPY ... FROM STDIN reads and
// COPY ... TO STDOUT writes (a protocol server's copy sub-protocol, a shell's
// standard input and output). Other statements run as by Run.
func (c *Conn) RunCopy(ctx context.Context, st Statement, in io.Reader, out io.Writer, args ...any) (*Rows, error) {
	c.copyIn, c.copyOut = in, out
	defer func() { c.copyIn, c.copyOut = nil, nil }()
	rows, err := c.runStmt(ctx, st, args)
	return rows, err
}
