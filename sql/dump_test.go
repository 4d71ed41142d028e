package sql

import (
	"os"
	"testing"
)

// TestDumpAdhoc prints the AST of $PARSE_DUMP (a debugging aid).
func TestDumpAdhoc(t *testing.T) {
	q := os.Getenv("PARSE_DUMP")
	if q == "" {
		t.Skip("set PARSE_DUMP")
	}
	ps, err := Parse(q)
	if err != nil {
		t.Fatalf("%#v", err)
	}
	for _, p := range ps {
		t.Logf("%q\n%s", p.SQL, show(p.Stmt))
	}
}
