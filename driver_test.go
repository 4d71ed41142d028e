package warehoused_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/warehoused/warehoused"
	_ "github.com/warehoused/warehoused"
)

func TestDriver(t *testing.T) {
	db, err := sql.Open("warehoused", "?slices=2")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ctx := context.Background()
	if err := db.PingContext(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := db.ExecContext(ctx, "CREATE TABLE t (id INT, s VARCHAR(10), d DATE, f DOUBLE PRECISION)"); err != nil {
		t.Fatal(err)
	}
	res, err := db.ExecContext(ctx, "INSERT INTO t VALUES ($1, $2, $3, $4)", 1, "one", time.Date(2020, 1, 2, 0, 0, 0, 0, time.UTC), 1.5)
	if err != nil {
		t.Fatal(err)
	}
	if n, _ := res.RowsAffected(); n != 1 {
		t.Fatalf("affected %d", n)
	}
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO t VALUES (2, NULL, NULL, NULL)"); err != nil {
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	stmt, err := db.PrepareContext(ctx, "SELECT id, s, d, f FROM t WHERE id >= $1 ORDER BY id")
	if err != nil {
		t.Fatal(err)
	}
	defer stmt.Close()
	rows, err := stmt.QueryContext(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var id int64
		var s sql.NullString
		var d sql.NullTime
		var f sql.NullFloat64
		if err := rows.Scan(&id, &s, &d, &f); err != nil {
			t.Fatal(err)
		}
		got = append(got, s.String)
		if id == 1 && (!d.Valid || d.Time.Format("2006-01-02") != "2020-01-02" || f.Float64 != 1.5) {
			t.Fatalf("row 1: %v %v", d, f)
		}
		if id == 2 && (s.Valid || d.Valid || f.Valid) {
			t.Fatal("row 2 should be NULLs")
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0] != "one" {
		t.Fatalf("got %v", got)
	}
	// A second sql.DB is a separate database.
	db2, _ := sql.Open("warehoused", "")
	defer db2.Close()
	if _, err := db2.ExecContext(ctx, "SELECT * FROM t"); err == nil {
		t.Fatal("second database sees the first one's table")
	}
}

func TestArrow(t *testing.T) {
	db := openDB(t)
	c := connect(t, db)
	mustExec(t, c, "CREATE TABLE t (i INT, b BIGINT, n DECIMAL(10,2), s VARCHAR(5), d DATE, ts TIMESTAMP, ok BOOLEAN, f REAL)")
	mustExec(t, c, "INSERT INTO t VALUES (1, 10, 1.25, 'x', '2020-01-02', '2020-01-02 03:04:05', true, 0.5), (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL)")
	rr, err := c.QueryArrow(context.Background(), "SELECT * FROM t ORDER BY i")
	if err != nil {
		t.Fatal(err)
	}
	defer rr.Release()
	want := []arrow.Type{arrow.INT32, arrow.INT64, arrow.DECIMAL128, arrow.STRING, arrow.DATE32, arrow.TIMESTAMP, arrow.BOOL, arrow.FLOAT32}
	for i, f := range rr.Schema().Fields() {
		if f.Type.ID() != want[i] {
			t.Fatalf("field %s: %s", f.Name, f.Type)
		}
	}
	var n int64
	for rr.Next() {
		rec := rr.RecordBatch()
		n += rec.NumRows()
		if v := rec.Column(0).(*array.Int32).Value(0); v != 1 {
			t.Fatalf("i = %d", v)
		}
		if v := rec.Column(2).(*array.Decimal128).Value(0); v.LowBits() != 125 {
			t.Fatalf("n = %v", v)
		}
		if !rec.Column(3).IsNull(1) {
			t.Fatal("NULL expected")
		}
	}
	if err := rr.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Fatalf("%d rows", n)
	}
}

func TestRowsScan(t *testing.T) {
	db := openDB(t)
	rows, err := db.Query(context.Background(), "SELECT 1::int AS a, 'x' AS b, 2.5::float8 AS c, true AS d, DATE '2020-01-02' AS e")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	if !rows.Next() {
		t.Fatal(rows.Err())
	}
	var a int
	var b string
	var cc float64
	var d bool
	var e time.Time
	if err := rows.Scan(&a, &b, &cc, &d, &e); err != nil {
		t.Fatal(err)
	}
	if a != 1 || b != "x" || cc != 2.5 || !d || e.Day() != 2 {
		t.Fatalf("%v %v %v %v %v", a, b, cc, d, e)
	}
	rows.Next()
	if rows.Tag() != "SELECT 1" {
		t.Fatalf("tag %q", rows.Tag())
	}
	var _ = warehoused.Column{}
}
