import { loadWorkspace } from '../../engine/scan';
import { serviceRoleInventory, type InventoryEntry } from '../../languages/code/inventory';
import { oneOf, parseCommandLine } from '../args';
import type { Command } from '../main';
import { writeReport } from '../output';
import { resolveTarget, TARGET_OPTIONS } from './scan';

const FORMATS = ['text', 'json'] as const;

export const command: Command = {
  summary: 'List every service-role Supabase client: where, which tables, and its justification',
  usage: `Usage: supaguard inventory [paths…] [--format text|json] [--output FILE] [--config FILE]

Lists each client built with a service-role or secret key: file and line, the function that builds it, the tables
it reaches anywhere in the code, and the reason given in its \`// supaguard-ignore code/service-role-client: <reason>\`.
Exit code 0 (it is a listing, not a check; \`supaguard scan\` fails on unjustified clients).`,
  async run(args) {
    const { values, positionals } = parseCommandLine(args, TARGET_OPTIONS);
    const format = oneOf('format', values.format, FORMATS, 'text');
    const { root, config, files } = await loadWorkspace({ ...resolveTarget(positionals), configFile: values.config });
    const clients = serviceRoleInventory({ root, files, config });
    writeReport(format === 'json' ? inventoryJson(clients) : inventoryText(clients), values.output);
    return 0;
  },
};

/** The JSON report as an object (also the MCP tool's structured result). */
export function inventoryReport(clients: InventoryEntry[]) {
  return {
    version: 1,
    clients: clients.map((c) => ({
      file: c.relativePath,
      line: c.line,
      range: c.range,
      client: c.client,
      constructor: c.constructorName,
      function: c.enclosingFunction ?? null,
      key: c.keySource,
      tables: c.tables,
      usages: c.usages.map((u) => ({ file: u.relativePath, line: u.line, table: u.table, operation: u.operation ?? null, handler: u.handler ?? null })),
      browser: c.browser,
      justification: c.justification ?? null,
    })),
  };
}

export function inventoryJson(clients: InventoryEntry[]): string {
  return JSON.stringify(inventoryReport(clients), null, 2);
}

export function inventoryText(clients: InventoryEntry[]): string {
  if (!clients.length) return 'No service-role clients found.';
  const lines: string[] = [];
  for (const c of clients) {
    const fn = c.enclosingFunction;
    const where = fn ? `in ${/^[\w$]+$/.test(fn) ? `${fn}()` : `the ${fn}`}` : 'at module level';
    lines.push(`${c.relativePath}:${c.line}  ${c.client} (${c.constructorName}) ${where}${c.browser ? '  [BROWSER BUNDLE]' : ''}`);
    lines.push(`  key:           ${c.keySource}`);
    lines.push(`  tables:        ${c.tables.length ? c.tables.join(', ') : '(none seen)'}`);
    lines.push(`  justification: ${c.justification ?? 'none (code/service-role-client reports it)'}`);
    lines.push('');
  }
  const justified = clients.filter((c) => c.justification).length;
  lines.push(`${clients.length} service-role client${clients.length === 1 ? '' : 's'}, ${justified} justified.`);
  return lines.join('\n');
}
