package warehoused

import (
	"context"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/vector"
)

// redistribute moves t's rows to the slices nt's distribution places them
// on, when ALTER TABLE ... ALTER DISTSTYLE / DISTKEY changed it (Redshift
// redistributes the table too). The planner joins DISTSTYLE KEY tables slice
// by slice (DS_DIST_NONE), so a table's rows must always sit where its
// catalog distribution says.
func (c *Conn) redistribute(ctx context.Context, t, nt *catalog.Table) error {
	if distKeyOf(t) == distKeyOf(nt) {
		return nil
	}
	d := c.tx.work.data[t.ID]
	if d == nil {
		return nil
	}
	fresh := c.db.newTable(nt, d.tab.Types())
	w, err := fresh.Writer(ctx)
	if err != nil {
		return err
	}
	cols := make([]int, len(d.tab.Types()))
	for i := range cols {
		cols[i] = i
	}
	for sl := range max(d.tab.Slices(), 1) {
		if err := copySlice(ctx, d.tab, sl, cols, w); err != nil {
			w.Abort()
			return err
		}
	}
	tab, err := w.Finish(ctx)
	if err != nil {
		return err
	}
	c.tx.setData(t.ID, d.replaced(tab, d.next, 0))
	return nil
}

func copySlice(ctx context.Context, src storage.Table, sl int, cols []int, w storage.TableWriter) error {
	it, err := src.Scan(ctx, storage.ScanRequest{Slice: sl, Columns: append([]int(nil), cols...)})
	if err != nil {
		return err
	}
	defer it.Close()
	for {
		if err := ctx.Err(); err != nil {
			return sqlerr.Canceled(ctx)
		}
		b, err := it.Next(ctx)
		if err != nil || b == nil {
			return err
		}
		// A fresh header: the writer retains (MemTable) or copies (ColTable)
		// the batch, and the iterator may reuse its own.
		nb := &vector.Batch{N: b.N, Cols: append([]*vector.Vector(nil), b.Cols...)}
		if err := w.Append(ctx, nb); err != nil {
			return err
		}
	}
}
