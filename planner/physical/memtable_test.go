package physical

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// memTable is an in-memory storage.TableReader: rows dealt round-robin over
// slices, returned in batches of batchRows.
type memTable struct {
	types     []types.T
	slices    [][][]types.Datum // slice → rows
	batchRows int
}

func newMemTable(ts []types.T, nslices int, rows [][]types.Datum) *memTable {
	m := &memTable{types: ts, slices: make([][][]types.Datum, nslices), batchRows: 2}
	for i, r := range rows {
		m.slices[i%nslices] = append(m.slices[i%nslices], r)
	}
	return m
}

func (m *memTable) Slices() int { return len(m.slices) }

func (m *memTable) Scan(ctx context.Context, req storage.ScanRequest) (storage.BatchIterator, error) {
	if req.Slice < 0 || req.Slice >= len(m.slices) {
		return nil, fmt.Errorf("no slice %d", req.Slice)
	}
	base := 0
	for i := range req.Slice {
		base += len(m.slices[i])
	}
	return &memIter{m: m, rows: m.slices[req.Slice], cols: req.Columns, base: base}, nil
}

type memIter struct {
	m    *memTable
	rows [][]types.Datum
	cols []int
	pos  int
	base int
}

func (it *memIter) Next(ctx context.Context) (*vector.Batch, error) {
	if it.pos >= len(it.rows) {
		return nil, nil
	}
	end := min(it.pos+it.m.batchRows, len(it.rows))
	b := &vector.Batch{N: end - it.pos}
	for _, c := range it.cols {
		t := types.Int64Type
		if c >= 0 {
			t = it.m.types[c]
		}
		v := vector.New(t, b.N)
		for i := it.pos; i < end; i++ {
			if c < 0 {
				v.Set(i-it.pos, int64(it.base+i))
			} else {
				v.Set(i-it.pos, it.rows[i][c])
			}
		}
		b.Cols = append(b.Cols, v)
	}
	it.pos = end
	return b, nil
}

func (it *memIter) Close() error { return nil }

// testDB is a set of fake tables and the plan fixtures over them.
type testDB struct {
	ids    plan.IDGen
	tables map[*catalog.Table]*memTable
}

func newTestDB() *testDB { return &testDB{tables: map[*catalog.Table]*memTable{}} }

// table registers a table with BIGINT columns (or "name:text") and returns a scan of it.
func (db *testDB) table(name string, cols []string, rows ...[]types.Datum) *plan.Scan {
	t := &catalog.Table{Name: name, RowCount: int64(len(rows)), DistKey: -1}
	s := &plan.Scan{Table: t}
	var ts []types.T
	for i, c := range cols {
		n, typ := c, types.Int64Type
		if k := strings.IndexByte(c, ':'); k >= 0 {
			n = c[:k]
			typ = types.TextType
		}
		t.Columns = append(t.Columns, catalog.Column{Name: n, Type: typ})
		ts = append(ts, typ)
		s.Columns = append(s.Columns, i)
		s.Cols = append(s.Cols, plan.Column{ID: db.ids.New(), Name: n, Table: name, Type: typ, Nullable: true})
	}
	db.tables[t] = newMemTable(ts, 3, rows)
	return s
}

func (db *testDB) env() *Env {
	return &Env{
		Eval:   &exec.EvalContext{},
		Slices: 3,
		Table: func(t *catalog.Table) (storage.TableReader, error) {
			m, ok := db.tables[t]
			if !ok {
				return nil, sqlerr.Newf(sqlerr.UndefinedTable, "no table %s", t.Name)
			}
			return m, nil
		},
	}
}

// run builds and drains n, returning its rows formatted and sorted (unless
// ordered), skipping the test while exec operators are still stubs.
func run(t *testing.T, db *testDB, n plan.Node, ordered bool) (rows []string) {
	t.Helper()
	defer func() {
		if r := recover(); r != nil {
			if strings.Contains(fmt.Sprint(r), "not implemented") {
				t.Skipf("exec not ready: %v", r)
			}
			panic(r)
		}
	}()
	ctx := context.Background()
	op, err := Build(ctx, n, db.env())
	if err != nil {
		if sqlerr.CodeOf(err) == sqlerr.FeatureNotSupported {
			t.Skipf("exec not ready: %v", err)
		}
		t.Fatalf("build: %v", err)
	}
	defer op.Close()
	if got, want := len(op.Types()), len(n.Schema()); got != want {
		t.Fatalf("operator has %d columns, plan %d", got, want)
	}
	if err := op.Open(ctx); err != nil {
		t.Fatalf("open: %v", err)
	}
	for {
		b, err := op.Next(ctx)
		if err != nil {
			if sqlerr.CodeOf(err) == sqlerr.FeatureNotSupported {
				t.Skipf("exec not ready: %v", err)
			}
			t.Fatalf("next: %v", err)
		}
		if b == nil {
			break
		}
		for i := range b.N {
			parts := make([]string, len(b.Cols))
			for j, c := range b.Cols {
				if d := c.Get(i); d == nil {
					parts[j] = "NULL"
				} else {
					parts[j] = types.Format(c.Type, d)
				}
			}
			rows = append(rows, strings.Join(parts, "|"))
		}
	}
	if !ordered {
		slices.Sort(rows)
	}
	return rows
}

func row(vals ...any) []types.Datum {
	out := make([]types.Datum, len(vals))
	for i, v := range vals {
		switch x := v.(type) {
		case int:
			out[i] = int64(x)
		default:
			out[i] = x
		}
	}
	return out
}
