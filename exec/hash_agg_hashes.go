package exec

// Group hashes. A table keyed by several columns or by a string keeps every
// group's hash (rehashing those keys costs more than 8 bytes a group); a
// table keyed by one BIGINT-like column recomputes them from the keys, with
// the same kernel that hashed the input (HashVector), so NULL keys hash as
// they did on insert.

// hashChunk is how many groups' hashes are recomputed at a time.
const hashChunk = 2048

// hashRange returns the hashes of groups [lo, hi), in buf when they must
// be computed.
func (t *groupTable) hashRange(lo, hi int, buf []uint64) []uint64 {
	if t.keepHashes {
		return t.hashes[lo:hi]
	}
	if cap(buf) < hi-lo {
		buf = make([]uint64, hi-lo)
	}
	buf = buf[:hi-lo]
	k := t.keys[0]
	if k.Nulls == nil {
		hashLoop(k.Ints[lo:hi], nil, buf, true, hashInt)
		return buf
	}
	HashVector(k.Slice(lo, hi), buf, true)
	return buf
}

// groupHash returns group g's hash.
func (t *groupTable) groupHash(g uint32) uint64 {
	if t.keepHashes {
		return t.hashes[g]
	}
	var one [1]uint64
	return t.hashRange(int(g), int(g)+1, one[:0])[0]
}

// allHashes returns the hashes of every group (a new slice when computed).
func (t *groupTable) allHashes() []uint64 {
	if t.keepHashes {
		return t.hashes[:t.n]
	}
	hs := make([]uint64, t.n)
	for lo := 0; lo < t.n; lo += hashChunk {
		hi := min(lo+hashChunk, t.n)
		t.hashRange(lo, hi, hs[lo:hi])
	}
	return hs
}
