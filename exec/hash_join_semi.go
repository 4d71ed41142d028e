package exec

// Semi, anti and mark joins with a residual condition (Q21's EXISTS with
// l_suppkey <> ...) only need to know whether some build row passes for each
// probe row. Instead of collecting every key-equal pair of a batch and
// filtering them all, stepExists works in rounds: each round takes the next
// few key-equal candidates of every row not matched yet and filters them; a
// row stops at its first passing pair. The candidates per row double each
// round, so a row with a long chain of failing pairs needs only a
// logarithmic number of rounds.

// stepExists probes the whole current batch of a semi, anti or mark join
// with a residual and appends its output.
func (p *probeBatch) stepExists(j *HashJoin) error {
	t := j.tbl
	n := p.b.N
	if t.store.n > 0 {
		// cur[i]: the next build row+1 to examine for row i (0: done).
		if cap(p.cur) < n {
			p.cur = make([]int32, n)
		}
		cur := p.cur[:n]
		copy(cur, p.first)
		if p.nulls != nil {
			for i := range cur {
				if p.nulls.IsNull(i) {
					cur[i] = 0
				}
			}
		}
		next, hashes := t.next, t.hashes
		for per := 1; ; per = min(per*2, 1<<16) {
			p.candP, p.candB = p.candP[:0], p.candB[:0]
			for i, r := range cur {
				if r == 0 {
					continue
				}
				h := p.hashes[i]
				taken := 0
				for r != 0 && taken < per {
					br := r - 1
					r = next[br]
					if hashes[br] != h || !p.eq(i, br) {
						continue
					}
					p.candP = append(p.candP, int32(i))
					p.candB = append(p.candB, br)
					taken++
				}
				cur[i] = r
			}
			if len(p.candP) == 0 {
				break
			}
			ps, _, err := filterPairs(j.ec, j.spec.Residual, p.b, t.store, p.candP, p.candB, nil)
			if err != nil {
				return err
			}
			for _, i := range ps {
				p.matched[i] = true
				cur[i] = 0
			}
		}
	}
	p.row = n
	j.out.finishProbeBatch(j.spec.Type, n, p.matched, j.spec.NullAware, func(i int) bool { return p.unknown(j, i) })
	p.b = nil
	return nil
}
