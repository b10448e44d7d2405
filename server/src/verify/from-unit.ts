import type { ResolvedConfig } from '../engine/config';
import { as, names, type PgNode } from '../languages/sql/ast';
import type { SourceFile } from '../engine/source-file';
import { groupProjects, sqlUnitOf, type SqlStatement, type SqlUnit } from '../languages/sql';
import type { ReplayProject, ReplayStatement } from './history';

/** The plain-data history of one SQL unit (a Supabase project), ready to replay. */
export function replayProjectOf(unit: SqlUnit, config: ResolvedConfig): ReplayProject {
  return {
    folder: unit.project.folder,
    exposedSchemas: unit.project.exposedSchemas,
    privateTables: config.privateTables,
    tenantColumns: config.tenantColumns,
    files: unit.parsed.map((parsed) => ({
      path: parsed.file.path,
      statements: parsed.statements.map(replayStatementOf),
    })),
  };
}

function replayStatementOf(statement: SqlStatement): ReplayStatement {
  const extension = extensionOf(statement.kind, statement.node);
  return {
    index: statement.index,
    text: statement.text,
    range: statement.range,
    kind: statement.kind,
    ...(extension ? { extension } : {}),
  };
}

function extensionOf(kind: string, node: PgNode): ReplayStatement['extension'] {
  switch (kind) {
    case 'CreateExtensionStmt': {
      const schemaOption = (node.options ?? []).map((o: unknown) => as(o, 'DefElem')).find((d: PgNode | undefined) => d?.defname === 'schema');
      const schema = as(schemaOption?.arg, 'String')?.sval;
      return { name: node.extname, action: 'create', ...(schema ? { schema } : {}) };
    }
    case 'AlterExtensionStmt':
    case 'AlterExtensionContentsStmt':
      return { name: node.extname, action: 'alter' };
    case 'DropStmt':
      return node.removeType === 'OBJECT_EXTENSION' ? { name: names(node.objects)[0] ?? '', action: 'drop' } : undefined;
    case 'CommentStmt':
      return node.objtype === 'OBJECT_EXTENSION' ? { name: as(node.object, 'String')?.sval ?? '', action: 'comment' } : undefined;
    default:
      return undefined;
  }
}

/** The histories of every Supabase project among `files`. */
export function replayProjectsOf(root: string, files: readonly SourceFile[], config: ResolvedConfig): ReplayProject[] {
  return groupProjects(root, files, config).map((project) => replayProjectOf(sqlUnitOf(project), config));
}
