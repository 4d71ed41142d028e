package vector

import "math/bits"

// Bitmap marks NULL rows: bit i set means row i is NULL. A nil Bitmap means
// the vector has no NULLs, which is the fast path every kernel checks first.
type Bitmap []uint64

// NewBitmap returns an all-valid bitmap with room for n rows.
func NewBitmap(n int) Bitmap { return make(Bitmap, (n+63)>>6) }

// IsNull reports whether row i is NULL.
func (b Bitmap) IsNull(i int) bool { return b != nil && b[i>>6]&(1<<(uint(i)&63)) != 0 }

// SetNull marks row i NULL. The bitmap must have room for it.
func (b Bitmap) SetNull(i int) { b[i>>6] |= 1 << (uint(i) & 63) }

// SetValid marks row i not NULL.
func (b Bitmap) SetValid(i int) { b[i>>6] &^= 1 << (uint(i) & 63) }

// Any reports whether any of the first n rows is NULL.
func (b Bitmap) Any(n int) bool {
	if b == nil {
		return false
	}
	full := n >> 6
	for i := 0; i < full; i++ {
		if b[i] != 0 {
			return true
		}
	}
	if rem := uint(n) & 63; rem != 0 {
		return b[full]&(1<<rem-1) != 0
	}
	return false
}

// Count returns how many of the first n rows are NULL.
func (b Bitmap) Count(n int) int {
	if b == nil {
		return 0
	}
	c := 0
	full := n >> 6
	for i := 0; i < full; i++ {
		c += bits.OnesCount64(b[i])
	}
	if rem := uint(n) & 63; rem != 0 {
		c += bits.OnesCount64(b[full] & (1<<rem - 1))
	}
	return c
}

// Or returns the union of two NULL bitmaps over n rows (a row is NULL in the
// result when it is NULL in either). Either may be nil; the result is nil when
// both are.
func Or(a, b Bitmap, n int) Bitmap {
	if a == nil && b == nil {
		return nil
	}
	out := NewBitmap(n)
	words := len(out)
	if a != nil {
		copy(out, a[:words])
	}
	if b != nil {
		for i := 0; i < words; i++ {
			out[i] |= b[i]
		}
	}
	return out
}

// Grow returns b with room for n rows, keeping its contents (nil stays nil).
func (b Bitmap) Grow(n int) Bitmap {
	if b == nil {
		return nil
	}
	need := (n + 63) >> 6
	if need <= len(b) {
		return b
	}
	nb := make(Bitmap, need, need*2)
	copy(nb, b)
	return nb
}
