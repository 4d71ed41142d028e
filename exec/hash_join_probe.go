package exec

import "github.com/warehoused/warehoused/vector"

// probeBatch is the state of probing one batch, resumable so that a batch
// whose matches exceed one output batch is processed in steps.
type probeBatch struct {
	b          *vector.Batch // nil when no batch is in progress
	flushBatch *vector.Batch // the batch the accumulated output refers to
	keys       []*vector.Vector
	hashes     []uint64
	nulls      vector.Bitmap // rows with a NULL in a non-NULL-equal key
	eq         func(i int, r int32) bool
	row        int   // next probe row
	chain      int32 // when midChain: next build row+1 in the current row's chain
	midChain   bool
	matched    []bool
	first      []int32 // per row: head of its bucket's chain (row+1)
	candP      []int32
	candB      []int32
	cur        []int32 // stepExists: per row, the next build row+1 to examine
}

// start begins probing batch b.
func (p *probeBatch) start(j *HashJoin, b *vector.Batch) {
	p.b, p.flushBatch = b, b
	p.row, p.midChain = 0, false
	n := b.N
	p.keys = p.keys[:0]
	for _, c := range j.spec.ProbeKeys {
		p.keys = append(p.keys, b.Cols[c])
	}
	if cap(p.hashes) < n {
		p.hashes = make([]uint64, n)
		p.matched = make([]bool, n)
	}
	p.hashes = p.hashes[:n]
	p.matched = p.matched[:n]
	clear(p.matched)
	if j.tbl.store.n == 0 {
		return // nothing to look up
	}
	for i, k := range p.keys {
		HashVector(k, p.hashes, i == 0)
	}
	p.nulls = keyNulls(p.keys, j.spec.NullEq, n)
	p.eq = keyEqFunc(p.keys, j.tbl.keys, j.spec.NullEq)
	// Look up every row's bucket in one tight loop of independent loads, so
	// the CPU overlaps the cache misses, before any chain is walked.
	if cap(p.first) < n {
		p.first = make([]int32, n)
	}
	p.first = p.first[:n]
	head, shift := j.tbl.head, j.tbl.shift
	for i, h := range p.hashes {
		p.first[i] = head[h>>shift]
	}
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
		for p.row < n && len(p.candP) < size {
			i := p.row
			if p.nulls != nil && p.nulls.IsNull(i) {
				p.row++
				continue
			}
			h := p.hashes[i]
			r := p.first[i]
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
				p.row++
			}
		}
	} else {
		p.row = n
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
	if p.row >= n {
		j.out.finishProbeBatch(typ, n, p.matched, j.spec.NullAware, func(i int) bool { return p.unknown(j, i) })
		p.b = nil
	}
	return nil
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
