package warehoused

import (
	"github.com/warehoused/warehoused/catalog"
	"github.com/warehoused/warehoused/types"
)

// Catalogs psql joins through the tableoid system column (\dd, \dL) carry
// it as an ordinary last column.

// noRows is the rows function of catalogs the engine has nothing for.
func noRows(*Conn, *dbState, func(...types.Datum)) {}

// emptyTable declares an always-empty pg_catalog relation.
func emptyTable(id catalog.TableID, name string, pairs ...any) systemTable {
	return systemTable{id, catalog.PgCatalog, name, pgCols(pairs...), noRows}
}

// pgEmptyTables are catalogs of objects the engine does not have (indexes,
// constraints, triggers, rules, policies, inheritance, publications ...):
// clients join them, so they exist with PostgreSQL's columns and no rows.
// (pg_constraint and pg_index: system_pg_constraint.go.)
var pgEmptyTables = []systemTable{
	emptyTable(1102, "pg_inherits", "inhrelid", oidT, "inhparent", oidT, "inhseqno", intT, "inhdetachpending", boolT),
	emptyTable(1103, "pg_trigger", "oid", oidT, "tgrelid", oidT, "tgparentid", oidT, "tgname", nameT, "tgfoid", oidT,
		"tgtype", i16T, "tgenabled", charT, "tgisinternal", boolT, "tgconstrrelid", oidT, "tgconstrindid", oidT,
		"tgconstraint", oidT, "tgdeferrable", boolT, "tginitdeferred", boolT, "tgnargs", i16T, "tgattr", arrT,
		"tgargs", textT, "tgqual", textT, "tgoldtable", nameT, "tgnewtable", nameT,
		"tableoid", oidT),
	emptyTable(1104, "pg_rewrite", "oid", oidT, "rulename", nameT, "ev_class", oidT, "ev_type", charT,
		"ev_enabled", charT, "is_instead", boolT, "ev_qual", textT, "ev_action", textT,
		"tableoid", oidT),
	emptyTable(1105, "pg_policy", "oid", oidT, "polname", nameT, "polrelid", oidT, "polcmd", charT,
		"polpermissive", boolT, "polroles", arrT, "polqual", textT, "polwithcheck", textT),
	emptyTable(1106, "pg_depend", "classid", oidT, "objid", oidT, "objsubid", intT, "refclassid", oidT,
		"refobjid", oidT, "refobjsubid", intT, "deptype", charT),
	emptyTable(1107, "pg_statistic_ext", "oid", oidT, "stxrelid", oidT, "stxname", nameT, "stxnamespace", oidT,
		"stxowner", oidT, "stxstattarget", intT, "stxkeys", arrT, "stxkind", arrT, "stxexprs", textT),
	emptyTable(1108, "pg_publication", "oid", oidT, "pubname", nameT, "pubowner", oidT, "puballtables", boolT,
		"pubinsert", boolT, "pubupdate", boolT, "pubdelete", boolT, "pubtruncate", boolT, "pubviaroot", boolT),
	emptyTable(1109, "pg_publication_namespace", "oid", oidT, "pnpubid", oidT, "pnnspid", oidT),
	emptyTable(1110, "pg_publication_rel", "oid", oidT, "prpubid", oidT, "prrelid", oidT, "prqual", textT, "prattrs", arrT),
	emptyTable(1111, "pg_enum", "oid", oidT, "enumtypid", oidT, "enumsortorder", f32T, "enumlabel", nameT),
	emptyTable(1112, "pg_locks", "locktype", textT, "database", oidT, "relation", oidT, "page", intT, "tuple", i16T,
		"virtualxid", textT, "transactionid", oidT, "classid", oidT, "objid", oidT, "objsubid", i16T,
		"virtualtransaction", textT, "pid", intT, "mode", textT, "granted", boolT, "fastpath", boolT, "waitstart", tstzT),
	emptyTable(1113, "pg_matviews", "schemaname", nameT, "matviewname", nameT, "matviewowner", nameT,
		"tablespace", nameT, "hasindexes", boolT, "ispopulated", boolT, "definition", textT),
	emptyTable(1114, "pg_indexes", "schemaname", nameT, "tablename", nameT, "indexname", nameT, "tablespace", nameT, "indexdef", textT),
	emptyTable(1115, "pg_sequence", "seqrelid", oidT, "seqtypid", oidT, "seqstart", i64T, "seqincrement", i64T,
		"seqmax", i64T, "seqmin", i64T, "seqcache", i64T, "seqcycle", boolT),
	emptyTable(1116, "pg_partitioned_table", "partrelid", oidT, "partstrat", charT, "partnatts", i16T,
		"partdefid", oidT, "partattrs", arrT, "partclass", arrT, "partcollation", arrT, "partexprs", textT),
	emptyTable(1117, "pg_foreign_table", "ftrelid", oidT, "ftserver", oidT, "ftoptions", arrT),
	emptyTable(1118, "pg_opclass", "oid", oidT, "opcmethod", oidT, "opcname", nameT, "opcnamespace", oidT,
		"opcowner", oidT, "opcfamily", oidT, "opcintype", oidT, "opcdefault", boolT, "opckeytype", oidT,
		"tableoid", oidT),
	emptyTable(1119, "pg_operator", "oid", oidT, "oprname", nameT, "oprnamespace", oidT, "oprowner", oidT,
		"oprkind", charT, "oprcanmerge", boolT, "oprcanhash", boolT, "oprleft", oidT, "oprright", oidT,
		"oprresult", oidT, "oprcom", oidT, "oprnegate", oidT, "oprcode", oidT, "oprrest", oidT, "oprjoin", oidT),
	emptyTable(1120, "pg_conversion", "oid", oidT, "conname", nameT, "connamespace", oidT, "conowner", oidT,
		"conforencoding", intT, "contoencoding", intT, "conproc", oidT, "condefault", boolT),
	emptyTable(1121, "pg_aggregate", "aggfnoid", oidT, "aggkind", charT, "aggnumdirectargs", i16T, "aggtransfn", oidT,
		"aggfinalfn", oidT, "aggtranstype", oidT, "agginitval", textT),
	emptyTable(1122, "pg_cursors", "name", textT, "statement", textT, "is_holdable", boolT, "is_binary", boolT,
		"is_scrollable", boolT, "creation_time", tstzT),
	emptyTable(1123, "pg_prepared_statements", "name", textT, "statement", textT, "prepare_time", tstzT,
		"parameter_types", arrT, "from_sql", boolT, "generic_plans", i64T, "custom_plans", i64T),
	emptyTable(1124, "pg_event_trigger", "oid", oidT, "evtname", nameT, "evtevent", nameT, "evtowner", oidT,
		"evtfoid", oidT, "evtenabled", charT, "evttags", arrT),
	emptyTable(1125, "pg_cast", "oid", oidT, "castsource", oidT, "casttarget", oidT, "castfunc", oidT,
		"castcontext", charT, "castmethod", charT),
	emptyTable(1126, "pg_opfamily", "oid", oidT, "opfmethod", oidT, "opfname", nameT, "opfnamespace", oidT, "opfowner", oidT,
		"tableoid", oidT),
	emptyTable(1127, "pg_range", "rngtypid", oidT, "rngsubtype", oidT, "rngmultitypid", oidT, "rngcollation", oidT,
		"rngsubopc", oidT, "rngcanonical", oidT, "rngsubdiff", oidT),
	emptyTable(1128, "pg_foreign_server", "oid", oidT, "srvname", nameT, "srvowner", oidT, "srvfdw", oidT,
		"srvtype", textT, "srvversion", textT, "srvacl", arrT, "srvoptions", arrT),
	emptyTable(1129, "pg_foreign_data_wrapper", "oid", oidT, "fdwname", nameT, "fdwowner", oidT, "fdwhandler", oidT,
		"fdwvalidator", oidT, "fdwacl", arrT, "fdwoptions", arrT),
	emptyTable(1130, "pg_init_privs", "objoid", oidT, "classoid", oidT, "objsubid", intT, "privtype", charT, "initprivs", arrT),
	emptyTable(1131, "pg_default_acl", "oid", oidT, "defaclrole", oidT, "defaclnamespace", oidT, "defaclobjtype", charT, "defaclacl", arrT),
	emptyTable(1132, "pg_statistic_ext_data", "stxoid", oidT, "stxdinherit", boolT, "stxdndistinct", textT),
	emptyTable(1133, "pg_db_role_setting", "setdatabase", oidT, "setrole", oidT, "setconfig", arrT),
	emptyTable(1134, "pg_ts_config", "oid", oidT, "cfgname", nameT, "cfgnamespace", oidT, "cfgowner", oidT, "cfgparser", oidT),
	emptyTable(1135, "pg_largeobject_metadata", "oid", oidT, "lomowner", oidT, "lomacl", arrT),
	emptyTable(1136, "pg_ts_parser", "oid", oidT, "prsname", nameT, "prsnamespace", oidT),
	emptyTable(1137, "pg_ts_dict", "oid", oidT, "dictname", nameT, "dictnamespace", oidT, "dictowner", oidT, "dicttemplate", oidT, "dictinitoption", textT),
	emptyTable(1138, "pg_ts_template", "oid", oidT, "tmplname", nameT, "tmplnamespace", oidT, "tmplinit", oidT, "tmpllexize", oidT),
	emptyTable(1139, "pg_subscription", "oid", oidT, "subdbid", oidT, "subname", nameT, "subowner", oidT, "subenabled", boolT),
	emptyTable(1140, "pg_user_mapping", "oid", oidT, "umuser", oidT, "umserver", oidT, "umoptions", arrT),
	emptyTable(1141, "pg_user_mappings", "umid", oidT, "srvid", oidT, "srvname", nameT, "umuser", oidT, "usename", nameT, "umoptions", arrT),
	emptyTable(1142, "pg_amop", "oid", oidT, "amopfamily", oidT, "amoplefttype", oidT, "amoprighttype", oidT,
		"amopstrategy", i16T, "amoppurpose", charT, "amopopr", oidT, "amopmethod", oidT, "amopsortfamily", oidT),
	emptyTable(1143, "pg_amproc", "oid", oidT, "amprocfamily", oidT, "amproclefttype", oidT, "amprocrighttype", oidT,
		"amprocnum", i16T, "amproc", oidT),
}
