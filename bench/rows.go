package bench

import "math"

// genCtx holds what every row generator of one run shares (read-only).
type genCtx struct {
	sc    scale
	d     *dists
	pool  []byte
	dates [][]byte
}

// scale is the row counts of a scale factor.
type scale struct {
	parts, supps, custs, orders int64
	clerks                      int64
}

// newScale computes row counts as dbgen does: base × SF; below SF 1 the
// bases are scaled by SF in thousandths and the clerk count stays 1000.
func newScale(sf float64) scale {
	if sf < 1 {
		milli := int64(math.Round(sf * 1000))
		base := func(b int64) int64 { return max(1, milli*b/1000) }
		return scale{parts: base(200000), supps: base(10000), custs: base(150000),
			orders: base(1500000), clerks: 1000}
	}
	if sf == math.Trunc(sf) {
		n := int64(sf)
		return scale{parts: 200000 * n, supps: 10000 * n, custs: 150000 * n,
			orders: 1500000 * n, clerks: 1000 * n}
	}
	base := func(b int64) int64 { return int64(float64(b) * sf) }
	return scale{parts: base(200000), supps: base(10000), custs: base(150000),
		orders: base(1500000), clerks: base(1000)}
}

// text appends a comment of average length avg: a random slice of the pool.
func (g *genCtx) text(b []byte, r *rng, sd int, avg float64) []byte {
	lo, hi := int64(avg*0.4), int64(avg*1.6)
	off := r.unif(sd, 0, int64(len(g.pool))-hi)
	n := r.unif(sd, lo, hi)
	return append(b, g.pool[off:off+n]...)
}

// vstr appends a random alphanumeric string of average length avg.
func vstr(b []byte, r *rng, sd int, avg float64) []byte {
	n := r.unif(sd, int64(avg*0.4), int64(avg*1.6))
	var c int64
	for i := range n {
		if i%5 == 0 {
			c = r.unif(sd, 0, maxLong)
		}
		b = append(b, alphaNum[c&63])
		c >>= 6
	}
	return b
}

// phone appends a phone number whose country code is 10+nation.
func phone(b []byte, r *rng, sd int, nation int64) []byte {
	a := r.unif(sd, 100, 999)
	e := r.unif(sd, 100, 999)
	n := r.unif(sd, 1000, 9999)
	b = appendInt(b, 10+nation%90)
	b = append(b, '-')
	b = appendInt(b, a)
	b = append(b, '-')
	b = appendInt(b, e)
	b = append(b, '-')
	return appendInt(b, n)
}

// retailPrice is p_retailprice in cents (spec §4.2.3).
func retailPrice(p int64) int64 { return 90000 + (p/10)%20001 + (p%1000)*100 }

// partSupp is the ps_suppkey of the i-th (0..3) supplier of part p.
func partSupp(p, i, supps int64) int64 {
	return (p+i*(supps/4+(p-1)/supps))%supps + 1
}

func (g *genCtx) nation(b []byte, r *rng, row int64) []byte {
	n := nations[row-1]
	b = appendInt(b, row-1)
	b = append(b, '|')
	b = appendField(b, n.name)
	b = appendInt(b, int64(n.region))
	b = append(b, '|')
	b = g.text(b, r, sdNCmnt, 72)
	return append(b, '\n')
}

func (g *genCtx) region(b []byte, r *rng, row int64) []byte {
	b = appendInt(b, row-1)
	b = append(b, '|')
	b = appendField(b, regions[row-1])
	b = g.text(b, r, sdRCmnt, 72)
	return append(b, '\n')
}

func (g *genCtx) customer(b []byte, r *rng, key int64) []byte {
	b = appendInt(b, key)
	b = append(b, "|Customer#"...)
	b = appendPadded(b, key, 9)
	b = append(b, '|')
	b = vstr(b, r, sdCAddr, 25)
	b = append(b, '|')
	nation := r.unif(sdCNtrg, 0, int64(len(nations))-1)
	b = appendInt(b, nation)
	b = append(b, '|')
	b = phone(b, r, sdCPhne, nation)
	b = append(b, '|')
	b = appendMoney(b, r.unif(sdCAbal, -99999, 999999))
	b = append(b, '|')
	b = appendField(b, g.d.segment.words[g.d.segment.pick(r, sdCMseg)])
	b = g.text(b, r, sdCCmnt, 73)
	return append(b, '\n')
}

func (g *genCtx) supplier(b []byte, r *rng, key int64) []byte {
	b = appendInt(b, key)
	b = append(b, "|Supplier#"...)
	b = appendPadded(b, key, 9)
	b = append(b, '|')
	b = vstr(b, r, sdSAddr, 25)
	b = append(b, '|')
	nation := r.unif(sdSNtrg, 0, int64(len(nations))-1)
	b = appendInt(b, nation)
	b = append(b, '|')
	b = phone(b, r, sdSPhne, nation)
	b = append(b, '|')
	b = appendMoney(b, r.unif(sdSAbal, -99999, 999999))
	b = append(b, '|')
	start := len(b)
	b = g.text(b, r, sdSCmnt, 63)
	cmnt := b[start:]
	clen := int64(len(cmnt))
	// Better Business Bureau comments (spec §4.2.3, used by Q16): the draws
	// happen for every row so that rows stay independent.
	const bbbLen, baseLen = 19, 9
	badPress := r.unif(sdBBBCmnt, 1, 10000)
	typ := r.unif(sdBBBType, 0, 100)
	noise := r.unif(sdBBBJunk, 0, clen-bbbLen)
	offset := r.unif(sdBBBOffset, 0, clen-(bbbLen+noise))
	if badPress <= 10 {
		copy(cmnt[offset:], "Customer ")
		word := "Recommends"
		if typ < 50 {
			word = "Complaints"
		}
		copy(cmnt[offset+baseLen+noise:], word)
	}
	return append(b, '\n')
}

// part appends the part row and/or its four partsupp rows.
func (g *genCtx) part(pb, psb []byte, r *rng, key int64, wantP, wantPS bool) ([]byte, []byte) {
	var perm [len(colors)]uint8
	for i := range perm {
		perm[i] = uint8(i)
	}
	for i := range int64(len(perm)) {
		j := r.unif(sdPName, i, int64(len(perm))-1)
		perm[i], perm[j] = perm[j], perm[i]
	}
	mfgr := r.unif(sdPMfg, 1, 5)
	brand := r.unif(sdPBrnd, 1, 5)
	typ := g.d.types.pick(r, sdPType)
	size := r.unif(sdPSize, 1, 50)
	cntr := g.d.containers.pick(r, sdPCntr)
	if wantP {
		pb = appendInt(pb, key)
		pb = append(pb, '|')
		for i := range 5 {
			if i > 0 {
				pb = append(pb, ' ')
			}
			pb = append(pb, colors[perm[i]]...)
		}
		pb = append(pb, "|Manufacturer#"...)
		pb = appendInt(pb, mfgr)
		pb = append(pb, "|Brand#"...)
		pb = appendInt(pb, mfgr*10+brand)
		pb = append(pb, '|')
		pb = appendField(pb, g.d.types.words[typ])
		pb = appendInt(pb, size)
		pb = append(pb, '|')
		pb = appendField(pb, g.d.containers.words[cntr])
		pb = appendMoney(pb, retailPrice(key))
		pb = append(pb, '|')
		pb = g.text(pb, r, sdPCmnt, 14)
		pb = append(pb, '\n')
	}
	for s := range int64(4) {
		qty := r.unif(sdPsQty, 1, 9999)
		cost := r.unif(sdPsScst, 100, 100000)
		if !wantPS {
			continue // the comment's draws are skipped by rowStop
		}
		psb = appendInt(psb, key)
		psb = append(psb, '|')
		psb = appendInt(psb, partSupp(key, s, g.sc.supps))
		psb = append(psb, '|')
		psb = appendInt(psb, qty)
		psb = append(psb, '|')
		psb = appendMoney(psb, cost)
		psb = append(psb, '|')
		psb = g.text(psb, r, sdPsCmnt, 124)
		psb = append(psb, '\n')
	}
	return pb, psb
}
