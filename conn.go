package warehoused

import (
	"context"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/warehoused/warehoused/sql"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
)

// Conn is a session: transaction state, settings and prepared statements.
// A Conn is used by one goroutine at a time.
type Conn struct {
	db       *DB
	settings *settings
	tx       *txn // nil outside a transaction block (and between autocommit statements)
	prepared map[string]*prepared
	closed   bool
	copyIsPG bool // the COPY being run uses PostgreSQL's option syntax
	id       int64
	copyIn   io.Reader          // COPY FROM STDIN source during RunCopy
	copyOut  io.Writer          // COPY TO STDOUT destination during RunCopy
	hasTemp  bool               // the session created temporary tables
	notices  []Notice           // raised since the last TakeNotices (notice.go)
	implicit bool               // c.tx is a multi-statement query's implicit block (implicit_tx.go)
	held     map[string]*cursor // WITH HOLD cursors that outlived their transaction (cursor.go)

	// Set by ConnectWith (conn_options.go): the connecting user and
	// database, and the start-up settings RESET ALL returns to.
	user, database string
	startup        [][2]string
}

// prepared is a statement kept by PREPARE.
type prepared struct {
	stmt  ast.Stmt
	text  string
	types []string
}

// Connect opens a session.
func (db *DB) Connect(ctx context.Context) (*Conn, error) {
	if _, err := db.current(); err != nil {
		return nil, err
	}
	return &Conn{db: db, settings: newSettings(db.cfg), prepared: map[string]*prepared{}, id: db.sessions.Add(1)}, nil
}

// Close ends the session, rolling back an open transaction and dropping its
// temporary tables.
func (c *Conn) Close() error {
	if c.closed {
		return nil
	}
	c.db.release(c.tx)
	c.tx = nil
	c.implicit = false
	c.closeHeldCursors()
	if c.hasTemp {
		c.dropTempSchema()
	}
	c.closed = true
	return nil
}

// tempSchema is the schema of this session's temporary tables.
func (c *Conn) tempSchema() string {
	c.hasTemp = true
	return "pg_temp_" + itoa(c.id)
}

// searchPath is the session's search_path with its temporary schema first.
func (c *Conn) searchPath() []string {
	p := c.settings.searchPath()
	if c.hasTemp {
		p = append([]string{"pg_temp_" + itoa(c.id)}, p...)
	}
	return p
}

func (c *Conn) dropTempSchema() {
	for attempt := 0; attempt < maxAutocommitRetries; attempt++ {
		st, err := c.db.current()
		if err != nil {
			return
		}
		name := "pg_temp_" + itoa(c.id)
		if _, ok := st.cat.Schema(name); !ok {
			return
		}
		tx := newTxn(st, false)
		ids, err := tx.catalogForWrite().DropSchema(name, true)
		if err != nil {
			return
		}
		for _, id := range ids {
			if tx.work.data[id] != nil {
				tx.setData(id, nil)
			}
		}
		if c.db.commit(tx) == nil {
			return
		}
	}
}

// InTransaction reports whether an explicit transaction block is open.
func (c *Conn) InTransaction() bool { return c.tx != nil && c.tx.explicit }

// TxStatus returns the ReadyForQuery status: 'I' idle, 'T' in a transaction
// block, 'E' in a failed transaction block.
func (c *Conn) TxStatus() byte {
	switch {
	case c.tx == nil || !c.tx.explicit || c.implicit:
		return 'I'
	case c.tx.aborted:
		return 'E'
	}
	return 'T'
}

// Setting returns a session setting (as SHOW prints it).
func (c *Conn) Setting(name string) (string, bool) { return c.settings.get(name) }

// Exec runs a script of one or more statements and returns the result of the last.
func (c *Conn) Exec(ctx context.Context, text string, args ...any) (Result, error) {
	stmts, err := c.parse(text)
	if err != nil {
		return Result{}, err
	}
	var res Result
	for _, p := range stmts {
		rows, err := c.runStmt(ctx, p, args)
		if err != nil {
			return res, err
		}
		for rows.Next() {
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, err
		}
		res = Result{RowsAffected: rows.affected, Tag: rows.Tag()}
	}
	return res, nil
}

// Query runs a script and returns the rows of its last statement (earlier
// statements run as by Exec). A statement that returns no rows yields empty
// Rows whose Tag says what it did.
func (c *Conn) Query(ctx context.Context, text string, args ...any) (*Rows, error) {
	stmts, err := c.parse(text)
	if err != nil {
		return nil, err
	}
	if len(stmts) == 0 {
		return emptyRows("EMPTY"), nil
	}
	for _, p := range stmts[:len(stmts)-1] {
		rows, err := c.runStmt(ctx, p, args)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return c.runStmt(ctx, stmts[len(stmts)-1], args)
}

// Statement is one parsed statement of a script, for protocol servers that
// run statements one at a time.
type Statement = sql.Parsed

// Parse splits and parses a script.
func (c *Conn) Parse(text string) ([]Statement, error) { return c.parse(text) }

// Run executes one parsed statement.
func (c *Conn) Run(ctx context.Context, st Statement, args ...any) (*Rows, error) {
	return c.runStmt(ctx, st, args)
}

func (c *Conn) parse(text string) (out []sql.Parsed, err error) {
	if c.closed {
		return nil, sqlerr.Newf(sqlerr.ConnectionException, "connection is closed")
	}
	defer c.recoverInto(&err, text)
	out, err = sql.Parse(text)
	if err != nil && c.tx != nil && c.tx.explicit {
		c.tx.aborted = true
	}
	return out, err
}

// recoverInto turns a panic into XX000, logging the stack once.
func (c *Conn) recoverInto(err *error, text string) {
	if r := recover(); r != nil {
		c.db.cfg.Logger.Error("internal error", "panic", fmt.Sprint(r), "statement", text, "stack", string(debug.Stack()))
		*err = sqlerr.Newf(sqlerr.InternalError, "internal error: %v", r)
		if c.tx != nil {
			if c.tx.explicit {
				c.tx.aborted = true
			} else {
				c.tx = nil
			}
		}
	}
}

// runStmt runs one statement inside the session's transaction, or in an
// implicit one committed right after it (autocommit).
func (c *Conn) runStmt(ctx context.Context, p sql.Parsed, args []any) (rows *Rows, err error) {
	if c.closed {
		return nil, sqlerr.Newf(sqlerr.ConnectionException, "connection is closed")
	}
	defer c.recoverInto(&err, p.SQL)
	if ts, ok := p.Stmt.(*ast.TransactionStmt); ok {
		return c.txControl(ts)
	}
	if c.tx != nil && c.tx.aborted {
		return nil, sqlerr.Newf(sqlerr.InFailedSQLTransaction, "current transaction is aborted, commands ignored until end of transaction block")
	}
	implicit := c.tx == nil
	for attempt := 0; ; attempt++ {
		if implicit {
			st, err := c.db.current()
			if err != nil {
				return nil, err
			}
			c.tx = newTxn(st, false)
		}
		rows, err = c.runInTx(ctx, p, args, implicit)
		// An autocommit statement that lost a race with another commit is
		// private work: run it again on the new snapshot.
		if err != nil && implicit && attempt < maxAutocommitRetries && sqlerr.CodeOf(err) == sqlerr.SerializationFailure {
			continue
		}
		return rows, err
	}
}

// maxAutocommitRetries bounds how often an autocommit statement is re-run after a 40001.
const maxAutocommitRetries = 64

// runInTx runs one statement in c.tx, committing it when implicit.
func (c *Conn) runInTx(ctx context.Context, p sql.Parsed, args []any, implicit bool) (rows *Rows, err error) {
	tx := c.tx
	ctx, cancel := c.statementContext(ctx)
	// The statement's snapshot stays pinned until its rows are closed.
	c.db.pin()
	unpin := sync.OnceFunc(c.db.unpin)
	rows, err = c.dispatch(ctx, p, args)
	if err == nil && implicit {
		err = c.db.commit(tx)
	}
	if err != nil {
		cancel()
		if rows != nil {
			rows.Close()
		}
		unpin()
		if implicit {
			c.tx = nil
		} else {
			tx.aborted = true
		}
		return nil, err
	}
	if implicit {
		c.tx = nil
	}
	rows.onClose = append(rows.onClose, cancel, unpin)
	rows.conn = c
	rows.failTx = tx
	return rows, nil
}

// statementContext applies statement_timeout.
func (c *Conn) statementContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if d := c.settings.timeout(); d > 0 {
		return context.WithTimeout(ctx, d)
	}
	return context.WithCancel(ctx)
}

func (c *Conn) txControl(ts *ast.TransactionStmt) (*Rows, error) {
	switch ts.Kind {
	case ast.TxBegin:
		if c.tx != nil && c.tx.explicit {
			if c.implicit {
				// BEGIN in a multi-statement query adopts its implicit block.
				c.implicit = false
				return emptyRows("BEGIN"), nil
			}
			// PostgreSQL warns and keeps the transaction going.
			c.notice(SeverityWarning, sqlerr.ActiveSQLTransaction, "there is already a transaction in progress")
			return emptyRows("BEGIN"), nil
		}
		st, err := c.db.current()
		if err != nil {
			return nil, err
		}
		c.tx = newTxn(st, true)
		c.tx.pinned = true
		c.db.pin()
		return emptyRows("BEGIN"), nil
	case ast.TxCommit:
		tx := c.tx
		c.tx = nil
		if tx == nil || c.implicit {
			c.notice(SeverityWarning, sqlerr.NoActiveSQLTransaction, "there is no transaction in progress")
		}
		c.implicit = false
		if tx == nil {
			return emptyRows("COMMIT"), nil
		}
		defer c.db.release(tx)
		if tx.aborted {
			return emptyRows("ROLLBACK"), nil
		}
		if err := c.db.commit(tx); err != nil {
			return nil, err
		}
		c.keepHeldCursors(tx)
		return emptyRows("COMMIT"), nil
	case ast.TxRollback:
		if c.tx == nil || c.implicit {
			c.notice(SeverityWarning, sqlerr.NoActiveSQLTransaction, "there is no transaction in progress")
		}
		c.implicit = false
		c.db.release(c.tx)
		c.tx = nil
		return emptyRows("ROLLBACK"), nil
	case ast.TxSavepoint:
		return emptyRows("SAVEPOINT"), nil
	case ast.TxRelease:
		return emptyRows("RELEASE"), nil
	}
	return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "ROLLBACK TO SAVEPOINT is not supported")
}

// dispatch runs one statement within c.tx.
func (c *Conn) dispatch(ctx context.Context, p sql.Parsed, args []any) (*Rows, error) {
	switch s := p.Stmt.(type) {
	case *ast.SelectStmt:
		return c.query(ctx, s.Query, args)
	case *ast.InsertStmt:
		return c.insert(ctx, s, args)
	case *ast.UpdateStmt:
		return c.update(ctx, s, args)
	case *ast.DeleteStmt:
		return c.delete(ctx, s, args)
	case *ast.CreateTableStmt:
		return c.createTable(ctx, s, p.SQL, args)
	case *ast.CreateViewStmt:
		return c.createView(s, p.SQL)
	case *ast.CreateSchemaStmt:
		return c.createSchema(s)
	case *ast.DropStmt:
		return c.drop(s)
	case *ast.TruncateStmt:
		return c.truncate(s)
	case *ast.AlterTableStmt:
		return c.alterTable(ctx, s)
	case *ast.CommentStmt:
		return c.comment(s)
	case *ast.ExplainStmt:
		return c.explain(ctx, s, args)
	case *ast.CopyStmt:
		// FROM STDIN / TO STDOUT and a parenthesised option list are
		// PostgreSQL's COPY (Redshift has neither): PostgreSQL's defaults.
		c.copyIsPG = s.Stdio || pgCopyOptionsRE.MatchString(p.SQL)
		return c.copy(ctx, s, args)
	case *ast.SetStmt:
		if isTransactionCharacteristics(s) {
			return c.setTransactionCharacteristics(s)
		}
		return c.set(s)
	case *ast.DiscardStmt:
		return c.discard(s)
	case *ast.ListenStmt:
		return c.listen(s)
	case *ast.ShowStmt:
		return c.show(s)
	case *ast.VacuumStmt:
		return c.vacuum(ctx, s)
	case *ast.AnalyzeStmt:
		if s.Compression {
			return c.analyzeCompression(ctx, s)
		}
		return c.analyze(ctx, s)
	case *ast.GrantStmt:
		if s.Revoke {
			return emptyRows("REVOKE"), nil
		}
		return emptyRows("GRANT"), nil
	case *ast.CreateUserStmt:
		return c.createUser(s)
	case *ast.AlterUserStmt:
		return c.alterUser(s)
	case *ast.DropUserStmt:
		return c.dropUser(s)
	case *ast.PrepareStmt:
		c.prepared[s.Name] = &prepared{stmt: s.Stmt, text: p.SQL}
		return emptyRows("PREPARE"), nil
	case *ast.ExecuteStmt:
		return c.execute(ctx, s)
	case *ast.DeclareCursorStmt:
		return c.declareCursor(ctx, s, args)
	case *ast.FetchStmt:
		return c.fetch(ctx, s)
	case *ast.CloseCursorStmt:
		return c.closeCursor(s)
	case *ast.DeallocateStmt:
		if s.Name == "" {
			c.prepared = map[string]*prepared{}
		} else if _, ok := c.prepared[s.Name]; !ok {
			return nil, sqlerr.Newf(sqlerr.InvalidSQLStatementName, "prepared statement \"%s\" does not exist", s.Name)
		} else {
			delete(c.prepared, s.Name)
		}
		return emptyRows("DEALLOCATE"), nil
	}
	return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "%s is not supported yet", stmtName(p.SQL))
}

func stmtName(text string) string {
	f := strings.Fields(text)
	if len(f) == 0 {
		return "statement"
	}
	if len(f) > 1 {
		return strings.ToUpper(f[0] + " " + f[1])
	}
	return strings.ToUpper(f[0])
}

// execute runs a PREPAREd statement with its EXECUTE arguments evaluated as constants.
func (c *Conn) execute(ctx context.Context, s *ast.ExecuteStmt) (*Rows, error) {
	p, ok := c.prepared[s.Name]
	if !ok {
		return nil, sqlerr.Newf(sqlerr.InvalidSQLStatementName, "prepared statement \"%s\" does not exist", s.Name)
	}
	var args []any
	if len(s.Args) > 0 {
		sel := &ast.Select{}
		for _, a := range s.Args {
			sel.Targets = append(sel.Targets, &ast.Target{Expr: a})
		}
		rows, err := c.query(ctx, sel, nil)
		if err != nil {
			return nil, err
		}
		defer rows.Close()
		if !rows.Next() {
			if err := rows.Err(); err != nil {
				return nil, err
			}
			return nil, sqlerr.Newf(sqlerr.InternalError, "EXECUTE arguments produced no row")
		}
		cols := rows.Columns()
		for i, d := range rows.Values() {
			args = append(args, typedValue{t: cols[i].Type, d: d})
		}
	}
	return c.dispatch(ctx, sql.Parsed{Stmt: p.stmt, SQL: p.text}, args)
}

// evalContextNow is the statement start time (overridable in tests).
func evalContextNow() time.Time { return time.Now() }
