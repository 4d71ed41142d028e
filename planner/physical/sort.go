package physical

import (
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
)

// topN is a LIMIT/OFFSET folded into a sort.
type topN struct{ limit, offset int64 }

// buildSort sorts all pipelines (in parallel inside exec); with lim it keeps
// only rows [offset, offset+limit).
func (b *builder) buildSort(x *plan.Sort, lim *topN) (stream, error) {
	in, err := b.build(x.Input)
	if err != nil {
		return in, err
	}
	exprs := make([]plan.Expr, len(x.Keys))
	for i, k := range x.Keys {
		exprs[i] = k.Expr
	}
	ext, pos, err := b.extend(in, exprs, &b.ids)
	if err != nil {
		return ext, err
	}
	keys := make([]exec.SortSpec, len(x.Keys))
	for i, k := range x.Keys {
		keys[i] = exec.SortSpec{Col: pos[i], Desc: k.Desc, NullsFirst: k.NullsFirst}
	}
	var op exec.Operator
	if lim != nil {
		op = b.held(x, exec.NewTopN(b.ec, ext.ops, keys, lim.limit, lim.offset))
	} else {
		op = b.held(x, exec.NewSort(b.ec, ext.ops, keys))
	}
	return b.selectCols(stream{ops: []exec.Operator{op}, schema: ext.schema}, x.Schema())
}

// buildLimit evaluates the constant count and offset now; over a Sort with a
// count it becomes a top-N.
func (b *builder) buildLimit(x *plan.Limit) (stream, error) {
	count, offset := int64(-1), int64(0)
	if x.Count != nil {
		v, ok, err := b.evalInt(x.Count)
		if err != nil {
			return stream{}, err
		}
		if ok {
			if v < 0 {
				return stream{}, sqlerr.Newf(sqlerr.InvalidRowCountInLimitClause, "LIMIT must not be negative")
			}
			count = v
		}
	}
	if x.Offset != nil {
		v, ok, err := b.evalInt(x.Offset)
		if err != nil {
			return stream{}, err
		}
		if ok {
			if v < 0 {
				return stream{}, sqlerr.Newf(sqlerr.InvalidRowCountInResultOffset, "OFFSET must not be negative")
			}
			offset = v
		}
	}
	if s, ok := x.Input.(*plan.Sort); ok && count >= 0 {
		return b.buildSort(s, &topN{limit: count, offset: offset})
	}
	if p, ok := x.Input.(*plan.Project); ok && count >= 0 {
		// A projection keeps row count and order: top-N below it.
		if s, ok := p.Input.(*plan.Sort); ok {
			sorted, err := b.buildSort(s, &topN{limit: count, offset: offset})
			if err != nil {
				return sorted, err
			}
			return b.project(sorted, p.Exprs, p.Cols)
		}
	}
	in, err := b.build(x.Input)
	if err != nil {
		return in, err
	}
	return stream{ops: []exec.Operator{exec.NewLimit(b.gather(in), count, offset)}, schema: x.Schema()}, nil
}

// buildSetOp: UNION ALL concatenates the pipelines, UNION groups them on all
// columns, INTERSECT and EXCEPT use the set-operation operator.
func (b *builder) buildSetOp(x *plan.SetOp) (stream, error) {
	left, err := b.build(x.Left)
	if err != nil {
		return left, err
	}
	right, err := b.build(x.Right)
	if err != nil {
		closeAll(left.ops)
		return right, err
	}
	switch x.Kind {
	case plan.Union:
		ops := append(append([]exec.Operator{}, left.ops...), right.ops...)
		if x.All {
			return stream{ops: ops, schema: x.Cols}, nil
		}
		group := make([]int, len(x.Cols))
		for i := range group {
			group[i] = i
		}
		return stream{ops: []exec.Operator{b.held(x, exec.NewHashAgg(b.ec, ops, group, nil, nil))}, schema: x.Cols}, nil
	case plan.Intersect:
		return stream{ops: []exec.Operator{b.held(x, exec.NewSetOp(b.gather(left), b.gather(right), 1, x.All))}, schema: x.Cols}, nil
	}
	return stream{ops: []exec.Operator{b.held(x, exec.NewSetOp(b.gather(left), b.gather(right), 2, x.All))}, schema: x.Cols}, nil
}
