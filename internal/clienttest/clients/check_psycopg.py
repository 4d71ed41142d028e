"""Drive a server through psycopg2 and SQLAlchemy (Debian's python3-psycopg2
and python3-sqlalchemy, so run with /usr/bin/python3). Connection settings
come from the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD,
PGDATABASE). Prints "PASS name" per check or "FAIL name: reason", and exits
1 if any check failed."""

import datetime
import decimal
import io
import os
import re
import sys
import traceback

import psycopg2
import psycopg2.errors
import psycopg2.extras

FAILURES = []


def check(name):
    def wrap(fn):
        try:
            fn()
            print("PASS", name, flush=True)
        except Exception as e:  # report every failure, then go on
            FAILURES.append(name)
            code = getattr(e, "pgcode", None)
            print("FAIL %s: %s%s" % (name, repr(e).strip(), " [SQLSTATE %s]" % code if code else ""), flush=True)
            traceback.print_exc(file=sys.stdout)
        return fn
    return wrap


def expect(ok, what):
    if not ok:
        raise AssertionError(what)


conn = psycopg2.connect("", application_name="check_psycopg", connect_timeout=10)
conn.autocommit = True
print("PASS connect (server_version %s)" % conn.server_version, flush=True)


def q(sql, args=None):
    with conn.cursor() as cur:
        cur.execute(sql, args)
        return cur.fetchall() if cur.description else cur.rowcount


@check("version")
def _():
    v = q("select version()")[0][0]
    expect(v.startswith("PostgreSQL "), v)
    print("  version():", v)


@check("params")
def _():
    want = q("select count(*) from orders where o_orderdate >= date '1995-01-01' and o_orderstatus = 'F' "
             "and o_totalprice > 1000.25 and o_comment not like '%%x''y%%'")[0][0]
    got = q("select count(*) from orders where o_orderdate >= %s and o_orderstatus = %s and o_totalprice > %s "
            "and o_comment not like %s",
            (datetime.date(1995, 1, 1), "F", decimal.Decimal("1000.25"), "%x'y%"))[0][0]
    expect(want > 0 and got == want, "with params %s, with literals %s" % (got, want))
    rows = q("select n_name, n_regionkey from nation where n_nationkey = %(k)s", {"k": 7})
    expect(len(rows) == 1 and rows[0][0].strip() == "GERMANY" and rows[0][1] == 3, rows)
    rows = q("select n_nationkey from nation where n_nationkey in %s order by 1", ((1, 2, 3),))
    expect([r[0] for r in rows] == [1, 2, 3], rows)


@check("types")
def _():
    row = q("select 1234.56::numeric(10,2), date '2024-02-29', timestamp '2024-02-29 13:14:15.25', "
            "42::int4, 9000000000::int8, 2.5::float8, 'tëxt'::varchar(10), 'ab'::char(4), true, null::int4, "
            "timestamptz '2024-02-29 13:14:15+00'")[0]
    want = (decimal.Decimal("1234.56"), datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 14, 15, 250000),
            42, 9000000000, 2.5, "tëxt", "ab  ", True, None)
    for i, (g, w) in enumerate(zip(row, want)):
        expect(type(g) is type(w) and g == w, "column %d: %r (%s), want %r" % (i + 1, g, type(g).__name__, w))
    tz = row[10]
    expect(isinstance(tz, datetime.datetime) and tz.tzinfo is not None and
           tz.astimezone(datetime.timezone.utc) == datetime.datetime(2024, 2, 29, 13, 14, 15, tzinfo=datetime.timezone.utc),
           "timestamptz %r" % (tz,))


@check("fetchall_tpch")
def _():
    rows = q("select l_returnflag, l_linestatus, sum(l_quantity), avg(l_discount), count(*) from lineitem "
             "group by 1, 2 order by 1, 2")
    expect(len(rows) == 4, rows)
    expect(all(isinstance(r[2], decimal.Decimal) and isinstance(r[4], int) for r in rows), rows)


@check("executemany")
def _():
    q("drop table if exists py_many")
    q("create table py_many (id integer, name varchar(20), d date, amount decimal(10,2))")
    with conn.cursor() as cur:
        cur.executemany("insert into py_many values (%s, %s, %s, %s)",
                        [(i, None if i % 5 == 0 else "n%d" % i, datetime.date(2024, 1, 1) + datetime.timedelta(days=i),
                          decimal.Decimal(i) / 4) for i in range(100)])
    rows = q("select count(*), count(name), sum(amount), max(d) from py_many")
    expect(rows[0] == (100, 80, decimal.Decimal("1237.50"), datetime.date(2024, 4, 9)), rows)


@check("copy_expert")
def _():
    q("drop table if exists py_copy")
    q("create table py_copy (id integer, name varchar(20), amount decimal(10,2))")
    data = "1,one,1.10\n2,\"t,wo\",2.20\n3,,\n"
    with conn.cursor() as cur:
        cur.copy_expert("COPY py_copy FROM STDIN WITH CSV", io.StringIO(data))
        expect(cur.rowcount in (3, -1), "rowcount %s" % cur.rowcount)
        out = io.StringIO()
        cur.copy_expert("COPY (select id, name, amount from py_copy order by id) TO STDOUT WITH CSV", out)
    expect(out.getvalue() == data, "COPY TO gave %r" % out.getvalue())


@check("copy_from_copy_to")
def _():
    q("truncate py_copy")
    with conn.cursor() as cur:
        cur.copy_from(io.StringIO("7\tseven\t7.70\n8\t\\N\t\\N\n"), "py_copy", columns=("id", "name", "amount"))
        out = io.StringIO()
        cur.copy_to(out, "py_copy", columns=("id", "name", "amount"))
    expect(sorted(out.getvalue().splitlines()) == ["7\tseven\t7.70", "8\t\\N\t\\N"], repr(out.getvalue()))


@check("named_cursor")
def _():
    # A named cursor is a server-side cursor: DECLARE ... CURSOR inside a
    # transaction, then FETCH FORWARD itersize at a time.
    c2 = psycopg2.connect("", connect_timeout=10)
    try:
        total = c2.cursor()
        total.execute("select count(*) from lineitem")
        want = total.fetchone()[0]
        cur = c2.cursor(name="big_scan")
        cur.itersize = 1000
        cur.execute("select l_orderkey, l_extendedprice from lineitem")
        n = 0
        for row in cur:
            n += 1
        expect(n == want, "fetched %d rows, want %d" % (n, want))
        cur.close()
        c2.commit()
    finally:
        c2.close()


@check("errors")
def _():
    for sql, cls, code in [("select * from no_such_table", psycopg2.errors.UndefinedTable, "42P01"),
                           ("select 1/0", psycopg2.errors.DivisionByZero, "22012"),
                           ("selec 1", psycopg2.errors.SyntaxError, "42601")]:
        try:
            q(sql)
            raise AssertionError("%s: no error" % sql)
        except psycopg2.Error as e:
            expect(e.pgcode == code and isinstance(e, cls), "%s: %s %r" % (sql, e.pgcode, e))
    expect(q("select 1") == [(1,)], "session after errors")


@check("transaction")
def _():
    c2 = psycopg2.connect("", connect_timeout=10)
    try:
        cur = c2.cursor()
        cur.execute("insert into py_many values (1000, 'tx', null, null)")
        c2.rollback()
        cur.execute("select count(*) from py_many where id = 1000")
        expect(cur.fetchone()[0] == 0, "rollback kept the row")
        try:
            cur.execute("select 1/0")
        except psycopg2.errors.DivisionByZero:
            pass
        try:
            cur.execute("select 1")
            raise AssertionError("statement in aborted transaction succeeded")
        except psycopg2.errors.InFailedSqlTransaction:
            pass
        c2.rollback()
    finally:
        c2.close()


# --- SQLAlchemy -----------------------------------------------------------
import sqlalchemy as sa  # noqa: E402

engine = None


@check("sqlalchemy_connect")
def _():
    global engine
    url = sa.engine.URL.create("postgresql+psycopg2", username=os.environ["PGUSER"], password=os.environ["PGPASSWORD"],
                               host=os.environ["PGHOST"], port=int(os.environ["PGPORT"]),
                               database=os.environ["PGDATABASE"])
    engine = sa.create_engine(url)
    with engine.connect() as c:
        expect(c.execute(sa.text("select 1")).scalar() == 1, "select 1")
    info = engine.dialect.server_version_info
    print("  server_version_info:", info)
    expect(isinstance(info, tuple) and len(info) >= 2 and all(isinstance(x, int) for x in info), info)


@check("sqlalchemy_version_parse")
def _():
    # The PG dialect reads server_version_info from version(); Redshift
    # answers "PostgreSQL 8.0.2 on i686-pc-linux-gnu, ... Redshift 1.0.N".
    with engine.connect() as c:
        v = c.execute(sa.text("select pg_catalog.version()")).scalar()
    m = re.match(r".*(?:PostgreSQL|EnterpriseDB) (\d+)\.?(\d+)?(?:\.(\d+))?(?:\.\d+)?(?:devel|beta)?", v)
    expect(m is not None, "version() %r does not parse" % v)


@check("sqlalchemy_setup")
def _():
    with engine.begin() as c:
        c.execute(sa.text("drop view if exists py_view"))
        c.execute(sa.text("drop table if exists py_pk"))
        c.execute(sa.text("create table py_pk (id integer not null, code varchar(8) not null, note varchar(30), "
                          "primary key (id, code))"))
        c.execute(sa.text("create view py_view as select n_nationkey, n_name from nation"))


@check("inspect_schemas")
def _():
    names = sa.inspect(engine).get_schema_names()
    expect("public" in names, names)


@check("inspect_tables")
def _():
    names = sa.inspect(engine).get_table_names()
    for t in ("lineitem", "orders", "nation", "py_pk"):
        expect(t in names, "%s not in %s" % (t, names))
    expect("py_view" not in names, "view listed as table")


@check("inspect_views")
def _():
    names = sa.inspect(engine).get_view_names()
    expect("py_view" in names, names)


@check("inspect_columns")
def _():
    cols = {c["name"]: c for c in sa.inspect(engine).get_columns("lineitem")}
    expect(len(cols) == 16, list(cols))
    expect(isinstance(cols["l_orderkey"]["type"], sa.Integer) and not cols["l_orderkey"]["nullable"], cols["l_orderkey"])
    price = cols["l_extendedprice"]["type"]
    expect(isinstance(price, sa.Numeric) and price.precision == 15 and price.scale == 2, repr(price))
    expect(isinstance(cols["l_comment"]["type"], sa.String) and cols["l_comment"]["type"].length == 44,
           repr(cols["l_comment"]["type"]))
    expect(isinstance(cols["l_shipdate"]["type"], sa.Date), repr(cols["l_shipdate"]["type"]))


@check("inspect_pk")
def _():
    pk = sa.inspect(engine).get_pk_constraint("py_pk")
    expect(pk["constrained_columns"] == ["id", "code"], pk)


@check("inspect_misc")
def _():
    insp = sa.inspect(engine)
    insp.get_foreign_keys("py_pk")
    insp.get_indexes("py_pk")
    insp.get_unique_constraints("py_pk")


@check("core_select")
def _():
    md = sa.MetaData()
    nation = sa.Table("nation", md, autoload_with=engine)
    region = sa.Table("region", md, autoload_with=engine)
    stmt = (sa.select(region.c.r_name, sa.func.count().label("n"))
            .select_from(nation.join(region, nation.c.n_regionkey == region.c.r_regionkey))
            .where(nation.c.n_nationkey < sa.bindparam("k"))
            .group_by(region.c.r_name)
            .order_by(region.c.r_name))
    with engine.connect() as c:
        rows = [(r.r_name.strip(), r.n) for r in c.execute(stmt, {"k": 25})]
    expect(rows == [("AFRICA", 5), ("AMERICA", 5), ("ASIA", 5), ("EUROPE", 5), ("MIDDLE EAST", 5)], rows)


@check("core_insert")
def _():
    md = sa.MetaData()
    t = sa.Table("py_pk", md, autoload_with=engine)
    with engine.begin() as c:
        c.execute(t.insert(), [{"id": 1, "code": "a", "note": "x"}, {"id": 2, "code": "b", "note": None}])
    with engine.connect() as c:
        expect(c.execute(sa.select(sa.func.count()).select_from(t)).scalar() == 2, "rows after insert")


if FAILURES:
    print("%d check(s) failed: %s" % (len(FAILURES), ", ".join(FAILURES)))
    sys.exit(1)
