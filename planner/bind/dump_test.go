package bind

import (
	"os"
	"testing"
)

// TestDump prints the plan of $BIND_SQL (a debugging aid; skipped otherwise).
func TestDump(t *testing.T) {
	q := os.Getenv("BIND_SQL")
	if q == "" {
		t.Skip("set BIND_SQL")
	}
	if data, err := os.ReadFile(q); err == nil {
		q = string(data)
	}
	n, err := bindSQL(t, newFakeCatalog(t), q)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("\n%s", dump(n))
}
