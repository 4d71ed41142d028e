package physical

import (
	"context"
	"slices"
	"testing"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

func TestBuildRecursiveCTE(t *testing.T) {
	db := newTestDB()
	// WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n+1 FROM r WHERE n < 5)
	anchor := &plan.Values{Rows: [][]plan.Expr{{i64(1)}}, Cols: plan.Schema{db.out("n", types.Int64Type)}}
	wt := &plan.WorkTableScan{WorkID: 1, Cols: plan.Schema{db.out("n", types.Int64Type)}}
	step := &plan.Project{
		Input: &plan.Filter{Input: wt, Pred: call("<", types.BoolType, col(wt, "n"), i64(5))},
		Exprs: []plan.Expr{call("+", types.Int64Type, col(wt, "n"), i64(1))},
		Cols:  plan.Schema{db.out("n", types.Int64Type)},
	}
	r := &plan.RecursiveCTE{WorkID: 1, Anchor: anchor, Recursive: step, Cols: plan.Schema{db.out("n", types.Int64Type)}}
	got := run(t, db, r, false)
	if want := []string{"1", "2", "3", "4", "5"}; !slices.Equal(got, want) {
		t.Errorf("got %v want %v", got, want)
	}
}

func TestBuildTableFuncMax1RowSetOps(t *testing.T) {
	db, orders, cust := fixtures()
	gs := &plan.TableFunc{Name: "generate_series", Args: []plan.Expr{i64(1), i64(3)}, Cols: plan.Schema{db.out("g", types.Int64Type)}}
	if got := run(t, db, gs, false); !slices.Equal(got, []string{"1", "2", "3"}) {
		t.Errorf("generate_series: %v", got)
	}
	one := &plan.Max1Row{Input: &plan.Limit{Input: gs, Count: i64(1)}}
	if got := run(t, db, one, false); len(got) != 1 {
		t.Errorf("max1row: %v", got)
	}
	// Too many rows: 21000 at run time.
	op, err := Build(context.Background(), &plan.Max1Row{Input: gs}, db.env())
	if err != nil {
		t.Fatal(err)
	}
	defer op.Close()
	ctx := context.Background()
	err = op.Open(ctx)
	for err == nil {
		var b *vector.Batch
		if b, err = op.Next(ctx); b == nil && err == nil {
			break
		}
	}
	if sqlerr.CodeOf(err) != sqlerr.CardinalityViolation {
		t.Errorf("want 21000, got %v", err)
	}
	l := &plan.Project{Input: orders, Exprs: []plan.Expr{col(orders, "cust")}, Cols: plan.Schema{db.out("c", types.Int64Type)}}
	r := &plan.Project{Input: cust, Exprs: []plan.Expr{col(cust, "ck")}, Cols: plan.Schema{db.out("c", types.Int64Type)}}
	inter := &plan.SetOp{Kind: plan.Intersect, Left: l, Right: r, Cols: plan.Schema{db.out("c", types.Int64Type)}}
	if got := run(t, db, inter, false); !slices.Equal(got, []string{"10", "20"}) {
		t.Errorf("intersect: %v", got)
	}
	exc := &plan.SetOp{Kind: plan.Except, Left: l, Right: r, Cols: plan.Schema{db.out("c", types.Int64Type)}}
	if got := run(t, db, exc, false); !slices.Equal(got, []string{"30", "40", "NULL"}) {
		t.Errorf("except: %v", got)
	}
}

func TestBuildMarkJoinAndSystemScan(t *testing.T) {
	db, orders, cust := fixtures()
	mark := &plan.Join{Kind: plan.JoinMark, Left: orders, Right: cust, Cond: eq(col(orders, "cust"), col(cust, "ck")),
		MarkCol: db.out("m", types.BoolType)}
	got := run(t, db, mark, false)
	want := []string{"1|10|t", "2|10|t", "3|20|t", "4|30|f", "5|40|f", "6|NULL|NULL"}
	if !slices.Equal(got, want) {
		t.Errorf("mark: got %v want %v", got, want)
	}
	sys := &catalog.Table{Name: "stv_slices", Kind: catalog.KindSystem, Columns: []catalog.Column{
		{Name: "slice", Type: types.Int64Type}, {Name: "node", Type: types.Int64Type}}}
	env := db.env()
	env.SystemRows = func(ctx context.Context, t *catalog.Table) ([]*vector.Batch, error) {
		b := vector.NewBatch([]types.T{types.Int64Type, types.Int64Type}, 2)
		b.Cols[0].Ints[0], b.Cols[0].Ints[1] = 0, 1
		b.Cols[1].Ints[0], b.Cols[1].Ints[1] = 7, 7
		return []*vector.Batch{b}, nil
	}
	ss := &plan.SystemScan{Table: sys, Columns: []int{1}, Cols: plan.Schema{db.out("node", types.Int64Type)}}
	op, err := Build(context.Background(), ss, env)
	if err != nil {
		t.Fatal(err)
	}
	defer op.Close()
	if err := op.Open(context.Background()); err != nil {
		t.Fatal(err)
	}
	b, err := op.Next(context.Background())
	if err != nil || b == nil || b.N != 2 || len(b.Cols) != 1 || b.Cols[0].Ints[0] != 7 {
		t.Errorf("system scan: %v %v", b, err)
	}
}

func TestBuildLimitErrors(t *testing.T) {
	db, orders, _ := fixtures()
	_, err := Build(context.Background(), &plan.Limit{Input: orders, Count: i64(-1)}, db.env())
	if sqlerr.CodeOf(err) != sqlerr.InvalidRowCountInLimitClause {
		t.Errorf("want 2201W, got %v", err)
	}
	_, err = Build(context.Background(), &plan.Limit{Input: orders, Offset: i64(-1)}, db.env())
	if sqlerr.CodeOf(err) != sqlerr.InvalidRowCountInResultOffset {
		t.Errorf("want 2201X, got %v", err)
	}
	// LIMIT $1 with the parameter known at build time.
	env := db.env()
	env.Eval.Params = []types.Datum{int64(2)}
	op, err := Build(context.Background(), &plan.Limit{Input: orders, Count: &plan.Param{Index: 0, Typ: types.Int64Type}}, env)
	if err != nil {
		t.Fatal(err)
	}
	op.Close()
}
