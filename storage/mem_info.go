package storage

// Info reports rows per slice; an in-memory table has no blocks.
func (t *MemTable) Info() TableInfo {
	info := TableInfo{Rows: t.rows, SliceRows: make([]int64, len(t.slices))}
	for s, bs := range t.slices {
		for _, b := range bs {
			info.SliceRows[s] += int64(b.N)
		}
	}
	return info
}
