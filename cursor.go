package warehoused

import (
	"context"
	"strconv"

	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Cursors (DECLARE / FETCH / MOVE / CLOSE) as Redshift has them: forward
// only, and alive only inside the transaction block that declared them.
// psycopg2's named cursors and ODBC's UseDeclareFetch page through large
// results this way. A cursor holds its query's open Rows, so FETCH streams
// from the running plan; nothing is materialised beyond the batch in hand.
// The cursors live on the txn, and db.release closes them, so every way a
// transaction ends (COMMIT, ROLLBACK, the end of an implicit block, the
// session closing) closes them too.
//
// WITH HOLD cursors (PostgreSQL's; psqlODBC's UseDeclareFetch declares
// them) outlive the COMMIT of the transaction that declared them: COMMIT
// moves them to the session (Conn.held) with a DB pin of their own, so
// their plan keeps streaming from the snapshot it started on instead of
// being materialised as PostgreSQL does. A ROLLBACK closes them with the
// rest. Declared outside a block, they go to the session at once.

// cursor is one DECLAREd cursor.
type cursor struct {
	rows    *Rows
	cancel  context.CancelFunc // ends the query's own context
	pending *vector.Batch      // rows read from rows but not yet fetched
	hold    bool               // WITH HOLD
	unpin   func()             // a held cursor's own DB pin; nil otherwise
}

// next returns up to max rows (all of a batch when max < 0) from the cursor,
// nil at the end. ctx is the FETCH statement's context: a cancel request or
// statement_timeout stops the plan while it produces this batch.
func (cu *cursor) next(ctx context.Context, max int64) (*vector.Batch, error) {
	b := cu.pending
	cu.pending = nil
	if b == nil {
		cu.rows.ctx = ctx
		var err error
		b, err = cu.rows.NextBatch()
		if err != nil || b == nil {
			return nil, err
		}
	}
	if max >= 0 && int64(b.N) > max {
		cu.pending = b.Slice(int(max), b.N)
		b = b.Slice(0, int(max))
	}
	return b, nil
}

func (cu *cursor) close() {
	cu.rows.Close()
	cu.cancel()
	if cu.unpin != nil {
		cu.unpin()
		cu.unpin = nil
	}
}

// holdCursor gives a WITH HOLD cursor to the session, pinning the DB so
// the blocks its plan reads stay.
func (c *Conn) holdCursor(name string, cu *cursor) {
	c.db.pin()
	cu.unpin = c.db.unpin
	if c.held == nil {
		c.held = map[string]*cursor{}
	}
	c.held[name] = cu
}

// keepHeldCursors moves tx's WITH HOLD cursors to the session; COMMIT
// calls it once the commit succeeded, before releasing tx.
func (c *Conn) keepHeldCursors(tx *txn) {
	for name, cu := range tx.cursors {
		if cu.hold {
			delete(tx.cursors, name)
			c.holdCursor(name, cu)
		}
	}
}

// closeHeldCursors closes the session's WITH HOLD cursors.
func (c *Conn) closeHeldCursors() {
	for name, cu := range c.held {
		cu.close()
		delete(c.held, name)
	}
}

// closeCursors closes every cursor of the transaction; nil-safe.
func (t *txn) closeCursors() {
	if t == nil {
		return
	}
	for name, cu := range t.cursors {
		cu.close()
		delete(t.cursors, name)
	}
}

// declareCursor runs DECLARE name CURSOR FOR query.
func (c *Conn) declareCursor(ctx context.Context, s *ast.DeclareCursorStmt, args []any) (*Rows, error) {
	if !c.tx.explicit && !s.Hold {
		return nil, sqlerr.Newf(sqlerr.NoActiveSQLTransaction, "DECLARE CURSOR can only be used in transaction blocks")
	}
	if _, err := c.findCursor(s.Name); err == nil {
		return nil, sqlerr.Newf(sqlerr.DuplicateCursor, "cursor \"%s\" already exists", s.Name)
	}
	// The query outlives the DECLARE statement, whose context ends with it;
	// each FETCH lends the plan its own context (cursor.next).
	// While DECLARE runs (planning, opening the plan) a cancel request or
	// statement_timeout still stops it.
	qctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	stop := context.AfterFunc(ctx, cancel)
	rows, err := c.query(qctx, s.Query, args)
	stop()
	if err == nil && ctx.Err() != nil {
		rows.Close()
		err = ctx.Err()
	}
	if err != nil {
		cancel()
		return nil, sqlerr.From(err)
	}
	rows.conn = c
	cu := &cursor{rows: rows, cancel: cancel, hold: s.Hold}
	if !c.tx.explicit || (c.implicit && s.Hold) {
		// Outside a block (or in a multi-statement query's implicit one)
		// the transaction commits without a COMMIT statement: hold it now.
		c.holdCursor(s.Name, cu)
		return emptyRows("DECLARE CURSOR"), nil
	}
	if c.tx.cursors == nil {
		c.tx.cursors = map[string]*cursor{}
	}
	c.tx.cursors[s.Name] = cu
	return emptyRows("DECLARE CURSOR"), nil
}

func (c *Conn) findCursor(name string) (*cursor, error) {
	if c.tx != nil {
		if cu, ok := c.tx.cursors[name]; ok {
			return cu, nil
		}
	}
	if cu, ok := c.held[name]; ok {
		return cu, nil
	}
	return nil, sqlerr.Newf(sqlerr.InvalidCursorName, "cursor \"%s\" does not exist", name)
}

// fetch runs FETCH (rows streamed from the cursor, tag "FETCH n") and MOVE
// (rows skipped, tag "MOVE n").
func (c *Conn) fetch(ctx context.Context, s *ast.FetchStmt) (*Rows, error) {
	cu, err := c.findCursor(s.Name)
	if err != nil {
		return nil, err
	}
	if s.Move {
		var n int64
		for s.Count == ast.FetchAll || n < s.Count {
			max := int64(-1)
			if s.Count != ast.FetchAll {
				max = s.Count - n
			}
			b, err := cu.next(ctx, max)
			if err != nil {
				return nil, err
			}
			if b == nil {
				break
			}
			n += int64(b.N)
		}
		return emptyRows("MOVE " + strconv.FormatInt(n, 10)), nil
	}
	op := &fetchOp{cu: cu, left: s.Count}
	r := opRows(ctx, cu.rows.cols, op)
	r.tagPrefix = "FETCH"
	return r, nil
}

// fetchOp feeds one FETCH's rows from a cursor. Closing it leaves the
// cursor open for the next FETCH.
type fetchOp struct {
	cu   *cursor
	left int64 // rows still to return; ast.FetchAll for all
}

func (o *fetchOp) Open(context.Context) error { return nil }

func (o *fetchOp) Next(ctx context.Context) (*vector.Batch, error) {
	if o.left == 0 {
		return nil, nil
	}
	b, err := o.cu.next(ctx, o.left)
	if err != nil || b == nil {
		return nil, err
	}
	if o.left != ast.FetchAll {
		o.left -= int64(b.N)
	}
	return b, nil
}

func (o *fetchOp) Close() error { return nil }

func (o *fetchOp) Types() []types.T {
	out := make([]types.T, len(o.cu.rows.cols))
	for i, col := range o.cu.rows.cols {
		out[i] = col.Type
	}
	return out
}

// closeCursor runs CLOSE name | CLOSE ALL. CLOSE ALL outside a transaction
// block has nothing to close and succeeds, as in PostgreSQL.
func (c *Conn) closeCursor(s *ast.CloseCursorStmt) (*Rows, error) {
	if s.Name == "" {
		c.tx.closeCursors()
		c.closeHeldCursors()
		return emptyRows("CLOSE CURSOR ALL"), nil
	}
	cu, err := c.findCursor(s.Name)
	if err != nil {
		return nil, err
	}
	cu.close()
	delete(c.tx.cursors, s.Name)
	delete(c.held, s.Name)
	return emptyRows("CLOSE CURSOR"), nil
}

// cursorColumns is the row shape FETCH from the named cursor returns, for
// Describe; nil for an unknown cursor (the FETCH itself reports it).
func (c *Conn) cursorColumns(name string) []Column {
	cu, err := c.findCursor(name)
	if err != nil {
		return nil
	}
	return cu.rows.cols
}
