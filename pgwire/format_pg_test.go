package pgwire

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"github.com/warehoused/warehoused/types"
)

// TestFormatsAgainstPostgreSQL compares our text and binary output with a
// real PostgreSQL server's for every format case, when WAREHOUSED_TEST_PG
// names one (e.g. "host=127.0.0.1 port=5432 user=postgres").
func TestFormatsAgainstPostgreSQL(t *testing.T) {
	dsn := os.Getenv("WAREHOUSED_TEST_PG")
	if dsn == "" {
		t.Skip("WAREHOUSED_TEST_PG is not set")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgconn.Connect(ctx, dsn+" timezone=UTC")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	for _, c := range formatCases {
		t.Run(c.name, func(t *testing.T) {
			v := vectorOf(c.t, c.d)
			text := AppendText(nil, v, 0, time.UTC)
			bin, err := AppendBinary(nil, v, 0)
			if err != nil {
				t.Fatal(err)
			}
			sql := "SELECT $1::text::" + c.t.String()
			if c.t.ID == types.Char && c.t.Width > 0 {
				sql = "SELECT $1::text::char(" + strconv.Itoa(c.t.Width) + ")"
			}
			for _, f := range []int16{0, 1} {
				res := conn.ExecParams(ctx, sql, [][]byte{text}, nil, nil, []int16{f}).Read()
				if res.Err != nil {
					t.Fatalf("%s with %q: %v", sql, text, res.Err)
				}
				got := res.Rows[0][0]
				want := text
				if f == 1 {
					want = bin
				}
				if !bytes.Equal(got, want) {
					t.Errorf("format %d: PostgreSQL % x (%q), ours % x (%q)", f, got, got, want, want)
				}
				if oid := res.FieldDescriptions[0].DataTypeOID; oid != TypeOID(c.t) {
					t.Errorf("OID: PostgreSQL %d, ours %d", oid, TypeOID(c.t))
				}
				if mod := res.FieldDescriptions[0].TypeModifier; mod != TypeMod(c.t) {
					t.Errorf("typmod: PostgreSQL %d, ours %d", mod, TypeMod(c.t))
				}
				if size := res.FieldDescriptions[0].DataTypeSize; size != TypeSize(c.t) {
					t.Errorf("typlen: PostgreSQL %d, ours %d", size, TypeSize(c.t))
				}
			}
		})
	}
}
