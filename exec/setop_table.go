package exec

import (
	"math/bits"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// rowSet is a growable hash table of distinct whole rows (NULLs equal), each
// with a count; set operations and recursive UNION use it.
type rowSet struct {
	store  *colStore
	hashes []uint64
	head   []int32 // bucket → row+1
	next   []int32 // row → next row+1 in the chain
	shift  uint
	counts []int64
	buf    []uint64 // per-batch row hashes
}

func newRowSet(ts []types.T) *rowSet {
	s := &rowSet{store: newColStore(ts)}
	s.rehash(16)
	return s
}

func (s *rowSet) rehash(buckets int) {
	logB := bits.Len(uint(buckets - 1))
	s.shift = uint(64 - logB)
	s.head = make([]int32, 1<<logB)
	for r := len(s.hashes) - 1; r >= 0; r-- {
		b := s.hashes[r] >> s.shift
		s.next[r] = s.head[b]
		s.head[b] = int32(r + 1)
	}
}

// hashBatch computes the row hashes of b into s.buf.
func (s *rowSet) hashBatch(b *vector.Batch) []uint64 {
	if cap(s.buf) < b.N {
		s.buf = make([]uint64, b.N)
	}
	h := s.buf[:b.N]
	if len(b.Cols) == 0 {
		clear(h)
	}
	for c, v := range b.Cols {
		HashVector(v, h, c == 0)
	}
	return h
}

// find returns the stored row equal to row i of b (hash h), or -1.
func (s *rowSet) find(b *vector.Batch, i int, h uint64) int32 {
	for r := s.head[h>>s.shift]; r != 0; r = s.next[r-1] {
		row := r - 1
		if s.hashes[row] != h {
			continue
		}
		eq := true
		for c, v := range b.Cols {
			if !ValueEqual(v, i, s.store.cols[c], int(row), true) {
				eq = false
				break
			}
		}
		if eq {
			return row
		}
	}
	return -1
}

// insert stores row i of b (hash h) with count and returns its index.
func (s *rowSet) insert(b *vector.Batch, i int, h uint64, count int64) int32 {
	r := int32(s.store.n)
	for c, v := range b.Cols {
		dst := s.store.cols[c]
		if v.Type.Physical() != dst.Type.Physical() {
			dst.Append(v.Get(i)) // an untyped NULL column
			continue
		}
		dst.AppendRow(v, i)
	}
	s.store.n++
	s.hashes = append(s.hashes, h)
	s.counts = append(s.counts, count)
	s.next = append(s.next, 0)
	if s.store.n*2 > len(s.head) {
		s.rehash(len(s.head) * 2)
	} else {
		bk := h >> s.shift
		s.next[r] = s.head[bk]
		s.head[bk] = r + 1
	}
	return r
}
