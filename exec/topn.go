package exec

// NewTopN returns rows [offset, offset+limit) of the sorted union of its inputs.
// Each input keeps only its best limit+offset rows (compacting as it reads),
// then the runs are merged like a Sort's.
func NewTopN(ec *EvalContext, inputs []Operator, keys []SortSpec, limit, offset int64) Operator {
	offset = max(offset, 0)
	s := &Sort{ec: ec, inputs: inputs, keys: keys, limit: limit, offset: offset}
	if limit >= 0 {
		s.keep = int(min(limit+offset, 1<<30))
		if s.keep == 0 {
			s.keep = 1 // LIMIT 0: the merge yields nothing; keep the inputs' memory minimal
		}
	}
	return s
}
