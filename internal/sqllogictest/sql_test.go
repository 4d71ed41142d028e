package sqllogictest

import (
	"context"
	"flag"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/internal/testenv"
	"github.com/warehoused/warehoused/types"
)

var (
	rewrite = flag.Bool("rewrite", false, "rewrite expected query results in place with the actual ones (review the diff!)")
	pgDSN   = flag.String("pg", "", "run the files against this PostgreSQL server instead of warehoused (an oracle for -rewrite), e.g. \"host=127.0.0.1 user=postgres password=pg\"")
)

// TestSQL runs testdata/sql/**/*.test against a fresh embedded database per file.
func TestSQL(t *testing.T) {
	root, err := testenv.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(root, "testdata", "sql")
	vars := map[string]string{"TESTDATA": dir}
	if *pgDSN != "" {
		RunDir(t, dir, &Runner{Engine: "postgresql", Rewrite: *rewrite, Vars: vars}, openPostgres(*pgDSN), 2*time.Minute)
		return
	}
	RunDir(t, dir, &Runner{Engine: "warehoused", Rewrite: *rewrite, Vars: vars}, openWarehoused, 5*time.Minute)
}

// openWarehoused opens a fresh database in a temporary directory and one session on it.
func openWarehoused(t *testing.T, cfg map[string]string) Session {
	var c warehoused.Config
	if v, ok := cfg["batch-size"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("bad batch-size %q", v)
		}
		c.BatchSize = n
	}
	if v, ok := cfg["slices"]; ok {
		n, err := strconv.Atoi(v)
		if err != nil {
			t.Fatalf("bad slices %q", v)
		}
		c.Slices = n
	}
	ctx := context.Background()
	db, err := warehoused.Open(ctx, t.TempDir(), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	conn, err := db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	return &whSession{conn: conn}
}

// whSession adapts a warehoused session to Session.
type whSession struct {
	conn *warehoused.Conn
}

func (s *whSession) Exec(ctx context.Context, sql string) error {
	_, err := s.conn.Exec(ctx, sql)
	return err
}

func (s *whSession) Query(ctx context.Context, sql string) (*Result, error) {
	rows, err := s.conn.Query(ctx, sql)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols := rows.Columns()
	res := &Result{}
	letters := make([]byte, len(cols))
	for i, c := range cols {
		letters[i] = typeLetter(c.Type)
	}
	res.Types = string(letters)
	for rows.Next() {
		vals := rows.Values()
		row := make([]Value, len(vals))
		for i, d := range vals {
			if d == nil {
				row[i] = Value{Null: true}
				continue
			}
			row[i] = Value{S: types.Format(cols[i].Type, d)}
		}
		res.Rows = append(res.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// typeLetter maps a column type to its sqllogictest letter.
func typeLetter(t types.T) byte {
	switch t.ID {
	case types.Bool:
		return 'B'
	case types.Int16, types.Int32, types.Int64:
		return 'I'
	case types.Float32, types.Float64, types.Decimal:
		return 'R'
	case types.Date, types.Time, types.Timestamp, types.TimestampTZ:
		return 'D'
	}
	return 'T'
}
