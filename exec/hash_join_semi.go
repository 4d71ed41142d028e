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
		// cur[k]: the next build row+1 to examine for candidate rows[k] (0: done).
		rows := p.rows
		if cap(p.cur) < len(rows) {
			p.cur = make([]int32, len(rows))
		}
		cur := p.cur[:len(rows)]
		copy(cur, p.first)
		next, hashes := t.next, t.hashes
		for per := 1; ; per = min(per*2, 1<<16) {
			p.candP, p.candB = p.candP[:0], p.candB[:0]
			for k, r := range cur {
				if r == 0 || p.matched[rows[k]] {
					continue
				}
				i := int(rows[k])
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
				cur[k] = r
			}
			if len(p.candP) == 0 {
				break
			}
			ps, _, err := filterPairs(j.ec, j.spec.Residual, p.b, t.store, p.candP, p.candB, nil)
			if err != nil {
				return err
			}
			for _, i := range ps {
				p.matched[i] = true // its candidate is skipped from now on
			}
		}
	}
	p.pos = len(p.rows)
	p.finish(j, n)
	p.b = nil
	return nil
}
