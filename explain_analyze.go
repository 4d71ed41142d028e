package warehoused

import (
	"context"
	"time"

	"github.com/warehoused/warehoused/planner/physical"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// explainAnalyze runs the optimized plan n to completion with every operator
// instrumented, discarding its rows, and returns the plan annotated with the
// actual rows, times and memory.
func (c *Conn) explainAnalyze(ctx context.Context, n plan.Node, params []types.Datum) (string, error) {
	env := c.env(c.evalContext(params))
	start := time.Now()
	op, a, err := physical.BuildAnalyze(ctx, n, env)
	if err != nil {
		return "", err
	}
	if err := runAll(ctx, op, func(*vector.Batch) error { return nil }); err != nil {
		return "", err
	}
	return physical.ExplainAnalyze(n, env, a, time.Since(start)), nil
}
