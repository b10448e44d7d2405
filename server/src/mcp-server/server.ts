import * as fs from 'node:fs';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import { buildChecklist, checklistMarkdown } from '../checklist';
import { inventoryReport, inventoryText } from '../cli/commands/inventory';
import { jsonReport } from '../cli/format/json';
import { formatSarif } from '../cli/format/sarif';
import { formatText } from '../cli/format/text';
import { toPosix } from '../engine/discovery';
import { docsFile, docsUrl } from '../engine/docs';
import { registry } from '../engine/registry';
import { loadWorkspace, scan, type ScanResult } from '../engine/scan';
import { serviceRoleInventory } from '../languages/code/inventory';
import { ToolInputError, workspacePath } from './workspace';

// Every tool only reads the workspace: nothing is written, started or fetched.
const READ_ONLY = { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: false } as const;

const pathArgument = z
  .string()
  .min(1)
  .describe('A file or folder inside the workspace, relative to it (use "." for the whole workspace) or absolute.');

const rangeSchema = z.object({
  start: z.object({ line: z.number(), character: z.number() }),
  end: z.object({ line: z.number(), character: z.number() }),
});

const findingSchema = z.object({
  ruleId: z.string(),
  severity: z.enum(['error', 'warning', 'info']),
  message: z.string(),
  file: z.string(),
  range: rangeSchema,
  fixes: z.array(z.unknown()).optional(),
  related: z.array(z.unknown()).optional(),
});

const reportSchema = {
  version: z.number(),
  findings: z.array(findingSchema),
  errors: z.array(z.object({ file: z.string(), message: z.string() })),
  stats: z.record(z.string(), z.unknown()),
};

/** Supaguard's engine as MCP tools, for agents to check their own edits. */
export function createSupaguardServer(workspace: string, version: string): McpServer {
  const server = new McpServer(
    { name: 'supaguard', version },
    {
      instructions:
        'Supaguard lints Supabase SQL migrations, Supabase client code, .env files and MCP configs for security mistakes. ' +
        'Run scan after editing such files, and explain_rule to learn why a finding matters and how to fix it.',
    },
  );

  server.registerTool(
    'scan',
    {
      title: 'Scan for security problems',
      description:
        'Lints migrations, MCP configs, Supabase client code and .env files under a path of the workspace and returns the findings (rule, severity, message, file, 0-based range, fixes).',
      inputSchema: {
        path: pathArgument,
        format: z.enum(['text', 'json', 'sarif']).optional().describe('How the text part of the answer is written (default text). The structured result is always the JSON report.'),
      },
      outputSchema: reportSchema,
      annotations: { title: 'Scan for security problems', ...READ_ONLY },
    },
    ({ path: requested, format }, { signal }) =>
      answer(async () => {
        const result = await scanPath(workspace, requested, signal);
        const report = jsonReport(result);
        const text = format === 'json' ? JSON.stringify(report, null, 2) : format === 'sarif' ? formatSarif(result, version) : formatText(result, false);
        return { content: [{ type: 'text', text }], structuredContent: report };
      }),
  );

  server.registerTool(
    'explain_rule',
    {
      title: 'Explain a rule',
      description: 'Returns the documentation of a Supaguard rule (for example sql/rls-disabled): what it detects, why it matters, bad and good examples.',
      inputSchema: { id: z.string().min(1).describe('A rule id such as sql/rls-disabled or mcp/hardcoded-secret.') },
      outputSchema: {
        id: z.string(),
        defaultSeverity: z.enum(['error', 'warning', 'info']),
        description: z.string(),
        mode: z.string(),
        docsUrl: z.string(),
        documentation: z.string(),
      },
      annotations: { title: 'Explain a rule', ...READ_ONLY },
    },
    ({ id }) =>
      answer(async () => {
        const rule = registry.rule(id.trim());
        if (!rule) throw new ToolInputError(unknownRuleMessage(id));
        const file = docsFile(rule.meta.id);
        const documentation = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : `# ${rule.meta.id}\n\n${rule.meta.description}\n`;
        const explained = {
          id: rule.meta.id,
          defaultSeverity: rule.meta.defaultSeverity,
          description: rule.meta.description,
          mode: rule.meta.mode ?? 'static',
          docsUrl: docsUrl(rule.meta.id),
          documentation,
        };
        return { content: [{ type: 'text', text: documentation }], structuredContent: explained };
      }),
  );

  server.registerTool(
    'service_role_inventory',
    {
      title: 'Service-role inventory',
      description:
        'Lists every Supabase client built with a service-role or secret key under a path of the workspace: where it is built, the tables it reaches, in which request handlers, and the justification given for it.',
      inputSchema: { path: pathArgument },
      outputSchema: {
        version: z.number(),
        // Further fields (range, constructor, function, usages) as in `supaguard inventory --format json`.
        clients: z.array(
          z.looseObject({
            file: z.string(),
            line: z.number(),
            client: z.string(),
            key: z.string(),
            tables: z.array(z.string()),
            browser: z.boolean(),
            justification: z.string().nullable(),
          }),
        ),
      },
      annotations: { title: 'Service-role inventory', ...READ_ONLY },
    },
    ({ path: requested }) =>
      answer(async () => {
        const { root, config, files } = await workspaceFiles(workspace, requested);
        const clients = serviceRoleInventory({ root, files, config });
        return { content: [{ type: 'text', text: inventoryText(clients) }], structuredContent: inventoryReport(clients) };
      }),
  );

  server.registerTool(
    'checklist',
    {
      title: 'Production checklist',
      description:
        'Answers the Supabase production security checklist for a path of the workspace: each item passes, fails (with the findings behind it) or needs a manual check (with what to check).',
      inputSchema: { path: pathArgument },
      outputSchema: {
        root: z.string(),
        files: z.number(),
        items: z.array(
          z.object({
            id: z.string(),
            title: z.string(),
            status: z.enum(['pass', 'fail', 'manual']),
            summary: z.string(),
            findings: z.array(z.object({ ruleId: z.string(), severity: z.string(), file: z.string(), line: z.number(), message: z.string() })),
            manual: z.string().optional(),
          }),
        ),
        counts: z.object({ pass: z.number(), fail: z.number(), manual: z.number() }),
      },
      annotations: { title: 'Production checklist', ...READ_ONLY },
    },
    ({ path: requested }, { signal }) =>
      answer(async () => {
        const checklist = buildChecklist(await scanPath(workspace, requested, signal));
        return { content: [{ type: 'text', text: checklistMarkdown(checklist) }], structuredContent: { ...checklist } };
      }),
  );

  return server;
}

/** The workspace is the root (config, relative paths); the requested path narrows what is read. */
function target(workspace: string, requested: string): { root: string; paths?: string[] } {
  const root = fs.realpathSync(workspace);
  const absolute = workspacePath(workspace, requested);
  return absolute === root ? { root: toPosix(root) } : { root: toPosix(root), paths: [absolute] };
}

/** A scan the client can cancel (`notifications/cancelled`); the engine checks between analysis units. */
function scanPath(workspace: string, requested: string, signal: AbortSignal): Promise<ScanResult> {
  return scan({ ...target(workspace, requested), isCancelled: () => signal.aborted });
}

function workspaceFiles(workspace: string, requested: string) {
  return loadWorkspace(target(workspace, requested));
}

/** Bad arguments become tool errors the agent can read and correct; anything else is a failure of ours, said plainly. */
async function answer(run: () => Promise<CallToolResult>): Promise<CallToolResult> {
  try {
    return await run();
  } catch (error) {
    const text = error instanceof ToolInputError ? error.message : `Supaguard failed: ${(error as Error)?.message ?? String(error)}`;
    return { isError: true, content: [{ type: 'text', text }] };
  }
}

function unknownRuleMessage(id: string): string {
  const ids = registry.rules.map((r) => r.meta.id);
  const [domain, name = ''] = id.trim().split('/');
  const close = ids.filter((known) => known.startsWith(`${domain}/`) && (!name || known.includes(name.split('-')[0]))).slice(0, 8);
  const suggestion = close.length ? ` Did you mean: ${close.join(', ')}?` : ` Rule ids look like sql/rls-disabled; domains: sql, mcp, code, env, meta.`;
  return `Unknown rule "${id}".${suggestion}`;
}

