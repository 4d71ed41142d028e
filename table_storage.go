package warehoused

import (
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sqlerr"
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

// checkEncode validates a column's ENCODE and normalises its name ("auto"
// and "" both mean ENCODE AUTO).
func checkEncode(col *catalog.Column) error {
	name := strings.ToLower(col.Encode)
	if name == "" || name == "auto" {
		col.Encode = ""
		return nil
	}
	k, err := encoding.Parse(name)
	if err != nil {
		return err
	}
	if !encoding.Supports(k, col.Type) {
		return sqlerr.Newf(sqlerr.FeatureNotSupported, "invalid encoding type specified for column \"%s\"", col.Name).
			WithDetail("Encoding %s does not support type %s.", strings.ToUpper(k.String()), col.Type)
	}
	col.Encode = k.String()
	return nil
}

// encodingName is the encoding Redshift's catalogs show for a column:
// "none" for RAW.
func (db *DB) encodingName(t *catalog.Table, i int) string {
	if k := db.columnEncoding(t, i); k != encoding.Raw {
		return k.String()
	}
	return "none"
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
