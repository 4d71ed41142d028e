package rules

import (
	"math/bits"

	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// eqClass is a set of columns that the equalities of an inner-join tree make
// equal (e.g. c_nationkey = s_nationkey, s_nationkey = n_nationkey).
//
// It serves join ordering twice:
//   - estimates: the joined columns hold at most ndv distinct values, the
//     fewest rows of any table a member comes from (nation's 25 for the
//     nation keys), so customer ⋈ supplier ON c_nationkey = s_nationkey is
//     seen as the many-to-many join it is, not as a key join;
//   - shape: implied equalities between inputs not directly linked (here
//     c_nationkey = n_nationkey) are added, so customer may join nation
//     directly; at each join one equality a class needs suffices.
type eqClass struct {
	members  map[plan.ColumnID]int // column → input index
	ndv      float64
	complete bool // one member per input, all of one type: derived equalities and skipping are sound
}

// colEquality returns the columns of `a = b` between two column references.
func colEquality(e plan.Expr) (a, b *plan.ColRef, ok bool) {
	c, ok := e.(*plan.Call)
	if !ok || c.Name != "=" || len(c.Args) != 2 {
		return nil, nil, false
	}
	a, ok1 := c.Args[0].(*plan.ColRef)
	b, ok2 := c.Args[1].(*plan.ColRef)
	return a, b, ok1 && ok2
}

// findClasses groups the columns of the two-input column equalities among
// o.preds into classes, sets each pred's class, and appends the implied
// equalities between inputs of a complete class that no pred links.
func (o *joinOrder) findClasses(owner map[plan.ColumnID]int) {
	parent := map[plan.ColumnID]plan.ColumnID{}
	var find func(plan.ColumnID) plan.ColumnID
	find = func(x plan.ColumnID) plan.ColumnID {
		p, ok := parent[x]
		if !ok || p == x {
			return x
		}
		r := find(p)
		parent[x] = r
		return r
	}
	refs := map[plan.ColumnID]*plan.ColRef{}
	for i := range o.preds {
		o.preds[i].class = -1
		p := &o.preds[i]
		if !p.pair {
			continue
		}
		a, b, ok := colEquality(p.expr)
		if !ok {
			continue
		}
		refs[a.ID], refs[b.ID] = a, b
		for _, id := range []plan.ColumnID{a.ID, b.ID} {
			if _, ok := parent[id]; !ok {
				parent[id] = id
			}
		}
		if ra, rb := find(a.ID), find(b.ID); ra != rb {
			parent[rb] = ra
		}
	}
	index := map[plan.ColumnID]int{}
	for id := range refs {
		r := find(id)
		k, ok := index[r]
		if !ok {
			k = len(o.classes)
			index[r] = k
			o.classes = append(o.classes, eqClass{members: map[plan.ColumnID]int{}, complete: true})
		}
		o.classes[k].members[id] = owner[id]
	}
	for k := range o.classes {
		c := &o.classes[k]
		c.ndv = -1
		seen := map[int]bool{}
		var typ types.T
		first := true
		for id, in := range c.members {
			if seen[in] {
				c.complete = false
			}
			seen[in] = true
			if first {
				typ, first = refs[id].Typ, false
			} else if refs[id].Typ != typ {
				c.complete = false
			}
			if r := o.est.ColumnRows(o.leaves[in], id); c.ndv < 0 || r < c.ndv {
				c.ndv = r
			}
		}
		c.ndv = max(c.ndv, 1)
	}
	for i := range o.preds {
		if a, _, ok := colEquality(o.preds[i].expr); ok && o.preds[i].pair {
			o.preds[i].class = index[find(a.ID)]
		}
	}
	o.deriveEqualities(refs)
}

// deriveEqualities adds `x = y` for every two inputs of a complete class that
// no equality of the class links directly (deterministically: members sorted
// by input).
func (o *joinOrder) deriveEqualities(refs map[plan.ColumnID]*plan.ColRef) {
	for k, c := range o.classes {
		if !c.complete || len(c.members) < 3 {
			continue
		}
		byInput := make([]*plan.ColRef, len(o.leaves))
		for id, in := range c.members {
			byInput[in] = refs[id]
		}
		linked := map[uint32]bool{}
		for _, p := range o.preds {
			if p.class == k {
				linked[p.mask] = true
			}
		}
		for i := range byInput {
			for j := i + 1; j < len(byInput); j++ {
				a, b := byInput[i], byInput[j]
				mask := uint32(1)<<i | uint32(1)<<j
				if a == nil || b == nil || linked[mask] {
					continue
				}
				e := &plan.Call{Name: "=", Args: []plan.Expr{a, b}, Typ: types.BoolType}
				o.preds = append(o.preds, joinPred{expr: e, mask: mask, pair: true, class: k, derived: true})
			}
		}
	}
}

// classFind is a union-find over inputs, one per class, used while
// estimating one subset: an equality only divides the estimate when it links
// inputs its class has not linked yet.
type classFind struct{ parent [][]int8 }

func (o *joinOrder) newClassFind() *classFind {
	f := &classFind{parent: make([][]int8, len(o.classes))}
	for k := range f.parent {
		p := make([]int8, len(o.leaves))
		for i := range p {
			p[i] = int8(i)
		}
		f.parent[k] = p
	}
	return f
}

func (f *classFind) root(k int, i int8) int8 {
	for f.parent[k][i] != i {
		i = f.parent[k][i]
	}
	return i
}

// union links inputs a and b in class k; false when already linked.
func (f *classFind) union(k, a, b int) bool {
	ra, rb := f.root(k, int8(a)), f.root(k, int8(b))
	if ra == rb {
		return false
	}
	f.parent[k][rb] = ra
	return true
}

// pairInputs returns the two inputs of a two-input mask.
func pairInputs(mask uint32) (int, int) {
	return bits.TrailingZeros32(mask), 31 - bits.LeadingZeros32(mask)
}
