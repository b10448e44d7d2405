import type { AnalysisUnit, Language, LanguageId } from './language';
import { ruleChecks, type Rule } from './rule';
import { allRules } from '../rules';
import { allLanguages } from '../languages';

/** The one place rules and languages are known; front ends and tests ask it. */
export class Registry {
  private readonly byId = new Map<string, Rule>();

  constructor(
    readonly rules: readonly Rule[],
    readonly languages: readonly Language[],
  ) {
    for (const rule of rules) {
      for (const id of [rule.meta.id, ...(rule.meta.aliases ?? [])]) {
        if (this.byId.has(id)) throw new Error(`rule id registered twice: ${id}`);
        this.byId.set(id, rule);
      }
    }
  }

  /** A rule by its id or one of its aliases. */
  rule(id: string): Rule | undefined {
    return this.byId.get(id);
  }

  rulesOf<Unit extends AnalysisUnit>(language: LanguageId): Rule<Unit>[] {
    return this.rules.filter((r) => ruleChecks(r, language)) as unknown as Rule<Unit>[];
  }

  /** The language that lints a root-relative path, if any. */
  languageOf(relativePath: string, config: Parameters<Language['claims']>[1]): Language | undefined {
    return this.languages.find((l) => l.claims(relativePath, config));
  }

  /** Loads every language's parser; call once before `lint`. `scan` does it for you. */
  async load(): Promise<void> {
    this.loading ??= Promise.all(this.languages.map((l) => l.load?.())).then(() => undefined);
    return this.loading;
  }

  private loading: Promise<void> | undefined;

  idsOf(rule: Rule): string[] {
    return [rule.meta.id, ...(rule.meta.aliases ?? [])];
  }
}

export const registry = new Registry(allRules, allLanguages);
