package pgwire

import "testing"

// TestPreparedStatementReuse runs cached (named, server-side) statements
// many times with different arguments, as pgx and pgjdbc do.
func TestPreparedStatementReuse(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.connect(t)
	ctx := testCtx(t)
	if _, err := c.Exec(ctx, "create table r (k int, v varchar(10))"); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if _, err := c.Exec(ctx, "insert into r values ($1, $2)", i, "v"); err != nil {
			t.Fatal(i, err)
		}
	}
	for i := 0; i < 20; i++ {
		var n int
		var s string
		if err := c.QueryRow(ctx, "select count(*), max(v) from r where k >= $1 and v like $2", i, "v%").Scan(&n, &s); err != nil || n != 20-i || s != "v" {
			t.Fatalf("round %d: %d %q %v", i, n, s, err)
		}
	}
	if _, err := c.Exec(ctx, "update r set v = $1 where k = $2", "w", 3); err != nil {
		t.Fatal(err)
	}
	tag, err := c.Exec(ctx, "delete from r where k < $1", 5)
	if err != nil || tag.String() != "DELETE 5" {
		t.Fatalf("%q %v", tag, err)
	}
}
