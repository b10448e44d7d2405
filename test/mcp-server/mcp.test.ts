import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { mcpServerLaunch } from '../../server/src/mcp-server';
import { REPO_ROOT, writeProject } from '../support/project';

const PROJECT = {
  'supabase/migrations/20240101000000_init.sql': `create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  title text
);
`,
  'app/api/admin/route.ts': `import { createClient } from '@supabase/supabase-js';

const supabaseAdmin = createClient(process.env.NEXT_PUBLIC_SUPABASE_URL!, process.env.SUPABASE_SERVICE_ROLE_KEY!, {
  auth: { persistSession: false, autoRefreshToken: false },
});

export async function GET() {
  const { data } = await supabaseAdmin.from('profiles').select('*');
  return Response.json(data);
}
`,
};

/** `supaguard mcp` as an editor registers it (`mcpServerLaunch`): the built CLI over stdio. */
async function connect(workspace: string): Promise<Client> {
  const launch = mcpServerLaunch(workspace, path.join(REPO_ROOT, 'bin', 'supaguard.js'));
  const transport = new StdioClientTransport({ ...launch, stderr: 'pipe' });
  const client = new Client({ name: 'supaguard-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

const call = (client: Client, name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
const textOf = (result: CallToolResult) => result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');

describe('supaguard mcp', function () {
  // Each case starts real servers and the CLI: slow on a loaded machine.
  this.timeout(180_000);
  let client: Client;
  let workspace: string;

  before(async () => {
    workspace = writeProject(PROJECT);
    client = await connect(workspace);
  });
  after(async () => client?.close());

  it('offers the four tools, each read-only, with input schemas', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name).sort(), ['checklist', 'explain_rule', 'scan', 'service_role_inventory']);
    for (const tool of tools) {
      assert.equal(tool.annotations?.readOnlyHint, true, `${tool.name} is read-only`);
      assert.equal(tool.annotations?.destructiveHint, false);
      assert.equal(tool.inputSchema.type, 'object');
      assert.ok(tool.description && tool.description.length < 300, `${tool.name} has a plain description`);
      assert.ok(tool.outputSchema, `${tool.name} declares its structured result`);
    }
    assert.deepEqual(tools.find((t) => t.name === 'scan')!.inputSchema.required, ['path']);
  });

  it('scan returns the findings as structured content and as text', async () => {
    const result = await call(client, 'scan', { path: '.' });
    assert.ok(!result.isError, textOf(result));
    const report = result.structuredContent as { version: number; findings: { ruleId: string; file: string; range: { start: { line: number } } }[] };
    assert.equal(report.version, 1);
    assert.deepEqual(
      report.findings.map((f) => [f.ruleId, f.file, f.range.start.line]),
      [
        ['code/service-role-client', 'app/api/admin/route.ts', 2],
        ['code/service-role-unscoped-query', 'app/api/admin/route.ts', 7],
        ['sql/rls-disabled', 'supabase/migrations/20240101000000_init.sql', 0],
      ],
    );
    assert.match(textOf(result), /supabase\/migrations\/20240101000000_init\.sql\n\s+1:14\s+error\s+Table public\.conversations does not have Row Level Security enabled/);
  });

  it('scan narrows to a path and writes the text part in the requested format', async () => {
    const json = await call(client, 'scan', { path: 'supabase', format: 'json' });
    assert.deepEqual(JSON.parse(textOf(json)).findings.map((f: { ruleId: string }) => f.ruleId), ['sql/rls-disabled']);
    const sarif = await call(client, 'scan', { path: 'app/api/admin/route.ts', format: 'sarif' });
    const log = JSON.parse(textOf(sarif));
    assert.equal(log.version, '2.1.0');
    assert.deepEqual(log.runs[0].results.map((r: { ruleId: string }) => r.ruleId), ['code/service-role-client', 'code/service-role-unscoped-query']);
  });

  it('service_role_inventory lists each service-role client with its tables', async () => {
    const result = await call(client, 'service_role_inventory', { path: '.' });
    assert.ok(!result.isError, textOf(result));
    const inventory = result.structuredContent as { clients: { file: string; line: number; client: string; tables: string[]; justification: string | null }[] };
    assert.deepEqual(
      inventory.clients.map((c) => [c.file, c.line, c.client, c.tables, c.justification]),
      [['app/api/admin/route.ts', 3, 'supabaseAdmin', ['profiles'], null]],
    );
    assert.match(textOf(result), /1 service-role client, 0 justified\./);
  });

  it('refuses paths outside the workspace and paths that do not exist, as tool errors', async () => {
    const outside = await call(client, 'scan', { path: '../' });
    assert.equal(outside.isError, true);
    assert.match(textOf(outside), /is outside the workspace/);
    const absolute = await call(client, 'checklist', { path: '/etc' });
    assert.equal(absolute.isError, true);
    assert.match(textOf(absolute), /is outside the workspace/);
    fs.symlinkSync(os.tmpdir(), path.join(workspace, 'escape'));
    const throughLink = await call(client, 'scan', { path: 'escape' });
    assert.equal(throughLink.isError, true);
    assert.match(textOf(throughLink), /Path escape is outside the workspace/);
    const missing = await call(client, 'scan', { path: 'supabase/nope' });
    assert.equal(missing.isError, true);
    assert.match(textOf(missing), /Path not found: supabase\/nope/);
  });

  it('rejects arguments that do not match the schema', async () => {
    const result = await call(client, 'scan', { path: '.', format: 'xml' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /format/);
  });

  it('explain_rule returns the rule page', async () => {
    const result = await call(client, 'explain_rule', { id: 'mcp/tool-poisoning' });
    assert.ok(!result.isError);
    assert.match(textOf(result), /^# mcp\/tool-poisoning — /);
    assert.deepEqual(
      { ...(result.structuredContent as object), documentation: undefined },
      {
        id: 'mcp/tool-poisoning',
        defaultSeverity: 'error',
        description: (result.structuredContent as { description: string }).description,
        mode: 'probe',
        docsUrl: 'https://github.com/supaguard/supaguard/blob/main/docs/rules/mcp/tool-poisoning.md',
        documentation: undefined,
      },
    );
  });

  it('explain_rule reports an unknown rule as a tool error with suggestions', async () => {
    const result = await call(client, 'explain_rule', { id: 'mcp/tool-poison' });
    assert.equal(result.isError, true);
    assert.match(textOf(result), /Unknown rule "mcp\/tool-poison"\. Did you mean: mcp\/tool-poisoning/);
  });

  it('checklist answers each item from the same scan', async () => {
    const result = await call(client, 'checklist', { path: '.' });
    assert.ok(!result.isError, textOf(result));
    const checklist = result.structuredContent as { items: { id: string; status: string; findings: { ruleId: string; line: number }[] }[] };
    const status = Object.fromEntries(checklist.items.map((i) => [i.id, i.status]));
    assert.equal(status['rls-enabled'], 'fail');
    assert.equal(status['service-role-justified'], 'fail');
    assert.equal(status['audit-log'], 'fail');
    assert.equal(status['conversation-retention'], 'fail');
    assert.equal(status['no-leaking-policies'], 'pass');
    assert.equal(status['mcp-localhost'], 'pass', 'code was scanned, and it runs no MCP server');
    assert.equal(status['mcp-read-only-scoped'], 'manual', 'no MCP config in the project');
    assert.deepEqual(checklist.items.find((i) => i.id === 'rls-enabled')!.findings.map((f) => [f.ruleId, f.line]), [['sql/rls-disabled', 1]]);
    assert.match(textOf(result), /^# Supaguard production checklist\n\n4 failing, /);
  });
});
