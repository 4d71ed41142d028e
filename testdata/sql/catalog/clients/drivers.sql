-- Catalog and session statements of drivers and tools other than psql and DatabaseMetaData:
-- pgjdbc's TypeInfoCache, psycopg2's hstore probe, SQLAlchemy-redshift, dbt-redshift, Metabase,
-- Grafana, pg_dump/pgAdmin (verbatim from their sources, see shared/research/CLIENTS.md).

-- query 1
SELECT typinput='pg_catalog.array_in'::regproc as is_array, typtype, typname, pg_type.oid   FROM pg_catalog.pg_type   LEFT JOIN (select ns.oid as nspoid, ns.nspname, r.r           from pg_namespace as ns           join ( select s.r, (current_schemas(false))[s.r] as nspname                    from generate_series(1, array_upper(current_schemas(false), 1)) as s(r) ) as r          using ( nspname )        ) as sp     ON sp.nspoid = typnamespace  WHERE typname = 'int4'  ORDER BY sp.r, pg_type.oid DESC LIMIT 1

-- query 2
SELECT e.typdelim FROM pg_catalog.pg_type t, pg_catalog.pg_type e WHERE t.oid = 1007 and t.typelem = e.oid

-- query 3
SELECT n.nspname = ANY(current_schemas(true)), n.nspname, t.typname FROM pg_catalog.pg_type t JOIN pg_catalog.pg_namespace n ON t.typnamespace = n.oid WHERE t.oid = 1043

-- query 4
SELECT t.oid, typarray FROM pg_type t JOIN pg_namespace ns ON typnamespace = ns.oid WHERE typname = 'hstore'

-- query 5
SELECT n.nspname as "schema", c.relname as "table_name", att.attname as "name", format_encoding(att.attencodingtype::integer) as "encode", format_type(att.atttypid, att.atttypmod) as "type", att.attisdistkey as "distkey", att.attsortkeyord as "sortkey", att.attnotnull as "notnull", pg_catalog.col_description(att.attrelid, att.attnum) as "comment", adsrc, attnum, pg_catalog.format_type(att.atttypid, att.atttypmod), pg_catalog.pg_get_expr(ad.adbin, ad.adrelid) AS DEFAULT, n.oid as "schema_oid", c.oid as "table_oid" FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_attribute att ON att.attrelid = c.oid LEFT JOIN pg_catalog.pg_attrdef ad ON (att.attrelid, att.attnum) = (ad.adrelid, ad.adnum) WHERE n.nspname !~ '^pg_' AND att.attnum > 0 AND NOT att.attisdropped UNION SELECT view_schema as "schema", view_name as "table_name", col_name as "name", null as "encode", col_type as "type", null as "distkey", 0 as "sortkey", null as "notnull", null as "comment", null as "adsrc", null as "attnum", col_type as "format_type", null as "default", null as "schema_oid", null as "table_oid" FROM pg_get_late_binding_view_cols() cols( view_schema name, view_name name, col_name name, col_type varchar, col_num int) ORDER BY "schema", "table_name", "attnum"

-- query 6
SELECT n.nspname as "schema", c.relname as "table_name", t.contype, t.conname, t.conkey, a.attnum, a.attname, pg_catalog.pg_get_constraintdef(t.oid, true)::varchar(512) as condef, n.oid as "schema_oid", c.oid as "rel_oid" FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_constraint t ON t.conrelid = c.oid JOIN pg_catalog.pg_attribute a ON t.conrelid = a.attrelid AND a.attnum = ANY(t.conkey) WHERE n.nspname !~ '^pg_' ORDER BY n.nspname, c.relname

-- query 7
SELECT c.relkind, n.oid as "schema_oid", n.nspname as "schema", c.oid as "rel_oid", c.relname, CASE c.reldiststyle WHEN 0 THEN 'EVEN' WHEN 1 THEN 'KEY' WHEN 8 THEN 'ALL' END AS "diststyle", c.relowner AS "owner_id", u.usename AS "owner_name", TRIM(TRAILING ';' FROM pg_catalog.pg_get_viewdef(c.oid, true)) AS "view_definition", pg_catalog.array_to_string(c.relacl, '\n') AS "privileges" FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace JOIN pg_catalog.pg_user u ON u.usesysid = c.relowner WHERE c.relkind IN ('r', 'v', 'm', 'S', 'f') AND n.nspname !~ '^pg_' ORDER BY c.relkind, n.oid, n.nspname

-- query 8
select table_catalog as database, table_name as name, table_schema as schema, 'table' as type from information_schema.tables where table_schema ilike 'public' and table_type = 'BASE TABLE' union all select table_catalog as database, table_name as name, table_schema as schema, case when view_definition ilike '%create materialized view%' then 'materialized_view' else 'view' end as type from information_schema.views where table_schema ilike 'public'

-- query 9
with bound_views as (select ordinal_position, table_schema, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale from information_schema."columns" where table_name = 'orders') select * from bound_views order by ordinal_position

-- query 10
select schemaname, tablename, tableowner from pg_tables where schemaname = 'public' order by tablename

-- query 11
select schemaname, viewname, viewowner from pg_views where schemaname = 'public'

-- query 12
SELECT HAS_SCHEMA_PRIVILEGE('public', 'USAGE')

-- query 13
SELECT QUOTE_LITERAL('it''s')

-- query 14
SELECT fk_ns.nspname AS "fk-table-schema", fk_table.relname AS "fk-table-name", fk_column.attname AS "fk-column-name", pk_ns.nspname AS "pk-table-schema", pk_table.relname AS "pk-table-name", pk_column.attname AS "pk-column-name" FROM pg_constraint c JOIN pg_class fk_table ON c.conrelid = fk_table.oid JOIN pg_namespace fk_ns ON c.connamespace = fk_ns.oid JOIN pg_attribute fk_column ON c.conrelid = fk_column.attrelid JOIN pg_class pk_table ON c.confrelid = pk_table.oid JOIN pg_namespace pk_ns ON pk_table.relnamespace = pk_ns.oid JOIN pg_attribute pk_column ON c.confrelid = pk_column.attrelid WHERE fk_ns.nspname !~ '^information_schema|catalog_history|pg_' AND c.contype = 'f'::char AND fk_column.attnum = ANY(c.conkey) AND pk_column.attnum = ANY(c.confkey) ORDER BY fk_ns.nspname, fk_table.relname, fk_column.attname

-- query 15
SELECT current_setting('server_version_num')::int/100 as version

-- query 16
SELECT extversion FROM pg_extension WHERE extname = 'timescaledb'

-- query 17
select quote_ident(table_name) as "table" from information_schema.tables where quote_ident(table_schema) not in ('information_schema', 'pg_catalog') and table_type = 'BASE TABLE' order by 1

-- query 18
select column_name as "column", data_type as "type" from information_schema.columns where quote_ident(table_name) = 'orders' order by ordinal_position

-- query 19
SELECT pg_catalog.set_config('search_path', '', false)

-- query 20
SELECT pg_catalog.set_config('search_path', 'public', false)

-- query 21
SELECT pg_backend_pid(), pg_is_in_recovery(), txid_current() > 0, pg_postmaster_start_time() <= now()

-- query 22
SELECT c.oid::regclass::text, 'orders'::regclass::oid = c.oid, 'public.orders'::regclass::text FROM pg_class c WHERE c.relname = 'orders'

-- query 23
SELECT 'int4'::regtype::text, 'character varying'::regtype::oid, 'pg_catalog.array_in'::regproc::oid, 'public'::regnamespace::oid

-- query 24
SELECT datname FROM pg_database WHERE datallowconn = true ORDER BY datname

-- query 25
SELECT name, setting FROM pg_settings WHERE name IN ('max_index_keys', 'server_version') ORDER BY name

-- query 26
SELECT usename, usesuper FROM pg_user ORDER BY 1

-- query 27
SELECT pg_size_pretty(pg_table_size(c.oid)), pg_size_pretty(123456789::bigint) FROM pg_class c WHERE c.relname = 'orders'

-- query 28
SELECT n.oid,n.*,d.description FROM pg_catalog.pg_namespace n
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=n.oid AND d.objsubid=0 AND d.classoid='pg_namespace'::regclass
 ORDER BY nspname

-- query 29
SELECT c.oid,c.*,d.description,pg_catalog.pg_get_expr(c.relpartbound, c.oid) as partition_expr,  pg_catalog.pg_get_partkeydef(c.oid) as partition_key 
FROM pg_catalog.pg_class c
LEFT OUTER JOIN pg_catalog.pg_description d ON d.objoid=c.oid AND d.objsubid=0 AND d.classoid='pg_class'::regclass
WHERE c.relnamespace=2200 AND c.relkind not in ('i','I','c')

-- query 30
SELECT c.relname,a.*,pg_catalog.pg_get_expr(ad.adbin, ad.adrelid, true) as def_value,dsc.description,dep.objid
FROM pg_catalog.pg_attribute a
INNER JOIN pg_catalog.pg_class c ON (a.attrelid=c.oid)
LEFT OUTER JOIN pg_catalog.pg_attrdef ad ON (a.attrelid=ad.adrelid AND a.attnum = ad.adnum)
LEFT OUTER JOIN pg_catalog.pg_description dsc ON (c.oid=dsc.objoid AND a.attnum = dsc.objsubid)
LEFT OUTER JOIN pg_depend dep on dep.refobjid = a.attrelid AND dep.deptype = 'i' and dep.refobjsubid = a.attnum and dep.classid = dep.refclassid
WHERE NOT a.attisdropped AND c.relkind not in ('i','I','c') AND c.oid=__OID:public.orders__
ORDER BY a.attnum

-- query 31
SELECT db.oid,db.* FROM pg_catalog.pg_database db WHERE datname='dev'

-- query 32
SELECT t.oid,t.*,c.relkind,format_type(nullif(t.typbasetype, 0), t.typtypmod) as base_type_name, d.description
FROM pg_catalog.pg_type t
LEFT OUTER JOIN pg_catalog.pg_type et ON et.oid=t.typelem
LEFT OUTER JOIN pg_catalog.pg_class c ON c.oid=t.typrelid
LEFT OUTER JOIN pg_catalog.pg_description d ON t.oid=d.objoid
WHERE t.typname IS NOT NULL
AND (c.relkind IS NULL OR c.relkind = 'c') AND (et.typcategory IS NULL OR et.typcategory <> 'C')

-- query 33
select string_agg(word, ',') from pg_catalog.pg_get_keywords() where word <> ALL ('{a,abs,absolute,action,ada,add,admin,after,all,allocate,alter,always,and,any,are,array,as,asc}'::text[])

-- query 34
SELECT current_schema(),session_user

-- query 35
select * from pg_catalog.pg_settings where name='standard_conforming_strings'

-- query 36
SELECT a.oid,a.* FROM pg_catalog.pg_roles a ORDER BY a.oid

-- query 37
SELECT e.oid, e.extname, e.extversion, n.nspname FROM pg_catalog.pg_extension e JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace

-- query 38
SELECT pid, usename, application_name, state, query FROM pg_catalog.pg_stat_activity WHERE pid = pg_backend_pid()
