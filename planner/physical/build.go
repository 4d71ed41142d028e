// Package physical turns a logical plan into a tree of exec operators, split
// into per-slice pipelines joined by exchanges.
//
// Every node is built into a stream: one or more parallel pipelines that all
// output the node's Schema, columns in order. A Scan yields one pipeline per
// slice; Filter, Project and hash-join probes stay per pipeline; operators that
// need all rows (aggregation, sort, top-N) take every pipeline as input and
// parallelise internally; Gather merges pipelines where one stream is needed.
package physical

import (
	"context"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/types"
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
func Build(ctx context.Context, n plan.Node, env *Env) (exec.Operator, error) {
	b := newBuilder(ctx, env)
	s, err := b.build(n)
	if err != nil {
		closeAll(s.ops)
		return nil, err
	}
	return b.gather(s), nil
}

// stream is a built node: parallel pipelines that each output schema.
type stream struct {
	ops    []exec.Operator
	schema plan.Schema
}

type builder struct {
	ctx  context.Context
	env  *Env
	ec   *exec.EvalContext
	est  *cost.Estimator
	work map[int]*exec.WorkTable // recursive CTE working tables by WorkID
	ids  idSource
	inst *Analysis // when set (EXPLAIN ANALYZE), every node's pipelines are wrapped
}

func newBuilder(ctx context.Context, env *Env) *builder {
	ec := env.Eval
	if ec == nil {
		ec = &exec.EvalContext{}
	}
	return &builder{ctx: ctx, env: env, ec: ec, est: cost.New(), work: map[int]*exec.WorkTable{}}
}

func (b *builder) build(n plan.Node) (stream, error) {
	s, err := b.build1(n)
	if err != nil || b.inst == nil {
		return s, err
	}
	return b.inst.instrument(n, s), nil
}

func (b *builder) build1(n plan.Node) (stream, error) {
	if err := b.ctx.Err(); err != nil {
		return stream{}, sqlerr.From(err)
	}
	switch x := n.(type) {
	case *plan.Scan:
		return b.buildScan(x)
	case *plan.SystemScan:
		return b.buildSystemScan(x)
	case *plan.Values:
		return b.buildValues(x)
	case *plan.Filter:
		return b.buildFilter(x)
	case *plan.Project:
		return b.buildProject(x)
	case *plan.Join:
		return b.buildJoin(x)
	case *plan.Aggregate:
		return b.buildAggregate(x)
	case *plan.Window:
		return b.buildWindow(x)
	case *plan.Sort:
		return b.buildSort(x, nil)
	case *plan.Limit:
		return b.buildLimit(x)
	case *plan.SetOp:
		return b.buildSetOp(x)
	case *plan.Max1Row:
		in, err := b.build(x.Input)
		if err != nil {
			return in, err
		}
		return stream{ops: []exec.Operator{exec.NewMax1Row(b.gather(in))}, schema: x.Schema()}, nil
	case *plan.RecursiveCTE:
		return b.buildRecursive(x)
	case *plan.WorkTableScan:
		w, ok := b.work[x.WorkID]
		if !ok {
			return stream{}, sqlerr.Newf(sqlerr.InternalError, "physical: work table %d not registered", x.WorkID)
		}
		return stream{ops: []exec.Operator{exec.NewWorkTableScan(w)}, schema: x.Cols}, nil
	case *plan.TableFunc:
		return b.buildTableFunc(x)
	}
	return stream{}, sqlerr.Newf(sqlerr.InternalError, "physical: unknown plan node %T", n)
}

// gather merges a stream's pipelines into one operator.
func (b *builder) gather(s stream) exec.Operator {
	if len(s.ops) == 1 {
		return s.ops[0]
	}
	return exec.NewGather(s.ops)
}

// filter applies pred (over s.schema) to every pipeline of s.
func (b *builder) filter(s stream, pred plan.Expr) (stream, error) {
	if pred == nil {
		return s, nil
	}
	ops := make([]exec.Operator, len(s.ops))
	for i, op := range s.ops {
		// Compile per pipeline: compiled expressions may hold per-evaluation state.
		p, err := CompileExpr(pred, s.schema)
		if err != nil {
			return s, err
		}
		ops[i] = exec.NewFilter(b.ec, op, p)
	}
	return stream{ops: ops, schema: s.schema}, nil
}

// project computes exprs (over s.schema) per pipeline, yielding out. When the
// exprs are exactly s's columns in order, s is returned unchanged.
func (b *builder) project(s stream, exprs []plan.Expr, out plan.Schema) (stream, error) {
	if isIdentity(exprs, s.schema) {
		return stream{ops: s.ops, schema: out}, nil
	}
	ops := make([]exec.Operator, len(s.ops))
	for i, op := range s.ops {
		es, err := CompileExprs(exprs, s.schema)
		if err != nil {
			return s, err
		}
		ops[i] = exec.NewProject(b.ec, op, es)
	}
	return stream{ops: ops, schema: out}, nil
}

// selectCols projects s onto the columns ids (which must all be in s.schema).
func (b *builder) selectCols(s stream, want plan.Schema) (stream, error) {
	exprs := make([]plan.Expr, len(want))
	for i, c := range want {
		j := s.schema.IndexOf(c.ID)
		if j < 0 {
			return s, sqlerr.Newf(sqlerr.InternalError, "physical: column %s (#%d) lost", c.Name, c.ID)
		}
		exprs[i] = &plan.ColRef{ID: c.ID, Typ: s.schema[j].Type, Name: c.Name}
	}
	return b.project(s, exprs, want)
}

func isIdentity(exprs []plan.Expr, in plan.Schema) bool {
	if len(exprs) != len(in) {
		return false
	}
	for i, e := range exprs {
		c, ok := e.(*plan.ColRef)
		if !ok || c.ID != in[i].ID {
			return false
		}
	}
	return true
}

// extend appends computed columns for exprs that are not plain column
// references of s, and returns the position of each expr in the result.
func (b *builder) extend(s stream, exprs []plan.Expr, ids *idSource) (stream, []int, error) {
	pos := make([]int, len(exprs))
	all := make([]plan.Expr, 0, len(s.schema)+len(exprs))
	for _, c := range s.schema {
		all = append(all, &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name})
	}
	schema := append(plan.Schema{}, s.schema...)
	for i, e := range exprs {
		if c, ok := e.(*plan.ColRef); ok {
			if j := s.schema.IndexOf(c.ID); j >= 0 {
				pos[i] = j
				continue
			}
		}
		pos[i] = len(all)
		all = append(all, e)
		schema = append(schema, plan.Column{ID: ids.next(), Name: "?column?", Type: e.Type(), Nullable: true})
	}
	if len(all) == len(s.schema) {
		return s, pos, nil
	}
	out, err := b.project(s, all, schema)
	return out, pos, err
}

// idSource hands out column IDs for columns the physical planner invents;
// they are negative so they never collide with the plan's.
type idSource struct{ last plan.ColumnID }

func (s *idSource) next() plan.ColumnID {
	s.last--
	return s.last
}

// evalInt evaluates a constant integer expression (LIMIT/OFFSET). ok is false for NULL.
func (b *builder) evalInt(e plan.Expr) (v int64, ok bool, err error) {
	c, err := CompileExpr(e, nil)
	if err != nil {
		return 0, false, err
	}
	d, err := exec.EvalConst(b.ec, c)
	if err != nil {
		return 0, false, err
	}
	switch x := d.(type) {
	case nil:
		return 0, false, nil
	case int64:
		if e.Type().ID == types.Decimal && e.Type().Scale > 0 {
			for range e.Type().Scale {
				x /= 10
			}
		}
		return x, true, nil
	case float64:
		return int64(x), true, nil
	}
	return 0, false, sqlerr.Newf(sqlerr.DatatypeMismatch, "argument of LIMIT must be an integer")
}

func types_(s plan.Schema) []types.T {
	out := make([]types.T, len(s))
	for i, c := range s {
		out[i] = c.Type
	}
	return out
}

func closeAll(ops []exec.Operator) {
	for _, op := range ops {
		if op != nil {
			op.Close()
		}
	}
}
