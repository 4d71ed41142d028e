-- SQLAlchemy 1.4's PostgreSQL dialect (psycopg2): connect-time statements and the text() reflection
-- queries of dialects/postgresql/base.py for a server below version 10 (ours reports 8.0.2),
-- with the bound values written in; __OID:x__ is x's OID.

-- query 1
select pg_catalog.version()

-- query 2
select current_schema()

-- query 3
show standard_conforming_strings

-- query 4
show transaction isolation level

-- query 5
select relname from pg_class c join pg_namespace n on n.oid=c.relnamespace where pg_catalog.pg_table_is_visible(c.oid) and relname='orders'

-- query 6
select relname from pg_class c join pg_namespace n on n.oid=c.relnamespace where n.nspname='sales' and relname='region'

-- query 7
SELECT c.oid FROM pg_catalog.pg_class c LEFT JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE (pg_catalog.pg_table_is_visible(c.oid)) AND c.relname = 'orders' AND c.relkind in ('r', 'v', 'm', 'f', 'p')

-- query 8
SELECT nspname FROM pg_namespace WHERE nspname NOT LIKE 'pg_%' ORDER BY nspname

-- query 9
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind in ('r', 'p')

-- query 10
SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('v', 'm')

-- query 11
SELECT pg_get_viewdef(c.oid) view_def FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = 'big_orders' AND c.relkind IN ('v', 'm')

-- query 12
SELECT a.attname,
  pg_catalog.format_type(a.atttypid, a.atttypmod),
  (SELECT pg_catalog.pg_get_expr(d.adbin, d.adrelid)
    FROM pg_catalog.pg_attrdef d
   WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum
   AND a.atthasdef)
  AS DEFAULT,
  a.attnotnull, a.attnum, a.attrelid as table_oid,
  pgd.description as comment,
  NULL as generated,
  NULL as identity_options
FROM pg_catalog.pg_attribute a
LEFT JOIN pg_catalog.pg_description pgd ON (
    pgd.objoid = a.attrelid AND pgd.objsubid = a.attnum)
WHERE a.attrelid = __OID:public.orders__
AND a.attnum > 0 AND NOT a.attisdropped
ORDER BY a.attnum

-- query 13
SELECT t.typname as "name",
   pg_catalog.format_type(t.typbasetype, t.typtypmod) as "attype",
   not t.typnotnull as "nullable",
   t.typdefault as "default",
   pg_catalog.pg_type_is_visible(t.oid) as "visible",
   n.nspname as "schema"
FROM pg_catalog.pg_type t
   LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
WHERE t.typtype = 'd'

-- query 14
SELECT t.typname as "name",
   pg_catalog.pg_type_is_visible(t.oid) as "visible",
   n.nspname as "schema",
   e.enumlabel as "label"
FROM pg_catalog.pg_type t
     LEFT JOIN pg_catalog.pg_namespace n ON n.oid = t.typnamespace
     LEFT JOIN pg_catalog.pg_enum e ON t.oid = e.enumtypid
WHERE t.typtype = 'e'
ORDER BY "schema", "name", e.oid

-- query 15
SELECT a.attname
FROM pg_attribute a JOIN (
    SELECT unnest(ix.indkey) attnum,
           generate_subscripts(ix.indkey, 1) ord
    FROM pg_index ix
    WHERE ix.indrelid = __OID:public.orders__ AND ix.indisprimary
    ) k ON a.attnum=k.attnum
WHERE a.attrelid = __OID:public.orders__
ORDER BY k.ord

-- query 16
SELECT conname
   FROM  pg_catalog.pg_constraint r
   WHERE r.conrelid = __OID:public.orders__ AND r.contype = 'p'
   ORDER BY 1

-- query 17
SELECT r.conname,
      pg_catalog.pg_get_constraintdef(r.oid, true) as condef,
      n.nspname as conschema
FROM  pg_catalog.pg_constraint r,
      pg_namespace n,
      pg_class c
WHERE r.conrelid = __OID:public.orders__ AND
      r.contype = 'f' AND
      c.oid = confrelid AND
      n.oid = c.relnamespace
ORDER BY 1

-- query 18
SELECT
    i.relname as relname,
    ix.indisunique, ix.indexprs, ix.indpred,
    a.attname, a.attnum, c.conrelid, ix.indkey::varchar,
    ix.indoption::varchar, i.reloptions, am.amname,
    NULL as indnkeyatts
FROM
    pg_class t
        join pg_index ix on t.oid = ix.indrelid
        join pg_class i on i.oid = ix.indexrelid
        left outer join
            pg_attribute a
            on t.oid = a.attrelid and a.attnum = ANY(ix.indkey)
        left outer join
            pg_constraint c
            on (ix.indrelid = c.conrelid and
                ix.indexrelid = c.conindid and
                c.contype in ('p', 'u', 'x'))
        left outer join
            pg_am am
            on i.relam = am.oid
WHERE
    t.relkind IN ('r', 'v', 'f', 'm', 'p')
    and t.oid = __OID:public.orders__
    and ix.indisprimary = 'f'
ORDER BY
    t.relname,
    i.relname

-- query 19
SELECT
    cons.conname as name,
    cons.conkey as key,
    a.attnum as col_num,
    a.attname as col_name
FROM
    pg_catalog.pg_constraint cons
    join pg_attribute a
      on cons.conrelid = a.attrelid AND
        a.attnum = ANY(cons.conkey)
WHERE
    cons.conrelid = __OID:public.orders__ AND
    cons.contype = 'u'

-- query 20
SELECT
    pgd.description as table_comment
FROM
    pg_catalog.pg_description pgd
WHERE
    pgd.objsubid = 0 AND
    pgd.objoid = __OID:public.orders__

-- query 21
SELECT
    cons.conname as name,
    pg_get_constraintdef(cons.oid) as src
FROM
    pg_catalog.pg_constraint cons
WHERE
    cons.conrelid = __OID:public.orders__ AND
    cons.contype = 'c'
ORDER BY cons.conname
