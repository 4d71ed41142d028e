package pgwire

import "testing"

// TestDeallocateParsedStatement: SQL DEALLOCATE drops a statement a Parse
// message made, so the name can be parsed again (psqlODBC does this).
func TestDeallocateParsedStatement(t *testing.T) {
	ts := startServer(t, Config{})
	pc := ts.connect(t).PgConn()
	ctx := testCtx(t)
	for range 2 {
		if _, err := pc.Prepare(ctx, "_PLAN0x1", "select $1::int + 1", nil); err != nil {
			t.Fatal(err)
		}
		if _, err := pc.Exec(ctx, `DEALLOCATE "_PLAN0x1"`).ReadAll(); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := pc.Exec(ctx, `DEALLOCATE "_PLAN0x1"`).ReadAll(); sqlState(err) != "26000" {
		t.Fatalf("second DEALLOCATE: %v", err)
	}
}
