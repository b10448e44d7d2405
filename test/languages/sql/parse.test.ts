import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultConfig } from '../../../server/src/engine/config';
import { lint } from '../../../server/src/engine/runner';
import { scan } from '../../../server/src/engine/scan';
import { SourceFile } from '../../../server/src/engine/source-file';
import { groupProjects, loadSqlParser, parseSqlFile, sqlUnitOf } from '../../../server/src/languages/sql';
import { writeProject } from '../../support/project';

const INIT = 'supabase/migrations/20240101000000_init.sql';
const file = (text: string, name = INIT) => new SourceFile(`/project/${name}`, name, text);
const ruleIds = (findings: { ruleId: string }[]) => findings.map((f) => f.ruleId);

describe('SQL migrations: parsing', () => {
  before(() => loadSqlParser());

  it('splits statements with exact UTF-16 ranges, without leading comments or the closing semicolon', () => {
    const parsed = parseSqlFile(file('-- Tâches 📝\ncreate table "Tâches📝" (id int);\n\n/* deux */ select 1 ;\nselect 2'));
    assert.deepEqual(parsed.statements.map((s) => [s.kind, s.text]), [['CreateStmt', 'create table "Tâches📝" (id int)'], ['SelectStmt', 'select 1'], ['SelectStmt', 'select 2']]);
    assert.deepEqual(parsed.statements[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 32 } });
    assert.deepEqual(parsed.statements[1].range.start, { line: 3, character: 11 });
    assert.deepEqual(parsed.comments.map((c) => [c.text, c.range.start.line, c.trailing]), [[' Tâches 📝', 0, false], [' deux ', 3, false]]);
  });

  it('reports the statement Postgres rejects and still parses the rest of the file', () => {
    const parsed = parseSqlFile(file('create table a (id int);\ncreate table b (id int,;\ncreate table c (id int);\n'));
    assert.deepEqual(parsed.statements.map((s) => s.node.relation.relname), ['a', 'c']);
    assert.equal(parsed.errors.length, 1);
    assert.match(parsed.errors[0].message, /syntax error at or near ";"/);
    assert.deepEqual(parsed.errors[0].range.start, { line: 1, character: 23 });
  });

  it('stops at an unterminated dollar quote with one error there, keeping the statements before it', () => {
    const parsed = parseSqlFile(file("create table a (id int);\ncreate function f() returns int language sql as $$ select 1;\ncreate table b (id int);\n"));
    assert.deepEqual(parsed.statements.map((s) => s.kind), ['CreateStmt']);
    assert.equal(parsed.errors.length, 1);
    assert.match(parsed.errors[0].message, /unterminated dollar-quoted string/);
    assert.equal(parsed.errors[0].range.start.line, 1);
  });

  it('a psql meta-command is one error on its line; the statement after it is still parsed', () => {
    const parsed = parseSqlFile(file("\\set ON_ERROR_STOP on\ncreate table tags (id int, label text default E'\\\\n');\n  \\echo 'done;'\nselect 1;\n"));
    assert.deepEqual(parsed.statements.map((s) => s.kind), ['CreateStmt', 'SelectStmt']);
    assert.deepEqual(parsed.errors.map((e) => [e.message.split(':')[0], e.range.start.line, e.range.start.character]), [
      ['psql meta-command \\set is not SQL', 0, 0],
      ['psql meta-command \\echo is not SQL', 2, 2],
    ]);
  });

  it('idempotent and hand-tuned migrations parse without errors', () => {
    const parsed = parseSqlFile(file([
      'begin;',
      'create table if not exists public.notes (id bigint primary key, body text);',
      'alter table only public.notes enable row level security;',
      "comment on column public.notes.body is 'may hold $$ and ;';",
      "create type public.mood as enum ('happy', 'sad');",
      'create policy "r" on public.notes as restrictive for all to authenticated using (true);',
      "create or replace function public.f() returns int language plpgsql set search_path = '' as $function$",
      'begin',
      "  perform $$ nested; $$;",
      '  return 1;',
      'end;',
      '$function$;',
      'create index concurrently if not exists notes_body_idx on public.notes (body);',
      'commit;',
    ].join('\n')));
    assert.deepEqual(parsed.errors, []);
    assert.equal(parsed.statements.length, 9);
  });

  it('reuses the parse of an unchanged file and reparses only the edited one', () => {
    const config = defaultConfig();
    const a = file('create table a (id int);\n');
    const b = file('create table b (id int);\n', 'supabase/migrations/20240201000000_b.sql');
    const before = sqlUnitOf(groupProjects('/project', [a, b], config)[0]);
    const edited = file('create table b (id bigint);\n', 'supabase/migrations/20240201000000_b.sql');
    const after = sqlUnitOf(groupProjects('/project', [a, edited], config)[0]);
    assert.equal(after.parsed[0], before.parsed[0], 'the unchanged migration is not reparsed');
    assert.notEqual(after.parsed[1], before.parsed[1]);
    assert.equal(after.model.tables.find((t) => t.name === 'b')!.columns[0].type, 'int8');
  });

  it('groups migrations per supabase/ folder, in file name order, with each project\'s exposed schemas', () => {
    const root = writeProject({
      'apps/api/supabase/config.toml': '[api]\nschemas = ["public", "graphql_public", "api"]\n',
      'apps/api/supabase/migrations/20240301000000_c.sql': 'select 3;\n',
      'apps/api/supabase/migrations/20240101000000_a.sql': 'select 1;\n',
      'supabase/migrations/20240101000000_root.sql': 'select 1;\n',
      'supabase/seed.sql': 'select 1;\n',
    });
    const files = ['apps/api/supabase/migrations/20240301000000_c.sql', 'apps/api/supabase/migrations/20240101000000_a.sql', 'supabase/migrations/20240101000000_root.sql']
      .map((p) => new SourceFile(`${root}/${p}`, p, fs.readFileSync(path.join(root, p), 'utf8')));
    const projects = groupProjects(root, files, defaultConfig());
    assert.deepEqual(projects.map((p) => [p.folder, p.files.map((f) => path.posix.basename(f.path)), p.exposedSchemas]), [
      ['', ['20240101000000_root.sql'], ['public']],
      ['apps/api', ['20240101000000_a.sql', '20240301000000_c.sql'], ['public', 'graphql_public', 'api']],
    ]);
  });
});

describe('SQL migrations: editor focus', () => {
  it('lints one open migration against the whole history, reporting only on it', async () => {
    const root = writeProject({
      [INIT]: 'create table public.notes (id int, user_id uuid);\ncreate table public.tags (id int);\n',
      'supabase/migrations/20240201000000_secure.sql': 'alter table public.notes enable row level security;\n',
    });
    const full = await scan({ root });
    const focused = lint({ root: full.root, config: full.config, files: full.files, focus: new Set([full.files[1].path]) });
    assert.deepEqual(ruleIds(full.findings).sort(), ['sql/rls-disabled', 'sql/rls-enabled-no-policy']);
    assert.deepEqual(focused.findings, [], 'the findings of the earlier migration are not the open file\'s');
    const first = lint({ root: full.root, config: full.config, files: full.files, focus: new Set([full.files[0].path]) });
    assert.deepEqual(ruleIds(first.findings).sort(), ['sql/rls-disabled', 'sql/rls-enabled-no-policy'], 'notes is secured by the later migration');
  });
});

describe('SQL migrations: bad input', () => {
  it('an empty migration gives nothing', async () => {
    const result = await scan({ root: writeProject({ [INIT]: '' }) });
    assert.deepEqual(ruleIds(result.findings), []);
    assert.equal(result.filesByLanguage.sql, 1);
  });

  it('a 20 MB migration is skipped with a message', async () => {
    const root = writeProject({ [INIT]: `create table public.big (id int);\n${'insert into public.big values (1);\n'.repeat(600_000)}` });
    const result = await scan({ root });
    assert.deepEqual(ruleIds(result.findings), []);
    assert.equal(result.skipped.length, 1);
    assert.match(result.skipped[0].message, /over the 10 MB limit/);
  });

  it('binary junk is skipped, and text junk is one parse error', async () => {
    const junk = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256));
    const root = writeProject({ [INIT]: '', 'supabase/migrations/20240201000000_junk.sql': 'ÿØÿà\u0001\u0002 JFIF ~~~ ??? )))' });
    fs.writeFileSync(path.join(root, INIT), junk);
    const result = await scan({ root });
    assert.equal(result.skipped.length, 1);
    assert.match(result.skipped[0].message, /binary/);
    assert.deepEqual(ruleIds(result.findings), ['meta/parse-error']);
  });

  it('an unterminated dollar quote is a parse error, the table before it is still checked', async () => {
    const result = await scan({ root: writeProject({ [INIT]: 'create table public.notes (id int);\ncreate function public.f() returns void language plpgsql as $body$\nbegin\n  perform 1;\nend;\n' }) });
    assert.deepEqual(ruleIds(result.findings).sort(), ['meta/parse-error', 'sql/rls-disabled']);
    const parseError = result.findings.find((f) => f.ruleId === 'meta/parse-error')!;
    assert.equal(parseError.severity, 'info');
    assert.deepEqual(parseError.range.start, { line: 1, character: 60 });
  });

  it('deeply nested and very long statements are a parse error, not a crash', async () => {
    const deep = `select ${'('.repeat(50_000)}1${')'.repeat(50_000)};\ncreate table public.after_it (id int);\n`;
    const result = await scan({ root: writeProject({ [INIT]: deep }) });
    assert.deepEqual(ruleIds(result.findings).sort(), ['meta/parse-error', 'sql/rls-disabled']);
  });

  it('migrations out of order replay in file name order', async () => {
    const result = await scan({ root: writeProject({
      'supabase/migrations/20240301000000_policy.sql': 'create policy "p" on public.notes for select to authenticated using (true);\n',
      'supabase/migrations/20240101000000_rls.sql': 'alter table public.notes enable row level security;\n',
      'supabase/migrations/20240201000000_table.sql': 'create table public.notes (id int);\n',
    }) });
    // The RLS statement ran before the table existed, so it protected nothing; the policy found the table.
    assert.deepEqual(ruleIds(result.findings).sort(), ['sql/policy-without-rls', 'sql/rls-disabled']);
  });
});

describe('SQL migrations: suppressions', () => {
  it('a comment before a statement covers the whole statement', async () => {
    const root = writeProject({ [INIT]: '-- supaguard-ignore sql/rls-disabled: public reference data, read-only\ncreate table\n  public.countries (code text primary key);\n' });
    const result = await scan({ root });
    assert.deepEqual(ruleIds(result.findings), []);
    assert.equal(result.suppressed, 1);
  });

  it('a suppression mentioned inside a string is not a comment', async () => {
    const root = writeProject({ [INIT]: "select '-- supaguard-ignore sql/rls-disabled: nope';\ncreate table public.countries (code text primary key);\n" });
    assert.deepEqual(ruleIds((await scan({ root })).findings), ['sql/rls-disabled']);
  });
});
