import type { Range } from '../../engine/finding';
import type { ResolvedConfig } from '../../engine/config';
import type { SourceFile } from '../../engine/source-file';
import { parseSuppressions } from '../../engine/suppressions';
import { buildProject, codeLanguage } from '.';
import { enclosingFunction, functionName, requestHandlerOf } from './handlers';
import { rangeOfNode } from './project';
import { tableQueries } from './queries';
import { clientName, type ClientConstructor, type ClientSite } from './supabase';

/** One place a table is touched through a service-role client. */
export interface InventoryUsage {
  file: string;
  relativePath: string;
  /** 1-based. */
  line: number;
  table: string;
  operation: string | undefined;
  /** The request handler it runs in, when it runs in one ("the route handler GET"). */
  handler: string | undefined;
}

/** One service-role client of the code base (SPEC §2, `code/service-role-client`). */
export interface InventoryEntry {
  file: string;
  relativePath: string;
  /** 1-based line of the key argument, where `code/service-role-client` reports. */
  line: number;
  range: Range;
  /** The variable holding it (`supabaseAdmin`), or the factory returning it. */
  client: string;
  constructorName: ClientConstructor;
  /** The function that builds it; undefined at module level. */
  enclosingFunction: string | undefined;
  /** Where the key comes from (`process.env.SUPABASE_SERVICE_ROLE_KEY`); never the key itself. */
  keySource: string;
  /** Tables reached through it anywhere in the project, sorted. */
  tables: string[];
  usages: InventoryUsage[];
  /** Bundled for the browser: the worst case. */
  browser: boolean;
  /** The reason of a `supaguard-ignore code/service-role-client: <reason>` covering it. */
  justification: string | undefined;
}

export interface InventoryInput {
  root: string;
  /** The workspace's files (any language: code files are picked out, `.env*` files inform the model). */
  files: readonly SourceFile[];
  config: ResolvedConfig;
}

const JUSTIFYING_RULES = ['code/service-role-client', 'code/service-key-in-ssr-client'];

/** Every service-role client with where it is, what it touches and why it is allowed. Pure: no I/O beyond project manifests. */
export function serviceRoleInventory(input: InventoryInput): InventoryEntry[] {
  const codeFiles = input.files.filter((f) => codeLanguage.claims(f.relativePath, input.config));
  const { project, supabase, parsed } = buildProject({ root: input.root, files: codeFiles, allFiles: input.files });
  const sites: ClientSite[] = parsed.flatMap((p) => supabase.sitesIn(p)).filter((s) => s.key?.role === 'secret');
  const usages = new Map<ClientSite, InventoryUsage[]>(sites.map((s) => [s, []]));
  for (const file of parsed) {
    for (const query of tableQueries(supabase, file, input.config.tenantColumns)) {
      usages.get(query.client)?.push({
        file: file.file.path,
        relativePath: file.file.relativePath,
        line: rangeOfNode(file, query.tableNode).start.line + 1,
        table: query.table,
        operation: query.operation,
        handler: requestHandlerOf(file, query.fromCall)?.label,
      });
    }
  }
  return sites.map((site) => {
    const range = rangeOfNode(site.parsed, site.keyArgument ?? site.call);
    const fn = enclosingFunction(site.call);
    const siteUsages = usages.get(site) ?? [];
    return {
      file: site.parsed.file.path,
      relativePath: site.parsed.file.relativePath,
      line: range.start.line + 1,
      range,
      client: clientName(site).replace(/`/g, ''),
      constructorName: site.constructorName,
      enclosingFunction: fn ? functionName(fn) : undefined,
      keySource: site.key!.label,
      tables: [...new Set(siteUsages.map((u) => u.table))].sort(),
      usages: siteUsages,
      browser: project.browserContext(site.parsed.file.path) !== undefined,
      justification: justificationAt(site.parsed.file, range.start.line),
    };
  });
}

function justificationAt(file: SourceFile, line: number): string | undefined {
  const suppression = parseSuppressions(codeLanguage, file).find(
    (s) => s.ruleIds.some((id) => JUSTIFYING_RULES.includes(id)) && s.startLine <= line && line <= s.endLine,
  );
  return suppression?.reason;
}
