package storage

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/block"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
)

// ColTable is one immutable version of a stored table: per slice, a list of
// row groups; a row group has one block per column (Layout.BlockRows rows,
// the last of a write may be short), a zone map per block (its block.Meta)
// and a delete vector. The leading row groups of each slice form the sorted
// region.
//
// Versions share row groups: every change (Writer, Delete, AddColumn, ...)
// builds new slice lists and new row-group values for what it touches, and
// never writes into a row group reachable from another version.
type ColTable struct {
	store  *block.Store
	layout Layout
	slices []colSlice
	rr     int   // next slice for round-robin placement
	rows   int64 // live rows (deleted excluded)
}

// colSlice is one slice's row groups.
type colSlice struct {
	groups []*rowGroup
	// sorted is the number of leading row groups forming the sorted region
	// (all of them when the table has no sort key).
	sorted int
}

// rowGroup is up to BlockRows rows with one block per column.
type rowGroup struct {
	rows   int
	blocks []block.Meta
	// del lists deleted row offsets, ascending, distinct; nil when none.
	del []uint32
}

func (g *rowGroup) live() int { return g.rows - len(g.del) }

// NewColTable returns an empty table stored in s.
func NewColTable(s *block.Store, l Layout) *ColTable {
	l = normLayout(l)
	return &ColTable{store: s, layout: l, slices: make([]colSlice, l.Slices)}
}

// normLayout fills defaults and copies the slices a Layout holds, so later
// changes to the caller's Layout do not reach this table.
func normLayout(l Layout) Layout {
	if l.Slices < 1 {
		l.Slices = 1
	}
	if l.BlockRows <= 0 {
		l.BlockRows = DefaultBlockRows
	}
	// Row ids keep the row within a group in rowBits bits.
	l.BlockRows = min(l.BlockRows, 1<<rowBits, block.MaxRows)
	l.ColumnNames = append([]string(nil), l.ColumnNames...)
	for len(l.ColumnNames) < len(l.Types) {
		l.ColumnNames = append(l.ColumnNames, "?column?")
	}
	l.Types = append([]types.T(nil), l.Types...)
	l.Encodings = append([]encoding.Kind(nil), l.Encodings...)
	l.SortKey = append([]int(nil), l.SortKey...)
	if len(l.SortKey) == 0 {
		l.SortKey = nil
	}
	if l.DistKey >= len(l.Types) || (l.Dist == DistKey && l.DistKey < 0) {
		l.DistKey = -1
	}
	return l
}

// Layout returns the table's layout.
func (t *ColTable) Layout() Layout { return normLayout(t.layout) }

// WithLayout returns this version under a new layout of the same column
// types (renamed table or columns, new encodings for later writes, changed
// keys). A changed sort key leaves the data where it is: the whole table
// becomes the unsorted region until VACUUM sorts it.
func (t *ColTable) WithLayout(l Layout) (*ColTable, error) {
	l = normLayout(l)
	if len(l.Types) != len(t.layout.Types) || l.Slices != len(t.slices) {
		return nil, sqlerr.Newf(sqlerr.InternalError, "table %q: layout of %d columns on %d slices for %d columns on %d slices",
			l.Name, len(l.Types), l.Slices, len(t.layout.Types), len(t.slices))
	}
	for i, ty := range l.Types {
		if ty.Physical() != t.layout.Types[i].Physical() {
			return nil, sqlerr.Newf(sqlerr.InternalError, "table %q: column %q changes type from %s to %s",
				l.Name, l.ColumnNames[i], t.layout.Types[i], ty)
		}
	}
	n := t.clone()
	sameSort := equalInts(l.SortKey, t.layout.SortKey) && l.Interleaved == t.layout.Interleaved
	n.layout = l
	if !sameSort {
		for s := range n.slices {
			if l.SortKey == nil {
				n.slices[s].sorted = len(n.slices[s].groups)
			} else {
				n.slices[s].sorted = 0
			}
		}
	}
	return n, nil
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// clone copies the version's slice lists (not the row groups, which are
// shared and never modified).
func (t *ColTable) clone() *ColTable {
	n := *t
	n.slices = make([]colSlice, len(t.slices))
	for i, s := range t.slices {
		n.slices[i] = colSlice{groups: append([]*rowGroup(nil), s.groups...), sorted: s.sorted}
	}
	return &n
}

// Types returns the column types.
func (t *ColTable) Types() []types.T { return t.layout.Types }

// Rows returns the number of live rows.
func (t *ColTable) Rows() int64 { return t.rows }

// Slices implements TableReader.
func (t *ColTable) Slices() int { return len(t.slices) }

// Truncated returns an empty version with the same layout.
func (t *ColTable) Truncated() Table {
	return &ColTable{store: t.store, layout: t.layout, slices: make([]colSlice, len(t.slices))}
}

// recount recomputes the live row total after a change.
func (t *ColTable) recount() {
	t.rows = 0
	for _, s := range t.slices {
		for _, g := range s.groups {
			t.rows += int64(g.live())
		}
	}
}

// Info describes the stored version (svv_table_info, stv_blocklist).
func (t *ColTable) Info() TableInfo {
	info := TableInfo{SliceRows: make([]int64, len(t.slices))}
	for si, s := range t.slices {
		for gi, g := range s.groups {
			live := int64(g.live())
			info.Rows += live
			info.SliceRows[si] += live
			info.DeletedRows += int64(len(g.del))
			sorted := gi < s.sorted
			if !sorted {
				info.UnsortedRows += live
			}
			for c, m := range g.blocks {
				info.Blocks = append(info.Blocks, BlockInfo{
					Slice: si, Col: c, RowGroup: gi, Rows: m.Rows, Nulls: m.Nulls,
					Encoding: m.Encoding, Bytes: m.Bytes, Min: m.Min, Max: m.Max,
					Sorted: sorted, Hash: m.Hash,
				})
				info.Bytes += m.Bytes
			}
		}
	}
	return info
}

// corrupt is the XX001 error of a block that failed to read, naming the table
// and column as an operator needs to find it.
func (t *ColTable) corrupt(err error, col int) error {
	if sqlerr.CodeOf(err) == sqlerr.QueryCanceled {
		return err
	}
	name := "?"
	if col >= 0 && col < len(t.layout.ColumnNames) {
		name = t.layout.ColumnNames[col]
	}
	return sqlerr.Wrapf(err, sqlerr.DataCorrupted, "could not read column %q of table %q", name, t.layout.Name)
}

var (
	_ Table     = (*ColTable)(nil)
	_ Described = (*ColTable)(nil)
)

// ctxErr is ctx's error as the SQLSTATE error operators return.
func ctxErr(ctx context.Context) error {
	if ctx.Err() != nil {
		return sqlerr.Canceled(ctx)
	}
	return nil
}
