package physical

import (
	"slices"
	"testing"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// aggFixture is lineitem(lk, qty) with NULL keys, keyed (or not) on lk.
// spreadNulls deals the NULL-key rows over every slice, as storage may
// (it places a NULL distribution key by whatever its vector slot holds).
func aggFixture(style catalog.DistStyle, spreadNulls bool) (*testDB, *plan.Scan) {
	db := newTestDB()
	var rows [][]types.Datum
	for i := 0; i < 60; i++ {
		var k any = i % 13
		if i%7 == 0 {
			k = nil
		}
		rows = append(rows, row(k, i%5))
	}
	li := db.table("lineitem", []string{"lk", "qty"}, rows...)
	db.keyed(li, style, "lk")
	if spreadNulls {
		m := db.tables[li.Table]
		var nulls [][]types.Datum
		for i, sl := range m.slices {
			var keep [][]types.Datum
			for _, r := range sl {
				if r[0] == nil {
					nulls = append(nulls, r)
				} else {
					keep = append(keep, r)
				}
			}
			m.slices[i] = keep
		}
		for i, r := range nulls {
			m.slices[i%len(m.slices)] = append(m.slices[i%len(m.slices)], r)
		}
	}
	return db, li
}

func TestAggregatePartitioned(t *testing.T) {
	sum := func(db *testDB, n plan.Node, distinct bool) plan.AggCall {
		return plan.AggCall{Name: "sum", Args: []plan.Expr{col(n, "qty")}, Distinct: distinct, Col: db.out("s", types.DecimalType(38, 0))}
	}
	count := func(db *testDB) plan.AggCall { return plan.AggCall{Name: "count", Col: db.out("n", types.Int64Type)} }
	cases := []struct {
		name string
		// build returns the aggregate over li (keyed as style says).
		build    func(db *testDB, li *plan.Scan) *plan.Aggregate
		wantPart int // partitionedGroupCol when lineitem is keyed on lk
	}{
		{"group by the key", func(db *testDB, li *plan.Scan) *plan.Aggregate {
			return &plan.Aggregate{Input: li, GroupBy: []plan.Expr{col(li, "lk")},
				GroupCols: plan.Schema{db.out("lk", types.Int64Type)}, Aggs: []plan.AggCall{sum(db, li, false), count(db)}}
		}, 0},
		{"key second, through filter and project", func(db *testDB, li *plan.Scan) *plan.Aggregate {
			li.Filter = gt(col(li, "qty"), i64(0))
			p := &plan.Project{Input: li, Exprs: []plan.Expr{col(li, "qty"), col(li, "lk")},
				Cols: plan.Schema{db.out("qty", types.Int64Type), db.out("k", types.Int64Type)}}
			return &plan.Aggregate{Input: p, GroupBy: []plan.Expr{col(p, "qty"), col(p, "k")},
				GroupCols: plan.Schema{db.out("q", types.Int64Type), db.out("k", types.Int64Type)}, Aggs: []plan.AggCall{count(db)}}
		}, 1},
		{"distinct aggregate", func(db *testDB, li *plan.Scan) *plan.Aggregate {
			return &plan.Aggregate{Input: li, GroupBy: []plan.Expr{col(li, "lk")},
				GroupCols: plan.Schema{db.out("lk", types.Int64Type)}, Aggs: []plan.AggCall{sum(db, li, true), count(db)}}
		}, 0},
		{"group by another column", func(db *testDB, li *plan.Scan) *plan.Aggregate {
			return &plan.Aggregate{Input: li, GroupBy: []plan.Expr{col(li, "qty")},
				GroupCols: plan.Schema{db.out("qty", types.Int64Type)}, Aggs: []plan.AggCall{count(db)}}
		}, -1},
		{"group by an expression of the key", func(db *testDB, li *plan.Scan) *plan.Aggregate {
			return &plan.Aggregate{Input: li, GroupBy: []plan.Expr{call("+", types.Int64Type, col(li, "lk"), i64(1))},
				GroupCols: plan.Schema{db.out("k1", types.Int64Type)}, Aggs: []plan.AggCall{count(db)}}
		}, -1},
		{"grouping sets", func(db *testDB, li *plan.Scan) *plan.Aggregate {
			gid := db.out("gid", types.Int64Type)
			return &plan.Aggregate{Input: li, GroupBy: []plan.Expr{col(li, "lk"), col(li, "qty")},
				GroupCols:    plan.Schema{db.out("lk", types.Int64Type), db.out("qty", types.Int64Type)},
				Aggs:         []plan.AggCall{count(db)},
				GroupingSets: [][]int{{0, 1}, {1}, {}}, GroupingIDCol: &gid}
		}, -1},
		{"over a join", func(db *testDB, li *plan.Scan) *plan.Aggregate {
			o := db.table("orders", []string{"ok"}, row(1), row(2), row(3), row(nil))
			db.keyed(o, li.Table.DistStyle, "ok")
			j := &plan.Join{Kind: plan.JoinInner, Left: li, Right: o, Cond: eq(col(li, "lk"), col(o, "ok"))}
			return &plan.Aggregate{Input: j, GroupBy: []plan.Expr{col(j, "lk")},
				GroupCols: plan.Schema{db.out("lk", types.Int64Type)}, Aggs: []plan.AggCall{count(db)}}
		}, -1},
	}
	for _, tc := range cases {
		for _, spread := range []bool{false, true} {
			db, li := aggFixture(catalog.DistEven, false)
			want := run(t, db, tc.build(db, li), false)
			db, li = aggFixture(catalog.DistKey, spread)
			agg := tc.build(db, li)
			b := newBuilder(t.Context(), db.env())
			if got := b.partitionedGroupCol(agg); got != tc.wantPart {
				t.Errorf("%s: partitioned group column %d, want %d", tc.name, got, tc.wantPart)
			}
			if got := run(t, db, agg, false); !slices.Equal(got, want) || len(got) == 0 {
				t.Errorf("%s (NULLs spread %v): keyed %v\neven %v", tc.name, spread, got, want)
			}
		}
	}
	db, li := aggFixture(catalog.DistEven, false)
	agg := cases[0].build(db, li)
	if got := newBuilder(t.Context(), db.env()).partitionedGroupCol(agg); got != -1 {
		t.Errorf("EVEN table: partitioned group column %d, want -1", got)
	}
}

func TestAggregateGroupsHint(t *testing.T) {
	db, li := aggFixture(catalog.DistKey, false)
	agg := &plan.Aggregate{Input: li, GroupBy: []plan.Expr{col(li, "lk")},
		GroupCols: plan.Schema{db.out("lk", types.Int64Type)}, Aggs: []plan.AggCall{{Name: "count", Col: db.out("n", types.Int64Type)}}}
	b := newBuilder(t.Context(), db.env())
	if got := b.groupsHint(agg); got != 0 {
		t.Errorf("no statistics: hint %d, want 0", got)
	}
	li.Table.Stats = &catalog.TableStats{Rows: 60, Columns: []catalog.ColumnStats{
		{Analyzed: true, Distinct: 13, NullFrac: 0.15}, {Analyzed: true, Distinct: 5}}}
	if got := b.groupsHint(agg); got != 14 {
		t.Errorf("13 distinct and NULLs: hint %d, want 14", got)
	}
	o := db.table("orders", []string{"ok"}, row(1))
	j := &plan.Join{Kind: plan.JoinInner, Left: li, Right: o, Cond: eq(col(li, "lk"), col(o, "ok"))}
	overJoin := &plan.Aggregate{Input: j, GroupBy: []plan.Expr{col(j, "lk")},
		GroupCols: plan.Schema{db.out("lk", types.Int64Type)}, Aggs: agg.Aggs}
	if got := b.groupsHint(overJoin); got != 0 {
		t.Errorf("over a join: hint %d, want 0", got)
	}
}
