import type { Finding, Range, Severity } from '../../engine/finding';
import { docsUrl } from '../../engine/docs';
import { registry } from '../../engine/registry';
import type { ScanResult } from '../../engine/scan';
import { relativePath } from './report';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0 for GitHub code scanning: every registered rule's metadata, results with 1-based regions. */
export function formatSarif(result: ScanResult, toolVersion: string): string {
  const rules = registry.rules.map((r) => r.meta);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const location = (file: string, range: Range) => ({
    physicalLocation: {
      artifactLocation: { uri: encodeURI(relativePath(file, result.root)), uriBaseId: '%SRCROOT%' },
      region: region(range),
    },
  });
  const sarifResult = (f: Finding) => ({
    ruleId: f.ruleId,
    ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
    level: LEVEL[f.severity],
    message: { text: f.message },
    locations: [location(f.file, f.range)],
    ...(f.related?.length
      ? { relatedLocations: f.related.map((r, i) => ({ id: i + 1, ...location(r.file, r.range), message: { text: r.message } })) }
      : {}),
    ...(f.fixes?.length
      ? {
          fixes: f.fixes.map((fix) => ({
            description: { text: fix.title },
            artifactChanges: groupEdits(fix.edits).map(([file, edits]) => ({
              artifactLocation: { uri: encodeURI(relativePath(file, result.root)), uriBaseId: '%SRCROOT%' },
              replacements: edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
            })),
          })),
        }
      : {}),
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Supaguard',
            version: toolVersion,
            informationUri: 'https://github.com/supaguard/supaguard',
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/^[a-z]+\//, '').replace(/-(.)/g, (_, c: string) => c.toUpperCase()).replace(/^./, (c) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: r.description },
              helpUri: docsUrl(r.id),
              help: { text: `${r.description} See ${docsUrl(r.id)}`, markdown: `${r.description} [Documentation](${docsUrl(r.id)})` },
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { tags: ['security', r.id.split('/')[0]] },
            })),
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { uri: `file://${encodeURI(result.root.endsWith('/') ? result.root : `${result.root}/`)}` } },
        columnKind: 'utf16CodeUnits',
        results: result.findings.map(sarifResult),
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: result.skipped.map((s) => ({
              level: 'note',
              message: { text: s.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(s.file), uriBaseId: '%SRCROOT%' } } }],
            })),
          },
        ],
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}

function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function groupEdits(edits: Finding['fixes'] extends (infer F)[] | undefined ? (F extends { edits: infer E } ? E : never) : never) {
  const byFile = new Map<string, typeof edits>();
  for (const e of edits) byFile.set(e.file, [...(byFile.get(e.file) ?? []), e]);
  return [...byFile];
}
