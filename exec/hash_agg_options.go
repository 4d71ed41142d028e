package exec

// HashAggOptions is what the planner knows about a hash aggregate's inputs.
type HashAggOptions struct {
	// Partition is the index into groupCols of a column that partitions the
	// inputs (see NewPartitionedHashAgg), or -1. Ignored with grouping sets.
	Partition int
	// Groups estimates the groups of the whole result (0: unknown). Each
	// local table then starts with room for its share instead of growing
	// there by doublings, each of which rehashes and copies every group.
	Groups int
}

// maxHintGroups caps the room a group table reserves from an estimate, so
// that a wrong estimate costs at most this much memory up front.
const maxHintGroups = 1 << 21

// tableHint returns the groups each local table reserves room for, given
// the estimated groups of the result: its share when the inputs are
// partitioned (with slack for skew), else all of them (each input may
// meet every group). None without group columns or with grouping sets.
func tableHint(groups, inputs int, partitioned, none bool) int {
	if groups <= 0 || none {
		return 0
	}
	if partitioned && inputs > 1 {
		groups = groups/inputs + groups/(8*inputs)
	}
	return min(groups, maxHintGroups)
}
