package physical

import (
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// inputCols collects the expressions an operator reads from its input and
// projects them once, so the operator sees only plain column indexes.
type inputCols struct {
	exprs  []plan.Expr
	schema plan.Schema
}

// add returns the index of e among the projected columns, reusing an equal
// column reference.
func (ic *inputCols) add(e plan.Expr, ids *idSource) int {
	if c, ok := e.(*plan.ColRef); ok {
		for i, x := range ic.exprs {
			if xc, ok := x.(*plan.ColRef); ok && xc.ID == c.ID {
				return i
			}
		}
	}
	ic.exprs = append(ic.exprs, e)
	ic.schema = append(ic.schema, plan.Column{ID: ids.next(), Name: "?column?", Type: e.Type(), Nullable: true})
	return len(ic.exprs) - 1
}

// constArgAggs take some arguments as per-query constants (AggSpec.Consts).
var constArgAggs = map[string]bool{
	"listagg": true, "string_agg": true, "percentile_cont": true, "percentile_disc": true, "median": true,
}

// isConstExpr reports whether e reads no columns.
func isConstExpr(e plan.Expr) bool {
	return len(plan.ColumnsUsed(e)) == 0
}

// evalDatum evaluates a constant expression at build time.
func (b *builder) evalDatum(e plan.Expr) (any, error) {
	c, err := CompileExpr(e, nil)
	if err != nil {
		return nil, err
	}
	return exec.EvalConst(b.ec, c)
}

func sortSpecs(keys []plan.SortKey, ic *inputCols, ids *idSource) []exec.SortSpec {
	out := make([]exec.SortSpec, len(keys))
	for i, k := range keys {
		out[i] = exec.SortSpec{Col: ic.add(k.Expr, ids), Desc: k.Desc, NullsFirst: k.NullsFirst}
	}
	return out
}

// buildAggregate projects group keys and aggregate arguments, then runs one
// parallel hash aggregation over all pipelines (without a combine when they
// are partitioned by a group key: aggregate_partition.go).
func (b *builder) buildAggregate(x *plan.Aggregate) (stream, error) {
	in, err := b.build(x.Input)
	if err != nil {
		return in, err
	}
	var ic inputCols
	groupCols := make([]int, len(x.GroupBy))
	for i, g := range x.GroupBy {
		// Group columns are positional in the output: never share them.
		ic.exprs = append(ic.exprs, g)
		ic.schema = append(ic.schema, plan.Column{ID: b.ids.next(), Name: "?column?", Type: g.Type(), Nullable: true})
		groupCols[i] = i
	}
	aggs := make([]exec.AggSpec, len(x.Aggs))
	for i, a := range x.Aggs {
		spec := exec.AggSpec{Name: a.Name, Distinct: a.Distinct, Filter: -1, Ret: a.Col.Type}
		for _, arg := range a.Args {
			if constArgAggs[a.Name] && isConstExpr(arg) && (len(spec.Args) > 0 || len(a.OrderBy) > 0) {
				d, err := b.evalDatum(arg)
				if err != nil {
					closeAll(in.ops)
					return stream{}, err
				}
				if a.Name == "percentile_cont" || a.Name == "percentile_disc" {
					d = fraction(d, arg.Type())
				}
				spec.Consts = append(spec.Consts, d)
				continue
			}
			spec.Args = append(spec.Args, ic.add(arg, &b.ids))
			spec.ArgTypes = append(spec.ArgTypes, arg.Type())
		}
		if a.Filter != nil {
			spec.Filter = ic.add(a.Filter, &b.ids)
		}
		spec.OrderBy = sortSpecs(a.OrderBy, &ic, &b.ids)
		aggs[i] = spec
	}
	if len(ic.exprs) == 0 {
		// count(*) alone: keep one cheap column so batches still carry rows.
		if len(in.schema) > 0 {
			c := in.schema[0]
			ic.add(&plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}, &b.ids)
		}
	}
	proj, err := b.project(in, ic.exprs, ic.schema)
	if err != nil {
		return proj, err
	}
	opts := exec.HashAggOptions{Partition: b.partitionedGroupCol(x), Groups: b.groupsHint(x)}
	op := b.held(x, exec.NewHashAggWith(b.ec, proj.ops, groupCols, aggs, x.GroupingSets, opts))
	return stream{ops: []exec.Operator{op}, schema: x.Schema()}, nil
}

// fraction converts a percentile's constant fraction to float64 (a DECIMAL
// literal such as 0.25 is held as an unscaled integer).
func fraction(d any, t types.T) any {
	switch x := d.(type) {
	case int64:
		f := float64(x)
		if t.ID == types.Decimal {
			for range t.Scale {
				f /= 10
			}
		}
		return f
	case types.Decimal128:
		f := x.Float64()
		for range t.Scale {
			f /= 10
		}
		return f
	}
	return d
}
