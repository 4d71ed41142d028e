package exec

import (
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// Batch recycling. A batch an operator returns belongs to its consumer; a
// consumer that is completely done with a batch (it kept no reference to
// the batch, its vectors or their value slices) may hand it back to the
// producer with recycleBatch, and producers that implement batchRecycler
// reuse the memory for later batches. Without it, a pipeline such as
// scan → filter → project → aggregate allocates fresh vectors for every
// batch; with it, the same few vectors cycle.

// batchRecycler is implemented by operators that can reuse a batch they
// returned once its consumer has handed it back.
type batchRecycler interface {
	// recycle takes back b, the batch the last Next call returned.
	recycle(b *vector.Batch)
}

// recycleBatch hands b back to op when op can reuse it.
func recycleBatch(op Operator, b *vector.Batch) {
	if r, ok := op.(batchRecycler); ok && b != nil {
		r.recycle(b)
	}
}

// gatherInto is src.Gather(sel) written into dst's memory when dst (a vector
// of the same type no longer in use) has room, else a new vector.
func gatherInto(dst, src *vector.Vector, sel []int32) *vector.Vector {
	n := len(sel)
	if dst == nil || dst.Type != src.Type || !regrow(dst, n) {
		return src.Gather(sel)
	}
	switch src.Type.Physical() {
	case types.PhysBool:
		gatherTo(dst.Bools, src.Bools, sel)
	case types.PhysInt64:
		gatherTo(dst.Ints, src.Ints, sel)
	case types.PhysFloat64:
		gatherTo(dst.Floats, src.Floats, sel)
	case types.PhysDecimal128:
		gatherTo(dst.Decs, src.Decs, sel)
	case types.PhysString:
		gatherTo(dst.Strs, src.Strs, sel)
	case types.PhysInterval:
		gatherTo(dst.Ivs, src.Ivs, sel)
	default:
		return src.Gather(sel)
	}
	dst.Nulls = nil
	if src.Nulls != nil {
		var nb vector.Bitmap
		for i, s := range sel {
			if src.Nulls.IsNull(int(s)) {
				if nb == nil {
					nb = vector.NewBitmap(n)
				}
				nb.SetNull(i)
			}
		}
		dst.Nulls = nb
	}
	return dst
}

func gatherTo[T any](dst, src []T, sel []int32) {
	dst = dst[:len(sel)]
	for i, s := range sel {
		dst[i] = src[s]
	}
}

// vectorRecycler is implemented by expressions that can reuse the memory of
// a vector they returned once its consumer is done with it.
type vectorRecycler interface {
	recycleVector(v *vector.Vector)
}

// recycleVector hands v, a result of e that the caller no longer needs and
// shares with nothing it keeps, back to e.
func recycleVector(e Expr, v *vector.Vector) {
	if r, ok := e.(vectorRecycler); ok && v != nil {
		r.recycleVector(v)
	}
}

// sharesVector reports whether batch a holds one of b's vectors.
func sharesVector(a, b *vector.Batch) bool {
	if a == nil || b == nil {
		return false
	}
	for _, x := range a.Cols {
		for _, y := range b.Cols {
			if x == y {
				return true
			}
		}
	}
	return false
}
