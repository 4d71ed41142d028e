package exec

import "github.com/warehoused/warehoused/vector"

// Partitioned inputs. When every input of a hash aggregate holds its own
// disjoint set of values of one group column — the per-slice scans of a
// DISTSTYLE KEY table grouped by (at least) its distribution key — no group
// spans two inputs: each input's local table is final. Its goroutine then
// finalizes it right away (in parallel with the others) and the result is
// the concatenation, with no combine. The one exception is NULL: storage
// places a NULL distribution key by whatever its vector slot holds, so NULL
// groups may sit on several inputs; the tables holding a NULL in the
// partition column are combined as usual.

// NewPartitionedHashAgg is NewHashAgg for inputs partitioned by group column
// groupCols[part]: equal non-NULL values of that column never arrive on two
// different inputs. It must not be used with grouping sets (it then behaves
// as NewHashAgg).
func NewPartitionedHashAgg(ec *EvalContext, inputs []Operator, groupCols []int, aggs []AggSpec, part int) Operator {
	return NewHashAggWith(ec, inputs, groupCols, aggs, nil, HashAggOptions{Partition: part})
}

// aggPart is one piece of the result: columns of n rows.
type aggPart struct {
	cols []*vector.Vector
	n    int
}

// partsBytes is the bytes the result parts' columns hold.
func partsBytes(ps []aggPart) int64 {
	var b int64
	for _, p := range ps {
		b += colsCapBytes(p.cols)
	}
	return b
}

// finalHere reports whether an input's tables, fully sunk, are final without
// a combine: the inputs are partitioned and no group has a NULL partition key.
func (h *hashAgg) finalHere(tables []*groupTable) bool {
	if h.part < 0 || len(tables) != 1 {
		return false
	}
	t := tables[0]
	return !t.keys[h.part].Nulls.Any(t.n)
}
