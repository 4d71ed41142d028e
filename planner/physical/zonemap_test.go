package physical

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
)

func TestScanRanges(t *testing.T) {
	tbl := &catalog.Table{Name: "t", DistKey: -1, Columns: []catalog.Column{
		{Name: "id", Type: types.Int32Type}, {Name: "d", Type: types.DateType},
		{Name: "s", Type: types.VarcharOf(10)}, {Name: "c", Type: types.T{ID: types.Char, Width: 3}},
		{Name: "p", Type: types.DecimalType(12, 2)}, {Name: "f", Type: types.Float64Type},
	}}
	// The scan reads d, id, s, c, p, f (not in table order) and a row id.
	ords := []int{1, 0, 2, 3, 4, 5, -1}
	s := &plan.Scan{Table: tbl, Columns: ords}
	for i, o := range ords {
		c := plan.Column{ID: plan.ColumnID(i + 1), Name: "rowid", Type: types.Int64Type}
		if o >= 0 {
			c.Name, c.Type = tbl.Columns[o].Name, tbl.Columns[o].Type
		}
		s.Cols = append(s.Cols, c)
	}
	ref := func(name string) *plan.ColRef {
		for _, c := range s.Cols {
			if c.Name == name {
				return &plan.ColRef{ID: c.ID, Typ: c.Type, Name: name}
			}
		}
		panic(name)
	}
	k := func(v types.Datum, t types.T) *plan.Const { return &plan.Const{Value: v, Typ: t} }
	cmp := func(op string, a, b plan.Expr) plan.Expr { return call(op, types.BoolType, a, b) }
	and := func(es ...plan.Expr) plan.Expr { return &plan.BoolOp{Op: plan.OpAnd, Args: es} }
	date := func(v int64) *plan.Const { return k(v, types.DateType) }
	cases := []struct {
		name   string
		filter plan.Expr
		want   string
	}{
		{"equality on an int column", cmp("=", ref("id"), k(int64(5), types.Int32Type)), "0:[5,5]"},
		{"constant first flips the operator", cmp("<", k(int64(5), types.Int64Type), ref("id")), "0:(5,-)"},
		{"between on a date", and(cmp(">=", ref("d"), date(100)), cmp("<=", ref("d"), date(200))), "1:[100,200]"},
		{"two bounds intersect", and(cmp("<", ref("d"), date(300)), cmp("<=", ref("d"), date(200)), cmp(">", ref("d"), date(10))), "1:(10,200]"},
		{"equal bounds: exclusive wins", and(cmp("<", ref("d"), date(300)), cmp("<=", ref("d"), date(300))), "1:(-,300)"},
		{"in list: min and max", &plan.InList{Arg: ref("id"), List: []plan.Expr{k(int64(9), types.Int64Type), k(int64(2), types.Int64Type), k(int64(4), types.Int64Type)}}, "0:[2,9]"},
		{"not in: nothing", &plan.InList{Arg: ref("id"), Neg: true, List: []plan.Expr{k(int64(9), types.Int64Type)}}, ""},
		{"varchar", cmp(">=", ref("s"), k("abc", types.TextType)), "2:[abc,-)"},
		{"char pads: left out", cmp("=", ref("c"), k("ab", types.T{ID: types.Char, Width: 3})), ""},
		{"decimal of the column's scale", cmp("<", ref("p"), k(int64(1050), types.DecimalType(12, 2))), "4:(-,1050)"},
		{"decimal of another scale: left out", cmp("<", ref("p"), k(int64(105), types.DecimalType(12, 1))), ""},
		{"date against a timestamp: left out", cmp("<", ref("d"), k(int64(5), types.TSType)), ""},
		{"float", cmp(">", ref("f"), k(1.5, types.Float64Type)), "5:(1.5,-)"},
		{"NULL constant: nothing", cmp("=", ref("id"), k(nil, types.Int64Type)), ""},
		{"or: nothing", &plan.BoolOp{Op: plan.OpOr, Args: []plan.Expr{cmp("=", ref("id"), k(int64(1), types.Int64Type)), cmp("=", ref("id"), k(int64(2), types.Int64Type))}}, ""},
		{"column against column: nothing", cmp("=", ref("id"), ref("rowid")), ""},
		{"row id: nothing", cmp("=", ref("rowid"), k(int64(1), types.Int64Type)), ""},
		{"several columns", and(cmp("=", ref("id"), k(int64(1), types.Int64Type)), cmp(">", ref("d"), date(7))), "0:[1,1] 1:(7,-)"},
	}
	for _, tc := range cases {
		s.Filter = tc.filter
		if got := rangesString(scanRanges(s)); got != tc.want {
			t.Errorf("%s: got %q want %q", tc.name, got, tc.want)
		}
	}
}

func rangesString(rs []storage.ColumnRange) string {
	parts := make([]string, len(rs))
	for i, r := range rs {
		lo, hi := "(", ")"
		if r.LoIncl {
			lo = "["
		}
		if r.HiIncl {
			hi = "]"
		}
		v := func(d types.Datum) string {
			if d == nil {
				return "-"
			}
			return fmt.Sprint(d)
		}
		parts[i] = fmt.Sprintf("%d:%s%s,%s%s", r.Col, lo, v(r.Lo), v(r.Hi), hi)
	}
	return strings.Join(parts, " ")
}

// zoneTable wraps a memTable: it records the ranges scans ask for and
// counts every slice as one block read or skipped.
type zoneTable struct {
	*memTable
	mu  sync.Mutex // slices scan in parallel
	got []storage.ColumnRange
}

func (z *zoneTable) Scan(ctx context.Context, req storage.ScanRequest) (storage.BatchIterator, error) {
	z.mu.Lock()
	z.got = req.Ranges
	z.mu.Unlock()
	if req.Stats != nil {
		if req.Slice == 0 {
			req.Stats.BlocksSkipped.Add(1)
		} else {
			req.Stats.BlocksRead.Add(1)
		}
	}
	return z.memTable.Scan(ctx, req)
}

func TestExplainAnalyzeBlocks(t *testing.T) {
	db, orders, _ := fixtures()
	orders.Filter = gt(col(orders, "ok"), i64(2))
	zt := &zoneTable{memTable: db.tables[orders.Table]}
	env := db.env()
	env.Table = func(*catalog.Table) (storage.TableReader, error) { return zt, nil }
	ctx := context.Background()
	op, an, err := BuildAnalyze(ctx, orders, env)
	if err != nil {
		t.Fatal(err)
	}
	if err := op.Open(ctx); err != nil {
		t.Fatal(err)
	}
	for {
		b, err := op.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if b == nil {
			break
		}
	}
	op.Close()
	if got := rangesString(zt.got); got != "0:(2,-)" {
		t.Errorf("scan asked for %q", got)
	}
	out := ExplainAnalyze(orders, env, an, 0)
	if !strings.Contains(out, "Blocks: read 2, skipped 1") {
		t.Errorf("no block counts:\n%s", out)
	}
	// In-memory tables count no blocks: no line.
	op, an, err = BuildAnalyze(ctx, orders, db.env())
	if err != nil {
		t.Fatal(err)
	}
	op.Open(ctx)
	for b, _ := op.Next(ctx); b != nil; b, _ = op.Next(ctx) {
	}
	op.Close()
	if out := ExplainAnalyze(orders, db.env(), an, 0); strings.Contains(out, "Blocks:") {
		t.Errorf("block line without blocks:\n%s", out)
	}
}
