package sqllogictest

import (
	"context"
	"errors"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/warehoused/warehoused/sqlerr"
)

// dbSeq numbers the scratch databases of one PostgreSQL oracle run.
var dbSeq atomic.Int64

// openPostgres returns an OpenFunc that creates a scratch database per file
// run on a PostgreSQL server and connects to it with the simple protocol, so
// values come back in PostgreSQL's text format (the form expected results use).
func openPostgres(dsn string) OpenFunc {
	return func(t *testing.T, _ map[string]string) Session {
		ctx := context.Background()
		admin, err := pgconn.Connect(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		name := fmt.Sprintf("slt_%d_%d", time.Now().UnixNano(), dbSeq.Add(1))
		if _, err := admin.Exec(ctx, "CREATE DATABASE "+name).ReadAll(); err != nil {
			t.Fatal(err)
		}
		conn, err := pgconn.Connect(ctx, dsn+" dbname="+name)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			conn.Close(ctx)
			admin.Exec(ctx, "DROP DATABASE "+name+" WITH (FORCE)").ReadAll()
			admin.Close(ctx)
		})
		s := &pgSession{conn: conn}
		if err := s.Exec(ctx, "SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'"); err != nil {
			t.Fatal(err)
		}
		return s
	}
}

// pgSession adapts a PostgreSQL connection to Session.
type pgSession struct {
	conn *pgconn.PgConn
}

func pgErr(err error) error {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return sqlerr.Newf(sqlerr.Code(pe.Code), "%s", pe.Message)
	}
	return err
}

func (s *pgSession) Exec(ctx context.Context, sql string) error {
	_, err := s.conn.Exec(ctx, sql).ReadAll()
	return pgErr(err)
}

func (s *pgSession) Query(ctx context.Context, sql string) (*Result, error) {
	// Read results one by one: ReadAll drops the row description of an empty result.
	mrr := s.conn.Exec(ctx, sql)
	var res *Result
	for mrr.NextResult() {
		rr := mrr.ResultReader()
		fds := rr.FieldDescriptions()
		cur := &Result{}
		letters := make([]byte, len(fds))
		for i, fd := range fds {
			letters[i] = oidLetter(fd.DataTypeOID)
		}
		cur.Types = string(letters)
		for rr.NextRow() {
			row := rr.Values()
			vals := make([]Value, len(row))
			for i, b := range row {
				if b == nil {
					vals[i] = Value{Null: true}
				} else {
					vals[i] = Value{S: string(b)}
				}
			}
			cur.Rows = append(cur.Rows, vals)
		}
		if _, err := rr.Close(); err != nil {
			mrr.Close()
			return nil, pgErr(err)
		}
		res = cur
	}
	if err := mrr.Close(); err != nil {
		return nil, pgErr(err)
	}
	if res == nil {
		res = &Result{}
	}
	return res, nil
}

// oidLetter maps a PostgreSQL type OID to its sqllogictest letter.
func oidLetter(oid uint32) byte {
	switch oid {
	case 16:
		return 'B'
	case 20, 21, 23:
		return 'I'
	case 700, 701, 1700:
		return 'R'
	case 1082, 1083, 1114, 1184:
		return 'D'
	}
	return 'T'
}
