package exec

import (
	"strconv"
	"strings"
	"time"

	"github.com/warehoused/warehoused/sqlerr"
	"github.com/warehoused/warehoused/types"
	"github.com/warehoused/warehoused/vector"
)

// OIDKind names the object class an OID alias type (regclass, regtype ...)
// refers to.
type OIDKind uint8

// OID alias kinds.
const (
	OIDClass     OIDKind = iota // regclass: relations
	OIDType                     // regtype
	OIDProc                     // regproc, regprocedure
	OIDNamespace                // regnamespace
	OIDRole                     // regrole
)

// CatalogFuncs is what PostgreSQL's system information functions need from
// the session's catalog. exec does not import the catalog: the root package
// implements this over the session and sets EvalContext.Catalog.
type CatalogFuncs interface {
	// LookupOID resolves a name as the text input of an OID alias type does
	// (regclass follows the search path; missing: 42P01 / 42704 / 3F000 / 42883).
	LookupOID(kind OIDKind, name string) (int64, error)
	// OIDName is the alias type's text output; ok is false for an unknown OID
	// (the output is then the number).
	OIDName(kind OIDKind, oid int64) (string, bool)
	// TableVisible reports whether the relation is found by its unqualified
	// name along the search path.
	TableVisible(oid int64) bool
	// Description is a comment from pg_description (subid 0: the object
	// itself; a column number for columns); catalog names the object class
	// ("pg_class", "pg_namespace"; "" any).
	Description(objoid int64, catalog string, subid int64) (string, bool)
	// ConstraintDef is pg_get_constraintdef of a pg_constraint OID.
	ConstraintDef(oid int64) (string, bool)
	// IndexDef is pg_get_indexdef of an index OID: the CREATE INDEX
	// statement (col 0) or the name of key column col.
	IndexDef(oid, col int64) (string, bool)
	// ViewDef is the defining query of a view.
	ViewDef(oid int64) (string, bool)
	// RelationSize is the stored size of a relation in bytes (0 if unknown);
	// DatabaseSizeOID asks for the whole database.
	RelationSize(oid int64) int64
	// SetConfig changes a session setting (set_config) and returns its new value.
	SetConfig(name, value string, local bool) (string, error)
	// StartTime is when the database was opened.
	StartTime() time.Time
	// BackendPID is the session's process id as BackendKeyData reports it.
	BackendPID() int64
}

// DatabaseSizeOID is the RelationSize argument that means every relation.
const DatabaseSizeOID = -1

// catalogOf returns the session's catalog hook or a 0A000 error (for
// constant folding, which runs without a session).
func catalogOf(ec *EvalContext) (CatalogFuncs, error) {
	if ec == nil || ec.Catalog == nil {
		return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "catalog functions need a session")
	}
	return ec.Catalog, nil
}

// datumFn builds a function evaluated row by row on datums; strict
// functions skip rows with a NULL argument (their result is NULL). Catalog
// functions run over catalog-sized inputs, so clarity wins over speed.
func datumFn(strict bool, f func(ec *EvalContext, args []types.Datum) (types.Datum, error)) builder {
	k := func(ec *EvalContext, args []*vector.Vector, out *vector.Vector, n int) error {
		vals := make([]types.Datum, len(args))
		for i := 0; i < n; i++ {
			if strict && out.Nulls.IsNull(i) {
				continue
			}
			for j, a := range args {
				vals[j] = a.Get(i)
			}
			d, err := f(ec, vals)
			if err != nil {
				return err
			}
			out.Set(i, d)
		}
		return nil
	}
	if strict {
		return strictFn(k)
	}
	return lenientFn(k)
}

// anyArgs resolves a function of n..m arguments of any type to ret.
func anyArgs(lo, hi int, ret types.T) func(args []types.T) (FuncSig, bool) {
	return func(args []types.T) (FuncSig, bool) {
		if len(args) < lo || len(args) > hi {
			return FuncSig{}, false
		}
		ps := make([]types.T, len(args))
		for i, a := range args {
			ps[i] = a
			if a.ID == types.Unknown {
				ps[i] = textT
			}
		}
		return FuncSig{Params: ps, Ret: ret}, true
	}
}

func asInt(d types.Datum) int64 {
	if v, ok := d.(int64); ok {
		return v
	}
	return 0
}

// datumInt reads an integer argument given as a number or numeric text.
func datumInt(d types.Datum) (int64, bool) {
	switch v := d.(type) {
	case int64:
		return v, true
	case string:
		n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		return n, err == nil
	}
	return 0, false
}

func asText(d types.Datum) string {
	if v, ok := d.(string); ok {
		return v
	}
	return ""
}

// oidFn declares a one-argument function of an OID (BIGINT here).
func oidFn(ret types.T, f func(ec *EvalContext, cf CatalogFuncs, oid int64) (types.Datum, error)) *overload {
	return fsig(ret, datumFn(true, func(ec *EvalContext, a []types.Datum) (types.Datum, error) {
		cf, err := catalogOf(ec)
		if err != nil {
			return nil, err
		}
		return f(ec, cf, asInt(a[0]))
	}), i64T)
}

// regKinds maps the OID alias type names to their kinds.
var regKinds = map[string]OIDKind{
	"regclass": OIDClass, "regtype": OIDType, "regproc": OIDProc, "regprocedure": OIDProc,
	"regnamespace": OIDNamespace, "regrole": OIDRole,
}

func init() {
	// Text input of the OID alias types: 'pg_class'::regclass. The binder
	// calls these for casts of non-numeric values to those types.
	for name, kind := range regKinds {
		registerFunc(name, fsig(i64T, datumFn(true, func(ec *EvalContext, a []types.Datum) (types.Datum, error) {
			cf, err := catalogOf(ec)
			if err != nil {
				return nil, err
			}
			s := strings.TrimSpace(asText(a[0]))
			if s == "-" {
				return int64(0), nil
			}
			if n, err := strconv.ParseInt(s, 10, 64); err == nil {
				return n, nil
			}
			return cf.LookupOID(kind, s)
		}), textT))
		// Text output, bound for `x::regclass::text`.
		registerFunc(name+"_text", oidFn(textT, func(_ *EvalContext, cf CatalogFuncs, oid int64) (types.Datum, error) {
			if oid == 0 {
				return "-", nil
			}
			if s, ok := cf.OIDName(kind, oid); ok {
				return s, nil
			}
			return strconv.FormatInt(oid, 10), nil
		}))
	}
	registerFunc("to_regclass,to_regtype,to_regproc,to_regnamespace,to_regrole", fsig(i64T, datumFn(true, func(ec *EvalContext, a []types.Datum) (types.Datum, error) {
		cf, err := catalogOf(ec)
		if err != nil {
			return nil, err
		}
		n, err := cf.LookupOID(OIDClass, asText(a[0]))
		if err != nil {
			return nil, nil
		}
		return n, nil
	}), textT))
	registerFunc("oid", fsig(i64T, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		s := strings.TrimSpace(asText(a[0]))
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 || n > 1<<32-1 {
			return nil, sqlerr.Newf(sqlerr.InvalidTextRepresentation, "invalid input syntax for type oid: \"%s\"", s)
		}
		return n, nil
	}), textT))
	registerFunc("name", fsig(textT, strMap(func(s string) string { return s }), textT))

	registerFunc("pg_table_is_visible", oidFn(boolT, func(_ *EvalContext, cf CatalogFuncs, oid int64) (types.Datum, error) {
		return cf.TableVisible(oid), nil
	}))
	registerFunc("pg_type_is_visible,pg_function_is_visible,pg_opclass_is_visible,pg_operator_is_visible,pg_collation_is_visible,pg_conversion_is_visible,pg_opfamily_is_visible,pg_ts_config_is_visible,pg_ts_dict_is_visible,pg_ts_parser_is_visible,pg_ts_template_is_visible,pg_statistics_obj_is_visible",
		fsig(boolT, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) { return true, nil }), i64T))
	registerFunc("pg_get_userbyid", oidFn(textT, func(_ *EvalContext, cf CatalogFuncs, oid int64) (types.Datum, error) {
		if s, ok := cf.OIDName(OIDRole, oid); ok {
			return s, nil
		}
		return "unknown (OID=" + strconv.FormatInt(oid, 10) + ")", nil
	}))
	// format_type(oid, typmod): psql passes a bare NULL typmod, which
	// arrives as TEXT, so both arguments take any type.
	registerFunc("format_type", frsig(anyArgs(2, 2, textT), datumFn(false, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		oid, ok := datumInt(a[0])
		if !ok {
			return nil, nil
		}
		mod, ok := datumInt(a[1])
		if !ok {
			mod = -1
		}
		return FormatPgType(oid, mod), nil
	})))
	// pg_get_expr(node, relation [, pretty]): pg_attrdef.adbin holds the
	// DEFAULT as SQL text already.
	registerFunc("pg_get_expr", frsig(anyArgs(2, 3, textT), datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		return asText(a[0]), nil
	})))
	registerFunc("pg_get_constraintdef", frsig(anyArgs(1, 2, textT), datumFn(true, func(ec *EvalContext, a []types.Datum) (types.Datum, error) {
		cf, err := catalogOf(ec)
		if err != nil {
			return nil, err
		}
		if s, ok := cf.ConstraintDef(asInt(a[0])); ok {
			return s, nil
		}
		return nil, nil
	})))
	registerFunc("pg_get_indexdef", frsig(anyArgs(1, 3, textT), datumFn(true, func(ec *EvalContext, a []types.Datum) (types.Datum, error) {
		cf, err := catalogOf(ec)
		if err != nil {
			return nil, err
		}
		var col int64
		if len(a) > 1 {
			col, _ = datumInt(a[1])
		}
		if s, ok := cf.IndexDef(asInt(a[0]), col); ok {
			return s, nil
		}
		return nil, nil
	})))
	// No statistics objects, triggers, rules or partitions exist.
	registerFunc("pg_get_statisticsobjdef_columns,pg_get_triggerdef,pg_get_ruledef,pg_get_partkeydef,pg_describe_object",
		frsig(anyArgs(1, 3, textT), datumFn(false, func(_ *EvalContext, _ []types.Datum) (types.Datum, error) { return nil, nil })))
	// No column owns a sequence (IDENTITY columns are not backed by one).
	registerFunc("pg_get_serial_sequence", frsig(anyArgs(2, 2, textT), datumFn(false, func(_ *EvalContext, _ []types.Datum) (types.Datum, error) { return nil, nil })))
	registerFunc("pg_relation_is_publishable,pg_is_in_recovery,pg_is_other_temp_schema",
		frsig(anyArgs(0, 1, boolT), datumFn(false, func(_ *EvalContext, _ []types.Datum) (types.Datum, error) { return false, nil })))
	registerFunc("pg_get_viewdef", frsig(anyArgs(1, 2, textT), datumFn(true, func(ec *EvalContext, a []types.Datum) (types.Datum, error) {
		cf, oid, err := relationArg(ec, a[0])
		if err != nil {
			return nil, err
		}
		if s, ok := cf.ViewDef(oid); ok {
			return s, nil
		}
		return nil, nil
	})))
	registerFunc("obj_description", frsig(anyArgs(1, 2, textT), datumFn(true, func(ec *EvalContext, a []types.Datum) (types.Datum, error) {
		cf, err := catalogOf(ec)
		if err != nil {
			return nil, err
		}
		cat := ""
		if len(a) > 1 {
			cat = asText(a[1])
		}
		if s, ok := cf.Description(asInt(a[0]), cat, 0); ok {
			return s, nil
		}
		return nil, nil
	})))
	registerFunc("col_description", fsig(textT, datumFn(true, func(ec *EvalContext, a []types.Datum) (types.Datum, error) {
		cf, err := catalogOf(ec)
		if err != nil {
			return nil, err
		}
		if s, ok := cf.Description(asInt(a[0]), "pg_class", asInt(a[1])); ok {
			return s, nil
		}
		return nil, nil
	}), i64T, i64T))
	registerFunc("shobj_description", frsig(anyArgs(2, 2, textT), datumFn(false, func(_ *EvalContext, _ []types.Datum) (types.Datum, error) { return nil, nil })))
	// Privileges are not enforced: every check passes.
	registerFunc("has_table_privilege,has_schema_privilege,has_database_privilege,has_type_privilege,has_function_privilege,has_column_privilege,has_sequence_privilege,has_tablespace_privilege,has_any_column_privilege,has_foreign_data_wrapper_privilege,has_server_privilege,has_language_privilege,pg_has_role",
		frsig(anyArgs(1, 4, boolT), datumFn(false, func(_ *EvalContext, _ []types.Datum) (types.Datum, error) { return true, nil })))
	registerFunc("current_schemas", fsig(textT, datumFn(true, func(ec *EvalContext, a []types.Datum) (types.Datum, error) {
		var out []string
		if b, _ := a[0].(bool); b {
			out = append(out, "pg_catalog")
		}
		for _, s := range ec.SearchPath {
			if s != "$user" && s != "pg_catalog" {
				out = append(out, s)
			}
		}
		return FormatTextArray(out), nil
	}), boolT))
	registerFunc("set_config", fsig(textT, datumFn(false, func(ec *EvalContext, a []types.Datum) (types.Datum, error) {
		cf, err := catalogOf(ec)
		if err != nil {
			return nil, err
		}
		if a[0] == nil {
			return nil, sqlerr.Newf(sqlerr.NullValueNotAllowed, "SET requires parameter name")
		}
		local, _ := a[2].(bool)
		return cf.SetConfig(asText(a[0]), asText(a[1]), local)
	}), textT, textT, boolT))
	registerFunc("pg_postmaster_start_time,pg_conf_load_time", fsig(types.TSTZType, datumFn(false, func(ec *EvalContext, _ []types.Datum) (types.Datum, error) {
		cf, err := catalogOf(ec)
		if err != nil {
			return nil, err
		}
		return cf.StartTime().UnixMicro(), nil
	})))
	registerFunc("pg_encoding_to_char", fsig(textT, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		if asInt(a[0]) == 6 {
			return "UTF8", nil
		}
		if asInt(a[0]) == 0 {
			return "SQL_ASCII", nil
		}
		return "", nil
	}), i64T))
	registerFunc("pg_char_to_encoding", fsig(i32T, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		if strings.EqualFold(asText(a[0]), "utf8") || strings.EqualFold(asText(a[0]), "utf-8") {
			return int64(6), nil
		}
		return int64(-1), nil
	}), textT))
	registerFunc("getdatabaseencoding", sessionText(func(*EvalContext) string { return "UTF8" }))
	registerFunc("pg_table_size,pg_relation_size,pg_total_relation_size,pg_indexes_size", frsig(anyArgs(1, 2, i64T), datumFn(true, func(ec *EvalContext, a []types.Datum) (types.Datum, error) {
		cf, oid, err := relationArg(ec, a[0])
		if err != nil {
			return nil, err
		}
		return cf.RelationSize(oid), nil
	})))
	// pg_database_size(name or oid): the one database's stored size.
	registerFunc("pg_database_size", frsig(anyArgs(1, 1, i64T), datumFn(true, func(ec *EvalContext, _ []types.Datum) (types.Datum, error) {
		cf, err := catalogOf(ec)
		if err != nil {
			return nil, err
		}
		return cf.RelationSize(DatabaseSizeOID), nil
	})))
	registerFunc("pg_size_pretty", fsig(textT, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		return sizePretty(asInt(a[0])), nil
	}), i64T))
	registerFunc("pg_tablespace_location", fsig(textT, datumFn(true, func(_ *EvalContext, _ []types.Datum) (types.Datum, error) { return "", nil }), i64T))
	registerFunc("txid_current,pg_current_xact_id", fsig(i64T, datumFn(false, func(ec *EvalContext, _ []types.Datum) (types.Datum, error) {
		if ec == nil || ec.Catalog == nil {
			return nil, sqlerr.Newf(sqlerr.FeatureNotSupported, "txid_current needs a session")
		}
		return ec.TxStart.UnixMicro()&(1<<31-1) | 1<<20, nil
	})))
	registerFunc("pg_cancel_backend,pg_terminate_backend", fsig(boolT, datumFn(true, func(_ *EvalContext, _ []types.Datum) (types.Datum, error) { return false, nil }), i64T))
	registerFunc("format_encoding", fsig(textT, datumFn(true, func(_ *EvalContext, a []types.Datum) (types.Datum, error) {
		return EncodingName(asInt(a[0])), nil
	}), i64T))
	registerFunc("pg_get_function_result", oidFn(textT, func(_ *EvalContext, _ CatalogFuncs, oid int64) (types.Datum, error) {
		if p, ok := ProcByOID(oid); ok {
			return FormatPgType(p.Ret, -1), nil
		}
		return nil, nil
	}))
	registerFunc("pg_get_function_arguments,pg_get_function_identity_arguments", oidFn(textT, func(_ *EvalContext, _ CatalogFuncs, oid int64) (types.Datum, error) {
		p, ok := ProcByOID(oid)
		if !ok {
			return nil, nil
		}
		return procArgs(p), nil
	}))
	// pg_get_functiondef (psql's \sf): built-in functions are "internal",
	// as PostgreSQL shows its own.
	registerFunc("pg_get_functiondef", oidFn(textT, func(_ *EvalContext, _ CatalogFuncs, oid int64) (types.Datum, error) {
		p, ok := ProcByOID(oid)
		if !ok {
			return nil, nil
		}
		return "CREATE OR REPLACE FUNCTION pg_catalog." + p.Name + "(" + procArgs(p) + ")\n RETURNS " +
			FormatPgType(p.Ret, -1) + "\n LANGUAGE internal\nAS $function$" + p.Name + "$function$\n", nil
	}))
}

// procArgs lists a function's argument types as PostgreSQL prints them.
func procArgs(p ProcInfo) string {
	parts := make([]string, len(p.Args))
	for i, a := range p.Args {
		parts[i] = FormatPgType(a, -1)
	}
	return strings.Join(parts, ", ")
}

// sizePretty is PostgreSQL's pg_size_pretty: bytes below 10 kB, then the
// largest unit that keeps the value under 20480 halves, rounded half up.
func sizePretty(n int64) string {
	const limit = 10 * 1024
	neg := n < 0
	if neg {
		n = -n
	}
	var s string
	if n < limit {
		s = strconv.FormatInt(n, 10) + " bytes"
	} else {
		n >>= 9 // keep one extra bit for rounding
		units := []string{"kB", "MB", "GB", "TB", "PB"}
		u := 0
		for u < len(units)-1 && n >= 2*limit-1 {
			n >>= 10
			u++
		}
		s = strconv.FormatInt((n+1)/2, 10) + " " + units[u]
	}
	if neg {
		s = "-" + s
	}
	return s
}

// encodingNames are Redshift's column encodings by pg_attribute.attencodingtype.
var encodingNames = []string{"none", "bytedict", "delta", "delta32k", "lzo", "mostly8", "mostly16", "mostly32", "runlength", "text255", "text32k", "zstd", "az64"}

// EncodingName returns a Redshift column encoding's name by its number.
func EncodingName(n int64) string {
	if n >= 0 && int(n) < len(encodingNames) {
		return encodingNames[n]
	}
	return "none"
}

// EncodingNumber returns the number of a Redshift column encoding name.
func EncodingNumber(name string) int64 {
	name = strings.ToLower(name)
	if name == "raw" || name == "none" {
		return 0
	}
	for i, e := range encodingNames {
		if e == name {
			return int64(i)
		}
	}
	return 0
}

// relationArg reads a relation argument given as an oid or as a name
// (resolved with the search path, 42P01 when missing).
func relationArg(ec *EvalContext, d types.Datum) (CatalogFuncs, int64, error) {
	cf, err := catalogOf(ec)
	if err != nil {
		return nil, 0, err
	}
	if oid, ok := d.(int64); ok {
		return cf, oid, nil
	}
	oid, err := cf.LookupOID(OIDClass, asText(d))
	return cf, oid, err
}
