package physical

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// keyed re-places table s's rows the way a DISTSTYLE KEY table stores them
// (every row with one key value on one slice, NULL keys on slice 0) and marks
// the table with style and key column.
func (db *testDB) keyed(s *plan.Scan, style catalog.DistStyle, key string) {
	t := s.Table
	t.DistStyle, t.DistKey = style, t.ColumnIndex(key)
	m := db.tables[t]
	var rows [][]types.Datum
	for _, sl := range m.slices {
		rows = append(rows, sl...)
	}
	m.slices = make([][][]types.Datum, len(m.slices))
	for _, r := range rows {
		i := 0
		if v, ok := r[t.DistKey].(int64); ok {
			i = int((v%int64(len(m.slices)) + int64(len(m.slices))) % int64(len(m.slices)))
		}
		m.slices[i] = append(m.slices[i], r)
	}
}

// distFixtures: orders(ok, cust) and lineitem(lk, qty), keys with NULLs and
// values on one side only.
func distFixtures() (*testDB, *plan.Scan, *plan.Scan) {
	db := newTestDB()
	orders := db.table("orders", []string{"ok", "cust"},
		row(1, 10), row(2, 10), row(3, 20), row(4, 30), row(5, 40), row(nil, 50), row(7, 60))
	items := db.table("lineitem", []string{"lk", "qty"},
		row(1, 1), row(1, 2), row(2, 3), row(3, 4), row(3, 5), row(3, 6), row(8, 7), row(9, 8), row(nil, 9), row(nil, 10))
	return db, orders, items
}

func TestJoinDistLabels(t *testing.T) {
	cases := []struct {
		name        string
		orders, li  catalog.DistStyle // DistKey: keyed on the join column
		kind        plan.JoinKind
		bigLineitem bool
		want        string
	}{
		{"both keyed on the join key: co-located", catalog.DistKey, catalog.DistKey, plan.JoinInner, true, "DS_DIST_NONE"},
		{"inner is ALL", catalog.DistEven, catalog.DistAll, plan.JoinInner, false, "DS_DIST_ALL_NONE"},
		{"outer keyed only: redistribute the inner", catalog.DistKey, catalog.DistEven, plan.JoinInner, false, "DS_DIST_INNER"},
		{"inner keyed only: redistribute the outer", catalog.DistEven, catalog.DistKey, plan.JoinInner, false, "DS_DIST_OUTER"},
		{"neither, small inner: broadcast", catalog.DistEven, catalog.DistAuto, plan.JoinInner, true, "DS_BCAST_INNER"},
		{"outer is ALL, inner is not", catalog.DistEven, catalog.DistAll, plan.JoinInner, true, "DS_DIST_ALL_INNER"},
		{"neither, inner larger (semi join): both move", catalog.DistEven, catalog.DistEven, plan.JoinSemi, true, "DS_DIST_BOTH"},
	}
	for _, tc := range cases {
		db, orders, li := distFixtures()
		db.keyed(orders, tc.orders, "ok")
		db.keyed(li, tc.li, "lk")
		if tc.bigLineitem {
			orders.Table.RowCount, li.Table.RowCount = 100, 300 // lineitem probes (or is tested)
		} else {
			orders.Table.RowCount, li.Table.RowCount = 300, 100
		}
		if tc.name == "outer is ALL, inner is not" {
			orders.Table.DistStyle, li.Table.DistStyle = catalog.DistEven, catalog.DistAll
			orders.Table.RowCount, li.Table.RowCount = 100, 300
		}
		j := &plan.Join{Kind: tc.kind, Left: li, Right: orders, Cond: eq(col(li, "lk"), col(orders, "ok"))}
		if tc.kind == plan.JoinSemi {
			j = &plan.Join{Kind: tc.kind, Left: orders, Right: li, Cond: eq(col(orders, "ok"), col(li, "lk"))}
			orders.Table.RowCount, li.Table.RowCount = 100, 300
		}
		if tc.name == "inner is ALL" {
			// A nested loop over an ALL inner moves nothing either.
			nl := &plan.Join{Kind: plan.JoinInner, Left: orders, Right: li, Cond: gt(col(li, "lk"), col(orders, "ok"))}
			if got := Explain(nl, db.env()); !strings.HasPrefix(got, "XN Nested Loop DS_DIST_ALL_NONE") {
				t.Errorf("nested loop, inner ALL:\n%s", got)
			}
		}
		got := Explain(j, db.env())
		if first := strings.SplitN(got, "\n", 2)[0]; !strings.Contains(first, " "+tc.want+" ") {
			t.Errorf("%s: want %s\n%s", tc.name, tc.want, got)
		}
	}
}

// TestColocatedJoinResults checks that per-slice hash joins return what the
// shared (broadcast) build returns, for every join kind and both build sides.
func TestColocatedJoinResults(t *testing.T) {
	kinds := []plan.JoinKind{plan.JoinInner, plan.JoinLeft, plan.JoinRight, plan.JoinFull, plan.JoinSemi, plan.JoinAnti}
	for _, kind := range kinds {
		for _, bigLeft := range []bool{false, true} {
			var want, got []string
			for _, style := range []catalog.DistStyle{catalog.DistEven, catalog.DistKey} {
				db, orders, li := distFixtures()
				db.keyed(orders, style, "ok")
				db.keyed(li, style, "lk")
				if bigLeft {
					orders.Table.RowCount, li.Table.RowCount = 1000, 10
				} else {
					orders.Table.RowCount, li.Table.RowCount = 10, 1000
				}
				// Through a filter and a projection that keep the key.
				li.Filter = gt(col(li, "qty"), i64(0))
				p := &plan.Project{Input: li,
					Exprs: []plan.Expr{col(li, "qty"), col(li, "lk")},
					Cols:  plan.Schema{db.out("q", types.Int64Type), db.out("k", types.Int64Type)}}
				j := &plan.Join{Kind: kind, Left: orders, Right: p, Cond: eq(col(orders, "ok"), col(p, "k"))}
				label := strings.SplitN(Explain(j, db.env()), "\n", 2)[0]
				colocated := strings.Contains(label, "DS_DIST_NONE")
				if colocated != (style == catalog.DistKey) {
					t.Errorf("kind %d bigLeft %v style %v: %s", kind, bigLeft, style, label)
				}
				rows := run(t, db, j, false)
				if style == catalog.DistKey {
					got = rows
					checkPerSliceBuild(t, db, j, kind)
				} else {
					want = rows
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("kind %d bigLeft %v: co-located %v\nbroadcast %v", kind, bigLeft, got, want)
			}
		}
	}
}

// checkPerSliceBuild runs j under EXPLAIN ANALYZE and checks that it built
// one hash table per slice, from that slice's rows only.
func checkPerSliceBuild(t *testing.T, db *testDB, j *plan.Join, kind plan.JoinKind) {
	t.Helper()
	ctx := context.Background()
	op, an, err := BuildAnalyze(ctx, j, db.env())
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
	if n := len(an.statsOf(an.hash, j)); n != 3 {
		t.Errorf("kind %d: %d hash builds, want one per slice (3)", kind, n)
	}
}

func TestColocatedJoinChain(t *testing.T) {
	// orders ⋈ lineitem stays partitioned on the key: a third table keyed on
	// it joins co-located too, and the results match the broadcast plan.
	var want, got []string
	for _, style := range []catalog.DistStyle{catalog.DistEven, catalog.DistKey} {
		db, orders, li := distFixtures()
		li2 := db.table("lineitem2", []string{"lk2", "x"}, row(1, 100), row(3, 300), row(7, 700), row(nil, 0))
		db.keyed(orders, style, "ok")
		db.keyed(li, style, "lk")
		db.keyed(li2, style, "lk2")
		orders.Table.RowCount, li.Table.RowCount, li2.Table.RowCount = 100, 1000, 50
		j1 := &plan.Join{Kind: plan.JoinInner, Left: li, Right: orders, Cond: eq(col(li, "lk"), col(orders, "ok"))}
		j2 := &plan.Join{Kind: plan.JoinLeft, Left: j1, Right: li2, Cond: eq(col(j1, "ok"), col(li2, "lk2"))}
		ex := Explain(j2, db.env())
		if style == catalog.DistKey {
			if strings.Count(ex, "DS_DIST_NONE") != 2 {
				t.Errorf("want two co-located joins:\n%s", ex)
			}
			got = run(t, db, j2, false)
		} else {
			want = run(t, db, j2, false)
		}
	}
	if !slices.Equal(got, want) || len(got) == 0 {
		t.Errorf("co-located %v\nbroadcast %v", got, want)
	}
}
