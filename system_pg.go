package warehoused

import (
	"hash/fnv"
	"slices"
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/types"
)

// catalogSystemTables are PostgreSQL's pg_catalog relations and
// information_schema views that clients read (ids 1-7 and 1000-1999).
//
// Types follow PostgreSQL's where the engine has them. The engine has no
// oid type: oid, regclass, regproc, xid columns are BIGINT (pgjdbc and
// psql compare them numerically, and the binder casts ::oid/::regclass to
// BIGINT). name is TEXT, "char" is TEXT, and array columns are TEXT holding
// PostgreSQL's array literal ('{1,2}'), which exec's array functions read.
//
// OIDs are consistent across relations: a user relation's oid is its
// catalog TableID, a system relation's its fixed id, a type's PostgreSQL's
// own, a schema's a hash of its name (pg_catalog 11, public 2200), a
// role's its catalog user id.
var catalogSystemTables = slices.Concat(pgClassTables, pgAttributeTables, pgTypeTables,
	pgRoleTables, pgConstraintTables, pgEmptyTables, infoSchemaTables)

// Column type shorthands of the catalog relations.
var (
	oidT  = types.Int64Type
	nameT = types.TextType
	charT = types.TextType // PostgreSQL's one-byte "char"
	arrT  = types.TextType // arrays, in literal form
	i16T  = types.Int16Type
	i64T  = types.Int64Type
	f32T  = types.Float32Type
	tstzT = types.TSTZType
)

// Fixed OIDs.
const (
	pgCatalogOID       = 11
	publicOID          = 2200
	infoSchemaOID      = 13000
	heapAMOID          = 2
	btreeAMOID         = 403
	defaultTablespace  = 1663
	databaseOID        = 16384
	rdsdbOID           = 1
	utf8Encoding       = 6
	defaultCollation   = 100
	firstHashedOID     = 16384
	hashedOIDRange     = 1<<31 - firstHashedOID
	tableRelKind       = "r"
	viewRelKind        = "v"
	permanentRelPersis = "p"
)

// hashedOID gives a name a stable OID above PostgreSQL's reserved range.
func hashedOID(kind, name string) int64 {
	h := fnv.New32a()
	h.Write([]byte(kind))
	h.Write([]byte{0})
	h.Write([]byte(name))
	return firstHashedOID + int64(h.Sum32()%hashedOIDRange)
}

// namespaceOID is a schema's OID.
func namespaceOID(name string) int64 {
	switch name {
	case catalog.PgCatalog:
		return pgCatalogOID
	case catalog.PublicSchema:
		return publicOID
	case catalog.InformationSchema:
		return infoSchemaOID
	}
	return hashedOID("namespace", name)
}

// pgRole is a row of pg_roles: a catalog user, or a name that owns objects.
type pgRole struct {
	oid       int64
	name      string
	super     bool
	createDB  bool
	connLimit int64
	validTill string
	user      *catalog.User
}

// roles lists the catalog's users, plus rdsdb, the session user and owners
// of relations and schemas that are not users (each with a stable OID).
func (c *Conn) roles(st *dbState) []pgRole {
	var out []pgRole
	seen := map[string]bool{}
	for _, u := range st.cat.Users() {
		out = append(out, pgRole{oid: u.ID, name: u.Name, super: u.Superuser, createDB: u.CreateDB, connLimit: int64(u.ConnLimit), validTill: u.ValidUntil, user: u})
		seen[u.Name] = true
	}
	extra := func(name string) {
		if name == "" || seen[name] {
			return
		}
		seen[name] = true
		oid := hashedOID("role", name)
		if name == "rdsdb" {
			oid = rdsdbOID
		}
		out = append(out, pgRole{oid: oid, name: name, super: true, createDB: true, connLimit: -1})
	}
	extra("rdsdb")
	extra(c.sessionUser())
	for _, s := range st.cat.Schemas() {
		extra(s.Owner)
	}
	for _, t := range st.cat.Tables() {
		extra(t.Owner)
	}
	slices.SortFunc(out, func(a, b pgRole) int { return strings.Compare(a.name, b.name) })
	return out
}

// roleOID is the OID of an owner name.
func roleOID(st *dbState, name string) int64 {
	if u, ok := st.cat.User(name); ok {
		return u.ID
	}
	if name == "rdsdb" || name == "" {
		return rdsdbOID
	}
	return hashedOID("role", name)
}

// sysViewNames are the system relations PostgreSQL (or Redshift) defines as
// views; pg_class lists them with relkind 'v', the rest as tables.
var sysViewNames = map[string]bool{
	"pg_tables": true, "pg_views": true, "pg_table_def": true, "pg_roles": true, "pg_user": true,
	"pg_settings": true, "pg_stat_activity": true, "pg_matviews": true, "pg_indexes": true,
	"pg_locks": true, "pg_shadow": true, "pg_group": true, "pg_cursors": true, "pg_prepared_statements": true,
	"pg_stat_user_tables": true, "pg_statio_user_tables": true, "pg_sequences": true,
}

// relKind is pg_class.relkind of a relation.
func relKind(t *catalog.Table) string {
	switch t.Kind {
	case catalog.KindView:
		return viewRelKind
	case catalog.KindSystem:
		if t.Schema == catalog.InformationSchema || sysViewNames[t.Name] || !strings.HasPrefix(t.Name, "pg_") {
			return viewRelKind
		}
	}
	return tableRelKind
}

// pgTypeOf is the pg_type OID of a column type.
func pgTypeOf(t types.T) int64 { return int64(t.OID()) }

// typmodOf is pg_attribute.atttypmod: -1, or the declared length + 4 for
// character types, ((precision << 16) | scale) + 4 for NUMERIC.
func typmodOf(t types.T) int64 {
	switch t.ID {
	case types.Varchar:
		if t.Width > 0 {
			return int64(t.Width) + 4
		}
	case types.Char:
		return int64(max(t.Width, 1)) + 4
	case types.Decimal:
		if t.Precision > 0 {
			return int64(t.Precision)<<16 | int64(t.Scale) + 4
		}
	}
	return -1
}

// typeInfo returns pg_type facts of a column type.
func typeInfo(t types.T) exec.PgType {
	pt, _ := exec.PgTypeByOID(pgTypeOf(t))
	return pt
}

// sysTableOID is the OID of a pg_catalog relation by name (0 if none).
func sysTableOID(st *dbState, name string) int64 {
	if t := st.cat.Find(catalog.PgCatalog, name); t != nil {
		return int64(t.ID)
	}
	return 0
}

// textOrNull turns "" into NULL.
func textOrNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}
