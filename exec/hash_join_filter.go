package exec

import (
	"cmp"
	"math/bits"
	"slices"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// A join filter is a one-hash Bloom filter over the build keys of a hash
// join, checked for a whole probe batch in one branch-free loop before any
// bucket is looked up. When few probe rows match (TPC-H Q17 probes 6M
// lineitem rows against ~200 parts), most rows stop there: no bucket load, no
// chain walk with its unpredictable branches. A set bit may be a false
// positive; an unset bit proves that no build row has the key (no false
// negatives), so a dropped row simply matches nothing, which every join kind
// already handles (outer, anti and mark joins emit it as unmatched, and the
// NULL semantics of NOT IN look at NULL keys, never at the filter).
//
// When every key is an int64 (joins on integer ids), the filter is indexed by
// a multiplicative hash of the keys themselves, so probe rows the filter
// drops are never hashed with the full join hash either.

const (
	filterBitsPerKey = 16      // ~6% false positives with one hash; tiny tables stay in L1
	filterMinBits    = 512     // 64 bytes
	filterMaxBits    = 1 << 22 // 512 KiB, so the filter stays in L2
	// filterMaxRows is the largest build side that gets a filter (at least 8
	// bits per key). Larger tables would pay ~2 ns per build row to set bits
	// in a filter that misses L2 and passes too many rows to pay back.
	filterMaxRows = filterMaxBits / 8
	fibMul        = 0x9e3779b97f4a7c15
)

// joinFilter is read-only once built and shared by every probe.
type joinFilter struct {
	words   []uint64
	shift   uint // bit index = filter hash >> shift
	intKeys bool // the filter hash is intFilterHashes' of the keys, not of the join hash
}

// fibHash is the filter hash of one int64 key: Fibonacci hashing, whose top
// bits spread sequential and strided ids well, at one multiply.
func fibHash(x int64) uint64 { return uint64(x) * fibMul }

// intFilterHashes sets out[i] to the filter hash of row i of int64 keys:
// fibHash of the first key, each further key xor-ed in and multiplied again
// (a product's top bits depend on every bit below them).
func intFilterHashes(keys []*vector.Vector, out []uint64) {
	for k, v := range keys {
		xs := v.Ints[:len(out)]
		if k == 0 {
			for i, x := range xs {
				out[i] = fibHash(x)
			}
			continue
		}
		for i, x := range xs {
			out[i] = (out[i] ^ uint64(x)) * fibMul
		}
	}
}

// rotHash is the filter hash of a join hash: its middle bits, which the
// bucket index (the top bits) does not use, so filter and bucket reject
// different rows.
func rotHash(h uint64) uint64 { return bits.RotateLeft64(h, 32) }

// allInt64 reports whether every key column is an int64 one.
func allInt64(keys []*vector.Vector) bool {
	for _, k := range keys {
		if k.Type.Physical() != types.PhysInt64 {
			return false
		}
	}
	return true
}

// newJoinFilter builds the filter of table t; nulls marks the build rows
// whose key is never equal to anything (they are not in any chain).
func newJoinFilter(t *hashTable, nullEq []bool, nulls vector.Bitmap) *joinFilter {
	n := t.store.n
	if n == 0 || n > filterMaxRows {
		return nil
	}
	nb := min(max(filterBitsPerKey*n, filterMinBits), filterMaxBits)
	logBits := bits.Len(uint(nb - 1))
	f := &joinFilter{words: make([]uint64, 1<<(logBits-6)), shift: uint(64 - logBits)}
	// NULL-equal keys must find NULLs, which only the join hash covers.
	f.intKeys = allInt64(t.keys) && !slices.Contains(nullEq, true)
	fh := t.hashes
	if f.intKeys {
		fh = make([]uint64, n)
		intFilterHashes(t.keys, fh)
	}
	for r, h := range fh[:n] {
		if nulls != nil && nulls.IsNull(r) {
			continue
		}
		if !f.intKeys {
			h = rotHash(h)
		}
		b := h >> f.shift
		f.words[b>>6] |= 1 << (b & 63)
	}
	return f
}

// probe returns, in sel's storage (capacity at least n), the rows of a probe
// batch with key columns keys that pass the filter, and sets hashes[i] to
// the join hash of at least those rows. It returns nil (no rows dropped,
// every row hashed) if the keys are not of the filter's kind.
func (f *joinFilter) probe(keys []*vector.Vector, hashes []uint64, sel []int32, n int) []int32 {
	hashes = hashes[:n]
	if !f.intKeys {
		hashAll(keys, hashes)
		return f.selectHashes(hashes, sel)
	}
	if !allInt64(keys) {
		hashAll(keys, hashes) // cannot happen: both sides' keys have one type
		return nil
	}
	if len(keys) == 1 {
		sel = f.selectInts(keys[0].Ints[:n], sel)
	} else {
		intFilterHashes(keys, hashes) // scratch: overwritten below for the rows kept
		sel = f.selectFilterHashes(hashes, sel)
	}
	// The join hash of the rows kept, as HashVector computes it. Rows with a
	// NULL key get a wrong one, but they never look at it.
	for k, v := range keys {
		xs := v.Ints[:n]
		if k == 0 {
			for _, i := range sel {
				hashes[i] = hashInt(xs[i])
			}
			continue
		}
		for _, i := range sel {
			hashes[i] = combineHash(hashes[i], hashInt(xs[i]))
		}
	}
	return sel
}

// hashAll sets hashes to the join hashes of every row of keys.
func hashAll(keys []*vector.Vector, hashes []uint64) {
	for i, k := range keys {
		HashVector(k, hashes, i == 0)
	}
}

// selectInts returns, in sel's storage (capacity at least len(keys)), the
// rows of one int64 key column that pass an intKeys filter.
func (f *joinFilter) selectInts(keys []int64, sel []int32) []int32 {
	sel = sel[:len(keys)]
	words, shift := f.words, f.shift
	k := 0
	for i, x := range keys {
		b := fibHash(x) >> shift
		sel[k] = int32(i)
		k += int(words[b>>6] >> (b & 63) & 1) // branch-free: keep row i when its bit is set
	}
	return sel[:k]
}

// selectFilterHashes is selectInts for precomputed filter hashes.
func (f *joinFilter) selectFilterHashes(fh []uint64, sel []int32) []int32 {
	sel = sel[:len(fh)]
	words, shift := f.words, f.shift
	k := 0
	for i, h := range fh {
		b := h >> shift
		sel[k] = int32(i)
		k += int(words[b>>6] >> (b & 63) & 1)
	}
	return sel[:k]
}

// selectHashes is selectInts for a filter on join hashes.
func (f *joinFilter) selectHashes(hashes []uint64, sel []int32) []int32 {
	sel = sel[:len(hashes)]
	words, shift := f.words, f.shift
	k := 0
	for i, h := range hashes {
		b := rotHash(h) >> shift
		sel[k] = int32(i)
		k += int(words[b>>6] >> (b & 63) & 1)
	}
	return sel[:k]
}

func (f *joinFilter) memBytes() int64 {
	if f == nil {
		return 0
	}
	return sliceCap(f.words)
}

// filterUse decides, per probe operator, whether checking the filter pays:
// when most rows pass it, the check is pure overhead, so it is switched off
// for a while and then sampled again (the data may change along the input).
type filterUse struct {
	seen, passed int
	skip         int // batches left to probe without the filter
	off          int // batches to skip after the next bad sample (0: offMin)
	// sampleRows and offMin default to filterSampleRows and
	// filterOffBatches when 0 (tests make them small).
	sampleRows, offMin int
}

const (
	filterSampleRows = 16 << 10 // rows observed per decision
	filterOffBatches = 64       // batches to skip the filter after a first bad sample
	filterMaxOff     = 1024     // ... doubling with each bad sample in a row, up to this
)

// use reports whether to check the filter for the next batch.
func (u *filterUse) use() bool {
	if u.skip > 0 {
		u.skip--
		return false
	}
	return true
}

// observe records that passed of n rows passed the filter.
func (u *filterUse) observe(n, passed int) {
	u.seen += n
	u.passed += passed
	if u.seen < cmp.Or(u.sampleRows, filterSampleRows) {
		return
	}
	if 2*u.passed > u.seen {
		u.skip = max(u.off, cmp.Or(u.offMin, filterOffBatches))
		u.off = min(2*u.skip, filterMaxOff)
	} else {
		u.off = 0
	}
	u.seen, u.passed = 0, 0
}
