package bind

import (
	"fmt"
	"os"
	"testing"
)

func TestTPCH(t *testing.T) {
	cat := newFakeCatalog(t)
	for q := 1; q <= 22; q++ {
		path := fmt.Sprintf("/work/shared/tpch/queries/q%02d.sql", q)
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		n, err := bindSQL(t, cat, string(data))
		if err != nil {
			t.Errorf("q%02d: %v", q, err)
			continue
		}
		if s := findSubquery(n); s != "" {
			t.Errorf("q%02d: subquery survived in %s", q, s)
		}
		if err := checkRefs(n); err != nil {
			t.Errorf("q%02d: %v\n%s", q, err, dump(n))
		}
		if testing.Verbose() {
			t.Logf("q%02d: %s", q, schemaString(n.Schema()))
		}
	}
}
