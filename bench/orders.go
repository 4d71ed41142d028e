package bench

// line is one generated lineitem, kept until its order's totals are known.
type line struct {
	partkey, suppkey      int64
	qty, discount, tax    int64
	eprice                int64
	instruct, smode       int
	ship, commit, receipt int64
	rflag, status         byte
	cmntOff, cmntLen      int64
}

// orderKey makes the sparse order key of the i-th order: 8 of every 32
// keys are used (the low 3 bits are kept, 2 zero bits are inserted).
func orderKey(i int64) int64 { return (i>>3)<<5 | i&7 }

// order appends the i-th order and/or its lineitems (dbgen mk_order).
func (g *genCtx) order(ob, lb []byte, r *rng, i int64, wantO, wantL bool) ([]byte, []byte) {
	okey := orderKey(i)
	custs := g.sc.custs
	cust := r.unif(sdOCkey, 1, custs)
	// A third of the customers have no orders (spec §4.2.3).
	for delta := int64(1); cust%3 == 0; delta = -delta {
		cust = min(cust+delta, custs)
	}
	odate := r.unif(sdODate, 0, totDate-(121+30)-1)
	prio := g.d.priority.pick(r, sdOPrio)
	clerk := r.unif(sdOClrk, 1, g.sc.clerks)
	const oLo, oHi = 19, 78 // 49×0.4, 49×1.6 truncated
	oOff := r.unif(sdOCmnt, 0, int64(len(g.pool))-oHi)
	oLen := r.unif(sdOCmnt, oLo, oHi)

	var lines [7]line
	n := r.unif(sdOLcnt, 1, 7)
	var total int64
	shipped := 0
	const lLo, lHi = 10, 43 // 27×0.4, 27×1.6 truncated
	for k := range n {
		l := &lines[k]
		l.qty = r.unif(sdLQty, 1, 50)
		l.discount = r.unif(sdLDcnt, 0, 10)
		l.tax = r.unif(sdLTax, 0, 8)
		l.instruct = g.d.instruct.pick(r, sdLShip)
		l.smode = g.d.smode.pick(r, sdLSmode)
		l.cmntOff = r.unif(sdLCmnt, 0, int64(len(g.pool))-lHi)
		l.cmntLen = r.unif(sdLCmnt, lLo, lHi)
		l.partkey = r.unif(sdLPkey, 1, g.sc.parts)
		l.suppkey = partSupp(l.partkey, r.unif(sdLSkey, 0, 3), g.sc.supps)
		l.eprice = retailPrice(l.partkey) * l.qty
		total += l.eprice * (100 - l.discount) / 100 * (100 + l.tax) / 100
		l.ship = odate + r.unif(sdLSdte, 1, 121)
		l.commit = odate + r.unif(sdLCdte, 30, 90)
		l.receipt = l.ship + r.unif(sdLRdte, 1, 30)
		l.rflag = 'N'
		if l.receipt <= currentDate {
			l.rflag = g.d.rflag.words[g.d.rflag.pick(r, sdLRflg)][0]
		}
		l.status = 'O'
		if l.ship <= currentDate {
			l.status = 'F'
			shipped++
		}
	}
	if wantO {
		status := byte('O')
		if shipped == int(n) {
			status = 'F'
		} else if shipped > 0 {
			status = 'P'
		}
		ob = appendInt(ob, okey)
		ob = append(ob, '|')
		ob = appendInt(ob, cust)
		ob = append(ob, '|', status, '|')
		ob = appendMoney(ob, total)
		ob = append(ob, '|')
		ob = append(ob, g.dates[odate]...)
		ob = append(ob, '|')
		ob = appendField(ob, g.d.priority.words[prio])
		ob = append(ob, "Clerk#"...)
		ob = appendPadded(ob, clerk, 9)
		ob = append(ob, "|0|"...)
		ob = append(ob, g.pool[oOff:oOff+oLen]...)
		ob = append(ob, '\n')
	}
	if wantL {
		for k := range n {
			l := &lines[k]
			lb = appendInt(lb, okey)
			lb = append(lb, '|')
			lb = appendInt(lb, l.partkey)
			lb = append(lb, '|')
			lb = appendInt(lb, l.suppkey)
			lb = append(lb, '|')
			lb = appendInt(lb, k+1)
			lb = append(lb, '|')
			lb = appendMoney(lb, l.qty*100)
			lb = append(lb, '|')
			lb = appendMoney(lb, l.eprice)
			lb = append(lb, '|')
			lb = appendMoney(lb, l.discount)
			lb = append(lb, '|')
			lb = appendMoney(lb, l.tax)
			lb = append(lb, '|', l.rflag, '|', l.status, '|')
			lb = append(lb, g.dates[l.ship]...)
			lb = append(lb, '|')
			lb = append(lb, g.dates[l.commit]...)
			lb = append(lb, '|')
			lb = append(lb, g.dates[l.receipt]...)
			lb = append(lb, '|')
			lb = appendField(lb, g.d.instruct.words[l.instruct])
			lb = appendField(lb, g.d.smode.words[l.smode])
			lb = append(lb, g.pool[l.cmntOff:l.cmntOff+l.cmntLen]...)
			lb = append(lb, '\n')
		}
	}
	return ob, lb
}
