package load

import (
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func readAll(t *testing.T, o Options, fields []Field) ([][]any, error) {
	t.Helper()
	var rows [][]any
	_, err := Read(context.Background(), o, fields, func(b *vector.Batch) error {
		for r := 0; r < b.N; r++ {
			rows = append(rows, b.Row(r))
		}
		return nil
	})
	return rows, err
}

func TestReadFormats(t *testing.T) {
	dir := t.TempDir()
	fields := []Field{{"id", types.Int32Type}, {"name", types.VarcharOf(10)}, {"d", types.DateType}, {"amt", types.DecimalType(10, 2)}}
	text := "1|alpha|2020-01-02|1.5\n2|\\N|1970-01-01|-3\n3||2020-02-29|0.25|\n"
	csvData := "id,name,d,amt\n1,\"al,pha\",2020-01-02,1.5\n2,,1970-01-01,-3\n3,\"\",2020-02-29,.25\n"
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(text))
	zw.Close()
	zs, _ := zstd.NewWriter(nil)
	zst := zs.EncodeAll([]byte(text), nil)

	cases := []struct {
		name string
		o    Options
	}{
		{"text", Options{File: write("a.tbl", []byte(text)), Format: "text", Delim: '|', Null: `\N`}},
		{"gzip", Options{File: write("a.tbl.gz", gz.Bytes()), Format: "text", Delim: '|', Null: `\N`}},
		{"zstd", Options{File: write("a.zst", zst), Format: "text", Delim: '|', Null: `\N`, Compression: "zstd"}},
		{"csv", Options{File: write("a.csv", []byte(csvData)), Format: "csv", Delim: ',', Header: 1}},
		{"small chunks", Options{File: write("b.tbl", []byte(text)), Format: "text", Delim: '|', Null: `\N`, ChunkSize: 8, Workers: 3}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			rows, err := readAll(t, tc.o, fields)
			if err != nil {
				t.Fatal(err)
			}
			if len(rows) != 3 {
				t.Fatalf("got %d rows: %v", len(rows), rows)
			}
			byID := map[int64][]any{}
			for _, r := range rows {
				byID[r[0].(int64)] = r
			}
			if byID[1][3].(int64) != 150 || byID[2][3].(int64) != -300 || byID[3][3].(int64) != 25 {
				t.Fatalf("decimals: %v", rows)
			}
			if byID[1][2].(int64) != 18263 || byID[2][2].(int64) != 0 {
				t.Fatalf("dates: %v", rows)
			}
			if byID[2][1] != nil && tc.o.Format == "text" {
				t.Fatalf("NULL: %v", byID[2])
			}
			if byID[3][1] != "" {
				t.Fatalf("empty string: %q", byID[3][1])
			}
		})
	}
}

func TestReadBadRow(t *testing.T) {
	p := filepath.Join(t.TempDir(), "bad.tbl")
	os.WriteFile(p, []byte("1|a\n2|b\nxx|c\n"), 0o644)
	_, err := readAll(t, Options{File: p, Format: "text", Delim: '|', Null: `\N`}, []Field{{"id", types.Int32Type}, {"s", types.TextType}})
	if err == nil {
		t.Fatal("no error")
	}
	msg := err.Error()
	if !strings.Contains(msg, `line 3`) || !strings.Contains(msg, "column id") || !strings.Contains(msg, "bad.tbl") {
		t.Fatalf("message %q", msg)
	}
	if c := sqlerr.CodeOf(err); c != sqlerr.InvalidTextRepresentation {
		t.Fatalf("code %s", c)
	}
	os.WriteFile(p, []byte("1|a|z\n"), 0o644)
	_, err = readAll(t, Options{File: p, Format: "text", Delim: '|'}, []Field{{"id", types.Int32Type}, {"s", types.TextType}})
	if sqlerr.CodeOf(err) != sqlerr.BadCopyFileFormat {
		t.Fatalf("extra column: %v", err)
	}
}

func FuzzParseChunk(f *testing.F) {
	f.Add("1|a|2020-01-01\n2|b|x\n", false)
	f.Add("1,\"a\"\"b\",2020-01-01\n", true)
	f.Fuzz(func(t *testing.T, text string, csv bool) {
		o := Options{Format: "text", Delim: '|', Null: `\N`, BatchSize: 4, Quote: '"'}
		if csv {
			o.Format, o.Delim = "csv", ','
		}
		p := newParser(o, []Field{{"a", types.Int64Type}, {"b", types.TextType}, {"c", types.DateType}})
		p.parseChunk([]byte(text))
	})
}
