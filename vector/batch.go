package vector

import "github.com/warehoused/warehoused/types"

// Batch is a set of equal-length column vectors: N rows.
type Batch struct {
	Cols []*Vector
	N    int
}

// NewBatch returns a batch of n zero rows with one vector per column type.
func NewBatch(ts []types.T, n int) *Batch {
	b := &Batch{Cols: make([]*Vector, len(ts)), N: n}
	for i, t := range ts {
		b.Cols[i] = New(t, n)
	}
	return b
}

// Gather returns a new batch holding rows sel of b.
func (b *Batch) Gather(sel []int32) *Batch {
	out := &Batch{Cols: make([]*Vector, len(b.Cols)), N: len(sel)}
	for i, c := range b.Cols {
		out.Cols[i] = c.Gather(sel)
	}
	return out
}

// Slice returns rows [from, to) of b.
func (b *Batch) Slice(from, to int) *Batch {
	out := &Batch{Cols: make([]*Vector, len(b.Cols)), N: to - from}
	for i, c := range b.Cols {
		out.Cols[i] = c.Slice(from, to)
	}
	return out
}

// Row returns row i as datums. For tests and slow paths.
func (b *Batch) Row(i int) []types.Datum {
	r := make([]types.Datum, len(b.Cols))
	for j, c := range b.Cols {
		r[j] = c.Get(i)
	}
	return r
}
