package redshift

// rewriteAggregates handles Redshift's aggregate spellings PostgreSQL's
// grammar rejects, blanking words so that byte offsets stay put:
//   - APPROXIMATE COUNT(DISTINCT x): APPROXIMATE is blanked and the COUNT
//     token's offset recorded in res.ApproxCounts (the converter renames the
//     call approximate_count_distinct); APPROXIMATE before PERCENTILE_DISC or
//     a COUNT without DISTINCT is dropped (the exact answer is a valid
//     approximation);
//   - LISTAGG(DISTINCT x, d) WITHIN GROUP (ORDER BY ...): PostgreSQL refuses
//     DISTINCT with WITHIN GROUP, so DISTINCT is blanked and the LISTAGG
//     token's offset recorded in res.DistinctCalls.
func rewriteAggregates(text string, toks []Token, res *Result) string {
	var b *blanker
	blank := func(t Token) {
		if b == nil {
			b = &blanker{buf: []byte(text)}
		}
		b.blank(t.Start, t.End)
	}
	at := func(i int) Token {
		if i < len(toks) {
			return toks[i]
		}
		return Token{}
	}
	for i := 0; i+1 < len(toks); i++ {
		t, next := toks[i], toks[i+1]
		switch {
		case t.Is("approximate") && (next.Is("count") || next.Is("percentile_disc")):
			blank(t)
			if next.Is("count") && at(i+2).IsPunct('(') && at(i+3).Is("distinct") {
				res.ApproxCounts = append(res.ApproxCounts, next.Start)
			}
		case t.Is("listagg") && next.IsPunct('(') && at(i+2).Is("distinct"):
			if close := matchParen(toks, i+1); close > 0 && at(close+1).Is("within") && at(close+2).Is("group") {
				blank(toks[i+2])
				res.DistinctCalls = append(res.DistinctCalls, t.Start)
			}
		}
	}
	if b == nil {
		return text
	}
	return string(b.buf)
}

// matchParen is the index of the ')' closing the '(' at toks[open], -1 if none.
func matchParen(toks []Token, open int) int {
	depth := 0
	for k := open; k < len(toks); k++ {
		switch {
		case toks[k].IsPunct('('):
			depth++
		case toks[k].IsPunct(')'):
			depth--
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}

// IsApproxCount reports whether the COUNT call at input offset off was
// written APPROXIMATE COUNT(DISTINCT ...).
func (r *Result) IsApproxCount(off int) bool { return containsOff(r.ApproxCounts, off) }

// IsBlankedDistinct reports whether the call at input offset off had its
// DISTINCT blanked (LISTAGG(DISTINCT ...) WITHIN GROUP).
func (r *Result) IsBlankedDistinct(off int) bool { return containsOff(r.DistinctCalls, off) }

func containsOff(offs []int, off int) bool {
	for _, o := range offs {
		if o == off {
			return true
		}
	}
	return false
}
