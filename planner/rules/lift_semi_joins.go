package rules

import (
	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
)

// Semi and anti joins pushed onto one input of an inner-join tree (by
// push_down_semi_joins) test that input's rows before the other joins. That
// is right when they are selective (TPC-H Q18's IN list keeps 57 orders),
// but when the inner joins shrink the input much more than they do (Q21:
// lineitem ⋈ supplier of one nation ⋈ orders with status 'F' keeps 1/50 of
// the lineitem rows, the EXISTS keeps most), testing after the joins probes
// far fewer rows, and lets the physical planner reduce their large build
// side with the few joined rows.
//
// Why it is correct: the reverse of push_down_semi_joins: a semi or anti
// join's condition reads only its left input's columns and the subquery's,
// and inner joins pair left rows without changing them.

// semiLayer is one semi or anti join taken off a join input, to be put back
// above the joins.
type semiLayer struct {
	join *plan.Join // Left is replaced when it is put back
}

// stripSemis returns the input under a chain of semi/anti joins on leaf and
// the chain (innermost first).
func stripSemis(leaf plan.Node) (plan.Node, []semiLayer) {
	var chain []semiLayer
	for {
		j, ok := leaf.(*plan.Join)
		if !ok || (j.Kind != plan.JoinSemi && j.Kind != plan.JoinAnti) {
			break
		}
		chain = append(chain, semiLayer{join: j})
		leaf = j.Left
	}
	for i, k := 0, len(chain)-1; i < k; i, k = i+1, k-1 {
		chain[i], chain[k] = chain[k], chain[i]
	}
	return leaf, chain
}

// liftSemis decides, for each join input under semi/anti joins, whether to
// test them above the whole tree instead: when the estimated rows of the
// joined tree (without them) are fewer than the input's. It returns the
// inputs to order and the layers to put back on top.
func liftSemis(leaves []plan.Node, preds []plan.Expr, est *cost.Estimator) ([]plan.Node, []semiLayer) {
	stripped := make([]plan.Node, len(leaves))
	chains := make([][]semiLayer, len(leaves))
	any := false
	for i, l := range leaves {
		stripped[i], chains[i] = stripSemis(l)
		any = any || len(chains[i]) > 0
	}
	if !any {
		return leaves, nil
	}
	// The size of the joined tree with every chain removed.
	total := newJoinOrder(append([]plan.Node{}, stripped...), preds, est)
	all := uint32(1)<<len(stripped) - 1
	joined := total.cardinality(all)
	out := append([]plan.Node{}, leaves...)
	var lifted []semiLayer
	for i, c := range chains {
		if len(c) == 0 || joined >= est.Rows(stripped[i]) {
			continue
		}
		out[i] = stripped[i]
		lifted = append(lifted, c...)
	}
	return out, lifted
}

// putBack applies the lifted semi/anti joins, innermost first, above n.
func putBack(n plan.Node, layers []semiLayer) plan.Node {
	for _, l := range layers {
		c := *l.join
		c.Left = n
		n = &c
	}
	return n
}
