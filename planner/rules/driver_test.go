package rules

import (
	"context"
	"strings"
	"testing"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
)

func TestOptimizeEndToEnd(t *testing.T) {
	f := &fixture{}
	a, b, c := f.scan("a", 1000, "x", "z", "u"), f.scan("b", 10, "y", "w"), f.scan("c", 100, "v", "s")
	from := cross(cross(a, b), c)
	pred := and(eq(col(a, "x"), col(b, "y")), eq(col(b, "w"), col(c, "v")), gt(col(c, "s"), i64(3)))
	root := f.project(&plan.Filter{Input: from, Pred: pred}, "z")
	out, err := Optimize(context.Background(), root, &f.ids, Options{})
	if err != nil {
		t.Fatal(err)
	}
	txt := Format(out)
	if !noCrossJoins(out) || strings.Contains(txt, "Filter") || strings.Contains(txt, "u#3") {
		t.Errorf("not optimised:\n%s", txt)
	}
	if strings.Count(txt, "Project") != 1 {
		t.Errorf("renaming projection not merged:\n%s", txt)
	}
	// Disabled rules are skipped.
	out, err = Optimize(context.Background(), root, &f.ids, Options{Disabled: map[string]bool{"push_down_filters": true, "prune_columns": true, "reorder_joins": true}})
	if err != nil {
		t.Fatal(err)
	}
	if Format(out) != Format(root) {
		t.Errorf("disabled rules ran:\n%s", Format(out))
	}
	// A cancelled context stops optimisation with 57014.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Optimize(ctx, root, &f.ids, Options{}); sqlerr.CodeOf(err) != sqlerr.QueryCanceled {
		t.Errorf("want 57014, got %v", err)
	}
}

// schemaBreaker is a faulty rule: the driver must reject its output.
type schemaBreaker struct{}

func (schemaBreaker) Name() string { return "schema_breaker" }
func (schemaBreaker) Apply(_ context.Context, n plan.Node, _ *Context) (plan.Node, error) {
	return n.Children()[0], nil
}

func TestDriverChecksSchema(t *testing.T) {
	f := &fixture{}
	root := f.project(f.scan("a", 10, "x", "y"), "y")
	_, err := optimize(context.Background(), root, &f.ids, Options{}, []step{{rule: schemaBreaker{}, once: true}})
	if sqlerr.CodeOf(err) != sqlerr.InternalError || !strings.Contains(err.Error(), "schema_breaker") {
		t.Fatalf("want an internal error naming the rule, got %v", err)
	}
	if _, err := optimize(context.Background(), root, &f.ids, Options{Disabled: map[string]bool{"schema_breaker": true}}, []step{{rule: schemaBreaker{}}}); err != nil {
		t.Fatal(err)
	}
}
