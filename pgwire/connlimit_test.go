package pgwire

import (
	"context"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// TestUserConnectionLimit checks CONNECTION LIMIT: one session more than
// the limit fails with 53300, and a closed session frees its place.
func TestUserConnectionLimit(t *testing.T) {
	ts := startServer(t, Config{})
	ctx := testCtx(t)
	admin, err := ts.db.Connect(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(ctx, "CREATE USER bob PASSWORD 'Bobpass123' CONNECTION LIMIT 1"); err != nil {
		t.Fatal(err)
	}
	url := "postgres://bob@" + ts.addr + "/dev?sslmode=disable&connect_timeout=5"
	first, err := pgx.Connect(ctx, url)
	if err != nil {
		t.Fatal(err)
	}
	_, err = pgx.Connect(ctx, url)
	if sqlState(err) != "53300" || err == nil {
		t.Fatalf("second session: %v, want 53300", err)
	}
	if want := `too many connections for role "bob"`; !containsString(err.Error(), want) {
		t.Errorf("error %q lacks %q", err, want)
	}
	// Other users are not limited by bob's sessions.
	ts.connect(t)
	first.Close(context.Background())
	// The server notices the closed session once its goroutine ends; retry briefly.
	var again *pgx.Conn
	for range 200 {
		if again, err = pgx.Connect(ctx, url); err == nil || sqlState(err) != "53300" {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if err != nil {
		t.Fatalf("after close: %v", err)
	}
	again.Close(context.Background())
}

func containsString(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
