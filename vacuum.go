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
	var tables []*catalog.Table
	if s.Table != nil {
		t, err := c.targetTable(s.Table)
		if err != nil {
			return nil, err
		}
		if mode == storage.VacuumReindex && t.SortStyle != catalog.SortInterleaved {
			return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "VACUUM REINDEX is only for tables with an interleaved sort key: \"%s\"", t.Name)
		}
		tables = append(tables, t)
	} else {
		for _, t := range c.tx.work.cat.Tables() {
			if t.Kind == catalog.KindTable && !t.Temp {
				tables = append(tables, t)
			}
		}
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
