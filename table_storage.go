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
	return storage.NewMemTable(ts, db.cfg.Slices).WithPlacement(distKeyOf(t), db.cfg.BatchSize)
}

// columnEncoding resolves column i's ENCODE (AUTO when unset).
func (db *DB) columnEncoding(t *catalog.Table, i int) encoding.Kind {
	if k, err := encoding.Parse(t.Columns[i].Encode); err == nil {
		return k
	}
	return encoding.Raw
}
