import type { Finding, Fix, Range, RelatedLocation, Severity } from './finding';
import type { ResolvedConfig } from './config';
import type { AnalysisUnit, LanguageId } from './language';
import type { SourceFile } from './source-file';

export type RuleDomain = 'sql' | 'mcp' | 'code' | 'env' | 'meta';

export interface RuleMeta {
  /** `domain/kebab-name`; stable forever once released. */
  id: string;
  defaultSeverity: Severity;
  /** One line for listings, SARIF `shortDescription`, and the docs' title. */
  description: string;
  /** Earlier ids of this rule, still honoured in config and suppressions. */
  aliases?: string[];
  /**
   * `static` rules run on every scan; `verified` rules only in verified mode (SPEC §9),
   * `probe` rules only when MCP servers are probed (SPEC §8), `engine` rules are reported by the engine itself.
   */
  mode?: 'static' | 'verified' | 'probe' | 'engine';
  /** Options a rule accepts, with defaults; `supaguard.jsonc` may override them. */
  defaultOptions?: Record<string, unknown>;
}

export interface ReportDescriptor {
  message: string;
  /** Defaults to the unit's primary file. */
  file?: SourceFile | string;
  range: Range;
  fixes?: Fix[];
  related?: RelatedLocation[];
  /** Overrides the rule's default severity for this finding (e.g. a local development key is `info`). */
  severity?: Severity;
}

export interface RuleContext<Unit extends AnalysisUnit = AnalysisUnit> {
  unit: Unit;
  config: ResolvedConfig;
  options: Record<string, unknown>;
  report(descriptor: ReportDescriptor): void;
}

export interface Rule<Unit extends AnalysisUnit = AnalysisUnit> {
  meta: RuleMeta;
  /** The language whose units the rule checks; several when one concern spans them (a secret in `.env*` files and in code). */
  language: LanguageId | readonly LanguageId[];
  check(context: RuleContext<Unit>): void;
}

export function ruleChecks(rule: Rule, language: LanguageId): boolean {
  return typeof rule.language === 'string' ? rule.language === language : rule.language.includes(language);
}

/** For rules whose findings come from outside `check` (engine, verified mode, probes). */
export function metadataOnly(meta: RuleMeta, language: LanguageId): Rule {
  return { meta, language, check: () => undefined };
}

export type { Finding };
