import * as path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const out = (p) => require(path.join('/work/main/server/out', p));
const { openStandinDatabase } = out('verify/database.js');
const db = await openStandinDatabase();
const SNAPSHOT_SQL = `
select 'c' || c.relkind::text as kind, c.oid::int8::text as id, c.relrowsecurity::text as state
  from pg_class c where c.oid >= 16384 and c.relkind in ('r', 'p', 'v', 'm')
union all select 'p', p.oid::int8::text, '' from pg_policy p
union all select 'f', p.oid::int8::text, '' from pg_proc p where p.oid >= 16384`;
let t = performance.now();
let rows;
for (let i = 0; i < 20; i++) rows = (await db.query(SNAPSHOT_SQL)).rows;
console.log('snapshot', ((performance.now() - t) / 20).toFixed(1), 'ms', rows.length, 'rows');
t = performance.now();
for (let i = 0; i < 20; i++) await db.exec('select 1');
console.log('select 1', ((performance.now() - t) / 20).toFixed(1), 'ms');
t = performance.now();
for (let i = 0; i < 20; i++) await db.exec(`create table public.t${i} (id int primary key, name text)`);
console.log('create table', ((performance.now() - t) / 20).toFixed(1), 'ms');
