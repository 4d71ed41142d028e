package bind

import "github.com/warehoused/warehoused/planner/plan"

// finish checks the bound plan: no subquery may survive binding.
func (b *Binder) finish(n plan.Node) error {
	for _, e := range nodeExprs(n) {
		if e != nil && hasSubquery(e) {
			return notSupported("subqueries in this position are not supported")
		}
	}
	for _, c := range n.Children() {
		if err := b.finish(c); err != nil {
			return err
		}
	}
	return nil
}
