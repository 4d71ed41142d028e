package pgwire

import (
	"bytes"
	"context"
	"io"
	"strings"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// copyChunk is the largest CopyData payload sent for COPY TO STDOUT.
const copyChunk = 64 << 10

// runCopy runs COPY ... FROM STDIN or TO STDOUT through the copy
// sub-protocol. The engine pulls the client's data through a reader that
// receives CopyData messages one at a time (nothing is buffered beyond one
// message), and pushes its output through a writer that sends CopyData
// messages; each side announces itself (CopyInResponse/CopyOutResponse) on
// first use, so an error before the copy starts is a plain ErrorResponse.
// Binary COPY FROM STDIN (what pgx's CopyFrom sends) is translated to text.
func (se *session) runCopy(ctx context.Context, st warehoused.Statement, cs *ast.CopyStmt, args []any) (*warehoused.Rows, error) {
	in := &copyIn{se: se, cs: cs, lineStart: true}
	out := &copyOut{se: se, quote: '"', csv: strings.EqualFold(cs.Format, "csv")}
	if cs.Quote != nil && len(*cs.Quote) == 1 {
		out.quote = (*cs.Quote)[0]
	}
	if !cs.From {
		out.ncols = se.copyOutColumns(st, cs)
	}
	var src io.Reader = in
	if strings.EqualFold(cs.Format, "binary") {
		if !cs.From {
			return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "COPY TO STDOUT in binary format is not supported")
		}
		cols, err := se.copyColumns(cs)
		if err != nil {
			return nil, err
		}
		in.binary, in.ncols = true, len(cols)
		src = newBinaryCopyReader(in, cols)
		text := *cs
		tab, null, esc := "\t", `\N`, `\`
		text.Format, text.Delimiter, text.Null, text.Escape, text.Quote = "text", &tab, &null, &esc, nil
		st = warehoused.Statement{Stmt: &text, SQL: st.SQL}
	}
	rows, err := se.conn.RunCopy(ctx, st, src, out, args...)
	if err != nil {
		if in.fatal != nil {
			se.broken = in.fatal
		}
		if in.failed != nil {
			// The client's CopyFail is the cause, whatever the loader
			// made of the short input.
			return nil, in.failed
		}
		return nil, err
	}
	if cs.From && in.started {
		// The engine may stop before the end marker; the client still
		// sends everything up to CopyDone.
		for !in.finished {
			if _, err := in.next(); err != nil {
				break
			}
		}
		if in.fatal != nil {
			se.broken = in.fatal
			rows.Close()
			return nil, in.fatal
		}
		if in.failed != nil {
			rows.Close()
			return nil, in.failed
		}
	}
	if !cs.From {
		out.begin()
		out.flush()
		se.w.send(&pgproto3.CopyDone{})
	}
	return rows, nil
}

// copyColumns returns the columns a COPY reads or writes.
func (se *session) copyColumns(cs *ast.CopyStmt) ([]warehoused.Column, error) {
	if cs.Table == nil {
		return nil, nil
	}
	var b strings.Builder
	b.WriteString("SELECT ")
	if len(cs.Columns) == 0 {
		b.WriteString("*")
	}
	for i, c := range cs.Columns {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(quoteIdent(c))
	}
	b.WriteString(" FROM ")
	if cs.Table.Schema != "" {
		b.WriteString(quoteIdent(cs.Table.Schema) + ".")
	}
	b.WriteString(quoteIdent(cs.Table.Name))
	stmts, err := se.conn.Parse(b.String())
	if err != nil || len(stmts) != 1 {
		return nil, err
	}
	_, cols, err := se.conn.Describe(stmts[0], nil)
	return cols, err
}

// copyOutColumns is the number of columns COPY ... TO STDOUT sends (0 when
// it cannot tell: the count is informational for clients).
func (se *session) copyOutColumns(st warehoused.Statement, cs *ast.CopyStmt) int {
	if cs.Query != nil {
		_, cols, err := se.conn.Describe(warehoused.Statement{Stmt: &ast.SelectStmt{Query: cs.Query}, SQL: st.SQL}, nil)
		if err != nil {
			return 0
		}
		return len(cols)
	}
	cols, err := se.copyColumns(cs)
	if err != nil {
		return 0
	}
	return len(cols)
}

func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// copyIn reads the client's CopyData messages for COPY FROM STDIN.
type copyIn struct {
	se      *session
	cs      *ast.CopyStmt
	binary  bool
	ncols   int
	started bool
	// lineStart: the data so far ends a line; marker: the end-of-data
	// line was seen (the rest up to CopyDone is ignored).
	lineStart bool
	marker    bool
	buf       []byte // the current message's data
	pending   []byte // unread part of buf
	// finished is set by CopyDone, CopyFail or a broken connection;
	// failed holds CopyFail's error and fatal a protocol failure.
	finished bool
	failed   error
	fatal    error
}

func (r *copyIn) Read(p []byte) (int, error) {
	for len(r.pending) == 0 {
		if r.finished || r.marker {
			if r.marker && !r.finished {
				return 0, io.EOF
			}
			return 0, r.endErr()
		}
		got, err := r.next()
		if err != nil {
			return 0, err
		}
		if got && !r.binary {
			r.findEndMarker()
		}
	}
	n := copy(p, r.pending)
	r.pending = r.pending[n:]
	return n, nil
}

// findEndMarker cuts the data at a line holding only `\.`, the text and
// CSV formats' end-of-data marker, which psql sends before CopyDone.
func (r *copyIn) findEndMarker() {
	d := r.pending
	at := -1
	if r.lineStart && isEndMarker(d) {
		at = 0
	}
	for from := 0; at < 0; {
		i := bytes.Index(d[from:], []byte("\n\\."))
		if i < 0 {
			break
		}
		if isEndMarker(d[from+i+1:]) {
			at = from + i + 1
		}
		from += i + 1
	}
	if at >= 0 {
		r.pending, r.marker = d[:at], true
		return
	}
	r.lineStart = len(d) > 0 && d[len(d)-1] == '\n'
}

// isEndMarker reports whether b starts with `\.` ending its line (or the chunk).
func isEndMarker(b []byte) bool {
	if !bytes.HasPrefix(b, []byte(`\.`)) {
		return false
	}
	rest := b[2:]
	return len(rest) == 0 || rest[0] == '\n' || rest[0] == '\r'
}

func (r *copyIn) endErr() error {
	switch {
	case r.fatal != nil:
		return r.fatal
	case r.failed != nil:
		return r.failed
	}
	return io.EOF
}

// next receives one message; at the first call it starts the copy with
// CopyInResponse.
func (r *copyIn) next() (bool, error) {
	if !r.started {
		r.started = true
		n := r.ncols
		if !r.binary {
			if cols, err := r.se.copyColumns(r.cs); err == nil {
				n = len(cols)
			}
		}
		format := byte(0)
		if r.binary {
			format = 1
		}
		codes := make([]uint16, n)
		for i := range codes {
			codes[i] = uint16(format)
		}
		r.se.w.send(&pgproto3.CopyInResponse{OverallFormat: format, ColumnFormatCodes: codes})
		if err := r.se.w.flush(); err != nil {
			r.finished, r.fatal = true, err
			return false, err
		}
	}
	msg, err := r.se.be.Receive()
	if err != nil {
		r.finished, r.fatal = true, err
		return false, err
	}
	switch m := msg.(type) {
	case *pgproto3.CopyData:
		r.buf = append(r.buf[:0], m.Data...)
		r.pending = r.buf
		return true, nil
	case *pgproto3.CopyDone:
		r.finished = true
		return false, io.EOF
	case *pgproto3.CopyFail:
		r.finished = true
		r.failed = sqlerr.Newf(sqlerr.QueryCanceled, "COPY from stdin failed: %s", m.Message)
		return false, r.failed
	case *pgproto3.Flush, *pgproto3.Sync:
		return false, nil
	}
	r.finished = true
	r.fatal = protocolError("unexpected message type 0x%02x during COPY from stdin", typeByte(msg))
	return false, r.fatal
}

// copyOut sends the engine's COPY TO STDOUT output as CopyData messages.
type copyOut struct {
	se      *session
	started bool
	ncols   int
	csv     bool
	quote   byte
	inQuote bool   // inside a quoted CSV field (a newline there is data)
	partial []byte // the start of a row not yet complete
}

func (w *copyOut) begin() {
	if !w.started {
		w.started = true
		w.se.w.send(&pgproto3.CopyOutResponse{OverallFormat: 0, ColumnFormatCodes: make([]uint16, w.ncols)})
	}
}

// Write sends one CopyData message per row, as PostgreSQL does (clients
// such as psycopg 3 read rows message by message); a row split across
// writes is held until its end arrives.
func (w *copyOut) Write(p []byte) (int, error) {
	w.begin()
	n := len(p)
	start := 0
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case w.csv && c == w.quote:
			w.inQuote = !w.inQuote
		case c == '\n' && !w.inQuote:
			row := p[start : i+1]
			if len(w.partial) > 0 {
				row = append(w.partial, row...)
				w.partial = w.partial[:0]
			}
			w.se.w.send(&pgproto3.CopyData{Data: row})
			if w.se.w.err != nil {
				return 0, w.se.w.err
			}
			start = i + 1
		}
	}
	w.partial = append(w.partial, p[start:]...)
	return n, nil
}

// flush sends what remains of an unterminated last row.
func (w *copyOut) flush() {
	if len(w.partial) > 0 {
		w.se.w.send(&pgproto3.CopyData{Data: w.partial})
		w.partial = nil
	}
}
