package deptest

import (
	"bufio"
	"bytes"
	"os/exec"
	"strings"
	"testing"
)

// TestLayering lists every package of the module with its (non-test) imports
// and fails on each edge the layering table forbids.
func TestLayering(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go tool not on PATH")
	}
	cmd := exec.Command("go", "list", "-e", "-f", `{{.ImportPath}}{{range .Imports}} {{.}}{{end}}`, Module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	n := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) == 0 {
			continue
		}
		n++
		for _, imp := range f[1:] {
			if why := Check(f[0], imp); why != "" {
				t.Errorf("%s imports %s: %s", f[0], imp, why)
			}
		}
	}
	if n == 0 {
		t.Fatal("go list returned no packages")
	}
}

func TestCheck(t *testing.T) {
	m := func(p string) string {
		if p == "" {
			return Module
		}
		return Module + "/" + p
	}
	cases := []struct {
		from, to string
		ok       bool
	}{
		{"exec", "storage", true},
		{"exec", "planner/plan", false},
		{"exec/kernels", "catalog", false},
		{"exec", "", false},
		{"storage", "catalog", false},
		{"storage", "exec", false},
		{"planner/plan", "planner/bind", false},
		{"planner/plan", "catalog", true},
		{"planner/bind", "planner/plan", true},
		{"planner/physical", "exec", true},
		{"sql/ast", "types", true},
		{"sql/ast", "sqlerr", false},
		{"sql", "sql/ast", true},
		{"", "planner/physical", true},
		{"", "pgwire", false},
		{"pgwire", "", true},
		{"cmd/warehoused", "pgwire", true},
		{"types", "vector", false},
		{"types", "sqlerr", true},
		{"sqlerr", "types", false},
		{"catalog", "storage", false},
		{"internal/tpchtest", "", true},
		{"internal/sqllogictest", "", true},
		{"internal/sqllogictest", "pgwire", false},
	}
	for _, c := range cases {
		why := Check(m(c.from), m(c.to))
		if (why == "") != c.ok {
			t.Errorf("Check(%q, %q) = %q, want ok=%v", c.from, c.to, why, c.ok)
		}
	}
	if why := Check(m("exec"), "github.com/pganalyze/pg_query_go/v6"); why == "" {
		t.Error("exec may not import pg_query")
	}
	if why := Check(m("sql/redshift"), "github.com/pganalyze/pg_query_go/v6"); why != "" {
		t.Errorf("sql/redshift importing pg_query: %s", why)
	}
	if why := Check(m(""), "flag"); why == "" {
		t.Error("the root package may not import flag")
	}
	if why := Check(m("cmd/warehoused"), "flag"); why != "" {
		t.Errorf("cmd importing flag: %s", why)
	}
}
