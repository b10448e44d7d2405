import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTree, type ParseError } from 'jsonc-parser';
import { applyFix } from '../../../server/src/engine/fixes';
import { scan } from '../../../server/src/engine/scan';
import { runCli } from '../../support/cli';
import { SB_SECRET_KEY, SUPABASE_ACCESS_TOKEN, supabaseJwt } from '../../support/keys';
import { writeProject } from '../../support/project';

async function findings(files: Record<string, string>) {
  const root = writeProject(files);
  const result = await scan({ root });
  return { root, result, findings: result.findings };
}

describe('MCP configs: hostile and odd input', () => {
  it('reports a file that is not JSON as a parse error with the position, and nothing else', async () => {
    const { findings: found } = await findings({ '.mcp.json': '{\n  "mcpServers": {\n    "kb": { "command": "node" "args": [] }\n  }\n}\n' });
    assert.deepEqual(found.map((f) => [f.ruleId, f.severity, f.range.start.line]), [['meta/parse-error', 'info', 2]]);
    assert.match(found[0].message, /not valid JSON with comments \(CommaExpected at line 3, column 31\)/);
  });

  it('gives no finding for a JSON array, a string, or an empty file', async () => {
    for (const text of ['[{"command": "bash", "args": ["-c", "x"]}]', '"mcpServers"', '', '  \n']) {
      const { findings: found } = await findings({ '.cursor/mcp.json': text });
      assert.deepEqual(found.map((f) => f.ruleId), [], JSON.stringify(text));
    }
  });

  it('reads binary-looking text without NUL bytes as a parse error, not a crash', async () => {
    const { findings: found } = await findings({ '.mcp.json': '\u0001\u0002PK\u0003\u0004\uFFFD\uFFFD garbage' });
    assert.deepEqual(found.map((f) => f.ruleId), ['meta/parse-error']);
  });

  it('skips 10,000 levels of nesting with a clear message instead of overflowing the stack', async () => {
    const depth = 10_000;
    const text = `{"mcpServers": {"deep": ${'{"a": '.repeat(depth)}0${'}'.repeat(depth)}}}`;
    const { findings: found } = await findings({ '.vscode/mcp.json': text, '.mcp.json': '[' .repeat(depth) + ']'.repeat(depth) });
    assert.deepEqual(found.map((f) => f.ruleId), ['meta/parse-error', 'meta/parse-error']);
    for (const f of found) assert.match(f.message, /nested 10,?00[0-2] levels deep/);
  });

  it('reads a config of several megabytes and still points at the one bad server', async () => {
    const servers = Array.from({ length: 40_000 }, (_, i) => `    "tool-${i}": { "command": "node", "args": ["./tools/${i}.js", "--host", "127.0.0.1"] }`);
    servers.splice(31_337, 0, '    "exposed": { "command": "node", "args": ["./tools/exposed.js", "--host", "0.0.0.0"] }');
    const text = `{\n  "mcpServers": {\n${servers.join(',\n')}\n  }\n}\n`;
    assert.ok(text.length > 3_000_000);
    const { findings: found } = await findings({ '.mcp.json': text });
    assert.deepEqual(found.map((f) => [f.ruleId, f.range.start.line + 1]), [['mcp/bind-all-interfaces', 31_340]]);
  });

  it('skips a config over the 10 MB limit with a message', async () => {
    const root = writeProject({ '.mcp.json': `{"mcpServers": {}, "padding": "${'x'.repeat(11 * 1024 * 1024)}"}` });
    const result = await scan({ root });
    assert.deepEqual(result.findings, []);
    assert.match(result.skipped[0].message, /over the 10 MB limit/);
  });

  it('offers no fix, and does not fail, where the file\'s shape does not fit one (inputs as an object, headers as a list)', async () => {
    const { findings: found } = await findings({
      '.vscode/mcp.json': `{
  "inputs": {},
  "servers": {
    "a": { "command": "node", "args": ["a.js"], "env": { "API_KEY": "${SB_SECRET_KEY}" } },
    "b": { "type": "http", "url": "https://b.example.com/mcp?token=\${input:b}", "headers": ["X-Team: core"] }
  }
}
`,
    });
    assert.deepEqual(found.map((f) => [f.ruleId, (f.fixes ?? []).length]), [
      ['mcp/hardcoded-secret', 0],
      ['mcp/service-role-to-agent', 0],
      ['mcp/token-in-url', 0],
      ['mcp/unresolved-placeholder', 0],
    ]);
  });

  it('checks every definition of a duplicated server name', async () => {
    const { findings: found } = await findings({
      '.mcp.json': `{
  "mcpServers": {
    "kb": { "command": "node", "args": ["kb.js", "--host", "0.0.0.0"] },
    "kb": { "command": "node", "args": ["kb.js", "--host", "0.0.0.0"], "args": ["kb.js"] }
  }
}
`,
    });
    assert.deepEqual(found.map((f) => [f.ruleId, f.range.start.line + 1]), [['mcp/bind-all-interfaces', 3]]);
  });

  it('honours // supaguard-ignore comments in JSONC configs and overrides for plain JSON', async () => {
    const { findings: found } = await findings({
      '.vscode/mcp.json': `{
  "servers": {
    // supaguard-ignore mcp/bind-all-interfaces: runs inside the CI container network only
    "kb": { "command": "node", "args": ["kb.js", "--host", "0.0.0.0"] },
    "kb2": { "command": "node", "args": ["kb.js", "--host", "0.0.0.0"] } // supaguard-ignore mcp/bind-all-interfaces: same
  }
}
`,
      '.cursor/mcp.json': `{
  "mcpServers": {
    // supaguard-ignore mcp/bind-all-interfaces, mcp/unpinned-package: the lab VM is isolated; reviewed by security
    "lab": {
      "command": "npx",
      "args": ["-y", "lab-mcp", "--host", "0.0.0.0"]
    },
    "other": { "command": "node", "args": ["other.js", "--host", "0.0.0.0"] }
  }
}
`,
      'claude_desktop_config.json': '{ "mcpServers": { "kb": { "command": "node", "args": ["kb.js", "--host", "0.0.0.0"] } } }',
      'supaguard.jsonc': '{ "overrides": [{ "files": ["claude_desktop_config.json"], "rules": { "mcp/bind-all-interfaces": "off" } }] }',
    });
    assert.deepEqual(found.map((f) => [f.file.split('/').slice(-2).join('/'), f.range.start.line + 1, f.ruleId]), [['.cursor/mcp.json', 8, 'mcp/bind-all-interfaces']]);
  });
});

describe('MCP fixes and output', () => {
  const serviceRole = supabaseJwt('service_role');
  const project = {
    '.vscode/mcp.json': `{
  // Team MCP servers (keep comments when fixing)
  "servers": {
    "supabase": {
      "command": "npx",
      "args": ["-y", "@supabase/mcp-server-supabase@latest", "--access-token", "${SUPABASE_ACCESS_TOKEN}"],
      "env": { "SUPABASE_SERVICE_ROLE_KEY": "${serviceRole}", "MCP_HOST": "0.0.0.0" } /* inline note */
    },
    "tickets": { "type": "http", "url": "http://tickets.example.com/mcp?token=${SB_SECRET_KEY}" }
  }
}
`,
    '.cursor/mcp.json': `{
  // Cursor
  "mcpServers": {
    "hosted": { "url": "https://mcp.supabase.com/mcp" },
    "proxy": { "command": "npx", "args": ["mcp-remote@0.1.10", "http://10.1.2.3/sse"], "env": { "API_KEY": "${SB_SECRET_KEY}" } }
  }
}
`,
  };

  it('every fix gives valid JSONC, keeps the comments and prints no secret', async () => {
    const { findings: found } = await findings(project);
    const fixes = found.flatMap((f) => (f.fixes ?? []).map((fix) => ({ finding: f, fix })));
    assert.ok(fixes.length >= 10, `only ${fixes.length} fixes`);
    for (const { finding, fix } of fixes) {
      const texts = new Map(fix.edits.map((e) => [e.file, fs.readFileSync(e.file, 'utf8')]));
      for (const [file, text] of applyFix(texts, fix)) {
        const errors: ParseError[] = [];
        parseTree(text, errors, { allowTrailingComma: true });
        assert.deepEqual(errors, [], `${finding.ruleId} "${fix.title}" broke ${path.basename(file)}:\n${text}`);
        for (const comment of ['// Team MCP servers (keep comments when fixing)', '/* inline note */', '// Cursor']) {
          if (texts.get(file)!.includes(comment)) assert.ok(text.includes(comment), `${fix.title} dropped ${comment}`);
        }
      }
      for (const secret of [SUPABASE_ACCESS_TOKEN, serviceRole, SB_SECRET_KEY]) {
        assert.ok(!JSON.stringify(fix).includes(secret.slice(0, 10)), `${fix.title} shows a secret`);
      }
    }
  });

  it('scan --format json names the right rules and never prints a secret', () => {
    const root = writeProject(project);
    const result = runCli(['scan', root, '--format', 'json']);
    assert.equal(result.status, 1, result.stderr);
    for (const secret of [SUPABASE_ACCESS_TOKEN, serviceRole, SB_SECRET_KEY]) {
      assert.ok(!result.stdout.includes(secret.slice(0, 7)), `output shows ${secret.slice(0, 7)}`);
    }
    const ids = new Set((JSON.parse(result.stdout).findings as { ruleId: string }[]).map((f) => f.ruleId));
    for (const id of ['mcp/hardcoded-secret', 'mcp/service-role-to-agent', 'mcp/bind-all-interfaces', 'mcp/token-in-url', 'mcp/insecure-transport',
      'mcp/supabase-not-read-only', 'mcp/supabase-not-project-scoped', 'mcp/known-vulnerable-server', 'mcp/unpinned-package']) {
      assert.ok(ids.has(id), `no ${id}`);
    }
  });
});
