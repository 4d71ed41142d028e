package tpchcheck

import (
	"archive/tar"
	"bufio"
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/klauspost/compress/zstd"
	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/bind"
	"github.com/warehoused/warehoused/planner/physical"
	"github.com/warehoused/warehoused/planner/rules"
	"github.com/warehoused/warehoused/sql"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// dataDir holds the shared TPC-H files (queries, schema, data, answers).
const dataDir = "/work/shared/tpch"

const nslices = 4

// table is an in-memory table: per slice, batches of whole columns.
type table struct {
	desc   *catalog.Table
	slices [][]*vector.Batch
}

func (t *table) Slices() int { return len(t.slices) }

func (t *table) Scan(ctx context.Context, req storage.ScanRequest) (storage.BatchIterator, error) {
	return &iter{t: t, req: req}, nil
}

type iter struct {
	t   *table
	req storage.ScanRequest
	pos int
}

func (it *iter) Next(ctx context.Context) (*vector.Batch, error) {
	bs := it.t.slices[it.req.Slice]
	if it.pos >= len(bs) {
		return nil, nil
	}
	b := bs[it.pos]
	it.pos++
	out := &vector.Batch{N: b.N}
	for _, c := range it.req.Columns {
		if c < 0 {
			// Row id: slice, batch and row packed into one BIGINT.
			v := vector.New(types.Int64Type, b.N)
			for i := range b.N {
				v.Ints[i] = int64(it.req.Slice)<<40 | int64(it.pos)<<20 | int64(i)
			}
			out.Cols = append(out.Cols, v)
			continue
		}
		src := b.Cols[c]
		// Copy the header: the scan operator may retype the vector it gets.
		v := *src
		out.Cols = append(out.Cols, &v)
	}
	return out, nil
}

func (it *iter) Close() error { return nil }

// db is the catalog the binder sees.
type db struct{ tables map[string]*table }

func (d *db) LookupTable(schema, name string) (*catalog.Table, error) {
	if t, ok := d.tables[name]; ok {
		return t.desc, nil
	}
	return nil, sqlerr.Newf(sqlerr.UndefinedTable, "relation %q does not exist", name)
}

func (d *db) ParseSelect(text string) (*ast.Select, error) {
	ps, err := sql.Parse(text)
	if err != nil {
		return nil, err
	}
	return ps[0].Stmt.(*ast.SelectStmt).Query, nil
}

func (d *db) ParseExpr(text string) (ast.Expr, error) { return sql.ParseExpr(text) }

var (
	loadOnce sync.Once
	loaded   *db
	loadErr  error
)

var (
	createRe = regexp.MustCompile(`(?s)CREATE TABLE (\w+) \((.*?)\);`)
	colRe    = regexp.MustCompile(`^\s*(\w+)\s+([A-Z]+)(?:\((\d+)(?:,(\d+))?\))?`)
)

// scale is the data set to use: TPCH_SF (0.01 or 0.1), 0.01 by default.
func scale() string {
	if s := os.Getenv("TPCH_SF"); s != "" {
		return s
	}
	return "0.01"
}

func load() (*db, error) {
	loadOnce.Do(func() { loaded, loadErr = load1() })
	return loaded, loadErr
}

func load1() (*db, error) {
	schema, err := os.ReadFile(filepath.Join(dataDir, "schema.sql"))
	if err != nil {
		return nil, err
	}
	d := &db{tables: map[string]*table{}}
	for i, m := range createRe.FindAllStringSubmatch(string(schema), -1) {
		t := &catalog.Table{ID: catalog.TableID(i + 1), Schema: "public", Name: m[1], DistKey: -1}
		for _, line := range strings.Split(m[2], "\n") {
			cm := colRe.FindStringSubmatch(line)
			if cm == nil {
				continue
			}
			var mods []int
			for _, s := range cm[3:] {
				if s != "" {
					n, _ := strconv.Atoi(s)
					mods = append(mods, n)
				}
			}
			typ, ok := types.FromName(strings.ToLower(cm[2]), mods)
			if !ok {
				return nil, fmt.Errorf("type %s", cm[2])
			}
			t.Columns = append(t.Columns, catalog.Column{Name: cm[1], Type: typ, NotNull: strings.Contains(line, "NOT NULL")})
		}
		d.tables[t.Name] = &table{desc: t}
	}
	f, err := os.Open(filepath.Join(dataDir, "sf"+scale()+".tar.zst"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := zstd.NewReader(f)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	tr := tar.NewReader(zr)
	for {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		name := strings.TrimSuffix(filepath.Base(h.Name), ".tbl")
		t, ok := d.tables[name]
		if !ok || !strings.HasSuffix(h.Name, ".tbl") {
			continue
		}
		if err := t.fill(tr); err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
	}
	return d, nil
}

// fill reads pipe-delimited rows, dealing batches of 1000 rows round-robin over slices.
func (t *table) fill(r io.Reader) error {
	ts := make([]types.T, len(t.desc.Columns))
	for i, c := range t.desc.Columns {
		ts[i] = c.Type
	}
	t.slices = make([][]*vector.Batch, nslices)
	var cur *vector.Batch
	k, rows := 0, 0
	flush := func() {
		if cur != nil && cur.N > 0 {
			t.slices[k%nslices] = append(t.slices[k%nslices], cur)
			k++
		}
		cur = nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fields := strings.Split(sc.Text(), "|")
		if cur == nil {
			cur = &vector.Batch{}
			for _, typ := range ts {
				cur.Cols = append(cur.Cols, vector.NewWithCap(typ, 1000))
			}
		}
		for i, typ := range ts {
			v, err := types.Parse(typ, fields[i])
			if err != nil {
				return err
			}
			cur.Cols[i].Append(v)
		}
		cur.N++
		rows++
		if cur.N == 1000 {
			flush()
		}
	}
	flush()
	t.desc.RowCount = int64(rows)
	return sc.Err()
}

// runQuery plans and runs one query, returning formatted rows.
func runQuery(t *testing.T, d *db, text string) ([][]string, string, error) {
	ps, err := sql.Parse(text)
	if err != nil {
		return nil, "", err
	}
	st, ok := ps[len(ps)-1].Stmt.(*ast.SelectStmt)
	if !ok {
		return nil, "", fmt.Errorf("not a select")
	}
	sel := st.Query
	b := bind.New(d, nil)
	n, err := b.BindSelect(sel)
	if err != nil {
		return nil, "", fmt.Errorf("bind: %w", err)
	}
	ctx := context.Background()
	n, err = rules.Optimize(ctx, n, b.IDs(), rules.Options{})
	if err != nil {
		return nil, "", fmt.Errorf("optimize: %w", err)
	}
	env := &physical.Env{
		Eval:   &exec.EvalContext{},
		Slices: nslices,
		Table: func(ct *catalog.Table) (storage.TableReader, error) {
			return d.tables[ct.Name], nil
		},
	}
	explain := physical.Explain(n, env)
	op, err := physical.Build(ctx, n, env)
	if err != nil {
		return nil, explain, fmt.Errorf("build: %w", err)
	}
	defer op.Close()
	if err := op.Open(ctx); err != nil {
		return nil, explain, err
	}
	var out [][]string
	for {
		bt, err := op.Next(ctx)
		if err != nil {
			return nil, explain, err
		}
		if bt == nil {
			break
		}
		for i := range bt.N {
			r := make([]string, len(bt.Cols))
			for j, c := range bt.Cols {
				r[j] = types.Format(c.Type, c.Get(i))
			}
			out = append(out, r)
		}
	}
	return out, explain, nil
}

func same(got, want string) bool {
	got, want = strings.TrimSpace(got), strings.TrimSpace(want)
	if got == want {
		return true
	}
	g, err1 := strconv.ParseFloat(got, 64)
	w, err2 := strconv.ParseFloat(want, 64)
	if err1 != nil || err2 != nil {
		return false
	}
	return math.Abs(g-w) <= 1e-9*math.Max(1, math.Abs(w)) || math.Abs(g-w) < 0.0051
}

func TestTPCH(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	d, err := load()
	if err != nil {
		t.Skipf("no TPC-H data: %v", err)
	}
	for q := 1; q <= 22; q++ {
		name := fmt.Sprintf("q%02d", q)
		t.Run(name, func(t *testing.T) {
			text, err := os.ReadFile(filepath.Join(dataDir, "queries", name+".sql"))
			if err != nil {
				t.Skip(err)
			}
			f, err := os.Open(filepath.Join(dataDir, "answers", "sf"+scale(), name+".csv"))
			if err != nil {
				t.Skip(err)
			}
			raw, err := io.ReadAll(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			want, err := csv.NewReader(strings.NewReader(string(raw))).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			want = want[1:]
			if len(want) == 0 && strings.Count(string(raw), "\n") >= 2 {
				// One row of NULLs prints as an empty line, which csv skips.
				want = [][]string{make([]string, strings.Count(strings.SplitN(string(raw), "\n", 2)[0], ",")+1)}
			}
			got, explain, err := runQuery(t, d, string(text))
			if err != nil {
				t.Fatalf("%v\n%s", err, explain)
			}
			if len(got) != len(want) {
				t.Fatalf("got %d rows, want %d\nfirst: %v\n%s", len(got), len(want), head(got), explain)
			}
			for i := range want {
				for j := range want[i] {
					if j >= len(got[i]) || !same(got[i][j], want[i][j]) {
						t.Fatalf("row %d: got %v want %v\n%s", i, got[i], want[i], explain)
					}
				}
			}
		})
	}
}

func head(rows [][]string) [][]string {
	return rows[:min(len(rows), 3)]
}
