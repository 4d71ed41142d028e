package physical

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// drain runs op to the end and returns its row count.
func drain(t *testing.T, n plan.Node, db *testDB) (int64, *Analysis) {
	t.Helper()
	ctx := context.Background()
	op, a, err := BuildAnalyze(ctx, n, db.env())
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	defer op.Close()
	if err := op.Open(ctx); err != nil {
		t.Fatalf("open: %v", err)
	}
	var rows int64
	for {
		b, err := op.Next(ctx)
		if err != nil {
			t.Fatalf("next: %v", err)
		}
		if b == nil {
			return rows, a
		}
		rows += int64(b.N)
	}
}

// lineWith returns the first line containing s and the line after it.
func lineWith(t *testing.T, text, s string) (string, string) {
	t.Helper()
	lines := strings.Split(text, "\n")
	for i, l := range lines {
		if strings.Contains(l, s) {
			next := ""
			if i+1 < len(lines) {
				next = lines[i+1]
			}
			return l, next
		}
	}
	t.Fatalf("no line with %q in\n%s", s, text)
	return "", ""
}

func TestExplainAnalyzeJoinAggregate(t *testing.T) {
	db, orders, cust := fixtures()
	j := &plan.Join{Kind: plan.JoinInner, Left: orders, Right: cust, Cond: eq(col(orders, "cust"), col(cust, "ck"))}
	agg := &plan.Aggregate{Input: j, GroupBy: []plan.Expr{col(j, "name")},
		GroupCols: plan.Schema{db.out("name", types.TextType)},
		Aggs:      []plan.AggCall{{Name: "count", Col: db.out("count", types.Int64Type)}}}
	rows, a := drain(t, agg, db)
	if rows != 2 {
		t.Fatalf("query returned %d rows, want 2", rows)
	}
	text := ExplainAnalyze(agg, db.env(), a, 5*time.Millisecond)
	checks := []struct {
		line, want string
		sliced     bool // the operator runs in every slice
	}{
		{"XN HashAggregate", "actual rows=2 ", false},
		{"XN Hash Join", "actual rows=3 ", true},
		{"XN Seq Scan on orders", "actual rows=6 ", true},
		{"XN Seq Scan on customer", "actual rows=3 ", true},
		{"XN Hash  (", "actual rows=3 ", false}, // the table's build input
	}
	for _, c := range checks {
		l, next := lineWith(t, text, c.line)
		if !strings.Contains(l, c.want) {
			t.Errorf("%s: %q lacks %q", c.line, l, c.want)
		}
		if !strings.Contains(l, "time=") {
			t.Errorf("%s: %q has no time", c.line, l)
		}
		hasSlices := strings.Contains(next, "slices: [0] rows=") && strings.Contains(next, "[2] rows=")
		if hasSlices != c.sliced {
			t.Errorf("%s: slices line %q, want present=%v", c.line, next, c.sliced)
		}
	}
	if !strings.HasPrefix(text, "XN HashAggregate") {
		t.Errorf("text starts %q", text)
	}
	for _, want := range []string{"Total rows: 2\n", "Execution time: 5.000 ms\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in\n%s", want, text)
		}
	}
}

func TestExplainAnalyzeFilterFoldsIntoScan(t *testing.T) {
	db, orders, _ := fixtures()
	f := &plan.Filter{Input: orders, Pred: gt(col(orders, "ok"), i64(4))}
	rows, a := drain(t, f, db)
	if rows != 2 {
		t.Fatalf("query returned %d rows, want 2", rows)
	}
	text := ExplainAnalyze(f, db.env(), a, 0)
	l, next := lineWith(t, text, "XN Seq Scan on orders")
	if !strings.Contains(l, "actual rows=2 ") || !strings.Contains(l, "self=") {
		t.Errorf("filter line %q", l)
	}
	// Per-slice rows add up to the total.
	var sum int
	for _, f := range strings.Fields(next) {
		var v int
		if _, err := fmtSscan(f, &v); err == nil {
			sum += v
		}
	}
	if sum != 2 {
		t.Errorf("slices %q add up to %d", next, sum)
	}
	// EXPLAIN without ANALYZE has no counters.
	if strings.Contains(Explain(f, db.env()), "actual") {
		t.Error("plain EXPLAIN shows actual counters")
	}
}

// fmtSscan parses "rows=N" fields.
func fmtSscan(f string, v *int) (int, error) {
	return fmt.Sscanf(f, "rows=%d", v)
}

// memOp is a one-batch operator that reports holding 3000 bytes while open.
type memOp struct {
	done, open bool
}

func (m *memOp) Open(context.Context) error { m.open = true; return nil }
func (m *memOp) Close() error               { m.open = false; return nil }
func (m *memOp) Types() []types.T           { return []types.T{types.Int64Type} }
func (m *memOp) MemoryBytes() int64 {
	if m.open {
		return 3000
	}
	return 0
}
func (m *memOp) Next(context.Context) (*vector.Batch, error) {
	if m.done {
		return nil, nil
	}
	m.done = true
	return vector.NewBatch(m.Types(), 4), nil
}

// TestExplainAnalyzeHeldMemory checks that the peak memory of a stateful
// operator marked with held shows on its node's line, even under a wrapper
// that cannot see it.
func TestExplainAnalyzeHeldMemory(t *testing.T) {
	db, orders, _ := fixtures()
	b := newBuilder(context.Background(), db.env())
	b.inst = newAnalysis()
	op := b.inst.instrument(orders, stream{ops: []exec.Operator{b.held(orders, &memOp{})}}).ops[0]
	ctx := context.Background()
	if err := op.Open(ctx); err != nil {
		t.Fatal(err)
	}
	for {
		bt, err := op.Next(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if bt == nil {
			break
		}
	}
	op.Close()
	text := ExplainAnalyze(orders, db.env(), b.inst, 0)
	if l, _ := lineWith(t, text, "XN Seq Scan"); !strings.Contains(l, "actual rows=4 ") || !strings.Contains(l, "peak memory=3 kB") {
		t.Errorf("line %q", l)
	}
	// Without ANALYZE, held leaves operators alone.
	plain := newBuilder(context.Background(), db.env())
	if _, ok := plain.held(orders, &memOp{}).(*memOp); !ok {
		t.Error("held wrapped an operator outside EXPLAIN ANALYZE")
	}
}
