package storage

import (
	"math/rand/v2"
	"testing"
)

// TestPermuteInPlace: permute gives the rows Gather gives, NULLs included,
// with one scratch reused over batches of several sizes.
func TestPermuteInPlace(t *testing.T) {
	var s permScratch
	rng := rand.New(rand.NewPCG(4, 4))
	for _, n := range []int{1, 63, 64, 65, 1000, 300} {
		b := randomRows(uint64(n), n)
		perm := make([]int32, n)
		for i := range perm {
			perm[i] = int32(i)
		}
		rng.Shuffle(n, func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
		want := batchRows(b.Gather(perm))
		s.permute(b, perm)
		got := batchRows(b)
		for i := range want {
			for c := range want[i] {
				if got[i][c] != want[i][c] {
					t.Fatalf("n=%d row %d col %d: %v, want %v", n, i, c, got[i][c], want[i][c])
				}
			}
		}
	}
}
