import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadWASM, OnigScanner, OnigString } from 'vscode-oniguruma';
import { INITIAL, parseRawGrammar, Registry, type IGrammar } from 'vscode-textmate';
import { ensureCodeServer } from '../e2e/code-server';
import { REPO_ROOT } from '../support/project';

/**
 * The injection grammar, tokenized by VS Code's own TextMate engine over VS Code's own SQL, TypeScript and
 * JSONC grammars (taken from the code-server install the end-to-end test uses).
 */

const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
const injection = manifest.contributes.grammars[0] as { scopeName: string; path: string; injectTo: string[] };

function builtInGrammars(): Record<string, string> {
  const extensions = path.join(path.dirname(ensureCodeServer().entry), '..', '..', 'lib', 'vscode', 'extensions');
  return {
    'source.sql': path.join(extensions, 'sql', 'syntaxes', 'sql.tmLanguage.json'),
    'source.ts': path.join(extensions, 'typescript-basics', 'syntaxes', 'TypeScript.tmLanguage.json'),
    'source.json.comments': path.join(extensions, 'json', 'syntaxes', 'JSONC.tmLanguage.json'),
    [injection.scopeName]: path.join(REPO_ROOT, injection.path),
  };
}

type Token = { text: string; scopes: string[] };

describe('supaguard-ignore highlighting (injection grammar)', function () {
  this.timeout(15 * 60_000);
  let registry: Registry;
  const grammars = new Map<string, IGrammar>();

  before(async () => {
    const files = builtInGrammars();
    await loadWASM(fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer as ArrayBuffer);
    registry = new Registry({
      onigLib: Promise.resolve({ createOnigScanner: (sources) => new OnigScanner(sources), createOnigString: (s) => new OnigString(s) }),
      loadGrammar: async (scopeName) => (files[scopeName] ? parseRawGrammar(fs.readFileSync(files[scopeName], 'utf8'), files[scopeName]) : null),
      getInjections: (scopeName) => (injection.injectTo.includes(scopeName) ? [injection.scopeName] : undefined),
    });
    for (const scope of ['source.sql', 'source.ts', 'source.json.comments']) grammars.set(scope, (await registry.loadGrammar(scope))!);
  });

  function tokenize(scope: string, line: string): Token[] {
    const { tokens } = grammars.get(scope)!.tokenizeLine(line, INITIAL);
    return tokens.map((t, i) => ({ text: line.slice(t.startIndex, tokens[i + 1]?.startIndex ?? line.length), scopes: t.scopes }));
  }
  const scoped = (tokens: Token[], scope: string) => tokens.filter((t) => t.scopes.some((s) => s.startsWith(scope))).map((t) => t.text.trim());

  it('is injected into the SQL, TypeScript/JavaScript and JSONC grammars', () => {
    for (const scope of ['source.sql', 'source.ts', 'source.tsx', 'source.js', 'source.json.comments']) assert.ok(injection.injectTo.includes(scope), scope);
  });

  it('marks the directive, each rule id and the reason in an SQL comment', () => {
    const tokens = tokenize('source.sql', '-- supaguard-ignore sql/rls-disabled, sql/policy-initplan: reference data, readable by everyone');
    assert.deepEqual(scoped(tokens, 'keyword.control.directive.supaguard'), ['supaguard-ignore']);
    assert.deepEqual(scoped(tokens, 'entity.name.tag.rule-id.supaguard'), ['sql/rls-disabled', 'sql/policy-initplan']);
    assert.deepEqual(scoped(tokens, 'string.unquoted.reason.supaguard'), ['reference data, readable by everyone']);
    assert.ok(tokens.every((t) => t.scopes.some((s) => s.startsWith('comment.'))), 'still a comment');
  });

  it('handles file-wide, trailing and block comments in TypeScript, and leaves strings alone', () => {
    const fileWide = tokenize('source.ts', '// supaguard-ignore-file code/service-role-client: nightly cron job, no user in scope');
    assert.deepEqual(scoped(fileWide, 'keyword.control.directive.supaguard'), ['supaguard-ignore-file']);
    assert.deepEqual(scoped(fileWide, 'entity.name.tag.rule-id.supaguard'), ['code/service-role-client']);

    const block = tokenize('source.ts', "const url = process.env.SUPABASE_URL; /* supaguard-ignore code/hardcoded-key: test fixture */");
    assert.deepEqual(scoped(block, 'entity.name.tag.rule-id.supaguard'), ['code/hardcoded-key']);
    assert.deepEqual(scoped(block, 'string.unquoted.reason.supaguard'), ['test fixture']);

    const inString = tokenize('source.ts', "const hint = 'supaguard-ignore code/hardcoded-key: not a comment';");
    assert.deepEqual(scoped(inString, 'keyword.control.directive.supaguard'), []);
  });

  it('works in JSON with comments', () => {
    const tokens = tokenize('source.json.comments', '    // supaguard-ignore mcp/unpinned-package: pinned by the lockfile');
    assert.deepEqual(scoped(tokens, 'entity.name.tag.rule-id.supaguard'), ['mcp/unpinned-package']);
    assert.ok(tokens.filter((t) => t.text.trim()).every((t) => t.scopes.some((s) => s.startsWith('comment.'))), 'still a comment');
    const value = tokenize('source.json.comments', '{ "note": "// supaguard-ignore mcp/unpinned-package: in a string" }');
    assert.deepEqual(scoped(value, 'entity.name.tag.rule-id.supaguard'), []);
  });
});
