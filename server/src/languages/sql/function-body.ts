import { parsePlPgSQLSync, parseSync } from 'libpg-query';
import { as, walk, type PgNode } from './ast';
import type { FunctionModel } from './model';
import type { ParsedSqlFile, SqlStatement } from './parse';

/** A SQL query inside a function body, parsed, with its PL/pgSQL line (1 = the line the body starts on). */
export interface BodyQuery {
  /** A parsed statement (`{SelectStmt: …}`), or for PL/pgSQL expressions `select <expr>`. */
  tree: PgNode;
  lineno?: number;
  /** The string an `execute` (or `return query execute`, `open … for execute`) runs. */
  dynamic: boolean;
}

const DYNAMIC_FIELDS: Record<string, string> = {
  PLpgSQL_stmt_dynexecute: 'query',
  PLpgSQL_stmt_dynfors: 'query',
  PLpgSQL_stmt_return_query: 'dynquery',
  PLpgSQL_stmt_open: 'dynquery',
};

// Keyed by the statement's parse tree, which lives as long as the file's cached parse: an unchanged
// migration's function bodies are parsed once, however often the history is replayed.
const cache = new WeakMap<PgNode, BodyQuery[]>();

/**
 * The queries of a function's body: the statements of a SQL function, or the embedded queries of a
 * PL/pgSQL function (parsed with the real PL/pgSQL parser): full statements (`return query select …`,
 * `perform …`) and the strings `execute` runs. Bodies that do not parse give none.
 */
export function bodyQueries(fn: FunctionModel): BodyQuery[] {
  const key = fn.at.statement.node;
  let queries = cache.get(key);
  if (!queries) cache.set(key, (queries = computeBodyQueries(fn)));
  return queries;
}

function computeBodyQueries(fn: FunctionModel): BodyQuery[] {
  if (fn.sqlBody) return [{ tree: fn.sqlBody, dynamic: false }];
  if (!fn.body) return [];
  if (fn.language === 'sql') {
    const parsed = tryParse(fn.body.text);
    return (parsed?.stmts ?? []).map((s: PgNode) => ({ tree: s.stmt, dynamic: false }));
  }
  if (fn.language !== 'plpgsql') return [];
  let tree: PgNode;
  try {
    tree = parsePlPgSQLSync(fn.at.statement.text) as PgNode;
  } catch {
    return [];
  }
  const out: BodyQuery[] = [];
  collect(tree, undefined, false, out);
  return out;
}

function collect(node: unknown, lineno: number | undefined, dynamic: boolean, out: BodyQuery[]): void {
  if (!node || typeof node !== 'object') return;
  if (Array.isArray(node)) {
    for (const item of node) collect(item, lineno, dynamic, out);
    return;
  }
  for (const [key, value] of Object.entries(node as PgNode)) {
    if (key === 'PLpgSQL_expr') {
      // Plain expressions (`x := y + 1`, `if found`) hold no query unless `execute` runs them.
      if (value.parseMode !== 0 && !dynamic) continue;
      const query = String(value.query ?? '');
      const parsed = tryParse(value.parseMode === 0 ? query : `select ${query}`);
      const stmt = parsed?.stmts?.[0]?.stmt;
      if (stmt) out.push({ tree: stmt, lineno, dynamic });
      continue;
    }
    if (key.startsWith('PLpgSQL_stmt_')) {
      const line = typeof value.lineno === 'number' ? value.lineno : lineno;
      const dynamicField = DYNAMIC_FIELDS[key];
      for (const [field, child] of Object.entries(value as PgNode)) collect(child, line, field === dynamicField, out);
      continue;
    }
    collect(value, lineno, dynamic, out);
  }
}

function tryParse(text: string): PgNode | undefined {
  try {
    return parseSync(text) as PgNode;
  } catch {
    return undefined;
  }
}

const embeddedCache = new WeakMap<PgNode, SqlStatement[]>();

/**
 * The SQL statements a `DO` block runs (not the strings it `execute`s): `create policy` inside an
 * `if not exists` guard, `alter table … enable row level security` in an idempotent migration. Each is
 * located where it is written inside the block, so findings and ranges land on it.
 */
export function doBlockStatements(parsed: ParsedSqlFile, block: SqlStatement): SqlStatement[] {
  let statements = embeddedCache.get(block.node);
  if (!statements) embeddedCache.set(block.node, (statements = computeDoBlockStatements(parsed, block)));
  return statements.map((s) => (s.file === block.file ? s : { ...s, file: block.file }));
}

function computeDoBlockStatements(parsed: ParsedSqlFile, block: SqlStatement): SqlStatement[] {
  let tree: PgNode;
  try {
    tree = parsePlPgSQLSync(block.text) as PgNode;
  } catch {
    return [];
  }
  const queries: string[] = [];
  walk(tree, (kind, fields) => {
    if (kind === 'PLpgSQL_stmt_execsql') {
      const query = as(fields.sqlstmt, 'PLpgSQL_expr')?.query;
      if (typeof query === 'string') queries.push(query);
    }
  });
  const out: SqlStatement[] = [];
  const blockText = Buffer.from(block.text, 'utf8');
  let searchFrom = 0;
  for (const query of queries) {
    const found = blockText.indexOf(query, searchFrom, 'utf8');
    const raw = tryParse(query)?.stmts?.[0];
    if (found < 0 || !raw) continue;
    searchFrom = found + Buffer.byteLength(query, 'utf8');
    const byteStart = block.byteStart + found;
    const byteEnd = block.byteStart + searchFrom;
    const kind = Object.keys(raw.stmt)[0];
    const semicolon = /^\s*;/.exec(blockText.subarray(searchFrom).toString('utf8').slice(0, 64));
    out.push({
      file: block.file,
      index: block.index,
      kind,
      node: raw.stmt[kind],
      text: query,
      byteStart,
      byteEnd,
      byteEndWithSemicolon: semicolon ? byteEnd + Buffer.byteLength(semicolon[0], 'utf8') : byteEnd,
      locationBase: byteStart,
      range: parsed.rangeOfBytes(byteStart, byteEnd),
    });
  }
  return out;
}
