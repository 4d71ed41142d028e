package exec

import (
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// tagMask selects the hash bits a slot keeps to skip most mismatching groups
// without touching their keys (slot positions come from the low bits).
const tagMask = 0xFFFFFFFF00000000

// groupTable maps group keys to dense group ids (0, 1, 2, ...) and holds the
// aggregate states of those groups. Keys are stored columnar, one vector per
// key column, row g holding group g's key; the open-addressing table holds
// group id + 1 (0: empty slot) and is probed linearly. Group hashes are kept
// so that growing the table and merging tables never rehash keys — except
// for a single BIGINT-like key, whose hash (one multiply-xorshift) costs
// less than storing it: 8 fewer bytes a group (see hash_agg_hashes.go).
type groupTable struct {
	keyCols []int // input columns of the key (empty: a single group)
	keys    []*vector.Vector
	hashes  []uint64 // per group; nil unless keepHashes
	// keepHashes: hashes holds every group's hash (else recomputed from keys)
	keepHashes bool
	slots      []uint64 // hash tag (high 32 bits) | group id + 1; 0: empty
	limit      int      // groups the slots take before they grow (see hash_agg_slots.go)
	n          int
	aggs       []aggFunc

	hbuf  []uint64
	gbuf  []uint32
	check []int32
	ok    []bool
	cbuf  []uint32 // tiny-key codes of a batch
	tiny  []uint32 // tiny-key code → group id + 1 (0: unknown); see lookupTiny

	touched uint64 // see touchSlots
}

func newGroupTable(keyCols []int, in []types.T, specs []AggSpec) (*groupTable, error) {
	t := &groupTable{keyCols: keyCols}
	for _, c := range keyCols {
		t.keys = append(t.keys, vector.NewWithCap(in[c], 64))
	}
	for i := range specs {
		a, err := newAggFunc(&specs[i], in)
		if err != nil {
			return nil, err
		}
		t.aggs = append(t.aggs, a)
	}
	t.keepHashes = len(keyCols) != 1 || in[keyCols[0]].Physical() != types.PhysInt64
	if len(keyCols) == 0 {
		t.n = 1 // the single group exists even for empty input
	} else {
		t.slots = make([]uint64, 1024)
		t.limit = slotLimit(1024)
	}
	for _, a := range t.aggs {
		a.resize(t.n)
	}
	return t, nil
}

// groupIDs finds or inserts the keys of rows [0, n) of cols (one vector per
// key column) and returns their group ids; nil for the single-group table.
func (t *groupTable) groupIDs(cols []*vector.Vector, n int) []uint32 {
	if len(t.keyCols) == 0 {
		return nil
	}
	if cap(t.gbuf) < n {
		t.gbuf = make([]uint32, n)
	}
	if t.lookupTiny(cols, n, t.gbuf[:n]) {
		t.resizeAggs()
		return t.gbuf[:n]
	}
	if cap(t.hbuf) < n {
		t.hbuf = make([]uint64, n)
	}
	hs := t.hbuf[:n]
	for k, c := range cols {
		HashVector(sliceTo(c, n), hs, k == 0)
	}
	if cap(t.gbuf) < n {
		t.gbuf = make([]uint32, n)
	}
	gids := t.gbuf[:n]
	t.lookup(cols, hs, gids)
	t.resizeAggs()
	return gids
}

func (t *groupTable) resizeAggs() {
	for _, a := range t.aggs {
		a.resize(t.n)
	}
}

// lookup fills gids[i] with the group of row i of cols (hash hs[i]),
// inserting new groups. Rows whose hash matches a group's are checked in a
// second, column-at-a-time pass with typed loops; the rare row whose key
// differs (a 64-bit hash collision) then probes on with full comparisons.
func (t *groupTable) lookup(cols []*vector.Vector, hs []uint64, gids []uint32) {
	if len(cols) == 1 && cols[0].Type.Physical() == types.PhysInt64 && nullsOf(cols[0], len(hs)) == nil {
		t.lookupInt(cols[0].Ints[:len(hs)], hs, gids)
		return
	}
	check := t.check[:0]
	for i, h := range hs {
		s := home(h, len(t.slots))
		for {
			e := t.slots[s]
			if e == 0 {
				gids[i] = t.insert(cols, i, h, s)
				break
			}
			if e&tagMask == h&tagMask {
				gids[i] = uint32(e) - 1
				check = append(check, int32(i))
				break
			}
			if s++; s == len(t.slots) {
				s = 0
			}
		}
	}
	if cap(t.ok) < len(check) {
		t.ok = make([]bool, len(check))
	}
	ok := t.ok[:len(check)]
	for j := range ok {
		ok[j] = true
	}
	for k, c := range cols {
		keysMatch(t.keys[k], c, gids, check, ok)
	}
	for j, good := range ok {
		if !good {
			i := int(check[j])
			gids[i] = t.probeSlow(cols, i, hs[i])
		}
	}
	t.check = check
}

// probeSlow finds or inserts row i comparing whole keys at every slot.
func (t *groupTable) probeSlow(cols []*vector.Vector, i int, h uint64) uint32 {
	s := home(h, len(t.slots))
	for {
		e := t.slots[s]
		if e == 0 {
			return t.insert(cols, i, h, s)
		}
		g := uint32(e) - 1
		if t.groupHash(g) == h && t.equal(g, cols, i) {
			return g
		}
		if s++; s == len(t.slots) {
			s = 0
		}
	}
}

// keysMatch clears ok[j] when row rows[j] of c differs from key row
// gids[rows[j]] of k (NULL equals NULL).
func keysMatch(k, c *vector.Vector, gids []uint32, rows []int32, ok []bool) {
	if k.Nulls != nil || c.Nulls != nil {
		for j, r := range rows {
			if ok[j] && !ValueEqual(k, int(gids[r]), c, int(r), true) {
				ok[j] = false
			}
		}
		return
	}
	switch c.Type.Physical() {
	case types.PhysInt64:
		matchLoop(k.Ints, c.Ints, gids, rows, ok)
	case types.PhysString:
		matchLoop(k.Strs, c.Strs, gids, rows, ok)
	case types.PhysBool:
		matchLoop(k.Bools, c.Bools, gids, rows, ok)
	case types.PhysDecimal128:
		matchLoop(k.Decs, c.Decs, gids, rows, ok)
	default:
		for j, r := range rows {
			if ok[j] && !ValueEqual(k, int(gids[r]), c, int(r), true) {
				ok[j] = false
			}
		}
	}
}

func matchLoop[T comparable](keys, vals []T, gids []uint32, rows []int32, ok []bool) {
	for j, r := range rows {
		if keys[gids[r]] != vals[r] {
			ok[j] = false
		}
	}
}

// lookupInt is lookup for one BIGINT-like key column without NULLs.
func (t *groupTable) lookupInt(vals []int64, hs []uint64, gids []uint32) {
	key := t.keys[0]
	if key.Nulls != nil {
		t.lookupIntNullKeys(vals, hs, gids)
		return
	}
	if len(t.slots) >= prefetchSlots {
		t.touchSlots(vals, hs)
	}
	// The slot array, keys and hashes live in locals through the loop (the
	// compiler cannot keep fields in registers across the stores); they are
	// written back before growing and at the end.
	slots, limit := t.slots, t.limit
	ints := key.Ints
	last, lastG := int64(0), ^uint32(0) // lastG: none yet
	for i, h := range hs {
		x := vals[i]
		if x == last && lastG != ^uint32(0) {
			// Clustered keys (lineitem by orderkey) repeat row after row.
			gids[i] = lastG
			continue
		}
		s := home(h, len(slots))
		for {
			e := slots[s]
			if e == 0 {
				g := uint32(len(ints))
				ints = append(ints, x)
				slots[s] = uint64(g+1) | h&tagMask
				gids[i] = g
				if len(ints) > limit {
					key.Ints, t.n = ints, len(ints)
					t.grow()
					slots, limit = t.slots, t.limit
					ints = key.Ints
				}
				break
			}
			if e&tagMask == h&tagMask && ints[uint32(e)-1] == x {
				gids[i] = uint32(e) - 1
				break
			}
			if s++; s == len(slots) {
				s = 0
			}
		}
		last, lastG = x, gids[i]
	}
	key.Ints, t.n = ints, len(ints)
}

// prefetchSlots is the slot array size (8 bytes a slot) past which it no
// longer fits in the cache and lookupInt first touches a batch's slots.
const prefetchSlots = 1 << 17

// touchSlots loads the first slot of every row that starts a run of equal
// keys. The loads are independent, so the CPU overlaps their cache misses;
// the probe loop that follows (whose loads depend on its branches) then
// finds them cached. The sum only keeps the loads from being optimised away.
func (t *groupTable) touchSlots(vals []int64, hs []uint64) {
	slots := t.slots
	var sum uint64
	prev := int64(0)
	for i, h := range hs {
		if x := vals[i]; i == 0 || x != prev {
			sum += slots[home(h, len(slots))]
			prev = x
		}
	}
	t.touched = sum
}

// lookupIntNullKeys is lookupInt for a table that holds a NULL key (the
// input batch has none): a NULL group never matches.
func (t *groupTable) lookupIntNullKeys(vals []int64, hs []uint64, gids []uint32) {
	key := t.keys[0]
	last, lastG := int64(0), uint32(0)
	haveLast := false
	for i, h := range hs {
		x := vals[i]
		if haveLast && x == last {
			gids[i] = lastG
			continue
		}
		s := home(h, len(t.slots))
		for {
			e := t.slots[s]
			if e == 0 {
				key.Ints = append(key.Ints, x)
				key.Nulls = key.Nulls.Grow(len(key.Ints))
				key.Nulls.SetValid(len(key.Ints) - 1)
				gids[i] = t.added(h, s)
				break
			}
			g := uint32(e) - 1
			if e&tagMask == h&tagMask && key.Ints[g] == x && !key.Nulls.IsNull(int(g)) {
				gids[i] = g
				break
			}
			if s++; s == len(t.slots) {
				s = 0
			}
		}
		last, lastG, haveLast = x, gids[i], true
	}
}

func (t *groupTable) equal(g uint32, cols []*vector.Vector, i int) bool {
	for k, c := range cols {
		if !ValueEqual(t.keys[k], int(g), c, i, true) {
			return false
		}
	}
	return true
}

// insert appends row i of cols as a new group placed in slot s.
func (t *groupTable) insert(cols []*vector.Vector, i int, h uint64, s int) uint32 {
	for k, c := range cols {
		t.keys[k].AppendRow(c, i)
	}
	return t.added(h, s)
}

// added records the group just appended to the key vectors.
func (t *groupTable) added(h uint64, s int) uint32 {
	g := uint32(t.n)
	t.n++
	if t.keepHashes {
		t.hashes = append(t.hashes, h)
	}
	t.slots[s] = uint64(g+1) | h&tagMask
	if t.n > t.limit {
		t.grow()
	}
	return g
}

// grow doubles the slot array and reinserts every group from its hash; the
// per-group arrays grow with it.
func (t *groupTable) grow() {
	t.rehash(len(t.slots) * 2)
	t.reserveStore(t.limit + 1)
}

// absorb merges every group of o (built with the same key columns and
// aggregates) into t.
func (t *groupTable) absorb(o *groupTable) {
	var mapping []uint32
	if len(t.keyCols) == 0 {
		mapping = []uint32{0}
	} else {
		mapping = make([]uint32, o.n)
		t.reserve(t.n + t.estimateNew(o))
		t.lookup(o.keys, o.allHashes(), mapping)
		t.resizeAggs()
	}
	for k, a := range t.aggs {
		a.merge(o.aggs[k], mapping)
	}
}
