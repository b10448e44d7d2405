import type { Finding, Range, Severity } from './finding';
import { compareFindings } from './finding';
import type { ResolvedConfig } from './config';
import { ruleSettingFor } from './config';
import type { AnalysisUnit, Language } from './language';
import type { Rule, ReportDescriptor } from './rule';
import { registry as defaultRegistry, type Registry } from './registry';
import { containsSecret, redactSecrets } from './secrets';
import { SourceFile } from './source-file';
import { parseSuppressions, suppresses, type Suppression } from './suppressions';

export interface LintOptions {
  root: string;
  config: ResolvedConfig;
  files: readonly SourceFile[];
  /** When set, findings only for these absolute paths (the rest of the files still inform the analysis). */
  focus?: ReadonlySet<string>;
  /** Findings produced outside the rules (verified mode, probes): they get severities, suppressions and redaction too. */
  extraFindings?: readonly Finding[];
  /** Polled between units; when it returns true, `lint` throws `CancelledError`. */
  isCancelled?: () => boolean;
  registry?: Registry;
}

export interface LintResult {
  findings: Finding[];
  /** Files a language claimed, per language id. */
  filesByLanguage: Record<string, number>;
  suppressed: number;
}

export class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

const ZERO_RANGE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Files → parse → model → rules → findings, with config, suppressions and redaction applied. */
export function lint(options: LintOptions): LintResult {
  const registry = options.registry ?? defaultRegistry;
  const { config } = options;
  const byLanguage = groupByLanguage(registry, options.files, config);
  const raw: Finding[] = [...(options.extraFindings ?? [])];
  const ranRules = new Set<string>();

  for (const [language, files] of byLanguage) {
    checkCancelled(options);
    let units: AnalysisUnit[];
    try {
      units = language.analyze({ root: options.root, config, files, allFiles: options.files, focus: options.focus, report: (f) => raw.push(f) });
    } catch (error) {
      raw.push(internalError(files[0].path, `the ${language.id} analysis failed`, error));
      continue;
    }
    const rules = registry.rulesOf(language.id).filter((r) => (r.meta.mode ?? 'static') === 'static');
    for (const unit of units) {
      if (options.focus && !unit.files.some((f) => options.focus!.has(f.path))) continue;
      checkCancelled(options);
      for (const rule of rules) {
        if (isOffEverywhere(rule, unit, config, registry)) continue;
        ranRules.add(rule.meta.id);
        runRule(rule, unit, config, raw);
      }
    }
  }

  const relativePaths = new Map(options.files.map((f) => [f.path, f.relativePath]));
  const inFocus = (file: string) => !options.focus || options.focus.has(file);
  const configure = (list: Finding[]) =>
    list
      .filter((f) => inFocus(f.file))
      .map((f) => withConfiguredSeverity(f, config, registry, relativePaths.get(f.file) ?? f.file))
      .filter((f): f is Finding => f !== undefined);

  const { kept, suppressed, meta } = applySuppressions(configure(raw), byLanguage, options, registry, ranRules);
  const findings = [...kept, ...configure(meta)].map(redactFinding).sort(compareFindings);
  const filesByLanguage: Record<string, number> = {};
  for (const [language, files] of byLanguage) filesByLanguage[language.id] = files.length;
  return { findings, filesByLanguage, suppressed };
}

function checkCancelled(options: LintOptions): void {
  if (options.isCancelled?.()) throw new CancelledError();
}

function groupByLanguage(registry: Registry, files: readonly SourceFile[], config: ResolvedConfig) {
  const groups = new Map<Language, SourceFile[]>();
  for (const file of files) {
    const language = registry.languageOf(file.relativePath, config);
    if (!language) continue;
    const group = groups.get(language);
    if (group) group.push(file);
    else groups.set(language, [file]);
  }
  return groups;
}

function isOffEverywhere(rule: Rule, unit: AnalysisUnit, config: ResolvedConfig, registry: Registry): boolean {
  const ids = registry.idsOf(rule);
  return unit.files.every((f) => ruleSettingFor(config, ids, f.relativePath).severity === 'off');
}

function runRule(rule: Rule, unit: AnalysisUnit, config: ResolvedConfig, out: Finding[]): void {
  const options = { ...rule.meta.defaultOptions, ...config.rules[rule.meta.id]?.options };
  const primary = unit.files[0].path;
  const found: Finding[] = [];
  const report = (d: ReportDescriptor) => {
    const file = d.file === undefined ? primary : typeof d.file === 'string' ? d.file : d.file.path;
    found.push({
      ruleId: rule.meta.id,
      severity: d.severity ?? rule.meta.defaultSeverity,
      message: d.message,
      file,
      range: d.range,
      ...(d.fixes?.length ? { fixes: d.fixes } : {}),
      ...(d.related?.length ? { related: d.related } : {}),
    });
  };
  try {
    rule.check({ unit, config, options, report });
    out.push(...found);
  } catch (error) {
    out.push(internalError(primary, `rule ${rule.meta.id} failed on this file (the other rules still ran)`, error));
  }
}

export function internalError(file: string, what: string, error: unknown): Finding {
  const detail = error instanceof Error ? error.message : String(error);
  return {
    ruleId: 'meta/internal-error',
    severity: 'error',
    message: `${what}: ${detail.split('\n')[0].slice(0, 300)}`,
    file,
    range: ZERO_RANGE,
  };
}

function withConfiguredSeverity(
  finding: Finding,
  config: ResolvedConfig,
  registry: Registry,
  relativePath: string,
): Finding | undefined {
  const rule = registry.rule(finding.ruleId);
  const ids = rule ? registry.idsOf(rule) : [finding.ruleId];
  const setting = ruleSettingFor(config, ids, relativePath).severity;
  if (setting === 'off') return undefined;
  // A finding below its rule's default (a local development key as `info`) stays below a raised severity.
  const severity: Severity =
    setting && (!rule || finding.severity === rule.meta.defaultSeverity) ? setting : finding.severity;
  return { ...finding, severity };
}

function applySuppressions(
  findings: Finding[],
  byLanguage: Map<Language, SourceFile[]>,
  options: LintOptions,
  registry: Registry,
  ranRules: ReadonlySet<string>,
) {
  const suppressionsByFile = new Map<string, Suppression[]>();
  for (const [language, files] of byLanguage) {
    for (const file of files) {
      if (options.focus && !options.focus.has(file.path)) continue;
      try {
        const list = parseSuppressions(language, file);
        if (list.length) suppressionsByFile.set(file.path, list);
      } catch {
        // A file whose comments cannot be read has no suppressions; its parse error is reported by its language.
      }
    }
  }
  let suppressed = 0;
  const kept = findings.filter((finding) => {
    if (finding.ruleId.startsWith('meta/')) return true;
    const rule = registry.rule(finding.ruleId);
    const ids = rule ? registry.idsOf(rule) : [finding.ruleId];
    const hit = (suppressionsByFile.get(finding.file) ?? []).filter((s) => suppresses(s, finding, ids));
    if (hit.length) suppressed++;
    return hit.length === 0;
  });
  const externallyReported = new Set((options.extraFindings ?? []).map((f) => f.ruleId));
  const meta: Finding[] = [];
  for (const list of suppressionsByFile.values()) {
    for (const s of list) meta.push(...suppressionProblems(s, registry, ranRules, externallyReported));
  }
  return { kept, suppressed, meta };
}

function suppressionProblems(
  s: Suppression,
  registry: Registry,
  ranRules: ReadonlySet<string>,
  externallyReported: ReadonlySet<string>,
): Finding[] {
  const problems: Finding[] = [];
  const at = { file: s.file, range: s.range };
  if (s.ruleIds.length === 0) {
    problems.push({
      ruleId: 'meta/suppression-without-reason',
      severity: 'warning',
      message: 'This supaguard-ignore comment names no rule: write `supaguard-ignore <rule-id>: <reason>`.',
      ...at,
    });
    return problems;
  }
  if (!s.reason) {
    problems.push({
      ruleId: 'meta/suppression-without-reason',
      severity: 'warning',
      message: `The suppression of ${s.ruleIds.join(', ')} gives no reason: add \`: <why this is safe>\` so reviewers can judge it.`,
      ...at,
    });
  }
  for (const id of s.ruleIds) {
    const rule = registry.rule(id);
    if (!rule) {
      problems.push({ ruleId: 'meta/unused-suppression', severity: 'warning', message: `Unknown rule id ${id} in a supaguard-ignore comment.`, ...at });
      continue;
    }
    // Rules that did not run here (verified-mode or probe rules in a static scan, rules turned off) cannot be judged.
    const judged = ranRules.has(rule.meta.id) || externallyReported.has(rule.meta.id);
    if (judged && !s.used.has(id)) {
      problems.push({
        ruleId: 'meta/unused-suppression',
        severity: 'warning',
        message: `The suppression of ${id} matches no finding${s.wholeFile ? ' in this file' : ' on the next statement'}: remove it.`,
        ...at,
      });
    }
  }
  return problems;
}

function redactFinding(finding: Finding): Finding {
  const fixes = finding.fixes
    ?.filter((fix) => !fix.edits.some((e) => containsSecret(e.newText)))
    .map((fix) => ({ ...fix, title: redactSecrets(fix.title) }));
  return {
    ...finding,
    message: redactSecrets(finding.message),
    ...(fixes ? { fixes } : {}),
    ...(finding.related ? { related: finding.related.map((r) => ({ ...r, message: redactSecrets(r.message) })) } : {}),
  };
}
