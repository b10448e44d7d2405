/**
 * The SQL language: Supabase migration histories.
 *
 * API for other parts of Supaguard (verified mode, the editor), stable:
 * - `loadSqlParser()` once (the registry does it), then everything is synchronous;
 * - `groupProjects(root, files, config)` → `SqlProject[]`: each `supabase/` folder's migrations in the order
 *   they are applied, with the schemas its API exposes;
 * - `sqlUnitOf(project)` → `SqlUnit`: the parsed files (`parsed`), every statement of the history in order
 *   (`statements`: kind, node, text, byte offsets, LSP range), and the replayed `model`;
 * - `parseSqlFile(file)` → `ParsedSqlFile`, cached per path and text, so an unchanged migration is never reparsed.
 * Node helpers for the libpg-query AST are in `./ast`.
 */
import type { AnalysisUnit, Language } from '../../engine/language';
import type { SourceFile } from '../../engine/source-file';
import { loadSqlParser, parseSqlFile, type ParsedSqlFile, type SqlStatement } from './parse';
import { groupProjects, projectFolderOf, type SqlProject } from './projects';
import { buildSchemaModel, type SchemaModel } from './model';

export type { ParsedSqlFile, SqlStatement, SqlParseError } from './parse';
export type { SqlProject } from './projects';
export type { SchemaModel, TableModel, PolicyModel, FunctionModel, ViewModel, ColumnModel, TableGrant } from './model';
export type { SqlLocation } from './locate';
export { loadSqlParser, parseSqlFile } from './parse';
export { groupProjects, projectFolderOf } from './projects';

/**
 * What SQL rules check: one Supabase project's whole migration history, in the order it is applied.
 */
export interface SqlUnit extends AnalysisUnit {
  project: SqlProject;
  /** The project's migration files, parsed, in history order (same order as `files`). */
  parsed: ParsedSqlFile[];
  /** Every statement of the history, in the order Postgres would run them. */
  statements: SqlStatement[];
  /** The parse of one file of this unit. */
  parsedOf(file: SourceFile): ParsedSqlFile;
  /** The schema at the end of the history (built on first use, then shared by the rules). */
  readonly model: SchemaModel;
}

/** Builds the unit of one project from its (cached) file parses. */
export function sqlUnitOf(project: SqlProject): SqlUnit {
  const parsed = project.files.map(parseSqlFile);
  const byPath = new Map(parsed.map((p) => [p.file.path, p]));
  let model: SchemaModel | undefined;
  return {
    get model() {
      return (model ??= buildSchemaModel(parsed));
    },
    files: project.files,
    project,
    parsed,
    statements: parsed.flatMap((p) => p.statements),
    parsedOf: (file) => byPath.get(file.path) ?? parseSqlFile(file),
  };
}

export const sqlLanguage: Language<SqlUnit> = {
  id: 'sql',
  load: loadSqlParser,
  claims: (relativePath, config) => projectFolderOf(relativePath, config) !== undefined,
  analyze: ({ root, config, files, focus, report }) => {
    const projects = groupProjects(root, files, config).filter(
      (p) => !focus || p.files.some((f) => focus.has(f.path)),
    );
    const units = projects.map(sqlUnitOf);
    for (const unit of units) {
      for (const parsed of unit.parsed) {
        for (const error of parsed.errors) {
          report({
            ruleId: 'meta/parse-error',
            severity: 'info',
            message: error.endsAnalysis
              ? `Postgres cannot parse this SQL (${error.message}): nothing from here to the end of the migration can be checked.`
              : `Postgres cannot parse this SQL (${error.message}); the statement is skipped and the rest of the migration is still checked.`,
            file: parsed.file.path,
            range: error.range,
          });
        }
      }
    }
    return units;
  },
  comments: (file) => parseSqlFile(file).comments,
  suppressionScope: (file, comment) => {
    const after = parseSqlFile(file).statements.find((s) => s.range.start.line > comment.range.end.line ||
      (s.range.start.line === comment.range.end.line && s.range.start.character >= comment.range.end.character));
    return after ? { startLine: after.range.start.line, endLine: after.range.end.line } : undefined;
  },
};
