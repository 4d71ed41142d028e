package storage

import (
	"context"
	"fmt"
	"slices"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/block"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Delete implements Table: the new version's touched row groups get longer
// delete vectors; ids that are out of range or already deleted are ignored.
func (t *ColTable) Delete(ctx context.Context, ids []int64) (Table, int64, error) {
	if len(ids) == 0 {
		return t, 0, nil
	}
	if err := ctxErr(ctx); err != nil {
		return nil, 0, err
	}
	type key struct{ s, g int }
	add := map[key][]uint32{}
	for _, id := range ids {
		s, g, r := SplitRowID(id)
		if id < 0 || s >= len(t.slices) || g >= len(t.slices[s].groups) || r >= t.slices[s].groups[g].rows {
			continue
		}
		k := key{s, g}
		add[k] = append(add[k], uint32(r))
	}
	if len(add) == 0 {
		return t, 0, nil
	}
	n := t.clone()
	var removed int64
	for k, rs := range add {
		old := n.slices[k.s].groups[k.g]
		slices.Sort(rs)
		rs = slices.Compact(rs)
		del := mergeSorted(old.del, rs)
		if len(del) == len(old.del) {
			continue
		}
		removed += int64(len(del) - len(old.del))
		g := *old
		g.del = del
		n.slices[k.s].groups[k.g] = &g
	}
	n.rows -= removed
	return n, removed, nil
}

// mergeSorted returns the union of two ascending distinct lists (a new slice).
func mergeSorted(a, b []uint32) []uint32 {
	out := make([]uint32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
}

// AddColumn implements Table: every row group gets a block holding fill.
// Row groups of equal size get the same block (stored once).
func (t *ColTable) AddColumn(ctx context.Context, ct types.T, enc encoding.Kind, fill types.Datum) (Table, error) {
	n := t.clone()
	l := &n.layout
	l.Types = append(slices.Clip(l.Types), ct)
	l.ColumnNames = append(slices.Clip(l.ColumnNames), fmt.Sprintf("column%d", len(l.Types)))
	l.Encodings = slices.Clip(l.Encodings) // never append into an array another version shares
	for len(l.Encodings) < len(l.Types)-1 {
		l.Encodings = append(l.Encodings, encoding.Raw)
	}
	l.Encodings = append(slices.Clip(l.Encodings), enc)
	bySize := map[int]block.Meta{}
	for s := range n.slices {
		for gi, old := range n.slices[s].groups {
			m, ok := bySize[old.rows]
			if !ok {
				v := vector.New(ct, old.rows)
				if fill == nil {
					for r := 0; r < old.rows; r++ {
						v.SetNull(r)
					}
				} else {
					if err := setAll(v, fill); err != nil {
						return nil, err
					}
				}
				var err error
				if m, err = putBlock(ctx, t.store, v, 0, old.rows, encodingOf(l, len(l.Types)-1)); err != nil {
					return nil, err
				}
				bySize[old.rows] = m
			}
			g := *old
			g.blocks = append(slices.Clip(old.blocks), m)
			n.slices[s].groups[gi] = &g
		}
	}
	return n, nil
}

// setAll stores d in every row of v; a datum of the wrong kind is an error,
// not a panic.
func setAll(v *vector.Vector, d types.Datum) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = sqlerr.Newf(sqlerr.DatatypeMismatch, "cannot store %T in a column of type %s", d, v.Type)
		}
	}()
	for r := 0; r < v.Len(); r++ {
		v.Set(r, d)
	}
	return nil
}

// DropColumn implements Table. A dropped distribution key leaves the table
// EVEN; a dropped sort key column shortens a COMPOUND key to the columns
// before it (the rows stay sorted by those) and removes an INTERLEAVED key.
func (t *ColTable) DropColumn(_ context.Context, i int) (Table, error) {
	if i < 0 || i >= len(t.layout.Types) {
		return nil, sqlerr.Newf(sqlerr.InternalError, "drop of column %d out of %d", i, len(t.layout.Types))
	}
	n := t.clone()
	l := &n.layout
	l.Types = slices.Delete(slices.Clone(l.Types), i, i+1)
	l.ColumnNames = slices.Delete(slices.Clone(l.ColumnNames), i, i+1)
	if i < len(l.Encodings) {
		l.Encodings = slices.Delete(slices.Clone(l.Encodings), i, i+1)
	}
	switch {
	case l.DistKey == i:
		l.DistKey, l.Dist = -1, DistEven
	case l.DistKey > i:
		l.DistKey--
	}
	var keys []int
	for _, k := range l.SortKey {
		if k == i {
			if l.Interleaved {
				keys = nil
			}
			break
		}
		if k > i {
			k--
		}
		keys = append(keys, k)
	}
	if len(keys) == 0 {
		keys = nil
		l.Interleaved = false
	}
	l.SortKey = keys
	for s := range n.slices {
		for gi, old := range n.slices[s].groups {
			g := *old
			g.blocks = slices.Delete(slices.Clone(old.blocks), i, i+1)
			n.slices[s].groups[gi] = &g
		}
		if keys == nil {
			n.slices[s].sorted = len(n.slices[s].groups)
		}
	}
	return n, nil
}
