package physical

import (
	"github.com/warehoused/warehoused/planner/plan"
	"github.com/warehoused/warehoused/types"
)

// Aggregating co-located slices, and sizing the aggregate's tables. A DISTSTYLE KEY table keeps all rows with
// one distribution key value on one slice, and its scan yields one pipeline
// per slice. Grouped by (at least) that key, a slice's groups are final: the
// hash aggregate then skips combining its per-pipeline tables
// (exec.NewPartitionedHashAgg). Only a chain of Filter and Project nodes
// down to the Scan is trusted (they keep rows in their pipeline); joins,
// unions and anything else fall back to the combining aggregate.

// partitionedGroupCol returns the index into x.GroupBy of a group key that
// partitions x's input pipelines, or -1.
func (b *builder) partitionedGroupCol(x *plan.Aggregate) int {
	if x.GroupingSets != nil || len(x.GroupBy) == 0 || !scanChain(x.Input) {
		return -1
	}
	p := partitionOf(x.Input, b.est)
	for i, g := range x.GroupBy {
		r, ok := g.(*plan.ColRef)
		if ok && p.keyedOn(r.ID) && partitionSafeType(r.Typ) {
			return i
		}
	}
	return -1
}

// scanChain reports whether n is a table Scan under only Filters and Projects.
func scanChain(n plan.Node) bool {
	for {
		switch x := n.(type) {
		case *plan.Scan:
			return true
		case *plan.Filter:
			n = x.Input
		case *plan.Project:
			n = x.Input
		default:
			return false
		}
	}
}

// partitionSafeType reports whether GROUP BY's equality of t's values is
// storage's: equal values hash to one slice. Intervals are not ('1 day'
// equals '24 hours' but is stored, and hashed, apart).
func partitionSafeType(t types.T) bool {
	switch t.Physical() {
	case types.PhysInt64, types.PhysDecimal128, types.PhysString, types.PhysBool, types.PhysFloat64:
		return true
	}
	return false
}

// groupsHint estimates x's groups from ANALYZE statistics, for the hash
// aggregate to size its tables up front (0: unknown). The groups number at
// least the distinct values of any one group column (plus a NULL group), and
// at most the input rows; the largest such bound of a column with
// statistics is taken. Only over a scan chain: above a join or a semi join
// the estimated input rows can be off by orders of magnitude (Q18's outer
// aggregate: 3M estimated, 399 actual), and an estimate too high costs
// memory that must be cleared, where one too low only costs growth.
func (b *builder) groupsHint(x *plan.Aggregate) int {
	if len(x.GroupBy) == 0 || x.GroupingSets != nil || !scanChain(x.Input) {
		return 0
	}
	in := b.est.Rows(x.Input)
	best := 0.0
	for _, g := range x.GroupBy {
		r, ok := g.(*plan.ColRef)
		if !ok {
			continue
		}
		cs := b.est.ColumnStats(x.Input, r.ID)
		if cs == nil || cs.Distinct <= 0 {
			continue
		}
		d := cs.Distinct
		if cs.NullFrac > 0 {
			d++
		}
		best = max(best, min(d, in))
	}
	return int(best)
}
