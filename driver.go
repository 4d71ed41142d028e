package warehoused

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"io"
	"net/url"
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/sqlerr"
)

// Registering a database/sql driver is the one accepted use of init.
func init() { sql.Register("warehoused", &Driver{}) }

// Driver is the database/sql driver "warehoused". The DSN is a data directory
// ("" for an in-memory database), optionally followed by ?slices=N&batch_size=N.
// Each sql.DB opened gets its own database: nothing is shared between them.
type Driver struct{}

// Open opens a single connection to a new database (database/sql prefers OpenConnector).
func (d *Driver) Open(dsn string) (driver.Conn, error) {
	c, err := d.OpenConnector(dsn)
	if err != nil {
		return nil, err
	}
	return c.Connect(context.Background())
}

// OpenConnector opens the database named by dsn.
func (d *Driver) OpenConnector(dsn string) (driver.Connector, error) {
	dir, cfg, err := parseDSN(dsn)
	if err != nil {
		return nil, err
	}
	db, err := Open(context.Background(), dir, cfg)
	if err != nil {
		return nil, err
	}
	return &connector{db: db, owned: true, drv: d}, nil
}

func parseDSN(dsn string) (string, Config, error) {
	var cfg Config
	dir, query, _ := strings.Cut(dsn, "?")
	if dir == ":memory:" || dir == "memory" {
		dir = ""
	}
	if query == "" {
		return dir, cfg, nil
	}
	vals, err := url.ParseQuery(query)
	if err != nil {
		return "", cfg, sqlerr.Wrapf(err, sqlerr.InvalidParameterValue, "invalid DSN options")
	}
	for k, v := range vals {
		n, err := strconv.Atoi(v[0])
		if err != nil {
			return "", cfg, sqlerr.Newf(sqlerr.InvalidParameterValue, "invalid DSN option %s=%s", k, v[0])
		}
		switch k {
		case "slices":
			cfg.Slices = n
		case "batch_size":
			cfg.BatchSize = n
		default:
			return "", cfg, sqlerr.Newf(sqlerr.InvalidParameterValue, "unknown DSN option %s", k)
		}
	}
	return dir, cfg, nil
}

// NewConnector returns a database/sql connector over an open database, for
// sql.OpenDB(warehoused.NewConnector(db)).
func NewConnector(db *DB) driver.Connector { return &connector{db: db, drv: &Driver{}} }

type connector struct {
	db    *DB
	owned bool
	drv   *Driver
}

func (c *connector) Connect(ctx context.Context) (driver.Conn, error) {
	s, err := c.db.Connect(ctx)
	if err != nil {
		return nil, err
	}
	return &driverConn{c: s}, nil
}

func (c *connector) Driver() driver.Driver { return c.drv }

// Close closes the database the connector opened (sql.DB.Close calls it).
func (c *connector) Close() error {
	if c.owned {
		return c.db.Close()
	}
	return nil
}

type driverConn struct {
	c *Conn
}

var (
	_ driver.ConnPrepareContext = (*driverConn)(nil)
	_ driver.ExecerContext      = (*driverConn)(nil)
	_ driver.QueryerContext     = (*driverConn)(nil)
	_ driver.ConnBeginTx        = (*driverConn)(nil)
	_ driver.Pinger             = (*driverConn)(nil)
	_ driver.NamedValueChecker  = (*driverConn)(nil)
)

func (d *driverConn) Prepare(query string) (driver.Stmt, error) {
	return d.PrepareContext(context.Background(), query)
}

func (d *driverConn) PrepareContext(ctx context.Context, query string) (driver.Stmt, error) {
	if _, err := d.c.parse(query); err != nil {
		return nil, err
	}
	return &driverStmt{c: d, query: query, n: countParams(query)}, nil
}

func (d *driverConn) Close() error { return d.c.Close() }

func (d *driverConn) Begin() (driver.Tx, error) {
	return d.BeginTx(context.Background(), driver.TxOptions{})
}

func (d *driverConn) BeginTx(ctx context.Context, opts driver.TxOptions) (driver.Tx, error) {
	if _, err := d.c.Exec(ctx, "BEGIN"); err != nil {
		return nil, err
	}
	return &driverTx{c: d}, nil
}

func (d *driverConn) Ping(ctx context.Context) error {
	_, err := d.c.db.current()
	return err
}

// CheckNamedValue passes every Go value through; conversion happens against
// the bound parameter types.
func (d *driverConn) CheckNamedValue(nv *driver.NamedValue) error {
	if v, ok := nv.Value.(driver.Valuer); ok {
		x, err := v.Value()
		if err != nil {
			return err
		}
		nv.Value = x
	}
	return nil
}

func namedArgs(args []driver.NamedValue) []any {
	out := make([]any, len(args))
	for i, a := range args {
		out[i] = a.Value
	}
	return out
}

func (d *driverConn) ExecContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Result, error) {
	res, err := d.c.Exec(ctx, query, namedArgs(args)...)
	if err != nil {
		return nil, err
	}
	return driver.RowsAffected(res.RowsAffected), nil
}

func (d *driverConn) QueryContext(ctx context.Context, query string, args []driver.NamedValue) (driver.Rows, error) {
	rows, err := d.c.Query(ctx, query, namedArgs(args)...)
	if err != nil {
		return nil, err
	}
	return &driverRows{r: rows}, nil
}

// countParams returns the highest $n in a statement, skipping quoted text.
func countParams(q string) int {
	n := 0
	for i := 0; i < len(q); i++ {
		switch q[i] {
		case '\'', '"':
			end := strings.IndexByte(q[i+1:], q[i])
			if end < 0 {
				return n
			}
			i += end + 1
		case '-':
			if i+1 < len(q) && q[i+1] == '-' {
				end := strings.IndexByte(q[i:], '\n')
				if end < 0 {
					return n
				}
				i += end
			}
		case '$':
			j := i + 1
			for j < len(q) && q[j] >= '0' && q[j] <= '9' {
				j++
			}
			if j > i+1 {
				if k, err := strconv.Atoi(q[i+1 : j]); err == nil && k > n {
					n = k
				}
			}
			i = j - 1
		}
	}
	return n
}

type driverStmt struct {
	c     *driverConn
	query string
	n     int
}

func (s *driverStmt) Close() error  { return nil }
func (s *driverStmt) NumInput() int { return s.n }

func (s *driverStmt) Exec(args []driver.Value) (driver.Result, error) {
	return s.ExecContext(context.Background(), valuesToNamed(args))
}

func (s *driverStmt) Query(args []driver.Value) (driver.Rows, error) {
	return s.QueryContext(context.Background(), valuesToNamed(args))
}

func (s *driverStmt) ExecContext(ctx context.Context, args []driver.NamedValue) (driver.Result, error) {
	return s.c.ExecContext(ctx, s.query, args)
}

func (s *driverStmt) QueryContext(ctx context.Context, args []driver.NamedValue) (driver.Rows, error) {
	return s.c.QueryContext(ctx, s.query, args)
}

func valuesToNamed(args []driver.Value) []driver.NamedValue {
	out := make([]driver.NamedValue, len(args))
	for i, a := range args {
		out[i] = driver.NamedValue{Ordinal: i + 1, Value: a}
	}
	return out
}

type driverTx struct{ c *driverConn }

func (t *driverTx) Commit() error {
	_, err := t.c.c.Exec(context.Background(), "COMMIT")
	return err
}

func (t *driverTx) Rollback() error {
	_, err := t.c.c.Exec(context.Background(), "ROLLBACK")
	return err
}

type driverRows struct {
	r *Rows
}

func (d *driverRows) Columns() []string {
	out := make([]string, len(d.r.cols))
	for i, c := range d.r.cols {
		out[i] = c.Name
	}
	return out
}

func (d *driverRows) Close() error { return d.r.Close() }

func (d *driverRows) Next(dest []driver.Value) error {
	if !d.r.Next() {
		if err := d.r.Err(); err != nil {
			return err
		}
		return io.EOF
	}
	loc := d.r.location()
	for i := range dest {
		v := d.r.cur.Cols[i].Get(d.r.row)
		dest[i] = GoValue(d.r.cols[i].Type, v, loc)
	}
	return nil
}

// ColumnTypeDatabaseTypeName reports the PostgreSQL type name.
func (d *driverRows) ColumnTypeDatabaseTypeName(i int) string {
	return strings.ToUpper(d.r.cols[i].Type.String())
}
