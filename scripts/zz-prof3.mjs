import { PGlite } from '@electric-sql/pglite';
import * as fs from 'node:fs';
const dist = '/work/main/node_modules/@electric-sql/pglite/dist/';
let t = performance.now();
const lap = (what) => { const n = performance.now(); console.log(what, Math.round(n - t)); t = n; };
const a = await PGlite.create(); lap('bare create');
const img = await a.dumpDataDir('none'); lap('dump');
const pgliteWasmModule = await WebAssembly.compile(fs.readFileSync(dist + 'pglite.wasm')); lap('compile');
const fsBundle = new Blob([fs.readFileSync(dist + 'pglite.data')]); lap('bundle read');
for (let i = 0; i < 2; i++) { await PGlite.create({ loadDataDir: img }); lap('image'); }
for (let i = 0; i < 2; i++) { await PGlite.create({ loadDataDir: img, pgliteWasmModule, fsBundle }); lap('image+module+bundle'); }
for (let i = 0; i < 2; i++) { await PGlite.create({ loadDataDir: img, pgliteWasmModule, fsBundle, relaxedDurability: true }); lap('+relaxed'); }
const db = await PGlite.create({ pgliteWasmModule, fsBundle, relaxedDurability: true }); lap('initdb');
