import { relativePath } from '../cli/format/report';
import type { Finding } from '../engine/finding';
import { registry as defaultRegistry, type Registry } from '../engine/registry';
import type { ScanResult } from '../engine/scan';
import { gatherEvidence } from './evidence';
import { CHECKLIST, type ChecklistStatus, type ItemDefinition } from './items';

export { CHECKLIST, type ChecklistStatus } from './items';
export { checklistMarkdown } from './render';

export interface ChecklistFinding {
  ruleId: string;
  severity: Finding['severity'];
  /** Relative to the scanned root. */
  file: string;
  /** 1-based. */
  line: number;
  message: string;
}

export interface ChecklistItem {
  id: string;
  title: string;
  status: ChecklistStatus;
  summary: string;
  /** The findings behind the answer (a failing item's, and informational ones). */
  findings: ChecklistFinding[];
  /** What to check by hand, for a manual item. */
  manual?: string;
}

export interface Checklist {
  root: string;
  files: number;
  items: ChecklistItem[];
  counts: Record<ChecklistStatus, number>;
}

/** SPEC §6's production checklist, answered from one scan. */
export function buildChecklist(result: ScanResult, registry: Registry = defaultRegistry): Checklist {
  const evidence = gatherEvidence(result);
  const items = CHECKLIST.map((definition) => answer(definition, result, evidence, registry));
  const counts = { pass: 0, fail: 0, manual: 0 };
  for (const item of items) counts[item.status]++;
  return { root: result.root, files: result.files.length, items, counts };
}

function answer(definition: ItemDefinition, result: ScanResult, evidence: ReturnType<typeof gatherEvidence>, registry: Registry): ChecklistItem {
  const base = { id: definition.id, title: definition.title };
  const linked = result.findings.filter((f) => definition.rules.includes(f.ruleId)).map((f) => linkFinding(f, result.root));
  const failing = linked.filter((f) => f.severity !== 'info');
  if (failing.length) {
    const rules = [...new Set(failing.map((f) => f.ruleId))].join(', ');
    return { ...base, status: 'fail', summary: `${failing.length} finding${failing.length === 1 ? '' : 's'} (${rules}).`, findings: linked };
  }
  const judged = definition.judge?.(evidence);
  if (judged) return { ...base, ...judged, findings: linked, ...(judged.status === 'manual' ? { manual: definition.manual } : {}) };
  const scanned = definition.needs.some((language) => (result.filesByLanguage[language] ?? 0) > 0);
  const checked = rulesThatRan(definition.rules, result, registry);
  if (!scanned || !checked.length) {
    const why = scanned ? 'None of its rules ran in this scan (turned off, or only run by verify or probe-mcp).' : 'Nothing in the scanned files can answer this.';
    return { ...base, status: 'manual', summary: why, findings: linked, manual: definition.manual };
  }
  return { ...base, status: 'pass', summary: `No finding of ${checked.join(', ')}.`, findings: linked };
}

/** A pass only means something for rules a static scan runs and the config leaves on. */
function rulesThatRan(ids: readonly string[], result: ScanResult, registry: Registry): string[] {
  return ids.filter((id) => {
    const rule = registry.rule(id);
    return rule && (rule.meta.mode ?? 'static') === 'static' && result.config.rules[id]?.severity !== 'off';
  });
}

function linkFinding(finding: Finding, root: string): ChecklistFinding {
  return {
    ruleId: finding.ruleId,
    severity: finding.severity,
    file: relativePath(finding.file, root),
    line: finding.range.start.line + 1,
    message: finding.message,
  };
}
