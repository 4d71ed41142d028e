package exec

import "github.com/warehoused/warehoused/vector"

// probeBatch is the state of probing one batch, resumable so that a batch
// whose matches exceed one output batch is processed in steps.
type probeBatch struct {
	b          *vector.Batch // nil when no batch is in progress
	flushBatch *vector.Batch // the batch the accumulated output refers to
	keys       []*vector.Vector
	hashes     []uint64      // per row; only rows the filter passed are hashed
	nulls      vector.Bitmap // rows with a NULL in a non-NULL-equal key
	eq         func(i int, r int32) bool
	// rows lists the candidate rows: no NULL key, past the filter, with a
	// non-empty bucket; first[k] is the head (build row+1) of rows[k]'s
	// chain. Every other row matches nothing.
	rows     []int32
	first    []int32
	sel      []int32 // scratch: the rows the filter passed
	pos      int     // next index into rows
	chain    int32   // when midChain: next build row+1 in the current row's chain
	midChain bool
	matched  []bool
	candP    []int32
	candB    []int32
	cur      []int32 // stepExists: per candidate, the next build row+1 to examine
}

// start begins probing batch b: it hashes the keys and finds the candidate
// rows, so that step walks chains only for rows that can match.
func (p *probeBatch) start(j *HashJoin, b *vector.Batch) {
	p.b, p.flushBatch = b, b
	p.pos, p.midChain = 0, false
	n := b.N
	p.keys = p.keys[:0]
	for _, c := range j.spec.ProbeKeys {
		p.keys = append(p.keys, b.Cols[c])
	}
	if cap(p.hashes) < n {
		p.hashes = make([]uint64, n)
		p.matched = make([]bool, n)
		p.rows = make([]int32, n)
		p.first = make([]int32, n)
		p.sel = make([]int32, n)
	}
	p.hashes = p.hashes[:n]
	p.matched = p.matched[:n]
	clear(p.matched)
	p.rows, p.first = p.rows[:0], p.first[:0]
	t := j.tbl
	if t.store.n == 0 {
		p.nulls = nil
		return // nothing to look up
	}
	p.nulls = keyNulls(p.keys, j.spec.NullEq, n)
	p.eq = keyEqFunc(p.keys, t.keys, j.spec.NullEq)
	sel := p.filterRows(j, n)
	// Look up the buckets in one tight loop of independent loads, so the
	// CPU overlaps the cache misses; then keep the rows whose bucket is not
	// empty, without a branch, in a second pass over data in L1 (in one
	// pass, the stores' dependence on the loads slows the misses down).
	head, shift, hashes := t.head, t.shift, p.hashes
	rows, first := p.rows[:n], p.first[:n]
	k := 0
	if sel == nil {
		for i, h := range hashes {
			first[i] = head[h>>shift]
		}
		for i, r := range first {
			rows[k], first[k] = int32(i), r
			k += int(uint32(r|-r) >> 31) // r >= 0: 1 when r != 0
		}
	} else {
		first = first[:len(sel)]
		for x, i := range sel {
			first[x] = head[hashes[i]>>shift]
		}
		for x, r := range first {
			rows[k], first[k] = sel[x], r
			k += int(uint32(r|-r) >> 31)
		}
	}
	if p.nulls != nil {
		// A row with a NULL key never equals a build row.
		k2 := 0
		for x, i := range rows[:k] {
			if !p.nulls.IsNull(int(i)) {
				rows[k2], first[k2] = i, first[x]
				k2++
			}
		}
		k = k2
	}
	p.rows, p.first = rows[:k], first[:k]
}

// filterRows hashes the probe keys and returns the rows that pass the
// join filter, or nil for all rows (when the filter is not used). With an
// int64-key filter, only the passing rows are hashed.
func (p *probeBatch) filterRows(j *HashJoin, n int) []int32 {
	f := j.tbl.filter
	if f == nil || !j.fuse.use() {
		hashAll(p.keys, p.hashes)
		return nil
	}
	sel := f.probe(p.keys, p.hashes, p.sel, n)
	if sel != nil {
		j.fuse.observe(n, len(sel))
	}
	return sel
}

// step finds the matches of up to about size candidate pairs, records them,
// and when the batch is done appends its end-of-batch output.
func (p *probeBatch) step(j *HashJoin, size int) error {
	t := j.tbl
	typ := j.spec.Type
	if j.spec.Residual != nil && !hasPairs(typ) && j.local == nil {
		return p.stepExists(j)
	}
	n := p.b.N
	p.candP, p.candB = p.candP[:0], p.candB[:0]
	if t.store.n > 0 {
		// Semi, Anti and Mark only need to know whether a row matches.
		// Right semi/anti joins must see every matching build row.
		firstOnly := j.spec.Residual == nil && !hasPairs(typ) && j.local == nil
		rightOnly := isRightSemi(typ)
		next, hashes := t.next, t.hashes
		rows, first := p.rows, p.first
		for p.pos < len(rows) && len(p.candP) < size {
			i := int(rows[p.pos])
			h := p.hashes[i]
			r := first[p.pos]
			if p.midChain {
				r, p.midChain = p.chain, false
			}
			for r != 0 {
				br := r - 1
				r = next[br]
				if hashes[br] != h || !p.eq(i, br) {
					continue
				}
				if rightOnly {
					// Right semi/anti: only whether each build row matched
					// counts; skip rows this probe already matched.
					if j.local[br] {
						continue
					}
					if j.spec.Residual == nil {
						j.local[br] = true
						continue
					}
				}
				if firstOnly {
					p.matched[i] = true
					break
				}
				p.candP = append(p.candP, int32(i))
				p.candB = append(p.candB, br)
				if len(p.candP) >= size && r != 0 {
					p.chain, p.midChain = r, true
					break
				}
			}
			if !p.midChain {
				p.pos++
			}
		}
	}
	if j.spec.Residual != nil {
		var err error
		p.candP, p.candB, err = filterPairs(j.ec, j.spec.Residual, p.b, t.store, p.candP, p.candB, nil)
		if err != nil {
			return err
		}
	}
	for _, i := range p.candP {
		p.matched[i] = true
	}
	if j.local != nil {
		for _, r := range p.candB {
			j.local[r] = true
		}
	}
	if hasPairs(typ) {
		j.out.probeSel = append(j.out.probeSel, p.candP...)
		j.out.buildSel = append(j.out.buildSel, p.candB...)
	}
	if p.pos >= len(p.rows) {
		p.finish(j, n)
		p.b = nil
	}
	return nil
}

// finish appends the batch's end-of-batch output. A semi join emits its
// matched rows, which are all candidates: when the filter dropped most rows,
// scanning the candidates beats scanning every row's flag.
func (p *probeBatch) finish(j *HashJoin, n int) {
	if j.spec.Type == JoinSemi && len(p.rows) < n/4 {
		for _, i := range p.rows {
			if p.matched[i] {
				j.out.probeSel = append(j.out.probeSel, i)
			}
		}
		return
	}
	j.out.finishProbeBatch(j.spec.Type, n, p.matched, j.spec.NullAware, func(i int) bool { return p.unknown(j, i) })
}

// unknown reports whether unmatched probe row i compared NULL with some build
// row (SQL IN / NOT IN): its own key is NULL and some build row could match,
// or a build row with a NULL key could match it.
func (p *probeBatch) unknown(j *HashJoin, i int) bool {
	t := j.tbl
	if t.store.n == 0 {
		return false
	}
	probeNull := p.nulls != nil && p.nulls.IsNull(i)
	if !probeNull && len(t.nullKey) == 0 {
		return false
	}
	if j.spec.Residual == nil && len(p.keys) == 1 {
		return true // one key: a NULL on either side makes the comparison NULL
	}
	// Slow path: scan the candidate build rows (all rows, or the NULL-key rows).
	var cands []int32
	if probeNull {
		cands = make([]int32, 0, t.store.n)
		for r := 0; r < t.store.n; r++ {
			cands = append(cands, int32(r))
		}
	} else {
		cands = t.nullKey
	}
	ps := make([]int32, 0, 64)
	bs := make([]int32, 0, 64)
	for _, r := range cands {
		if !partialKeyMatch(p.keys, t.keys, j.spec.NullEq, i, r) {
			continue
		}
		if j.spec.Residual == nil {
			return true
		}
		ps, bs = append(ps, int32(i)), append(bs, r)
		if len(ps) == cap(ps) {
			if ok, err := p.anyTrue(j, ps, bs); ok || err != nil {
				return true // an error here cannot be returned; treat as unknown
			}
			ps, bs = ps[:0], bs[:0]
		}
	}
	ok, _ := p.anyTrue(j, ps, bs)
	return ok
}

func (p *probeBatch) anyTrue(j *HashJoin, ps, bs []int32) (bool, error) {
	if len(ps) == 0 {
		return false, nil
	}
	ps2, _, err := filterPairs(j.ec, j.spec.Residual, p.b, j.tbl.store, append([]int32(nil), ps...), append([]int32(nil), bs...), nil)
	return len(ps2) > 0, err
}
