import type { Finding } from '../engine/finding';
import type { SourceFile } from '../engine/source-file';
import type { CatalogFacts } from './verify';

type Verdict = 'confirmed' | 'refuted' | 'unknown';
type Fact = CatalogFacts['tables'][number] | CatalogFacts['functions'][number] | CatalogFacts['views'][number];

/**
 * How the replayed database judges a static finding: each rule names the kind of object it is about and
 * the catalog fact that would make it wrong. Rules not listed are neither confirmed nor refuted.
 */
const JUDGES: Record<string, { kind: keyof CatalogFacts; refutedBy: (facts: Fact[]) => boolean }> = {
  'sql/rls-disabled': { kind: 'tables', refutedBy: (f) => all(f, (t) => (t as TableFact).rls) },
  'sql/rls-explicitly-disabled': { kind: 'tables', refutedBy: (f) => all(f, (t) => (t as TableFact).rls) },
  'sql/policy-without-rls': { kind: 'tables', refutedBy: (f) => all(f, (t) => (t as TableFact).rls) },
  'sql/rls-enabled-no-policy': { kind: 'tables', refutedBy: (f) => all(f, (t) => (t as TableFact).policies > 0) },
  'sql/grant-to-anon': { kind: 'tables', refutedBy: (f) => all(f, (t) => !(t as TableFact).anonWrites) },
  // The probes answer these directly: signed in as A, could B's rows (another tenant's) be reached?
  'sql/private-table-shared': { kind: 'tables', refutedBy: (f) => all(f, (t) => (t as TableFact).probed?.readOtherUser === false) },
  'sql/tenant-isolation-missing': {
    kind: 'tables',
    refutedBy: (f) => all(f, (t) => (t as TableFact).probed?.reachedOtherTenant === false),
  },
  'sql/definer-function-exposed': {
    kind: 'functions',
    refutedBy: (f) => all(f, (fn) => !(fn as FunctionFact).securityDefiner || !(fn as FunctionFact).anonCanExecute),
  },
  'sql/security-definer-search-path': { kind: 'functions', refutedBy: (f) => all(f, (fn) => (fn as FunctionFact).searchPathSet) },
  'sql/function-search-path-mutable': { kind: 'functions', refutedBy: (f) => all(f, (fn) => (fn as FunctionFact).searchPathSet) },
  'sql/security-definer-view': { kind: 'views', refutedBy: (f) => all(f, (v) => (v as ViewFact).securityInvoker) },
};

type TableFact = CatalogFacts['tables'][number];
type FunctionFact = CatalogFacts['functions'][number];
type ViewFact = CatalogFacts['views'][number];

function all(facts: Fact[], test: (fact: Fact) => boolean): boolean {
  return facts.length > 0 && facts.every(test);
}

/** Judges a static finding against the catalog of its project. */
export function judge(finding: Finding, facts: CatalogFacts, file: SourceFile | undefined): Verdict {
  const rule = JUDGES[finding.ruleId];
  if (!rule) return 'unknown';
  const objects = objectsNamed(facts[rule.kind] as Fact[], finding, file);
  if (objects.length === 0) return 'unknown';
  return rule.refutedBy(objects) ? 'refuted' : 'confirmed';
}

/** Whether a static finding is about an exposed table, by the same name test `judge` uses. */
function tableOf(finding: Finding, facts: CatalogFacts, file: SourceFile | undefined): string | undefined {
  return objectsNamed(facts.tables, finding, file)[0]?.name;
}

/**
 * The catalog objects a finding is about: the name its range covers (static rules point at the object's
 * name), else a qualified name its message mentions.
 */
function objectsNamed<T extends Fact>(facts: T[], finding: Finding, file: SourceFile | undefined): T[] {
  const spanned = file ? file.text.slice(file.lines.offsetAt(finding.range.start), file.lines.offsetAt(finding.range.end)) : '';
  const name = normalizeName(spanned);
  if (name) {
    const matches = facts.filter((f) => (name.includes('.') ? f.name === name : f.name.split('.')[1] === name));
    if (matches.length) return matches;
  }
  const mentioned = facts.filter((f) => new RegExp(`(^|[^\\w.])${escapeRegExp(f.name)}($|[^\\w])`).test(finding.message));
  return mentioned;
}

function normalizeName(text: string): string {
  const trimmed = text.trim();
  if (!/^("[^"]+"|[\w$]+)(\s*\.\s*("[^"]+"|[\w$]+))?$/.test(trimmed)) return '';
  return trimmed
    .split('.')
    .map((part) => {
      const p = part.trim();
      return p.startsWith('"') ? p.slice(1, -1) : p.toLowerCase();
    })
    .join('.');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export interface VerdictInput {
  /** The findings verified mode made itself (replay, catalog, probes): kept as they are. */
  own: readonly Finding[];
  /** The catalog facts of the project each migration file belongs to. */
  factsByFile: ReadonlyMap<string, CatalogFacts>;
  sourceOf: (file: string) => SourceFile | undefined;
}

export interface Verdicts {
  findings: Finding[];
  confirmed: number;
  refuted: { ruleId: string; file: string; line: number }[];
}

/**
 * The findings of a scan that included verified mode's own: static findings the database refutes are
 * dropped (and listed), and a table the catalog reports without RLS is not reported twice when static
 * analysis already does.
 */
export function applyVerdicts(findings: readonly Finding[], input: VerdictInput): Verdicts {
  const own = new Set(input.own.map(findingKey));
  const verdicts: Verdicts = { findings: [], confirmed: 0, refuted: [] };
  const staticTablesWithoutRls = new Set<string>();
  const judged = findings.filter((finding) => {
    const facts = input.factsByFile.get(finding.file);
    if (!facts || own.has(findingKey(finding))) return true;
    const verdict = judge(finding, facts, input.sourceOf(finding.file));
    if (verdict === 'refuted') {
      verdicts.refuted.push({ ruleId: finding.ruleId, file: finding.file, line: finding.range.start.line + 1 });
      return false;
    }
    if (verdict === 'confirmed') verdicts.confirmed++;
    if (finding.ruleId === 'sql/rls-disabled') {
      const table = tableOf(finding, facts, input.sourceOf(finding.file));
      if (table) staticTablesWithoutRls.add(table);
    }
    return true;
  });
  verdicts.findings = judged.filter((finding) => {
    if (finding.ruleId !== 'sql/rls-disabled' || !own.has(findingKey(finding))) return true;
    const facts = input.factsByFile.get(finding.file);
    const table = facts && tableOf(finding, facts, undefined);
    return !table || !staticTablesWithoutRls.has(table);
  });
  return verdicts;
}

function findingKey(f: Finding): string {
  return `${f.ruleId}|${f.file}|${f.range.start.line}|${f.range.start.character}|${f.message}`;
}
