package bench

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func sampleReport(q1 float64) *Report {
	return &Report{SF: 0.01, LoadS: 0.5, Queries: []QueryReport{
		{Query: 1, MedianS: q1, MinS: q1, RunsS: []float64{q1}, Rows: 4, PeakRSSBytes: 3 << 20, PeakHeapBytes: 5 << 20, BaseHeapBytes: 4 << 20, Check: "ok"},
		{Query: 2, RunsS: []float64{}, Error: "ERROR: <boom> & more"},
		{Query: 6, MedianS: 0.1, MinS: 0.1, RunsS: []float64{0.1}, Rows: 1, Check: "mismatch: row 1 column 1"},
	}}
}

func TestWriteHTML(t *testing.T) {
	var b bytes.Buffer
	if err := sampleReport(0.2).WriteHTML(&b, sampleReport(0.4)); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{"<svg", `class="bar"`, `class="base"`, "-50.0%", "Q01", "Q06",
		"&lt;boom&gt; &amp; more", "1.0 MiB", "mismatch: row 1 column 1", "baseline: load"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	b.Reset()
	if err := sampleReport(0.2).WriteHTML(&b, nil); err != nil || strings.Contains(b.String(), `class="base"`) {
		t.Errorf("HTML without a baseline: %v", err)
	}
}

func TestReportHelpers(t *testing.T) {
	r := sampleReport(0.4)
	if f := r.Failed(); len(f) != 2 || !strings.HasPrefix(f[0], "Q02: error") || !strings.HasPrefix(f[1], "Q06: mismatch") {
		t.Errorf("Failed = %q", f)
	}
	if sum, geo, ok := r.Summary(); ok != 2 || sum < 0.49 || sum > 0.51 || geo < 0.19 || geo > 0.21 {
		t.Errorf("Summary = %v %v %v", sum, geo, ok)
	}
	for n, want := range map[int64]string{0: "-", 512: "512 B", 1536: "1.5 KiB", 3 << 20: "3.0 MiB", 5 << 30: "5.00 GiB"} {
		if got := FormatBytes(n); got != want {
			t.Errorf("FormatBytes(%d) = %q", n, got)
		}
	}
	file := filepath.Join(t.TempDir(), "r.json")
	js, _ := json.Marshal(r)
	os.WriteFile(file, js, 0o644)
	back, err := ReadReport(file)
	if err != nil || len(back.Queries) != 3 || back.Queries[0].PeakHeapBytes != 5<<20 {
		t.Errorf("ReadReport: %+v, %v", back, err)
	}
	if _, err := ReadReport(filepath.Join(t.TempDir(), "none.json")); err == nil {
		t.Error("ReadReport of a missing file")
	}
}

func TestCheckAnswerTies(t *testing.T) {
	file := filepath.Join(t.TempDir(), "q.csv")
	os.WriteFile(file, []byte("k,v\na,1.00\nb,1.00\n"), 0o644)
	if got := CheckAnswer(file, [][]string{{"b", "1"}, {"a", "1"}}); got != "ok" {
		t.Errorf("tied rows in another order: %q", got)
	}
	if got := CheckAnswer(file, [][]string{{"b", "1"}, {"c", "1"}}); !strings.HasPrefix(got, "mismatch: row 1 column 1") {
		t.Errorf("different rows: %q", got)
	}
}

func TestProgressETA(t *testing.T) {
	p := Progress{Rows: 250, TotalRows: 1000, Elapsed: time.Second}
	if eta, ok := p.ETA(); !ok || eta != 3*time.Second {
		t.Errorf("ETA = %v %v", eta, ok)
	}
	if _, ok := (Progress{Rows: 10, Elapsed: time.Second}).ETA(); ok {
		t.Error("ETA without a total")
	}
}

func TestFileOffset(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.tbl")
	os.WriteFile(file, []byte("1|a\n2|b\n3|c\n"), 0o644)
	real, _ := filepath.EvalSymlinks(file)
	f, err := os.Open(real)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	f.Read(make([]byte, 5))
	if _, err := os.Stat("/proc/self/fdinfo"); err != nil {
		t.Skip("no /proc/self/fdinfo")
	}
	fd, pos, ok := fileOffset(real, -1)
	if !ok || pos != 5 || fd != int(f.Fd()) {
		t.Errorf("fileOffset = %d %d %v", fd, pos, ok)
	}
	if w := rowWidth(real); w != 4 {
		t.Errorf("rowWidth = %v", w)
	}
}
