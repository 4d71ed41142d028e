"""Drive a server through psqlODBC (Debian's odbc-postgresql, unixODBC and
python3-pyodbc; run with /usr/bin/python3), the driver family Redshift's
own ODBC driver and BI tools like Tableau come from: catalog functions
(SQLTables, SQLColumns, SQLPrimaryKeys, SQLGetTypeInfo), ? parameters,
and the Declare/Fetch mode Tableau uses for large extracts. Connection
settings come from the libpq environment. Prints "PASS name" or
"FAIL name: reason"; exits 1 on a failure."""

import datetime
import decimal
import os
import sys
import traceback

import pyodbc

FAILURES = []


def check(fn):
    name = fn.__name__
    try:
        fn()
        print("PASS", name, flush=True)
    except Exception as e:  # report every failure, then go on
        FAILURES.append(name)
        print("FAIL %s: %r" % (name, e), flush=True)
        traceback.print_exc(file=sys.stdout)
    return fn


def expect(ok, what):
    if not ok:
        raise AssertionError(what)


def connect(**extra):
    e = os.environ
    opts = dict(DRIVER="{PostgreSQL Unicode}", SERVER=e["PGHOST"], PORT=e["PGPORT"], DATABASE=e["PGDATABASE"],
                UID=e["PGUSER"], PWD=e["PGPASSWORD"], SSLmode="disable", CommLog="0", Debug="0", BoolsAsChar="0")
    opts.update(extra)
    return pyodbc.connect(";".join("%s=%s" % kv for kv in opts.items()), autocommit=True, timeout=10)


conn = connect()
print("PASS connect (%s %s)" % (conn.getinfo(pyodbc.SQL_DBMS_NAME), conn.getinfo(pyodbc.SQL_DBMS_VER)), flush=True)


@check
def sql_tables():
    names = {r.table_name for r in conn.cursor().tables(schema="public", tableType="TABLE")}
    for t in ("lineitem", "orders", "nation"):
        expect(t in names, "%s not in %s" % (t, sorted(names)))


@check
def sql_columns():
    cols = {r.column_name: r for r in conn.cursor().columns(table="lineitem", schema="public")}
    expect(len(cols) == 16, sorted(cols))
    p = cols["l_extendedprice"]
    expect(p.data_type == pyodbc.SQL_NUMERIC and p.column_size == 15 and p.decimal_digits == 2,
           "l_extendedprice %s %s %s" % (p.data_type, p.column_size, p.decimal_digits))
    c = cols["l_comment"]
    expect(c.data_type in (pyodbc.SQL_VARCHAR, pyodbc.SQL_WVARCHAR) and c.column_size == 44,
           "l_comment %s %s" % (c.data_type, c.column_size))


@check
def sql_primary_keys():
    cur = conn.cursor()
    cur.execute("drop table if exists odbc_pk")
    cur.execute("create table odbc_pk (id integer not null, name varchar(10), primary key (id))")
    keys = [r.column_name for r in conn.cursor().primaryKeys("odbc_pk", schema="public")]
    expect(keys == ["id"], keys)


@check
def sql_get_type_info():
    names = {r.type_name for r in conn.cursor().getTypeInfo()}
    for t in ("int4", "varchar", "numeric", "date", "bool"):
        expect(t in names, "%s not in %s" % (t, sorted(names)))


@check
def params():
    cur = conn.cursor()
    want = cur.execute("select count(*) from orders where o_orderdate >= date '1995-01-01' and o_orderstatus = 'F' "
                       "and o_totalprice > 1000.25").fetchval()
    got = cur.execute("select count(*) from orders where o_orderdate >= ? and o_orderstatus = ? and o_totalprice > ?",
                      datetime.date(1995, 1, 1), "F", decimal.Decimal("1000.25")).fetchval()
    expect(want > 0 and got == want, "with params %s, with literals %s" % (got, want))


@check
def types():
    row = conn.cursor().execute(
        "select 1234.56::numeric(10,2), date '2024-02-29', timestamp '2024-02-29 13:14:15.25', 42::int4, "
        "9000000000::int8, 2.5::float8, 'tëxt'::varchar(10), true, null::int4").fetchone()
    want = [decimal.Decimal("1234.56"), datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 14, 15, 250000),
            42, 9000000000, 2.5, "tëxt", True, None]
    for i, (g, w) in enumerate(zip(row, want)):
        expect(g == w, "column %d: %r, want %r" % (i + 1, g, w))


@check
def executemany():
    cur = conn.cursor()
    cur.execute("drop table if exists odbc_many")
    cur.execute("create table odbc_many (id integer, name varchar(20), amount decimal(10,2))")
    cur.executemany("insert into odbc_many values (?, ?, ?)", [(i, "n%d" % i, decimal.Decimal(i)) for i in range(40)])
    row = cur.execute("select count(*), sum(amount) from odbc_many").fetchone()
    expect(tuple(row) == (40, decimal.Decimal("780.00")), row)


@check
def errors():
    cur = conn.cursor()
    for sql, state in [("select * from no_such_table", "42P01"), ("select 1/0", "22012")]:
        try:
            cur.execute(sql)
            raise AssertionError("%s: no error" % sql)
        except pyodbc.Error as e:
            expect(e.args[0] == state, "%s: state %s, want %s (%s)" % (sql, e.args[0], state, e))
    expect(cur.execute("select 1").fetchval() == 1, "session after errors")


@check
def declare_fetch():
    # Tableau's "Use Declare/Fetch": DECLARE ... CURSOR; FETCH 100 at a time.
    c2 = connect(UseDeclareFetch="1", Fetch="100")
    try:
        c2.autocommit = False
        cur = c2.cursor()
        want = conn.cursor().execute("select count(*) from lineitem").fetchval()
        n = sum(1 for _ in cur.execute("select l_orderkey, l_comment from lineitem"))
        expect(n == want, "fetched %d rows, want %d" % (n, want))
        c2.commit()
    finally:
        c2.close()


conn.close()
if FAILURES:
    print("%d check(s) failed: %s" % (len(FAILURES), ", ".join(FAILURES)))
    sys.exit(1)
