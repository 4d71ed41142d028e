// ReorderJoins chooses the order of trees of inner joins from cardinality
// estimates.
//
// Rewrites: a maximal tree of INNER joins (comma joins after
// push_down_filters gave them their conditions) over 3 to 10 inputs is
// flattened into its inputs and the conjuncts of its conditions, and rebuilt
// by dynamic programming over subsets of inputs, minimising the sum of the
// estimated sizes of intermediate results (planner/cost). Only subsets
// connected by a condition are joined, so no cross product appears when a
// connected order exists; cross products are allowed only when the inputs
// are not connected at all. Every conjunct is placed at the lowest join
// where all its columns are available. The larger input of each join is put
// on the left (the probe side; the physical planner builds the hash table on
// the smaller one). A Project on top restores the original column order.
//
// Why it is correct: inner joins are commutative and associative, and a
// conjunct of the combined condition may be evaluated at any join that sees
// all its columns.
//
// Example (TPC-H Q5):
//
//	FROM customer, orders, lineitem, supplier, nation, region WHERE ... r_name = 'ASIA'
//	→ starts from region ⋈ nation (small, filtered) and adds supplier, customer,
//	  orders, lineitem along the join graph, instead of the syntactic order.
package rules

import (
	"context"
	"math"
	"math/bits"

	"github.com/warehoused/warehoused/planner/cost"
	"github.com/warehoused/warehoused/planner/plan"
)

// ReorderJoins is the join ordering rule.
type ReorderJoins struct{}

// Name implements Rule.
func (ReorderJoins) Name() string { return "reorder_joins" }

// maxReorder is the largest number of join inputs ordered by exhaustive DP.
const maxReorder = 10

// Apply implements Rule.
func (ReorderJoins) Apply(ctx context.Context, n plan.Node, rc *Context) (plan.Node, error) {
	est := rc.Est
	if est == nil {
		est = cost.New()
	}
	return reorder(n, est), nil
}

func reorder(n plan.Node, est *cost.Estimator) plan.Node {
	j, ok := n.(*plan.Join)
	if !ok || j.Kind != plan.JoinInner {
		return withChildren(n, func(c plan.Node) plan.Node { return reorder(c, est) })
	}
	var leaves []plan.Node
	var preds []plan.Expr
	flattenInner(j, &leaves, &preds)
	for i, l := range leaves {
		leaves[i] = reorder(l, est)
	}
	if len(leaves) < 3 || len(leaves) > maxReorder {
		return withChildren(n, func(c plan.Node) plan.Node { return reorder(c, est) })
	}
	out := newJoinOrder(leaves, preds, est).build()
	want := j.Schema()
	if sameIDs(out.Schema(), want) {
		return out
	}
	exprs := make([]plan.Expr, len(want))
	for i, c := range want {
		exprs[i] = &plan.ColRef{ID: c.ID, Typ: c.Type, Name: c.Name}
	}
	return &plan.Project{Input: out, Exprs: exprs, Cols: want}
}

func sameIDs(a, b plan.Schema) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].ID != b[i].ID {
			return false
		}
	}
	return true
}

// flattenInner collects the inputs and condition conjuncts of the inner-join
// tree rooted at n.
func flattenInner(n plan.Node, leaves *[]plan.Node, preds *[]plan.Expr) {
	if j, ok := n.(*plan.Join); ok && j.Kind == plan.JoinInner {
		flattenInner(j.Left, leaves, preds)
		flattenInner(j.Right, leaves, preds)
		*preds = append(*preds, plan.Conjuncts(j.Cond)...)
		return
	}
	*leaves = append(*leaves, n)
}

// joinPred is one conjunct with the set of inputs it reads.
type joinPred struct {
	expr plan.Expr
	mask uint32
	sel  float64
	pair bool // an equality between exactly two inputs
}

// joinOrder is the DP state for one join tree.
type joinOrder struct {
	leaves []plan.Node
	preds  []joinPred
	rows   []float64 // per input
	card   []float64 // per subset, memoised (NaN: not computed)
	best   []dpEntry
	est    *cost.Estimator
}

type dpEntry struct {
	cost  float64
	left  uint32 // 0 for a single input
	right uint32
	ok    bool
}

func newJoinOrder(leaves []plan.Node, exprs []plan.Expr, est *cost.Estimator) *joinOrder {
	o := &joinOrder{leaves: leaves, est: est}
	owner := map[plan.ColumnID]int{}
	for i, l := range leaves {
		o.rows = append(o.rows, est.Rows(l))
		for _, c := range l.Schema() {
			owner[c.ID] = i
		}
	}
	for _, e := range exprs {
		p := joinPred{expr: e, sel: cost.Selectivity(e)}
		for id := range plan.ColumnsUsed(e) {
			if i, ok := owner[id]; ok {
				p.mask |= 1 << i
			}
		}
		if bits.OnesCount32(p.mask) == 2 {
			a := bits.TrailingZeros32(p.mask)
			b := 31 - bits.LeadingZeros32(p.mask)
			if cost.IsEquiBetween(e, idSet(leaves[a].Schema()), idSet(leaves[b].Schema())) {
				p.pair = true
				p.sel = 1 / max(1, min(est.BaseRows(leaves[a]), est.BaseRows(leaves[b])))
			}
		}
		o.preds = append(o.preds, p)
	}
	size := 1 << len(leaves)
	o.card = make([]float64, size)
	for i := range o.card {
		o.card[i] = math.NaN()
	}
	o.best = make([]dpEntry, size)
	return o
}

// cardinality estimates the rows of joining the inputs in set s.
func (o *joinOrder) cardinality(s uint32) float64 {
	if !math.IsNaN(o.card[s]) {
		return o.card[s]
	}
	r := 1.0
	for i := range o.leaves {
		if s&(1<<i) != 0 {
			r *= o.rows[i]
		}
	}
	// Equalities between the same two inputs form one (composite) key: only
	// the most selective counts.
	pairSel := map[uint32]float64{}
	for _, p := range o.preds {
		if p.mask == 0 || p.mask&s != p.mask || bits.OnesCount32(p.mask) < 2 {
			continue
		}
		if p.pair {
			if cur, ok := pairSel[p.mask]; !ok || p.sel < cur {
				pairSel[p.mask] = p.sel
			}
			continue
		}
		r *= p.sel
	}
	for _, s := range pairSel {
		r *= s
	}
	r = max(r, 1)
	o.card[s] = r
	return r
}

// connected reports whether some predicate links a and b.
func (o *joinOrder) connected(a, b uint32) bool {
	for _, p := range o.preds {
		if p.mask&a != 0 && p.mask&b != 0 && p.mask&^(a|b) == 0 {
			return true
		}
	}
	return false
}

// solve fills best[] for all subsets; allowCross permits unconnected joins.
func (o *joinOrder) solve(allowCross bool) bool {
	n := len(o.leaves)
	full := uint32(1<<n) - 1
	for i := range o.best {
		o.best[i] = dpEntry{}
	}
	for i := range n {
		o.best[1<<i] = dpEntry{ok: true}
	}
	for s := uint32(1); s <= full; s++ {
		if bits.OnesCount32(s) < 2 {
			continue
		}
		c := o.cardinality(s)
		for a := (s - 1) & s; a > 0; a = (a - 1) & s {
			b := s ^ a
			if a < b {
				continue // each split once
			}
			ea, eb := o.best[a], o.best[b]
			if !ea.ok || !eb.ok {
				continue
			}
			if !allowCross && !o.connected(a, b) {
				continue
			}
			total := ea.cost + eb.cost + c
			if cur := o.best[s]; !cur.ok || total < cur.cost {
				o.best[s] = dpEntry{cost: total, left: a, right: b, ok: true}
			}
		}
	}
	return o.best[full].ok
}

// build returns the cheapest join tree over all inputs.
func (o *joinOrder) build() plan.Node {
	if !o.solve(false) {
		o.solve(true)
	}
	full := uint32(1<<len(o.leaves)) - 1
	placed := make([]bool, len(o.preds))
	out := o.tree(full, placed)
	// Conjuncts reading no input (constants, parameters) go on top.
	var rest []plan.Expr
	for i, p := range o.preds {
		if !placed[i] {
			rest = append(rest, p.expr)
		}
	}
	if len(rest) > 0 {
		if j, ok := out.(*plan.Join); ok {
			c := *j
			c.Cond = plan.AndOf(append(plan.Conjuncts(j.Cond), rest...))
			return &c
		}
		return wrapFilter(out, rest)
	}
	return out
}

func (o *joinOrder) tree(s uint32, placed []bool) plan.Node {
	e := o.best[s]
	if e.left == 0 {
		i := bits.TrailingZeros32(s)
		var own []plan.Expr
		for k, p := range o.preds {
			if p.mask == s {
				own = append(own, p.expr)
				placed[k] = true
			}
		}
		return wrapFilter(o.leaves[i], own)
	}
	a, b := e.left, e.right
	if o.cardinality(a) < o.cardinality(b) {
		a, b = b, a
	}
	left, right := o.tree(a, placed), o.tree(b, placed)
	var cond []plan.Expr
	for k, p := range o.preds {
		if !placed[k] && p.mask != 0 && p.mask&s == p.mask {
			cond = append(cond, p.expr)
			placed[k] = true
		}
	}
	return &plan.Join{Kind: plan.JoinInner, Left: left, Right: right, Cond: plan.AndOf(cond)}
}
