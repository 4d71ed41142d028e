package warehoused

import (
	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/types"
)

// pgCols declares columns from name, type pairs.
func pgCols(pairs ...any) []catalog.Column {
	out := make([]catalog.Column, 0, len(pairs)/2)
	for i := 0; i+1 < len(pairs); i += 2 {
		out = append(out, sysCol(pairs[i].(string), pairs[i+1].(types.T)))
	}
	return out
}

// pgClassTables are the relation-level catalogs: schemas, relations, their
// comments, and the pg_tables / pg_views / pg_table_def views.
var pgClassTables = []systemTable{
	{1, catalog.PgCatalog, "pg_namespace", pgCols("oid", oidT, "nspname", nameT, "nspowner", oidT, "nspacl", arrT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, s := range st.cat.Schemas() {
				add(namespaceOID(s.Name), s.Name, roleOID(st, s.Owner), nil)
			}
		}},
	{1000, catalog.PgCatalog, "pg_class", pgCols("oid", oidT, "relname", nameT, "relnamespace", oidT, "reltype", oidT,
		"reloftype", oidT, "relowner", oidT, "relam", oidT, "relfilenode", oidT, "reltablespace", oidT, "relpages", intT,
		"reltuples", f32T, "relallvisible", intT, "reltoastrelid", oidT, "relhasindex", boolT, "relisshared", boolT,
		"relpersistence", charT, "relkind", charT, "relnatts", i16T, "relchecks", i16T, "relhasoids", boolT,
		"relhasrules", boolT, "relhastriggers", boolT, "relhassubclass", boolT, "relrowsecurity", boolT,
		"relforcerowsecurity", boolT, "relispopulated", boolT, "relreplident", charT, "relispartition", boolT,
		"relrewrite", oidT, "relfrozenxid", oidT, "relminmxid", oidT, "relacl", arrT, "reloptions", arrT,
		"relpartbound", textT, "reldiststyle", intT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				kind := relKind(t)
				am, filenode := int64(0), int64(0)
				tuples := float64(-1)
				if kind == tableRelKind {
					am, filenode = heapAMOID, int64(t.ID)
					if d := st.data[t.ID]; d != nil {
						tuples = float64(d.tab.Rows())
					}
				}
				persist := permanentRelPersis
				if t.Temp {
					persist = "t"
				}
				// A foreign key's owner has (PostgreSQL's internal) triggers:
				// psql lists foreign keys only for tables with relhastriggers.
				// The referenced side stays false, so psql does not print its
				// "Referenced by" (whose ::regclass would show a number here).
				hasIndex, hasTriggers := false, false
				for _, k := range t.Constraints {
					hasIndex = hasIndex || k.Kind == catalog.ConstraintPrimaryKey
					hasTriggers = hasTriggers || k.Kind == catalog.ConstraintForeignKey
				}
				add(int64(t.ID), t.Name, namespaceOID(t.Schema), int64(0), int64(0), roleOID(st, t.Owner), am, filenode,
					int64(0), int64(0), tuples, int64(0), int64(0), hasIndex, false, persist, kind, int64(len(t.Columns)),
					int64(0), false, kind == viewRelKind, hasTriggers, false, false, false, true, "d", false, int64(0), int64(0),
					int64(0), nil, nil, nil, distStyleNumber(t))
			}
			indexRelations(st, add) // system_pg_constraint.go
		}},
	{2, catalog.PgCatalog, "pg_tables", pgCols("schemaname", nameT, "tablename", nameT, "tableowner", nameT,
		"tablespace", nameT, "hasindexes", boolT, "hasrules", boolT, "hastriggers", boolT, "rowsecurity", boolT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				if relKind(t) == tableRelKind {
					add(t.Schema, t.Name, t.Owner, nil, false, false, false, false)
				}
			}
		}},
	{3, catalog.PgCatalog, "pg_views", pgCols("schemaname", nameT, "viewname", nameT, "viewowner", nameT, "definition", textT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				if t.Kind == catalog.KindView {
					add(t.Schema, t.Name, t.Owner, t.ViewSQL)
				}
			}
		}},
	{4, catalog.PgCatalog, "pg_table_def", pgCols("schemaname", nameT, "tablename", nameT, "column", nameT,
		"type", textT, "encoding", textT, "distkey", boolT, "sortkey", intT, "notnull", boolT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				if t.Kind != catalog.KindTable {
					continue
				}
				for i, col := range t.Columns {
					add(t.Schema, t.Name, col.Name, col.Type.String(), c.db.encodingName(t, i), t.DistStyle == catalog.DistKey && t.DistKey == i,
						sortKeyOrd(t, i), col.NotNull)
				}
			}
		}},
	{1001, catalog.PgCatalog, "pg_description", pgCols("objoid", oidT, "classoid", oidT, "objsubid", intT, "description", textT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, d := range descriptions(st) {
				add(d.objoid, d.classoid, d.subid, d.text)
			}
		}},
	// Redshift's pg_class_info: pg_class plus distribution facts.
	{1003, catalog.PgCatalog, "pg_class_info", pgCols("reloid", oidT, "relname", nameT, "relnamespace", oidT,
		"relowner", oidT, "relkind", charT, "relnatts", i16T, "reldiststyle", intT, "releffectivediststyle", intT,
		"relcreationtime", types.TSType),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				ds := distStyleNumber(t) // AUTO reads as AUTO(EVEN) in both
				add(int64(t.ID), t.Name, namespaceOID(t.Schema), roleOID(st, t.Owner), relKind(t), int64(len(t.Columns)),
					ds, ds, nil)
			}
		}},
	{1002, catalog.PgCatalog, "pg_am", pgCols("oid", oidT, "amname", nameT, "amhandler", oidT, "amtype", charT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			add(int64(heapAMOID), "heap", int64(3), "t")
			add(int64(btreeAMOID), "btree", int64(330), "i")
		}},
}

// sortKeyOrd is the column's 1-based position in the sort key, 0 if none
// (negative positions for INTERLEAVED keys, as Redshift's attsortkeyord).
func sortKeyOrd(t *catalog.Table, i int) int64 {
	for j, k := range t.SortKey {
		if k == i {
			if t.SortStyle == catalog.SortInterleaved {
				return -int64(j + 1)
			}
			return int64(j + 1)
		}
	}
	return 0
}

// distStyleNumber is Redshift's pg_class.reldiststyle: 0 EVEN, 1 KEY, 8 ALL,
// 9/10/11 AUTO (ALL/EVEN/KEY); views and system relations 0.
func distStyleNumber(t *catalog.Table) int64 {
	if t.Kind != catalog.KindTable {
		return 0
	}
	switch t.DistStyle {
	case catalog.DistKey:
		return 1
	case catalog.DistAll:
		return 8
	case catalog.DistAuto:
		return 10
	}
	return 0
}

// description is one pg_description row.
type description struct {
	objoid, classoid, subid int64
	text                    string
}

// descriptions lists the comments on schemas, relations and columns.
func descriptions(st *dbState) []description {
	var out []description
	classOID, nsOID := sysTableOID(st, "pg_class"), sysTableOID(st, "pg_namespace")
	for _, s := range st.cat.Schemas() {
		if s.Comment != "" {
			out = append(out, description{namespaceOID(s.Name), nsOID, 0, s.Comment})
		}
	}
	for _, t := range st.cat.Tables() {
		if t.Comment != "" {
			out = append(out, description{int64(t.ID), classOID, 0, t.Comment})
		}
		for i, col := range t.Columns {
			if col.Comment != "" {
				out = append(out, description{int64(t.ID), classOID, int64(i + 1), col.Comment})
			}
		}
	}
	return out
}
