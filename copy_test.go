package warehoused_test

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/warehoused/warehoused/sqlerr"
)

func writeFile(t testing.TB, dir, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCopyFrom(t *testing.T) {
	db := openDB(t)
	c := connect(t, db)
	dir := t.TempDir()
	text := "1|alpha|2020-01-02|1.50\n2|beta|2021-12-31|-3.25\n3|\\N|1999-01-01|0\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(text))
	zw.Close()
	enc, _ := zstd.NewWriter(nil)
	zst := enc.EncodeAll([]byte(text), nil)
	csvText := "id,name,d,amt\n1,\"al,pha\",2020-01-02,1.50\n2,beta,2021-12-31,-3.25\n3,,1999-01-01,0\n"
	pgText := strings.ReplaceAll(text, "|", "\t")

	cases := []struct {
		name, stmt string
	}{
		{"text", fmt.Sprintf("COPY t FROM '%s'", writeFile(t, dir, "a.tbl", []byte(text)))},
		{"delimiter", fmt.Sprintf("COPY t FROM '%s' DELIMITER '|'", writeFile(t, dir, "b.tbl", []byte(text)))},
		{"gzip", fmt.Sprintf("COPY t FROM '%s' GZIP", writeFile(t, dir, "c.gz", gz.Bytes()))},
		{"zstd", fmt.Sprintf("COPY t FROM '%s' ZSTD", writeFile(t, dir, "d.zst", zst))},
		{"csv", fmt.Sprintf("COPY t FROM '%s' CSV IGNOREHEADER 1", writeFile(t, dir, "e.csv", []byte(csvText)))},
		{"pg csv", fmt.Sprintf("COPY t FROM '%s' WITH (FORMAT csv, HEADER true)", writeFile(t, dir, "f.csv", []byte(csvText)))},
		{"pg text", fmt.Sprintf("COPY t FROM '%s' WITH (FORMAT text)", writeFile(t, dir, "g.txt", []byte(pgText)))},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mustExec(t, c, "DROP TABLE IF EXISTS t; CREATE TABLE t (id INT, name VARCHAR(10), d DATE, amt DECIMAL(8,2))")
			res := mustExec(t, c, tc.stmt)
			if res.Tag != "COPY 3" || res.RowsAffected != 3 {
				t.Fatalf("result %+v", res)
			}
			rows := query(t, c, "SELECT id, d, amt FROM t ORDER BY id")
			if got := flat(rows); got != "1,2020-01-02,1.50;2,2021-12-31,-3.25;3,1999-01-01,0.00" {
				t.Fatalf("rows %q", got)
			}
		})
	}
}

func TestCopyBadRowLeavesTableUnchanged(t *testing.T) {
	db := openDB(t)
	c := connect(t, db)
	dir := t.TempDir()
	mustExec(t, c, "CREATE TABLE t (id INT, q INT)")
	mustExec(t, c, fmt.Sprintf("COPY t FROM '%s'", writeFile(t, dir, "ok.tbl", []byte("1|1\n2|2\n"))))
	var b strings.Builder
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(&b, "%d|%d\n", i, i)
	}
	b.WriteString("5000|abc\n")
	bad := writeFile(t, dir, "bad.tbl", []byte(b.String()))
	err := expectCode(t, c, sqlerr.InvalidTextRepresentation, fmt.Sprintf("COPY t FROM '%s'", bad))
	for _, want := range []string{"bad.tbl", "line 5001", "column q"} {
		if !strings.Contains(err.Error(), want) {
			t.Fatalf("error %q lacks %q", err, want)
		}
	}
	expectRows(t, c, "2", "SELECT count(*) FROM t")
}

func TestCopyTo(t *testing.T) {
	db := openDB(t)
	c := connect(t, db)
	dir := t.TempDir()
	mustExec(t, c, "CREATE TABLE t (id INT, s VARCHAR(10))")
	mustExec(t, c, "INSERT INTO t VALUES (1, 'a'), (2, NULL)")
	out := filepath.Join(dir, "out.csv")
	if res := mustExec(t, c, fmt.Sprintf("COPY (SELECT id, s FROM t ORDER BY id) TO '%s' CSV", out)); res.Tag != "COPY 2" {
		t.Fatalf("tag %q", res.Tag)
	}
	data, _ := os.ReadFile(out)
	if string(data) != "1,a\n2,\n" {
		t.Fatalf("file %q", data)
	}
	mustExec(t, c, "CREATE TABLE t2 (id INT, s VARCHAR(10))")
	mustExec(t, c, fmt.Sprintf("COPY t2 FROM '%s' CSV", out))
	expectRows(t, c, "1,a;2,NULL", "SELECT id, s FROM t2 ORDER BY id")
}

func TestCopyOptions(t *testing.T) {
	c := connect(t, openDB(t))
	dir := t.TempDir()
	mustExec(t, c, "CREATE TABLE t (id INT IDENTITY(1,1), a INT, b VARCHAR(3) DEFAULT 'dd', c VARCHAR(3))")
	p := writeFile(t, dir, "a.txt", []byte("1;;toolong\n2;NUL;  \n"))
	mustExec(t, c, fmt.Sprintf("COPY t (a, c, b) FROM '%s' DELIMITER ';' NULL AS 'NUL' EMPTYASNULL BLANKSASNULL TRUNCATECOLUMNS", p))
	expectRows(t, c, "1,1,NULL,too;2,2,NULL,NULL", "SELECT id, a, c, b FROM t ORDER BY a")
	mustExec(t, c, fmt.Sprintf("COPY t (a) FROM '%s' DELIMITER ';' ", writeFile(t, dir, "b.txt", []byte("3\n"))))
	expectRows(t, c, "3,3,dd", "SELECT id, a, b FROM t WHERE a = 3")
	expectCode(t, c, sqlerr.StringDataRightTruncation, fmt.Sprintf("COPY t (a, c, b) FROM '%s' DELIMITER ';' NULL AS 'NUL'", p))
	expectCode(t, c, sqlerr.Code("58P01"), "COPY t FROM '/nonexistent/file'")
}
