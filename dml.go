package warehoused

import (
	"context"
	"unicode/utf8"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/planner/bind"
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// dmlPlan resolves the target table of an INSERT, DELETE or UPDATE, binds the
// statement with bindStmt and builds the operator producing its rows.
func (c *Conn) dmlPlan(ctx context.Context, verb string, returning int, name *ast.TableName, args []any,
	bindStmt func(*bind.Binder, *catalog.Table) (plan.Node, error)) (*catalog.Table, exec.Operator, error) {
	if returning > 0 {
		return nil, nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "%s ... RETURNING is not supported", verb)
	}
	t, err := c.targetTable(name)
	if err != nil {
		return nil, nil, err
	}
	b := c.binder()
	n, err := bindStmt(b, t)
	if err != nil {
		return nil, nil, err
	}
	op, _, err := c.build(ctx, b, n, args)
	if err != nil {
		return nil, nil, err
	}
	return t, op, nil
}

func (c *Conn) insert(ctx context.Context, s *ast.InsertStmt, args []any) (*Rows, error) {
	t, op, err := c.dmlPlan(ctx, "INSERT", len(s.Returning), s.Table, args, func(b *bind.Binder, t *catalog.Table) (plan.Node, error) {
		return b.BindInsert(s, t)
	})
	if err != nil {
		return nil, err
	}
	d := c.tx.work.data[t.ID]
	w, err := d.tab.Writer(ctx)
	if err != nil {
		return nil, err
	}
	defer w.Abort()
	next := copyNext(d.next)
	var count int64
	err = runAll(ctx, op, func(bt *vector.Batch) error {
		bt = retype(bt, t)
		fillIdentity(bt, t, next)
		if err := checkAssign(bt, t); err != nil {
			return err
		}
		count += int64(bt.N)
		return w.Append(ctx, bt)
	})
	if err != nil {
		return nil, err
	}
	tab, err := w.Finish(ctx)
	if err != nil {
		return nil, err
	}
	c.tx.setData(t.ID, d.replaced(tab, next, count))
	r := emptyRows("INSERT 0 " + itoa(count))
	r.affected = count
	return r, nil
}

// fillIdentity gives NULL entries of IDENTITY columns their next values.
func fillIdentity(b *vector.Batch, t *catalog.Table, next map[int]int64) {
	for i, col := range t.Columns {
		if col.Identity == nil {
			continue
		}
		src := b.Cols[i]
		v := vector.New(col.Type, b.N)
		for r := 0; r < b.N; r++ {
			if src.IsNull(r) {
				v.Ints[r] = next[i]
				next[i] += col.Identity.Step
			} else {
				v.Ints[r] = src.Ints[r]
			}
		}
		b.Cols[i] = v
	}
}

// checkAssign enforces NOT NULL (23502), string lengths (22001; excess
// trailing blanks are cut, as PostgreSQL does) and DECIMAL precision (22003).
// It may replace vectors of b (never writes into them).
func checkAssign(b *vector.Batch, t *catalog.Table) error {
	for i, col := range t.Columns {
		v := b.Cols[i]
		if col.NotNull && v.Nulls != nil && v.Nulls.Any(b.N) {
			return sqlerr.Newf(sqlerr.NotNullViolation, "null value in column \"%s\" of relation \"%s\" violates not-null constraint", col.Name, t.Name)
		}
		ct := col.Type
		switch {
		case (ct.ID == types.Varchar || ct.ID == types.Char) && ct.Width > 0:
			width := ct.Width
			var out *vector.Vector
			for r := 0; r < b.N; r++ {
				s := v.Strs[r]
				if len(s) <= width || v.IsNull(r) {
					continue
				}
				if utf8.RuneCountInString(s) <= width && ct.ID == types.Char {
					continue
				}
				cut := s[:width]
				if !allBlanks(s[width:]) {
					return sqlerr.Newf(sqlerr.StringDataRightTruncation, "value too long for type %s", ct)
				}
				if out == nil {
					cp := *v
					cp.Strs = append([]string(nil), v.Strs...)
					out = &cp
				}
				out.Strs[r] = cut
			}
			if out != nil {
				b.Cols[i] = out
			}
		case ct.ID == types.Decimal && ct.Physical() == types.PhysInt64 && ct.Precision > 0:
			limit := pow10(ct.Precision)
			for r := 0; r < b.N; r++ {
				x := v.Ints[r]
				if (x >= limit || x <= -limit) && !v.IsNull(r) {
					return sqlerr.Newf(sqlerr.NumericValueOutOfRange, "numeric field overflow").
						WithDetail("A field with precision %d, scale %d must round to an absolute value less than 10^%d.", ct.Precision, ct.Scale, ct.Precision-ct.Scale)
				}
			}
		}
	}
	return nil
}

func allBlanks(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] != ' ' {
			return false
		}
	}
	return true
}

func pow10(n int) int64 {
	p := int64(1)
	for i := 0; i < n && i < 18; i++ {
		p *= 10
	}
	if n >= 19 {
		return 1<<63 - 1
	}
	return p
}

func (c *Conn) delete(ctx context.Context, s *ast.DeleteStmt, args []any) (*Rows, error) {
	t, op, err := c.dmlPlan(ctx, "DELETE", len(s.Returning), s.Table, args, func(b *bind.Binder, t *catalog.Table) (plan.Node, error) {
		return b.BindDelete(s, t)
	})
	if err != nil {
		return nil, err
	}
	d := c.tx.work.data[t.ID]
	var ids []int64
	err = runAll(ctx, op, func(bt *vector.Batch) error {
		v := bt.Cols[0]
		for r := 0; r < bt.N; r++ {
			if !v.IsNull(r) {
				ids = append(ids, v.Ints[r])
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	tab, removed, err := d.tab.Delete(ctx, ids)
	if err != nil {
		return nil, err
	}
	if removed > 0 {
		c.tx.setData(t.ID, d.replaced(tab, d.next, removed))
	}
	r := emptyRows("DELETE " + itoa(removed))
	r.affected = removed
	return r, nil
}

func (c *Conn) update(ctx context.Context, s *ast.UpdateStmt, args []any) (*Rows, error) {
	t, op, err := c.dmlPlan(ctx, "UPDATE", len(s.Returning), s.Table, args, func(b *bind.Binder, t *catalog.Table) (plan.Node, error) {
		return b.BindUpdate(s, t)
	})
	if err != nil {
		return nil, err
	}
	d := c.tx.work.data[t.ID]
	seen := map[int64]struct{}{}
	var ids []int64
	var rows []*vector.Batch
	err = runAll(ctx, op, func(bt *vector.Batch) error {
		idv := bt.Cols[0]
		sel := make([]int32, 0, bt.N)
		for r := 0; r < bt.N; r++ {
			id := idv.Ints[r]
			if _, dup := seen[id]; dup || idv.IsNull(r) {
				continue
			}
			seen[id] = struct{}{}
			ids = append(ids, id)
			sel = append(sel, int32(r))
		}
		if len(sel) == 0 {
			return nil
		}
		nb := &vector.Batch{Cols: bt.Cols[1:], N: bt.N}
		if len(sel) < bt.N {
			nb = nb.Gather(sel)
		}
		nb = retype(nb, t)
		if err := checkAssign(nb, t); err != nil {
			return err
		}
		rows = append(rows, nb)
		return nil
	})
	if err != nil {
		return nil, err
	}
	var removed int64
	if len(ids) > 0 {
		tab, n, err := d.tab.Delete(ctx, ids)
		if err != nil {
			return nil, err
		}
		removed = n
		w, err := tab.Writer(ctx)
		if err != nil {
			return nil, err
		}
		defer w.Abort()
		for _, nb := range rows {
			if err := w.Append(ctx, nb); err != nil {
				return nil, err
			}
		}
		if tab, err = w.Finish(ctx); err != nil {
			return nil, err
		}
		c.tx.setData(t.ID, d.replaced(tab, d.next, removed))
	}
	r := emptyRows("UPDATE " + itoa(removed))
	r.affected = removed
	return r, nil
}
