// Hostile input benchmark: files nobody writes by hand but scans meet (a minified bundle, a generated .env, a
// config with thousands of servers, megabyte strings built to make regular expressions backtrack), each scanned
// as its own project through the whole static pipeline. Prints seconds and the findings each gave.
import { mkdtempSync, mkdirSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { scan } = require('../../server/out/engine/scan.js');

function minifiedBundle(bytes) {
  const parts = [`import{createClient}from"@supabase/supabase-js";`];
  for (let n = 0, length = 0; length < bytes; n++) {
    const statement = `var a${n}=function(b){return b*${n}+"x${n}"};`;
    parts.push(statement);
    length += statement.length;
  }
  parts.push('var s=createClient(process.env.NEXT_PUBLIC_SUPABASE_URL,process.env.SUPABASE_SERVICE_ROLE_KEY);');
  return parts.join('');
}

function manyServers(count) {
  const servers = Array.from({ length: count }, (_, i) =>
    `    "srv${i}": { "command": "npx", "args": ["-y", "pkg-${i}@1.0.${i}", "--host", "${i % 1000 === 0 ? '0.0.0.0' : '127.0.0.1'}"] }, // server ${i}`);
  return `{\n  // generated\n  "mcpServers": {\n${servers.join('\n')}\n  }\n}\n`;
}

const projects = {
  '9 MB minified bundle': { 'public/bundle.min.js': minifiedBundle(9_000_000) },
  '.env with 100,000 lines': { '.env': Array.from({ length: 100_000 }, (_, i) => `VAR_${i}=value_${i}`).join('\n') + '\n' },
  'JSONC .mcp.json with 5,000 servers': { '.mcp.json': manyServers(5000) },
  'megabyte strings that make patterns backtrack': {
    'src/blob.js': `const a = "${'-eyJ'.repeat(1_000_000)}";\nconst b = "${'postgres://a:'.repeat(200_000)}";\n`,
    '.env': `CACHE_TOKEN=${'eyJ'.repeat(2_000_000)}\n`,
  },
};

for (const [name, files] of Object.entries(projects)) {
  const root = mkdtempSync(join(tmpdir(), 'supaguard-bench-hostile-'));
  for (const [relative, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, relative)), { recursive: true });
    writeFileSync(join(root, relative), text);
  }
  const started = performance.now();
  const result = await scan({ root });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const rules = [...new Set(result.findings.map((f) => f.ruleId))].join(', ') || 'none';
  console.log(`${name}: ${seconds} s, ${result.findings.length} findings (${rules})`);
  rmSync(root, { recursive: true, force: true });
}
