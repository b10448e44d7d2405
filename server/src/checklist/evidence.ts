import picomatch from 'picomatch';
import type { ScanResult } from '../engine/scan';
import type { SourceFile } from '../engine/source-file';
import { serviceRoleInventory } from '../languages/code/inventory';

export interface Located {
  file: string;
  /** 1-based. */
  line: number;
}

/** What the checklist reads from the migrations themselves, where no rule reports it. */
export interface ProjectEvidence {
  /** Whether any migration was scanned. */
  migrations: boolean;
  auditLog?: Located;
  privateTables: (Located & { name: string })[];
  /** `cron.schedule(…)` jobs that delete or archive rows, with their text. */
  scheduledDeletes: (Located & { text: string })[];
  /** The service-role inventory, when client code was scanned. */
  serviceRoleClients?: (Located & { client: string; justified: boolean })[];
}

const CREATE_TABLE = /\bcreate\s+(?:unlogged\s+)?table\s+(?:if\s+not\s+exists\s+)?(?:"?([A-Za-z_][\w$]*)"?\s*\.\s*)?"?([A-Za-z_][\w$]*)"?/gi;
const CRON_SCHEDULE = /\bcron\s*\.\s*schedule\s*\(([\s\S]*?)\)\s*;/gi;

export function gatherEvidence(result: ScanResult): ProjectEvidence {
  const migrations = result.files.filter((f) => f.relativePath.endsWith('.sql'));
  const isPrivate = picomatch(result.config.privateTables, { nocase: true });
  const evidence: ProjectEvidence = { migrations: migrations.length > 0, privateTables: [], scheduledDeletes: [] };
  for (const file of migrations) {
    const code = withoutComments(file.text);
    for (const m of code.matchAll(CREATE_TABLE)) {
      const name = m[2].toLowerCase();
      const at = locate(file, m.index!);
      if (name === 'security_audit_log') evidence.auditLog ??= at;
      if (isPrivate(name) && !evidence.privateTables.some((t) => t.name === name)) evidence.privateTables.push({ ...at, name });
    }
    for (const m of code.matchAll(CRON_SCHEDULE)) {
      if (/\bdelete\s+from\b|\barchive/i.test(m[1])) evidence.scheduledDeletes.push({ ...locate(file, m.index!), text: m[1].toLowerCase() });
    }
  }
  if (result.filesByLanguage.code) {
    const inventory = serviceRoleInventory({ root: result.root, files: result.files, config: result.config });
    evidence.serviceRoleClients = inventory.map((c) => ({ file: c.relativePath, line: c.line, client: c.client, justified: c.justification !== undefined }));
  }
  return evidence;
}

/** SQL with comments blanked out (same length, so offsets still map to lines). */
function withoutComments(sql: string): string {
  return sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, (comment) => comment.replace(/[^\n]/g, ' '));
}

function locate(file: SourceFile, offset: number): Located {
  return { file: file.relativePath, line: file.lines.positionAt(offset).line + 1 };
}
