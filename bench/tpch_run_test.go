package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestQueriesEmbedded(t *testing.T) {
	for q := 1; q <= 22; q++ {
		text, err := Query(q)
		if err != nil || !strings.Contains(strings.ToUpper(text), "SELECT") {
			t.Errorf("query %d: %v", q, err)
		}
	}
	if _, err := Query(23); err == nil {
		t.Error("query 23 exists")
	}
	for _, tb := range Tables {
		if !strings.Contains(Schema, "CREATE TABLE "+tb+" ") {
			t.Errorf("schema lacks %s", tb)
		}
	}
}

func TestSameValue(t *testing.T) {
	cases := []struct {
		got, want string
		same      bool
	}{
		{"abc", "abc  ", true}, {"1.5", "1.50", true}, {"0.333333333333", "0.3333333333333333", true},
		{"100.004", "100.00", true}, {"100.02", "100.00", false}, {"a", "b", false}, {"", "", true},
	}
	for _, c := range cases {
		if got := sameValue(c.got, c.want); got != c.same {
			t.Errorf("sameValue(%q, %q) = %v", c.got, c.want, got)
		}
	}
}

func TestCheckAnswer(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "q.csv")
	os.WriteFile(file, []byte("a,b\n\"Brand#1\",2.00\nx,3\n"), 0o644)
	if got := checkAnswer(file, [][]string{{"Brand#1", "2"}, {"x ", "3.00"}}); got != "ok" {
		t.Errorf("check = %q", got)
	}
	if got := checkAnswer(file, [][]string{{"Brand#1", "2"}}); !strings.HasPrefix(got, "mismatch") {
		t.Errorf("check = %q", got)
	}
	if got := checkAnswer(filepath.Join(dir, "none.csv"), nil); got != "" {
		t.Errorf("check of a missing file = %q", got)
	}
	os.WriteFile(file, []byte("revenue\n\n"), 0o644)
	if got := checkAnswer(file, [][]string{{""}}); got != "ok" {
		t.Errorf("NULL row check = %q", got)
	}
}

// TestRunTPCH runs a few queries end to end at SF0.01. Query failures of the
// engine are reported in the Report, not as test failures: this tests the runner.
func TestRunTPCH(t *testing.T) {
	if testing.Short() {
		t.Skip("loads SF0.01")
	}
	var log bytes.Buffer
	rep, err := RunTPCH(context.Background(), RunOptions{SF: 0.01, Queries: []int{1, 6, 13}, Runs: 2,
		CheckDir: filepath.Join(refDir, "answers", "sf0.01"), Out: &log})
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if len(rep.Queries) != 3 || rep.LoadS <= 0 || rep.GenS <= 0 {
		t.Fatalf("report %+v", rep)
	}
	for _, q := range rep.Queries {
		if q.Error != "" || q.Check != "ok" {
			t.Logf("Q%d: error %q check %q", q.Query, q.Error, q.Check)
		}
		if q.Error == "" && len(q.RunsS) != 2 {
			t.Errorf("Q%d: %d runs", q.Query, len(q.RunsS))
		}
	}
	js, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"sf":0.01`, `"load_s":`, `"db_bytes":`, `"queries":[{"query":1,"median_s":`, `"runs_s":[`, `"rows":`} {
		if !bytes.Contains(js, []byte(key)) {
			t.Errorf("JSON lacks %s: %s", key, js)
		}
	}
	var text bytes.Buffer
	if err := rep.WriteText(&text); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "Q13") {
		t.Errorf("text report:\n%s", text.String())
	}
	t.Logf("\n%s%s", log.String(), text.String())
}
