package physical

import (
	"strings"
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

func TestExplainRedshiftStyle(t *testing.T) {
	db, orders, cust := fixtures()
	orders.Table.RowCount, cust.Table.RowCount = 1500, 150
	cust.Filter = eq(col(cust, "name"), &plan.Const{Value: "ann", Typ: types.TextType})
	j := &plan.Join{Kind: plan.JoinInner, Left: orders, Right: cust, Cond: eq(col(orders, "cust"), col(cust, "ck"))}
	agg := &plan.Aggregate{Input: j, GroupBy: []plan.Expr{col(j, "name")},
		GroupCols: plan.Schema{db.out("name", types.TextType)},
		Aggs:      []plan.AggCall{{Name: "count", Col: db.out("count", types.Int64Type)}}}
	sorted := &plan.Sort{Input: agg, Keys: []plan.SortKey{{Expr: col(agg, "count"), Desc: true}}}
	got := Explain(sorted, db.env())
	wantLines := []string{
		"XN Merge  (cost=",
		"  Merge Key: count DESC",
		"  ->  XN Network  (cost=",
		"        Send to leader",
		"        ->  XN Sort  (cost=",
		"              Sort Key: count DESC",
		"              ->  XN HashAggregate  (cost=",
		"                    ->  XN Hash Join DS_BCAST_INNER  (cost=",
		"                          Hash Cond: (orders.cust = customer.ck)",
		"                          ->  XN Seq Scan on orders  (cost=0.00..15.00 rows=1500 width=16)",
		"                          ->  XN Hash  (cost=",
		"                                ->  XN Seq Scan on customer  (cost=0.00..1.50 rows=15 width=40)",
		"                                      Filter: (customer.name = 'ann'::text)",
	}
	lines := strings.Split(strings.TrimRight(got, "\n"), "\n")
	if len(lines) != len(wantLines) {
		t.Fatalf("got %d lines:\n%s", len(lines), got)
	}
	for i, w := range wantLines {
		if !strings.HasPrefix(lines[i], w) {
			t.Errorf("line %d:\n got %q\nwant prefix %q\n%s", i, lines[i], w, got)
		}
	}
}

func TestExplainJoinLabels(t *testing.T) {
	db, orders, _ := fixtures()
	v := &plan.Values{Rows: [][]plan.Expr{{i64(1)}}, Cols: plan.Schema{db.out("v", types.Int64Type)}}
	hj := &plan.Join{Kind: plan.JoinLeft, Left: orders, Right: v, Cond: eq(col(orders, "ok"), col(v, "v"))}
	if got := Explain(hj, db.env()); !strings.HasPrefix(got, "XN Hash Left Join DS_DIST_NONE") {
		t.Errorf("values build side moves nothing:\n%s", got)
	}
	nl := &plan.Join{Kind: plan.JoinInner, Left: v, Right: orders, Cond: gt(col(orders, "ok"), col(v, "v"))}
	got := Explain(nl, db.env())
	if !strings.HasPrefix(got, "XN Nested Loop DS_BCAST_INNER") || !strings.Contains(got, "Join Filter: (orders.ok > v)") {
		t.Errorf("nested loop:\n%s", got)
	}
}
