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
// Equalities between columns form classes (join_classes.go): they bound
// the distinct values of joined columns (c_nationkey = s_nationkey holds at
// most nation's 25 values, so it is no key join), and the implied equalities
// between inputs no written one links are added (c_nationkey = n_nationkey),
// one a class at each join. Semi/anti joins on an input that the inner
// joins shrink more are put back above the tree (lift_semi_joins.go).
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
	leaves, lifted := liftSemis(leaves, preds, est)
	out := putBack(newJoinOrder(leaves, preds, est).build(), lifted)
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
	// class is the eqClass of a column = column pair equality, else -1.
	class   int
	derived bool // implied by the class, not written in the query
}

// joinOrder is the DP state for one join tree.
type joinOrder struct {
	leaves  []plan.Node
	preds   []joinPred
	classes []eqClass
	rows    []float64 // per input
	base    []float64 // per input, before filters
	card    []float64 // per subset, memoised (NaN: not computed)
	best    []dpEntry
	est     *cost.Estimator
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
		o.base = append(o.base, est.BaseRows(l))
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
			}
		}
		o.preds = append(o.preds, p)
	}
	o.findClasses(owner)
	size := 1 << len(leaves)
	o.card = make([]float64, size)
	for i := range o.card {
		o.card[i] = math.NaN()
	}
	o.best = make([]dpEntry, size)
	return o
}

// cardinality estimates the rows of joining the inputs in set s.
//
// The equalities between the same two inputs form one (composite) key of at
// most min(base rows of either input, product of their classes' distinct
// values) values, and divide the product of the inputs' rows by that. An
// equality whose class already links its two inputs through others (the
// third side of c = s, s = n, c = n) adds nothing.
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
	type key struct {
		ndv   float64 // product of the counted classes' distinct values
		class bool
	}
	pairs := map[uint32]*key{}
	var uf *classFind
	for _, p := range o.preds {
		if p.mask == 0 || p.mask&s != p.mask || bits.OnesCount32(p.mask) < 2 {
			continue
		}
		if !p.pair {
			r *= p.sel
			continue
		}
		a, b := pairInputs(p.mask)
		k := pairs[p.mask]
		if p.class >= 0 {
			if uf == nil {
				uf = o.newClassFind()
			}
			if !uf.union(p.class, a, b) {
				continue
			}
			if k == nil {
				k = &key{ndv: 1}
				pairs[p.mask] = k
			}
			k.ndv *= o.classes[p.class].ndv
			k.class = true
			continue
		}
		if k == nil {
			pairs[p.mask] = &key{ndv: 1}
		}
	}
	for mask, k := range pairs {
		a, b := pairInputs(mask)
		ndv := min(o.base[a], o.base[b])
		if k.class {
			ndv = min(ndv, k.ndv)
		}
		r /= max(1, ndv)
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
	joined := map[int]bool{} // complete classes already equated at this join
	for k, p := range o.preds {
		if placed[k] || p.mask == 0 || p.mask&s != p.mask {
			continue
		}
		placed[k] = true
		if p.class >= 0 && o.classes[p.class].complete {
			// Each side already equates its members of the class (every
			// pair of inputs has an equality, placed below): one equality
			// across the join implies the others.
			if joined[p.class] {
				continue
			}
			joined[p.class] = true
		}
		cond = append(cond, p.expr)
	}
	return &plan.Join{Kind: plan.JoinInner, Left: left, Right: right, Cond: plan.AndOf(cond)}
}
