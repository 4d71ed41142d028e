package exec

import "math"

// DisableJoinFilter makes the hash join probe op (a *HashJoin) never check
// its join filter, so tests can compare results with and without it.
func DisableJoinFilter(op Operator) {
	op.(*HashJoin).fuse.skip = math.MaxInt
}

// SampleJoinFilterOften makes the hash join probe op decide whether to use
// its filter after every rows rows, and skip it for batches batches after a
// bad sample, so that tests see it switched off and on again.
func SampleJoinFilterOften(op Operator, rows, batches int) {
	u := &op.(*HashJoin).fuse
	u.sampleRows, u.offMin = rows, batches
}
