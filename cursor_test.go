package warehoused

import (
	"context"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
)

func cursorTestConn(t *testing.T) (*DB, *Conn) {
	t.Helper()
	ctx := context.Background()
	db, c := openTestConn(t, Config{Slices: 2, BatchSize: 16})
	if _, err := c.Exec(ctx, "CREATE TABLE big AS SELECT * FROM generate_series(1, 5000) AS g(x)"); err != nil {
		t.Fatal(err)
	}
	return db, c
}

func (db *DB) pinCount() int {
	db.mu.Lock()
	defer db.mu.Unlock()
	return db.pins
}

// fetchAll runs a FETCH and returns its row count and tag.
func fetchAll(t *testing.T, c *Conn, text string) (int, string) {
	t.Helper()
	rows, err := c.Query(context.Background(), text)
	if err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", text, err)
	}
	return n, rows.Tag()
}

// TestCursorStreams checks FETCH reads from the running plan: after FETCH 10
// the cursor has pulled only a few batches, not the whole result.
func TestCursorStreams(t *testing.T) {
	_, c := cursorTestConn(t)
	ctx := context.Background()
	for _, s := range []string{"BEGIN", "DECLARE c CURSOR FOR SELECT x FROM big"} {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if n, tag := fetchAll(t, c, "FETCH 10 FROM c"); n != 10 || tag != "FETCH 10" {
		t.Fatalf("got %d rows, tag %q", n, tag)
	}
	if read := c.tx.cursors["c"].rows.count; read >= 5000 {
		t.Fatalf("cursor read %d rows for FETCH 10: materialised", read)
	}
	res, err := c.Exec(ctx, "MOVE 1000 IN c")
	if err != nil || res.Tag != "MOVE 1000" {
		t.Fatalf("MOVE: %v %q", err, res.Tag)
	}
	if n, tag := fetchAll(t, c, "FETCH ALL FROM c"); n != 3990 || tag != "FETCH 3990" {
		t.Fatalf("got %d rows, tag %q", n, tag)
	}
	if n, tag := fetchAll(t, c, "FETCH 3 FROM c"); n != 0 || tag != "FETCH 0" {
		t.Fatalf("got %d rows, tag %q at the end", n, tag)
	}
	if _, err := c.Exec(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
}

// TestCursorsClosedWithTransaction checks every way a transaction ends
// closes its cursors and returns the DB pins they held.
func TestCursorsClosedWithTransaction(t *testing.T) {
	ends := []struct {
		name string
		end  func(c *Conn) error
	}{
		{"commit", func(c *Conn) error { _, err := c.Exec(context.Background(), "COMMIT"); return err }},
		{"rollback", func(c *Conn) error { _, err := c.Exec(context.Background(), "ROLLBACK"); return err }},
		{"close", func(c *Conn) error { return c.Close() }},
		{"aborted", func(c *Conn) error {
			_, err := c.Exec(context.Background(), "SELECT 1/0")
			if sqlerr.CodeOf(err) != sqlerr.DivisionByZero {
				t.Fatalf("want 22012, got %v", err)
			}
			_, err = c.Exec(context.Background(), "FETCH 1 FROM c")
			if sqlerr.CodeOf(err) != sqlerr.InFailedSQLTransaction {
				t.Fatalf("FETCH in an aborted transaction: want 25P02, got %v", err)
			}
			_, err = c.Exec(context.Background(), "ROLLBACK")
			return err
		}},
	}
	for _, tc := range ends {
		t.Run(tc.name, func(t *testing.T) {
			db, c := cursorTestConn(t)
			ctx := context.Background()
			before := db.pinCount()
			for _, s := range []string{"BEGIN", "DECLARE c CURSOR FOR SELECT x FROM big ORDER BY x", "DECLARE d CURSOR FOR SELECT count(*) FROM big"} {
				if _, err := c.Exec(ctx, s); err != nil {
					t.Fatal(err)
				}
			}
			if n, _ := fetchAll(t, c, "FETCH 2 FROM c"); n != 2 {
				t.Fatalf("FETCH 2 gave %d rows", n)
			}
			cursors := c.tx.cursors
			if err := tc.end(c); err != nil {
				t.Fatal(err)
			}
			if len(cursors) != 0 {
				t.Fatalf("%d cursors left open", len(cursors))
			}
			if got := db.pinCount(); got >= before+1 {
				t.Fatalf("pins %d after the transaction ended, %d before it began", got, before)
			}
			if c.closed {
				return
			}
			_, err := c.Exec(ctx, "FETCH 1 FROM c")
			if sqlerr.CodeOf(err) != sqlerr.InvalidCursorName {
				t.Fatalf("FETCH after the end: want 34000, got %v", err)
			}
		})
	}
}

func TestCursorDescribe(t *testing.T) {
	_, c := cursorTestConn(t)
	ctx := context.Background()
	for _, s := range []string{"BEGIN", "DECLARE c CURSOR FOR SELECT x, x * 2 AS y FROM big"} {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	st, err := c.Parse("FETCH 5 FROM c")
	if err != nil {
		t.Fatal(err)
	}
	_, cols, err := c.Describe(st[0], nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(cols) != 2 || cols[0].Name != "x" || cols[1].Name != "y" {
		t.Fatalf("columns %v", cols)
	}
}

// TestCursorCancel checks a cancelled FETCH fails (and aborts the
// transaction) rather than hanging or returning rows.
func TestCursorCancel(t *testing.T) {
	_, c := cursorTestConn(t)
	ctx := context.Background()
	for _, s := range []string{"BEGIN", "DECLARE c CURSOR FOR SELECT a.x FROM big a, big b WHERE a.x + b.x < 0"} {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	_, err := c.Exec(cctx, "FETCH 1 FROM c")
	if sqlerr.CodeOf(err) != sqlerr.QueryCanceled {
		t.Fatalf("want 57014, got %v (%s)", err, sqlerr.CodeOf(err))
	}
	if c.TxStatus() != 'E' {
		t.Fatalf("status %c after a failed FETCH", c.TxStatus())
	}
	if _, err := c.Exec(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	// A cancelled DECLARE fails too and leaves no cursor behind.
	_, err = c.Exec(cctx, "DECLARE w CURSOR WITH HOLD FOR SELECT x FROM big")
	if sqlerr.CodeOf(err) != sqlerr.QueryCanceled {
		t.Fatalf("DECLARE: want 57014, got %v (%s)", err, sqlerr.CodeOf(err))
	}
	if len(c.held) != 0 {
		t.Fatal("cancelled DECLARE left a cursor")
	}
}

// TestHeldCursorPins checks a WITH HOLD cursor keeps a DB pin of its own
// after COMMIT and returns it when closed, by CLOSE, DISCARD ALL or the
// session's end.
func TestHeldCursorPins(t *testing.T) {
	ends := map[string]func(c *Conn) error{
		"close":       func(c *Conn) error { _, err := c.Exec(context.Background(), "CLOSE h"); return err },
		"close all":   func(c *Conn) error { _, err := c.Exec(context.Background(), "CLOSE ALL"); return err },
		"discard all": func(c *Conn) error { _, err := c.Exec(context.Background(), "DISCARD ALL"); return err },
		"session":     func(c *Conn) error { return c.Close() },
	}
	for name, end := range ends {
		t.Run(name, func(t *testing.T) {
			db, c := cursorTestConn(t)
			ctx := context.Background()
			before := db.pinCount()
			for _, s := range []string{"BEGIN", "DECLARE h CURSOR WITH HOLD FOR SELECT x FROM big ORDER BY x", "COMMIT"} {
				if _, err := c.Exec(ctx, s); err != nil {
					t.Fatal(err)
				}
			}
			if got := db.pinCount(); got != before+1 {
				t.Fatalf("pins %d with a held cursor, %d before", got, before)
			}
			if n, tag := fetchAll(t, c, "FETCH 3 FROM h"); n != 3 || tag != "FETCH 3" {
				t.Fatalf("got %d rows, tag %q", n, tag)
			}
			if err := end(c); err != nil {
				t.Fatal(err)
			}
			if got := db.pinCount(); got != before {
				t.Fatalf("pins %d after closing, %d before", got, before)
			}
			if len(c.held) != 0 {
				t.Fatalf("%d held cursors left", len(c.held))
			}
		})
	}
}

// TestCursorImplicitBlock: in a multi-statement query's implicit block a
// plain cursor ends with the block, a WITH HOLD one stays.
func TestCursorImplicitBlock(t *testing.T) {
	db, c := cursorTestConn(t)
	ctx := context.Background()
	before := db.pinCount()
	if err := c.BeginImplicit(); err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"DECLARE p CURSOR FOR SELECT x FROM big", "DECLARE h CURSOR WITH HOLD FOR SELECT x FROM big"} {
		if _, err := c.Exec(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	if n, _ := fetchAll(t, c, "FETCH 5 FROM p"); n != 5 {
		t.Fatalf("FETCH 5 gave %d rows", n)
	}
	if err := c.EndImplicit(true); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Exec(ctx, "FETCH 1 FROM p"); sqlerr.CodeOf(err) != sqlerr.InvalidCursorName {
		t.Fatalf("plain cursor after the block: %v", err)
	}
	if n, _ := fetchAll(t, c, "FETCH 5 FROM h"); n != 5 {
		t.Fatalf("held cursor after the block gave %d rows", n)
	}
	if _, err := c.Exec(ctx, "CLOSE h"); err != nil {
		t.Fatal(err)
	}
	if got := db.pinCount(); got != before {
		t.Fatalf("pins %d, %d before", got, before)
	}
}

// BenchmarkCursorFetch pages through a 5000-row cursor 100 rows a FETCH,
// as psycopg2's named cursors and ODBC's UseDeclareFetch do.
func BenchmarkCursorFetch(b *testing.B) {
	ctx := context.Background()
	db, err := Open(ctx, "", Config{})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	c, err := db.Connect(ctx)
	if err != nil {
		b.Fatal(err)
	}
	defer c.Close()
	if _, err := c.Exec(ctx, "CREATE TABLE big AS SELECT * FROM generate_series(1, 5000) AS g(x)"); err != nil {
		b.Fatal(err)
	}
	fetch, err := c.Parse("FETCH 100 FROM c")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, s := range []string{"BEGIN", "DECLARE c CURSOR FOR SELECT x FROM big"} {
			if _, err := c.Exec(ctx, s); err != nil {
				b.Fatal(err)
			}
		}
		for {
			rows, err := c.Run(ctx, fetch[0])
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				n++
			}
			rows.Close()
			if n == 0 {
				break
			}
		}
		if _, err := c.Exec(ctx, "COMMIT"); err != nil {
			b.Fatal(err)
		}
	}
}
