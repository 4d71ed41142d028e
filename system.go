package warehoused

import (
	"context"
	"slices"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// systemTable is a system relation whose rows come from the database state.
type systemTable struct {
	id     catalog.TableID
	schema string
	name   string
	cols   []catalog.Column
	rows   func(c *Conn, st *dbState, add func(...types.Datum))
}

func sysCol(name string, t types.T) catalog.Column { return catalog.Column{Name: name, Type: t} }

var (
	textT = types.TextType
	intT  = types.Int32Type
	boolT = types.BoolType
)

// systemTables lists every system relation (a constant table): the core ones
// here, PostgreSQL's catalogs in system_pg*.go, storage views in
// system_storage.go. Ids must be unique across the lists.
var systemTables = slices.Concat(coreSystemTables, catalogSystemTables, storageSystemTables)

// coreSystemTables are the first system relations (PostgreSQL's catalogs,
// ids 1-7 among them, moved to system_pg*.go).
var coreSystemTables = []systemTable{}

// registerSystemTables adds the system relations to a new catalog.
func registerSystemTables(cat *catalog.Catalog) {
	for _, s := range systemTables {
		cat.AddSystem(&catalog.Table{ID: s.id, Schema: s.schema, Name: s.name, Kind: catalog.KindSystem, Columns: s.cols, DistKey: -1, Owner: "rdsdb", RowCount: -1})
	}
}

// systemRows produces all rows of a system relation.
func (c *Conn) systemRows(ctx context.Context, st *dbState, t *catalog.Table) ([]*vector.Batch, error) {
	for _, s := range systemTables {
		if s.id != t.ID {
			continue
		}
		ts := make([]types.T, len(s.cols))
		for i, col := range s.cols {
			ts[i] = col.Type
		}
		b := vector.NewBatch(ts, 0)
		s.rows(c, st, func(vals ...types.Datum) {
			for i, v := range vals {
				if x, ok := v.(string); ok {
					b.Cols[i].Append(x)
					continue
				}
				b.Cols[i].Append(v)
			}
			b.N++
		})
		return []*vector.Batch{b}, nil
	}
	return nil, sqlerr.Newf(sqlerr.UndefinedTable, "system relation \"%s\" has no rows provider", t.Name)
}
