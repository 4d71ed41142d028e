"""Drive a server through psycopg 3 (Debian's python3-psycopg; run with
/usr/bin/python3): server-side parameter binding over the extended
protocol, prepared statements past prepare_threshold, binary results,
COPY in both directions. Connection settings come from the libpq
environment. Prints "PASS name" or "FAIL name: reason"; exits 1 on a
failure."""

import datetime
import decimal
import sys
import traceback

import psycopg

FAILURES = []


def check(fn):
    name = fn.__name__.lstrip("_")
    try:
        fn()
        print("PASS", name, flush=True)
    except Exception as e:  # report every failure, then go on
        FAILURES.append(name)
        code = getattr(getattr(e, "diag", None), "sqlstate", None)
        print("FAIL %s: %r%s" % (name, e, " [SQLSTATE %s]" % code if code else ""), flush=True)
        traceback.print_exc(file=sys.stdout)
    return fn


def expect(ok, what):
    if not ok:
        raise AssertionError(what)


conn = psycopg.connect("", autocommit=True, connect_timeout=10, application_name="check_psycopg3")
print("PASS connect (server_version %s)" % conn.info.server_version, flush=True)


@check
def params():
    # psycopg 3 sends $1-style parameters with Parse/Bind.
    want = conn.execute("select count(*) from orders where o_orderdate >= date '1995-01-01' "
                        "and o_orderstatus = 'F' and o_totalprice > 1000.25").fetchone()[0]
    got = conn.execute("select count(*) from orders where o_orderdate >= %s and o_orderstatus = %s "
                       "and o_totalprice > %s",
                       (datetime.date(1995, 1, 1), "F", decimal.Decimal("1000.25"))).fetchone()[0]
    expect(want > 0 and got == want, "with params %s, with literals %s" % (got, want))


@check
def prepared():
    # Past prepare_threshold (5) psycopg prepares a named statement.
    for i in range(8):
        row = conn.execute("select n_name, n_regionkey from nation where n_nationkey = %s", (i,)).fetchone()
        expect(row is not None and isinstance(row[1], int), row)
    for i in range(3):
        row = conn.execute("select n_name from nation where n_nationkey = %s", (7,), prepare=True).fetchone()
        expect(row[0].strip() == "GERMANY", row)


def typed_row(binary):
    with conn.cursor(binary=binary) as cur:
        cur.execute("select 1234.56::numeric(10,2), date '2024-02-29', timestamp '2024-02-29 13:14:15.25', "
                    "42::int4, 9000000000::int8, 7::int2, 2.5::float8, 'tëxt'::varchar(10), true, null::int4, "
                    "timestamptz '2024-02-29 13:14:15+00', interval '1 day 02:00:00'")
        return cur.fetchone()


def check_types(row):
    want = (decimal.Decimal("1234.56"), datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 14, 15, 250000),
            42, 9000000000, 7, 2.5, "tëxt", True, None)
    for i, (g, w) in enumerate(zip(row, want)):
        expect(type(g) is type(w) and g == w, "column %d: %r (%s), want %r" % (i + 1, g, type(g).__name__, w))
    expect(row[10] == datetime.datetime(2024, 2, 29, 13, 14, 15, tzinfo=datetime.timezone.utc), "timestamptz %r" % (row[10],))
    expect(row[11] == datetime.timedelta(days=1, hours=2), "interval %r" % (row[11],))


@check
def types_text():
    check_types(typed_row(False))


@check
def types_binary():
    check_types(typed_row(True))


@check
def executemany():
    conn.execute("drop table if exists py3_many")
    conn.execute("create table py3_many (id integer, name varchar(20), amount decimal(10,2))")
    with conn.cursor() as cur:
        cur.executemany("insert into py3_many values (%s, %s, %s)",
                        [(i, None if i % 4 == 0 else "n%d" % i, decimal.Decimal(i)) for i in range(50)])
    row = conn.execute("select count(*), count(name), sum(amount) from py3_many").fetchone()
    expect(row == (50, 37, decimal.Decimal("1225.00")), row)


@check
def copy_rows():
    conn.execute("truncate py3_many")
    with conn.cursor() as cur:
        with cur.copy("COPY py3_many (id, name, amount) FROM STDIN") as cp:
            for i in range(100):
                cp.write_row((i, "r%d" % i if i % 3 else None, decimal.Decimal(i) / 4))
        rows = []
        with cur.copy("COPY (select id, name, amount from py3_many where id < 4 order by id) TO STDOUT") as cp:
            for row in cp.rows():
                rows.append(row)
    expect(rows == [("0", None, "0.00"), ("1", "r1", "0.25"), ("2", "r2", "0.50"), ("3", None, "0.75")], rows)
    expect(conn.execute("select count(*) from py3_many").fetchone()[0] == 100, "count after copy")


@check
def copy_binary():
    conn.execute("truncate py3_many")
    with conn.cursor() as cur:
        with cur.copy("COPY py3_many (id, name, amount) FROM STDIN (FORMAT BINARY)") as cp:
            cp.set_types(["int4", "varchar", "numeric"])
            for i in range(10):
                cp.write_row((i, "b%d" % i, decimal.Decimal("1.5") * i))
    row = conn.execute("select count(*), sum(amount) from py3_many").fetchone()
    expect(row == (10, decimal.Decimal("67.50")), row)


@check
def errors():
    for sql, code in [("select * from no_such_table", "42P01"), ("select 1/0", "22012"), ("selec 1", "42601")]:
        try:
            conn.execute(sql)
            raise AssertionError("%s: no error" % sql)
        except psycopg.Error as e:
            expect(e.diag.sqlstate == code, "%s: %s %r" % (sql, e.diag.sqlstate, e))
    try:
        conn.execute("select n_name from nation where n_nationkey = %s", ("abc",))
        raise AssertionError("no error for a bad integer parameter")
    except psycopg.Error as e:
        expect(e.diag.sqlstate == "22P02", "bad parameter: %s %r" % (e.diag.sqlstate, e))
    expect(conn.execute("select 1").fetchone() == (1,), "session after errors")


@check
def pipeline():
    # Pipeline mode: many Parse/Bind/Execute with one Sync at the end.
    with conn.pipeline():
        curs = [conn.execute("select n_name from nation where n_nationkey = %s", (i,)) for i in range(10)]
    expect(all(c.fetchone() is not None for c in curs), "pipeline results")


conn.close()
if FAILURES:
    print("%d check(s) failed: %s" % (len(FAILURES), ", ".join(FAILURES)))
    sys.exit(1)
