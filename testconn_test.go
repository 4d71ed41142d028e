package warehoused

import (
	"context"
	"testing"
)

// openTestConn opens an in-memory database and one session on it, both
// closed when the test ends.
func openTestConn(t *testing.T, cfg Config) (*DB, *Conn) {
	t.Helper()
	ctx := context.Background()
	db, err := Open(ctx, "", cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c, err := db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return db, c
}
