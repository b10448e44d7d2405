import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { REPO_ROOT, writeProject } from '../support/project';

const PROJECT = {
  'supabase/migrations/20240101000000_init.sql': `create table public.conversations (
  id uuid primary key default gen_random_uuid(),
  user_id uuid not null references auth.users (id),
  title text
);
`,
  '.env': `# supaguard-ignore env/hardcoded-secret
NEXT_PUBLIC_SUPABASE_URL=https://abcdefghijklmnopqrst.supabase.co
`,
};

/** `supaguard mcp` as an MCP client starts it: the built CLI over stdio. */
async function connect(workspace: string): Promise<Client> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [path.join(REPO_ROOT, 'bin', 'supaguard.js'), 'mcp', '--root', workspace],
    stderr: 'pipe',
  });
  const client = new Client({ name: 'supaguard-test', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

const call = (client: Client, name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
const textOf = (result: CallToolResult) => result.content.map((c) => (c.type === 'text' ? c.text : '')).join('');

describe('supaguard mcp', function () {
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
    const report = result.structuredContent as { version: number; findings: { ruleId: string; file: string; range: unknown }[]; stats: { files: number } };
    assert.equal(report.version, 1);
    const suppression = report.findings.find((f) => f.ruleId === 'meta/suppression-without-reason');
    assert.ok(suppression, JSON.stringify(report.findings));
    assert.equal(suppression.file, '.env');
    assert.match(textOf(result), /\.env\n.*meta\/suppression-without-reason/);
  });

  it('scan writes the text part in the requested format', async () => {
    const json = await call(client, 'scan', { path: '.env', format: 'json' });
    assert.equal(JSON.parse(textOf(json)).findings[0].ruleId, 'meta/suppression-without-reason');
    const sarif = await call(client, 'scan', { path: '.env', format: 'sarif' });
    assert.equal(JSON.parse(textOf(sarif)).version, '2.1.0');
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

  it('checklist answers each item', async () => {
    const result = await call(client, 'checklist', { path: '.' });
    assert.ok(!result.isError, textOf(result));
    const checklist = result.structuredContent as { items: { id: string; status: string }[] };
    assert.equal(checklist.items.length, 13);
    assert.match(textOf(result), /^# Supaguard production checklist/);
  });
});
