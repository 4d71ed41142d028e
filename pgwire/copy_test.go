package pgwire

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

func TestCopy(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.connect(t)
	ctx := testCtx(t)
	if _, err := c.Exec(ctx, "create table cp (id bigint, name varchar(30), amount decimal(12,2), at timestamp, ok boolean, f real)"); err != nil {
		t.Fatal(err)
	}
	// pgx CopyFrom speaks binary COPY.
	at := time.Date(2024, 5, 6, 7, 8, 9, 123456000, time.UTC)
	src := [][]any{
		{int64(1), "tab\there", "12.34", at, true, float32(1.5)},
		{int64(2), nil, nil, nil, nil, nil},
		{int64(3), `back\slash and "quote"`, "-0.01", at.Add(-48 * time.Hour), false, float32(-2)},
	}
	n, err := c.CopyFrom(ctx, pgx.Identifier{"cp"}, []string{"id", "name", "amount", "at", "ok", "f"}, pgx.CopyFromRows(src))
	if err != nil {
		t.Fatal(err)
	}
	if n != 3 {
		t.Fatalf("copied %d", n)
	}
	// Text COPY FROM STDIN through pgconn, including an escape.
	tag, err := c.PgConn().CopyFrom(ctx, strings.NewReader("4\tfour\t4.00\t2024-01-01 00:00:00\tt\t4\n5\t\\N\t\\N\t\\N\t\\N\t\\N\n"), "copy cp from stdin")
	if err != nil {
		t.Fatal(err)
	}
	if tag.String() != "COPY 2" {
		t.Fatalf("tag %q", tag)
	}
	// CSV.
	if _, err := c.PgConn().CopyFrom(ctx, strings.NewReader("6,\"six, 6\",6.5,,f,\n"), "copy cp from stdin with (format csv)"); err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	tag, err = c.PgConn().CopyTo(ctx, &out, "copy (select id, name, amount, ok from cp order by id) to stdout")
	if err != nil {
		t.Fatal(err)
	}
	want := "1\ttab\\there\t12.34\tt\n2\t\\N\t\\N\t\\N\n3\tback\\\\slash and \"quote\"\t-0.01\tf\n4\tfour\t4.00\tt\n5\t\\N\t\\N\t\\N\n6\tsix, 6\t6.50\tf\n"
	if out.String() != want {
		t.Fatalf("copy out:\n%q\nwant\n%q", out.String(), want)
	}
	if tag.String() != "COPY 6" {
		t.Fatalf("copy out tag %q", tag)
	}
	var got time.Time
	if err := c.QueryRow(ctx, "select at from cp where id = 1").Scan(&got); err != nil || !got.Equal(at) {
		t.Fatalf("timestamp %v %v", got, err)
	}
	// Empty result still completes the copy-out.
	out.Reset()
	if tag, err = c.PgConn().CopyTo(ctx, &out, "copy (select id from cp where id < 0) to stdout"); err != nil || tag.String() != "COPY 0" || out.Len() != 0 {
		t.Fatalf("empty copy out: %q %q %v", tag, out.String(), err)
	}
	// A failing reader makes the client send CopyFail; the session goes on.
	_, err = c.PgConn().CopyFrom(ctx, io.MultiReader(strings.NewReader("7\tseven\n"), failingReader{}), "copy cp (id, name) from stdin")
	if sqlState(err) != "57014" {
		t.Fatalf("copy fail: %v", err)
	}
	// Bad data is an error; the session goes on.
	_, err = c.PgConn().CopyFrom(ctx, strings.NewReader("notanumber\tx\n"), "copy cp (id, name) from stdin")
	if err == nil || sqlState(err) == "" {
		t.Fatalf("bad data: %v", err)
	}
	// Missing table: ErrorResponse before any CopyInResponse.
	_, err = c.PgConn().CopyFrom(ctx, strings.NewReader("1\n"), "copy nosuch from stdin")
	if sqlState(err) != "42P01" {
		t.Fatalf("missing table: %v", err)
	}
	// psql ends text data with a \. line, which ends the data.
	tag, err = c.PgConn().CopyFrom(ctx, strings.NewReader("7\tseven\n\\.\nignored\n"), "copy cp (id, name) from stdin")
	if err != nil || tag.String() != "COPY 1" {
		t.Fatalf("end marker: %q %v", tag, err)
	}
	var cnt int
	if err := c.QueryRow(ctx, "select count(*) from cp").Scan(&cnt); err != nil || cnt != 7 {
		t.Fatalf("count %d %v", cnt, err)
	}
}

type failingReader struct{}

func (failingReader) Read([]byte) (int, error) { return 0, errors.New("client gave up") }

// TestCopyLarge streams more data than any buffer in the path holds.
func TestCopyLarge(t *testing.T) {
	ts := startServer(t, Config{})
	c := ts.connect(t)
	ctx := testCtx(t)
	if _, err := c.Exec(ctx, "create table big (a int, b varchar(40))"); err != nil {
		t.Fatal(err)
	}
	rows := 200000
	if testing.Short() {
		rows = 20000
	}
	pr, pw := io.Pipe()
	go func() {
		var b bytes.Buffer
		for i := 0; i < rows; i++ {
			b.WriteString("1\tsome text of moderate length here\n")
			if b.Len() > 32<<10 {
				pw.Write(b.Bytes())
				b.Reset()
			}
		}
		pw.Write(b.Bytes())
		pw.Close()
	}()
	tag, err := c.PgConn().CopyFrom(ctx, pr, "copy big from stdin")
	if err != nil {
		t.Fatal(err)
	}
	if tag.RowsAffected() != int64(rows) {
		t.Fatalf("tag %q", tag)
	}
	var out countingWriter
	tag, err = c.PgConn().CopyTo(ctx, &out, "copy big to stdout")
	if err != nil || tag.RowsAffected() != int64(rows) || out.lines != rows {
		t.Fatalf("copy out %q %d lines %v", tag, out.lines, err)
	}
}

type countingWriter struct{ lines int }

func (w *countingWriter) Write(p []byte) (int, error) {
	w.lines += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}
