package exec

import (
	"strconv"
	"strings"
)

// PgType is one row of PostgreSQL 15's pg_type for the types clients ask
// about: every type the engine has, the OID alias and catalog types the
// system relations use, and their arrays. Values are PostgreSQL's own.
type PgType struct {
	OID       int64
	Name      string
	Len       int64
	ByVal     bool
	Type      byte // typtype: b base, p pseudo
	Category  byte
	Preferred bool
	Delim     string
	Elem      int64
	Array     int64
	InputOID  int64
	Input     string
	OutputOID int64
	Output    string
	Align     byte
	Storage   byte
	Collation int64
}

// PgTypes lists the types of pg_type, by OID.
var PgTypes = []PgType{
	{16, "bool", 1, true, 'b', 'B', true, ",", 0, 1000, 1242, "boolin", 1243, "boolout", 'c', 'p', 0},
	{17, "bytea", -1, false, 'b', 'U', false, ",", 0, 1001, 1244, "byteain", 31, "byteaout", 'i', 'x', 0},
	{18, "char", 1, true, 'b', 'Z', false, ",", 0, 1002, 1245, "charin", 33, "charout", 'c', 'p', 0},
	{19, "name", 64, false, 'b', 'S', false, ",", 18, 1003, 34, "namein", 35, "nameout", 'c', 'p', 950},
	{20, "int8", 8, true, 'b', 'N', false, ",", 0, 1016, 460, "int8in", 461, "int8out", 'd', 'p', 0},
	{21, "int2", 2, true, 'b', 'N', false, ",", 0, 1005, 38, "int2in", 39, "int2out", 's', 'p', 0},
	{22, "int2vector", -1, false, 'b', 'A', false, ",", 21, 1006, 40, "int2vectorin", 41, "int2vectorout", 'i', 'p', 0},
	{23, "int4", 4, true, 'b', 'N', false, ",", 0, 1007, 42, "int4in", 43, "int4out", 'i', 'p', 0},
	{24, "regproc", 4, true, 'b', 'N', false, ",", 0, 1008, 44, "regprocin", 45, "regprocout", 'i', 'p', 0},
	{25, "text", -1, false, 'b', 'S', true, ",", 0, 1009, 46, "textin", 47, "textout", 'i', 'x', 100},
	{26, "oid", 4, true, 'b', 'N', true, ",", 0, 1028, 1798, "oidin", 1799, "oidout", 'i', 'p', 0},
	{27, "tid", 6, false, 'b', 'U', false, ",", 0, 1010, 48, "tidin", 49, "tidout", 's', 'p', 0},
	{28, "xid", 4, true, 'b', 'U', false, ",", 0, 1011, 50, "xidin", 51, "xidout", 'i', 'p', 0},
	{29, "cid", 4, true, 'b', 'U', false, ",", 0, 1012, 52, "cidin", 53, "cidout", 'i', 'p', 0},
	{30, "oidvector", -1, false, 'b', 'A', false, ",", 26, 1013, 54, "oidvectorin", 55, "oidvectorout", 'i', 'p', 0},
	{114, "json", -1, false, 'b', 'U', false, ",", 0, 199, 321, "json_in", 322, "json_out", 'i', 'x', 0},
	{142, "xml", -1, false, 'b', 'U', false, ",", 0, 143, 2893, "xml_in", 2894, "xml_out", 'i', 'x', 0},
	{143, "_xml", -1, false, 'b', 'A', false, ",", 142, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{194, "pg_node_tree", -1, false, 'b', 'Z', false, ",", 0, 0, 195, "pg_node_tree_in", 196, "pg_node_tree_out", 'i', 'x', 100},
	{199, "_json", -1, false, 'b', 'A', false, ",", 114, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{650, "cidr", -1, false, 'b', 'I', false, ",", 0, 651, 1267, "cidr_in", 1427, "cidr_out", 'i', 'm', 0},
	{651, "_cidr", -1, false, 'b', 'A', false, ",", 650, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{700, "float4", 4, true, 'b', 'N', false, ",", 0, 1021, 200, "float4in", 201, "float4out", 'i', 'p', 0},
	{701, "float8", 8, true, 'b', 'N', true, ",", 0, 1022, 214, "float8in", 215, "float8out", 'd', 'p', 0},
	{705, "unknown", -2, false, 'p', 'X', false, ",", 0, 0, 109, "unknownin", 110, "unknownout", 'c', 'p', 0},
	{790, "money", 8, true, 'b', 'N', false, ",", 0, 791, 886, "cash_in", 887, "cash_out", 'd', 'p', 0},
	{791, "_money", -1, false, 'b', 'A', false, ",", 790, 0, 750, "array_in", 751, "array_out", 'd', 'x', 0},
	{869, "inet", -1, false, 'b', 'I', true, ",", 0, 1041, 910, "inet_in", 911, "inet_out", 'i', 'm', 0},
	{1000, "_bool", -1, false, 'b', 'A', false, ",", 16, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1001, "_bytea", -1, false, 'b', 'A', false, ",", 17, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1002, "_char", -1, false, 'b', 'A', false, ",", 18, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1003, "_name", -1, false, 'b', 'A', false, ",", 19, 0, 750, "array_in", 751, "array_out", 'i', 'x', 950},
	{1005, "_int2", -1, false, 'b', 'A', false, ",", 21, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1006, "_int2vector", -1, false, 'b', 'A', false, ",", 22, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1007, "_int4", -1, false, 'b', 'A', false, ",", 23, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1008, "_regproc", -1, false, 'b', 'A', false, ",", 24, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1009, "_text", -1, false, 'b', 'A', false, ",", 25, 0, 750, "array_in", 751, "array_out", 'i', 'x', 100},
	{1010, "_tid", -1, false, 'b', 'A', false, ",", 27, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1011, "_xid", -1, false, 'b', 'A', false, ",", 28, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1012, "_cid", -1, false, 'b', 'A', false, ",", 29, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1013, "_oidvector", -1, false, 'b', 'A', false, ",", 30, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1014, "_bpchar", -1, false, 'b', 'A', false, ",", 1042, 0, 750, "array_in", 751, "array_out", 'i', 'x', 100},
	{1015, "_varchar", -1, false, 'b', 'A', false, ",", 1043, 0, 750, "array_in", 751, "array_out", 'i', 'x', 100},
	{1016, "_int8", -1, false, 'b', 'A', false, ",", 20, 0, 750, "array_in", 751, "array_out", 'd', 'x', 0},
	{1021, "_float4", -1, false, 'b', 'A', false, ",", 700, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1022, "_float8", -1, false, 'b', 'A', false, ",", 701, 0, 750, "array_in", 751, "array_out", 'd', 'x', 0},
	{1028, "_oid", -1, false, 'b', 'A', false, ",", 26, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1033, "aclitem", 12, false, 'b', 'U', false, ",", 0, 1034, 1031, "aclitemin", 1032, "aclitemout", 'i', 'p', 0},
	{1034, "_aclitem", -1, false, 'b', 'A', false, ",", 1033, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1041, "_inet", -1, false, 'b', 'A', false, ",", 869, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1042, "bpchar", -1, false, 'b', 'S', false, ",", 0, 1014, 1044, "bpcharin", 1045, "bpcharout", 'i', 'x', 100},
	{1043, "varchar", -1, false, 'b', 'S', false, ",", 0, 1015, 1046, "varcharin", 1047, "varcharout", 'i', 'x', 100},
	{1082, "date", 4, true, 'b', 'D', false, ",", 0, 1182, 1084, "date_in", 1085, "date_out", 'i', 'p', 0},
	{1083, "time", 8, true, 'b', 'D', false, ",", 0, 1183, 1143, "time_in", 1144, "time_out", 'd', 'p', 0},
	{1114, "timestamp", 8, true, 'b', 'D', false, ",", 0, 1115, 1312, "timestamp_in", 1313, "timestamp_out", 'd', 'p', 0},
	{1115, "_timestamp", -1, false, 'b', 'A', false, ",", 1114, 0, 750, "array_in", 751, "array_out", 'd', 'x', 0},
	{1182, "_date", -1, false, 'b', 'A', false, ",", 1082, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1183, "_time", -1, false, 'b', 'A', false, ",", 1083, 0, 750, "array_in", 751, "array_out", 'd', 'x', 0},
	{1184, "timestamptz", 8, true, 'b', 'D', true, ",", 0, 1185, 1150, "timestamptz_in", 1151, "timestamptz_out", 'd', 'p', 0},
	{1185, "_timestamptz", -1, false, 'b', 'A', false, ",", 1184, 0, 750, "array_in", 751, "array_out", 'd', 'x', 0},
	{1186, "interval", 16, false, 'b', 'T', true, ",", 0, 1187, 1160, "interval_in", 1161, "interval_out", 'd', 'p', 0},
	{1187, "_interval", -1, false, 'b', 'A', false, ",", 1186, 0, 750, "array_in", 751, "array_out", 'd', 'x', 0},
	{1231, "_numeric", -1, false, 'b', 'A', false, ",", 1700, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1263, "_cstring", -1, false, 'b', 'A', false, ",", 2275, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1266, "timetz", 12, false, 'b', 'D', false, ",", 0, 1270, 1350, "timetz_in", 1351, "timetz_out", 'd', 'p', 0},
	{1270, "_timetz", -1, false, 'b', 'A', false, ",", 1266, 0, 750, "array_in", 751, "array_out", 'd', 'x', 0},
	{1560, "bit", -1, false, 'b', 'V', false, ",", 0, 1561, 1564, "bit_in", 1565, "bit_out", 'i', 'x', 0},
	{1561, "_bit", -1, false, 'b', 'A', false, ",", 1560, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1562, "varbit", -1, false, 'b', 'V', true, ",", 0, 1563, 1579, "varbit_in", 1580, "varbit_out", 'i', 'x', 0},
	{1563, "_varbit", -1, false, 'b', 'A', false, ",", 1562, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{1700, "numeric", -1, false, 'b', 'N', false, ",", 0, 1231, 1701, "numeric_in", 1702, "numeric_out", 'i', 'm', 0},
	{2202, "regprocedure", 4, true, 'b', 'N', false, ",", 0, 2207, 2212, "regprocedurein", 2213, "regprocedureout", 'i', 'p', 0},
	{2203, "regoper", 4, true, 'b', 'N', false, ",", 0, 2208, 2214, "regoperin", 2215, "regoperout", 'i', 'p', 0},
	{2204, "regoperator", 4, true, 'b', 'N', false, ",", 0, 2209, 2216, "regoperatorin", 2217, "regoperatorout", 'i', 'p', 0},
	{2205, "regclass", 4, true, 'b', 'N', false, ",", 0, 2210, 2218, "regclassin", 2219, "regclassout", 'i', 'p', 0},
	{2206, "regtype", 4, true, 'b', 'N', false, ",", 0, 2211, 2220, "regtypein", 2221, "regtypeout", 'i', 'p', 0},
	{2207, "_regprocedure", -1, false, 'b', 'A', false, ",", 2202, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{2210, "_regclass", -1, false, 'b', 'A', false, ",", 2205, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{2211, "_regtype", -1, false, 'b', 'A', false, ",", 2206, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{2249, "record", -1, false, 'p', 'P', false, ",", 0, 2287, 2290, "record_in", 2291, "record_out", 'd', 'x', 0},
	{2275, "cstring", -2, false, 'p', 'P', false, ",", 0, 1263, 2292, "cstring_in", 2293, "cstring_out", 'c', 'p', 0},
	{2276, "any", 4, true, 'p', 'P', false, ",", 0, 0, 2294, "any_in", 2295, "any_out", 'i', 'p', 0},
	{2277, "anyarray", -1, false, 'p', 'P', false, ",", 0, 0, 2296, "anyarray_in", 2297, "anyarray_out", 'd', 'x', 0},
	{2278, "void", 4, true, 'p', 'P', false, ",", 0, 0, 2298, "void_in", 2299, "void_out", 'i', 'p', 0},
	{2279, "trigger", 4, true, 'p', 'P', false, ",", 0, 0, 2300, "trigger_in", 2301, "trigger_out", 'i', 'p', 0},
	{2283, "anyelement", 4, true, 'p', 'P', false, ",", 0, 0, 2312, "anyelement_in", 2313, "anyelement_out", 'i', 'p', 0},
	{2287, "_record", -1, false, 'p', 'P', false, ",", 2249, 0, 750, "array_in", 751, "array_out", 'd', 'x', 0},
	{2950, "uuid", 16, false, 'b', 'U', false, ",", 0, 2951, 2952, "uuid_in", 2953, "uuid_out", 'c', 'p', 0},
	{2951, "_uuid", -1, false, 'b', 'A', false, ",", 2950, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{3220, "pg_lsn", 8, true, 'b', 'U', false, ",", 0, 3221, 3229, "pg_lsn_in", 3230, "pg_lsn_out", 'd', 'p', 0},
	{3734, "regconfig", 4, true, 'b', 'N', false, ",", 0, 3735, 3736, "regconfigin", 3737, "regconfigout", 'i', 'p', 0},
	{3802, "jsonb", -1, false, 'b', 'U', false, ",", 0, 3807, 3806, "jsonb_in", 3804, "jsonb_out", 'i', 'x', 0},
	{3807, "_jsonb", -1, false, 'b', 'A', false, ",", 3802, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{4089, "regnamespace", 4, true, 'b', 'N', false, ",", 0, 4090, 4084, "regnamespacein", 4085, "regnamespaceout", 'i', 'p', 0},
	{4090, "_regnamespace", -1, false, 'b', 'A', false, ",", 4089, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
	{4096, "regrole", 4, true, 'b', 'N', false, ",", 0, 4097, 4098, "regrolein", 4092, "regroleout", 'i', 'p', 0},
	{4097, "_regrole", -1, false, 'b', 'A', false, ",", 4096, 0, 750, "array_in", 751, "array_out", 'i', 'x', 0},
}

// PgTypeByOID returns the pg_type row of an OID.
func PgTypeByOID(oid int64) (PgType, bool) {
	for _, t := range PgTypes {
		if t.OID == oid {
			return t, true
		}
	}
	return PgType{}, false
}

// PgTypeByName returns the pg_type row of a type name as format_type or
// SQL writes it ("integer", "int4", "character varying", "_int4", "int4[]").
func PgTypeByName(name string) (PgType, bool) {
	name = strings.ToLower(strings.TrimSpace(name))
	name = strings.TrimPrefix(name, "pg_catalog.")
	if name == `"char"` {
		return PgTypeByOID(18)
	}
	name = strings.Trim(name, `"`)
	if strings.HasSuffix(name, "[]") {
		elem, ok := PgTypeByName(strings.TrimSuffix(name, "[]"))
		if !ok || elem.Array == 0 {
			return PgType{}, false
		}
		return PgTypeByOID(elem.Array)
	}
	if n, ok := pgTypeAliases[name]; ok {
		name = n
	}
	for _, t := range PgTypes {
		if t.Name == name {
			return t, true
		}
	}
	return PgType{}, false
}

// pgTypeAliases maps SQL spellings to pg_type names.
var pgTypeAliases = map[string]string{
	"boolean": "bool", "smallint": "int2", "integer": "int4", "int": "int4", "bigint": "int8",
	"real": "float4", "double precision": "float8", "float": "float8", "decimal": "numeric",
	"character varying": "varchar", "character": "bpchar", "char": "bpchar", `"char"`: "char",
	"timestamp without time zone": "timestamp", "timestamp with time zone": "timestamptz",
	"time without time zone": "time", "time with time zone": "timetz",
}

// formatNames are format_type's names for types whose SQL name differs.
var formatNames = map[string]string{
	"bool": "boolean", "int2": "smallint", "int4": "integer", "int8": "bigint",
	"float4": "real", "float8": "double precision", "varchar": "character varying",
	"bpchar": "character", "timestamp": "timestamp without time zone",
	"timestamptz": "timestamp with time zone", "time": "time without time zone",
	"timetz": "time with time zone", "char": `"char"`, "varbit": "bit varying",
}

// FormatPgType is PostgreSQL's format_type(oid, typmod): typmod < 0 means
// none; an unknown OID prints as "???".
func FormatPgType(oid, typmod int64) string {
	t, ok := PgTypeByOID(oid)
	if !ok {
		return "???"
	}
	if t.Category == 'A' && t.Elem != 0 {
		return FormatPgType(t.Elem, typmod) + "[]"
	}
	name := t.Name
	if f, ok := formatNames[name]; ok {
		name = f
	}
	if typmod < 0 {
		if t.Name == "bpchar" {
			return "bpchar"
		}
		return name
	}
	switch t.Name {
	case "varchar", "bpchar":
		return name + "(" + strconv.FormatInt(typmod-4, 10) + ")"
	case "numeric":
		m := typmod - 4
		return name + "(" + strconv.FormatInt((m>>16)&0xffff, 10) + "," + strconv.FormatInt(m&0xffff, 10) + ")"
	case "timestamp", "timestamptz", "time", "timetz":
		base, rest, _ := strings.Cut(name, " ")
		out := base + "(" + strconv.FormatInt(typmod, 10) + ")"
		if rest != "" {
			out += " " + rest
		}
		return out
	case "bit", "varbit":
		return name + "(" + strconv.FormatInt(typmod, 10) + ")"
	}
	return name
}
