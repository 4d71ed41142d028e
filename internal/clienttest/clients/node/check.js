// Drive a server through node-postgres (npm "pg"). Connection settings come
// from the libpq environment (PGHOST, PGPORT, PGUSER, PGPASSWORD,
// PGDATABASE). Prints "PASS name" per check or "FAIL name: reason", and
// exits 1 if any check failed.
'use strict';

const assert = require('node:assert/strict');
const { Client, Pool } = require('pg');

const failures = [];

async function check(name, fn) {
  try {
    await fn();
    console.log('PASS ' + name);
  } catch (e) {
    failures.push(name);
    console.log('FAIL ' + name + ': ' + (e && e.stack ? e.stack : e) + (e && e.code ? ' [SQLSTATE ' + e.code + ']' : ''));
  }
}

async function main() {
  const client = new Client({ application_name: 'check.js', connectionTimeoutMillis: 10000 });
  await client.connect();
  console.log('PASS connect');

  await check('version', async () => {
    const r = await client.query('select version() as v');
    assert.match(r.rows[0].v, /^PostgreSQL /);
  });

  await check('params', async () => {
    const r = await client.query('select n_name, n_regionkey from nation where n_nationkey = $1', [7]);
    assert.equal(r.rowCount, 1);
    assert.equal(r.rows[0].n_name.trim(), 'GERMANY');
    assert.equal(r.rows[0].n_regionkey, 3);
    const c = await client.query(
      'select count(*) as n from orders where o_orderdate >= $1 and o_orderstatus = $2 and o_totalprice > $3',
      ['1995-01-01', 'F', '1000.25']);
    const lit = await client.query(
      "select count(*) as n from orders where o_orderdate >= date '1995-01-01' and o_orderstatus = 'F' and o_totalprice > 1000.25");
    assert.ok(Number(lit.rows[0].n) > 0);
    assert.equal(c.rows[0].n, lit.rows[0].n);
  });

  await check('types', async () => {
    const r = await client.query(`select 42::int4 as i4, 9000000000::int8 as i8, 7::int2 as i2,
      1234.56::numeric(10,2) as num, 2.5::float8 as f8, 'tëxt'::varchar(10) as vc, true as b,
      date '2024-02-29' as d, timestamp '2024-02-29 13:14:15.25' as ts,
      timestamptz '2024-02-29 13:14:15+00' as tstz, null::int4 as nul`);
    const row = r.rows[0];
    assert.equal(row.i4, 42);
    assert.equal(row.i8, '9000000000'); // int8 comes back as a string
    assert.equal(row.i2, 7);
    assert.equal(row.num, '1234.56'); // numeric too
    assert.equal(row.f8, 2.5);
    assert.equal(row.vc, 'tëxt');
    assert.equal(row.b, true);
    assert.ok(row.d instanceof Date, 'date ' + row.d);
    assert.equal(row.d.getFullYear(), 2024);
    assert.equal(row.d.getMonth(), 1);
    assert.equal(row.d.getDate(), 29);
    assert.ok(row.ts instanceof Date);
    assert.equal(row.tstz.toISOString(), '2024-02-29T13:14:15.000Z');
    assert.equal(row.nul, null);
    const oids = r.fields.map((f) => f.dataTypeID);
    assert.deepEqual(oids, [23, 20, 21, 1700, 701, 1043, 16, 1082, 1114, 1184, 23]);
  });

  await check('decimal_param_scale', async () => {
    const r = await client.query('select $1::numeric(10,2) as y', ['0.19']);
    assert.equal(r.rows[0].y, '0.19');
  });

  await check('prepared_named', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await client.query({ name: 'nation_by_key', text: 'select n_name from nation where n_nationkey = $1', values: [i] });
      assert.equal(r.rowCount, 1);
    }
  });

  await check('rowmode_array', async () => {
    const r = await client.query({ text: 'select r_regionkey, r_name from region order by 1', rowMode: 'array' });
    assert.equal(r.rows.length, 5);
    assert.equal(r.rows[4][1].trim(), 'MIDDLE EAST');
  });

  await check('errors', async () => {
    const cases = [
      ['select * from no_such_table', '42P01'],
      ['select 1/0', '22012'],
      ['selec 1', '42601'],
    ];
    for (const [sql, code] of cases) {
      await assert.rejects(client.query(sql), (e) => {
        assert.equal(e.code, code, sql + ': ' + e.message);
        assert.equal(e.severity, 'ERROR');
        return true;
      });
    }
    await assert.rejects(client.query('select * from nation where n_nationkey = $1', ['abc']), (e) => {
      assert.equal(e.code, '22P02', e.message);
      return true;
    });
    const r = await client.query('select 1 as one');
    assert.equal(r.rows[0].one, 1);
  });

  await check('transaction', async () => {
    await client.query('drop table if exists node_tx');
    await client.query('create table node_tx (id int4, v varchar(10))');
    await client.query('begin');
    await client.query('insert into node_tx values ($1, $2)', [1, 'a']);
    await client.query('rollback');
    const r = await client.query('select count(*)::int4 as n from node_tx');
    assert.equal(r.rows[0].n, 0);
  });

  await check('pool_of_10', async () => {
    const pool = new Pool({ max: 10, connectionTimeoutMillis: 10000 });
    try {
      const want = await client.query('select o_orderpriority, count(*) as n from orders group by 1 order by 1');
      const jobs = [];
      for (let i = 0; i < 40; i++) {
        jobs.push(pool.query('select o_orderpriority, count(*) as n from orders where o_orderkey > $1 group by 1 order by 1', [0]));
      }
      const results = await Promise.all(jobs);
      for (const r of results) assert.deepEqual(r.rows, want.rows);
      assert.equal(pool.totalCount, 10);
    } finally {
      await pool.end();
    }
  });

  await client.end();
  if (failures.length > 0) {
    console.log(failures.length + ' check(s) failed: ' + failures.join(', '));
    process.exit(1);
  }
}

main().catch((e) => {
  console.log('FAIL main: ' + (e && e.stack ? e.stack : e));
  process.exit(1);
});
