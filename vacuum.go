package warehoused

import (
	"context"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sql/ast"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/storage"
)

// vacuumModes maps VACUUM's variants to storage's.
var vacuumModes = map[string]storage.VacuumMode{
	"":            storage.VacuumFull,
	"full":        storage.VacuumFull,
	"sort only":   storage.VacuumSortOnly,
	"delete only": storage.VacuumDeleteOnly,
	"reindex":     storage.VacuumReindex,
	"recluster":   storage.VacuumFull,
}

// vacuum re-sorts tables and reclaims deleted rows, as Redshift's VACUUM:
// one table, or every user table when none is named. Like Redshift it
// refuses to run inside a transaction block.
func (c *Conn) vacuum(ctx context.Context, s *ast.VacuumStmt) (*Rows, error) {
	if c.InTransaction() {
		return nil, sqlerr.Newf(sqlerr.ActiveSQLTransaction, "VACUUM cannot run inside a transaction block")
	}
	mode, ok := vacuumModes[s.Mode]
	if !ok {
		return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "VACUUM %s is not supported", s.Mode)
	}
	if s.ToPercent < 0 || s.ToPercent > 100 {
		return nil, sqlerr.Newf(sqlerr.InvalidParameterValue, "VACUUM threshold must be between 0 and 100 percent")
	}
	tables, err := c.maintenanceTargets(s.Table)
	if err != nil {
		return nil, err
	}
	if s.Table != nil && mode == storage.VacuumReindex && tables[0].SortStyle != catalog.SortInterleaved {
		return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "VACUUM REINDEX is only for tables with an interleaved sort key: \"%s\"", tables[0].Name)
	}
	for _, t := range tables {
		d := c.tx.work.data[t.ID]
		if d == nil {
			continue
		}
		ct, ok := d.tab.(*storage.ColTable)
		if !ok {
			continue // in-memory tables are never unsorted on disk
		}
		nt, err := ct.Vacuum(ctx, mode, s.ToPercent)
		if err != nil {
			return nil, err
		}
		if nt != ct {
			c.tx.setData(t.ID, d.replaced(nt, d.next, 0))
		}
	}
	return emptyRows("VACUUM"), nil
}

// maintenanceTargets resolves the table of VACUUM, ANALYZE or ANALYZE
// COMPRESSION, or, when none is named, every user table with storage (a
// session's temporary tables included only by name, as in Redshift).
func (c *Conn) maintenanceTargets(tn *ast.TableName) ([]*catalog.Table, error) {
	if tn != nil {
		t, err := c.targetTable(tn)
		if err != nil {
			return nil, err
		}
		return []*catalog.Table{t}, nil
	}
	var out []*catalog.Table
	for _, t := range c.tx.work.cat.Tables() {
		if t.Kind == catalog.KindTable && !t.Temp && c.tx.work.data[t.ID] != nil {
			out = append(out, t)
		}
	}
	return out, nil
}
