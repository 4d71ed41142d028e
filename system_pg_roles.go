package warehoused

import (
	"sort"
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/types"
)

// pgRoleTables are the cluster-wide catalogs: the database, roles, settings,
// sessions, tablespaces.
var pgRoleTables = []systemTable{
	{1030, catalog.PgCatalog, "pg_database", pgCols("oid", oidT, "datname", nameT, "datdba", oidT, "encoding", intT,
		"datlocprovider", charT, "datistemplate", boolT, "datallowconn", boolT, "datconnlimit", intT, "datlastsysoid", oidT,
		"datfrozenxid", oidT, "datminmxid", oidT, "dattablespace", oidT, "datcollate", textT, "datctype", textT,
		"daticulocale", textT, "datcollversion", textT, "datacl", arrT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			add(int64(databaseOID), c.databaseName(), roleOID(st, "rdsdb"), int64(utf8Encoding), "c", false, true, int64(-1),
				int64(firstHashedOID-1), int64(0), int64(1), int64(defaultTablespace), "C", "C", nil, nil, nil)
		}},
	{1031, catalog.PgCatalog, "pg_roles", pgCols("rolname", nameT, "rolsuper", boolT, "rolinherit", boolT,
		"rolcreaterole", boolT, "rolcreatedb", boolT, "rolcanlogin", boolT, "rolreplication", boolT, "rolconnlimit", intT,
		"rolpassword", textT, "rolvaliduntil", tstzT, "rolbypassrls", boolT, "rolconfig", arrT, "oid", oidT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, r := range c.roles(st) {
				add(r.name, r.super, true, r.super, r.createDB, true, false, r.connLimit, "********", validUntil(r.validTill),
					r.super, nil, r.oid)
			}
		}},
	{1032, catalog.PgCatalog, "pg_user", pgCols("usename", nameT, "usesysid", oidT, "usecreatedb", boolT, "usesuper", boolT,
		"userepl", boolT, "usebypassrls", boolT, "usecatupd", boolT, "passwd", textT, "valuntil", tstzT, "useconfig", arrT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, r := range c.roles(st) {
				add(r.name, r.oid, r.createDB, r.super, false, r.super, r.super, "********", validUntil(r.validTill), nil)
			}
		}},
	{1033, catalog.PgCatalog, "pg_group", pgCols("groname", nameT, "grosysid", oidT, "grolist", arrT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {}},
	{1034, catalog.PgCatalog, "pg_auth_members", pgCols("roleid", oidT, "member", oidT, "grantor", oidT, "admin_option", boolT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {}},
	{1035, catalog.PgCatalog, "pg_settings", pgCols("name", textT, "setting", textT, "unit", textT, "category", textT,
		"short_desc", textT, "extra_desc", textT, "context", textT, "vartype", textT, "source", textT, "min_val", textT,
		"max_val", textT, "enumvals", arrT, "boot_val", textT, "reset_val", textT, "sourcefile", textT, "sourceline", intT,
		"pending_restart", boolT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			s := c.settings
			names := make([]string, 0, len(s.vals))
			for k := range s.vals {
				names = append(names, k)
			}
			sort.Strings(names)
			for _, k := range names {
				ctx, source := "user", "default"
				if readOnlySettings[k] {
					ctx = "internal"
				}
				if s.vals[k] != s.defaults[k] {
					source = "session"
				}
				vt := "string"
				switch s.defaults[k] {
				case "on", "off":
					vt = "bool"
				}
				add(k, s.vals[k], nil, "Customized Options", k, nil, ctx, vt, source, nil, nil, nil, s.defaults[k], s.defaults[k],
					nil, nil, false)
			}
		}},
	{1036, catalog.PgCatalog, "pg_stat_activity", pgCols("datid", oidT, "datname", nameT, "pid", intT, "leader_pid", intT,
		"usesysid", oidT, "usename", nameT, "application_name", textT, "client_addr", textT, "client_hostname", textT,
		"client_port", intT, "backend_start", tstzT, "xact_start", tstzT, "query_start", tstzT, "state_change", tstzT,
		"wait_event_type", textT, "wait_event", textT, "state", textT, "backend_xid", oidT, "backend_xmin", oidT,
		"query_id", i64T, "query", textT, "backend_type", textT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			app, _ := c.settings.get("application_name")
			start := evalContextNow().UnixMicro()
			if c.tx != nil {
				start = c.tx.start.UnixMicro()
			}
			add(int64(databaseOID), c.databaseName(), c.id, nil, roleOID(st, c.sessionUser()), c.sessionUser(), app, nil, nil,
				int64(-1), processStart.UnixMicro(), start, evalContextNow().UnixMicro(), start, nil, nil, "active", nil, nil, nil,
				nil, "client backend")
		}},
	{1037, catalog.PgCatalog, "pg_tablespace", pgCols("oid", oidT, "spcname", nameT, "spcowner", oidT, "spcacl", arrT, "spcoptions", arrT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			add(int64(defaultTablespace), "pg_default", roleOID(st, "rdsdb"), nil, nil)
			add(int64(1664), "pg_global", roleOID(st, "rdsdb"), nil, nil)
		}},
	{1038, catalog.PgCatalog, "pg_shdescription", pgCols("objoid", oidT, "classoid", oidT, "description", textT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {}},
	{1039, catalog.PgCatalog, "pg_extension", pgCols("oid", oidT, "extname", nameT, "extowner", oidT, "extnamespace", oidT,
		"extrelocatable", boolT, "extversion", textT, "extconfig", arrT, "extcondition", arrT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			add(int64(13500), "plpgsql", roleOID(st, "rdsdb"), int64(pgCatalogOID), false, "1.0", nil, nil)
		}},
}

// validUntil converts a user's VALID UNTIL text to TIMESTAMPTZ (NULL: none
// or unreadable).
func validUntil(s string) types.Datum {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "infinity") {
		return nil
	}
	d, err := types.Parse(types.TSTZType, s)
	if err != nil {
		return nil
	}
	return d
}
