package warehoused

import (
	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/storage"
	"github.com/warehoused/warehoused/storage/encoding"
	"github.com/warehoused/warehoused/types"
)

// newTable returns the empty storage of a new table: in memory for a
// database without a directory, column blocks on disk otherwise.
func (db *DB) newTable(t *catalog.Table, ts []types.T) storage.Table {
	if db.store != nil && !t.Temp {
		return storage.NewColTable(db.store, db.layout(t))
	}
	return storage.NewMemTable(ts, db.cfg.Slices).WithPlacement(distKeyOf(t), db.cfg.BatchSize)
}

// columnEncoding resolves column i's ENCODE: AUTO (unset) chooses as
// Redshift does; an encoding the column's type cannot take falls back to RAW.
func (db *DB) columnEncoding(t *catalog.Table, i int) encoding.Kind {
	col := t.Columns[i]
	if k, err := encoding.Parse(col.Encode); err == nil {
		if encoding.Supports(k, col.Type) {
			return k
		}
		return encoding.Raw
	}
	return encoding.Auto(col.Type, len(t.SortKey) > 0 && t.SortKey[0] == i)
}
