// `npm run bench`: runs every benchmark in scripts/bench/ (each prints its own numbers) against the built code.
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'bench');
const only = process.argv.slice(2);
for (const file of readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort()) {
  if (only.length && !only.some((name) => file.includes(name))) continue;
  console.log(`\n== ${file.replace(/\.mjs$/, '')}`);
  await import(pathToFileURL(join(dir, file)).href);
}
