package pgwire

import (
	"context"

	"github.com/jackc/pgx/v5/pgproto3"
	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/sql/ast"
)

// simpleQuery serves a Query message: every statement of the string in
// turn, each with its own RowDescription, DataRows and CommandComplete; an
// error ends the string. The caller sends ReadyForQuery.
func (se *session) simpleQuery(ctx context.Context, text string) {
	// As in PostgreSQL, a simple query ends the unnamed statement and portal.
	delete(se.stmts, "")
	se.closePortal("")
	stmts, err := se.conn.Parse(text)
	if err != nil {
		se.w.send(errorResponse(err, sevError, 0))
		return
	}
	if len(stmts) == 0 {
		se.w.send(&pgproto3.EmptyQueryResponse{})
		return
	}
	from := 0
	for _, st := range stmts {
		shift, next := charOffset(text, st.SQL, from)
		if next == from {
			shift, next = charOffset(text, st.SQL, 0)
			next = max(next, from)
		}
		from = next
		if !se.runSimple(ctx, st, shift) {
			return
		}
		if se.w.err != nil {
			return
		}
	}
}

// runSimple runs one statement of a simple query; false after an error.
func (se *session) runSimple(ctx context.Context, st warehoused.Statement, shift int) bool {
	ctx, done := se.begin(ctx)
	defer done()
	rows, err := se.start(ctx, st, nil)
	if err != nil {
		se.w.send(errorResponse(err, sevError, shift))
		return false
	}
	defer rows.Close()
	cols := rows.Columns()
	if len(cols) > 0 {
		se.w.send(rowDescription(cols, nil))
	}
	rs := &rowStream{rows: rows, loc: se.conn.Location()}
	if _, err := se.sendRows(rs, 0); err != nil {
		se.w.send(errorResponse(err, sevError, shift))
		return false
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		se.w.send(errorResponse(err, sevError, shift))
		return false
	}
	se.w.send(&pgproto3.CommandComplete{CommandTag: []byte(rows.Tag())})
	se.reportParams()
	return true
}

// start runs a statement, through the COPY sub-protocol when it copies
// from or to the client.
func (se *session) start(ctx context.Context, st warehoused.Statement, args []any) (*warehoused.Rows, error) {
	if cs, ok := st.Stmt.(*ast.CopyStmt); ok && cs.Stdio {
		return se.runCopy(ctx, st, cs, args)
	}
	return se.conn.Run(ctx, st, args...)
}
