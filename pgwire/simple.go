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
//
// Several statements run as one implicit transaction block, as in
// PostgreSQL: an error rolls back the statements before it, and the block
// commits before the last statement's CommandComplete (so a failed commit
// is reported in its place). BEGIN, COMMIT and ROLLBACK inside the string
// act on the block as PostgreSQL's do (see warehoused.Conn.BeginImplicit).
func (se *session) simpleQuery(ctx context.Context, text string) {
	// As in PostgreSQL, a simple query ends the unnamed statement and portal.
	delete(se.stmts, "")
	se.closePortal("")
	stmts, err := se.cachedParse(text)
	if err != nil {
		se.w.send(errorResponse(err, sevError, 0))
		return
	}
	if len(stmts) == 0 {
		se.w.send(&pgproto3.EmptyQueryResponse{})
		return
	}
	multi := len(stmts) > 1
	from := 0
	for i, st := range stmts {
		shift, next := charOffset(text, st.SQL, from)
		if next == from {
			shift, next = charOffset(text, st.SQL, 0)
			next = max(next, from)
		}
		from = next
		var finish func() error
		if multi {
			if err := se.conn.BeginImplicit(); err != nil {
				se.w.send(errorResponse(err, sevError, 0))
				return
			}
			if i == len(stmts)-1 {
				finish = func() error { return se.conn.EndImplicit(true) }
			}
		}
		if !se.runSimple(ctx, st, shift, finish) || se.w.err != nil {
			if multi {
				se.conn.EndImplicit(false)
			}
			return
		}
	}
}

// runSimple runs one statement of a simple query; false after an error.
// finish, when not nil, runs after the rows are sent and before
// CommandComplete; its error replaces CommandComplete.
func (se *session) runSimple(ctx context.Context, st warehoused.Statement, shift int, finish func() error) bool {
	if ds, ok := st.Stmt.(*ast.DeallocateStmt); ok && se.deallocateParsed(ds) {
		se.w.send(&pgproto3.CommandComplete{CommandTag: []byte("DEALLOCATE")})
		return true
	}
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
		se.sendNotices()
		se.w.send(errorResponse(err, sevError, shift))
		return false
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		se.sendNotices()
		se.w.send(errorResponse(err, sevError, shift))
		return false
	}
	if finish != nil {
		if err := finish(); err != nil {
			se.w.send(errorResponse(err, sevError, 0))
			return false
		}
	}
	se.sendNotices()
	se.w.send(&pgproto3.CommandComplete{CommandTag: []byte(rows.Tag())})
	se.reportParams()
	return true
}

// start runs a statement, through the COPY sub-protocol when it copies
// from or to the client, and sends the notices it raised.
func (se *session) start(ctx context.Context, st warehoused.Statement, args []any) (*warehoused.Rows, error) {
	defer se.sendNotices()
	if cs, ok := st.Stmt.(*ast.CopyStmt); ok && cs.Stdio {
		return se.runCopy(ctx, st, cs, args)
	}
	return se.conn.Run(ctx, st, args...)
}

// deallocateParsed applies SQL DEALLOCATE to statements made by Parse
// messages: in PostgreSQL both share one namespace (psqlODBC parses
// "_PLAN0x..." and drops it with DEALLOCATE). It reports whether the name
// was one of them; DEALLOCATE ALL drops them all and goes on to the
// engine's own prepared statements.
func (se *session) deallocateParsed(ds *ast.DeallocateStmt) bool {
	if ds.Name == "" {
		for name := range se.stmts {
			if name != "" {
				delete(se.stmts, name)
			}
		}
		return false
	}
	if _, ok := se.stmts[ds.Name]; ok && ds.Name != "" {
		delete(se.stmts, ds.Name)
		return true
	}
	return false
}
