package warehoused

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
)

func queryString(t *testing.T, db *DB, sql string) string {
	t.Helper()
	rows, err := db.Query(context.Background(), sql)
	if err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		vals := rows.Values()
		parts := make([]string, len(vals))
		for i, v := range vals {
			parts[i] = "NULL"
			if v != nil {
				parts[i] = types.Format(rows.Columns()[i].Type, v)
			}
		}
		out = append(out, strings.Join(parts, "|"))
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
	return strings.Join(out, "\n")
}

func mustExec(t *testing.T, db *DB, sql string) {
	t.Helper()
	if _, err := db.Exec(context.Background(), sql); err != nil {
		t.Fatalf("%s: %v", sql, err)
	}
}

// TestDurableReopen: everything committed is there after reopening, in the
// same form; nothing uncommitted is.
func TestDurableReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, dir, Config{Slices: 3})
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, `create schema s;
		create table s.t (id int identity(1,1), k bigint not null, d date, x decimal(30,4), f float8, v varchar(20) encode zstd, b boolean)
			distkey(k) compound sortkey(d, k);
		insert into s.t (k, d, x, f, v, b) values (1, '2020-01-02', 12345678901234567890.1234, 1.5, 'one', true),
			(2, null, -1, null, 'two', false), (3, '1999-12-31', null, -0.25, null, null);
		create table e (a int) diststyle all;
		create view s.v as select k, v from s.t where b;
		comment on table s.t is 'kept';`)
	// An open transaction's writes must not survive.
	c, _ := db.Connect(ctx)
	if _, err := c.Exec(ctx, "begin; insert into s.t (k) values (99);"); err != nil {
		t.Fatal(err)
	}
	want := queryString(t, db, "select * from s.t order by id")
	db.Close()

	db, err = Open(ctx, dir, Config{Slices: 8})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if got := queryString(t, db, "select * from s.t order by id"); got != want {
		t.Fatalf("after reopen:\n%s\nwant\n%s", got, want)
	}
	if got := queryString(t, db, "select count(*) from stv_slices"); got != "3" {
		t.Fatalf("slices are fixed at creation: got %s", got)
	}
	if got := queryString(t, db, "select * from s.v order by k"); got != "1|one" {
		t.Fatalf("view: %s", got)
	}
	mustExec(t, db, "insert into s.t (k) values (4)")
	if got := queryString(t, db, "select max(id) from s.t"); got != "4" {
		t.Fatalf("identity continues after reopen: %s", got)
	}
	if got := queryString(t, db, `select "table", diststyle, sortkey1, tbl_rows from svv_table_info where "table" in ('t', 'e') order by 1`); got != "e|ALL|NULL|0\nt|KEY(k)|d|4" {
		t.Fatalf("svv_table_info: %s", got)
	}
}

// TestDurableSecondOpenRefused: one process (and one DB) per directory.
func TestDurableSecondOpenRefused(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := Open(ctx, dir, Config{}); sqlerr.CodeOf(err) != sqlerr.ObjectInUse {
		t.Fatalf("second open: %v", err)
	}
}

// TestDurableCorruptBlock: a damaged block is XX001 naming table and column,
// never wrong rows.
func TestDurableCorruptBlock(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, dir, Config{Slices: 1})
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, "create table c (a bigint encode raw, b varchar(10)); insert into c select g, 'x' || g from generate_series(1, 1000) g")
	blocks := queryString(t, db, "select block_id from stv_blocklist where col = 0")
	db.Close()
	if blocks == "" {
		t.Fatal("no blocks listed")
	}
	path := filepath.Join(dir, "blocks", blocks[:2], blocks)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)/2] ^= 0x40
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	db, err = Open(ctx, dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	_, err = db.Exec(ctx, "select sum(a) from c")
	if sqlerr.CodeOf(err) != sqlerr.DataCorrupted || !strings.Contains(err.Error(), "c") {
		t.Fatalf("corrupt block: %v", err)
	}
	if got := queryString(t, db, "select count(b) from c"); got != "1000" {
		t.Fatalf("other columns still read: %s", got)
	}
}

// TestDurableGarbageCollected: dropped tables' blocks leave the disk.
func TestDurableGarbageCollected(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, dir, Config{Slices: 2})
	if err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, "create table g (a bigint, b varchar(30)); insert into g select g, md5(g::text) from generate_series(1, 200000) g")
	full := dirFiles(t, dir)
	mustExec(t, db, "drop table g")
	db.Close()
	db, err = Open(ctx, dir, Config{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if after := dirFiles(t, dir); after >= full-4 {
		t.Fatalf("blocks of a dropped table stay: %d files before, %d after", full, after)
	}
}

func dirFiles(t *testing.T, dir string) int {
	n := 0
	filepath.WalkDir(filepath.Join(dir, "blocks"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// TestCopyChoosesEncodings: the first COPY into an empty ENCODE AUTO table
// picks each column's encoding from its data (Redshift's COMPUPDATE);
// COMPUPDATE OFF keeps ENCODE AUTO's defaults.
func TestCopyChoosesEncodings(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db, err := Open(ctx, dir, Config{Slices: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var sb strings.Builder
	for i := range 50000 {
		fmt.Fprintf(&sb, "%d|%s|%d\n", i, []string{"MAIL", "SHIP", "AIR", "RAIL"}[i%4], 7)
	}
	file := filepath.Join(t.TempDir(), "rows.tbl")
	if err := os.WriteFile(file, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	mustExec(t, db, "create table a (id int, mode varchar(10), k int); create table b (id int, mode varchar(10), k int)")
	mustExec(t, db, "copy a from '"+file+"'")
	mustExec(t, db, "copy b from '"+file+"' compupdate off")
	got := queryString(t, db, `select tablename, "column", encoding from pg_table_def where tablename in ('a', 'b') and "column" = 'mode' order by 1`)
	if !strings.HasPrefix(got, "a|mode|") || strings.Contains(got, "a|mode|lzo") || !strings.Contains(got, "b|mode|lzo") {
		t.Fatalf("encodings after COPY:\n%s", got)
	}
	if got := queryString(t, db, "select count(*), sum(id), count(distinct mode) from a"); got != "50000|1249975000|4" {
		t.Fatalf("rows: %s", got)
	}
}
