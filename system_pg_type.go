package warehoused

import (
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/types"
)

// Fixed OIDs of pg_language rows.
const (
	langInternal = 12
	langC        = 13
	langSQL      = 14
)

// pgTypeTables are the type, function, collation and language catalogs.
var pgTypeTables = []systemTable{
	{1020, catalog.PgCatalog, "pg_type", pgCols("oid", oidT, "typname", nameT, "typnamespace", oidT, "typowner", oidT,
		"typlen", i16T, "typbyval", boolT, "typtype", charT, "typcategory", charT, "typispreferred", boolT,
		"typisdefined", boolT, "typdelim", charT, "typrelid", oidT, "typsubscript", oidT, "typelem", oidT, "typarray", oidT,
		"typinput", oidT, "typoutput", oidT, "typreceive", oidT, "typsend", oidT, "typmodin", oidT, "typmodout", oidT,
		"typanalyze", oidT, "typalign", charT, "typstorage", charT, "typnotnull", boolT, "typbasetype", oidT,
		"typtypmod", intT, "typndims", intT, "typcollation", oidT, "typdefaultbin", textT, "typdefault", textT, "typacl", arrT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range exec.PgTypes {
				add(t.OID, t.Name, int64(pgCatalogOID), int64(rdsdbOID), t.Len, t.ByVal, string(rune(t.Type)), string(rune(t.Category)),
					t.Preferred, true, t.Delim, int64(0), int64(0), t.Elem, t.Array, t.InputOID, t.OutputOID, int64(0), int64(0),
					int64(0), int64(0), int64(0), string(rune(t.Align)), string(rune(t.Storage)), false, int64(0), int64(-1),
					int64(0), t.Collation, nil, nil, nil)
			}
		}},
	{1021, catalog.PgCatalog, "pg_proc", pgCols("oid", oidT, "proname", nameT, "pronamespace", oidT, "proowner", oidT,
		"prolang", oidT, "procost", f32T, "prorows", f32T, "provariadic", oidT, "prosupport", oidT, "prokind", charT,
		"prosecdef", boolT, "proleakproof", boolT, "proisstrict", boolT, "proretset", boolT, "provolatile", charT,
		"proparallel", charT, "pronargs", i16T, "pronargdefaults", i16T, "prorettype", oidT, "proargtypes", arrT,
		"proallargtypes", arrT, "proargmodes", arrT, "proargnames", arrT, "proargdefaults", textT, "protrftypes", arrT,
		"prosrc", textT, "probin", textT, "prosqlbody", textT, "proconfig", arrT, "proacl", arrT,
		"proisagg", boolT, "proiswindow", boolT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, p := range exec.Procs() {
				args := make([]string, len(p.Args))
				for i, a := range p.Args {
					args[i] = strconv.FormatInt(a, 10)
				}
				variadic := int64(0)
				if p.Variadic && len(p.Args) > 0 {
					variadic = p.Args[len(p.Args)-1]
				}
				add(p.OID, p.Name, int64(pgCatalogOID), int64(rdsdbOID), int64(langInternal), 1.0, 0.0, variadic, int64(0),
					string(rune(p.Kind)), false, false, true, false, "i", "s", int64(len(p.Args)), int64(0), p.Ret,
					strings.Join(args, " "), nil, nil, nil, nil, nil, p.Name, nil, nil, nil, nil, p.Kind == 'a', p.Kind == 'w')
			}
		}},
	{1022, catalog.PgCatalog, "pg_collation", pgCols("oid", oidT, "collname", nameT, "collnamespace", oidT, "collowner", oidT,
		"collprovider", charT, "collisdeterministic", boolT, "collencoding", intT, "collcollate", textT, "collctype", textT,
		"colliculocale", textT, "collversion", textT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			add(int64(defaultCollation), "default", int64(pgCatalogOID), int64(rdsdbOID), "d", true, int64(-1), nil, nil, nil, nil)
			add(int64(950), "C", int64(pgCatalogOID), int64(rdsdbOID), "c", true, int64(-1), "C", "C", nil, nil)
			add(int64(951), "POSIX", int64(pgCatalogOID), int64(rdsdbOID), "c", true, int64(-1), "POSIX", "POSIX", nil, nil)
		}},
	{1023, catalog.PgCatalog, "pg_language", pgCols("oid", oidT, "lanname", nameT, "lanowner", oidT, "lanispl", boolT,
		"lanpltrusted", boolT, "lanplcallfoid", oidT, "laninline", oidT, "lanvalidator", oidT, "lanacl", arrT, "tableoid", oidT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			self := sysTableOID(st, "pg_language")
			add(int64(langInternal), "internal", int64(rdsdbOID), false, false, int64(0), int64(0), int64(0), nil, self)
			add(int64(langC), "c", int64(rdsdbOID), false, false, int64(0), int64(0), int64(0), nil, self)
			add(int64(langSQL), "sql", int64(rdsdbOID), false, true, int64(0), int64(0), int64(0), nil, self)
		}},
}
