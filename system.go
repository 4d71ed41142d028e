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

// coreSystemTables are the first system relations.
var coreSystemTables = []systemTable{
	{1, catalog.PgCatalog, "pg_namespace", []catalog.Column{sysCol("oid", types.Int64Type), sysCol("nspname", textT), sysCol("nspowner", intT)},
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for i, s := range st.cat.Schemas() {
				add(int64(2200+i), s.Name, int64(1))
			}
		}},
	{2, catalog.PgCatalog, "pg_tables", []catalog.Column{sysCol("schemaname", textT), sysCol("tablename", textT), sysCol("tableowner", textT)},
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				if t.Kind == catalog.KindTable {
					add(t.Schema, t.Name, t.Owner)
				}
			}
		}},
	{3, catalog.PgCatalog, "pg_views", []catalog.Column{sysCol("schemaname", textT), sysCol("viewname", textT), sysCol("viewowner", textT), sysCol("definition", textT)},
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				if t.Kind == catalog.KindView {
					add(t.Schema, t.Name, t.Owner, t.ViewSQL)
				}
			}
		}},
	{4, catalog.PgCatalog, "pg_table_def", []catalog.Column{sysCol("schemaname", textT), sysCol("tablename", textT), sysCol("column", textT),
		sysCol("type", textT), sysCol("encoding", textT), sysCol("distkey", boolT), sysCol("sortkey", intT), sysCol("notnull", boolT)},
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				if t.Kind != catalog.KindTable {
					continue
				}
				for i, col := range t.Columns {
					enc := col.Encode
					if enc == "" || enc == "auto" {
						enc = autoEncoding(t, i)
					}
					sk := int64(0)
					for j, k := range t.SortKey {
						if k == i {
							sk = int64(j + 1)
						}
					}
					add(t.Schema, t.Name, col.Name, col.Type.String(), enc, t.DistStyle == catalog.DistKey && t.DistKey == i, sk, col.NotNull)
				}
			}
		}},
	{5, catalog.InformationSchema, "tables", []catalog.Column{sysCol("table_catalog", textT), sysCol("table_schema", textT), sysCol("table_name", textT), sysCol("table_type", textT)},
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				kind := "BASE TABLE"
				if t.Kind == catalog.KindView {
					kind = "VIEW"
				} else if t.Kind == catalog.KindSystem {
					kind = "SYSTEM VIEW"
				}
				add(c.db.cfg.Database, t.Schema, t.Name, kind)
			}
		}},
	{6, catalog.InformationSchema, "columns", []catalog.Column{sysCol("table_catalog", textT), sysCol("table_schema", textT), sysCol("table_name", textT),
		sysCol("column_name", textT), sysCol("ordinal_position", intT), sysCol("column_default", textT), sysCol("is_nullable", textT),
		sysCol("data_type", textT), sysCol("character_maximum_length", intT), sysCol("numeric_precision", intT), sysCol("numeric_scale", intT)},
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				for i, col := range t.Columns {
					var def, clen, prec, scale types.Datum
					if col.DefaultSQL != "" {
						def = col.DefaultSQL
					}
					nullable := "YES"
					if col.NotNull {
						nullable = "NO"
					}
					ct := col.Type
					dt := ct.String()
					switch ct.ID {
					case types.Varchar:
						dt = "character varying"
						if ct.Width > 0 {
							clen = int64(ct.Width)
						}
					case types.Char:
						dt = "character"
						clen = int64(max(ct.Width, 1))
					case types.Decimal:
						dt = "numeric"
						prec, scale = int64(ct.Precision), int64(ct.Scale)
					case types.Int16:
						prec, scale = int64(16), int64(0)
					case types.Int32:
						prec, scale = int64(32), int64(0)
					case types.Int64:
						prec, scale = int64(64), int64(0)
					}
					add(c.db.cfg.Database, t.Schema, t.Name, col.Name, int64(i+1), def, nullable, dt, clen, prec, scale)
				}
			}
		}},
	{7, catalog.InformationSchema, "schemata", []catalog.Column{sysCol("catalog_name", textT), sysCol("schema_name", textT), sysCol("schema_owner", textT)},
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, s := range st.cat.Schemas() {
				add(c.db.cfg.Database, s.Name, s.Owner)
			}
		}},
	{8, catalog.PgCatalog, "stv_slices", []catalog.Column{sysCol("node", intT), sysCol("slice", intT), sysCol("localslice", intT), sysCol("type", textT)},
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for i := 0; i < c.db.cfg.Slices; i++ {
				add(int64(0), int64(i), int64(i), "D")
			}
		}},
	{9, catalog.PgCatalog, "svv_table_info", []catalog.Column{sysCol("database", textT), sysCol("schema", textT), sysCol("table_id", types.Int64Type),
		sysCol("table", textT), sysCol("diststyle", textT), sysCol("sortkey1", textT), sysCol("tbl_rows", types.Int64Type)},
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				if t.Kind != catalog.KindTable {
					continue
				}
				ds := t.DistStyle.String()
				if t.DistStyle == catalog.DistKey && t.DistKey >= 0 {
					ds = "KEY(" + t.Columns[t.DistKey].Name + ")"
				}
				var sk types.Datum
				if len(t.SortKey) > 0 {
					sk = t.Columns[t.SortKey[0]].Name
				}
				var rows int64
				if d := st.data[t.ID]; d != nil {
					rows = d.tab.Rows()
				}
				add(c.db.cfg.Database, t.Schema, int64(t.ID), t.Name, ds, sk, rows)
			}
		}},
}

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
