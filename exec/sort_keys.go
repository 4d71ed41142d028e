package exec

import (
	"cmp"
	"slices"
	"strings"

	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// rowCmp orders two rows of one colStore by all sort keys.
type rowCmp func(a, b int32) int

// keyCmp builds a comparator for one key over column v: the type switch
// happens here, once, not per comparison.
func keyCmp(v *vector.Vector, k SortSpec) rowCmp {
	sign := 1
	if k.Desc {
		sign = -1
	}
	var c rowCmp
	switch v.Type.Physical() {
	case types.PhysInt64:
		xs := v.Ints
		if sign > 0 {
			c = func(a, b int32) int { return cmp.Compare(xs[a], xs[b]) }
		} else {
			c = func(a, b int32) int { return cmp.Compare(xs[b], xs[a]) }
		}
	case types.PhysString:
		xs := v.Strs
		if sign > 0 {
			c = func(a, b int32) int { return strings.Compare(xs[a], xs[b]) }
		} else {
			c = func(a, b int32) int { return strings.Compare(xs[b], xs[a]) }
		}
	case types.PhysFloat64:
		xs := v.Floats
		c = func(a, b int32) int { return sign * compareFloat(xs[a], xs[b]) }
	case types.PhysDecimal128:
		xs := v.Decs
		c = func(a, b int32) int { return sign * compareDecimal(xs[a], xs[b]) }
	case types.PhysBool:
		xs := v.Bools
		c = func(a, b int32) int { return sign * compareBool(xs[a], xs[b]) }
	case types.PhysInterval:
		xs := v.Ivs
		c = func(a, b int32) int { return sign * compareInterval(xs[a], xs[b]) }
	default:
		return func(a, b int32) int { return 0 } // all NULL
	}
	nulls := v.Nulls
	if !nulls.Any(v.Len()) {
		return c
	}
	nullSide := 1 // NULL sorts after
	if k.NullsFirst {
		nullSide = -1
	}
	return func(a, b int32) int {
		an, bn := nulls.IsNull(int(a)), nulls.IsNull(int(b))
		if an || bn {
			switch {
			case an && bn:
				return 0
			case an:
				return nullSide
			}
			return -nullSide
		}
		return c(a, b)
	}
}

// chainCmp combines per-key comparators (nil for none).
func chainCmp(cs []rowCmp) rowCmp {
	switch len(cs) {
	case 0:
		return nil
	case 1:
		return cs[0]
	case 2:
		c0, c1 := cs[0], cs[1]
		return func(a, b int32) int {
			if r := c0(a, b); r != 0 {
				return r
			}
			return c1(a, b)
		}
	}
	return func(a, b int32) int {
		for _, c := range cs {
			if r := c(a, b); r != 0 {
				return r
			}
		}
		return 0
	}
}

// leadKeys are the order-preserving unsigned forms of a run's leading int64
// sort key, in sorted order, so a merge compares them sequentially instead
// of chasing the permutation into the columns. NULL rows (which have no
// key) sit at the start or the end of the run.
type leadKeys struct {
	keys       []uint64
	nulls      int
	nullsFirst bool
}

// at returns position pos's class (rows of a lower class sort first) and key.
func (l *leadKeys) at(pos int) (class int, key uint64) {
	if l.nullsFirst {
		if pos < l.nulls {
			return 0, 0
		}
		return 1, l.keys[pos-l.nulls]
	}
	if pos < len(l.keys) {
		return 0, l.keys[pos]
	}
	return 1, 0
}

// sortPerm returns the permutation of rows 0..n-1 of s that sorts them by keys.
func sortPerm(s *colStore, keys []SortSpec) []int32 {
	perm, _ := sortPermLead(s, keys)
	return perm
}

// sortPermLead is sortPerm also returning the lead keys when the first sort
// key is an int64 column (nil otherwise).
func sortPermLead(s *colStore, keys []SortSpec) ([]int32, *leadKeys) {
	perm := make([]int32, s.n)
	for i := range perm {
		perm[i] = int32(i)
	}
	if len(keys) == 0 {
		return perm, nil
	}
	first := s.cols[keys[0].Col]
	rest := make([]rowCmp, 0, len(keys)-1)
	for _, k := range keys[1:] {
		rest = append(rest, keyCmp(s.cols[k.Col], k))
	}
	restCmp := chainCmp(rest)
	if first.Type.Physical() == types.PhysInt64 {
		return sortPermInt(first, keys[0], perm, restCmp)
	}
	all := chainCmp(append([]rowCmp{keyCmp(first, keys[0])}, rest...))
	slices.SortFunc(perm, all)
	return perm, nil
}

// sortPermInt sorts by a leading int64 key with a radix sort of
// order-preserving unsigned keys; ties are then ordered by rest. NULLs are
// split off first and placed at the requested end.
func sortPermInt(v *vector.Vector, k SortSpec, perm []int32, rest rowCmp) ([]int32, *leadKeys) {
	xs := v.Ints
	var nullRows []int32
	pairs := make([]keyIdx, 0, len(perm))
	hasNulls := v.Nulls.Any(len(xs))
	for _, i := range perm {
		if hasNulls && v.Nulls.IsNull(int(i)) {
			nullRows = append(nullRows, i)
			continue
		}
		u := uint64(xs[i]) ^ (1 << 63)
		if k.Desc {
			u = ^u
		}
		pairs = append(pairs, keyIdx{u, i})
	}
	pairs = radixSort(pairs)
	if rest != nil && len(nullRows) > 1 {
		slices.SortFunc(nullRows, rest)
	}
	out := perm[:0]
	if k.NullsFirst {
		out = append(out, nullRows...)
	}
	start := len(out)
	for _, p := range pairs {
		out = append(out, p.i)
	}
	if rest != nil {
		// Order each run of equal leading keys by the remaining keys.
		for i := 0; i < len(pairs); {
			j := i + 1
			for j < len(pairs) && pairs[j].k == pairs[i].k {
				j++
			}
			if j-i > 1 {
				slices.SortFunc(out[start+i:start+j], rest)
			}
			i = j
		}
	}
	if !k.NullsFirst {
		out = append(out, nullRows...)
	}
	lead := &leadKeys{keys: make([]uint64, len(pairs)), nulls: len(nullRows), nullsFirst: k.NullsFirst}
	for i, p := range pairs {
		lead.keys[i] = p.k
	}
	return out, lead
}

type keyIdx struct {
	k uint64
	i int32
}

// radixSort sorts pairs by k (LSD, 8 bits a pass, skipping passes where every
// key has the same byte). Small inputs use pdqsort.
func radixSort(a []keyIdx) []keyIdx {
	if len(a) < 256 {
		slices.SortFunc(a, func(x, y keyIdx) int { return cmp.Compare(x.k, y.k) })
		return a
	}
	var counts [8][256]int
	for _, p := range a {
		k := p.k
		for b := 0; b < 8; b++ {
			counts[b][byte(k>>(8*b))]++
		}
	}
	buf := make([]keyIdx, len(a))
	src, dst := a, buf
	for b := 0; b < 8; b++ {
		c := &counts[b]
		if c[byte(src[0].k>>(8*b))] == len(src) {
			continue // every key has this byte: the pass would not move anything
		}
		var offs [256]int
		sum := 0
		for i, n := range c {
			offs[i] = sum
			sum += n
		}
		shift := uint(8 * b)
		for _, p := range src {
			d := byte(p.k >> shift)
			dst[offs[d]] = p
			offs[d]++
		}
		src, dst = dst, src
	}
	return src
}
