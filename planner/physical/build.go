// Package physical turns a logical plan into a tree of exec operators, split
// into per-slice pipelines joined by exchanges.
package physical

import (
	"context"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/vector"
)

// Env is what building a physical plan needs from the engine.
type Env struct {
	Eval   *exec.EvalContext
	Slices int // parallelism: pipelines per scan
	// Table returns the reader of a stored table at the statement's snapshot.
	Table func(t *catalog.Table) (storage.TableReader, error)
	// SystemRows produces the rows of a system relation (all its columns, in order).
	SystemRows func(ctx context.Context, t *catalog.Table) ([]*vector.Batch, error)
}

// Build returns an operator yielding n's rows, columns in n.Schema() order.
// STUB.
func Build(ctx context.Context, n plan.Node, env *Env) (exec.Operator, error) {
	return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "physical planner not implemented")
}

// Explain renders the plan n as EXPLAIN prints it (Redshift's style:
// "XN Hash Join DS_BCAST_INNER  (cost=... rows=... width=...)" lines, indented with "->").
// STUB.
func Explain(n plan.Node, env *Env) string { return "" }
