package storage

import (
	"context"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Row ids (scan column ordinal -1) encode where a row lives in a MemTable
// version: slice in the top 16 bits, batch index in the next 24, row within
// the batch in the low 24. They are valid only for the version they were read from.
const (
	rowBits   = 24
	batchBits = 24
	// MaxMemBatchRows is the most rows one stored batch may hold.
	MaxMemBatchRows = 1 << rowBits
)

// RowID builds a row id.
func RowID(slice, batch, row int) int64 {
	return int64(slice)<<(rowBits+batchBits) | int64(batch)<<rowBits | int64(row)
}

// SplitRowID decodes a row id.
func SplitRowID(id int64) (slice, batch, row int) {
	return int(id >> (rowBits + batchBits)), int(id>>rowBits) & (1<<batchBits - 1), int(id & (1<<rowBits - 1))
}

// MemTable is one immutable version of an in-memory table: per slice, a list
// of column batches. Changing a table (Writer, Delete, AddColumn, ...) returns
// a new version that shares every untouched batch with the old one, so a
// reader holding the old version keeps a consistent snapshot.
//
// Stored batches are never written after they are appended, so scans hand
// their value slices out without copying (see memIter.Next). Their strings
// may share memory with other rows (COPY points a batch's strings into one
// arena and shares repeated short values): strings are immutable, so this
// only saves memory.
type MemTable struct {
	types  []types.T
	slices [][]*vector.Batch
	rows   int64
	rr     int // next slice for round-robin distribution
	place  memPlacement
}

// memPlacement is how the Table-interface writer places rows.
type memPlacement struct {
	distKey   int // -1: round-robin
	batchSize int
}

// NewMemTable returns an empty table of the given column types split into n slices.
func NewMemTable(ts []types.T, n int) *MemTable {
	if n < 1 {
		n = 1
	}
	return &MemTable{types: append([]types.T(nil), ts...), slices: make([][]*vector.Batch, n), place: memPlacement{distKey: -1}}
}

// WithPlacement returns t whose Writer(ctx) hashes column distKey (-1:
// round-robin) to pick slices and aims for batchSize rows per stored batch.
func (t *MemTable) WithPlacement(distKey, batchSize int) *MemTable {
	n := *t
	n.place = memPlacement{distKey: distKey, batchSize: batchSize}
	return &n
}

// Types returns the column types.
func (t *MemTable) Types() []types.T { return t.types }

// Rows returns the number of rows.
func (t *MemTable) Rows() int64 { return t.rows }

// Slices implements TableReader.
func (t *MemTable) Slices() int { return len(t.slices) }

// Truncated returns an empty version with the same columns and slices.
func (t *MemTable) Truncated() Table {
	n := NewMemTable(t.types, len(t.slices))
	n.place = t.place
	return n
}

// Scan implements TableReader.
func (t *MemTable) Scan(ctx context.Context, req ScanRequest) (BatchIterator, error) {
	if req.Slice < 0 || req.Slice >= len(t.slices) {
		return nil, sqlerr.Newf(sqlerr.InternalError, "scan of slice %d out of %d", req.Slice, len(t.slices))
	}
	for _, c := range req.Columns {
		if c < -1 || c >= len(t.types) {
			return nil, sqlerr.Newf(sqlerr.InternalError, "scan of column %d out of %d", c, len(t.types))
		}
	}
	return &memIter{slice: req.Slice, batches: t.slices[req.Slice], cols: req.Columns}, nil
}

type memIter struct {
	slice   int
	batches []*vector.Batch
	cols    []int
	i       int
}

// Next returns the next stored batch projected to the requested columns,
// without copying any values: the Vector structs are fresh (a caller may
// change their Type or reslice them) but their value slices and NULL bitmaps
// are the stored ones, shared with every other reader of this version.
// Callers must never write into them; operators build new vectors for their
// results.
func (it *memIter) Next(ctx context.Context) (*vector.Batch, error) {
	if err := ctx.Err(); err != nil {
		return nil, sqlerr.Canceled(ctx)
	}
	for it.i < len(it.batches) {
		b := it.batches[it.i]
		bi := it.i
		it.i++
		if b.N == 0 {
			continue
		}
		out := &vector.Batch{Cols: make([]*vector.Vector, len(it.cols)), N: b.N}
		// One allocation for all the fresh Vector headers of the batch.
		heads := make([]vector.Vector, len(it.cols))
		for j, c := range it.cols {
			if c < 0 {
				v := vector.New(types.Int64Type, b.N)
				base := RowID(it.slice, bi, 0)
				for r := range v.Ints {
					v.Ints[r] = base + int64(r)
				}
				out.Cols[j] = v
				continue
			}
			heads[j] = *b.Cols[c]
			out.Cols[j] = &heads[j]
		}
		return out, nil
	}
	return nil, nil
}

func (it *memIter) Close() error { return nil }

// Writer appends rows to a new version of a table. It is not safe for
// concurrent use; Finish returns the new version.
type Writer struct {
	t         *MemTable
	distKey   int
	batchSize int
	owned     []bool // whether the last batch of each slice was made by this writer
}

// Writer starts a new version that appends to t. distKey is the column whose
// hash picks a row's slice (-1: whole batches round-robin); batchSize is the
// number of rows a stored batch aims for.
func (t *MemTable) NewWriter(distKey, batchSize int) *Writer {
	if batchSize <= 0 {
		batchSize = vector.DefaultBatchSize
	}
	nt := &MemTable{types: t.types, slices: make([][]*vector.Batch, len(t.slices)), rows: t.rows, rr: t.rr, place: t.place}
	for i, s := range t.slices {
		nt.slices[i] = append([]*vector.Batch(nil), s...)
	}
	return &Writer{t: nt, distKey: distKey, batchSize: batchSize, owned: make([]bool, len(t.slices))}
}

// Append adds the rows of b (columns in table order) to the new version.
// b is retained: the caller must not modify it afterwards.
func (w *Writer) Append(b *vector.Batch) {
	if b == nil || b.N == 0 {
		return
	}
	if w.distKey >= 0 && len(w.t.slices) > 1 {
		sels := make([][]int32, len(w.t.slices))
		slot := w.hashSlots(b.Cols[w.distKey], b.N)
		for r, s := range slot {
			sels[s] = append(sels[s], int32(r))
		}
		for s, sel := range sels {
			if len(sel) == 0 {
				continue
			}
			if len(sel) == b.N {
				w.appendTo(s, b)
			} else {
				w.appendTo(s, b.Gather(sel))
			}
		}
		return
	}
	s := w.t.rr % len(w.t.slices)
	w.t.rr = (s + 1) % len(w.t.slices)
	w.appendTo(s, b)
}

// hashSlots picks each row's slice with KeySlices, the function ColTable
// uses too, so equal keys land on the same slice in both.
func (w *Writer) hashSlots(v *vector.Vector, n int) []int {
	return KeySlices(v, n, len(w.t.slices), nil)
}

// appendTo adds b to slice s, topping up a small last batch so that many small
// inserts do not leave many tiny batches behind.
func (w *Writer) appendTo(s int, b *vector.Batch) {
	w.t.rows += int64(b.N)
	bs := w.t.slices[s]
	if n := len(bs); n > 0 {
		last := bs[n-1]
		if last.N < w.batchSize/2 && last.N+b.N <= w.batchSize {
			if !w.owned[s] {
				last = copyBatch(last, w.batchSize)
				bs[n-1] = last
				w.owned[s] = true
			}
			for i, c := range last.Cols {
				c.AppendVector(b.Cols[i])
			}
			last.N += b.N
			return
		}
	}
	for b.N > MaxMemBatchRows {
		w.t.slices[s] = append(w.t.slices[s], b.Slice(0, MaxMemBatchRows))
		b = b.Slice(MaxMemBatchRows, b.N)
	}
	w.t.slices[s] = append(w.t.slices[s], b)
	// A batch handed in by the caller is not ours to grow in place.
	w.owned[s] = false
}

func copyBatch(b *vector.Batch, capacity int) *vector.Batch {
	out := &vector.Batch{Cols: make([]*vector.Vector, len(b.Cols)), N: b.N}
	for i, c := range b.Cols {
		v := vector.NewWithCap(c.Type, max(capacity, b.N))
		v.AppendVector(c)
		out.Cols[i] = v
	}
	return out
}

// Finish returns the new version. The writer must not be used afterwards.
func (w *Writer) Finish() *MemTable { return w.t }

// Delete returns a version without the rows whose ids (read from this version) are given.
// Ids may repeat. It reports how many distinct rows were removed.
func (t *MemTable) DeleteRows(ids []int64) (*MemTable, int64) {
	if len(ids) == 0 {
		return t, 0
	}
	type key struct{ s, b int }
	drop := map[key]map[int]struct{}{}
	for _, id := range ids {
		s, b, r := SplitRowID(id)
		if s >= len(t.slices) || b >= len(t.slices[s]) || r >= t.slices[s][b].N {
			continue
		}
		k := key{s, b}
		m := drop[k]
		if m == nil {
			m = map[int]struct{}{}
			drop[k] = m
		}
		m[r] = struct{}{}
	}
	nt := &MemTable{types: t.types, slices: make([][]*vector.Batch, len(t.slices)), rows: t.rows, rr: t.rr, place: t.place}
	var removed int64
	for s, bs := range t.slices {
		out := make([]*vector.Batch, 0, len(bs))
		for bi, b := range bs {
			m := drop[key{s, bi}]
			if len(m) == 0 {
				out = append(out, b)
				continue
			}
			removed += int64(len(m))
			if len(m) == b.N {
				continue
			}
			sel := make([]int32, 0, b.N-len(m))
			for r := 0; r < b.N; r++ {
				if _, gone := m[r]; !gone {
					sel = append(sel, int32(r))
				}
			}
			out = append(out, b.Gather(sel))
		}
		nt.slices[s] = out
	}
	nt.rows -= removed
	return nt, removed
}

// AddColumn returns a version with one more column, every row holding fill
// (a datum of type ct, nil for NULL).
func (t *MemTable) AddColumn(_ context.Context, ct types.T, _ encoding.Kind, fill types.Datum) (Table, error) {
	nt := &MemTable{types: append(append([]types.T(nil), t.types...), ct), slices: make([][]*vector.Batch, len(t.slices)), rows: t.rows, rr: t.rr, place: t.place}
	for s, bs := range t.slices {
		for _, b := range bs {
			v := vector.New(ct, b.N)
			for r := 0; r < b.N; r++ {
				v.Set(r, fill)
			}
			cols := append(append([]*vector.Vector(nil), b.Cols...), v)
			nt.slices[s] = append(nt.slices[s], &vector.Batch{Cols: cols, N: b.N})
		}
	}
	return nt, nil
}

// DropColumn returns a version without column i.
func (t *MemTable) DropColumn(_ context.Context, i int) (Table, error) {
	ts := append(append([]types.T(nil), t.types[:i]...), t.types[i+1:]...)
	nt := &MemTable{types: ts, slices: make([][]*vector.Batch, len(t.slices)), rows: t.rows, rr: t.rr, place: t.place}
	// The distribution key moves left with the columns after i.
	if nt.place.distKey > i {
		nt.place.distKey--
	}
	for s, bs := range t.slices {
		for _, b := range bs {
			cols := append(append([]*vector.Vector(nil), b.Cols[:i]...), b.Cols[i+1:]...)
			nt.slices[s] = append(nt.slices[s], &vector.Batch{Cols: cols, N: b.N})
		}
	}
	return nt, nil
}

// Delete implements Table.
func (t *MemTable) Delete(_ context.Context, ids []int64) (Table, int64, error) {
	nt, n := t.DeleteRows(ids)
	return nt, n, nil
}

// Writer implements Table with the placement set by WithPlacement.
func (t *MemTable) Writer(context.Context) (TableWriter, error) {
	return memWriter{t.NewWriter(t.place.distKey, t.place.batchSize)}, nil
}

type memWriter struct{ w *Writer }

func (m memWriter) Append(_ context.Context, b *vector.Batch) error {
	m.w.Append(b)
	return nil
}

func (m memWriter) Finish(context.Context) (Table, error) { return m.w.Finish(), nil }

func (m memWriter) Abort() {}

var _ Table = (*MemTable)(nil)
