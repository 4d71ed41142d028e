package exec

import (
	"sync"

	"github.com/warehoused/warehoused/vector"
)

// Building large join tables: the key hashes are computed on two goroutines,
// split by row range; chaining rows into buckets stays serial.

// parallelBuildRows is the build size from which the work is split.
const parallelBuildRows = 1 << 17

// buildWorkers is the number of goroutines building a table of n rows.
func buildWorkers(n int) int {
	if n >= parallelBuildRows {
		return 2
	}
	return 1
}

// runSplit runs f(w) for w in [0, workers) concurrently and re-raises a
// worker's panic on the calling goroutine (where the operator recovers it).
func runSplit(workers int, f func(w int)) {
	if workers == 1 {
		f(0)
		return
	}
	var wg sync.WaitGroup
	panics := make([]any, workers)
	for w := 1; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { panics[w] = recover() }()
			f(w)
		}()
	}
	f(0)
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p)
		}
	}
}

// hashKeys fills hashes with the combined hash of keys' n rows.
func hashKeys(keys []*vector.Vector, hashes []uint64, n int) {
	workers := buildWorkers(n)
	runSplit(workers, func(w int) {
		lo, hi := n*w/workers, n*(w+1)/workers
		for i, k := range keys {
			kv := k
			if workers > 1 {
				kv = k.Slice(lo, hi)
			}
			HashVector(kv, hashes[lo:hi], i == 0)
		}
	})
}

// chainRows links every row without a NULL key into its bucket's chain, in
// input order, and returns the rows with a NULL key. It stays on one
// goroutine: splitting by bucket makes both workers write interleaved rows
// of next (shared cache lines), which costs more than it saves.
func (t *hashTable) chainRows(nulls vector.Bitmap, n int) []int32 {
	var nullKey []int32
	hashes, head, next, shift := t.hashes, t.head, t.next, t.shift
	// Insert in reverse so each chain lists rows in input order.
	for r := n - 1; r >= 0; r-- {
		if nulls != nil && nulls.IsNull(r) {
			nullKey = append(nullKey, int32(r))
			continue
		}
		b := hashes[r] >> shift
		next[r] = head[b]
		head[b] = int32(r + 1)
	}
	return nullKey
}
