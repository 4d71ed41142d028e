"""Drive a server through asyncpg (Debian's python3-asyncpg; run with
/usr/bin/python3): extended protocol with binary results throughout, its
type introspection, copy_records_to_table (binary COPY), a pool.
Connection settings come from the libpq environment. Prints "PASS name"
or "FAIL name: reason"; exits 1 on a failure."""

import asyncio
import datetime
import decimal
import os
import sys
import traceback

import asyncpg

FAILURES = []


async def check(name, fn):
    try:
        await fn()
        print("PASS", name, flush=True)
    except Exception as e:  # report every failure, then go on
        FAILURES.append(name)
        code = getattr(e, "sqlstate", None)
        print("FAIL %s: %r%s" % (name, e, " [SQLSTATE %s]" % code if code else ""), flush=True)
        traceback.print_exc(file=sys.stdout)


def expect(ok, what):
    if not ok:
        raise AssertionError(what)


def dsn():
    e = os.environ
    return dict(host=e["PGHOST"], port=int(e["PGPORT"]), user=e["PGUSER"], password=e["PGPASSWORD"],
                database=e["PGDATABASE"], ssl=False, timeout=10)


async def main():
    conn = await asyncpg.connect(**dsn())
    print("PASS connect (server_version %s)" % (conn.get_server_version(),), flush=True)

    async def params():
        want = await conn.fetchval("select count(*) from orders where o_orderdate >= date '1995-01-01' "
                                   "and o_orderstatus = 'F' and o_totalprice > 1000.25")
        got = await conn.fetchval("select count(*) from orders where o_orderdate >= $1 and o_orderstatus = $2 "
                                  "and o_totalprice > $3", datetime.date(1995, 1, 1), "F", decimal.Decimal("1000.25"))
        expect(want > 0 and got == want, "with params %s, with literals %s" % (got, want))
        row = await conn.fetchrow("select n_name, n_regionkey from nation where n_nationkey = $1", 7)
        expect(row["n_name"].strip() == "GERMANY" and row["n_regionkey"] == 3, row)
    await check("params", params)

    async def types():
        row = await conn.fetchrow(
            "select 1234.56::numeric(10,2) a, date '2024-02-29' b, timestamp '2024-02-29 13:14:15.25' c, "
            "42::int4 d, 9000000000::int8 e, 7::int2 f, 2.5::float8 g, 'tëxt'::varchar(10) h, true i, null::int4 j, "
            "timestamptz '2024-02-29 13:14:15+00' k, interval '1 day 02:00:00' l, 1.5::float4 m, 'ab'::char(4) n")
        want = (decimal.Decimal("1234.56"), datetime.date(2024, 2, 29), datetime.datetime(2024, 2, 29, 13, 14, 15, 250000),
                42, 9000000000, 7, 2.5, "tëxt", True, None,
                datetime.datetime(2024, 2, 29, 13, 14, 15, tzinfo=datetime.timezone.utc),
                datetime.timedelta(days=1, hours=2), 1.5, "ab  ")
        for i, (g, w) in enumerate(zip(tuple(row), want)):
            expect(type(g) is type(w) and g == w, "column %d: %r (%s), want %r" % (i + 1, g, type(g).__name__, w))
    await check("types", types)

    async def prepared():
        st = await conn.prepare("select n_nationkey, n_name from nation where n_regionkey = $1 order by 1")
        rows = await st.fetch(3)
        expect([r[0] for r in rows] == [6, 7, 19, 22, 23], rows)
        expect([a.name for a in st.get_attributes()] == ["n_nationkey", "n_name"], st.get_attributes())
        expect([p.name for p in st.get_parameters()] == ["int4"], st.get_parameters())
    await check("prepared", prepared)

    async def cursor():
        # A server-side portal read 500 rows at a time (Execute max rows)
        # inside a transaction.
        want = await conn.fetchval("select count(*) from lineitem")
        n = 0
        async with conn.transaction():
            async for _ in conn.cursor("select l_orderkey, l_comment from lineitem", prefetch=500):
                n += 1
        expect(n == want, "cursor gave %d rows, want %d" % (n, want))
    await check("cursor", cursor)

    async def executemany():
        await conn.execute("drop table if exists apg_many")
        await conn.execute("create table apg_many (id integer, name varchar(20), amount decimal(10,2), d date)")
        await conn.executemany("insert into apg_many values ($1, $2, $3, $4)",
                               [(i, None if i % 4 == 0 else "n%d" % i, decimal.Decimal(i), datetime.date(2024, 1, 1))
                                for i in range(50)])
        row = await conn.fetchrow("select count(*), count(name), sum(amount) from apg_many")
        expect(tuple(row) == (50, 37, decimal.Decimal("1225.00")), row)
    await check("executemany", executemany)

    async def copy_records():
        await conn.execute("truncate apg_many")
        res = await conn.copy_records_to_table(
            "apg_many", records=[(i, "c%d" % i, decimal.Decimal(i) / 4, datetime.date(2024, 1, 1) + datetime.timedelta(days=i))
                                 for i in range(1000)],
            columns=["id", "name", "amount", "d"])
        expect(res == "COPY 1000", res)
        row = await conn.fetchrow("select count(*), sum(amount), max(d) from apg_many")
        expect(tuple(row) == (1000, decimal.Decimal("124875.00"), datetime.date(2026, 9, 26)), row)
    await check("copy_records_to_table", copy_records)

    async def errors():
        for sql, cls in [("select * from no_such_table", asyncpg.UndefinedTableError),
                         ("select 1/0", asyncpg.DivisionByZeroError),
                         ("selec 1", asyncpg.PostgresSyntaxError)]:
            try:
                await conn.execute(sql)
                raise AssertionError("%s: no error" % sql)
            except asyncpg.PostgresError as e:
                expect(isinstance(e, cls), "%s: %r (%s)" % (sql, e, e.sqlstate))
        expect(await conn.fetchval("select 1") == 1, "session after errors")
    await check("errors", errors)

    async def pool():
        # asyncpg's pool resets each released connection (its reset query
        # includes pg_advisory_unlock_all, CLOSE ALL, UNLISTEN *, RESET ALL
        # on PostgreSQL-like servers).
        async with asyncpg.create_pool(min_size=5, max_size=10, **dsn()) as p:
            want = await conn.fetch("select o_orderpriority, count(*) from orders group by 1 order by 1")
            results = await asyncio.gather(*[p.fetch("select o_orderpriority, count(*) from orders "
                                                     "where o_orderkey > $1 group by 1 order by 1", 0) for _ in range(30)])
            for r in results:
                expect(r == want, "pool result differs")
    await check("pool", pool)

    await conn.close()


asyncio.run(main())
if FAILURES:
    print("%d check(s) failed: %s" % (len(FAILURES), ", ".join(FAILURES)))
    sys.exit(1)
