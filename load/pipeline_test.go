package load

import (
	"context"
	"fmt"
	"github.com/warehoused/warehoused/vector"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func writeTemp(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadOrderAcrossChunks checks that rows arrive in file order whatever
// the chunking and worker count, and that batches are full except the last.
func TestReadOrderAcrossChunks(t *testing.T) {
	var sb strings.Builder
	const n = 3000
	for i := 0; i < n; i++ {
		fmt.Fprintf(&sb, "%d|m%d|%s|\n", i, i%5, strings.Repeat("x", i%7))
	}
	p := writeTemp(t, "o.tbl", sb.String())
	fields := []Field{{"i", types.Int64Type}, {"m", types.CharType(4)}, {"s", types.TextType}}
	for _, tc := range []struct{ chunk, workers, batch int }{{0, 1, 0}, {64, 3, 7}, {1000, 2, 16}, {1 << 16, 4, 100}} {
		o := Options{File: p, Format: "text", Delim: '|', Null: `\N`, ChunkSize: tc.chunk, Workers: tc.workers, BatchSize: tc.batch}
		rows, err := readAll(t, o, fields)
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != n {
			t.Fatalf("%+v: %d rows", tc, len(rows))
		}
		for i, r := range rows {
			if r[0].(int64) != int64(i) || r[1].(string) != fmt.Sprintf("m%d", i%5) || r[2].(string) != strings.Repeat("x", i%7) {
				t.Fatalf("%+v: row %d = %v", tc, i, r)
			}
		}
	}
}

// TestReadErrorPosition checks the reported line and column: the earliest
// bad line wins, and within a line the leftmost bad column, also when the
// line is in a later chunk or an earlier column has a later bad row.
func TestReadErrorPosition(t *testing.T) {
	fields := []Field{{"a", types.Int32Type}, {"b", types.DateType}, {"c", types.VarcharOf(3)}}
	cases := []struct {
		name, data string
		code       sqlerr.Code
		want       string
	}{
		{"int", "1|2020-01-01|x\nz|2020-01-01|x\n", sqlerr.InvalidTextRepresentation, "line 2, column a"},
		{"row order beats column order", "1|2020-01-01|x\n2|bad|x\nq|2020-01-01|x\n", sqlerr.InvalidDatetimeFormat, "line 2, column b"},
		{"leftmost column", "1|2020-01-01|x\n2|bad|long\n", sqlerr.InvalidDatetimeFormat, "line 2, column b"},
		{"too long", "1|2020-01-01|x\n2|2020-01-01|long\n", sqlerr.StringDataRightTruncation, "line 2, column c"},
		{"bad value before short line", "1|2020-01-01|x\nq|2020-01-01|x\n3|2020-01-01\n", sqlerr.InvalidTextRepresentation, "line 2, column a"},
		{"short line before bad value", "1|2020-01-01|x\n3|2020-01-01\nq|2020-01-01|x\n", sqlerr.BadCopyFileFormat, "line 2, column c"},
		{"extra data", "1|2020-01-01|x|y\n", sqlerr.BadCopyFileFormat, "line 1: extra data"},
		{"int range", "1|2020-01-01|x\n99999999999|2020-01-01|x\n", sqlerr.NumericValueOutOfRange, "line 2, column a"},
	}
	for _, tc := range cases {
		for _, chunk := range []int{0, 16} {
			p := writeTemp(t, "e.tbl", "1|2020-01-01|a\n2|2020-01-02|b\n"+tc.data)
			_, err := readAll(t, Options{File: p, Format: "text", Delim: '|', Null: `\N`, ChunkSize: chunk, Workers: 2, BatchSize: 2}, fields)
			if sqlerr.CodeOf(err) != tc.code {
				t.Fatalf("%s/%d: code %s (%v)", tc.name, chunk, sqlerr.CodeOf(err), err)
			}
			// The data starts at line 3.
			want := tc.want
			var ln int
			if _, e := fmt.Sscanf(want, "line %d", &ln); e == nil {
				want = strings.Replace(want, fmt.Sprintf("line %d", ln), fmt.Sprintf("line %d", ln+2), 1)
			}
			if !strings.Contains(err.Error(), want) || !strings.Contains(err.Error(), "e.tbl") {
				t.Fatalf("%s/%d: %q lacks %q", tc.name, chunk, err, want)
			}
		}
	}
}

func TestReadCSVEdgeCases(t *testing.T) {
	fields := []Field{{"a", types.Int32Type}, {"b", types.TextType}, {"c", types.CharType(5)}}
	data := "h1,h2\nh3\n" + // two header lines
		"1,\"multi\nline, \"\"quoted\"\"\",ab   \n" +
		"\n" + // blank line
		"2,,\"\"\r\n" +
		"3,plain,\"x\"\n"
	p := writeTemp(t, "a.csv", data)
	for _, chunk := range []int{0, 8, 20} {
		rows, err := readAll(t, Options{File: p, Format: "csv", Delim: ',', Header: 2, ChunkSize: chunk, Workers: 2}, fields)
		if err != nil {
			t.Fatalf("chunk %d: %v", chunk, err)
		}
		got := fmt.Sprint(rows)
		want := "[[1 multi\nline, \"quoted\" ab] [2 <nil> ] [3 plain x]]"
		if got != want {
			t.Fatalf("chunk %d: got %q want %q", chunk, got, want)
		}
	}
	p = writeTemp(t, "b.csv", "1,a,b\n2,\"open,c\n3,d,e\n")
	_, err := readAll(t, Options{File: p, Format: "csv", Delim: ','}, fields)
	if sqlerr.CodeOf(err) != sqlerr.BadCopyFileFormat || !strings.Contains(err.Error(), "line 2") {
		t.Fatalf("unterminated: %v", err)
	}
	p = writeTemp(t, "c.csv", "1,a,b\n2,\"x\"y,c\n")
	_, err = readAll(t, Options{File: p, Format: "csv", Delim: ','}, fields)
	if !strings.Contains(fmt.Sprint(err), "line 2: extra data after closing quote") {
		t.Fatalf("after quote: %v", err)
	}
}

func TestReadTextEscapesAndNulls(t *testing.T) {
	fields := []Field{{"a", types.TextType}, {"b", types.Int64Type}, {"c", types.VarcharOf(4)}}
	data := "x\\|y|1|ab\n\\N||\\N\na\\tb|\\N|  \n"
	p := writeTemp(t, "e.txt", data)
	rows, err := readAll(t, Options{File: p, Format: "text", Delim: '|', Null: `\N`, Escapes: true, BlanksAsNull: true}, fields)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(rows); got != "[[x|y 1 ab] [<nil> <nil> <nil>] [a\tb <nil> <nil>]]" {
		t.Fatalf("got %q", got)
	}
	// Truncation keeps whole UTF-8 characters; without it a long value fails.
	p = writeTemp(t, "u.txt", "é|1|ééé\n")
	rows, err = readAll(t, Options{File: p, Format: "text", Delim: '|', Truncate: true}, fields)
	if err != nil || rows[0][2] != "éé" {
		t.Fatalf("truncate: %v %v", rows, err)
	}
}

func TestFastParsers(t *testing.T) {
	for _, tc := range []struct {
		s        string
		prec, sc int
		want     int64
		ok       bool
	}{
		{"1.5", 15, 2, 150, true}, {"-3", 15, 2, -300, true}, {".25", 15, 2, 25, true},
		{"1.234", 15, 2, 0, false}, {"123", 3, 1, 0, false}, {"99", 3, 1, 990, true},
		{"999999999999999999", 18, 0, 999999999999999999, true}, {"9999999999999999999", 18, 0, 0, false},
		{".", 10, 2, 0, false}, {"1e5", 10, 2, 0, false}, {"", 10, 2, 0, false},
	} {
		got, ok := fastDecimal([]byte(tc.s), tc.prec, tc.sc)
		if ok != tc.ok || (ok && got != tc.want) {
			t.Errorf("fastDecimal(%q,%d,%d) = %d,%v", tc.s, tc.prec, tc.sc, got, ok)
		}
		if ok {
			want, err := types.ParseDecimal64(tc.s, tc.prec, tc.sc)
			if err != nil || want != got {
				t.Errorf("fastDecimal(%q) = %d, types says %d %v", tc.s, got, want, err)
			}
		}
	}
	for _, s := range []string{"1970-01-01", "2020-02-29", "1992-12-31", "0001-01-01", "9999-12-31"} {
		got, ok := fastDate([]byte(s))
		want, err := types.ParseDate(s)
		if !ok || err != nil || got != want {
			t.Errorf("fastDate(%q) = %d,%v want %d %v", s, got, ok, want, err)
		}
	}
	if _, ok := fastDate([]byte("2021-02-29")); ok {
		t.Error("accepted 2021-02-29")
	}
}

func TestInternCacheSharesValues(t *testing.T) {
	var sb strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&sb, "%s|%d\n", []string{"AIR", "MAIL", "SHIP"}[i%3], i)
	}
	p := writeTemp(t, "i.tbl", sb.String())
	rows, err := readAll(t, Options{File: p, Format: "text", Delim: '|'}, []Field{{"m", types.CharType(10)}, {"u", types.TextType}})
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if r[0] != []string{"AIR", "MAIL", "SHIP"}[i%3] || r[1] != fmt.Sprint(i) {
			t.Fatalf("row %d: %v", i, r)
		}
	}
}

// TestReadCSVOrderAcrossChunks is TestReadOrderAcrossChunks for CSV with
// quoted fields holding delimiters, quotes and line breaks.
func TestReadCSVOrderAcrossChunks(t *testing.T) {
	var sb strings.Builder
	const n = 2000
	want := make([]string, n)
	for i := 0; i < n; i++ {
		switch i % 4 {
		case 0:
			want[i] = fmt.Sprintf("plain%d", i)
			fmt.Fprintf(&sb, "%d,%s\n", i, want[i])
		case 1:
			want[i] = fmt.Sprintf("a,b\nc%d", i)
			fmt.Fprintf(&sb, "%d,\"%s\"\n", i, want[i])
		case 2:
			want[i] = fmt.Sprintf("say \"hi\" %d", i)
			fmt.Fprintf(&sb, "%d,\"say \"\"hi\"\" %d\"\r\n", i, i)
		default:
			want[i] = ""
			fmt.Fprintf(&sb, "%d,\"\"\n", i)
		}
	}
	p := writeTemp(t, "o.csv", sb.String())
	fields := []Field{{"i", types.Int64Type}, {"s", types.TextType}}
	for _, tc := range []struct{ chunk, workers, batch int }{{0, 1, 0}, {50, 3, 7}, {4096, 2, 64}} {
		rows, err := readAll(t, Options{File: p, Format: "csv", Delim: ',', ChunkSize: tc.chunk, Workers: tc.workers, BatchSize: tc.batch}, fields)
		if err != nil {
			t.Fatalf("%+v: %v", tc, err)
		}
		if len(rows) != n {
			t.Fatalf("%+v: %d rows", tc, len(rows))
		}
		for i, r := range rows {
			if r[0].(int64) != int64(i) || r[1] != want[i] {
				t.Fatalf("%+v: row %d = %q", tc, i, r)
			}
		}
	}
}

// FuzzReadChunking checks that cutting the input into tiny chunks parsed by
// several workers gives the same rows, or the same error, as one chunk.
func FuzzReadChunking(f *testing.F) {
	f.Add("1|a|2020-01-01\n2|b|x\n", false)
	f.Add("1,\"a\"\"b\n\",2020-01-01\n\n3,,\n", true)
	f.Fuzz(func(t *testing.T, text string, csv bool) {
		fields := []Field{{"a", types.Int64Type}, {"b", types.VarcharOf(4)}, {"c", types.DateType}}
		run := func(chunk, workers int) string {
			o := Options{File: "f", Reader: strings.NewReader(text), Format: "text", Delim: '|', Null: `\N`,
				ChunkSize: chunk, Workers: workers, BatchSize: 3}
			if csv {
				o.Format, o.Delim, o.Null = "csv", ',', ""
			}
			var rows [][]any
			_, err := Read(context.Background(), o, fields, func(b *vector.Batch) error {
				for r := 0; r < b.N; r++ {
					rows = append(rows, b.Row(r))
				}
				return nil
			})
			if err != nil {
				return "error: " + err.Error()
			}
			return fmt.Sprint(rows)
		}
		if one, many := run(0, 1), run(5, 3); one != many {
			t.Fatalf("one chunk: %s\nsmall chunks: %s", one, many)
		}
	})
}
