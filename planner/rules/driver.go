// Package rules rewrites logical plans: one rule a file, applied in the order
// driver.go gives.
package rules

import (
	"context"

	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
)

// Options configure the optimizer.
type Options struct {
	Disabled map[string]bool // rule names to skip
}

// Rule is one logical rewrite. Apply returns the rewritten plan (or n itself
// when nothing applies); it must not change n's output columns.
type Rule interface {
	Name() string
	Apply(ctx context.Context, n plan.Node, rc *Context) (plan.Node, error)
}

// Context is what rules share during one optimisation.
type Context struct {
	IDs *plan.IDGen
	Est *cost.Estimator
}

// step is one entry of the rule sequence.
type step struct {
	rule Rule
	once bool // a rule that is not idempotent by construction runs one pass
}

// maxPasses bounds how often one rule is re-applied while it still changes
// the plan.
const maxPasses = 8

// sequence is the order rules run in:
//
//  1. fold_constants first, so every later rule sees `date '1998-12-01' -
//     interval '90' day` as one constant and FALSE filters as empty relations.
//  2. simplify_outer_joins before pushing filters: a WHERE predicate that
//     rejects NULLs of a LEFT join's right side turns the join INNER, after
//     which push_down_filters may move that predicate into the right input.
//  3. factor_or_predicates pulls the join condition out of ORs (TPC-H Q19)
//     and derives single-input ORs, for push_down_filters to place;
//  4. push_down_filters moves predicates to the scans and join conditions, so
//     that comma joins get their equi-join conditions...
//  5. push_down_semi_joins then moves EXISTS/IN semi joins to the input they
//     filter, so that they shrink it before other joins...
//  6. ...and reorder_joins sees the join graph (conditions in place) and the
//     filtered cardinalities of its inputs.
//  7. prune_columns last: it sees the final shape and removes every column no
//     operator reads any more (e.g. columns only a pushed filter read stay,
//     columns only a removed filter read go).
func sequence() []step {
	return []step{
		{rule: FoldConstants{}},
		{rule: SimplifyOuterJoins{}},
		{rule: FactorOrPredicates{}},
		{rule: PushDownFilters{}},
		{rule: PushDownSemiJoins{}},
		{rule: ReorderJoins{}, once: true},
		{rule: ReduceAggregates{}}, // after the join order is chosen: reduce_aggregates.go
		{rule: PruneColumns{}},
	}
}

// Optimize rewrites n; the result has the same Schema.
func Optimize(ctx context.Context, n plan.Node, ids *plan.IDGen, opts Options) (plan.Node, error) {
	return optimize(ctx, n, ids, opts, sequence())
}

func optimize(ctx context.Context, n plan.Node, ids *plan.IDGen, opts Options, steps []step) (plan.Node, error) {
	if ids == nil {
		ids = &plan.IDGen{}
	}
	want := n.Schema()
	formatted := "" // Format(n) when known, carried from rule to rule
	for _, s := range steps {
		name := s.rule.Name()
		if opts.Disabled[name] {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, sqlerr.From(err)
		}
		out, f, err := applyRuleFormatted(ctx, s, n, ids, formatted)
		if err != nil {
			return nil, err
		}
		if !sameSchema(out.Schema(), want) {
			return nil, sqlerr.Newf(sqlerr.InternalError, "optimizer rule %s changed the plan's output columns", name)
		}
		n, formatted = out, f
	}
	return n, nil
}

// applyRule runs one rule to a fixed point (at most maxPasses passes). A
// rule that returns its input unchanged (the same node, as the Rule contract
// says) is at its fixed point without comparing formatted plans: formatting
// dominated planning time for short queries.
func applyRule(ctx context.Context, s step, n plan.Node, ids *plan.IDGen) (plan.Node, error) {
	out, _, err := applyRuleFormatted(ctx, s, n, ids, "")
	return out, err
}

// applyRuleFormatted is applyRule given Format(n) when known (else "");
// it returns Format of the result when it computed it (else ""), so the
// next rule need not format the same plan again.
func applyRuleFormatted(ctx context.Context, s step, n plan.Node, ids *plan.IDGen, before string) (plan.Node, string, error) {
	for range maxPasses {
		rc := &Context{IDs: ids, Est: cost.New()}
		out, err := s.rule.Apply(ctx, n, rc)
		if err != nil {
			return nil, "", err
		}
		if out == n {
			return out, before, nil
		}
		if s.once {
			return out, "", nil
		}
		if before == "" {
			before = Format(n)
		}
		after := Format(out)
		n = out
		if after == before {
			break
		}
		before = after
	}
	return n, before, nil
}

// sameSchema compares column identities and types (nullability may change:
// an outer join becoming inner makes columns non-nullable).
func sameSchema(a, b plan.Schema) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID || a[i].Type != b[i].Type {
			return false
		}
	}
	return true
}
