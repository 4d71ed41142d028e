// Package rules rewrites logical plans: one rule a file, applied in the order
// driver.go gives.
package rules

import (
	"context"

	"github.com/warehoused/warehoused/planner/plan"
)

// Options configure the optimizer.
type Options struct {
	Disabled map[string]bool // rule names to skip
}

// Optimize rewrites n; the result has the same Schema.
// STUB: returns n unchanged.
func Optimize(ctx context.Context, n plan.Node, ids *plan.IDGen, opts Options) (plan.Node, error) {
	return n, nil
}
