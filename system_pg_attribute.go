package warehoused

import (
	"strconv"
	"strings"

	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/exec"
	"github.com/warehoused/warehoused/types"
)

// pgAttributeTables are the column-level catalogs.
var pgAttributeTables = []systemTable{
	{1010, catalog.PgCatalog, "pg_attribute", pgCols("attrelid", oidT, "attname", nameT, "atttypid", oidT,
		"attstattarget", intT, "attlen", i16T, "attnum", i16T, "attndims", intT, "attcacheoff", intT, "atttypmod", intT,
		"attbyval", boolT, "attalign", charT, "attstorage", charT, "attcompression", charT, "attnotnull", boolT,
		"atthasdef", boolT, "atthasmissing", boolT, "attidentity", charT, "attgenerated", charT, "attisdropped", boolT,
		"attislocal", boolT, "attinhcount", intT, "attcollation", oidT, "attacl", arrT, "attoptions", arrT,
		"attfdwoptions", arrT, "attmissingval", arrT,
		"attisdistkey", boolT, "attsortkeyord", intT, "attencodingtype", i16T),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				for i, col := range t.Columns {
					ti := typeInfo(col.Type)
					identity := ""
					if col.Identity != nil {
						identity = "d"
					}
					var enc int64
					if t.Kind == catalog.KindTable {
						enc = exec.EncodingNumber(c.db.encodingName(t, i))
					}
					add(int64(t.ID), col.Name, pgTypeOf(col.Type), int64(-1), ti.Len, int64(i+1), int64(0), int64(-1),
						typmodOf(col.Type), ti.ByVal, string(rune(ti.Align)), string(rune(ti.Storage)), "", col.NotNull,
						col.DefaultSQL != "", false, identity, "", false, true, int64(0), ti.Collation, nil, nil, nil, nil,
						t.Kind == catalog.KindTable && t.DistStyle == catalog.DistKey && t.DistKey == i, sortKeyOrd(t, i), enc)
				}
			}
			indexAttributes(st, add) // system_pg_constraint.go
		}},
	{1011, catalog.PgCatalog, "pg_attrdef", pgCols("oid", oidT, "adrelid", oidT, "adnum", i16T, "adbin", textT, "adsrc", textT),
		func(c *Conn, st *dbState, add func(...types.Datum)) {
			for _, t := range st.cat.Tables() {
				for i, col := range t.Columns {
					if col.DefaultSQL != "" {
						oid := hashedOID("attrdef", strconv.FormatUint(uint64(t.ID), 10)+"."+strconv.Itoa(i+1))
						add(oid, int64(t.ID), int64(i+1), pgDefault(col), pgDefault(col))
					}
				}
			}
		}},
}

// pgDefault is a column DEFAULT as PostgreSQL deparses it (pg_get_expr,
// information_schema.columns.column_default): a string literal carries
// its cast to the column type, 'anon'::character varying.
func pgDefault(col catalog.Column) string {
	d := strings.TrimSpace(col.DefaultSQL)
	if !isStringLiteral(d) {
		return d
	}
	name := exec.FormatPgType(pgTypeOf(col.Type), -1)
	if col.Type.ID == types.Decimal {
		name = "numeric"
	}
	return d + "::" + name
}

// isStringLiteral reports whether s is exactly one '...' literal.
func isStringLiteral(s string) bool {
	if len(s) < 2 || s[0] != '\'' || s[len(s)-1] != '\'' {
		return false
	}
	body := s[1 : len(s)-1]
	return !strings.Contains(strings.ReplaceAll(body, "''", ""), "'")
}
