package warehoused

import (
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/types"
)

// Declared PRIMARY KEY and FOREIGN KEY constraints (informational, as in
// Redshift) appear as PostgreSQL shows them: a pg_constraint row each, and
// for a primary key an index (a pg_class row of relkind 'i', its
// pg_attribute rows and a pg_index row) named like the constraint.
//
// UNIQUE constraints appear only in information_schema: SQLAlchemy's
// unique-constraint reflection needs pg_constraint.conkey as a real int2[]
// (it iterates the driver's list; this engine's arrays are text), and its
// index reflection for servers below 8.5 (ours reports 8.0.2) unpacks its
// own query's columns in the wrong order, failing on any non-primary index.

// pgConstraint is one declared constraint with its catalog OIDs.
type pgConstraint struct {
	t     *catalog.Table
	k     *catalog.Constraint
	oid   int64
	index int64 // the backing index (primary/unique keys); 0 for foreign keys
}

func constraintOID(t *catalog.Table, name string) int64 {
	return hashedOID("constraint", strconv.FormatUint(uint64(t.ID), 10)+"."+name)
}

func indexOID(t *catalog.Table, name string) int64 {
	return hashedOID("index", strconv.FormatUint(uint64(t.ID), 10)+"."+name)
}

// constraints lists every table's constraints in catalog order.
func constraints(st *dbState) []pgConstraint {
	var out []pgConstraint
	for _, t := range st.cat.Tables() {
		for i := range t.Constraints {
			k := &t.Constraints[i]
			c := pgConstraint{t: t, k: k, oid: constraintOID(t, k.Name)}
			if k.Kind == catalog.ConstraintPrimaryKey {
				c.index = indexOID(t, k.Name)
			}
			out = append(out, c)
		}
	}
	return out
}

// validCols reports whether every ordinal is a column of t.
func validCols(t *catalog.Table, cols []int) bool {
	for _, i := range cols {
		if i < 0 || i >= len(t.Columns) {
			return false
		}
	}
	return len(cols) > 0
}

// attnums writes 0-based ordinals as PostgreSQL's int2[] literal of attnums.
func attnums(cols []int, vector bool) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = strconv.Itoa(c + 1)
	}
	if vector {
		return strings.Join(parts, " ")
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func colNames(t *catalog.Table, cols []int) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		parts[i] = quoteIdentSQL(t.Columns[c].Name)
	}
	return strings.Join(parts, ", ")
}

// referencedIndex is the OID of the referenced table's primary or unique
// key over exactly the referenced columns (pg_constraint.conindid of a
// foreign key), 0 if none.
func referencedIndex(ref *catalog.Table, cols []int) int64 {
	if ref == nil {
		return 0
	}
	for _, k := range ref.Constraints {
		if k.Kind == catalog.ConstraintPrimaryKey && sameCols(k.Columns, cols) {
			return indexOID(ref, k.Name)
		}
	}
	return 0
}

// constraintDef is pg_get_constraintdef's text.
func constraintDef(st *dbState, c pgConstraint, visible func(*catalog.Table) bool) (string, bool) {
	if !validCols(c.t, c.k.Columns) {
		return "", false
	}
	switch c.k.Kind {
	case catalog.ConstraintPrimaryKey:
		return "PRIMARY KEY (" + colNames(c.t, c.k.Columns) + ")", true
	case catalog.ConstraintUnique:
		return "UNIQUE (" + colNames(c.t, c.k.Columns) + ")", true
	}
	ref := st.cat.ByID(c.k.RefTable)
	if ref == nil || !validCols(ref, c.k.RefColumns) {
		return "", false
	}
	name := quoteIdentSQL(ref.Name)
	if !visible(ref) {
		name = quoteIdentSQL(ref.Schema) + "." + name
	}
	return "FOREIGN KEY (" + colNames(c.t, c.k.Columns) + ") REFERENCES " + name + "(" + colNames(ref, c.k.RefColumns) + ")", true
}

// indexDef is pg_get_indexdef's text: the whole statement (col 0) or the
// name of key column col; the table is schema-qualified unless visible.
func indexDef(c pgConstraint, col int64, visible func(*catalog.Table) bool) (string, bool) {
	if c.index == 0 || !validCols(c.t, c.k.Columns) {
		return "", false
	}
	if col > 0 {
		if col > int64(len(c.k.Columns)) {
			return "", true
		}
		return quoteIdentSQL(c.t.Columns[c.k.Columns[col-1]].Name), true
	}
	name := quoteIdentSQL(c.t.Name)
	if !visible(c.t) {
		name = quoteIdentSQL(c.t.Schema) + "." + name
	}
	return "CREATE UNIQUE INDEX " + quoteIdentSQL(c.k.Name) + " ON " + name + " USING btree (" + colNames(c.t, c.k.Columns) + ")", true
}

// pgConstraintTables are pg_constraint and pg_index over the declared constraints.
var pgConstraintTables = []systemTable{
	{1101, catalog.PgCatalog, "pg_constraint", pgCols("oid", oidT, "conname", nameT, "connamespace", oidT, "contype", charT,
		"condeferrable", boolT, "condeferred", boolT, "convalidated", boolT, "conrelid", oidT, "contypid", oidT,
		"conindid", oidT, "conparentid", oidT, "confrelid", oidT, "confupdtype", charT, "confdeltype", charT,
		"confmatchtype", charT, "conislocal", boolT, "coninhcount", intT, "connoinherit", boolT, "conkey", arrT,
		"confkey", arrT, "conpfeqop", arrT, "conppeqop", arrT, "conffeqop", arrT, "confdelsetcols", arrT,
		"conexclop", arrT, "conbin", textT, "consrc", textT, "tableoid", oidT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			self := sysTableOID(st, "pg_constraint")
			for _, k := range constraints(st) {
				if !validCols(k.t, k.k.Columns) || k.k.Kind == catalog.ConstraintUnique {
					continue
				}
				var confrel, conind int64 = 0, k.index
				var confkey types.Datum
				upd, del, match := " ", " ", " "
				if k.k.Kind == catalog.ConstraintForeignKey {
					ref := st.cat.ByID(k.k.RefTable)
					if ref == nil || !validCols(ref, k.k.RefColumns) {
						continue
					}
					confrel, conind = int64(ref.ID), referencedIndex(ref, k.k.RefColumns)
					confkey = attnums(k.k.RefColumns, false)
					upd, del, match = "a", "a", "s"
				}
				add(k.oid, k.k.Name, namespaceOID(k.t.Schema), string(rune(k.k.Kind)), false, false, true, int64(k.t.ID),
					int64(0), conind, int64(0), confrel, upd, del, match, true, int64(0), true, attnums(k.k.Columns, false),
					confkey, nil, nil, nil, nil, nil, nil, nil, self)
			}
		}},
	{1100, catalog.PgCatalog, "pg_index", pgCols("indexrelid", oidT, "indrelid", oidT, "indnatts", i16T, "indnkeyatts", i16T,
		"indisunique", boolT, "indnullsnotdistinct", boolT, "indisprimary", boolT, "indisexclusion", boolT,
		"indimmediate", boolT, "indisclustered", boolT, "indisvalid", boolT, "indcheckxmin", boolT, "indisready", boolT,
		"indislive", boolT, "indisreplident", boolT, "indkey", arrT, "indcollation", arrT, "indclass", arrT,
		"indoption", arrT, "indexprs", textT, "indpred", textT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, k := range constraints(st) {
				if k.index == 0 || !validCols(k.t, k.k.Columns) {
					continue
				}
				n := int64(len(k.k.Columns))
				zeros := strings.TrimSpace(strings.Repeat("0 ", int(n)))
				add(k.index, int64(k.t.ID), n, n, true, false, k.k.Kind == catalog.ConstraintPrimaryKey, false, true, false, true,
					false, true, true, false, attnums(k.k.Columns, true), zeros, zeros, zeros, nil, nil)
			}
		}},
}

// indexRelations are the pg_class rows of the constraints' indexes.
func indexRelations(st *dbState, add func(...types.Datum)) {
	for _, k := range constraints(st) {
		if k.index == 0 || !validCols(k.t, k.k.Columns) {
			continue
		}
		add(k.index, k.k.Name, namespaceOID(k.t.Schema), int64(0), int64(0), roleOID(st, k.t.Owner), int64(btreeAMOID), k.index,
			int64(0), int64(1), float64(-1), int64(0), int64(0), false, false, permanentRelPersis, "i", int64(len(k.k.Columns)),
			int64(0), false, false, false, false, false, false, true, "n", false, int64(0), int64(0),
			int64(0), nil, nil, nil, int64(0))
	}
}

// indexAttributes are the pg_attribute rows of the constraints' indexes.
func indexAttributes(st *dbState, add func(...types.Datum)) {
	for _, k := range constraints(st) {
		if k.index == 0 || !validCols(k.t, k.k.Columns) {
			continue
		}
		for j, ci := range k.k.Columns {
			col := k.t.Columns[ci]
			ti := typeInfo(col.Type)
			add(k.index, col.Name, pgTypeOf(col.Type), int64(-1), ti.Len, int64(j+1), int64(0), int64(-1),
				typmodOf(col.Type), ti.ByVal, string(rune(ti.Align)), string(rune(ti.Storage)), "", false,
				false, false, "", "", false, true, int64(0), ti.Collation, nil, nil, nil, nil, false, int64(0), int64(0))
		}
	}
}

func sameCols(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
