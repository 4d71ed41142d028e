package physical

import (
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/vector"
)

// buildScan reads every slice of the table in its own pipeline; the pushed
// Scan.Filter runs right after each scan, and the ranges it implies let
// storage skip blocks by their zone maps (scanRanges).
func (b *builder) buildScan(x *plan.Scan) (stream, error) {
	if b.env.Table == nil {
		return stream{}, sqlerr.Newf(sqlerr.InternalError, "physical: no table access")
	}
	r, err := b.env.Table(x.Table)
	if err != nil {
		return stream{}, err
	}
	slices := r.Slices()
	if slices <= 0 {
		slices = 1
	}
	ts := types_(x.Cols)
	ranges := scanRanges(x)
	st := b.scanStats(x)
	ops := make([]exec.Operator, slices)
	for i := range slices {
		req := storage.ScanRequest{Slice: i, Columns: append([]int(nil), x.Columns...), Ranges: ranges, Stats: st}
		ops[i] = exec.NewScan(r, req, ts)
	}
	return b.filter(stream{ops: ops, schema: x.Cols}, x.Filter)
}

// buildSystemScan materialises the system relation's rows and keeps the
// requested columns.
func (b *builder) buildSystemScan(x *plan.SystemScan) (stream, error) {
	if b.env.SystemRows == nil {
		return stream{}, sqlerr.Newf(sqlerr.InternalError, "physical: no system relations")
	}
	rows, err := b.env.SystemRows(b.ctx, x.Table)
	if err != nil {
		return stream{}, err
	}
	out := make([]*vector.Batch, 0, len(rows))
	for _, bt := range rows {
		if bt == nil || bt.N == 0 {
			continue
		}
		nb := &vector.Batch{Cols: make([]*vector.Vector, len(x.Columns)), N: bt.N}
		for i, c := range x.Columns {
			if c < 0 || c >= len(bt.Cols) {
				return stream{}, sqlerr.Newf(sqlerr.InternalError, "physical: system relation %s has no column %d", x.Table.Name, c)
			}
			nb.Cols[i] = bt.Cols[c]
		}
		out = append(out, nb)
	}
	return stream{ops: []exec.Operator{exec.NewBatches(types_(x.Cols), out)}, schema: x.Cols}, nil
}

func (b *builder) buildValues(x *plan.Values) (stream, error) {
	rows := make([][]exec.Expr, len(x.Rows))
	for i, r := range x.Rows {
		es, err := CompileExprs(r, nil)
		if err != nil {
			return stream{}, err
		}
		rows[i] = es
	}
	return stream{ops: []exec.Operator{exec.NewValues(b.ec, types_(x.Cols), rows)}, schema: x.Cols}, nil
}

func (b *builder) buildFilter(x *plan.Filter) (stream, error) {
	in, err := b.build(x.Input)
	if err != nil {
		return in, err
	}
	return b.filter(in, x.Pred)
}

func (b *builder) buildProject(x *plan.Project) (stream, error) {
	in, err := b.build(x.Input)
	if err != nil {
		return in, err
	}
	return b.project(in, x.Exprs, x.Cols)
}

func (b *builder) buildTableFunc(x *plan.TableFunc) (stream, error) {
	if x.Name != "generate_series" || len(x.Cols) != 1 {
		return stream{}, sqlerr.Newf(sqlerr.FeatureNotSupported, "table function %s is not supported", x.Name)
	}
	args, err := CompileExprs(x.Args, nil)
	if err != nil {
		return stream{}, err
	}
	return stream{ops: []exec.Operator{exec.NewGenerateSeries(b.ec, args, x.Cols[0].Type)}, schema: x.Cols}, nil
}

// buildRecursive registers the working table, then builds the recursive side
// afresh for every step (operators are single-use).
func (b *builder) buildRecursive(x *plan.RecursiveCTE) (stream, error) {
	anchor, err := b.build(x.Anchor)
	if err != nil {
		return anchor, err
	}
	anchorOp := b.gather(anchor)
	w := exec.NewWorkTable(types_(x.Cols))
	b.work[x.WorkID] = w
	recursive := func() (exec.Operator, error) {
		s, err := b.build(x.Recursive)
		if err != nil {
			closeAll(s.ops)
			return nil, err
		}
		return b.gather(s), nil
	}
	return stream{ops: []exec.Operator{exec.NewRecursiveCTE(anchorOp, w, recursive, x.Distinct)}, schema: x.Cols}, nil
}
