package warehoused

import (
	"context"
	"fmt"
	"runtime/debug"
	"strconv"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Column is one result column.
type Column struct {
	Name string
	Type types.T
}

// Result is what a statement that returns no rows reports.
type Result struct {
	RowsAffected int64
	Tag          string // PostgreSQL command tag, e.g. "INSERT 0 5"
}

// Rows is a statement's result: rows streamed from the executing plan (a
// query) or prepared rows. Close it when done.
type Rows struct {
	cols []Column

	ctx   context.Context
	op    exec.Operator // nil for prepared batches
	bs    []*vector.Batch
	cur   *vector.Batch
	pos   int // next row of cur
	row   int // current row of cur (after Next)
	count int64

	tag       string // fixed tag; "" for a query ("SELECT n")
	tagPrefix string
	affected  int64
	done      bool
	err       error

	onClose []func()
	closed  bool
	conn    *Conn
	failTx  *txn
}

func emptyRows(tag string) *Rows { return &Rows{tag: tag, done: true} }

func batchRows(cols []Column, bs []*vector.Batch, tagPrefix string) *Rows {
	return &Rows{cols: cols, bs: bs, tagPrefix: tagPrefix}
}

func opRows(ctx context.Context, cols []Column, op exec.Operator) *Rows {
	return &Rows{cols: cols, ctx: ctx, op: op, tagPrefix: "SELECT"}
}

// Columns returns the result's columns (none for a statement without rows).
func (r *Rows) Columns() []Column { return r.cols }

// Tag returns the command tag: "SELECT n" (n counts the rows read so far),
// "INSERT 0 n", "CREATE TABLE", ...
func (r *Rows) Tag() string {
	if r.tag != "" {
		return r.tag
	}
	p := r.tagPrefix
	if p == "" {
		p = "SELECT"
	}
	if p == "SHOW" || p == "EXPLAIN" || p == "ANALYZE COMPRESSION" {
		return p
	}
	return p + " " + strconv.FormatInt(r.count, 10)
}

// RowsAffected is the count in the tag of INSERT, UPDATE, DELETE, COPY and SELECT.
func (r *Rows) RowsAffected() int64 {
	if r.tag == "" {
		return r.count
	}
	return r.affected
}

// Err returns the error that ended iteration, if any.
func (r *Rows) Err() error { return r.err }

// Next advances to the next row.
func (r *Rows) Next() bool {
	for r.cur == nil || r.pos >= r.cur.N {
		if !r.fetch() {
			return false
		}
	}
	r.row = r.pos
	r.pos++
	r.count++
	return true
}

// fetch loads the next batch into cur.
func (r *Rows) fetch() bool {
	r.cur, r.pos = nil, 0
	if r.done || r.closed {
		return false
	}
	b, err := r.nextBatch()
	if err != nil {
		r.fail(err)
		return false
	}
	if b == nil {
		r.done = true
		r.release()
		return false
	}
	r.cur = b
	return true
}

func (r *Rows) nextBatch() (b *vector.Batch, err error) {
	if r.op == nil {
		for len(r.bs) > 0 {
			b = r.bs[0]
			r.bs = r.bs[1:]
			if b != nil && b.N > 0 {
				return b, nil
			}
		}
		return nil, nil
	}
	defer func() {
		if p := recover(); p != nil {
			if r.conn != nil {
				r.conn.db.cfg.Logger.Error("internal error", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			}
			err = sqlerr.Newf(sqlerr.InternalError, "internal error: %v", p)
		}
	}()
	for {
		b, err = r.op.Next(r.ctx)
		if err != nil || b == nil || b.N > 0 {
			return b, err
		}
	}
}

func (r *Rows) fail(err error) {
	r.err = sqlerr.From(err)
	r.done = true
	if r.failTx != nil && r.failTx.explicit {
		r.failTx.aborted = true
	}
	r.release()
}

// NextBatch returns the rest of the current batch, or the next batch; nil at the end.
// It does not mix well with Next on the same Rows: use one or the other. The
// batch's vectors may share memory with stored tables: treat them as read-only.
func (r *Rows) NextBatch() (*vector.Batch, error) {
	if r.cur != nil && r.pos < r.cur.N {
		b := r.cur
		if r.pos > 0 {
			b = b.Slice(r.pos, b.N)
		}
		r.count += int64(b.N)
		r.cur, r.pos = nil, 0
		return b, nil
	}
	if !r.fetch() {
		return nil, r.err
	}
	b := r.cur
	r.count += int64(b.N)
	r.cur, r.pos = nil, 0
	return b, nil
}

// Values returns the current row as datums (see package types for the
// physical representation); nil entries are NULLs.
func (r *Rows) Values() []types.Datum {
	if r.cur == nil {
		return nil
	}
	return r.cur.Row(r.row)
}

// Scan copies the current row into dest: pointers to int64, int, int32,
// float64, float32, string, bool, time.Time, []byte, types.Datum/any, or
// *NullString-like pointers-to-pointers (**string etc. set to nil for NULL).
func (r *Rows) Scan(dest ...any) error {
	if r.cur == nil {
		return sqlerr.Newf(sqlerr.InvalidCursorState, "Scan called without a current row")
	}
	if len(dest) != len(r.cols) {
		return sqlerr.Newf(sqlerr.InternalError, "Scan: %d destinations for %d columns", len(dest), len(r.cols))
	}
	loc := r.location()
	for i, d := range dest {
		v := r.cur.Cols[i].Get(r.row)
		if err := scanInto(d, r.cols[i].Type, v, loc); err != nil {
			return sqlerr.Wrapf(err, sqlerr.DatatypeMismatch, "Scan column %d (%s)", i, r.cols[i].Name)
		}
	}
	return nil
}

// Close releases the rows; it is safe to call more than once.
func (r *Rows) Close() error {
	if r.closed {
		return nil
	}
	r.closed = true
	r.done = true
	r.cur = nil
	r.release()
	return nil
}

func (r *Rows) release() {
	if r.op != nil {
		if err := r.op.Close(); err != nil && r.err == nil {
			r.err = sqlerr.From(err)
		}
		r.op = nil
	}
	fns := r.onClose
	r.onClose = nil
	for _, f := range fns {
		f()
	}
}

// drain reads all remaining batches.
func (r *Rows) drain() ([]*vector.Batch, error) {
	var out []*vector.Batch
	for {
		b, err := r.NextBatch()
		if err != nil {
			return nil, err
		}
		if b == nil {
			return out, nil
		}
		out = append(out, b)
	}
}
