// duckdb_tpch.mjs loads TPC-H .tbl files into DuckDB and times the 22 queries,
// so docs/BENCHMARKS.md can compare warehoused with DuckDB on the same machine
// and the same data. It is a measuring aid, not part of the build or the tests.
//
//   mkdir -p /tmp/duck && cd /tmp/duck && npm install @duckdb/node-api@1.5.6-r.1
//   cd /tmp/duck && node /path/to/warehoused/bench/compare/duckdb_tpch.mjs /tmp/sf1 [threads] [runs] [dbfile]
//
// With dbfile the database is a file on disk (its size is printed after a
// CHECKPOINT), otherwise in memory.
//
// @duckdb/node-api is resolved from the working directory, so nothing is
// installed into the repository.
//
// Prints the load time, each query's median over the runs (after one warm-up)
// and the sum of the medians, as JSON lines.
//
// With DUCKDB_ANSWERS=dir in the environment it also writes each query's
// result to dir/qNN.csv (header, then rows; strings quoted), the format of
// ../shared/tpch/answers, so that `warehoused bench tpch --check dir` compares
// our answers with DuckDB's at scales that have no published answers (SF10).
import { readFileSync, statSync, rmSync, mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const requireFromCwd = createRequire(join(process.cwd(), 'resolve.js'));
const { DuckDBInstance } = await import(requireFromCwd.resolve('@duckdb/node-api'));
const tblDir = process.argv[2];
const threads = process.argv[3] || '2';
const runs = Number(process.argv[4] || 3);
if (!tblDir) {
  console.error('usage: duckdb_tpch.mjs TBLDIR [threads] [runs] [dbfile]');
  process.exit(2);
}

const dbFile = process.argv[5] || ':memory:';
if (dbFile !== ':memory:') {
  rmSync(dbFile, { force: true });
  rmSync(dbFile + '.wal', { force: true });
}
const db = await DuckDBInstance.create(dbFile, { threads });
const conn = await db.connect();
// Our schema declares Redshift's distribution and sort keys; DuckDB has none.
const schema = readFileSync(join(here, '..', 'schema.sql'), 'utf8')
  .replace(/\)\s*((DISTSTYLE\s+\w+|DISTKEY\s*\([^)]*\)|SORTKEY\s*\([^)]*\))\s*)+;/g, ');');
for (const stmt of schema.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
  await conn.run(stmt);
}
const tables = ['region', 'nation', 'supplier', 'customer', 'part', 'partsupp', 'orders', 'lineitem'];
let t0 = performance.now();
for (const t of tables) {
  await conn.run(`COPY ${t} FROM '${join(tblDir, t + '.tbl')}' (DELIMITER '|', HEADER false)`);
}
if (dbFile !== ':memory:') {
  await conn.run('CHECKPOINT');
}
const loadS = (performance.now() - t0) / 1000;
const dbBytes = dbFile === ':memory:' ? 0 : statSync(dbFile).size;
console.log(JSON.stringify({ engine: 'duckdb', threads, load_s: loadS, db_bytes: dbBytes }));

const answersDir = process.env.DUCKDB_ANSWERS;
if (answersDir) {
  mkdirSync(answersDir, { recursive: true });
}

// csvField renders one value as ../shared/tpch/answers does: NULL empty,
// strings quoted, numbers and dates as DuckDB prints them.
function csvField(v) {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return '"' + v.replaceAll('"', '""') + '"';
  return String(v);
}

let sum = 0;
for (let q = 1; q <= 22; q++) {
  const name = `q${String(q).padStart(2, '0')}`;
  const sql = readFileSync(join(here, '..', 'queries', `${name}.sql`), 'utf8');
  const warm = await (await conn.run(sql)); // warm-up
  if (answersDir) {
    const rows = await warm.getRows();
    const lines = [warm.columnNames().join(',')].concat(rows.map((r) => r.map(csvField).join(',')));
    writeFileSync(join(answersDir, `${name}.csv`), lines.join('\n') + '\n');
  }
  const times = [];
  for (let r = 0; r < runs; r++) {
    t0 = performance.now();
    await (await conn.run(sql)).getRows();
    times.push((performance.now() - t0) / 1000);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  sum += median;
  console.log(JSON.stringify({ query: q, median_s: median, runs_s: times }));
}
console.log(JSON.stringify({ sum_s: sum }));
