package pgwire

import (
	"fmt"
	"testing"
)

// TestParseCacheRebinds checks that a cached SELECT text is bound afresh
// each time: it sees catalog changes made between runs.
func TestParseCacheRebinds(t *testing.T) {
	ts := startServer(t, Config{})
	pc := ts.connect(t).PgConn()
	ctx := testCtx(t)
	steps := []struct {
		query, want string // want: first value of the last result, or "error"
	}{
		{"create table t (x int)", ""},
		{"select count(*) from t; select 2", "2"},
		{"insert into t values (1), (2), (3)", ""},
		{"select count(*) from t", "3"},
		{"select count(*) from t", "3"},
		{"drop table t", ""},
		{"select count(*) from t", "error"},
		{"create table t (x text)", ""},
		{"select count(*) from t", "0"},
		{"select count(*) from t; select 2", "2"},
	}
	for i, s := range steps {
		res, err := pc.Exec(ctx, s.query).ReadAll()
		got := ""
		switch {
		case err != nil:
			got = "error"
		case len(res) > 0 && len(res[len(res)-1].Rows) > 0:
			got = string(res[len(res)-1].Rows[0][0])
		}
		if got != s.want {
			t.Fatalf("step %d %q: got %q (%v), want %q", i, s.query, got, err, s.want)
		}
	}
	// More distinct texts than the cache holds still run correctly.
	for i := range parseCacheEntries + 5 {
		res, err := pc.Exec(ctx, fmt.Sprintf("select %d", i)).ReadAll()
		if err != nil || string(res[0].Rows[0][0]) != fmt.Sprint(i) {
			t.Fatalf("select %d: %v %v", i, res, err)
		}
	}
}
