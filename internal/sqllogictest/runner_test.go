package sqllogictest

import (
	"context"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
)

// fakeSession answers from a fixed table of results and errors.
type fakeSession struct {
	results map[string]*Result
	errs    map[string]error
	execs   []string
}

func (f *fakeSession) Exec(_ context.Context, sql string) error {
	f.execs = append(f.execs, sql)
	return f.errs[sql]
}

func (f *fakeSession) Query(_ context.Context, sql string) (*Result, error) {
	if err := f.errs[sql]; err != nil {
		return nil, err
	}
	if r, ok := f.results[sql]; ok {
		return r, nil
	}
	return nil, sqlerr.Newf(sqlerr.UndefinedTable, "no result for %q", sql)
}

func v(s string) Value { return Value{S: s} }

var null = Value{Null: true}

func newFake() *fakeSession {
	return &fakeSession{
		results: map[string]*Result{
			"SELECT a, b FROM t":             {Types: "IT", Rows: [][]Value{{v("2"), v("two words")}, {v("1"), null}, {v("3"), v("")}}},
			"SELECT 1.0/3":                   {Types: "R", Rows: [][]Value{{v("0.33333333333333331")}}},
			"SELECT x FROM u":                {Types: "I", Rows: [][]Value{{v("3")}, {v("1")}, {v("2")}}},
			"SELECT true, DATE '2020-01-01'": {Types: "BD", Rows: [][]Value{{v("t"), v("2020-01-01")}}},
		},
		errs: map[string]error{
			"SELECT 1/0":   sqlerr.Newf(sqlerr.DivisionByZero, "division by zero"),
			"SELEC 1":      sqlerr.Newf(sqlerr.SyntaxError, "syntax error at or near \"SELEC\""),
			"CREATE bogus": sqlerr.Newf(sqlerr.FeatureNotSupported, "not supported"),
		},
	}
}

const goodFile = `# config: batch-size=1,7
# a comment
hash-threshold 8

statement ok
CREATE TABLE t (a INT, b TEXT)

statement error pgcode 22012 division by
SELECT 1/0

statement error pgcode 42601
SELEC 1

query IT rowsort
SELECT a, b FROM t
----
1 NULL
2	two words
3 (empty)

query R
SELECT 1.0/3
----
0.333333333333333333

query I valuesort
SELECT x FROM u
----
1
2
3

query BD
SELECT true, DATE '2020-01-01'
----
t 2020-01-01

skipif warehoused
statement ok
CREATE bogus

query error pgcode 22012
SELECT 1/0

halt

statement ok
CREATE bogus
`

func TestParseAndRunPasses(t *testing.T) {
	f, err := Parse("good.test", goodFile)
	if err != nil {
		t.Fatal(err)
	}
	if got := len(f.Records); got != 11 {
		t.Fatalf("records = %d, want 11", got)
	}
	if runs := f.ConfigRuns(); len(runs) != 2 || ConfigName(runs[1]) != "batch-size=7" {
		t.Fatalf("config runs = %v", runs)
	}
	r := &Runner{Engine: "warehoused"}
	out := r.RunFile(context.Background(), f, newFake())
	for _, fl := range out.Failures {
		t.Error(fl.String())
	}
	if out.Ran != 8 {
		t.Errorf("ran %d records, want 8", out.Ran)
	}
}

func TestFailuresReported(t *testing.T) {
	cases := []struct {
		name, file, want string
	}{
		{"wrong code", "statement error pgcode 22003\nSELECT 1/0\n", "wrong SQLSTATE"},
		{"regex", "statement error pgcode 22012 overflow\nSELECT 1/0\n", "does not match"},
		{"no error", "statement error\nSELECT a, b FROM t\n", "expected an error"},
		{"stmt fails", "statement ok\nCREATE bogus\n", "statement failed"},
		{"types", "query II rowsort\nSELECT a, b FROM t\n----\n1 NULL\n2\ttwo words\n3 (empty)\n", "column types differ"},
		{"rows", "query IT rowsort\nSELECT a, b FROM t\n----\n1 NULL\n2 two\n3 (empty)\n", "result differs"},
		{"empty vs null", "query IT rowsort\nSELECT a, b FROM t\n----\n1 (empty)\n2\ttwo words\n3 (empty)\n", "result differs"},
		{"float", "query R\nSELECT 1.0/3\n----\n0.3333\n", "result differs"},
		{"order", "query I\nSELECT x FROM u\n----\n1\n2\n3\n", "result differs"},
		{"count", "query I\nSELECT x FROM u\n----\n3\n1\n", "result differs"},
		{"query fails", "query I\nSELECT 1/0\n----\n1\n", "query failed: [22012]"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f, err := Parse("x.test", c.file)
			if err != nil {
				t.Fatal(err)
			}
			out := (&Runner{Engine: "warehoused"}).RunFile(context.Background(), f, newFake())
			if len(out.Failures) != 1 {
				t.Fatalf("failures = %v, want 1", out.Failures)
			}
			s := out.Failures[0].String()
			if !strings.Contains(s, c.want) || !strings.HasPrefix(s, "x.test:1:") {
				t.Errorf("failure %q does not contain %q", s, c.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, text := range []string{
		"query X\nSELECT 1\n",
		"frobnicate\n",
		"statement maybe\nSELECT 1\n",
		"statement ok\n\n",
		"# config: batch-size\n",
	} {
		if _, err := Parse("bad.test", text); err == nil {
			t.Errorf("Parse(%q) succeeded, want error", text)
		}
	}
}

func TestRewrite(t *testing.T) {
	in := "statement ok\nCREATE TABLE t (a INT, b TEXT)\n\n" +
		"query II rowsort\nSELECT a, b\nFROM t\n----\nold\n\n" +
		"query I\nSELECT x FROM u\n\n# end\n"
	want := "statement ok\nCREATE TABLE t (a INT, b TEXT)\n\n" +
		"query IT rowsort\nSELECT a, b\nFROM t\n----\n1 NULL\n2\ttwo words\n3 (empty)\n\n" +
		"query I\nSELECT x FROM u\n----\n3\n1\n2\n\n# end\n"
	fk := newFake()
	fk.results["SELECT a, b\nFROM t"] = fk.results["SELECT a, b FROM t"]
	f, err := Parse("r.test", in)
	if err != nil {
		t.Fatal(err)
	}
	out := (&Runner{Engine: "warehoused", Rewrite: true}).RunFile(context.Background(), f, fk)
	got := strings.Join(out.Lines, "\n") + "\n"
	if got != want {
		t.Errorf("rewrite:\n%s\nwant:\n%s", got, want)
	}
	// The rewritten file passes.
	f2, err := Parse("r.test", got)
	if err != nil {
		t.Fatal(err)
	}
	if out := (&Runner{Engine: "warehoused"}).RunFile(context.Background(), f2, fk); len(out.Failures) != 0 {
		t.Errorf("rewritten file fails: %v", out.Failures)
	}
}

func TestFloatsMatch(t *testing.T) {
	for _, c := range []struct {
		a, b string
		ok   bool
	}{
		{"1.5", "1.50", true},
		{"0.1", "0.10000000000000001", true},
		{"1e-20", "0", true},
		{"1", "1.0001", false},
		{"NaN", "NaN", true},
		{"Infinity", "1e308", false},
		{"abc", "1", false},
	} {
		if got := floatsMatch(c.a, c.b); got != c.ok {
			t.Errorf("floatsMatch(%q, %q) = %v", c.a, c.b, got)
		}
	}
}

func TestVars(t *testing.T) {
	f, err := Parse("v.test", "statement error pgcode 22012\nSELECT __X__/0\n")
	if err != nil {
		t.Fatal(err)
	}
	fk := newFake()
	out := (&Runner{Engine: "warehoused", Vars: map[string]string{"X": "1"}}).RunFile(context.Background(), f, fk)
	if len(out.Failures) != 0 || fk.execs[0] != "SELECT 1/0" {
		t.Errorf("failures %v, execs %q", out.Failures, fk.execs)
	}
}
