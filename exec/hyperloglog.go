package exec

import (
	"math"
	"math/bits"
	"slices"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// HyperLogLog with precision 14 (16384 registers, standard error about
// 1.04/sqrt(16384) ≈ 0.8%), for APPROXIMATE COUNT(DISTINCT x). A sketch starts
// sparse (a list of register updates) so that millions of small groups stay
// cheap, and turns dense once the list would outgrow the registers.
const (
	hllP         = 14
	hllM         = 1 << hllP
	hllSparseMax = 2048 // entries (8 KB) before switching to dense registers
)

type hll struct {
	sparse []uint32 // idx<<8 | rho, unsorted, may repeat until compacted
	dense  []uint8  // hllM registers, nil while sparse
}

// add records a 64-bit hash.
func (h *hll) add(x uint64) {
	x = mix64(x ^ 0x9e3779b97f4a7c15) // decorrelate from hash-table use of the same hash
	idx := uint32(x >> (64 - hllP))
	rho := uint32(bits.LeadingZeros64(x<<hllP|1<<(hllP-1))) + 1
	if h.dense != nil {
		if uint8(rho) > h.dense[idx] {
			h.dense[idx] = uint8(rho)
		}
		return
	}
	h.sparse = append(h.sparse, idx<<8|rho)
	if len(h.sparse) >= hllSparseMax {
		h.compact()
	}
}

// compact sorts and deduplicates the sparse list (keeping the largest rho per
// register), going dense when it is still long.
func (h *hll) compact() {
	slices.Sort(h.sparse)
	out := h.sparse[:0]
	for _, e := range h.sparse {
		if len(out) > 0 && out[len(out)-1]>>8 == e>>8 {
			out[len(out)-1] = e // sorted: a later entry of the same register has the larger rho
			continue
		}
		out = append(out, e)
	}
	h.sparse = out
	if len(out) >= hllSparseMax*3/4 {
		h.toDense()
	}
}

func (h *hll) toDense() {
	if h.dense != nil {
		return
	}
	h.dense = make([]uint8, hllM)
	for _, e := range h.sparse {
		if r := uint8(e); r > h.dense[e>>8] {
			h.dense[e>>8] = r
		}
	}
	h.sparse = nil
}

// merge folds o into h.
func (h *hll) merge(o *hll) {
	if o.dense != nil {
		h.toDense()
		for i, r := range o.dense {
			if r > h.dense[i] {
				h.dense[i] = r
			}
		}
		return
	}
	for _, e := range o.sparse {
		if h.dense != nil {
			if r := uint8(e); r > h.dense[e>>8] {
				h.dense[e>>8] = r
			}
			continue
		}
		h.sparse = append(h.sparse, e)
		if len(h.sparse) >= hllSparseMax {
			h.compact()
		}
	}
}

// estimate returns the approximate number of distinct hashes added.
func (h *hll) estimate() int64 {
	regs := h.dense
	if regs == nil {
		if len(h.sparse) == 0 {
			return 0
		}
		regs = make([]uint8, hllM)
		for _, e := range h.sparse {
			if r := uint8(e); r > regs[e>>8] {
				regs[e>>8] = r
			}
		}
	}
	var sum float64
	zeros := 0
	for _, r := range regs {
		sum += 1 / float64(uint64(1)<<r)
		if r == 0 {
			zeros++
		}
	}
	const m = float64(hllM)
	alpha := 0.7213 / (1 + 1.079/m)
	e := alpha * m * m / sum
	if e <= 2.5*m && zeros > 0 {
		e = m * math.Log(m/float64(zeros)) // linear counting for small cardinalities
	}
	return int64(e + 0.5)
}

// hllAgg is approximate_count_distinct: one sketch per group.
type hllAgg struct {
	sketches []hll
	hashes   []uint64
}

func (a *hllAgg) resize(n int) { a.sketches = resizeSlice(a.sketches, n) }

func (a *hllAgg) update(gids []uint32, args []*vector.Vector, n int) error {
	v := args[0]
	if allNull(v) {
		return nil
	}
	if cap(a.hashes) < n {
		a.hashes = make([]uint64, n)
	}
	hs := a.hashes[:n]
	HashVector(v, hs, true)
	nulls := nullsOf(v, n)
	for i, h := range hs {
		if nulls != nil && nulls.IsNull(i) {
			continue
		}
		var g uint32
		if gids != nil {
			g = gids[i]
		}
		a.sketches[g].add(h)
	}
	return nil
}

func (a *hllAgg) merge(src aggFunc, mapping []uint32) {
	b := src.(*hllAgg)
	for g := range b.sketches {
		a.sketches[mapping[g]].merge(&b.sketches[g])
	}
}

func (a *hllAgg) finalize(n int) (*vector.Vector, error) {
	out := vector.New(types.Int64Type, n)
	for g := 0; g < n; g++ {
		out.Ints[g] = a.sketches[g].estimate()
	}
	return out, nil
}
