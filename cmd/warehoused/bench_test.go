package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/warehoused/warehoused/bench"
	"github.com/warehoused/warehoused/internal/testenv"
	"github.com/warehoused/warehoused/internal/tpchtest"
)

// sharedTPCH returns ../shared/tpch (or $WAREHOUSED_SHARED/tpch), skipping
// the test when it is missing.
func sharedTPCH(t *testing.T) string {
	t.Helper()
	root, err := testenv.ModuleRoot()
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(testenv.SharedDir(root), "tpch")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("TPC-H data not found (%v); put ../shared beside the repository or set WAREHOUSED_SHARED", err)
	}
	return dir
}

var (
	unpackOnce sync.Map // scale → *unpacked
)

type unpacked struct {
	once sync.Once
	dir  string
	err  error
}

// unpackTPCH unpacks sfX.tar.zst once per test binary and returns the
// directory of its .tbl files.
func unpackTPCH(t *testing.T, scale string) string {
	t.Helper()
	shared := sharedTPCH(t)
	v, _ := unpackOnce.LoadOrStore(scale, &unpacked{})
	u := v.(*unpacked)
	u.once.Do(func() {
		dir, err := os.MkdirTemp("", "warehoused-cmd-"+scale+"-")
		if err != nil {
			u.err = err
			return
		}
		u.dir, u.err = tpchtest.Unpack(filepath.Join(shared, scale+".tar.zst"), dir)
	})
	if u.err != nil {
		t.Fatal(u.err)
	}
	return u.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	unpackOnce.Range(func(_, v any) bool {
		if u := v.(*unpacked); u.dir != "" {
			os.RemoveAll(filepath.Dir(u.dir))
		}
		return true
	})
	os.Exit(code)
}

func TestParseQueries(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []int
		bad  bool
	}{
		{"", nil, false},
		{"1,3,5", []int{1, 3, 5}, false},
		{"1-3, 9", []int{1, 2, 3, 9}, false},
		{"q5,Q6", []int{5, 6}, false},
		{"0", nil, true},
		{"23", nil, true},
		{"3-1", nil, true},
		{"x", nil, true},
	} {
		got, err := parseQueries(c.in)
		if (err != nil) != c.bad || !slices.Equal(got, c.want) {
			t.Errorf("parseQueries(%q) = %v, %v", c.in, got, err)
		}
	}
}

func TestBenchUsage(t *testing.T) {
	if code, _, _ := runCLI(t, "", "bench"); code != 2 {
		t.Errorf("bench without a benchmark: exit %d", code)
	}
	if code, out, _ := runCLI(t, "", "bench", "tpch", "--help"); code != 0 || !strings.Contains(out, "-baseline") {
		t.Errorf("bench tpch --help: exit %d, %q", code, out)
	}
	if code, _, errOut := runCLI(t, "", "bench", "tpch", "--queries", "30"); code != 2 || !strings.Contains(errOut, "1..22") {
		t.Errorf("bad --queries: exit %d, %q", code, errOut)
	}
}

// TestBenchTPCHCheck runs all 22 queries at SF0.01 on the shared data,
// checks every answer and writes the JSON and HTML reports.
func TestBenchTPCHCheck(t *testing.T) {
	tbl := unpackTPCH(t, "sf0.01")
	answers := filepath.Join(sharedTPCH(t), "answers", "sf0.01")
	out := t.TempDir()
	jsonFile, htmlFile := filepath.Join(out, "r.json"), filepath.Join(out, "r.html")
	code, stdout, stderr := runCLI(t, "", "bench", "tpch", "--tbl", tbl, "--runs", "1", "--check", answers,
		"--json", jsonFile, "--html", htmlFile, "--data", filepath.Join(out, "db"))
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	for q := 1; q <= 22; q++ {
		if !strings.Contains(stdout, "Q"+twoDigits(q)) {
			t.Errorf("Q%d missing from the table:\n%s", q, stdout)
		}
	}
	if !strings.Contains(stdout, "TPC-H SF 0.01") || !strings.Contains(stdout, "peak_rss") {
		t.Errorf("table:\n%s", stdout)
	}
	if !strings.Contains(stderr, "loaded lineitem") {
		t.Errorf("no load progress on stderr:\n%s", stderr)
	}

	var rep struct {
		SF      float64 `json:"sf"`
		LoadS   float64 `json:"load_s"`
		DBBytes *int64  `json:"db_bytes"`
		Queries []struct {
			Query         int       `json:"query"`
			MedianS       *float64  `json:"median_s"`
			RunsS         []float64 `json:"runs_s"`
			Rows          int64     `json:"rows"`
			PeakRSSBytes  int64     `json:"peak_rss_bytes"`
			PeakHeapBytes int64     `json:"peak_heap_bytes"`
			BaseHeapBytes int64     `json:"base_heap_bytes"`
			Check         string    `json:"check"`
			Error         string    `json:"error"`
		} `json:"queries"`
	}
	b, err := os.ReadFile(jsonFile)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &rep); err != nil {
		t.Fatal(err)
	}
	if rep.SF != 0.01 || rep.LoadS <= 0 || rep.DBBytes == nil || len(rep.Queries) != 22 {
		t.Fatalf("report: %s", b)
	}
	for _, q := range rep.Queries {
		if q.Check != "ok" || q.Error != "" || q.MedianS == nil || len(q.RunsS) != 1 || q.PeakRSSBytes <= 0 || q.PeakHeapBytes <= 0 || q.BaseHeapBytes <= 0 {
			t.Errorf("Q%d: %+v", q.Query, q)
		}
	}

	html, err := os.ReadFile(htmlFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", "<svg", `class="bar"`, "<table>", "Q22", "TPC-H SF 0.01"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(string(html), "http://") && strings.Count(string(html), "http://") != 1 { // only the SVG namespace
		t.Error("HTML refers to outside resources")
	}
	// The database stays in --data: --skip-load runs on it again, as is
	// (the scale factor read from supplier's rows).
	code, stdout, stderr = runCLI(t, "", "bench", "tpch", "--skip-load", "--data", filepath.Join(out, "db"),
		"--queries", "1,18", "--runs", "1", "--check", answers)
	if code != 0 || strings.Contains(stderr, "loaded") || strings.Count(stdout, " ok") != 2 || !strings.Contains(stdout, "TPC-H SF 0.01") {
		t.Errorf("--skip-load: exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if code, _, _ := runCLI(t, "", "bench", "tpch", "--skip-load"); code != 2 {
		t.Errorf("--skip-load without --data: exit %d", code)
	}
	if code, _, stderr := runCLI(t, "", "bench", "tpch", "--skip-load", "--data", t.TempDir()); code != 1 || !strings.Contains(stderr, "42P01") {
		t.Errorf("--skip-load on an empty database: exit %d\n%s", code, stderr)
	}
}

// TestBenchTPCHBaselineAndFailure generates SF0.01, then compares a second
// run with the first and makes its answer check fail on purpose.
func TestBenchTPCHBaselineAndFailure(t *testing.T) {
	out := t.TempDir()
	first := filepath.Join(out, "first.json")
	code, stdout, stderr := runCLI(t, "", "bench", "tpch", "--sf", "0.01", "--queries", "1,6", "--runs", "2", "--json", first)
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "generated orders+lineitem") {
		t.Errorf("no generation progress:\n%s", stderr)
	}

	// A wrong answer for Q6 must fail the run.
	answers := filepath.Join(out, "answers")
	os.MkdirAll(answers, 0o755)
	os.WriteFile(filepath.Join(answers, "q06.csv"), []byte("revenue\n1.00\n"), 0o644)
	htmlFile := filepath.Join(out, "r.html")
	cpu, mem := filepath.Join(out, "cpu.pprof"), filepath.Join(out, "mem.pprof")
	code, stdout, stderr = runCLI(t, "", "bench", "tpch", "--tbl", unpackTPCH(t, "sf0.01"), "--queries", "1,6", "--runs", "1",
		"--check", answers, "--baseline", first, "--html", htmlFile, "--cpuprofile", cpu, "--memprofile", mem)
	if code != 1 {
		t.Fatalf("exit %d, want 1\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, "Q06: mismatch") || !strings.Contains(stderr, "no answer file q01.csv") {
		t.Errorf("stderr:\n%s", stderr)
	}
	if !strings.Contains(stdout, "change against the baseline") || !strings.Contains(stdout, "%") {
		t.Errorf("stdout:\n%s", stdout)
	}
	for _, f := range []string{cpu, mem} {
		if st, err := os.Stat(f); err != nil || st.Size() == 0 {
			t.Errorf("profile %s: %v", f, err)
		}
	}
	html, err := os.ReadFile(htmlFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"baseline", `class="base"`, "mismatch"} {
		if !strings.Contains(string(html), want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
}

func TestProgressLines(t *testing.T) {
	var b strings.Builder
	p := newProgress(&b)
	r := bench.Progress{Phase: "load", Table: "lineitem", Rows: 2_400_000, TotalRows: 6_000_000, Elapsed: 2 * time.Second}
	if got := statusText(r); got != "load lineitem: 2.4M of 6.0M rows (40%), 1.2M rows/s, ETA 3s" {
		t.Errorf("statusText = %q", got)
	}
	est := r
	est.Estimated = true
	if got := statusText(est); got != "load lineitem: ~2.4M of ~6.0M rows (40%), 1.2M rows/s, ETA 3s" {
		t.Errorf("statusText = %q", got)
	}
	p.report(r) // plain output: the first report only starts the clock
	p.last = time.Now().Add(-time.Minute)
	p.report(r)
	p.report(bench.Progress{Phase: "generate", Table: "orders", Rows: 15000, TotalRows: 15000, Elapsed: time.Second, Done: true})
	want := "load lineitem: 2.4M of 6.0M rows (40%), 1.2M rows/s, ETA 3s\ngenerated orders+lineitem      15000 rows in 1.00 s, 15.0k rows/s\n"
	if b.String() != want {
		t.Errorf("got %q", b.String())
	}

	var tty strings.Builder
	p = &progress{w: &tty, tty: true}
	p.report(r)
	p.Write([]byte("loaded x\n"))
	if got := tty.String(); got != "\r\x1b[K"+statusText(r)+"\r\x1b[Kloaded x\n" {
		t.Errorf("tty got %q", got)
	}
}

func twoDigits(q int) string {
	return string([]byte{byte('0' + q/10), byte('0' + q%10)})
}

// TestBenchTPCHGen writes .tbl files with "bench tpch-gen" and rejects bad
// options.
func TestBenchTPCHGen(t *testing.T) {
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "", "bench", "tpch-gen", "--sf", "0.01", "--out", dir, "--tables", "nation,region"); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for table, rows := range map[string]int{"nation": 25, "region": 5} {
		b, err := os.ReadFile(filepath.Join(dir, table+".tbl"))
		if err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(string(b), "\n"); n != rows {
			t.Errorf("%s: %d rows, want %d", table, n, rows)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "lineitem.tbl")); err == nil {
		t.Error("--tables nation,region wrote lineitem")
	}
	for _, args := range [][]string{{}, {"--out", dir, "--sf", "0"}, {"--out", dir, "extra"}} {
		if code, _, _ := runCLI(t, "", append([]string{"bench", "tpch-gen"}, args...)...); code != 2 {
			t.Errorf("tpch-gen %v: exit %d, want 2", args, code)
		}
	}
	if code, _, errOut := runCLI(t, "", "bench", "tpch-gen", "--out", dir, "--tables", "bogus"); code != 1 || !strings.Contains(errOut, "22023") {
		t.Errorf("unknown table: exit %d, %q", code, errOut)
	}
}
